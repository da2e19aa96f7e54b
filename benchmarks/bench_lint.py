"""Lint and comparison time on generated corpora, next to extraction alone.

    python benchmarks/bench_lint.py [--sizes 1000 10000] [--jobs 2] [--whole]

For each size it generates (or reuses) a corpus with `generate.py`, then prints: extraction
time (no cache), the time of each rule over the claims frame, the whole comparison stage,
peak memory (RSS) and, between sizes, how much the time grew. The comparison stage should
cost less than extraction and grow roughly linearly (10x the articles, at most 12x the time).

With `--whole`, the comparison stage is one `lint()` call with every rule and `--jobs`, as
`checker lint` makes it (stories included; rules share work and run in worker processes), and
its CPU time (this process and the workers) is printed next to the wall time.
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_extract import corpus_dir  # noqa: E402

from checker.gazetteer import default_gazetteer  # noqa: E402
from checker.lint import lint, with_stories  # noqa: E402
from checker.pipeline import extract_paths  # noqa: E402
from checker.ruleset import load_rules  # noqa: E402


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the worker processes)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def measure_whole(n: int, claims, targets: set, gazetteer, jobs: int, extraction: float) -> dict:
    """One `lint()` call with every rule, as the CLI makes it."""
    t, cpu = time.perf_counter(), cpu_seconds()
    findings = lint(claims, load_rules(), targets, gazetteer=gazetteer, jobs=jobs)
    wall, cpu = time.perf_counter() - t, cpu_seconds() - cpu
    return {"articles": n, "claims": len(claims), "extraction": extraction, "comparison": wall,
            "per_rule": {"(all rules, stories included; CPU)": cpu}, "findings": len(findings),
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "workers_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def measure(n: int, jobs: int, seed: int, whole: bool = False) -> dict:
    folder, _ = corpus_dir(n, seed, False)
    t = time.perf_counter()
    run = extract_paths([folder], jobs=jobs)
    extraction = time.perf_counter() - t
    claims, gazetteer = run.claims, default_gazetteer()
    targets = set(claims["article"])
    if whole:
        return measure_whole(n, claims, targets, gazetteer, jobs, extraction)
    t = time.perf_counter()
    claims = with_stories(claims, gazetteer)
    per_rule = {"(stories)": time.perf_counter() - t}
    findings = 0
    for rule in load_rules():
        t = time.perf_counter()
        findings += len(lint(claims, [rule], targets, gazetteer=gazetteer))
        per_rule[rule.id] = time.perf_counter() - t
    return {"articles": n, "claims": len(claims), "extraction": extraction,
            "comparison": sum(per_rule.values()), "per_rule": per_rule, "findings": findings,
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--whole", action="store_true",
                    help="time one lint() call with every rule and --jobs, as the CLI does")
    a = ap.parse_args()
    results = [measure(n, a.jobs, a.seed, a.whole) for n in a.sizes]
    for r in results:
        print(f"\n{r['articles']:,} articles, {r['claims']:,} claims, {r['findings']:,} findings, "
              f"peak RSS {r['rss_mb']:.0f} MB"
              + (f" (largest child {r['workers_rss_mb']:.0f} MB)" if "workers_rss_mb" in r else ""))
        print(f"  extraction (jobs={a.jobs}, no cache) {r['extraction']:8.2f} s")
        print(f"  comparison and rules               {r['comparison']:8.2f} s")
        for rule, secs in r["per_rule"].items():
            print(f"    {rule:28s} {secs:8.2f} s")
    for small, big in zip(results, results[1:]):
        ratio = big["comparison"] / max(small["comparison"], 1e-9)
        print(f"\n{small['articles']:,} -> {big['articles']:,} articles: comparison time x{ratio:.1f}, "
              f"extraction x{big['extraction'] / max(small['extraction'], 1e-9):.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
