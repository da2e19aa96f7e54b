"""A new user's first commands (issue 12): a single article without names, and `--debug`
wherever it is written."""
from __future__ import annotations

import pandas as pd
import pytest

from checker.checks import CheckContext, name_variant
from checker.cli import main
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
    assert out == ('a.md:7:1: warning unsourced-figure unsourced figure: "More than 40 people"\n'
                   "Found 1 finding (1 warning) in 1 file.\n")


def test_name_variant_on_claims_that_name_no_one():
    claims = pd.DataFrame({"path": ["a.md"], "article": ["a.md"], "lang": ["en"], "start": [7],
                           "published": ["2024-10-18"], "entities": [None], "source_text": [None]})
    [rule] = [r for r in load_rules() if r.type == "name-variant"]
    assert name_variant.run(claims, rule, CheckContext(targets=frozenset({"a.md"}))) == []


@pytest.fixture
def broken_lint(simplest, monkeypatch):
    def broken(*args, **kwargs):
        raise KeyError("rule")
    monkeypatch.setattr("checker.cli.lint.lint", broken)


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
