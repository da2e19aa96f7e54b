"""`checker claims`: every checkable claim of the articles, as the claims frame.

Each article is read with the settings of its nearest configuration (`defaults`,
`front_matter`, `gazetteer`; `include` and `exclude` inside a folder given), or of `--config`.
"""
from __future__ import annotations

import click

from checker.cli.common import (EXIT_ERROR, Progress, cache_directory, extraction_options,
                                follow_links_option, input_options, options_from,
                                refuse_overwriting, report_failures, run_options, settings_errors,
                                sorted_failures, split_skipped, write_output)
from checker.outputs import claims as out


@click.command("claims")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(out.FORMATS), default="table", show_default=True,
              help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE instead of standard output.")
@run_options
@input_options
@extraction_options
@follow_links_option
def claims_command(paths, fmt, output, config_file, outlet, published, lang, jobs, cache_dir,
                   no_cache, gazetteer_files, quiet, follow_links):
    """List the figures and dates of the articles under PATHS, with subjects and sources."""
    from checker.pipeline import default_jobs
    from checker.project import read_paths

    if fmt == "parquet" and not output:
        raise click.UsageError("--format parquet needs -o FILE")
    options = options_from(config_file=config_file, outlet=outlet, published=published, lang=lang,
                           gazetteer_files=gazetteer_files, follow_links=follow_links)
    progress = Progress(quiet)
    try:
        with settings_errors():
            run = read_paths(paths, options, jobs=jobs or default_jobs(),
                             cache_dir=cache_directory(cache_dir, no_cache),
                             progress=progress.callback)
    finally:
        progress.close()
    refuse_overwriting([output or ""], run.files)
    frame = run.claims
    failures, skipped = split_skipped(sorted_failures(run.failures))
    render = {"table": out.to_table, "csv": out.to_csv, "jsonl": out.to_jsonl,
              "parquet": out.to_parquet}.get(fmt)
    data = (out.to_json(frame, [str(f) for f in failures], [str(f) for f in skipped if f.notice])
            if fmt == "json" else render(frame))
    write_output(data, output)
    report_failures(failures, skipped)
    if failures:
        raise SystemExit(EXIT_ERROR)
