"""A new user's walkthrough (issue 12): the README's commands on a fresh clone of the
repository at HEAD (with no `../shared` beside it), and the newsroom example from its
repository root, each giving what the README says.

The installed virtualenv is reused instead of a `pip install` in the clone (CI's `.ci/run`
installs exactly as the README says); every `checker` command is run as the README writes it.
"""
from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHECKER = str(Path(sys.executable).parent / "checker")
INSTALL = ["python3 -m venv .venv", ".venv/bin/pip install ."]
TEST_INSTALL = ["python3 -m venv .venv", ".venv/bin/pip install '.[test]'",
                ".venv/bin/python -m pytest -q"]


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: nothing to clone")
    dest = tmp_path_factory.mktemp("walkthrough") / "checker"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(dest)], check=True)
    assert not (dest.parent / "shared").exists()
    return dest


def blocks(markdown: str) -> list[tuple[str, str]]:
    """(language, text) of each fenced block."""
    return re.findall(r"^```(\w*)\n(.*?)^```", markdown, re.MULTILINE | re.DOTALL)


def checker(command: str, cwd: Path) -> subprocess.CompletedProcess:
    """A `checker ...` or `.venv/bin/checker ...` command as written, with this venv's checker."""
    words = shlex.split(command)
    assert words[0] in ("checker", ".venv/bin/checker"), command
    env = {k: v for k, v in os.environ.items() if k not in ("CHECKER_CACHE_DIR", "NO_COLOR")}
    return subprocess.run([CHECKER, *words[1:]], cwd=cwd, capture_output=True, text=True, env=env)


def test_the_first_command_checks_the_examples_and_writes_the_report_out_of_the_way(clone):
    readme = (clone / "README.md").read_text("utf-8")
    first = next(text for lang, text in blocks(readme) if lang == "sh")
    steps = [step.strip() for step in first.strip().split("&&")]
    assert steps[:2] == INSTALL
    assert len(steps) == 4
    for step in steps[2:]:
        done = checker(step, clone)
        assert done.returncode == 0, (step, done.stderr)
    assert (clone / "build" / "report.html").read_text("utf-8").startswith("<!DOCTYPE html>")
    assert not (clone / "report.html").exists()
    status = subprocess.run(["git", "status", "--porcelain"], cwd=clone, capture_output=True,
                            text=True, check=True)
    assert status.stdout == ""  # what the commands wrote (report, caches) is git-ignored


def test_the_test_command_finds_the_tests_in_a_clone(clone):
    readme = (clone / "README.md").read_text("utf-8")
    second = [text for lang, text in blocks(readme) if lang == "sh"][1]
    assert [step.strip() for step in second.strip().split("&&")] == TEST_INSTALL
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "--collect-only",
                           "-p", "no:cacheprovider"], cwd=clone, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-2000:]
    assert re.search(r"^\d{3,} tests collected", done.stdout, re.MULTILINE), done.stdout[-500:]


def test_the_showcase_prints_what_the_readme_shows(clone):
    readme = (clone / "README.md").read_text("utf-8")
    found = blocks(readme)
    at = next(i for i, (lang, text) in enumerate(found)
              if lang == "sh" and text.startswith("checker lint examples/story/harbour-courier.md"))
    done = checker(found[at][1].strip(), clone)
    assert done.returncode == 1, done.stderr  # two errors
    assert done.stdout == found[at + 1][1]


def newsroom_promise(clone: Path) -> tuple[str, str]:
    """The command the newsroom README gives and the output it shows."""
    found = blocks((clone / "examples" / "newsroom" / "README.md").read_text("utf-8"))
    at = next(i for i, (lang, text) in enumerate(found) if lang == "sh")
    return found[at][1].strip(), found[at + 1][1]


def test_the_newsroom_example_from_its_repository_root(clone):
    command, shown = newsroom_promise(clone)
    assert command == "checker lint content/"
    done = checker(command, clone / "examples" / "newsroom")
    assert done.returncode == 1, done.stderr  # "The exit code is 1 (an error)"
    assert done.stdout == shown


def test_the_newsroom_example_from_the_checkers_root_reads_its_configuration(clone):
    _, shown = newsroom_promise(clone)
    done = checker("checker lint examples/newsroom/content", clone)
    assert done.returncode == 1, done.stderr
    prefixed = re.sub(r"^content/", "examples/newsroom/content/", shown, flags=re.MULTILINE)
    assert done.stdout == prefixed.replace(" (wires/", " (examples/newsroom/wires/")
