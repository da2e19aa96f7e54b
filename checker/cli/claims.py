"""`checker claims`: every checkable claim of the articles, as the claims frame."""
from __future__ import annotations

import click

from checker.cli.common import (EXIT_ERROR, defaults_from, extraction_options, follow_links_option,
                                input_options,
                                refuse_overwriting, report_failures, run_extraction,
                                sorted_failures, split_skipped, write_output)
from checker.outputs import claims as out


@click.command("claims")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(out.FORMATS), default="table", show_default=True,
              help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE instead of standard output.")
@input_options
@extraction_options
@follow_links_option
def claims_command(paths, fmt, output, outlet, published, lang, jobs, cache_dir, no_cache,
                   gazetteer_files, quiet, follow_links):
    """List the figures and dates of the articles under PATHS, with subjects and sources."""
    if fmt == "parquet" and not output:
        raise click.UsageError("--format parquet needs -o FILE")
    run, _ = run_extraction(paths, defaults_from(outlet, published, lang), jobs=jobs,
                            cache_dir=cache_dir, no_cache=no_cache,
                            gazetteer_files=gazetteer_files, quiet=quiet, follow_links=follow_links)
    refuse_overwriting([output or ""], run.files)
    frame = run.claims
    failures, skipped = split_skipped(sorted_failures(run.failures))
    render = {"table": out.to_table, "csv": out.to_csv, "jsonl": out.to_jsonl,
              "parquet": out.to_parquet}.get(fmt)
    data = out.to_json(frame, [str(f) for f in failures]) if fmt == "json" else render(frame)
    write_output(data, output)
    report_failures(failures, skipped)
    if failures:
        raise SystemExit(EXIT_ERROR)
