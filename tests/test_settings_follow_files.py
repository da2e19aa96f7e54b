"""Settings that follow the files (issue 12): each article is read and checked with the
configuration nearest to it, whatever the working directory, for lint, claims and report;
`--config` forces one; `checker config show` says what is in force and where it comes from."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import checker
from checker.cli import cli
from checker.config import find_config
from test_config import GRID, OURS, UNSOURCED, article, write

ROOT = Path(__file__).resolve().parent.parent
NEWSROOM = ROOT / "examples" / "newsroom"


def run(*args: str):
    return CliRunner().invoke(cli, [*args])


def found(result) -> list[tuple[str, int, str, str]]:
    assert result.exit_code in (0, 1), result.output
    return [(os.path.basename(f["path"]), f["line"], f["rule"], f["severity"])
            for f in json.loads(result.stdout)["findings"]]


@pytest.fixture
def newsroom(tmp_path, monkeypatch):
    """A copy of the example newsroom repository inside a checkout-like folder."""
    shutil.copytree(NEWSROOM, tmp_path / "site")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "site"


# --- discovery per file ----------------------------------------------------------------------

def test_lint_from_above_reads_the_folders_configuration(newsroom, monkeypatch):
    from_above = found(run("lint", "site/content", "--format", "json", "--no-cache"))
    monkeypatch.chdir(newsroom)
    from_inside = found(run("lint", "content", "--format", "json", "--no-cache"))
    assert from_above == from_inside
    assert ("2025-03-10-orla-harbour-district.md", 10, "contradicting-figures", "error") in from_above


def test_claims_are_read_with_the_files_configuration(newsroom):
    frame = checker.extract_claims("site/content/posts/2025-03-10-orla-harbour-district.md")
    assert set(zip(frame["outlet"], frame["published"], frame["lang"])) == {
        ("Port Alder Gazette", "2025-03-10", "en")}  # defaults and the `date:` key of checker.yaml
    result = run("claims", "site/content", "--format", "jsonl", "--no-cache")
    assert result.exit_code == 0
    assert {json.loads(line)["outlet"] for line in result.stdout.splitlines()} == {"Port Alder Gazette"}


def test_report_gives_the_findings_lint_gives(newsroom):
    linted = checker.lint("site/content")
    reported = checker.report("site/content")
    assert not linted.empty
    assert reported.to_dict("records") == linted.to_dict("records")


def test_each_folder_its_own_configuration_in_one_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for folder, select in (("desk-a", "unsourced"), ("desk-b", "contradiction")):
        write(tmp_path / folder / "checker.yaml", f"select: [{select}]\nagainst: [../wires]\n"
                                                  "defaults: {lang: en, outlet: Gazette}\n")
        article(tmp_path / folder / "homes.md", OURS + " " + UNSOURCED, published="2025-03-10")
    article(tmp_path / "wires" / "wire.md", GRID, outlet="Wire", published="2025-03-10", lang="en")
    result = run("lint", "desk-a", "desk-b", "--format", "json", "--no-cache")
    rules = {(Path(f["path"]).parent.name, f["rule"]) for f in json.loads(result.stdout)["findings"]}
    assert rules == {("desk-a", "unsourced-figure"), ("desk-b", "contradicting-figures")}
    forced = write(tmp_path / "ci.yaml", "select: [contradiction]\nagainst: [wires]\n"
                                         "defaults: {lang: en}\n")
    result = run("lint", "desk-a", "desk-b", "--format", "json", "--no-cache", "--config", str(forced))
    rules = {(Path(f["path"]).parent.name, f["rule"]) for f in json.loads(result.stdout)["findings"]}
    assert rules == {("desk-a", "contradicting-figures"), ("desk-b", "contradicting-figures")}


def test_a_configuration_below_the_working_directory_is_not_read_for_a_file_above_it(tmp_path,
                                                                                      monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "desk" / "checker.yaml", "select: [contradiction]\n")
    article(tmp_path / "loose.md", UNSOURCED, lang="en", published="2025-03-10")
    assert [r for _, _, r, _ in found(run("lint", "loose.md", "--format", "json", "--no-cache"))] == [
        "unsourced-figure"]


# --- pyproject.toml ---------------------------------------------------------------------------

def test_pyproject_tool_checker_table(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    article(tmp_path / "news" / "homes.md", UNSOURCED, published="2025-03-10")
    write(tmp_path / "pyproject.toml", """
        [project]
        name = "site"

        [tool.checker]
        select = ["unsourced"]

        [tool.checker.defaults]
        lang = "en"
        outlet = "Port Alder Gazette"

        [tool.checker.overrides.unsourced-figure]
        severity = "info"
    """)
    assert find_config("news") == "pyproject.toml"
    assert found(run("lint", "news", "--format", "json", "--no-cache")) == [
        ("homes.md", 6, "unsourced-figure", "info")]
    write(tmp_path / "checker.yaml", "select: [contradiction]\n")  # first in the same folder
    assert find_config("news") == "checker.yaml"


def test_a_pyproject_without_the_table_is_passed_over(tmp_path):
    write(tmp_path / "checker.yaml", "fail_on: warning\n")
    write(tmp_path / "app" / "pyproject.toml", "[project]\nname = 'app'\n[tool.black]\nline-length = 99\n")
    assert os.path.samefile(find_config(str(tmp_path / "app")), tmp_path / "checker.yaml")


@pytest.mark.parametrize("text, where, words", [
    ("[tool.checker]\nselct = ['x']\n", "pyproject.toml:2", "unknown key 'selct' in the "
                                                            "configuration (did you mean 'select'?"),
    ("[tool.checker]\n\n[tool.checker.defaults]\nlang = 'xx'\n", "pyproject.toml:4",
     "'defaults.lang': unknown language 'xx'"),
    ("[tool.checker]\nfail_on = \n", "pyproject.toml:2", "invalid TOML: Invalid value"),
])
def test_pyproject_errors_name_the_line(tmp_path, monkeypatch, text, where, words):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "pyproject.toml", text)
    article(tmp_path / "a.md", UNSOURCED, lang="en")
    result = run("lint", "a.md", "--no-cache")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"{where}: ") and words in result.stderr, result.stderr


# --- checker config show ----------------------------------------------------------------------

def test_config_show_says_what_is_in_force_and_where(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "site" / "checker.yaml", """
        # the desk's settings
        against: [wires/]
        defaults:
          lang: en
        overrides:
          contradicting-figures: {params: {tolerance: 0.02}}
        fail_on: warning
    """)
    article(tmp_path / "site" / "wires" / "w.md", GRID)
    article(tmp_path / "site" / "news" / "a.md", UNSOURCED)
    result = run("config", "show", "site/news/a.md")
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line for line in result.stdout.splitlines()[1:]}
    assert result.stdout.splitlines()[0] == "settings for site/news/a.md"
    assert rows["configuration"].split() == ["configuration", "site/checker.yaml", "the", "nearest",
                                             "above", "the", "file"]
    assert rows["against"].split() == ["against", "site/wires", "site/checker.yaml:2"]
    assert rows["defaults.lang"].split() == ["defaults.lang", "en", "site/checker.yaml:4"]
    assert rows["fail_on"].split() == ["fail_on", "warning", "site/checker.yaml:7"]
    assert rows["select"].split() == ["select", "all", "default"]
    by_rule = {line.split()[1]: line.split()[2:] for line in result.stdout.splitlines()
               if line.startswith("  rule ")}
    assert by_rule["contradicting-figures"] == ["error,", "tolerance=0.02", "site/checker.yaml:6"]
    assert by_rule["unsourced-figure"][0] == "warning"
    forced = run("config", "show", "site/news/a.md", "--config", "site/checker.yaml")
    assert forced.stdout.splitlines()[1].split() == ["configuration", "site/checker.yaml", "--config"]


def test_config_show_without_a_configuration(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    article(tmp_path / "a.md", UNSOURCED)
    result = run("config", "show", "a.md")
    lines = result.stdout.splitlines()
    assert lines[1].split() == ["configuration", "none", "none", "above", "the", "file"]
    assert lines[-1].split()[:3] == ["rule", "weekday-mismatch", "error"]
    assert lines[-1].endswith("weekday-mismatch.yaml")  # the bundled rule file
