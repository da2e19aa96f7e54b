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


def _pid_and_square(n: int) -> tuple[int, int]:
    if n == 7:
        raise ValueError("item 7 is bad")
    return os.getpid(), n * n


@pytest.mark.skipif(fork_context() is None, reason="needs fork")
def test_forked_map_runs_each_item_in_a_process_of_its_own_in_order():
    # a worker that read the claims holds copies of their pages: one that ends with its
    # item gives them back, so no two items share a process, and results keep item order
    from checker.pipeline import forked_map
    out = forked_map(_pid_and_square, [3, 1, 4, 1, 5], 2)
    assert [sq for _, sq in out] == [9, 1, 16, 1, 25]
    pids = [pid for pid, _ in out]
    assert len(set(pids)) == 5 and os.getpid() not in pids


@pytest.mark.skipif(fork_context() is None, reason="needs fork")
def test_forked_map_raises_the_error_of_an_item():
    from checker.pipeline import forked_map
    with pytest.raises(ValueError, match="item 7 is bad"):
        forked_map(_pid_and_square, [1, 7, 2, 3], 2)


def test_warm_up_loads_the_exchange_rates_when_a_run_has_a_currency_besides_the_euro():
    # forked rule workers each loaded the ECB table (most of a second) when the run's first
    # currency was the euro, whose rate needs no table
    import pandas as pd
    from checker import units
    from checker.compare import warm_up
    units._converter.cache_clear()
    units.euro_rate.cache_clear()
    warm_up(pd.DataFrame({"unit": ["EUR", None, "people"]}))
    assert units._converter.cache_info().currsize == 0
    warm_up(pd.DataFrame({"unit": ["EUR", "USD"]}))
    assert units._converter.cache_info().currsize == 1


def _dies_on_two(n: int) -> int:
    if n == 2:
        os._exit(9)  # as the kernel's out-of-memory killer would end it: no answer, no error
    return n


@pytest.mark.skipif(fork_context() is None, reason="needs fork")
def test_forked_map_says_when_a_worker_ended_without_its_result():
    from checker.pipeline import forked_map
    with pytest.raises(RuntimeError, match=r"a worker process ended \(exit code 9\) without its result"):
        forked_map(_dies_on_two, [1, 2, 3], 2)


def test_the_stage_benchmark_times_each_stage_of_a_lint(tmp_path):
    # benchmarks/bench_stages.py is how the stage tables of benchmarks/README.md are measured
    import subprocess
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = tmp_path / "out.txt"
    done = subprocess.run([sys.executable, os.path.join(root, "benchmarks", "bench_stages.py"),
                           "--pss-every", "0.2", "--", "lint", os.path.join(root, "examples", "story"),
                           "-o", str(out), "--no-cache", "--jobs", "1", "--quiet", "--exit-zero"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    table = {line.split()[0]: line for line in done.stderr.splitlines() if line.strip()}
    for stage in ("plan", "extraction", "stories", "rules", "text", "total"):
        assert stage in table, done.stderr
    assert "checker exit code 0" in table["total"]
    assert out.read_text().rstrip().splitlines()[-1].startswith("Found ")  # the lint's own output
