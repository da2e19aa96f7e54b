"""`checker report PATH... -o FILE`: the discrepancy report, as HTML, Markdown, CSV or XLSX.

The format follows the output's extension (`.html`, `.md`, `.csv`, `.xlsx`; a directory, or a
name without an extension, gets `report.html`, `report.md`, `claims.csv` and `findings.csv`);
`--format` forces one. `-o -` (the default) writes Markdown, or HTML with `--format html`, to
standard output. `-o FILE.csv` writes the claims to FILE.csv and the findings to
FILE-findings.csv.

Exit codes: 0 when the report was written, 2 for a usage or rule error or when an input could
not be checked (the report is still written, with the failures listed). Findings never fail a
report: use `checker lint` for that.
"""
from __future__ import annotations

import datetime
import os

import click

from checker.cli.common import (defaults_from, follow_links_option, input_options, load_gazetteer,
                                refuse_overwriting,
                                report_failures, sorted_failures, split_skipped, write_output)
from checker.cli.rules import EXIT_CONFIG, EXIT_OK, fail, load_ruleset, rules_option, set_option

FORMATS = ("html", "md", "csv", "xlsx", "dir")
DIR_FILES = ("report.html", "report.md", "claims.csv", "findings.csv")  # what a directory gets
EXTENSIONS = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".csv": "csv",
              ".xlsx": "xlsx"}


def output_format(output: str, forced: str | None) -> str:
    """The format to write `output` in: `--format`, else the extension, else a directory."""
    if forced:
        fmt = forced
    elif output == "-":
        fmt = "md"
    elif os.path.isdir(output) or output.endswith(("/", os.sep)):
        fmt = "dir"
    else:
        ext = os.path.splitext(output)[1].lower()
        if not ext:
            fmt = "dir"
        elif ext in EXTENSIONS:
            fmt = EXTENSIONS[ext]
        else:
            raise click.UsageError(
                f"cannot tell the format of '{output}' from its extension '{ext}': use .html, .md, "
                f".csv, .xlsx or a directory, or --format {{{','.join(FORMATS)}}}")
    if output == "-" and fmt not in ("html", "md"):
        raise click.UsageError(f"--format {fmt} cannot be written to standard output: give a file "
                               f"or directory with -o")
    return fmt


def same_file(path: str) -> str:
    return os.path.realpath(path)


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
                   "reported on. Repeatable.")
@rules_option
@set_option
@click.option("--gazetteer", "gazetteer_path", type=click.Path(exists=True, dir_okay=False),
              metavar="FILE", help="A YAML file of sources (the shape of checker/data/sources.yaml) "
                                   "merged over the bundled gazetteer.")
@click.option("--title", default=None, help="The report's title.")
@click.option("--timestamp", is_flag=True,
              help="Print when the report was made (off by default: same input, same bytes).")
@input_options
@follow_links_option
def report_command(paths: tuple[str, ...], output: str, fmt: str | None, against: tuple[str, ...],
                   rule_dirs: tuple[str, ...], overrides: tuple[str, ...],
                   gazetteer_path: str | None, title: str | None, timestamp: bool,
                   outlet: str | None, published: str | None, lang: str | None,
                   follow_links: bool) -> None:
    """Report who said what, credited to whom and when, across articles and outlets."""
    fmt = output_format(output, fmt)
    if fmt == "xlsx":
        from checker.report.tables import XlsxUnavailable, require_openpyxl
        try:
            require_openpyxl()
        except XlsxUnavailable as e:
            fail(f"checker report: {e}")
    rules = load_ruleset(rule_dirs, overrides)
    from checker.checks import article_keys
    from checker.cli.lint import target_keys
    from checker.compare import quantity_groups
    from checker.lint import lint
    from checker.pipeline import default_jobs, extract, load_articles
    from checker.report import build_report

    defaults = defaults_from(outlet, published, lang)
    gazetteer, _ = load_gazetteer([gazetteer_path] if gazetteer_path else [])
    loaded, failures = load_articles(list(paths), defaults, follow_links=follow_links)
    articles = list(loaded)
    target_paths = {same_file(a.path) for a in articles}
    references, ref_failures = (load_articles(list(against), defaults, follow_links=follow_links)
                                if against else ([], []))
    articles += [a for a in references if same_file(a.path) not in target_paths]
    claims, extract_failures = extract(articles, gazetteer, jobs=default_jobs())
    failures, skipped = split_skipped(sorted_failures(list(failures) + list(ref_failures)
                                                      + list(extract_failures)))
    # a report this tool wrote (skipped, not an input) may be replaced; an article may not
    refuse_overwriting(output_paths(output, fmt), [a.path for a in articles] + [f.path for f in failures])

    targets = target_keys(claims, target_paths)
    reference_keys = set(article_keys(claims)) - targets if not claims.empty else set()
    findings = lint(claims, rules, targets, gazetteer=gazetteer)
    groups = quantity_groups(claims, gazetteer)
    report = build_report(claims, findings, articles, failures, groups,
                          title=title or default_title(paths),
                          timestamp=timestamp_now() if timestamp else None,
                          references=reference_keys)
    try:
        written = write_report(report, claims, findings, output, fmt)
    except OSError as e:
        fail(f"checker report: cannot write {output}: {e.strerror or e}")
    for path in written:
        click.echo(f"wrote {path}", err=True)
    report_failures(failures, skipped)
    raise SystemExit(EXIT_CONFIG if failures else EXIT_OK)


def output_paths(output: str, fmt: str) -> list[str]:
    """The files `write_report` writes for `output` in `fmt` (none for standard output)."""
    if output == "-":
        return []
    if fmt == "csv":
        stem = output[:-4] if output.lower().endswith(".csv") else output
        return [output, f"{stem}-findings.csv"]
    if fmt == "dir":
        return [os.path.join(output, name) for name in DIR_FILES]
    return [output]


def write_report(report, claims, findings, output: str, fmt: str) -> list[str]:
    """Write the report in `fmt` to `output`; the files written (none for standard output)."""
    from checker.report import html, markdown, tables

    if fmt in ("html", "md"):
        text = html.render(report) if fmt == "html" else markdown.render(report)
        write_output(text, output)
        return [] if output == "-" else [output]
    if fmt == "csv":
        claims_path, findings_path = output_paths(output, fmt)
        write_output(tables.claims_csv(claims), claims_path)
        write_output(tables.findings_csv(findings), findings_path)
        return [claims_path, findings_path]
    if fmt == "xlsx":
        write_output(tables.to_xlsx(claims, findings), output)
        return [output]
    os.makedirs(output, exist_ok=True)
    files = dict(zip(DIR_FILES, (html.render(report), markdown.render(report),
                                 tables.claims_csv(claims), tables.findings_csv(findings))))
    written = []
    for name, text in files.items():
        path = os.path.join(output, name)
        write_output(text, path)
        written.append(path)
    return written
