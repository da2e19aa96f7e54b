"""Rule files: every bad file gives clear errors with file and line; the CLI exits 2."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli.lint import lint_command
from checker.cli.rules import parse_overrides, rules_group
from checker.ruleset import (
    MAX_RULE_BYTES, RuleError, apply_overrides, load_rule_file, load_rules, load_yaml,
)

GOOD = """\
id: my-unsourced
type: unsourced
severity: warning
message: "unsourced figure: {text}{credits}"
description: Figures without a source.
params:
  min_value: 10
examples:
  - text: "Some 3,000 soldiers were moved."
    lang: en
    flag: 1
"""


def write(tmp_path: Path, text: str, name: str = "bad.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def errors_of(path: Path) -> list[str]:
    with pytest.raises(RuleError) as info:
        load_rule_file(path)
    return [str(e) for e in info.value.errors]


def test_good_rule_loads(tmp_path):
    rule = load_rule_file(write(tmp_path, GOOD, "good.yaml"))
    assert (rule.id, rule.type, rule.severity, rule.settings.min_value) == (
        "my-unsourced", "unsourced", "warning", 10.0)
    assert rule.examples[0].flag == 1 and rule.examples[0].line == 9
    assert rule.render({"text": "3,000 {soldiers}", "credits": ""}) == "unsourced figure: 3,000 {soldiers}"


@pytest.mark.parametrize("old, new, expected", [
    ("type: unsourced", "type: unsorced",
     "bad.yaml:2: unknown rule type 'unsorced' (did you mean 'unsourced'? valid types: "),
    ("severity: warning", "severty: warning",
     "bad.yaml:3: unknown key 'severty' in rule 'my-unsourced' (did you mean 'severity'? valid "
     "keys: id, type, severity, message, description, params, examples)"),
    ("severity: warning", "severity: fatal",
     "bad.yaml:3: 'severity' must be one of error, warning, info, not 'fatal'"),
    ("min_value: 10", "min_value: abc", "bad.yaml:7: params.min_value must be a number, not 'abc'"),
    ("min_value: 10", "min_valeu: 10",
     "bad.yaml:7: unknown param 'min_valeu' (did you mean 'min_value'? valid params: min_value, "
     "skip_subjects, skip_qualifiers, skip_units, max_credits)"),
    ("min_value: 10", "skip_units: percent",
     "bad.yaml:7: params.skip_units must be a list of strings, not 'percent'"),
    ("params:\n  min_value: 10", "params: 10", "bad.yaml:6: 'params' must be a mapping, not 10"),
    ("description: Figures without a source.\n", "",
     "bad.yaml:1: rule 'my-unsourced' is missing required key 'description'"),
    ("id: my-unsourced", "id: My Rule",
     "bad.yaml:1: 'id' must be lowercase letters, digits, '-', '_' or '.', not 'My Rule'"),
    ("message: \"unsourced figure: {text}{credits}\"", "message: \"{text.__class__}\"",
     "bad.yaml:4: 'message' placeholder '{text.__class__}' is not a plain field name "
     "(attribute and index access are not allowed)"),
    ("message: \"unsourced figure: {text}{credits}\"", "message: \"{text[0]}\"",
     "bad.yaml:4: 'message' placeholder '{text[0]}' is not a plain field name "
     "(attribute and index access are not allowed)"),
    ("message: \"unsourced figure: {text}{credits}\"", "message: \"{text:>99999999}\"",
     "bad.yaml:4: 'message' placeholder '{text}' may not have a format spec or conversion; "
     "write '{text}'"),
    ("message: \"unsourced figure: {text}{credits}\"", "message: \"{txt}\"",
     "bad.yaml:4: 'message' placeholder '{txt}' is not a field of this rule type (did you mean "
     "'text'? valid fields: "),
    ("message: \"unsourced figure: {text}{credits}\"", "message: \"{text\"",
     "bad.yaml:4: 'message' is not a valid template: expected '}' before end of string"),
    ("    flag: 1", "    flags: 1",
     "bad.yaml:11: unknown key 'flags' in examples[0] (did you mean 'flag'? valid keys: text, "
     "lang, published, outlet, against, flag, pass)"),
    ("    flag: 1", "    flag: 0",
     "bad.yaml:11: examples[0].flag must be a number of findings (1 or more) or a list of "
     "strings, not 0"),
    ("    flag: 1", "    flag: 1\n    pass: true", "bad.yaml:9: examples[0] must have either "
     "'flag' or 'pass: true'"),
    ("    lang: en", "    lang: en\n    published: 21/10/2024",
     "bad.yaml:11: examples[0].published must be a date YYYY-MM-DD, not '21/10/2024'"),
    ("    lang: en", "    lang: en\n    against: [{text: x, lang: en, outlt: Wire}]",
     "bad.yaml:11: unknown key 'outlt' in examples[0].against[0] (did you mean 'outlet'? valid "
     "keys: text, lang, published, outlet)"),
    ("severity: warning", "severity: warning\nseverity: error", "bad.yaml:4: duplicate key 'severity'"),
    ("type: unsourced", "type: [unsourced", "bad.yaml:3: invalid YAML: expected ',' or ']', but "
     "got ':' (while parsing a flow sequence at line 2)"),
    ("description: Figures without a source.", "description: 'Figures without",
     "bad.yaml:5: invalid YAML: while scanning a quoted scalar: found unexpected end of stream"),
    ("  min_value: 10", "  min_value: 10\n bad: indent",
     "bad.yaml:8: invalid YAML: expected <block end>, but found '<block mapping start>' (while "
     "parsing a block mapping at line 1)"),
])
def test_bad_rule_gives_one_clear_error(tmp_path, old, new, expected):
    assert old in GOOD
    [error] = errors_of(write(tmp_path, GOOD.replace(old, new)))
    assert error.startswith(str(tmp_path / expected)), error


def test_not_a_mapping(tmp_path):
    assert errors_of(write(tmp_path, "- id: x\n")) == [
        f"{tmp_path / 'bad.yaml'}:1: a rule file must be one YAML mapping, not a list"]
    assert errors_of(write(tmp_path, "")) == [
        f"{tmp_path / 'bad.yaml'}:1: the file is empty; a rule file is one YAML mapping"]


def test_alias_bomb_is_refused(tmp_path):
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        bomb.append(f"{chr(ord('a') + i)}: &{chr(ord('a') + i)} [*{prev}, *{prev}, *{prev}, "
                    f"*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]")
    path = write(tmp_path, GOOD + "\n".join(bomb) + "\n")
    assert errors_of(path) == [f"{path}:1: YAML aliases expand to more than 10,000 nodes"]


def test_recursive_alias_is_refused(tmp_path):
    path = write(tmp_path, "a: &a [*a]\n")
    assert errors_of(path) == [f"{path}:1: YAML aliases refer to themselves"]


def test_small_aliases_are_fine():
    assert load_yaml("base: &b {x: 1}\nother: *b\n", "a.yaml") == {"base": {"x": 1}, "other": {"x": 1}}


def test_huge_rule_file_is_refused(tmp_path):
    path = write(tmp_path, GOOD + "# " + "x" * MAX_RULE_BYTES + "\n")
    assert errors_of(path) == [f"{path}: rule file is larger than 1 MB"]


def test_not_utf8(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"id: caf\xe9\n")
    assert errors_of(path) == [f"{path}: rule file is not UTF-8 text (byte 7)"]


def test_all_errors_of_a_load_are_collected(tmp_path):
    write(tmp_path, GOOD.replace("severity: warning", "severity: fatal").replace(
        "min_value: 10", "min_value: abc"), "a.yaml")
    write(tmp_path, GOOD.replace("type: unsourced", "type: nope"), "b.yaml")
    with pytest.raises(RuleError) as info:
        load_rules([tmp_path], bundled=False)
    assert [(Path(e.path).name, e.line) for e in info.value.errors] == [
        ("a.yaml", 3), ("a.yaml", 7), ("b.yaml", 2)]
    assert str(info.value).count("\n") == 2


def test_bundled_rules_load_and_user_rules_replace_them(tmp_path):
    bundled = load_rules()
    ids = [r.id for r in bundled]
    assert {"unsourced-figure", "name-variant", "weekday-mismatch", "shares-over-100"} <= set(ids)
    assert all(r.examples for r in bundled)
    write(tmp_path, GOOD.replace("my-unsourced", "unsourced-figure"), "mine.yaml")
    rules = load_rules([tmp_path])
    assert [r.id for r in rules] == ids
    mine = next(r for r in rules if r.id == "unsourced-figure")
    assert mine.settings.min_value == 10.0 and mine.path.endswith("mine.yaml")


def test_overrides_change_severity_or_one_param(tmp_path):
    rules = [load_rule_file(write(tmp_path, GOOD, "good.yaml"))]
    [rule] = apply_overrides(rules, {"my-unsourced": {"severity": "error", "params": {"max_credits": 1}}})
    assert (rule.severity, rule.settings.min_value, rule.settings.max_credits) == ("error", 10.0, 1)
    assert rules[0].severity == "warning"  # the loaded rules are not changed


def test_override_errors_name_the_source_line(tmp_path):
    rules = [load_rule_file(write(tmp_path, GOOD, "good.yaml"))]
    overrides = load_yaml("my-unsorced: {severity: info}\nmy-unsourced:\n  severity: loud\n"
                          "  params: {min_value: many}\n  colour: red\n", "checker.yaml")
    with pytest.raises(RuleError) as info:
        apply_overrides(rules, overrides, source="checker.yaml")
    assert [str(e) for e in info.value.errors] == [
        "checker.yaml:1: no rule 'my-unsorced' to override (did you mean 'my-unsourced'? valid "
        "rules: my-unsourced)",
        "checker.yaml:5: unknown key 'colour' in the override of 'my-unsourced' (valid keys: "
        "severity, params)",
        "checker.yaml:3: 'severity' must be one of error, warning, info, not 'loud'",
        "checker.yaml:4: params.min_value must be a number, not 'many'",
    ]


def test_parse_overrides():
    assert parse_overrides(["name-variant.threshold=92", "a.b.severity=info", "x.skip_units=[percent]"]) == {
        "name-variant": {"params": {"threshold": 92}},
        "a.b": {"severity": "info"},
        "x": {"params": {"skip_units": ["percent"]}},
    }


# --- through the CLI: exit code 2 and the error on stderr ------------------------------------

@pytest.mark.parametrize("args", [
    ["rules", "test"], ["rules", "list"], ["rules", "show", "unsourced-figure"], ["lint"],
])
def test_cli_bad_rule_exits_2(tmp_path, args):
    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    write(rules_dir, GOOD.replace("type: unsourced", "type: unsorced"))
    article = write(tmp_path, "Some 3,000 soldiers were moved.\n", "draft.md")
    command = rules_group if args[0] == "rules" else lint_command
    argv = args[1:] + ["--rules", str(rules_dir)] + ([str(article)] if args[0] == "lint" else [])
    result = CliRunner().invoke(command, argv)
    assert result.exit_code == 2
    assert f"{rules_dir / 'bad.yaml'}:2: unknown rule type 'unsorced'" in result.stderr
    assert "Traceback" not in result.output


def test_cli_unknown_rule_id_and_selector_exit_2(tmp_path):
    result = CliRunner().invoke(rules_group, ["show", "unsourced-figures"])
    assert result.exit_code == 2
    assert "no rule 'unsourced-figures' (did you mean 'unsourced-figure'?" in result.stderr
    article = write(tmp_path, "x\n", "draft.md")
    result = CliRunner().invoke(lint_command, ["--select", "unsourced,nope", str(article)])
    assert result.exit_code == 2
    assert "--select: unknown rule or rule type: nope" in result.stderr
    result = CliRunner().invoke(lint_command, ["--set", "nope", str(article)])
    assert result.exit_code == 2 and "expected RULE.KEY=VALUE" in result.output
    result = CliRunner().invoke(lint_command, ["--set", "name-variant.treshold=9", str(article)])
    assert result.exit_code == 2
    assert "--set: unknown param 'treshold' (did you mean 'threshold'?" in result.stderr


def test_cli_rules_list_and_show():
    result = CliRunner().invoke(rules_group, ["list"])
    assert result.exit_code == 0
    line = next(l for l in result.output.splitlines() if l.startswith("shares-over-100"))
    assert line.split()[1:3] == ["arithmetic", "error"]
    result = CliRunner().invoke(rules_group, ["show", "name-variant"])
    assert result.exit_code == 0
    assert "rule type 'name-variant':" in result.output
    assert "  threshold: 88.0" in result.output
    assert "{variants}:" in result.output
