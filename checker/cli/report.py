"""`checker report PATH... -o FILE`: the discrepancy report, as HTML, Markdown, CSV or XLSX.

The format follows the output's extension (`.html`, `.md`, `.csv`, `.xlsx`; a directory, or a
name without an extension, gets `report.html`, `report.md`, `claims.csv` and `findings.csv`);
`--format` forces one. `-o -` (the default) writes Markdown, or HTML with `--format html`, to
standard output. `-o FILE.csv` writes the claims to FILE.csv and the findings to
FILE-findings.csv.

The articles are read and checked as `checker lint` reads and checks them: each with its
nearest configuration (or `--config`), against its references, with its suppressions; the
report's findings are lint's.

A report of more than 500 articles (`--archive-above N`) is an archive report: the summary,
tables by outlet, by rule and by story, the quantities whose figures disagree, and the articles
with findings, each finding with its sentence, not every article's text; the HTML is written as
it is made. The CSV and XLSX outputs are the same in both layouts.

Exit codes: 0 when the report was written, 2 for a usage or rule error or when an input could
not be checked (the report is still written, with the failures listed). Findings never fail a
report: use `checker lint` for that.
"""
from __future__ import annotations

import datetime
import os

import click

from checker.cli.common import (cache_directory, follow_links_option, input_options, options_from,
                                refuse_overwriting, report_failures, run_options, settings_errors,
                                sorted_failures, split_skipped, write_output)
from checker.cli.rules import EXIT_CONFIG, EXIT_OK, fail, rules_option, set_option
from checker.report.files import ARCHIVE_ARTICLES, FORMATS


def timestamp_now() -> str:
    """Now (UTC), or SOURCE_DATE_EPOCH when it is set, for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc) if epoch and epoch.isdigit()
              else datetime.datetime.now(datetime.timezone.utc))
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def default_title(paths: tuple[str, ...]) -> str:
    if len(paths) == 1:
        name = os.path.basename(os.path.normpath(paths[0]))
        if name and name not in (".", os.sep):
            return f"Discrepancy report: {name}"
    return "Discrepancy report"


@click.command("report")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", default="-", show_default=True, metavar="FILE",
              help="Where to write: .html, .md, .csv, .xlsx, or a directory (all of html, md and "
                   "csv); '-' writes Markdown (or --format html) to standard output.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Force the format instead of taking it from the output's extension.")
@click.option("--against", multiple=True, type=click.Path(exists=True), metavar="REF",
              help="Reference articles (files or folders): compared with and shown, never "
                   "reported on. Repeatable. [default: the config's `against`]")
@rules_option
@set_option
@click.option("--gazetteer", "gazetteer_files", multiple=True,
              type=click.Path(exists=True, dir_okay=False), metavar="FILE",
              help="A YAML file of sources (the shape of checker/data/sources.yaml) merged over "
                   "the bundled gazetteer. Repeatable.")
@click.option("--title", default=None, help="The report's title.")
@click.option("--archive-above", "archive_above", type=click.IntRange(min=0), default=ARCHIVE_ARTICLES,
              show_default=True, metavar="N",
              help="A report of more than N articles is an archive report: summary tables (by "
                   "outlet, rule and story), the disagreements and the articles with findings, "
                   "each finding with its sentence, instead of every article's text.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0,
              help="Worker processes for extraction and for an archive's quantity groups "
                   "[default: all cores; 1 = serial].")
@click.option("--cache-dir", default=None, metavar="DIR", envvar="CHECKER_CACHE_DIR",
              help="Where extracted claims and lint runs are cached, shared with `checker lint` "
                   "[default: .checker-cache].")
@click.option("--no-cache", is_flag=True, help="Do not read or write the caches.")
@click.option("--timestamp", is_flag=True,
              help="Print when the report was made (off by default: same input, same bytes).")
@run_options
@input_options
@follow_links_option
def report_command(paths: tuple[str, ...], output: str, fmt: str | None, against: tuple[str, ...],
                   rule_dirs: tuple[str, ...], overrides: tuple[str, ...],
                   gazetteer_files: tuple[str, ...], title: str | None, archive_above: int,
                   jobs: int, cache_dir: str | None, no_cache: bool, timestamp: bool,
                   config_file: str | None, outlet: str | None, published: str | None,
                   lang: str | None, follow_links: bool) -> None:
    """Report who said what, credited to whom and when, across articles and outlets."""
    from checker.pipeline import collector_frozen, default_jobs
    from checker.project import report_paths
    from checker.report.files import output_paths, report_format, write_report

    try:
        fmt = report_format(output, fmt)
    except ValueError as e:
        raise click.UsageError(str(e)) from None
    if fmt == "xlsx":
        from checker.report.tables import XlsxUnavailable, require_openpyxl
        try:
            require_openpyxl()
        except XlsxUnavailable as e:
            fail(f"checker report: {e}")
    options = options_from(config_file=config_file, rule_dirs=rule_dirs, overrides=overrides,
                           against=against, outlet=outlet, published=published, lang=lang,
                           gazetteer_files=gazetteer_files, follow_links=follow_links)
    with settings_errors():
        run = report_paths(paths, options, title=title or default_title(paths),
                           timestamp=timestamp_now() if timestamp else None,
                           jobs=jobs or default_jobs(), threshold=archive_above,
                           cache_dir=cache_directory(cache_dir, no_cache))
    failures, skipped = split_skipped(sorted_failures(run.failures))
    # a report this tool wrote (skipped, not an input) may be replaced; an article may not
    left_out = {f.path for f in skipped}
    refuse_overwriting(output_paths(output, fmt), [f for f in run.files if f not in left_out])
    try:
        with collector_frozen():  # what the page is made of lives on: no collection walks it
            written = write_report(run.report, run.claims, run.findings, output, fmt, write_output)
    except OSError as e:
        fail(f"checker report: cannot write {output}: {e.strerror or e}")
    for path in written:
        click.echo(f"wrote {path}", err=True)
    report_failures(failures, skipped)
    raise SystemExit(EXIT_CONFIG if failures else EXIT_OK)
