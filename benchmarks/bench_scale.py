#!/usr/bin/env python3
"""Archive-sized runs: extraction, `checker lint` (cold and cached) and `checker report` at
several corpus sizes, with wall time, peak memory and how time grows between sizes.

    python benchmarks/bench_scale.py [--sizes 1000 10000 100000] [--jobs 2] [--report-max 10000]
    python benchmarks/bench_scale.py --lint-only --sizes 10000 100000     # the acceptance run

Each measurement runs in a fresh process (this script again, with `--child`), which prints
its wall time and peak RSS, its own and its worker processes' (`ru_maxrss` of RUSAGE_SELF and
RUSAGE_CHILDREN), so sizes do not inherit each other's memory:

- `extract`: `checker.pipeline.extract_paths(jobs=N)`, no cache: MB/s and articles/s (and
  with `jobs=1` too, up to --serial-max articles, for the parallel speed-up);
- `lint`: `checker lint DIR -o out.txt --no-cache --jobs N` (the default text format), the
  command a CI job runs;
- `lint, cold cache` and `lint, warm cache`: the same with a fresh cache directory, twice; the
  two outputs must be identical byte for byte (the script exits 1 otherwise);
- `report`: `checker report DIR -o report.html` (sizes up to --report-max).

`--lint-only` measures `checker lint --no-cache --jobs N` alone at each size (no extraction,
cache or report rows): the run the acceptance is about, checked against its budget (100,000
articles under 180 s and 2 GB; time growing at most 11x from 10,000 to 100,000 articles).
Memory is the peak of the summed PSS of the run's processes, sampled five times a second
(`PeakPss`): RSS counts the claims a forked worker shares with the main process in both, and
`ru_maxrss` of the children is one worker's, so the RSS columns are shown but not summed
where PSS is known.

Corpora come from `generate.py` through `bench_extract.corpus_dir` (cached in
`benchmarks/.cache/`).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)


def pss_kb(pid: int) -> int:
    """Proportional set size of a process (kB): its private pages, and each page it shares
    with others divided by their number; 0 where Linux's smaps_rollup is not readable."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def process_tree(pid: int) -> list[int]:
    """A process and its descendants (from /proc/PID/task/*/children)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo += [int(c) for c in fh.read().split()]
        except (OSError, ValueError):
            pass
    return out


class PeakPss:
    """The largest sum of PSS over this process and its workers, sampled every `every`
    seconds in a thread: what a run holds of the machine's memory at its worst moment.
    RSS counts the pages forked workers share with the main process once in each process;
    PSS counts each page once in all. None where /proc gives no PSS (not Linux)."""

    def __init__(self, every: float = 0.2) -> None:
        import threading
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(every,), daemon=True)
        self._thread.start()

    def _run(self, every: float) -> None:
        while not self._stop.wait(every):
            self.peak = max(self.peak, sum(pss_kb(p) for p in process_tree(os.getpid())))

    def stop(self) -> float | None:
        self._stop.set()
        self._thread.join()
        return self.peak / 1024 if self.peak else None


def child(mode: str, args: list[str]) -> int:
    """Run one measurement in this process and print a JSON line of time and memory."""
    pss = PeakPss()
    t = time.perf_counter()
    code = 0
    extra: dict = {}
    if mode == "extract":
        from checker.pipeline import extract_paths
        folder, jobs = args[0], int(args[1])
        run = extract_paths([folder], jobs=jobs)
        extra = {"claims": len(run.claims), "failures": len(run.failures)}
    else:
        from checker.cli import main
        try:
            main(args)
        except SystemExit as e:
            code = int(e.code or 0)
    wall = time.perf_counter() - t
    print(json.dumps({"seconds": wall, "code": code, **extra, "pss_peak_mb": pss.stop(),
                      "rss_main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "rss_workers_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}),
          file=sys.__stderr__)
    return 0


def measure(mode: str, *args: str) -> dict:
    """Run `child(mode, args)` in a fresh process and return what it printed."""
    done = subprocess.run([sys.executable, __file__, "--child", mode, *args],
                          capture_output=True, text=True)
    lines = [ln for ln in done.stderr.splitlines() if ln.startswith("{")]
    if not lines:
        sys.exit(f"{mode} failed:\n{done.stderr[-3000:]}")
    return json.loads(lines[-1])


def corpus_bytes(folder: str) -> int:
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(folder)
               for f in fs if f.endswith(".md"))


BUDGET = {"seconds_100k": 180.0, "rss_mb": 2048.0, "growth": 11.0}  # issue 14, acceptance 2


def lint_only(n: int, jobs: int, seed: int, work: str) -> dict:
    """`checker lint --no-cache` of `n` articles, timed alone."""
    from bench_extract import corpus_dir
    folder, _ = corpus_dir(n, seed, False)
    out = os.path.join(work, f"lint-{n}.txt")
    m = measure("cli", "lint", folder, "-o", out, "--quiet", "--jobs", str(jobs), "--no-cache")
    return {"articles": n, "mb": corpus_bytes(folder) / 1e6, "lint": m}


def memory_mb(m: dict) -> float:
    """What a run held of the machine's memory: the peak PSS of its processes where Linux
    gives it, else the main process's peak RSS plus the largest worker's (which counts the
    pages a forked worker shares with the main process twice, and only one worker)."""
    return m.get("pss_peak_mb") or m["rss_main_mb"] + m["rss_workers_mb"]


def show_lint_only(rows: list[dict], jobs: int) -> bool:
    """Print the lint rows and their growth; whether they are within the budget."""
    ok = True
    print(f"checker lint --no-cache --jobs {jobs}")
    print(f"  {'articles':>9s} {'MB':>7s} {'seconds':>9s} {'art/s':>7s} {'RSS main':>9s} {'worker':>8s}"
          f" {'PSS peak':>9s}")
    for r in rows:
        m = r["lint"]
        pss = m.get("pss_peak_mb")
        print(f"  {r['articles']:9,d} {r['mb']:7.1f} {m['seconds']:9.1f} {r['articles'] / m['seconds']:7.0f} "
              f"{m['rss_main_mb']:7.0f}MB {m['rss_workers_mb']:6.0f}MB "
              + (f"{pss:7.0f}MB" if pss else "      n/a"))
        if memory_mb(m) > BUDGET["rss_mb"]:
            ok = False
        if r["articles"] >= 100_000 and m["seconds"] > BUDGET["seconds_100k"] * r["articles"] / 100_000:
            ok = False
    for small, big in zip(rows, rows[1:]):
        growth = big["lint"]["seconds"] / small["lint"]["seconds"]
        size = big["articles"] / small["articles"]
        print(f"  {small['articles']:,} -> {big['articles']:,} articles (x{size:.0f}): time x{growth:.1f}")
        if size == 10 and growth > BUDGET["growth"]:
            ok = False
    print("within budget" if ok else "OVER BUDGET (100,000 articles: 180 s, 2 GB, growth x11)")
    return ok


def run_size(n: int, jobs: int, seed: int, report_max: int, serial_max: int, work: str) -> dict:
    from bench_extract import corpus_dir
    folder, _ = corpus_dir(n, seed, False)
    mb = corpus_bytes(folder) / 1e6
    row: dict = {"articles": n, "mb": mb}
    row["extract"] = measure("extract", folder, str(jobs))
    if jobs > 1 and n <= serial_max:
        row["extract_serial"] = measure("extract", folder, "1")
    outputs = []
    cache = os.path.join(work, f"cache-{n}")
    shutil.rmtree(cache, ignore_errors=True)
    for name, flags in (("lint", ["--no-cache"]), ("lint_cold", ["--cache-dir", cache]),
                        ("lint_warm", ["--cache-dir", cache])):
        out = os.path.join(work, f"{name}-{n}.txt")
        row[name] = measure("cli", "lint", folder, "-o", out, "--quiet", "--jobs", str(jobs), *flags)
        with open(out, "rb") as fh:
            outputs.append(fh.read())
    row["identical"] = len(set(outputs)) == 1
    summary = outputs[0].decode("utf-8").rstrip("\n").rsplit("\n", 1)[-1]  # "Found N findings (...)"
    row["findings"] = int(summary.split()[1]) if summary.startswith("Found ") else 0
    if n <= report_max:
        row["report"] = measure("cli", "report", folder, "-o", os.path.join(work, f"report-{n}.html"))
    shutil.rmtree(cache, ignore_errors=True)
    return row


def show(row: dict, jobs: int) -> None:
    n, mb, ex = row["articles"], row["mb"], row["extract"]
    print(f"\n{n:,} articles, {mb:.1f} MB, {ex['claims']:,} claims, {row['findings']:,} findings")
    print(f"  {'':34s} {'seconds':>9s} {'MB/s':>7s} {'art/s':>7s} {'RSS main':>9s} {'workers':>8s}")

    def line(label: str, m: dict) -> None:
        print(f"  {label:34s} {m['seconds']:9.1f} {mb / m['seconds']:7.2f} {n / m['seconds']:7.0f} "
              f"{m['rss_main_mb']:7.0f}MB {m['rss_workers_mb']:6.0f}MB")
    line(f"extraction (jobs={jobs})", ex)
    if "extract_serial" in row:
        line("extraction (jobs=1)", row["extract_serial"])
        print(f"  jobs={jobs}: x{row['extract_serial']['seconds'] / ex['seconds']:.2f} the serial speed")
    line("checker lint --no-cache", row["lint"])
    line("checker lint, cold cache", row["lint_cold"])
    line("checker lint, warm cache", row["lint_warm"])
    print(f"  warm cache: x{row['lint_cold']['seconds'] / row['lint_warm']['seconds']:.1f} faster "
          f"than cold; outputs {'identical' if row['identical'] else 'DIFFERENT'}")
    if "report" in row:
        line("checker report -o report.html", row["report"])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--report-max", type=int, default=10000,
                    help="Largest size for which `checker report` is timed.")
    ap.add_argument("--serial-max", type=int, default=10000,
                    help="Largest size for which extraction is also timed with --jobs 1.")
    ap.add_argument("--json", metavar="FILE", help="Also write the measurements as JSON.")
    ap.add_argument("--lint-only", action="store_true",
                    help="Time `checker lint --no-cache` alone at each size, against the budget.")
    ap.add_argument("--child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        return child(a.child[0], a.child[1:])
    work = tempfile.mkdtemp(prefix="bench-scale-")
    rows = []
    if a.lint_only:
        try:
            rows = [lint_only(n, a.jobs, a.seed, work) for n in a.sizes]
        finally:
            shutil.rmtree(work, ignore_errors=True)
        ok = show_lint_only(rows, a.jobs)
        if a.json:
            with open(a.json, "w", encoding="utf-8") as fh:
                json.dump(rows, fh, indent=1)
        return 0 if ok else 1
    try:
        for n in a.sizes:
            rows.append(run_size(n, a.jobs, a.seed, a.report_max, a.serial_max, work))
            show(rows[-1], a.jobs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for small, big in zip(rows, rows[1:]):
        growth = {k: big[k]["seconds"] / small[k]["seconds"] for k in ("extract", "lint", "lint_warm")
                  if k in small and k in big}
        print(f"\n{small['articles']:,} -> {big['articles']:,} articles (x{big['articles'] / small['articles']:.0f}): "
              + ", ".join(f"{k} time x{v:.1f}" for k, v in growth.items()))
    if a.json:
        with open(a.json, "w", encoding="utf-8") as fh:
            json.dump(rows, fh, indent=1)
    return 0 if all(r["identical"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
