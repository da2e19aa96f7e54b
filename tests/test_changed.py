"""`--changed-since REF`: report only on the articles git says changed, against all the others."""
from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from checker.changed import ChangedError, changed_files
from checker.cli.lint import lint_command

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

FRONT = "---\nlang: en\npublished: 2025-03-10\noutlet: {outlet}\n---\n\n"
WIRE = ("Some 1,200 homes in the harbour district of Port Alder were without power on Monday, "
        "according to Alder Grid.\n")
OURS = ("About 1,200 homes in the harbour district of Port Alder were without power on Monday, "
        "according to Alder Grid.\n")
EDITED = OURS.replace("About 1,200", "About 3,400")
OLD_NEWS = "About 40 boats were damaged in the Port Alder marina on Monday.\n"  # unsourced


def git(repo, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.com",
                           "-c", "commit.gpgsign=false", *args], cwd=repo, check=True,
                          capture_output=True, text=True).stdout


def put(repo, name: str, body: str, outlet: str = "Port Alder Gazette"):
    path = repo / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(FRONT.format(outlet=outlet) + body, encoding="utf-8")
    return path


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """Three committed articles, then a second commit that edits ours to contradict the wire."""
    repo = tmp_path / "newsroom"
    repo.mkdir()
    git(repo, "init", "-q")
    put(repo, "content/homes.md", OURS)
    put(repo, "content/boats.md", OLD_NEWS)
    put(repo, "wires/northwind.md", WIRE, outlet="Northwind Wire")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "articles")
    put(repo, "content/homes.md", EDITED)
    git(repo, "commit", "-qam", "edit")
    monkeypatch.chdir(repo)
    return repo


def lint(*args: str):
    result = CliRunner().invoke(lint_command, list(args))
    found = [(f["rule"], f["path"]) for f in json.loads(result.stdout)["findings"]] \
        if result.stdout.strip() else []
    return result, found


def test_only_the_edited_article_is_reported_with_a_contradiction_against_an_unchanged_one(repo):
    everything, found = lint(".", "--format", "json")
    assert ("unsourced-figure", "content/boats.md") in found  # the unchanged article has a finding
    result, found = lint(".", "--changed-since", "HEAD~1", "--format", "json")
    assert result.exit_code == 1, result.output
    assert found == [("contradicting-figures", "content/homes.md")]
    finding = json.loads(result.stdout)["findings"][0]
    assert {c["path"] for c in finding["claims"]} == {"content/homes.md", "wires/northwind.md"}


def test_the_reference_can_be_outside_paths(repo):
    _, found = lint("content/", "--against", "wires/", "--changed-since", "HEAD~1", "--format", "json")
    assert found == [("contradicting-figures", "content/homes.md")]


def test_unchanged_since_the_last_commit(repo):
    result, found = lint(".", "--changed-since", "HEAD", "--format", "json")
    assert result.exit_code == 0 and found == []
    assert "--changed-since HEAD: no article under . changed" in result.stderr


def test_staged_modified_and_new_files_count(repo):
    put(repo, "content/boats.md", OLD_NEWS.replace("40 boats", "41 boats"))  # modified, not staged
    put(repo, "content/new.md", "Some 60 cars were towed from Port Alder on Monday.\n")  # untracked
    (repo / ".gitignore").write_text("drafts/\n", encoding="utf-8")
    put(repo, "drafts/ignored.md", "Some 70 cars were towed from Port Alder on Monday.\n")
    assert changed_files("HEAD", ["."]) == {os.path.realpath(repo / p) for p in (
        "content/boats.md", "content/new.md", ".gitignore")}
    git(repo, "add", "content/new.md")  # staged
    _, found = lint("content/", "--changed-since", "HEAD", "--select", "unsourced", "--format", "json")
    assert found == [("unsourced-figure", "content/boats.md"), ("unsourced-figure", "content/new.md")]


def test_deleted_files_are_not_targets(repo):
    git(repo, "rm", "-q", "content/boats.md")
    assert changed_files("HEAD", ["content"]) == set()


def test_paths_in_a_subfolder_of_the_repository(repo, monkeypatch):
    monkeypatch.chdir(repo / "content")
    _, found = lint("homes.md", "boats.md", "--against", "../wires", "--changed-since", "HEAD~1",
                    "--format", "json")
    assert found == [("contradicting-figures", "homes.md")]


def test_errors_exit_2(repo, tmp_path):
    result, _ = lint(".", "--changed-since", "no-such-ref")
    assert result.exit_code == 2 and "unknown revision 'no-such-ref'" in result.stderr
    outside = tmp_path / "outside"
    outside.mkdir()
    put(outside, "a.md", OLD_NEWS)
    result, _ = lint(str(outside), "--changed-since", "HEAD")
    assert result.exit_code == 2 and "is not inside a git repository" in result.stderr
    with pytest.raises(ChangedError):
        changed_files("HEAD", [str(outside)])
