#!/usr/bin/env python3
"""The Dask path against the pandas path on a generated corpus: same findings? how long?

    python benchmarks/bench_dask.py [--articles 10000] [--workers 2] [--scheduler tcp://host:8786]

Generates (or reuses) the corpus of `bench_extract.py`, then times the pandas path
(`extract_paths` with `--jobs` processes, then `lint`) and the Dask path (`extract_dask`, then
`lint_dask`, on a local cluster of `--workers` processes or on `--scheduler`), every bundled
rule, every article a target. Prints both and whether the findings (every field) and failures
are identical; exits 1 when they are not. Needs the dask extra.
"""
from __future__ import annotations

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_extract import corpus_dir  # noqa: E402

from checker import distributed as dist  # noqa: E402
from checker.lint import lint  # noqa: E402
from checker.pipeline import default_jobs, extract_paths  # noqa: E402
from checker.ruleset import load_rules  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--jobs", type=int, default=default_jobs(), help="pandas path processes")
    ap.add_argument("--workers", type=int, default=default_jobs(), help="local Dask workers")
    ap.add_argument("--scheduler", help="a Dask scheduler address instead of a local cluster")
    ap.add_argument("--npartitions", type=int, help="extraction partitions [default: 250 files each]")
    a = ap.parse_args()
    folder, info = corpus_dir(a.articles, a.seed, False)
    rules = load_rules()
    print(f"{a.articles:,} articles ({info.get('stories', '?')} stories) in {folder}")

    t = time.perf_counter()
    run = extract_paths([folder], jobs=a.jobs)
    pandas_extract = time.perf_counter() - t
    t = time.perf_counter()
    expected = lint(run.claims, rules, set(run.claims["article"]))
    pandas_lint = time.perf_counter() - t
    print(f"pandas (jobs={a.jobs}): extract {pandas_extract:.1f} s, lint {pandas_lint:.1f} s; "
          f"{len(run.claims):,} claims, {len(expected):,} findings, {len(run.failures)} failures")

    t = time.perf_counter()
    with dist.dask_client(a.scheduler or "local", a.workers):
        started = time.perf_counter() - t
        t = time.perf_counter()
        extraction = dist.extract_dask([folder], npartitions=a.npartitions)
        dask_extract = time.perf_counter() - t
        t = time.perf_counter()
        found = dist.lint_dask(extraction.claims, rules)
        dask_lint = time.perf_counter() - t
    where = a.scheduler or f"local cluster of {a.workers} processes"
    print(f"dask ({where}, {extraction.claims.npartitions} partitions): start {started:.1f} s, "
          f"extract {dask_extract:.1f} s, lint {dask_lint:.1f} s; {len(found):,} findings, "
          f"{len(extraction.failures)} failures")

    same = ([f.to_record() for f in found] == [f.to_record() for f in expected]
            and [str(f) for f in extraction.failures] == [str(f) for f in run.failures])
    by_type: dict[str, int] = {}
    for f in expected:
        by_type[f.type] = by_type.get(f.type, 0) + 1
    print("findings by type: " + ", ".join(f"{k} {v:,}" for k, v in sorted(by_type.items())))
    print("identical findings and failures" if same else "DIFFERENT findings or failures")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
