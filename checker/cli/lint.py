"""`checker lint PATH... [--against REF...]`: check articles, print findings like a linter.

Settings follow the files (`checker.project`): each article is checked with the nearest
`checker.yaml`, `.checker.yaml` or `pyproject.toml` `[tool.checker]` above it, or with
`--config FILE`; options given on the command line replace the files' values. After the
rules run, inline suppressions drop findings (and report the unused ones), then a baseline
drops the findings it records; what is left is printed in the chosen format.

Exit codes: 0 when no finding reaches --fail-on, 1 when one does, 2 for a usage error (a path
without articles), a bad rule or configuration file, or an input that could not be read (the
others are still checked and printed).
"""
from __future__ import annotations

import os
import sys
from collections.abc import Iterable

import click

from checker import suppressions
from checker.cli.common import (Progress, cache_directory, extraction_options, file_texts,
                                follow_links_option, input_options, recent_file_texts,
                                refuse_overwriting, report_failures, run_options,
                                settings_errors, sorted_failures, split_skipped, write_output)
from checker.cli.rules import (
    EXIT_CONFIG, EXIT_FINDINGS, EXIT_OK, fail, rules_option, set_option,
)
from checker.findings import SEVERITIES, Finding, reaches, sort_findings
from checker.outputs.text import OUTPUT_FORMATS, color_wanted
from checker.project import Plan, lint_paths, read_text
from checker.wording import plural

FORMATS: tuple[str, ...] = ("text", "json", "jsonl", "rdjsonl", "sarif", "github", "junit")


def finding_paths(findings: Iterable[Finding]) -> set[str]:
    """The files findings and their related claims point to."""
    paths = set()
    for f in findings:
        paths.add(f.path)
        paths.update(str(c.get("path")) for c in f.related if c.get("path"))
    return paths


# --- findings after the rules ---------------------------------------------------------------------

def render(fmt: str, findings: list[Finding], failures: list, *, rules: list,
           texts: dict[str, str], files: list[str], color: bool) -> str:
    """The findings in format `fmt` (no trailing newline)."""
    from checker.outputs import github, jsonl, junit, rdjsonl, sarif
    from checker.outputs import json as json_output
    from checker.outputs import text as text_output
    if fmt == "text":
        return text_output.render(findings, failures, color=color)
    if fmt == "json":
        return json_output.render(findings, failures)
    if fmt == "jsonl":
        return jsonl.render(findings, failures)
    if fmt == "rdjsonl":
        return rdjsonl.render(findings, failures, texts=texts)
    if fmt == "sarif":
        return sarif.render(findings, failures, rules=rules, texts=texts)
    if fmt == "github":
        return github.render(findings, failures)
    return junit.render(findings, failures, files=files)


def write_chunks(chunks: Iterable[str], output: str | None, color: bool) -> None:
    """Write the output's text, chunk by chunk, and a final newline (nothing when empty) to
    standard output or the file `output`."""
    chunks = (c for c in chunks if c)
    first = next(chunks, None)
    if first is None:
        if output:
            write_output("", output)
        return
    if not output:
        click.echo(first, nl=False, color=color or None)
        for chunk in chunks:
            click.echo(chunk, nl=False, color=color or None)
        click.echo("")
        return
    with open(output, "w", encoding="utf-8") as fh:
        fh.write(first)
        for chunk in chunks:
            fh.write(chunk)
        fh.write("\n")


def append_step_summary(findings: list[Finding], failures: list) -> None:
    """Append the Markdown table to $GITHUB_STEP_SUMMARY when GitHub Actions sets it."""
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if not path:
        return
    from checker.outputs import github
    try:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(github.summary(findings, failures) + "\n")
    except OSError as e:
        click.echo(f"checker: cannot write the job summary to {path}: {e.strerror or e}", err=True)


def write_baseline_file(path: str, findings: list[Finding]) -> None:
    """Write the baseline of `findings`, keyed relative to the file's folder; errors exit 2."""
    from checker import baseline
    root = os.path.dirname(os.path.abspath(path))
    try:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(baseline.render(findings, root))
    except OSError as e:
        fail(f"{path}: cannot write the baseline: {e.strerror or e}")
    click.echo(f"Wrote a baseline of {plural(len(findings), 'finding')} to {path}.", err=True)


def apply_baseline(path: str, findings: list[Finding]) -> tuple[list[Finding], int]:
    """The findings the baseline file at `path` does not record; a bad file exits 2."""
    from checker import baseline
    if not os.path.exists(path):
        fail(f"{path}: baseline file not found (create it with --write-baseline {path})")
    with settings_errors():
        text = read_text(path, "baseline file")
    try:
        known = baseline.parse(text)
    except baseline.BaselineError as exc:
        fail(f"{path}: {exc}")
    return baseline.new_findings(findings, known, os.path.dirname(os.path.abspath(path)))


# --- the command --------------------------------------------------------------------------------

@click.command("lint")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--against", multiple=True, type=click.Path(exists=True), metavar="REF",
              help="Reference articles (files or folders): compared with, never reported on. "
                   "A file also given as PATH is checked. Repeatable. [default: the config's "
                   "`against`]")
@rules_option
@click.option("--select", multiple=True, metavar="ID,...",
              help="Apply only these rules (ids or rule types, comma-separated; "
                   "`unused-suppression` reports stale suppression comments).")
@click.option("--ignore", multiple=True, metavar="ID,...",
              help="Skip these rules (ids or rule types, comma-separated).")
@set_option
@click.option("--exit-zero", is_flag=True,
              help="Exit 0 even when findings reach --fail-on (input and rule errors still exit 2).")
@click.option("--fail-on", type=click.Choice(list(reversed(SEVERITIES))), default=None,
              help="Exit 1 when a finding is at least this severe. [default: error]")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="text",
              show_default=True, help="Output format.")
@click.option("--output-format", "text_format", type=click.Choice(list(OUTPUT_FORMATS)),
              default="full", show_default=True,
              help="With --format text: `full` shows each finding's source line with a caret "
                   "and the claims it involves; `concise` is one line a finding.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write the findings to FILE instead of standard output.")
@click.option("--no-color", is_flag=True,
              help="No colour in text output (also: the NO_COLOR environment variable).")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False), metavar="FILE",
              help="Do not report the findings recorded in FILE (see --write-baseline).")
@click.option("--write-baseline", type=click.Path(dir_okay=False), metavar="FILE",
              help="Record the current findings in FILE and exit 0 (2 if an input failed).")
@click.option("--changed-since", metavar="REF",
              help="Report only on the articles under PATH that git says changed since REF "
                   "(committed, staged, modified or new); every other article under PATH, and "
                   "--against, is the reference.")
@run_options
@input_options
@extraction_options
@follow_links_option
def lint_command(paths: tuple[str, ...], against: tuple[str, ...], rule_dirs: tuple[str, ...],
                 select: tuple[str, ...], ignore: tuple[str, ...], overrides: tuple[str, ...],
                 exit_zero: bool, fail_on: str | None, fmt: str, text_format: str,
                 output: str | None, no_color: bool, config_file: str | None,
                 baseline_file: str | None, write_baseline: str | None,
                 changed_since: str | None, outlet: str | None, published: str | None,
                 lang: str | None, jobs: int, cache_dir: str | None, no_cache: bool,
                 gazetteer_files: tuple[str, ...], quiet: bool, follow_links: bool) -> None:
    """Check articles for unsourced figures, contradictions and other inconsistencies."""
    from checker.cli.common import options_from
    from checker.pipeline import default_jobs

    options = options_from(config_file=config_file, rule_dirs=rule_dirs, overrides=overrides,
                           select=select, ignore=ignore, against=against, outlet=outlet,
                           published=published, lang=lang, gazetteer_files=gazetteer_files,
                           fail_on=fail_on, follow_links=follow_links)
    progress = Progress(quiet)
    try:
        with settings_errors():
            run, run_plan = lint_paths(paths, options, changed_since=changed_since,
                                       jobs=jobs or default_jobs(),
                                       cache_dir=cache_directory(cache_dir, no_cache),
                                       progress=progress.callback)
    finally:
        progress.close()
    refuse_overwriting([output or "", write_baseline or ""], run_plan.files)
    if changed_since and not run_plan.targets:
        click.echo(f"--changed-since {changed_since}: no article under {', '.join(paths)} "
                   "changed", err=True)
    findings = run.findings
    failures, skipped = split_skipped(sorted_failures(run.failures))

    if write_baseline:
        write_baseline_file(write_baseline, findings)
        report_failures(failures, skipped)
        raise SystemExit(EXIT_CONFIG if failures else EXIT_OK)
    findings = baselined(findings, run_plan, baseline_file)

    to_stdout = output in (None, "-")
    color = fmt == "text" and to_stdout and color_wanted(no_color, sys.stdout.isatty(), os.environ)
    described = described_rules(run_plan)
    texts = file_texts(finding_paths(findings)) if fmt in ("sarif", "rdjsonl") else {}
    if fmt in ("json", "text"):  # written a finding at a time: an archive's findings are many
        from checker.outputs import json as json_output
        from checker.outputs import text as text_output
        notices = [f for f in skipped if f.notice]
        chunks = (json_output.chunks(findings, failures, notices) if fmt == "json"
                  else text_output.chunks(findings, failures, color=color, output_format=text_format,
                                          texts=recent_file_texts()))
    else:
        chunks = iter([render(fmt, findings, failures, rules=described, texts=texts,
                              files=run.targets, color=color)])
    try:
        write_chunks(chunks, None if to_stdout else output, color)
    except OSError as e:
        fail(f"{output}: cannot write the output: {e.strerror or e}")
    if fmt == "github":
        append_step_summary(findings, failures)
    report_failures(failures, skipped)
    code = exit_code(findings, failures, fail_on_of(run_plan))
    raise SystemExit(EXIT_OK if exit_zero and code == EXIT_FINDINGS else code)


def described_rules(run_plan: Plan) -> list:
    """The rules that ran, each once (and the suppression rule when its findings are wanted)."""
    rules: dict[str, object] = {}
    for scope in run_plan.scopes:
        rules.update({r.id: r for r in scope.chosen if r.id not in rules})
        if scope.selection.reports:
            rules.setdefault(suppressions.RULE.id, suppressions.RULE)
    return list(rules.values())


def baselined(findings: list[Finding], run_plan: Plan, baseline_file: str | None) -> list[Finding]:
    """The findings no baseline records: `--baseline FILE` for all, else each scope's own."""
    if baseline_file:
        return apply_baseline(baseline_file, findings)[0]
    out = []
    for scope, mine in by_scope(findings, run_plan):
        out += apply_baseline(scope.config.baseline, mine)[0] if scope.config.baseline else mine
    return sort_findings(out)


def by_scope(findings: list[Finding], run_plan: Plan):
    """(scope, its findings) for each scope of the run."""
    scope_of = {f: scope for scope in run_plan.scopes for f in scope.targets}
    for scope in run_plan.scopes:
        yield scope, [f for f in findings if scope_of.get(f.path) is scope]


def fail_on_of(run_plan: Plan):
    """Each finding's threshold: its scope's `fail_on` (or --fail-on)."""
    scope_of = {f: scope for scope in run_plan.scopes for f in scope.targets}
    return lambda finding: scope_of[finding.path].fail_on if finding.path in scope_of else "error"


def exit_code(findings: Iterable, failures: Iterable, fail_on) -> int:
    """2 when an input failed, else 1 when a finding reaches `fail_on` (a severity, or a
    function of the finding giving one), else 0."""
    if list(failures):
        return EXIT_CONFIG
    threshold = fail_on if callable(fail_on) else (lambda _: fail_on)
    return EXIT_FINDINGS if any(reaches(f.severity, threshold(f)) for f in findings) else EXIT_OK
