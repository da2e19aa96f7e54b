"""Hostile inputs (issue 15): files built to crash the reader or make it slow are read, or
fail with one clear line naming the file and line, and never stop the other inputs."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.cli import cli
from checker.findings import Finding
from checker.gazetteer import GazetteerError, build_gazetteer
from checker.suppressions import Parsed, apply, parse

FRONT = "---\noutlet: {outlet}\npublished: {published}\nlang: en\n---\n\n"


def run(*args: str):
    """`checker ARGS` in this process; an exception that escaped the CLI fails the test."""
    result = CliRunner().invoke(cli, list(args))
    if not isinstance(result.exception, (SystemExit, type(None))):
        raise result.exception
    return result


def claims_of(path) -> list[dict]:
    result = run("claims", str(path), "--format", "jsonl", "--no-cache", "-j", "1")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


# --- 11: dates at the ends of the calendar ---------------------------------------------------

def test_yesterday_before_year_one_and_tomorrow_after_9999_have_null_bounds(tmp_path):
    (tmp_path / "first.md").write_text(FRONT.format(outlet="A", published="0001-01-01")
                                       + "Yesterday 1,500 soldiers were moved.\n", "utf-8")
    (tmp_path / "last.md").write_text(FRONT.format(outlet="B", published="9999-12-31")
                                      + "Tomorrow 1,500 soldiers will be moved.\n", "utf-8")
    rows = claims_of(tmp_path)
    dates = {(r["path"].rsplit("/", 1)[-1], r["text"]): (r["date_start"], r["date_end"])
             for r in rows}
    assert dates[("first.md", "Yesterday")] == (None, None)
    assert dates[("first.md", "1,500 soldiers")] == (None, None)
    assert dates[("last.md", "Tomorrow")] == (None, None)
    assert dates[("last.md", "1,500 soldiers")] == (None, None)


# --- 3: one bad JSON Lines record, JSON front matter -------------------------------------------

BIG = "9" * 5000  # past Python's 4,300-digit limit on int("...")


def test_a_record_with_a_5000_digit_number_fails_alone(tmp_path):
    feed = tmp_path / "feed.jsonl"
    good = {"outlet": "Wire", "published": "2024-10-21", "lang": "en",
            "text": "About 1,500 soldiers were moved, the agency said."}
    feed.write_text(json.dumps(good) + "\n"
                    + '{"outlet": "Wire", "views": ' + BIG + ', "text": "12 km"}\n'
                    + json.dumps({**good, "text": "Some 3,000 troops left, officials said."}) + "\n"
                    + "[" * 100_000 + "]" * 100_000 + "\n", "utf-8")
    result = run("claims", str(feed), "--format", "jsonl", "--no-cache", "-j", "1")
    assert result.exit_code == 2
    assert f"{feed}:2: invalid JSON: a number has more than 4,300 digits" in result.stderr
    assert f"{feed}:4: invalid JSON: nested too deeply" in result.stderr
    assert "internal error" not in result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(r["line"], r["text"]) for r in rows if r["kind"] == "figure"} == {
        (1, "About 1,500 soldiers"), (3, "Some 3,000 troops left")}


def test_json_front_matter_with_a_5000_digit_number_is_one_clear_line(tmp_path):
    article = tmp_path / "a.md"
    article.write_text('{"outlet": "Wire",\n "views": ' + BIG + '}\nAbout 1,500 soldiers.\n', "utf-8")
    result = run("lint", str(article), "--no-cache", "-j", "1")
    assert result.exit_code == 2
    assert f"{article}:1: invalid JSON front matter: a number has more than 4,300 digits\n" in result.stderr


# --- 11: baselines, HTML charsets ---------------------------------------------------------------

def test_a_baseline_with_a_huge_count_or_deep_nesting_is_one_clear_line(tmp_path):
    article = tmp_path / "a.md"
    article.write_text(FRONT.format(outlet="A", published="2024-10-21")
                       + "About 1,500 soldiers were moved, the Ministry of Defence said.\n", "utf-8")
    huge = tmp_path / "huge.json"
    huge.write_text('{"version": 1, "findings": [{"rule": "r", "path": "a.md", "text": "t", '
                    '"sentence": "s", "count": ' + BIG + '}]}', "utf-8")
    deep = tmp_path / "deep.json"
    deep.write_text('{"version": 1, "findings": ' + "[" * 100_000 + "]" * 100_000 + "}", "utf-8")
    for baseline, why in ((huge, "a number has more than 4,300 digits"), (deep, "nested too deeply")):
        result = run("lint", str(article), "--no-cache", "--baseline", str(baseline))
        assert result.exit_code == 2
        assert result.stderr.endswith(f"{baseline}: not JSON: {why}\n"), result.stderr


def test_html_declaring_an_unusable_charset_is_read_as_windows_1252(tmp_path):
    for charset in ("undefined", "unicode_escape"):
        page = tmp_path / f"{charset}.html"
        page.write_bytes(f'<html><head><meta charset="{charset}"></head><body><p>'.encode()
                         + b"Caf\xe9 \\u0041: about 1,500 soldiers were moved, the agency said."
                         b"</p></body></html>")
        rows = claims_of(page)
        assert [r["text"] for r in rows] == ["about 1,500 soldiers"]
        assert rows[0]["sentence"].startswith("Caf\u00e9 \\u0041:")


# --- 7: front matter of many keys, merge-key chains ----------------------------------------------

MANY = 2_000


@pytest.mark.parametrize("kind, text, line", [
    ("toml", "+++\nlang = \"en\"\n" + "".join(f"k{i} = {i}\n" for i in range(MANY))
     + "published = \"soon\"\n+++\n", MANY + 3),
    ("json", '{"lang": "en",\n' + "".join(f'"k{i}": {i},\n' for i in range(MANY))
     + '"published": "soon"}\n', MANY + 2),
    ("yaml", "---\nlang: en\n" + "".join(f"k{i}: {i}\n" for i in range(MANY)) + "published: soon\n---\n",
     MANY + 3),
])
def test_a_key_after_thousands_of_others_is_found_at_its_line(tmp_path, kind, text, line):
    article = tmp_path / f"{kind}.md"
    article.write_text(text + "\nAbout 1,500 soldiers were moved.\n", "utf-8")
    result = run("claims", str(article), "--no-cache", "-j", "1")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{article}:{line}: 'published': 'soon' is not a date"), result.stderr


def test_yaml_front_matter_whose_merge_keys_chain_is_refused(tmp_path):
    links = "".join(f"a{i}: &a{i} {{<<: *a{i - 1}, k{i}: 1}}\n" for i in range(1, 2_000))
    article = tmp_path / "chain.md"
    article.write_text("---\nlang: en\na0: &a0 {k0: 1}\n" + links + "---\n\nAbout 1,500 soldiers.\n",
                       "utf-8")
    result = run("claims", str(article), "--no-cache", "-j", "1")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"{article}:2: invalid YAML front matter: aliases refer to themselves or expand to more "
        "than 30,004 values (it has 10,002 as written)\n"), result.stderr


def test_front_matter_aliases_that_stay_small_are_read(tmp_path):
    article = tmp_path / "aliases.md"
    article.write_text("---\nlang: en\nbase: &b {team: Desk}\nmore: {<<: *b, extra: 1}\n"
                       "outlet: Wire\n---\n\nAbout 1,500 soldiers were moved.\n", "utf-8")
    rows = claims_of(article)
    assert [(r["outlet"], r["text"]) for r in rows] == [("Wire", "About 1,500 soldiers")]


# --- 7 and 8: the gazetteer ------------------------------------------------------------------------

def test_gazetteer_aliases_are_found_as_tokens_whatever_the_spacing_and_apostrophes():
    gazetteer = build_gazetteer({"United Nations": {"aliases": ["U N"]},
                                 "O'Neill": {"aliases": ["O'N"]},
                                 "Defence Ministry": {"aliases": ["Ministry of Defence (MoD)"]}})
    assert gazetteer.resolve("the U  N said") == "United Nations"
    assert gazetteer.resolve("the U\nN said") == "United Nations"
    assert gazetteer.resolve("O\u2019N said") == "O'Neill"
    assert gazetteer.resolve("the ministry  of defence (MoD) said") == "Defence Ministry"
    assert gazetteer.resolve("the ministry of defence (MoDs) said") is None
    assert gazetteer.resolve("UN said") is None


@pytest.mark.parametrize("entry, line, message", [
    ('Mayor:\n  kind: person\n  aliases: "xyz"\n', 3,
     "gazetteer entry 'Mayor': 'aliases' must be a list of names, not 'xyz'"),
    ("Five:\n  aliases: 5\n", 2, "gazetteer entry 'Five': 'aliases' must be a list of names, not 5"),
    ("P:\n  part_of: [a, b]\n", 2, "gazetteer entry 'P': 'part_of' must be a name, not a list"),
    ("X: 5\n", 1, "gazetteer entry 'X': must be a mapping {aliases: [...], part_of: ..., kind: ...}, "
                  "not 5"),
    ("N:\n  aliases: [a, null]\n", 2, "gazetteer entry 'N': 'aliases' must be a list of names; null "
                                      "is not a name"),
])
def test_a_gazetteer_entry_of_the_wrong_type_is_an_error_at_its_line(tmp_path, entry, line, message):
    article = tmp_path / "a.md"
    article.write_text(FRONT.format(outlet="A", published="2024-10-21")
                       + "The alcalde y la policía said 1,500 soldiers.\n", "utf-8")
    gazetteer = tmp_path / "sources.yaml"
    gazetteer.write_text(entry, "utf-8")
    result = run("claims", str(article), "--gazetteer", str(gazetteer), "--no-cache")
    assert result.exit_code == 2
    assert result.stderr == f"{gazetteer}:{line}: {message}\n"


def test_building_a_gazetteer_from_python_refuses_a_string_of_aliases():
    with pytest.raises(GazetteerError, match="'aliases' must be a list of names, not 'xyz'"):
        build_gazetteer({"Mayor": {"aliases": "xyz"}})


# --- 7: suppressions indexed by line; 11: only real comments suppress ------------------------------

RULES = [("unsourced-figure", "unsourced"), ("contradicting-figures", "contradiction"),
         ("date-conflict", "date-conflict")]
NAMES = ["all", "unsourced-figure", "unsourced", "contradiction", "date-conflict"]


def first_by_scan(finding: Finding, parsed: Parsed) -> tuple[int, str] | None:
    """The suppression that silences `finding`, found by trying each in file order."""
    for s in parsed.suppressions:
        name = next((n for n in s.rules if n in ("all", finding.rule, finding.type)), None)
        if name is not None and s.covers(finding):
            return id(s), name
    return None


@settings(max_examples=150, deadline=None)
@given(comments=st.lists(st.tuples(st.sampled_from(["disable", "enable", "ignore-next-line"]),
                                   st.lists(st.sampled_from(NAMES), min_size=1, max_size=2),
                                   st.integers(0, 3)), max_size=25),
       places=st.lists(st.tuples(st.integers(1, 40), st.integers(1, 9), st.sampled_from(RULES)),
                       max_size=30))
def test_a_finding_is_silenced_by_the_same_suppression_as_a_scan_of_all_of_them(comments, places):
    lines = []
    for kind, names, gap in comments:
        lines += ["text"] * gap + [f"<!-- checker: {kind}={','.join(names)} -->"]
    parsed = parse("\n".join(lines + ["text"]))
    findings = [Finding(rule=r, type=t, severity="warning", message="m", path="a.md", line=line,
                        col=col, start=0, end=1) for line, col, (r, t) in places]
    kept, suppressed, _ = apply(findings, {"a.md": parsed})
    expected = [f for f in findings if first_by_scan(f, parsed) is not None]
    assert suppressed == expected
    assert kept == [f for f in findings if first_by_scan(f, parsed) is None]


@pytest.mark.parametrize("name, text", [
    ("front-matter.md", FRONT.format(outlet="A", published="2024-10-21").replace(
        "lang: en\n", 'lang: en\ntitle: "<!-- checker: disable=all -->"\n') + "{body}"),
    ("fenced.md", FRONT.format(outlet="A", published="2024-10-21")
     + "```\n<!-- checker: disable=all -->\n```\n\n{body}"),
    ("code-span.md", FRONT.format(outlet="A", published="2024-10-21")
     + "Write `<!-- checker: disable=all -->` to silence.\n\n{body}"),
    ("script.md", FRONT.format(outlet="A", published="2024-10-21")
     + '<script>var s = "<!-- checker: disable=all -->";</script>\n\n{body}'),
    ("script.html", '<html><head><title><!-- checker: disable=all --></title><script>'
     'var s = "<!-- checker: disable=all -->";</script></head><body><p title="<!-- checker: '
     'disable=all -->">{body}</p><textarea><!-- checker: disable=all --></textarea></body></html>'),
])
def test_suppression_comments_in_code_scripts_and_titles_are_not_obeyed(tmp_path, name, text):
    body = "Zelensky visited Kursk. About 1,500 soldiers were moved.\n"
    (tmp_path / name).write_text(text.replace("{body}", body), "utf-8")
    (tmp_path / "named.md").write_text(FRONT.format(outlet="B", published="2024-10-21")
                                       + "The Ministry of Defence said 12 km.\n", "utf-8")
    result = run("lint", str(tmp_path), "--no-cache", "--lang", "en", "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["message"]) for f in findings] == [
        ("unsourced-figure", 'unsourced figure: "About 1,500 soldiers"')]


def test_a_real_comment_beside_a_quoted_one_still_suppresses(tmp_path):
    text = (FRONT.format(outlet="A", published="2024-10-21")
            + "Write `<!-- checker: disable=all -->` to silence.\n\n"
            + "<!-- checker: ignore-next-line unsourced-figure -->\n"
            + "Zelensky visited Kursk. About 1,500 soldiers were moved.\n")
    (tmp_path / "a.md").write_text(text, "utf-8")
    (tmp_path / "named.md").write_text(FRONT.format(outlet="B", published="2024-10-21")
                                       + "The Ministry of Defence said 12 km.\n", "utf-8")
    result = run("lint", str(tmp_path), "--no-cache", "--format", "json")
    assert json.loads(result.stdout)["findings"] == []


def test_enabling_a_rule_named_twice_closes_its_region_once():
    parsed = parse("<!-- checker: disable=unsourced-figure -->\ntext\n"
                   "<!-- checker: enable=unsourced-figure, unsourced-figure -->\ntext\n")
    assert [(s.rules, s.begin, s.until) for s in parsed.suppressions] == [
        (("unsourced-figure",), (1, 1), (3, 1))]
    assert parsed.problems == []


def test_a_gazetteer_is_compiled_once_and_a_damaged_compilation_is_rebuilt(tmp_path, monkeypatch):
    from checker import gazetteer as gazetteer_module
    from checker.project import load_gazetteer
    monkeypatch.setenv("CHECKER_GAZETTEER_CACHE", str(tmp_path / "compiled"))
    sources = tmp_path / "sources.yaml"
    sources.write_text("".join(f"Agency {i}:\n  aliases: [the agency number {i}]\n" for i in range(500)),
                       "utf-8")
    first, digest = load_gazetteer([str(sources)])
    (entry,) = (tmp_path / "compiled").rglob("*.json")

    def parsed_again(*args, **kwargs):
        raise AssertionError("the YAML was parsed again")
    monkeypatch.setattr(gazetteer_module, "load_gazetteer_yaml", parsed_again)
    second, again = load_gazetteer([str(sources)])
    assert again == digest and second.fingerprint == first.fingerprint
    assert second.resolve("officials of the Agency Number 499 said") == "Agency 499"
    monkeypatch.undo()
    monkeypatch.setenv("CHECKER_GAZETTEER_CACHE", str(tmp_path / "compiled"))
    entry.write_bytes(entry.read_bytes().replace(b"Agency 499", b"Agency 666"))
    third, _ = load_gazetteer([str(sources)])
    assert third.resolve("officials of the Agency Number 499 said") == "Agency 499"
