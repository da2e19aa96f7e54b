"""Expanding command-line paths into article files."""
from __future__ import annotations

import os

import pytest

from checker.article import Failure
from checker.walk import iter_input_files


def make(root, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")


@pytest.fixture
def tree(tmp_path, monkeypatch):
    make(
        tmp_path,
        "news/b.md", "news/a.html", "news/sub/c.txt", "news/sub/d.jsonl", "news/z.ndjson", "news/a2.markdown",
        "news/img.png", "news/notes", "news/.draft.md", "news/.git/HEAD.md", "news/.cache/x.md",
        "news/node_modules/pkg/README.md", "news/UPPER.MD",
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_directories_are_walked_in_sorted_order_taking_article_extensions(tree):
    files, failures = iter_input_files(["news"])
    assert failures == []
    assert files == [
        "news/UPPER.MD", "news/a.html", "news/a2.markdown", "news/b.md",
        "news/sub/c.txt", "news/sub/d.jsonl", "news/z.ndjson",
    ]


def test_order_is_deterministic(tree):
    assert iter_input_files(["news"]) == iter_input_files(["news"])


def test_dot_as_root_gives_clean_relative_paths(tree, monkeypatch):
    monkeypatch.chdir(tree / "news")
    files, _ = iter_input_files(["."])
    assert files[:2] == ["UPPER.MD", "a.html"]


def test_hidden_and_vendored_directories_are_skipped(tree):
    files, _ = iter_input_files(["news"])
    assert not any("/." in f or "node_modules" in f for f in files)


def test_explicit_files_are_always_taken_in_the_given_order(tree):
    files, failures = iter_input_files(["news/notes", "news/img.png", "news/.draft.md", "news/b.md"], exclude=["*.md"])
    assert failures == []
    assert files == ["news/notes", "news/img.png", "news/.draft.md", "news/b.md"]


def test_a_file_is_listed_once(tree):
    files, _ = iter_input_files(["news/b.md", "news", "news/b.md"])
    assert files.count("news/b.md") == 1 and files[0] == "news/b.md"


def test_missing_paths_are_failures(tree):
    files, failures = iter_input_files(["nope.md", "news/sub"])
    assert files == ["news/sub/c.txt", "news/sub/d.jsonl"]
    assert failures == [Failure("nope.md", None, "no such file or directory")]
    assert str(failures[0]) == "nope.md: no such file or directory"


def test_include_and_exclude(tree):
    files, _ = iter_input_files(["news"], include=["*.md", "*.txt"])
    assert files == ["news/b.md", "news/sub/c.txt"]  # globs are case-sensitive, as in git
    files, _ = iter_input_files(["news"], exclude=["sub"])
    assert "news/sub/c.txt" not in files and "news/b.md" in files
    files, _ = iter_input_files(["news"], exclude=["sub/*.txt", "a*"])
    assert files == ["news/UPPER.MD", "news/b.md", "news/sub/d.jsonl", "news/z.ndjson"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlink_loops_terminate_and_linked_files_are_read_once(tree):
    os.symlink("..", tree / "news/sub/up")  # news/sub/up -> news: a loop
    os.symlink("sub", tree / "news/same")  # a second name for news/sub
    os.symlink("b.md", tree / "news/link.md")  # a second name for news/b.md
    os.symlink("missing.md", tree / "news/broken.md")
    os.symlink("self.md", tree / "news/self.md")
    files, failures = iter_input_files(["news"])
    assert files == [
        "news/UPPER.MD", "news/a.html", "news/a2.markdown", "news/b.md",
        "news/sub/c.txt", "news/sub/d.jsonl", "news/z.ndjson",
    ]
    assert [(f.path, f.message.split(":")[0]) for f in failures] == [
        ("news/broken.md", "broken symbolic link to 'missing.md'"),
        ("news/self.md", "symbolic link loop"),
    ]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlinked_directory_given_explicitly_is_walked(tree):
    os.symlink(tree / "news/sub", tree / "alias")
    files, _ = iter_input_files(["alias"])
    assert files == ["alias/c.txt", "alias/d.jsonl"]


def test_does_not_read_file_contents(tree, monkeypatch):
    import builtins

    def forbidden(*args, **kwargs):
        raise AssertionError("walk must not open files")

    monkeypatch.setattr(builtins, "open", forbidden)
    files, _ = iter_input_files(["news"])
    assert files


def test_deep_directory_tree(tmp_path):
    path = tmp_path
    for _ in range(200):
        path = path / "d"
    path.mkdir(parents=True)
    (path / "a.md").write_text("x", encoding="utf-8")
    files, failures = iter_input_files([str(tmp_path)])
    assert failures == [] and len(files) == 1


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_links_to_outside_the_root_are_followed_without_looping_when_asked(tree):
    make(tree, "wires/e.md")
    os.symlink("../wires", tree / "news/wires")
    os.symlink("../news", tree / "wires/back")  # back into the root: a loop through outside
    files, failures = iter_input_files(["news"], follow_links=True)
    assert failures == []
    assert files[-2:] == ["news/wires/e.md", "news/z.ndjson"]
    assert len(files) == 8


def test_files_over_the_size_limit_fail_unread_but_feeds_are_taken(tmp_path, monkeypatch):
    import checker.walk as walk
    monkeypatch.setattr(walk, "MAX_FILE_SIZE", 1_500_000)
    (tmp_path / "small.md").write_bytes(b"x" * 1_500_000)
    for name in ("big.md", "feed.jsonl"):
        with open(tmp_path / name, "wb") as fh:
            fh.truncate(2_000_000)  # sparse: the size is all the walk looks at
    files, failures = iter_input_files([str(tmp_path), str(tmp_path / "big.md")])
    assert files == [str(tmp_path / "feed.jsonl"), str(tmp_path / "small.md")]
    assert failures == [Failure(str(tmp_path / "big.md"), None,
                                "file too large to be an article (2.0 MB; the limit is 1.5 MB): not read")]
