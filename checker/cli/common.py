"""Options and helpers shared by the commands: input defaults, failures, output files."""
from __future__ import annotations

import sys
from collections.abc import Iterable

import click

from checker.article import Failure
from checker.outputs.safe import printable
from checker.readers import Defaults

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def input_options(func):
    """`--outlet/--published/--lang`: metadata for files that do not carry their own."""
    func = click.option("--lang", metavar="CODE", help="Language of files without metadata (it, en, es).")(func)
    func = click.option("--published", metavar="YYYY-MM-DD",
                        help="Publication date of files without metadata.")(func)
    func = click.option("--outlet", metavar="NAME", help="Outlet of files without metadata.")(func)
    return func


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
    return [f for f in failures if not f.skipped], [f for f in failures if f.skipped]


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
    """Exit 2 before anything is written when an output file is one of the input files: `-o`
    pointed at an article by mistake would replace it with findings."""
    import os

    from checker.cli.rules import fail
    wanted = {os.path.realpath(o): o for o in outputs if o and o != "-"}
    if not wanted:
        return
    for path in inputs:
        output = wanted.get(os.path.realpath(path))
        if output is not None:
            fail(f"{output}: is an input file ({path}); not overwritten: write the output elsewhere")


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


def gazetteer_entries(files: Iterable[tuple[str, bytes]]) -> dict[str, dict]:
    """The entries of the user's gazetteer files (path and bytes), merged in order. A file that
    is not a gazetteer exits 2 with `path:line: what is wrong`."""
    import yaml

    from checker.cli.rules import fail
    from checker.gazetteer import GazetteerError, load_gazetteer_yaml
    entries: dict[str, dict] = {}
    for path, data in files:
        try:  # a gazetteer may be large: no node limit, unlike rule and config files
            loaded = load_gazetteer_yaml(data) or {}
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None)
            fail(f"{path}{f':{mark.line + 1}' if mark else ''}: invalid YAML in gazetteer: "
                 f"{getattr(e, 'problem', None) or e}")
        except GazetteerError as e:
            fail(f"{path}{f':{e.line}' if e.line else ''}: {e.message}")
        if not isinstance(loaded, dict):
            fail(f"{path}: a gazetteer maps each source name to "
                 "{aliases: [...], part_of: ..., kind: ...}")
        entries.update({str(k): dict(v or {}) for k, v in loaded.items()})
    return entries


def load_gazetteer(files: Iterable[str], inline: dict[str, dict] | None = None):
    """The bundled gazetteer with `inline` entries (the configuration's) and the user's files
    merged over it, and a hash of those files' bytes. Compiled once for each content and kept,
    signed like the claims cache, in the user's cache folder: a gazetteer of 100,000 entries
    is then read in a fraction of a second instead of parsed and built again."""
    import hashlib
    import json

    from checker import cache
    from checker.cli.rules import fail
    from checker.gazetteer import Gazetteer, default_gazetteer, is_compiled, merged_gazetteer
    from checker.ruleset import collector_paused
    files = list(files)
    if not files and not inline:
        return default_gazetteer(), ""
    read: list[tuple[str, bytes]] = []
    digest = hashlib.sha256()
    for path in files:
        try:
            with open(path, "rb") as fh:
                read.append((path, fh.read()))
        except OSError as e:
            fail(f"{path}: cannot read the gazetteer file: {e.strerror or e}")
        digest.update(read[-1][1])
    key = hashlib.sha256("\0".join([cache.code_fingerprint(), json.dumps(inline or {}, sort_keys=True, default=str),
                                    digest.hexdigest()]).encode()).hexdigest()
    folder = compiled_gazetteers()
    try:
        with collector_paused():  # a million objects at once: no collection in the middle
            compiled = cache.read(folder, key, is_compiled)
    except cache.Untrusted:
        compiled = None
    if compiled is not None:
        return Gazetteer.from_compiled(compiled), digest.hexdigest()
    gazetteer = merged_gazetteer({**(inline or {}), **gazetteer_entries(read)})
    gazetteer.__dict__["_fingerprint"] = key  # what it is made of: no need to hash its entries
    cache.write(folder, key, gazetteer.compiled())
    return gazetteer, digest.hexdigest()


def compiled_gazetteers() -> str:
    """Where compiled gazetteers are kept: `$CHECKER_GAZETTEER_CACHE`, else the user's cache
    folder (beside the lemma tries)."""
    import os

    from platformdirs import user_cache_dir
    return os.environ.get("CHECKER_GAZETTEER_CACHE") or os.path.join(
        user_cache_dir("newsroom-checker"), "gazetteers")


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


def run_extraction(paths, defaults, *, jobs: int, cache_dir: str | None, no_cache: bool,
                   gazetteer_files=(), quiet: bool = False, keep_articles: bool = False,
                   include=(), exclude=(), follow_links: bool = False):
    """Extract claims with a progress bar on a terminal; returns the pipeline's Extraction."""
    from checker.pipeline import default_jobs, extract_paths
    gazetteer, digest = load_gazetteer(tuple(gazetteer_files))
    progress = Progress(quiet)
    try:
        run = extract_paths(list(paths), defaults, gazetteer=gazetteer,
                            jobs=jobs or default_jobs(),
                            cache_dir=cache_directory(cache_dir, no_cache),
                            cache_extra=digest, keep_articles=keep_articles,
                            include=include, exclude=exclude, follow_links=follow_links,
                            progress=progress.callback)
    finally:
        progress.close()
    return run, gazetteer
