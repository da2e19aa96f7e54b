"""The fuzz harness's per-input check (`fuzz/fuzz_extract.py`), run over its seed corpus.

The fuzzer itself needs atheris (see `fuzz/README.md`); `check_input` does not, so every seed
and every input that once found a bug is checked here on each test run.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"
REGRESSIONS = ROOT / "fuzz" / "regressions"  # inputs that once found a bug


def load_harness():
    spec = importlib.util.spec_from_file_location("fuzz_extract", ROOT / "fuzz" / "fuzz_extract.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


harness = load_harness()
SEEDS = sorted(p for p in CORPUS.iterdir() if p.is_file())
FOUND = sorted(p for p in REGRESSIONS.iterdir() if p.is_file())


def test_the_corpus_has_articles_in_each_language_and_format():
    names = [p.name for p in SEEDS]
    assert {n[:3] for n in names} >= {"it-", "en-", "es-"}
    assert {p.suffix for p in SEEDS} >= {".md", ".html", ".jsonl", ".txt"}


@pytest.mark.parametrize("seed", SEEDS, ids=[p.name for p in SEEDS])
def test_each_seed_is_read_and_extracted_without_a_finding(seed):
    assert harness.check_input(seed.read_bytes()) > 0  # every seed article has claims


@pytest.mark.parametrize("data", [
    b"", b"\x00", b"\xff\xfe\x00", b"---\n", b"---\nlang: en\n---\n", b"<html><body>",
    b'{"text": "1,500 soldiers", "lang": "en"}\n{', b"\xef\xbb\xbf# 1.1.1.1.1 soldiers",
    b"<!DOCTYPE html><body>" + b"<div>" * 20_000,
    b"---\nlang: en\n---\n" + b"x. " + b" " * 50_000 + b".",
    b"---\nlang: it\n---\n" + b"tra " * 3_000 + b"1 e 2",
])
def test_hostile_inputs_give_no_finding(data):
    harness.check_input(data)


@pytest.mark.parametrize("found", FOUND, ids=[p.name for p in FOUND])
def test_inputs_that_found_bugs_give_no_finding_now(found):
    harness.check_input(found.read_bytes())


def test_a_claim_outside_its_article_is_a_finding(monkeypatch):
    """The harness does catch a broken claim: it is not a check that cannot fail."""
    def broken(article, gazetteer=None):
        return [{"start": 0, "end": len(article.text) + 5, "text": "x", "line": 1, "col": 1}]
    monkeypatch.setattr("checker.claims.article_records", broken)
    with pytest.raises(harness.FuzzFinding, match="outside the text"):
        harness.check_input(SEEDS[0].read_bytes())
