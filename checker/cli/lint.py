"""`checker lint PATH... [--against REF...]`: check articles, print findings like a linter.

Exit codes: 0 when no finding reaches --fail-on, 1 when one does, 2 for a usage error, a bad
rule file, or an input that could not be read (the others are still checked and printed).
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable

import click

from checker.checks import article_keys
from checker.cli.common import defaults_from, input_options, report_failures
from checker.cli.rules import (
    EXIT_CONFIG, EXIT_FINDINGS, EXIT_OK, fail, load_ruleset, rules_option, set_option,
)
from checker.findings import SEVERITIES, reaches
from checker.lint import lint, unknown_selectors
from checker.outputs import json as json_output
from checker.outputs import text as text_output

FORMATS: dict[str, Callable] = {"text": text_output.render, "json": json_output.render}


def same_file(path: str) -> str:
    """A path compared as the file it names, however it was written."""
    return os.path.realpath(path)


def target_keys(claims, target_paths: set[str]) -> set[str]:
    """Article keys of the claims read from the target files."""
    if claims.empty:
        return set()
    from_target = claims["path"].astype(str).map(same_file).isin(target_paths)
    return set(article_keys(claims)[from_target])


@click.command("lint")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--against", multiple=True, type=click.Path(exists=True), metavar="REF",
              help="Reference articles (files or folders): compared with, never reported on. "
                   "A file also given as PATH is checked. Repeatable.")
@rules_option
@click.option("--select", multiple=True, metavar="ID,...",
              help="Apply only these rules (ids or rule types, comma-separated).")
@click.option("--ignore", multiple=True, metavar="ID,...",
              help="Skip these rules (ids or rule types, comma-separated).")
@set_option
@click.option("--exit-zero", is_flag=True,
              help="Exit 0 even when findings reach --fail-on (input and rule errors still exit 2).")
@click.option("--fail-on", type=click.Choice(list(reversed(SEVERITIES))), default="error",
              show_default=True, help="Exit 1 when a finding is at least this severe.")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="text",
              show_default=True, help="Output format.")
@input_options
def lint_command(paths: tuple[str, ...], against: tuple[str, ...], rule_dirs: tuple[str, ...],
                 select: tuple[str, ...], ignore: tuple[str, ...], overrides: tuple[str, ...],
                 exit_zero: bool, fail_on: str, fmt: str, outlet: str | None,
                 published: str | None, lang: str | None) -> None:
    """Check articles for unsourced figures, contradictions and other inconsistencies."""
    rules = load_ruleset(rule_dirs, overrides)
    for option, names in (("--select", select), ("--ignore", ignore)):
        if unknown := unknown_selectors(rules, names):
            fail(f"{option}: unknown rule or rule type: {', '.join(unknown)} "
                 f"(see `checker rules list`)")
    from checker.gazetteer import default_gazetteer  # the pipeline is loaded only to lint
    from checker.pipeline import extract, load_articles

    defaults = defaults_from(outlet, published, lang)
    loaded, failures = load_articles(list(paths), defaults)
    articles = list(loaded)
    target_paths = {same_file(a.path) for a in articles}
    references, ref_failures = load_articles(list(against), defaults) if against else ([], [])
    articles += [a for a in references if same_file(a.path) not in target_paths]
    gazetteer = default_gazetteer()
    claims, extract_failures = extract(articles, gazetteer)
    failures = list(failures) + list(ref_failures) + list(extract_failures)

    findings = lint(claims, rules, target_keys(claims, target_paths), select or None,
                    ignore or None, gazetteer=gazetteer)
    click.echo(FORMATS[fmt](findings, failures))
    report_failures(failures)
    code = exit_code(findings, failures, fail_on)
    raise SystemExit(EXIT_OK if exit_zero and code == EXIT_FINDINGS else code)


def exit_code(findings: Iterable, failures: Iterable, fail_on: str) -> int:
    """2 when an input failed, else 1 when a finding reaches `fail_on`, else 0."""
    if list(failures):
        return EXIT_CONFIG
    return EXIT_FINDINGS if any(reaches(f.severity, fail_on) for f in findings) else EXIT_OK
