"""Baselines: record today's findings, report only new ones, survive edits elsewhere."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from checker import baseline
from checker.cli.lint import lint_command
from checker.findings import Finding

ARTICLE = """\
---
lang: en
published: 2025-03-11
outlet: Port Alder Gazette
---

About 40 boats were damaged in the marina on Monday.

Some 200 cars were towed from the harbour district on Monday.
"""


@pytest.fixture
def archive(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "boats.md").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def lint(*args: str):
    result = CliRunner().invoke(lint_command, ["articles/", "--select", "unsourced",
                                               "--format", "json", *args])
    doc = json.loads(result.stdout) if result.stdout.strip() else {"findings": []}
    return result, [(f["claims"][0]["text"], f["line"]) for f in doc["findings"]]


def write_baseline(*args: str):
    return CliRunner().invoke(lint_command, ["articles/", "--select", "unsourced",
                                             "--write-baseline", ".baseline.json", *args])


def test_write_then_nothing_is_new(archive):
    result = write_baseline()
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "Wrote a baseline of 2 findings to .baseline.json." in result.stderr
    doc = json.loads((archive / ".baseline.json").read_text(encoding="utf-8"))
    assert doc["version"] == 1 and doc["tool"] == "checker"
    assert [(e["rule"], e["path"], e["text"], e["count"]) for e in doc["findings"]] == [
        ("unsourced-figure", "articles/boats.md", "About 40 boats", 1),
        ("unsourced-figure", "articles/boats.md", "Some 200 cars", 1)]
    assert lint()[1] == [("About 40 boats", 7), ("Some 200 cars", 9)]
    result, found = lint("--baseline", ".baseline.json", "--fail-on", "warning")
    assert found == [] and result.exit_code == 0


def test_baseline_survives_lines_inserted_above(archive):
    write_baseline()
    text = ARTICLE.replace("About 40 boats", "Storm Orla hit Port Alder on Sunday night.\n\n"
                                             "Shops stayed shut.\n\nAbout 40 boats")
    (archive / "articles" / "boats.md").write_text(text, encoding="utf-8")
    assert lint()[1] == [("About 40 boats", 11), ("Some 200 cars", 13)]  # the lines moved
    assert lint("--baseline", ".baseline.json")[1] == []


def test_baseline_survives_rewrapping_the_sentence(archive):
    write_baseline()
    text = ARTICLE.replace("boats were damaged in", "boats were damaged\nin")
    (archive / "articles" / "boats.md").write_text(text, encoding="utf-8")
    assert lint("--baseline", ".baseline.json")[1] == []


def test_new_and_edited_findings_are_reported(archive):
    write_baseline()
    text = ARTICLE.replace("Some 200 cars", "Some 250 cars") + "\nAbout 12 shops were flooded on Monday.\n"
    (archive / "articles" / "boats.md").write_text(text, encoding="utf-8")
    result, found = lint("--baseline", ".baseline.json", "--fail-on", "warning")
    assert found == [("Some 250 cars", 9), ("About 12 shops", 11)]
    assert result.exit_code == 1


def test_paths_are_relative_to_the_baseline_file(archive, monkeypatch):
    write_baseline()
    monkeypatch.chdir(archive / "articles")
    result = CliRunner().invoke(lint_command, [".", "--select", "unsourced", "--format", "json",
                                               "--baseline", "../.baseline.json"])
    assert json.loads(result.stdout)["findings"] == []


def test_baseline_from_the_config(archive):
    write_baseline()
    (archive / "checker.yaml").write_text("baseline: .baseline.json\n", encoding="utf-8")
    assert lint()[1] == []


def test_duplicates_are_counted(archive):
    write_baseline()
    text = ARTICLE + "\nSome 200 cars were towed from the harbour district on Monday.\n"
    (archive / "articles" / "boats.md").write_text(text, encoding="utf-8")
    assert lint("--baseline", ".baseline.json")[1] == [("Some 200 cars", 11)]


@pytest.mark.parametrize("content, words", [
    ("not json", "not JSON"),
    ("[]", "not a checker baseline"),
    ('{"version": 7, "findings": []}', "unsupported baseline version 7"),
    ('{"version": 1, "findings": [{"rule": "r"}]}', "findings[0] needs string fields: path, "
                                                    "text, sentence"),
    ('{"version": 1, "findings": [{"rule": "r", "path": "p", "text": "t", "sentence": "s", '
     '"count": 0}]}', "findings[0].count must be a positive integer"),
])
def test_bad_baseline_files_exit_2(archive, content, words):
    (archive / "bad.json").write_text(content, encoding="utf-8")
    result, _ = lint("--baseline", "bad.json")
    assert result.exit_code == 2 and words in result.stderr, result.stderr
    assert result.stderr.startswith("bad.json: ")


def test_missing_baseline_says_how_to_make_one(archive):
    result, _ = lint("--baseline", "nope.json")
    assert result.exit_code == 2
    assert "nope.json: baseline file not found (create it with --write-baseline nope.json)" in result.stderr


# --- the keys ------------------------------------------------------------------------------------

def finding(text: str, sentence: str, line: int = 1, path: str = "a.md", rule: str = "r") -> Finding:
    claim = {"path": path, "start": line * 100, "text": text, "sentence": sentence}
    return Finding(rule=rule, type="t", severity="warning", message=f"m {line}", path=path,
                   line=line, col=1, start=line * 100, end=line * 100 + 5, claims=[claim])


def test_keys_ignore_lines_and_whitespace_but_not_words():
    a = finding("40 boats", "About 40 boats  were\ndamaged.", line=3)
    b = finding("40\u00a0boats", "About 40 boats were damaged.", line=30)
    key = baseline.finding_key
    assert key(a) == key(b)
    assert key(a) != key(finding("41 boats", "About 41 boats were damaged."))
    assert key(a) != key(finding("40 boats", "About 40 boats were damaged.", rule="other"))


def test_findings_without_claims_are_keyed_on_their_message():
    plain = Finding(rule="name-variant", type="name-variant", severity="warning",
                    message="'Zelenskyy' is also written 'Zelensky'", path="./a.md", line=9,
                    col=1, start=0, end=9)
    assert baseline.finding_key(plain) == ("name-variant", "a.md",
                                           "'Zelenskyy' is also written 'Zelensky'", "")


def test_round_trip_and_counts():
    found = [finding("x", "s x.", 1), finding("x", "s x.", 2), finding("y", "s y.", 3)]
    known = baseline.parse(baseline.render(found))
    assert sum(known.values()) == 3
    assert baseline.new_findings(found, known) == ([], 3)
    more = found + [finding("x", "s x.", 9)]
    assert baseline.new_findings(more, known) == ([more[-1]], 3)
