"""`checker report` of an archive after `checker lint` with the same cache: the claims come from
the claims cache through the lint run's index, no article is read again, and the report is the
one a run without a cache writes. A file whose claims are missing or altered in the cache is
read again (with a note for an altered entry); an edited file makes a new run."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker import pipeline
from checker.cli.lint import lint_command
from checker.cli.report import report_command
from checker.project import Options, index_key, lint_key, plan

ROOT = Path(__file__).resolve().parent.parent
DUTCH = """---
outlet: Avondblad
title: "Aardbeving"
published: 2025-03-06
lang: nl
---

Bij de aardbeving kwamen 41 mensen om het leven, meldde de civiele bescherming.
"""


def copy_articles(into: Path) -> None:
    """Articles with findings, a feed (with records that cannot be read and extra fields), an
    article in a language without data (a notice) and a file that cannot be read."""
    out = into / "articles"
    shutil.copytree(ROOT / "tests" / "data" / "report", out)
    shutil.copy(ROOT / "tests" / "data" / "readers" / "feed.jsonl", out / "feed.jsonl")
    shutil.copy(ROOT / "tests" / "bad_inputs" / "fm-invalid-yaml.md", out / "fm-invalid-yaml.md")
    (out / "avondblad.md").write_text(DUTCH, "utf-8")


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    """The articles, as `articles` in the working directory (the pages name the files)."""
    copy_articles(tmp_path)
    monkeypatch.chdir(tmp_path)
    return Path("articles")


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> tuple[bytes, str]:
    """The page and messages of a report of the articles without a cache."""
    where = tmp_path_factory.mktemp("fresh")
    copy_articles(where)
    here = os.getcwd()
    os.chdir(where)
    try:
        return report(Path("articles"), Path("report.html"), "--no-cache")
    finally:
        os.chdir(here)


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The article files (or parts of feeds) read and parsed."""
    seen: list[str] = []
    original = pipeline.read_articles

    def counting(path, defaults):
        seen.append(path if isinstance(path, str) else path.path)
        return original(path, defaults)

    monkeypatch.setattr(pipeline, "read_articles", counting)
    return seen


def lint(folder: Path, cache: Path) -> None:
    result = CliRunner().invoke(lint_command, [str(folder), "--cache-dir", str(cache), "-q",
                                               "--jobs", "1"])
    assert result.exit_code == 2, result.output  # the files that cannot be read


def report(folder: Path, out: Path, *flags: str) -> tuple[bytes, str]:
    """The archive page and what the command said on standard error."""
    result = CliRunner().invoke(
        report_command, [str(folder), "-o", str(out), "--archive-above", "2", "--jobs", "1", *flags])
    assert result.exit_code == 2, result.output  # the files that cannot be read
    return out.read_bytes(), result.stderr


def claims_entries(cache: Path) -> list[Path]:
    """The claims cache's entries (not the run's, nor its index)."""
    return sorted(p for p in cache.rglob("*.json") if p.parent.name not in ("ru", "fi"))


def test_a_report_after_lint_reads_no_article_and_is_the_one_without_a_cache(folder, tmp_path, reads,
                                                                              fresh):
    cache = tmp_path / "cache"
    lint(folder, cache)
    reads.clear()
    assert report(folder, Path("report.html"), "--cache-dir", str(cache)) == fresh
    assert reads == []
    assert b"no language data for &#39;nl&#39;" in fresh[0] and b"fm-invalid-yaml.md" in fresh[0]


def test_the_articles_of_a_feed_read_in_parts_come_from_the_cache(folder, tmp_path, reads, fresh,
                                                                  monkeypatch):
    monkeypatch.setattr(pipeline, "FEED_PART", 200)  # the feed in parts of a few lines
    cache = tmp_path / "cache"
    lint(folder, cache)
    reads.clear()
    assert report(folder, Path("report.html"), "--cache-dir", str(cache)) == fresh
    assert reads == []


@pytest.mark.parametrize("damage", ["missing", "altered"])
def test_a_file_whose_claims_are_not_in_the_cache_is_read_again(folder, tmp_path, reads, fresh, damage):
    cache = tmp_path / "cache"
    lint(folder, cache)
    entries = claims_entries(cache)
    assert len(entries) >= 4
    entry = entries[0]
    if damage == "missing":
        entry.unlink()
    else:
        entry.write_text(entry.read_text("utf-8").replace('"', "'", 1), "utf-8")
    reads.clear()
    page, said = report(folder, Path("report.html"), "--cache-dir", str(cache))
    assert len(reads) == 1  # that file only
    assert page == fresh[0]
    assert ("cache entry not used, recomputed" in said) == (damage == "altered")
    assert entry.exists()  # written again


def test_an_altered_index_is_not_used(folder, tmp_path, reads, fresh):
    cache = tmp_path / "cache"
    lint(folder, cache)
    key = index_key(lint_key(plan([str(folder)], Options())))
    [index] = cache.rglob(key[2:] + ".json")  # the run's index: a file per line
    index.write_text(index.read_text("utf-8").replace("articles", "artic1es"), "utf-8")
    reads.clear()
    page, said = report(folder, Path("report.html"), "--cache-dir", str(cache))
    assert reads  # read as before the index
    assert "cache entry not used, recomputed: does not match its signature" in said
    assert page == fresh[0]


def test_an_edited_file_is_read_again(folder, tmp_path, reads):
    cache = tmp_path / "cache"
    lint(folder, cache)
    edited = folder / "wire-post-troops.md"
    edited.write_text(edited.read_text("utf-8").replace("3,000", "4,000"), "utf-8")
    reads.clear()
    page, _ = report(folder, Path("report.html"), "--cache-dir", str(cache))
    assert str(edited) in reads and b"4,000" in page
    assert page == report(folder, Path("fresh.html"), "--no-cache")[0]
