"""Options and helpers shared by the commands: input defaults, failures, output files."""
from __future__ import annotations

import sys

import click

from checker.article import Failure
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


def report_failures(failures: list[Failure]) -> None:
    """One line a failed input on standard error: `path:line: what was wrong`."""
    for f in failures:
        click.echo(f"{f}", err=True)
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
