"""Rules over parts of whole stories give the findings they give over the whole frame, so an
archive is checked in bounded memory without changing a single finding."""
from __future__ import annotations

import importlib.util
import os
import sys

import numpy as np

from checker.lint import lint, story_parts, with_stories
from checker.pipeline import extract_paths
from checker.ruleset import load_rules

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def generated(folder: str, n: int, seed: int) -> None:
    spec = importlib.util.spec_from_file_location("bench_generate",
                                                  os.path.join(ROOT, "benchmarks", "generate.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_generate"] = module
    spec.loader.exec_module(module)
    articles, _ = module.generate(n, seed=seed)
    module.write_corpus(articles, folder)


def test_parts_hold_whole_stories_in_frame_order(tmp_path):
    generated(str(tmp_path), 120, 5)
    claims = with_stories(extract_paths([str(tmp_path)]).claims)
    parts = list(story_parts(claims, 200))
    assert len(parts) > 5
    labels = np.concatenate([p.index.to_numpy() for p in parts])
    assert sorted(labels) == list(claims.index)  # every claim in exactly one part
    for part in parts:
        assert list(part.index) == sorted(part.index)
    story_part = {}
    for i, part in enumerate(parts):
        for story in part["story"].fillna(part["article"]):
            assert story_part.setdefault(story, i) == i  # a story is never split


def test_findings_are_the_same_whatever_the_parts(tmp_path):
    generated(str(tmp_path), 120, 5)
    claims = extract_paths([str(tmp_path)]).claims
    rules, targets = load_rules(), set(claims["article"])
    whole = [f.to_record() for f in lint(claims, rules, targets, chunk_claims=10**9)]
    parts = [f.to_record() for f in lint(claims, rules, targets, chunk_claims=150)]
    assert len(whole) > 100 and len({f["type"] for f in whole}) >= 4
    assert parts == whole


def test_a_part_sees_only_its_own_targets_and_findings_stay_the_same(tmp_path):
    """Each part's rules get the targets among its articles (not the archive's every key);
    with half the articles as targets the findings are still those of the whole frame."""
    from checker.checks import CheckContext
    from checker.lint import part_context
    generated(str(tmp_path), 120, 5)
    claims = with_stories(extract_paths([str(tmp_path)]).claims)
    articles = sorted(set(claims["article"]))
    targets = set(articles[::2])
    part = next(story_parts(claims, 150))
    ctx = part_context(part, CheckContext(targets=frozenset(targets)))
    assert ctx.targets == frozenset(set(part["article"]) & targets) and 0 < len(ctx.targets) < len(targets)
    rules = load_rules()
    whole = [f.to_record() for f in lint(claims, rules, targets, chunk_claims=10**9)]
    parts = [f.to_record() for f in lint(claims, rules, targets, chunk_claims=150)]
    assert len(whole) > 50 and parts == whole
    assert {f["path"] for f in whole} <= targets
