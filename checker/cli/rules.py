"""`checker rules list | show ID | test [ID...]`: document the rules and run their examples.

Exit codes: 0 when all is well, 1 when an example fails (`test`), 2 for a usage error, a bad
rule file or an unknown rule id.
"""
from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from typing import Any, NoReturn

import click
import yaml

from checker import checks
from checker.ruleset import Rule, RuleError, apply_overrides, load_rules, suggest
from checker.wording import plural

EXIT_OK, EXIT_FINDINGS, EXIT_CONFIG = 0, 1, 2

rules_option = click.option(
    "--rules", "rule_dirs", multiple=True, type=click.Path(exists=True),
    help="A directory (or file) of YAML rules, read after the bundled rules; a rule with the "
         "id of an earlier one replaces it. Repeatable.")
set_option = click.option(
    "--set", "overrides", multiple=True, metavar="RULE.KEY=VALUE",
    help="Change a rule's severity or one param without copying it: "
         "--set unsourced-figure.severity=info, --set name-variant.threshold=92. Repeatable.")


def parse_overrides(items: Iterable[str]) -> dict[str, dict[str, Any]]:
    """`RULE.KEY=VALUE` items as {rule: {severity?, params?}}; VALUE is read as YAML."""
    out: dict[str, dict[str, Any]] = {}
    for item in items:
        target, sep, raw = item.partition("=")
        rule_id, dot, key = target.rpartition(".")
        if not (sep and dot and rule_id and key):
            raise click.BadParameter(f"expected RULE.KEY=VALUE, not '{item}'", param_hint="--set")
        try:
            value = yaml.safe_load(raw) if raw.strip() else ""
        except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError):  # `2024-02-30`
            value = raw
        change = out.setdefault(rule_id, {})
        if key == "severity":
            change["severity"] = value
        else:
            change.setdefault("params", {})[key] = value
    return out


def fail(message: str) -> NoReturn:
    """Print a configuration error to stderr and exit 2 (each line `printable`: errors quote
    files that anyone may have written)."""
    from checker.outputs.safe import printable
    click.echo("\n".join(printable(line) for line in message.split("\n")), err=True)
    raise SystemExit(EXIT_CONFIG)


def load_ruleset(rule_dirs: Sequence[str] = (), overrides: Sequence[str] = ()) -> list[Rule]:
    """Bundled and user rules with `--set` overrides; every rule error printed, then exit 2."""
    changes = parse_overrides(overrides)
    try:
        return apply_overrides(load_rules(rule_dirs), changes, source="--set")
    except RuleError as exc:
        fail(str(exc))


def pick(rules: list[Rule], ids: Sequence[str]) -> list[Rule]:
    """The rules named by `ids` (all when none); an unknown id exits 2 with a suggestion."""
    if not ids:
        return rules
    by_id = {r.id: r for r in rules}
    for rule_id in ids:
        if rule_id not in by_id:
            fail(f"no rule '{rule_id}' " + suggest(rule_id, by_id, "rules"))
    return [by_id[i] for i in ids]


def first_sentence(text: str) -> str:
    line = " ".join(text.split())
    end = line.find(". ")
    return line if end < 0 else line[: end + 1]


def _value(value: Any) -> str:
    return yaml.safe_dump(value, default_flow_style=True, allow_unicode=True).strip().removesuffix("...").strip()


def describe(rule: Rule) -> str:
    """What `rules show` prints: the rule, its type's documentation, params and examples."""
    module = checks.rule_type(rule.type)
    lines = [f"{rule.id}  ({rule.type}, {rule.severity})", f"file: {rule.path}", "",
             rule.description, "", f"message: {rule.message}", "",
             f"rule type '{rule.type}':", textwrap.indent((module.__doc__ or "").strip(), "  "), ""]
    params = checks.settings_fields(module.Settings)
    if params:
        lines.append("params:")
        for name, tp, default, doc in params:
            value = getattr(rule.settings, name)
            changed = "" if value == default else f" (default {_value(default)})"
            lines.append(f"  {name}: {_value(value)}{changed}")
            if doc:
                lines.append(f"      {doc}")
        lines.append("")
    fields = checks.message_fields(module)
    if fields:
        lines.append("message fields:")
        lines += [f"  {{{name}}}: {doc}" for name, doc in fields.items()]
        lines.append("")
    lines.append("examples:")
    for example in rule.examples:
        if example.flag is None:
            verdict = "pass"
        elif isinstance(example.flag, int):
            verdict = f"flag {example.flag}"
        else:
            verdict = "flag " + ", ".join(f"'{s}'" for s in example.flag)
        lines.append(f"  - {verdict} [{example.snippet.lang}]: {example.snippet.text.strip()}")
        for ref in example.against:
            lines.append(f"      against [{ref.lang}] {ref.outlet or ''}: {ref.text.strip()}")
    return "\n".join(lines)


@click.group("rules")
def rules_group() -> None:
    """List, document and test the rules (bundled and from --rules directories)."""


@rules_group.command("list")
@rules_option
def list_command(rule_dirs: tuple[str, ...]) -> None:
    """One line a rule: id, type, severity and what it flags."""
    rules = load_ruleset(rule_dirs)
    width_id = max((len(r.id) for r in rules), default=2)
    width_type = max((len(r.type) for r in rules), default=4)
    for rule in sorted(rules, key=lambda r: r.id):
        click.echo(f"{rule.id:<{width_id}}  {rule.type:<{width_type}}  {rule.severity:<7}  "
                   f"{first_sentence(rule.description)}")


@rules_group.command("show")
@click.argument("rule_id")
@rules_option
def show_command(rule_id: str, rule_dirs: tuple[str, ...]) -> None:
    """Everything about one rule: what, why, params, message fields and examples."""
    [rule] = pick(load_ruleset(rule_dirs), [rule_id])
    click.echo(describe(rule))


@rules_group.command("test")
@click.argument("rule_ids", nargs=-1)
@rules_option
def test_command(rule_ids: tuple[str, ...], rule_dirs: tuple[str, ...]) -> None:
    """Run the examples of the rules (all, or those named): exit 1 if any fails."""
    from checker.rule_examples import run_examples

    rules = pick(load_ruleset(rule_dirs), rule_ids)
    failed = total = 0
    for rule in rules:
        try:
            results = run_examples(rule)
        except ImportError as exc:
            fail(f"cannot run examples: extraction is not available ({exc})")
        total += len(results)
        bad = [r for r in results if not r.ok]
        failed += len(bad)
        if not bad:
            click.echo(f"ok    {rule.id} ({plural(len(results), 'example')})")
        for result in bad:
            click.echo(f"FAIL  {result.path}:{result.line}: {rule.id} example {result.index + 1} "
                       f"({result.expected}): {result.problem}")
            for found in result.found:
                click.echo(f"        found {found}")
    click.echo(f"{plural(len(rules), 'rule')}, {plural(total, 'example')}, {failed} failed")
    raise SystemExit(EXIT_FINDINGS if failed else EXIT_OK)
