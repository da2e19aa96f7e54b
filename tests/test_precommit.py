"""The pre-commit hook (`.pre-commit-hooks.yaml`) runs from a local checkout on a test repository.

`pre-commit try-repo` needs the hook repository to be a git repository with the hook file
committed, so the project is copied to a temporary folder and committed there; pre-commit then
installs it into a virtual environment of its own (from PyPI, like any user's hook), which
takes a minute or two the first time.
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

PROJECT = Path(__file__).resolve().parents[1]
NEWSROOM = PROJECT / "examples" / "newsroom"
NOT_COPIED = shutil.ignore_patterns(".git", ".venv", "venv", "build", "dist", "*.egg-info",
                                    ".checker-cache", ".hypothesis", ".mypy_cache",
                                    ".pytest_cache", ".ruff_cache", "__pycache__", "tests")
FRONT = "---\nlang: en\npublished: 2025-03-10\noutlet: {outlet}\n---\n\n"
WIRE = ("Some 1,200 homes in the harbour district of Port Alder were without power on Monday, "
        "according to Alder Grid.\n")
OURS = WIRE.replace("Some 1,200", "About 3,400")


def pre_commit() -> list[str] | None:
    """How to run pre-commit here: the module beside this Python, else the command."""
    if importlib.util.find_spec("pre_commit") is not None:
        return [sys.executable, "-m", "pre_commit"]
    found = shutil.which("pre-commit")
    return [found] if found else None


needs_pre_commit = pytest.mark.skipif(
    pre_commit() is None, reason="pre-commit is not installed (pip install '.[test]' installs it)")
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.com",
                    "-c", "commit.gpgsign=false", *args], cwd=cwd, check=True,
                   capture_output=True, text=True)


def put(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> Path:
    """A committed copy of this project: what `try-repo` installs the hook from."""
    copy = tmp_path_factory.mktemp("hook") / "checker"
    shutil.copytree(PROJECT, copy, ignore=NOT_COPIED)
    assert (copy / ".pre-commit-hooks.yaml").is_file()
    git(copy, "init", "-q")
    git(copy, "add", "-A")
    git(copy, "commit", "-qm", "checker")
    return copy


@pytest.fixture
def newsroom(tmp_path) -> Path:
    """A repository of articles whose checker.yaml names the wires as references."""
    repo = tmp_path / "newsroom"
    put(repo / "checker.yaml", "against: [wires/]\n")
    put(repo / "content" / "homes.md", FRONT.format(outlet="Port Alder Gazette") + OURS)
    put(repo / "wires" / "northwind.md", FRONT.format(outlet="Northwind Wire") + WIRE)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    return repo


def try_repo(hook_repo: Path, cwd: Path, *files: str) -> subprocess.CompletedProcess:
    # the hook's environment (pandas, pyarrow, ...) goes beside the copy, not in ~/.cache,
    # so that pytest's clean-up of old temporary folders removes it
    env = {**os.environ, "PRE_COMMIT_COLOR": "never", "NO_COLOR": "1",
           "PRE_COMMIT_HOME": str(hook_repo.parent / "pre-commit-home")}
    env.pop("PYTHONPATH", None)
    return subprocess.run([*pre_commit(), "try-repo", str(hook_repo), "checker", "--files",
                           *files], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=900)


def test_hook_definition():
    [hook] = yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert (hook["id"], hook["entry"], hook["language"], hook["types"]) == (
        "checker", "checker lint", "python", ["markdown"])
    assert hook["require_serial"] is True  # one run sees every staged article


def test_newsroom_example_uses_the_hook_and_the_workflow_uploads_sarif():
    config = yaml.safe_load((NEWSROOM / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for r in config["repos"] for h in r["hooks"]] == ["checker"]
    workflow = yaml.safe_load((NEWSROOM / ".github" / "workflows" / "checker.yml")
                              .read_text(encoding="utf-8"))
    steps = workflow["jobs"]["lint-articles"]["steps"]
    runs = " ".join(step.get("run", "") for step in steps)
    assert "--changed-since origin/" in runs
    assert "--format sarif -o results.sarif" in runs and "--format github" in runs
    assert any(step.get("uses", "").startswith("github/codeql-action/upload-sarif")
               for step in steps)
    assert workflow["permissions"]["security-events"] == "write"


@needs_pre_commit
@needs_git
def test_hook_flags_a_contradiction_with_the_configured_corpus(hook_repo, newsroom):
    result = try_repo(hook_repo, newsroom, "content/homes.md")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Failed" in output
    assert "content/homes.md:7:1: error contradicting-figures 3,400 homes contradicts 1,200" in output

    put(newsroom / "content" / "homes.md", FRONT.format(outlet="Port Alder Gazette") + WIRE)
    git(newsroom, "add", "-A")
    fixed = try_repo(hook_repo, newsroom, "content/homes.md")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert "Passed" in fixed.stdout
