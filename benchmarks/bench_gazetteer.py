#!/usr/bin/env python3
"""What a large source gazetteer adds to a lint run: `checker lint` over a generated corpus
without a gazetteer file, then with one of many entries, its compiled form not yet kept (the
first run with that file) and kept (every later run).

    python benchmarks/bench_gazetteer.py                          # 2,000 articles, 100,000 entries
    python benchmarks/bench_gazetteer.py --articles 2000 --entries 100000 --repeat 5 --jobs 2

Each run is a fresh `checker lint CORPUS --no-cache --exit-zero -q` process (no claims cache,
so every article is extracted). The three kinds of run take turns, `--repeat` times, and the
fastest of each is kept (the machine is shared): wall seconds, and user CPU seconds of the
process and its workers. The corpus is `bench_extract.py`'s (generated once into
`benchmarks/.cache/`).
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

PLACES = ["Alder", "Brenn", "Corvo", "Dusk", "Elm", "Fjord", "Gale", "Harrow", "Isle", "Juno"]
OFFICES = ["Agency", "Ministry", "Office", "Council", "Bureau", "Service", "Institute", "Board"]


def write_gazetteer(path: str, entries: int) -> int:
    """A gazetteer of `entries` invented sources, two aliases each; its size in bytes."""
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(entries):
            fh.write(f"{PLACES[i % 10]} {OFFICES[i % 8]} {i}:\n  kind: agency\n"
                     f"  aliases: [{PLACES[i % 7]} {OFFICES[i % 5]} of District {i}, ABX{i}]\n")
    return os.path.getsize(path)


def timed(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, user CPU seconds of the process and its children) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
    start = time.perf_counter()
    subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - before


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--entries", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    from bench_extract import corpus_dir
    corpus, info = corpus_dir(a.articles, a.seed, False)
    checker = os.path.join(os.path.dirname(sys.executable), "checker")
    work = tempfile.mkdtemp(prefix="bench-gazetteer-")
    try:
        gazetteer = os.path.join(work, "sources.yaml")
        size = write_gazetteer(gazetteer, a.entries)
        compiled = os.path.join(work, "compiled")
        env = {**os.environ, "CHECKER_GAZETTEER_CACHE": compiled}
        base = [checker, "lint", corpus, "--no-cache", "--exit-zero", "-q", "-j", str(a.jobs)]
        print(f"{a.articles:,} articles ({info['bytes'] / 1e6:.1f} MB), a gazetteer of {a.entries:,} "
              f"entries ({size / 1e6:.1f} MB), --jobs {a.jobs}, fastest of {a.repeat}")
        runs: dict[str, list[tuple[float, float]]] = {"without": [], "first": [], "later": []}
        for _ in range(a.repeat):
            runs["without"].append(timed(base, env))
            shutil.rmtree(compiled, ignore_errors=True)
            runs["first"].append(timed(base + ["--gazetteer", gazetteer], env))
            runs["later"].append(timed(base + ["--gazetteer", gazetteer], env))
        wall0, cpu0 = min(w for w, _ in runs["without"]), min(c for _, c in runs["without"])
        for name, label in (("without", "no gazetteer file"), ("first", "gazetteer, first run"),
                            ("later", "gazetteer, compiled")):
            wall, cpu = min(w for w, _ in runs[name]), min(c for _, c in runs[name])
            print(f"  {label:22s} {wall:6.2f} s wall ({(wall / wall0 - 1) * 100:+5.1f} %)   "
                  f"{cpu:6.2f} s user CPU ({(cpu / cpu0 - 1) * 100:+5.1f} %)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
