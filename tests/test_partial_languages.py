"""Articles in a language without a data file (Dutch, Polish) are read for their digit figures,
with the separators of their CLDR locale; a notice per file goes to standard error and into
the JSON outputs; the exit code is decided by the findings alone."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli

DUTCH = ("Volgens de brandweer zijn 1.250 mensen geëvacueerd en is 3,5 km² bos verbrand.\n")
POLISH = "Ewakuowano 1 250 osób, a ogień strawił 3,5 km² lasu.\n"
NOTICES = ["a.md: partial: no language data for 'nl'; figures only",
           "b.md: partial: no language data for 'pl'; figures only"]


def write(path: Path, lang: str, body: str, outlet: str = "Outlet") -> None:
    path.write_text(f"---\noutlet: {outlet}\npublished: 2025-03-10\nlang: {lang}\n---\n\n{body}",
                    encoding="utf-8")


@pytest.fixture
def folder(tmp_path, monkeypatch):
    write(tmp_path / "a.md", "nl", DUTCH, "NOS")
    write(tmp_path / "b.md", "pl", POLISH, "TVN")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_dutch_and_polish_figures_are_read_with_their_locale_separators(folder):
    result = run("claims", ".", "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert [(c["path"], c["text"], c["value"], c["unit"], c["lang"]) for c in doc["claims"]] == [
        ("a.md", "1.250", 1250.0, None, "nl"), ("a.md", "3,5 km²", 3.5, "square_kilometer", "nl"),
        ("b.md", "1 250", 1250.0, None, "pl"), ("b.md", "3,5 km²", 3.5, "square_kilometer", "pl")]
    assert doc["notices"] == NOTICES
    assert doc["failures"] == []
    assert result.stderr.splitlines() == NOTICES


def test_the_notice_is_in_the_lint_json_and_on_stderr_and_does_not_change_the_exit_code(folder):
    result = run("lint", ".", "--format", "json", "--no-cache")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert [(n["path"], n["message"]) for n in doc["notices"]] == [
        (line.split(": ", 1)[0], line.split(": ", 1)[1]) for line in NOTICES]
    assert doc["failures"] == [] and doc["summary"]["failures"] == 0
    # attribution cues cannot be read in these languages: no figure is called unsourced
    assert doc["findings"] == []
    assert result.stderr.splitlines() == NOTICES


def test_with_findings_elsewhere_the_exit_code_is_the_findings_one(folder):
    sentence = "{} homes were without power in Port Alder on Monday, according to Alder Grid.\n"
    write(folder / "c.md", "en", sentence.format("About 3,400"), "Gazette")
    write(folder / "d.md", "en", sentence.format("Some 1,200"), "Wire")
    result = run("lint", ".", "--format", "json", "--no-cache")
    assert result.exit_code == 1, result.output
    doc = json.loads(result.stdout)
    assert {f["path"] for f in doc["findings"]} <= {"c.md", "d.md"}
    assert {f["rule"] for f in doc["findings"]} == {"contradicting-figures"}
    assert len(doc["notices"]) == 2
