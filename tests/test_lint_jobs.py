"""Rules checked in worker processes give the findings they give in one process."""
from __future__ import annotations

import importlib
import os
import sys

import pytest

from checker.lint import lint
from checker.pipeline import extract_paths, fork_context
from checker.ruleset import load_rules

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_lint_parts import generated  # noqa: E402

lint_module = importlib.import_module("checker.lint")  # the module, not the function


@pytest.mark.skipif(fork_context() is None, reason="no fork on this platform")
def test_findings_are_the_same_with_workers(tmp_path, monkeypatch):
    generated(str(tmp_path), 120, 5)
    claims = extract_paths([str(tmp_path)]).claims
    rules, articles = load_rules(), sorted(set(claims["article"]))
    targets = set(articles[::2])
    alone = [f.to_record() for f in lint(claims, rules, targets)]
    monkeypatch.setattr(lint_module, "POOL_CLAIMS", 100)  # this small run through workers
    monkeypatch.setattr(lint_module, "MIN_POOL_PART", 100)
    pooled = [f.to_record() for f in lint(claims, rules, targets, jobs=2)]
    assert len(alone) > 50 and pooled == alone


def test_a_small_run_is_checked_in_this_process(tmp_path, monkeypatch):
    generated(str(tmp_path), 20, 5)
    claims = extract_paths([str(tmp_path)]).claims
    monkeypatch.setattr(lint_module, "_run_pool", None)  # calling it would fail
    assert lint(claims, load_rules(), set(claims["article"]), jobs=2)
