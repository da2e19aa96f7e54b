"""`checker claims`: every checkable claim of the articles, as the claims frame."""
from __future__ import annotations

import click

from checker.cli.common import EXIT_ERROR, defaults_from, input_options, report_failures, write_output
from checker.outputs import claims as out
from checker.pipeline import extract, load_articles


@click.command("claims")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(out.FORMATS), default="table", show_default=True,
              help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE instead of standard output.")
@input_options
def claims_command(paths, fmt, output, outlet, published, lang):
    """List the figures and dates of the articles under PATHS, with subjects and sources."""
    if fmt == "parquet" and not output:
        raise click.UsageError("--format parquet needs -o FILE")
    articles, failures = load_articles(list(paths), defaults_from(outlet, published, lang))
    frame, more = extract(articles)
    failures += more
    render = {"table": out.to_table, "csv": out.to_csv, "jsonl": out.to_jsonl,
              "parquet": out.to_parquet}.get(fmt)
    data = out.to_json(frame, [str(f) for f in failures]) if fmt == "json" else render(frame)
    write_output(data, output)
    report_failures(failures)
    if failures:
        raise SystemExit(EXIT_ERROR)
