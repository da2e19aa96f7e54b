"""Hostile repositories (issue 15): a run over a tree that anyone may propose reads nothing from
outside it, trusts no cache entry it did not write, and leaves no process behind."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli

ARTICLE = ("---\noutlet: {outlet}\npublished: 2024-10-21\nlang: en\n---\n\n"
           "About {count} soldiers were moved, the Ministry of Defence said.\n")


def run(*args: str):
    result = CliRunner().invoke(cli, list(args))
    if not isinstance(result.exception, (SystemExit, type(None))):
        raise result.exception
    return result


# --- 6: symbolic links out of the checked directory ------------------------------------------------

@pytest.fixture
def linked_tree(tmp_path) -> Path:
    """`tree/` with an article, and links to a password file, a secret article and a folder,
    all outside it."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "passwd.txt").write_text("root:x:0:0:root:/root:/bin/bash\n", "utf-8")
    (outside / "secret.md").write_text(ARTICLE.format(outlet="Secret", count="7,777"), "utf-8")
    tree = tmp_path / "tree"
    (tree / "sub").mkdir(parents=True)
    (tree / "a.md").write_text(ARTICLE.format(outlet="A", count="1,500"), "utf-8")
    os.symlink(outside / "passwd.txt", tree / "passwd.txt")
    os.symlink("../../outside/secret.md", tree / "sub" / "secret.md")
    os.symlink(outside, tree / "outdir")
    os.symlink("a.md", tree / "inside.md")  # inside the tree: read once, by its real name
    return tree


def skipped_notes(tree: Path, tmp_path: Path) -> list[str]:
    outside = tmp_path / "outside"
    return [f"{tree}/outdir: skipped: a symbolic link to '{outside}', outside {tree}: not followed "
            "(--follow-links follows it)",
            f"{tree}/passwd.txt: skipped: a symbolic link to '{outside}/passwd.txt', outside {tree}: "
            "not followed (--follow-links follows it)",
            f"{tree}/sub/secret.md: skipped: a symbolic link to '../../outside/secret.md', outside "
            f"{tree}: not followed (--follow-links follows it)"]


def test_links_out_of_the_tree_are_skipped_with_a_note(linked_tree, tmp_path):
    result = run("lint", str(linked_tree), "--no-cache", "--format", "json")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == skipped_notes(linked_tree, tmp_path)
    assert "7,777" not in result.stdout and "Secret" not in result.stdout
    claims = run("claims", str(linked_tree), "--no-cache", "--format", "jsonl")
    assert [json.loads(line)["path"] for line in claims.stdout.splitlines()] == [f"{linked_tree}/a.md"]


def test_the_report_publishes_nothing_from_outside_the_tree(linked_tree, tmp_path):
    result = run("report", str(linked_tree), "-o", str(tmp_path / "out") + "/")
    assert result.exit_code == 0
    for name in ("report.html", "report.md", "claims.csv"):
        text = (tmp_path / "out" / name).read_text("utf-8")
        assert "root:x:0" not in text and "7,777" not in text, name


def test_follow_links_reads_what_the_links_point_to(linked_tree):
    result = run("claims", str(linked_tree), "--no-cache", "--format", "jsonl", "--follow-links")
    texts = [json.loads(line)["text"] for line in result.stdout.splitlines()]
    assert texts == ["About 1,500 soldiers", "About 7,777 soldiers"]
