"""A new user's first commands (issue 12): a single article without names, `--debug` wherever
it is written, and paths that hold no article."""
from __future__ import annotations

import json
import re

import pandas as pd
import pytest

import checker
from checker.checks import CheckContext, name_variant
from checker.cli import main
from checker.findings import FINDING_FIELDS
from checker.ruleset import load_rules

SIMPLEST = "---\noutlet: T\npublished: 2024-10-18\nlang: en\n---\n\nMore than 40 people were counted.\n"


@pytest.fixture
def simplest(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(SIMPLEST, encoding="utf-8")
    return tmp_path


def run_main(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_:
        main(list(args))
    out, err = capsys.readouterr()
    return exit_.value.code, out, err


def test_an_article_without_names_is_linted(simplest, capsys):
    code, out, err = run_main(capsys, "lint", "a.md", "--no-cache")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        'a.md:7:1: warning unsourced-figure unsourced figure: "More than 40 people"',
        "  |",
        "7 | More than 40 people were counted.",
        "  | ^^^^^^^^^^^^^^^^^^^",
        "",
        "Found 1 finding (1 warning) in 1 file.",
    ]


def test_name_variant_on_claims_that_name_no_one():
    claims = pd.DataFrame({"path": ["a.md"], "article": ["a.md"], "lang": ["en"], "start": [7],
                           "published": ["2024-10-18"], "entities": [None], "source_text": [None]})
    [rule] = [r for r in load_rules() if r.type == "name-variant"]
    assert name_variant.run(claims, rule, CheckContext(targets=frozenset({"a.md"}))) == []


@pytest.fixture
def broken_lint(simplest, monkeypatch):
    def broken(*args, **kwargs):
        raise KeyError("rule")
    monkeypatch.setattr("checker.project.lint", broken)


@pytest.mark.parametrize("args", [["--debug", "lint", "a.md"], ["lint", "a.md", "--debug"],
                                  ["lint", "--debug", "a.md"]])
def test_debug_anywhere_gives_the_traceback_and_no_advice_to_use_it(broken_lint, capsys, args):
    code, _, err = run_main(capsys, *args, "--no-cache")
    assert code == 2
    assert err.startswith("Traceback (most recent call last):") and err.endswith("KeyError: 'rule'\n")
    assert "run with --debug" not in err


def test_without_debug_a_bug_is_one_line(broken_lint, capsys):
    code, _, err = run_main(capsys, "lint", "a.md", "--no-cache")
    assert (code, err) == (2, "checker: internal error: KeyError: 'rule' (run with --debug for details)\n")


# --- no input, no silence -----------------------------------------------------------------------

NOTHING = ("no articles to check (article files end in .htm, .html, .jsonl, .markdown, .md, "
           ".ndjson, .text, .txt; README, LICENSE and CHANGELOG files are not articles)")


@pytest.fixture
def empty(simplest):
    (simplest / "empty").mkdir()
    (simplest / "empty" / "README.md").write_text("# not an article\n", encoding="utf-8")
    return simplest


@pytest.mark.parametrize("command", ["lint", "claims", "report"])
def test_a_folder_without_articles_is_a_usage_error(empty, capsys, command):
    code, out, err = run_main(capsys, command, "empty", "--no-cache" if command != "report" else "-o-")
    assert (code, out, err) == (2, "", f"empty: {NOTHING}\n")


def test_references_without_articles_are_a_usage_error(empty, capsys):
    assert run_main(capsys, "lint", "a.md", "--against", "empty", "--no-cache") == (
        2, "", f"--against empty: {NOTHING}\n")
    (empty / "checker.yaml").write_text("fail_on: error\nagainst: [empty/]\n", encoding="utf-8")
    assert run_main(capsys, "lint", "a.md", "--no-cache") == (
        2, "", f"checker.yaml:2: against: empty: {NOTHING}\n")


def test_a_folder_emptied_by_include_and_exclude_names_the_configuration(empty, capsys):
    (empty / "checker.yaml").write_text("exclude: ['*.md']\n", encoding="utf-8")
    assert run_main(capsys, "lint", ".", "--no-cache") == (
        2, "", f".: {NOTHING} (with the include and exclude of checker.yaml)\n")


def test_the_api_raises_for_a_missing_path_and_a_path_without_articles(empty):
    with pytest.raises(FileNotFoundError, match="no such file or directory: 'no/such/dir'"):
        checker.extract_claims("no/such/dir")
    with pytest.raises(checker.NoArticles, match=f"^empty: {re.escape(NOTHING)}$"):
        checker.extract_claims("empty")
    with pytest.raises(checker.NoArticles):
        checker.lint("empty")
    with pytest.raises(FileNotFoundError):
        checker.lint("a.md", against="no/such/dir")


# --- the Python API: what the commands give -------------------------------------------------------

def test_lint_api_returns_the_findings_frame_of_the_command(simplest, capsys):
    frame = checker.lint("a.md")
    assert list(frame.columns) == list(FINDING_FIELDS)
    assert frame[["path", "line", "col", "rule", "severity"]].values.tolist() == [
        ["a.md", 7, 1, "unsourced-figure", "warning"]]
    assert frame.attrs["failures"] == []
    code, out, _ = run_main(capsys, "lint", "a.md", "--format", "json", "--no-cache")
    assert json.loads(out)["findings"] == frame.to_dict("records")


def test_lint_api_selects_and_overrides_like_the_options(simplest):
    assert checker.lint("a.md", select=["contradiction"]).empty
    frame = checker.lint("a.md", overrides={"unsourced-figure": {"severity": "info"}})
    assert frame["severity"].tolist() == ["info"]


def test_report_api_writes_the_report_and_returns_lint_findings(simplest):
    frame = checker.report("a.md", output=simplest / "r.html", title="Counted")
    assert frame.attrs["written"] == [str(simplest / "r.html")]
    page = (simplest / "r.html").read_text("utf-8")
    assert "<title>Counted</title>" in page and "More than 40 people" in page
    assert frame.to_dict("records") == checker.lint("a.md").to_dict("records")
    assert checker.report("a.md").attrs["written"] == []
