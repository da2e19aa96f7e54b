"""Rule loading on generated input: nothing but RuleError, always naming the file and a line.

Arbitrary YAML-ish text and arbitrary structured documents never make the loader raise anything
else; rules generated from the real schema (every rule type, its params and message fields)
load and round-trip; alias bombs, deep nesting and huge files are refused with a clear message.
User-given patterns (config globs, gazetteer names) are never compiled as regular expressions.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import string
import tempfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from checker import checks
from checker.cli.rules import rules_group
from checker.gazetteer import build_gazetteer, load_gazetteer_yaml
from checker.ruleset import (
    MAX_FLOW_DEPTH, MAX_RULE_BYTES, MAX_YAML_NODES, RULE_KEYS, SEVERITY_CHOICES, Rule, RuleError,
    load_rules, load_yaml, parse_rule_text,
)
from checker.walk import iter_input_files

PATH = "rules/generated.yaml"
YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # what YAML counts as a new line
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def load(text: str) -> Rule | None:
    """The rule of `text`, or None after checking that every error names PATH and a line in it."""
    try:
        return parse_rule_text(text, PATH)
    except RuleError as exc:
        lines = len(YAML_LINE_BREAK.findall(text)) + 1
        assert exc.errors
        for error in exc.errors:
            assert error.path == PATH and str(error).startswith(PATH + ":"), str(error)
            assert error.line is not None and 1 <= error.line <= lines, (error.line, lines, str(error))
            assert error.message.strip()
        return None


# ------------------------------------------------------------------ arbitrary text and documents

YAML_TOKENS = ["id:", "type:", "severity:", "message:", "description:", "params:", "examples:",
               "text:", "lang:", "flag:", "pass:", "against:", "published:", "outlet:", " ", "  ",
               "\n", "\n  ", "\n    ", "- ", "[", "]", "{", "}", ",", ":", ": ", "&a ", "*a", "&b ",
               "*b", "!!int ", "!!float ", "!!map ", "!!seq ", "!!str ", "!!binary ", "!!timestamp ",
               "!!set ", "!!omap ", "!!python/object:os.system ", "!foo ", "<<: ", "? ", "'", '"',
               "#", "|", ">", "---", "...", "%YAML 1.1\n", "2024-02-30", "2024-10-21", "0x1F",
               "1e999", ".nan", "~", "null", "true", "\t", "\x00", "\x07", "\ufeff", "\ud800",
               "\u2028", "unsourced", "contradiction", "warning", "{text}", "{nope}", "{text!r}",
               "{0}", "{{", "}}", "9" * 5000, "\\", "\\x", "é", "🙂", "\r\n", "=", "%"]
yamlish = st.lists(st.one_of(st.sampled_from(YAML_TOKENS), st.text(max_size=8)), max_size=60).map("".join)


@FAST
@given(text=st.one_of(yamlish, st.text(max_size=300)))
def test_any_text_gives_a_rule_or_errors_at_a_line(text):
    load(text)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=yamlish.filter(lambda t: "\ud800" not in t))
def test_the_rules_command_on_any_file_exits_2_naming_file_and_line(text):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "generated.yaml"
        path.write_text(text, "utf-8", newline="")
        result = CliRunner().invoke(rules_group, ["list", "--rules", tmp])
    assert "Traceback" not in result.output
    if load(text.removeprefix("\ufeff")) is None:
        assert result.exit_code == 2
        first = result.stderr.splitlines()[0]
        assert re.match(re.escape(str(path)) + r":\d+: ", first), first
    else:
        assert result.exit_code == 0


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20),
                    st.dates(), st.datetimes(), st.sampled_from(["unsourced", "error", "en", "{text}"]))
keys = st.one_of(st.sampled_from(RULE_KEYS + ("text", "lang", "flag", "pass", "against")),
                 st.text(max_size=10), st.integers(), st.booleans(), st.none())
documents = st.recursive(scalars, lambda children: st.one_of(
    st.lists(children, max_size=5), st.dictionaries(keys, children, max_size=6)), max_leaves=30)
rule_shaped = st.dictionaries(st.sampled_from(RULE_KEYS), documents, min_size=3)


@FAST
@given(doc=st.one_of(documents, rule_shaped))
def test_any_document_gives_a_rule_or_errors_at_a_line(doc):
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    rule = load(text)
    if rule is not None:
        assert isinstance(doc, dict) and rule.id == doc["id"]


# ------------------------------------------------------------------ valid rules from the schema

def param_values(tp) -> st.SearchStrategy:
    """Values every Settings field of that type accepts (its check() included)."""
    if tp is bool:
        return st.booleans()
    if tp is int:
        return st.integers(0, 10)
    if tp is float:
        return st.floats(0.001, 0.99)
    if tp is str:
        return st.text(max_size=10)
    return st.lists(st.text(string.ascii_lowercase + "_", min_size=1, max_size=8), max_size=3)


@st.composite
def rule_documents(draw) -> dict:
    kind = draw(st.sampled_from(checks.available_types()))
    module = checks.rule_type(kind)
    fields = sorted(checks.message_fields(module) or checks.COMMON_FIELDS)
    literal = st.text(max_size=12).map(lambda t: t.replace("{", "{{").replace("}", "}}"))
    parts = draw(st.lists(st.one_of(literal, st.sampled_from(fields).map(lambda f: "{" + f + "}")),
                          min_size=1, max_size=6))
    message = "".join(parts)
    assume(message.strip())
    # what the message says once every field is filled with <field>
    rendered = "".join(f"<{p[1:-1]}>" if p[:1] == "{" and p[1:2] != "{" and p[1:-1] in fields
                       else p.replace("{{", "{").replace("}}", "}") for p in parts)
    settings_fields = checks.settings_fields(module.Settings)
    names = draw(st.lists(st.sampled_from([f[0] for f in settings_fields]), unique=True)) \
        if settings_fields else []
    types = {name: tp for name, tp, _, _ in settings_fields}
    params = {name: draw(param_values(types[name])) for name in names}
    nonblank = st.text(min_size=1, max_size=40).filter(str.strip)
    snippet = st.fixed_dictionaries(
        {"text": nonblank, "lang": st.sampled_from(["en", "it", "es"])},
        optional={"published": st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)),
                  "outlet": st.text(max_size=20)})
    example = st.tuples(snippet, st.lists(snippet, max_size=2),
                        st.one_of(st.integers(1, 5), st.lists(nonblank, min_size=1, max_size=3),
                                  st.just(None))).map(
        lambda t: {**t[0], **({"against": t[1]} if t[1] else {}),
                   **({"pass": True} if t[2] is None else {"flag": t[2]})})
    doc = {
        "id": draw(st.from_regex(r"[a-z0-9][a-z0-9._-]{0,20}", fullmatch=True)),
        "type": kind,
        "severity": draw(st.sampled_from(SEVERITY_CHOICES)),
        "message": message,
        "description": draw(nonblank),
        "examples": draw(st.lists(example, min_size=1, max_size=3)),
    }
    if params or draw(st.booleans()):
        doc["params"] = params
    return doc, rendered


def rule_document(rule: Rule) -> dict:
    """A rule written back as the mapping of a rule file."""
    def snippet(s):
        return {"text": s.text, "lang": s.lang, **({"published": s.published} if s.published else {}),
                **({"outlet": s.outlet} if s.outlet is not None else {})}
    examples = [{**snippet(e.snippet), **({"against": [snippet(a) for a in e.against]} if e.against else {}),
                 **({"pass": True} if e.expects_pass else
                    {"flag": e.flag if isinstance(e.flag, int) else list(e.flag)})}
                for e in rule.examples]
    return {"id": rule.id, "type": rule.type, "severity": rule.severity, "message": rule.message,
            "description": rule.description, "params": dict(rule.params), "examples": examples}


def dump(doc: dict) -> str:
    """A rule file of `doc`; every non-ASCII character escaped (PyYAML writes some, such as
    U+0085, unescaped where a reader then takes them for line breaks)."""
    return yaml.safe_dump(doc, allow_unicode=False, sort_keys=False, width=1_000)


def without_lines(rule: Rule) -> Rule:
    return dataclasses.replace(rule, line=0, examples=tuple(
        dataclasses.replace(e, line=0) for e in rule.examples))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generated=rule_documents())
def test_valid_rules_load_and_round_trip(generated):
    doc, rendered = generated
    text = dump(doc)
    rule = parse_rule_text(text, PATH)
    assert (rule.id, rule.type, rule.severity, rule.message) == (
        doc["id"], doc["type"], doc["severity"], doc["message"])
    assert rule.description == doc["description"].strip()
    assert dict(rule.params) == doc.get("params", {})
    for name, value in doc.get("params", {}).items():
        assert getattr(rule.settings, name) == value
    assert len(rule.examples) == len(doc["examples"])
    for example, written in zip(rule.examples, doc["examples"]):
        assert (example.snippet.text, example.snippet.lang) == (written["text"], written["lang"])
        published = written.get("published")
        assert example.snippet.published == (published.isoformat() if published else None)
        assert example.snippet.outlet == written.get("outlet")
        assert len(example.against) == len(written.get("against", []))
        flag = written.get("flag")
        assert example.flag == (tuple(flag) if isinstance(flag, list) else flag)
        assert example.expects_pass == ("pass" in written)
    # written back, the rule loads as the same rule
    again = parse_rule_text(dump(rule_document(rule)), PATH)
    assert without_lines(again) == without_lines(rule)
    # the message renders every field, and its literal braces as written
    fields = checks.message_fields(checks.rule_type(rule.type)) or checks.COMMON_FIELDS
    assert rule.render({name: f"<{name}>" for name in fields}) == rendered


# ------------------------------------------------------------------ bombs, depth and size

def alias_bomb(width: int, depth: int) -> str:
    """`a0: &a0 [x, x, …]`, then each level a list of `width` aliases of the one before."""
    lines = [f"a0: &a0 [{', '.join(['x'] * width)}]"]
    for i in range(1, depth + 1):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


def test_a_billion_laughs_is_refused_at_once():
    text = alias_bomb(10, 9)  # 10^9 nodes once expanded
    with pytest.raises(RuleError) as info:
        parse_rule_text(text, PATH)
    assert str(info.value) == f"{PATH}:1: YAML aliases expand to more than {MAX_YAML_NODES:,} nodes"


def expanded_nodes(width: int, depth: int) -> int:
    """The nodes of `alias_bomb(width, depth)` once every alias is expanded (keys included)."""
    size = 1 + width            # a0: the list and its x's
    total = 1 + 1 + size        # the document's mapping, the key a0, its list
    for _ in range(depth):
        size = 1 + width * size
        total += 1 + size
    return total


@settings(max_examples=40, deadline=None)
@given(width=st.integers(1, 12), depth=st.integers(0, 12))
def test_aliases_load_when_small_and_are_refused_when_they_expand(width, depth):
    text = alias_bomb(width, depth)
    if expanded_nodes(width, depth) <= MAX_YAML_NODES:
        data = load_yaml(text, PATH)
        assert len(data) == depth + 1 and len(data[f"a{depth}"]) == width
    else:
        with pytest.raises(RuleError) as info:
            load_yaml(text, PATH)
        assert str(info.value) == f"{PATH}:1: YAML aliases expand to more than {MAX_YAML_NODES:,} nodes"


def test_merge_key_bomb_is_refused():
    lines = ["a0: &a0 {k: v}"]
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} {{<<: [{', '.join([f'*a{i - 1}'] * 10)}]}}")
    with pytest.raises(RuleError, match="aliases expand to more than"):
        load_yaml("\n".join(lines) + "\n", PATH)


@pytest.mark.parametrize("text, line, message", [
    ("a: &a [*a]\n", 1, "YAML aliases refer to themselves"),
    ("[" * 100_000, 1, f"invalid YAML: '[' and '{{' nested more than {MAX_FLOW_DEPTH} deep"),
    ("id: x\nmessage: " + "{" * 50_000 + "}" * 50_000, 2,
     f"invalid YAML: '[' and '{{' nested more than {MAX_FLOW_DEPTH} deep"),
    ("id: x\nexamples:\n" + "".join(" " * i + "- \n" for i in range(1_200)), None, "nested too deeply"),
    ("id: x\nexamples:\n" + "- " * 5_000 + "x\n", 3, "invalid YAML: nested too deeply"),
    ("a: 1\nb: \x00\n", 2, "invalid YAML: character U+0000 is not allowed"),
    ("a: 1\n\nb: 2024-02-30\n", 3, "invalid YAML: invalid timestamp value '2024-02-30'"),
    ("a: !!int x\n", 1, "invalid YAML: invalid int value 'x'"),
    ("a: !!map x\n", 1, "invalid YAML: expected a mapping, but found scalar"),
    ("a: " + "9" * 5_000 + "\n", 1, "invalid YAML: invalid int value '999999999"),
    ("a: !!python/object:os.system x\n", 1, "invalid YAML: could not determine a constructor"),
    ("\ud800", 1, "invalid YAML: character U+D800 is not allowed"),
])
def test_deep_huge_and_hostile_yaml_is_an_error_at_a_line(text, line, message):
    with pytest.raises(RuleError) as info:
        parse_rule_text(text, PATH)
    [error] = info.value.errors
    assert message in error.message, error.message
    if line is None:
        assert error.line is not None and 1 <= error.line <= text.count("\n") + 1
    else:
        assert error.line == line, str(error)


def test_flow_nesting_under_the_limit_still_loads():
    depth = MAX_FLOW_DEPTH - 1
    value = load_yaml("a: " + "[" * depth + "1" + "]" * depth + "\n", PATH)["a"]
    for _ in range(depth):
        [value] = value
    assert value == 1


def test_a_huge_rule_file_is_refused_before_it_is_parsed(tmp_path):
    (tmp_path / "huge.yaml").write_text("a: [" + "1, " * (MAX_RULE_BYTES // 3) + "1]\n", "utf-8")
    with pytest.raises(RuleError) as info:
        load_rules([tmp_path], bundled=False)
    assert str(info.value) == f"{tmp_path / 'huge.yaml'}: rule file is larger than 1 MB"


# ------------------------------------------------------------------ user-given patterns

# Rules and config take no regular expressions: `include`/`exclude`/`against` are globs (fnmatch,
# whose translation cannot backtrack catastrophically) and gazetteer names are escaped. A
# catastrophic pattern would hang these tests rather than make them fail.

CATASTROPHIC = ["(a+)+$", "(a|a)*b", "(a*)*b", "(.*a){20}", "^(\\w+\\s?)*$", "[[[", "a{999999}"]


def test_globs_are_not_regular_expressions_and_cannot_backtrack(tmp_path):
    name = "a" * 200 + ".md"
    (tmp_path / name).write_text("x", "utf-8")
    (tmp_path / "(a+)+$.md").write_text("x", "utf-8")
    pathological = "*a" * 40 + "*b"  # a regex translation without atomic groups tries 200^40 splits
    files, failures = iter_input_files([str(tmp_path)], include=(pathological,))
    assert files == [] and failures == []
    files, _ = iter_input_files([str(tmp_path)], include=("*a" * 40 + "*",))
    assert [os.path.basename(f) for f in files] == [name]
    for pattern in CATASTROPHIC:
        files, _ = iter_input_files([str(tmp_path)], include=(pattern + ".md",))
        assert [os.path.basename(f) for f in files] == (["(a+)+$.md"] if pattern == "(a+)+$" else [])


@settings(max_examples=40, deadline=None)
@given(alias=st.one_of(st.sampled_from(CATASTROPHIC),
                       st.text(string.ascii_letters + "()[]{}+*?|\\^$.-' ", min_size=4, max_size=20)))
def test_gazetteer_names_are_matched_literally(alias):
    assume(any(c.isalpha() for c in alias))
    gazetteer = build_gazetteer({"Canonical Source": {"aliases": [alias]}})
    assert gazetteer.resolve(f"x {alias} y") == "Canonical Source"
    # after text built to make a regex version of the name backtrack, it is still found
    hostile = "a" * 5_000 + "!" + "(" * 500 + " x"
    assert gazetteer.resolve(f"{hostile} {alias.strip()} y") == "Canonical Source"


# ------------------------------------------------------------------ gazetteer files

def test_a_gazetteer_alias_bomb_is_refused_but_a_large_gazetteer_loads():
    lines = ["X:", "  aliases: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"  k{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    with pytest.raises(yaml.YAMLError, match="expand to more than 1,000,000 nodes"):
        load_gazetteer_yaml("\n".join(lines) + "\nNIS:\n  aliases: *a8\n")
    large = "".join(f"Source {i}:\n  aliases: [S{i}, Src {i}]\n  kind: agency\n" for i in range(4_000))
    entries = load_gazetteer_yaml(large)  # 36,000 nodes: more than a rule file may have
    assert len(entries) == 4_000 and entries["Source 3999"]["aliases"] == ["S3999", "Src 3999"]


@pytest.mark.parametrize("text, line, message", [
    ("NIS:\n  since: 2024-02-30\n", 2, "invalid timestamp value '2024-02-30'"),
    ("NIS:\n  aliases: [x]\n\x00", 3, "character U+0000 is not allowed"),
    ("NIS: " + "[" * 10_000, None, "nested more than"),
])
def test_a_bad_gazetteer_is_a_yaml_error(text, line, message):
    with pytest.raises(yaml.YAMLError) as info:
        load_gazetteer_yaml(text)
    assert message in str(info.value)
    mark = getattr(info.value, "problem_mark", None)
    assert (mark.line + 1 if mark else None) == line
