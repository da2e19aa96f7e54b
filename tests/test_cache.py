"""The claims cache and the lint run cache: a second run over unchanged articles re-extracts
nothing and prints the same bytes; editing one article re-extracts that article only."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from checker import cache, pipeline
from checker.cli.lint import lint_command

ROOT = Path(__file__).resolve().parents[1]
STORY = ROOT / "examples" / "story"


@pytest.fixture
def story(tmp_path):
    target = tmp_path / "story"
    shutil.copytree(STORY, target)
    return target


@pytest.fixture
def extractions(monkeypatch):
    """The paths of the articles whose claims are extracted (not read from the cache)."""
    seen: list[str] = []
    original = pipeline.article_records

    def counting(article, gazetteer=None):
        seen.append(os.path.basename(article.path))
        return original(article, gazetteer)

    monkeypatch.setattr(pipeline, "article_records", counting)
    return seen


def edit(path: Path) -> None:
    text = path.read_text("utf-8")
    path.write_text(text.replace("firefighters", "fire crews", 1), "utf-8")


def test_second_extraction_reads_the_cache_and_gives_the_same_frame(story, tmp_path, extractions):
    cache_dir = str(tmp_path / "cache")
    first = pipeline.extract_paths([str(story)], cache_dir=cache_dir)
    assert len(extractions) == 4 and len(first.claims) > 20
    extractions.clear()
    second = pipeline.extract_paths([str(story)], cache_dir=cache_dir)
    assert extractions == []
    pd.testing.assert_frame_equal(first.claims, second.claims)


def test_editing_one_article_re_extracts_that_article_only(story, tmp_path, extractions):
    cache_dir = str(tmp_path / "cache")
    pipeline.extract_paths([str(story)], cache_dir=cache_dir)
    extractions.clear()
    edit(story / "meridian-wire.md")
    run = pipeline.extract_paths([str(story)], cache_dir=cache_dir)
    assert extractions == ["meridian-wire.md"]
    assert "fire crews" in " ".join(run.claims["sentence"].dropna())


def test_a_damaged_cache_entry_is_a_miss(story, tmp_path, extractions):
    cache_dir = tmp_path / "cache"
    first = pipeline.extract_paths([str(story)], cache_dir=str(cache_dir))
    for entry in cache_dir.rglob("*.json"):
        entry.write_text("{not json", "utf-8")
    extractions.clear()
    second = pipeline.extract_paths([str(story)], cache_dir=str(cache_dir))
    assert len(extractions) == 4
    pd.testing.assert_frame_equal(first.claims, second.claims)


def lint(story: Path, cache_dir: Path, *extra: str):
    return CliRunner().invoke(lint_command, [str(story), "--format", "json", "--jobs", "1",
                                             "--cache-dir", str(cache_dir), *extra])


def test_lint_over_an_unchanged_folder_reads_one_cache_entry(story, tmp_path, monkeypatch):
    first = lint(story, tmp_path / "cache")
    assert first.exit_code == 1 and '"findings"' in first.output

    def no_extraction(*args, **kwargs):
        raise AssertionError("extracted again")
    monkeypatch.setattr(pipeline, "extract_files", no_extraction)
    second = lint(story, tmp_path / "cache")
    assert (second.exit_code, second.output) == (first.exit_code, first.output)


def test_lint_run_cache_follows_edits_rules_and_settings(story, tmp_path, extractions):
    cache_dir = tmp_path / "cache"
    first = lint(story, cache_dir)
    assert len(extractions) == 4
    extractions.clear()
    edit(story / "meridian-wire.md")
    edited = lint(story, cache_dir)
    assert extractions == ["meridian-wire.md"]  # the run is checked again, one article re-read
    assert edited.output != first.output
    extractions.clear()
    selected = lint(story, cache_dir, "--select", "unsourced-figure")
    assert extractions == [] and selected.output != edited.output
    assert '"rule": "contradicting-figures"' not in selected.output
    assert lint(story, cache_dir, "--no-cache").output == edited.output


def test_run_keys_depend_on_every_part():
    assert cache.run_key(["a", "b"]) != cache.run_key(["ab"]) != cache.run_key(["a", "c"])
    assert cache.run_key(["a", "b"]) == cache.run_key(["a", "b"])
