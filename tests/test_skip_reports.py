"""A folder that keeps `checker report`'s HTML and Markdown beside its articles is checked
without them: they are said to be skipped on standard error, and the run is as if they
were not there (findings, exit code, failures in every output)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.readers import is_checker_report, parse_file

ROOT = Path(__file__).resolve().parent.parent
STORY = ROOT / "examples" / "story"
SKIPPED = "skipped: a report written by `checker report`, not an article"


def invoke(*args: str):
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """The bundled story with its HTML and Markdown reports written into the same folder."""
    root = tmp_path_factory.mktemp("story")
    for article in STORY.iterdir():
        shutil.copy(article, root / article.name)
    for name in ("report.html", "report.md"):
        done = invoke("report", str(STORY), "-o", str(root / name))
        assert done.exit_code == 0, done.output
    return root


@pytest.mark.parametrize("name", ["report.html", "report.md"])
def test_reports_are_recognised_and_articles_are_not(folder, name):
    data = (folder / name).read_bytes()
    assert is_checker_report(data)
    articles, failures = parse_file(str(folder / name), data)
    assert articles == [] and [(f.message, f.skipped) for f in failures] == [(SKIPPED, True)]
    for article in STORY.iterdir():
        assert not is_checker_report(article.read_bytes())


def test_lint_of_a_folder_with_reports_is_lint_of_its_articles(folder):
    alone = invoke("lint", str(STORY), "--format", "json", "--no-cache", "--jobs", "1")
    mixed = invoke("lint", str(folder), "--format", "json", "--no-cache", "--jobs", "1")
    assert mixed.exit_code == alone.exit_code == 1
    ours, theirs = json.loads(mixed.stdout), json.loads(alone.stdout)
    assert ours["failures"] == []
    assert [(f["rule"], Path(f["path"]).name, f["line"], f["col"]) for f in ours["findings"]] == \
        [(f["rule"], Path(f["path"]).name, f["line"], f["col"]) for f in theirs["findings"]]
    lines = [ln for ln in mixed.stderr.splitlines() if "skipped" in ln]
    assert lines == [f"{folder / 'report.html'}: {SKIPPED}", f"{folder / 'report.md'}: {SKIPPED}"]
    assert "could not be checked" not in mixed.stderr


def test_a_report_named_alone_is_skipped_and_the_run_does_not_fail(folder):
    done = invoke("lint", str(folder / "report.html"), "--no-cache")
    assert done.exit_code == 0
    assert done.stderr.strip().splitlines()[0] == f"{folder / 'report.html'}: {SKIPPED}"


def test_claims_and_report_skip_reports_too(folder):
    claims = invoke("claims", str(folder), "--format", "json", "--no-cache")
    assert claims.exit_code == 0 and SKIPPED in claims.stderr
    assert not any(Path(c["path"]).name.startswith("report") for c in json.loads(claims.stdout)["claims"])
    again = invoke("report", str(folder), "-o", "-", "--format", "md")
    assert again.exit_code == 0 and SKIPPED in again.stderr
    assert "report.html" not in again.stdout
