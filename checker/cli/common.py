"""Options and helpers shared by the commands: input defaults, failures, output files."""
from __future__ import annotations

import contextlib
import functools
import sys
from collections.abc import Iterable, Iterator

import click

from checker.article import Failure
from checker.outputs.safe import printable
from checker.project import Options, SettingsError
from checker.readers import Defaults

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def input_options(func):
    """`--outlet/--published/--lang`: metadata for files that do not carry their own."""
    func = click.option("--lang", metavar="CODE", help="Language of files without metadata (it, en, es).")(func)
    func = click.option("--published", metavar="YYYY-MM-DD",
                        help="Publication date of files without metadata.")(func)
    func = click.option("--outlet", metavar="NAME", help="Outlet of files without metadata.")(func)
    return func


def run_options(func):
    """`--config FILE`: one configuration for every article instead of each one's nearest."""
    return click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False),
                        metavar="FILE",
                        help="Use this configuration for every article [default: the nearest "
                             "checker.yaml, .checker.yaml or pyproject.toml [tool.checker] above "
                             "each article].")(func)


def options_from(*, overrides: Iterable[str] = (), published: str | None = None,
                 lang: str | None = None, **given) -> Options:
    """The run's Options from command-line values; a bad --set or --published is a usage error."""
    from checker.cli.rules import parse_overrides
    defaults = defaults_from(None, published, lang)
    return Options(overrides=parse_overrides(overrides), published=defaults.published,
                   lang=defaults.lang, **{k: tuple(v) if isinstance(v, (tuple, list)) else v
                                          for k, v in given.items()})


@contextlib.contextmanager
def settings_errors() -> Iterator[None]:
    """A run that cannot start (a bad configuration or rule file, a path without articles):
    its message on standard error, exit 2."""
    from checker.cli.rules import fail
    from checker.article import NoArticles
    from checker.ruleset import RuleError
    try:
        yield
    except (SettingsError, RuleError, NoArticles) as exc:
        fail(str(exc))


def file_text(path: str) -> str | None:
    """An article file's text as claim offsets count it (decoded, a BOM dropped), for the
    source lines of the output; None for a JSON Lines feed (offsets of a record) or a file
    that cannot be read or decoded now."""
    from checker.pipeline import read_file
    from checker.readers import file_kind
    from checker.readers.decode import DecodeError, decode_bytes
    kind = file_kind(path)
    data, failure = read_file(path)
    if failure or kind in (None, "jsonl"):
        return None
    try:
        return decode_bytes(data, html=kind in ("html", "auto")).text
    except DecodeError:
        return None


def recent_file_texts():
    """`file_text` remembering the last two files a run asked for (findings come sorted by
    file); made per run, as a file may change between runs of one process."""
    return functools.lru_cache(maxsize=2)(file_text)


def file_texts(paths: Iterable[str]) -> dict[str, str]:
    """`file_text` of each of `paths` that has one."""
    texts = {path: file_text(path) for path in sorted(set(paths))}
    return {path: text for path, text in texts.items() if text is not None}


def defaults_from(outlet: str | None, published: str | None, lang: str | None) -> Defaults:
    """Input defaults from the command line, validated: a bad date is a usage error."""
    if published:
        from checker.readers.frontmatter import normalize_date
        iso = normalize_date(published)
        if not iso:
            raise click.BadParameter(f"{published!r} is not a date (expected YYYY-MM-DD)",
                                     param_hint="--published")
        published = iso
    return Defaults(outlet=outlet, published=published, lang=lang.lower() if lang else None)


def sorted_failures(failures: Iterable[Failure]) -> list[Failure]:
    """Failures by file, line and message: the same output whatever order the paths were given in."""
    return sorted(failures, key=lambda f: (f.path, f.line or 0, f.message))


def debug_wanted() -> bool:
    """Whether `checker --debug` was given (never when a command is invoked on its own)."""
    ctx = click.get_current_context(silent=True)
    obj = ctx.find_root().obj if ctx is not None else None
    return isinstance(obj, dict) and bool(obj.get("debug"))


def split_skipped(failures: list[Failure]) -> tuple[list[Failure], list[Failure]]:
    """The inputs that failed, and the files left out on purpose (reports this tool wrote),
    which are said on standard error but are neither failures nor part of the outputs."""
    return ([f for f in failures if not (f.skipped or f.notice)],
            [f for f in failures if f.skipped or f.notice])


def report_failures(failures: list[Failure], skipped: list[Failure] = ()) -> None:
    """One line a failed or skipped input on standard error: `path:line: what was wrong`;
    with `--debug`, an internal error's traceback after its line. Cache entries that were not
    used are one line for all of them (a cache committed to a repository fails them all)."""
    from checker.cache import is_untrusted_note
    debug = debug_wanted()
    notes = [f for f in skipped if is_untrusted_note(f)]
    for f in skipped:
        if not is_untrusted_note(f):
            click.echo(printable(str(f)), err=True)
    if notes:
        more = f" (and {len(notes) - 1} more cache entries)" if len(notes) > 1 else ""
        click.echo(printable(str(notes[0])) + more, err=True)
    for f in failures:
        click.echo(printable(str(f)), err=True)
        if debug and f.detail:
            click.echo(f.detail.rstrip("\n"), err=True)
    if failures:
        click.echo(f"{len(failures)} file{'s' if len(failures) != 1 else ''} could not be checked",
                   err=True)


def write_output(data: str | bytes, output: str | None) -> None:
    """Write to a file when `-o` names one, else to standard output."""
    if output and output != "-":
        mode = "wb" if isinstance(data, bytes) else "w"
        with open(output, mode, **({} if isinstance(data, bytes) else {"encoding": "utf-8"})) as fh:
            fh.write(data)
    elif isinstance(data, bytes):
        sys.stdout.buffer.write(data)
    else:
        click.echo(data, nl=False)


def refuse_overwriting(outputs: Iterable[str], inputs: Iterable[str]) -> None:
    """Exit 2 before anything is written when an output file is one of the input files, however
    it is named (a link, another path to it): `-o` pointed at an article by mistake would
    replace it with findings. An output that is not there yet is none of the inputs."""
    from checker.cli.rules import fail
    wanted = {identity: o for o in outputs if o and o != "-"
              if (identity := file_identity(o)) is not None}
    if not wanted:
        return
    for path in inputs:
        output = wanted.get(file_identity(path))
        if output is not None:
            fail(f"{output}: is an input file ({path}); not overwritten: write the output elsewhere")


def file_identity(path: str) -> tuple[int, int] | None:
    """The device and inode of the file `path` leads to (one system call, where a real path
    takes one a folder of it), or None when there is none."""
    import os
    try:
        found = os.stat(path)
    except (OSError, ValueError):
        return None
    return found.st_dev, found.st_ino


def follow_links_option(func):
    """`--follow-links`: read what symbolic links out of a checked directory point to."""
    return click.option("--follow-links", is_flag=True,
                        help="Follow symbolic links that lead out of a directory being checked "
                             "(by default they are skipped, with a note).")(func)


def extraction_options(func):
    """`--jobs`, `--cache-dir/--no-cache`, `--gazetteer`, `--quiet`: how claims are extracted."""
    func = click.option("-q", "--quiet", is_flag=True, help="No progress bar.")(func)
    func = click.option("--gazetteer", "gazetteer_files", multiple=True,
                        type=click.Path(exists=True, dir_okay=False),
                        help="Extra source gazetteer entries (YAML). Repeatable.")(func)
    func = click.option("--no-cache", is_flag=True, help="Do not read or write the claims cache.")(func)
    func = click.option("--cache-dir", default=None, metavar="DIR", envvar="CHECKER_CACHE_DIR",
                        help="Where extracted claims are cached [default: .checker-cache].")(func)
    func = click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, show_default=False,
                        help="Worker processes for extraction [default: all cores; 1 = serial].")(func)
    return func


class Progress:
    """A progress bar on standard error, only on a terminal and only for long runs."""

    def __init__(self, quiet: bool, label: str = "extracting") -> None:
        self.show = not quiet and sys.stderr.isatty()
        self.label = label
        self.bar = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None and total >= 50:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        if self.bar is not None:
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None

    @property
    def callback(self):
        return self if self.show else None


def cache_directory(cache_dir: str | None, no_cache: bool) -> str | None:
    """Where the claims cache lives, or None when it is turned off. The default folder in the
    working directory is refused (with a note: the run goes on without a cache) when it is a
    symbolic link, which could lead anywhere: a repository can commit `.checker-cache` as a
    link to make the checker write outside it. A folder given with --cache-dir is used as it is."""
    import os

    from checker.cache import DEFAULT_DIR
    if no_cache:
        return None
    if cache_dir:
        return cache_dir
    if os.path.islink(DEFAULT_DIR):
        click.echo(printable(f"{DEFAULT_DIR}: not used as the cache: it is a symbolic link (to "
                             f"{os.readlink(DEFAULT_DIR)!r}); give --cache-dir to use it"), err=True)
        return None
    return DEFAULT_DIR


