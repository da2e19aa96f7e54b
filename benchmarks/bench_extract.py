#!/usr/bin/env python3
"""Measure how fast the checker extracts claims, on one core, against a generic reference.

    python benchmarks/bench_extract.py [--articles 10000] [--seed 7] [--sample 200] [--no-reference]

1. Generates a corpus with `benchmarks/generate.py` (or reuses the one cached in
   `benchmarks/.cache/` for the same size, seed and generator version).
2. Pins the process to one CPU and times, in-process: reading the files (walk + read bytes),
   `checker.pipeline.load_articles` (read + decode + front matter + language) and
   `checker.pipeline.extract` (the claims frame), after a warm-up that loads the language data.
3. As a reference, if `quantulum3` and `dateparser` are installed (`pip install quantulum3
   dateparser`; they are not project dependencies), runs quantulum3 `parser.parse` and dateparser
   `search.search_dates` over the bodies of a random subsample and extrapolates to the corpus;
   and runs both tools and `checker claims` as whole processes on the subsample, import time
   included.

Prints a table of seconds, MB/s and articles/s. MB are 10^6 bytes of article files (front
matter included), the same bytes for every row.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib.util
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CACHE = os.path.join(HERE, ".cache")

REFERENCE_SCRIPT = r"""
import datetime, json, sys, warnings
warnings.filterwarnings("ignore")
from quantulum3 import parser
from dateparser.search import search_dates
n = 0
for path, lang, published in json.load(open(sys.argv[1])):
    text = open(path, encoding="utf-8").read()
    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
    n += len(parser.parse(body))
    base = datetime.datetime.fromisoformat(published) if published else None
    n += len(search_dates(body, languages=[lang], settings={"RELATIVE_BASE": base} if base else None) or [])
print(n)
"""


def load_generator():
    spec = importlib.util.spec_from_file_location("bench_generate", os.path.join(HERE, "generate.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_generate"] = module
    spec.loader.exec_module(module)
    return module


def corpus_dir(n: int, seed: int, fresh: bool) -> tuple[str, dict]:
    """The corpus directory for `n` articles, generated now or reused from the cache."""
    with open(os.path.join(HERE, "generate.py"), "rb") as fh:
        version = hashlib.sha256(fh.read()).hexdigest()[:10]
    target = os.path.join(CACHE, f"corpus-{n}-seed{seed}-{version}")
    marker = os.path.join(target, ".complete.json")
    if os.path.exists(marker) and not fresh:
        with open(marker, encoding="utf-8") as fh:
            return target, {**json.load(fh), "reused": True}
    gen = load_generator()
    os.makedirs(CACHE, exist_ok=True)
    for old in os.listdir(CACHE):      # other versions of the same size are stale
        if old.startswith(f"corpus-{n}-seed{seed}-") and old != os.path.basename(target):
            shutil.rmtree(os.path.join(CACHE, old), ignore_errors=True)
    t0 = time.perf_counter()
    articles, truth = gen.generate(n, seed)
    tmp = tempfile.mkdtemp(prefix="corpus-", dir=CACHE)
    total = gen.write_corpus(articles, tmp, truth=truth,
                             truth_path=os.path.join(tmp, ".truth.jsonl"))
    info = {"articles": len(articles), "bytes": total, "stories": len({a["story"] for a in articles}),
            "langs": {lang: sum(a["lang"] == lang for a in articles) for lang in gen.LANGS},
            "planted": {k: sum(t["kind"] == k for t in truth) for k in sorted({t["kind"] for t in truth})},
            "generated_in": round(time.perf_counter() - t0, 1)}
    with open(os.path.join(tmp, ".complete.json"), "w", encoding="utf-8") as fh:
        json.dump(info, fh)
    shutil.rmtree(target, ignore_errors=True)
    os.rename(tmp, target)
    return target, {**info, "reused": False}


def pin_one_core(cpu: int | None) -> str:
    """Run on one CPU (the last one allowed, unless told): the subprocesses inherit it."""
    if hasattr(os, "sched_setaffinity"):
        cpu = max(os.sched_getaffinity(0)) if cpu is None else cpu
        os.sched_setaffinity(0, {cpu})
        return f"CPU {cpu} (sched_setaffinity)"
    return "not pinned (no sched_setaffinity on this platform)"


def row(name: str, articles: int, nbytes: int, seconds: float, note: str = "") -> dict:
    return {"stage": name, "articles": articles, "MB": nbytes / 1e6, "seconds": seconds,
            "MB/s": nbytes / 1e6 / seconds if seconds else float("inf"),
            "articles/s": articles / seconds if seconds else float("inf"), "note": note}


def print_table(rows: list[dict]) -> None:
    head = ["stage", "articles", "MB", "seconds", "MB/s", "articles/s", "note"]
    cells = [[r["stage"], f"{r['articles']:,}", f"{r['MB']:.2f}", f"{r['seconds']:.2f}",
              f"{r['MB/s']:.3f}" if r["MB/s"] < 1 else f"{r['MB/s']:.2f}",
              f"{r['articles/s']:,.1f}", r["note"]] for r in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(head)]
    align = ["<", ">", ">", ">", ">", ">", "<"]
    line = lambda xs: "  ".join(f"{x:{a}{w}}" for x, a, w in zip(xs, align, widths)).rstrip()
    print(line(head))
    print(line(["-" * w for w in widths]))
    for c in cells:
        print(line(c))


def timed_process(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Extraction throughput of the checker, on one core.")
    ap.add_argument("--articles", type=int, default=10_000, help="corpus size (default 10000)")
    ap.add_argument("--seed", type=int, default=7, help="generator seed (default 7)")
    ap.add_argument("--sample", type=int, default=200, help="articles in the reference subsample (default 200)")
    ap.add_argument("--no-reference", action="store_true", help="skip quantulum3 + dateparser")
    ap.add_argument("--fresh", action="store_true", help="regenerate the corpus even if cached")
    ap.add_argument("--cpu", type=int, help="the CPU to run on (default: the last one allowed)")
    ap.add_argument("--json", metavar="FILE", help="also write the rows as JSON")
    args = ap.parse_args(argv)

    pinned = pin_one_core(args.cpu)
    t_import = time.perf_counter()
    from checker.pipeline import extract, load_articles
    from checker.walk import iter_input_files
    t_import = time.perf_counter() - t_import

    path, info = corpus_dir(args.articles, args.seed, args.fresh)
    print(f"corpus: {info['articles']:,} articles, {info['stories']:,} stories, {info['bytes'] / 1e6:.1f} MB "
          f"({', '.join(f'{k} {v:,}' for k, v in info['langs'].items())}); "
          f"{'reused' if info['reused'] else 'generated in %.1f s' % info['generated_in']}: {os.path.relpath(path)}")
    print(f"planted: {', '.join(f'{k} {v:,}' for k, v in info['planted'].items())}")
    print(f"machine: {platform.python_implementation()} {platform.python_version()}, "
          f"{os.cpu_count()} cores, pinned to {pinned}")
    rows: list[dict] = []

    # 1. reading the files
    t0 = time.perf_counter()
    files, _ = iter_input_files([path])
    nbytes = 0
    for f in files:
        with open(f, "rb") as fh:
            nbytes += len(fh.read())
    rows.append(row("read files (walk + read bytes)", len(files), nbytes, time.perf_counter() - t0,
                    "page cache warm"))

    # warm-up: language data, regexes, gazetteer (paid once a process)
    t0 = time.perf_counter()
    warm, _ = load_articles(files[:30])
    extract(warm)
    t_warm = time.perf_counter() - t0

    # 2. load_articles
    t0 = time.perf_counter()
    articles, failures = load_articles([path])
    t_load = time.perf_counter() - t0
    rows.append(row("load_articles (read, decode, front matter)", len(articles), nbytes, t_load))

    # 3. extract
    t0 = time.perf_counter()
    frame, more = extract(articles)
    t_extract = time.perf_counter() - t0
    rows.append(row("extract (claims frame)", len(articles), nbytes, t_extract,
                    f"{len(frame):,} claims, {len(frame) / max(1, len(articles)):.1f} an article"))
    rows.append(row("checker: load_articles + extract", len(articles), nbytes, t_load + t_extract,
                    f"+ {t_import:.1f} s import, {t_warm:.1f} s warm-up once a process"))
    if failures or more:
        print(f"warning: {len(failures) + len(more)} failures, e.g. {(failures + more)[0]}", file=sys.stderr)

    # 4. the subsample: ours and the reference, in-process and as whole processes
    rng = random.Random(args.seed)
    sample = sorted(rng.sample(range(len(articles)), min(args.sample, len(articles))))
    sub = [articles[i] for i in sample]
    sub_bytes = sum(os.path.getsize(a.path) for a in sub)
    t0 = time.perf_counter()
    extract(sub)
    t_ours_sub = time.perf_counter() - t0
    rows.append(row(f"checker extract, subsample of {len(sub)}", len(sub), sub_bytes, t_ours_sub, "in-process"))
    checker_exe = shutil.which("checker", path=os.path.dirname(sys.executable)) or shutil.which("checker")
    if checker_exe:
        t = timed_process([checker_exe, "claims", "--format", "jsonl", "--jobs", "1", "--no-cache",
                           "--quiet", *[a.path for a in sub]])
        rows.append(row(f"checker claims, whole process ({len(sub)})", len(sub), sub_bytes, t,
                        "imports and output included"))

    have_ref = importlib.util.find_spec("quantulum3") and importlib.util.find_spec("dateparser")
    if args.no_reference:
        pass
    elif not have_ref:
        print("reference skipped: pip install quantulum3 dateparser", file=sys.stderr)
    else:
        import warnings
        warnings.filterwarnings("ignore")
        t0 = time.perf_counter()
        from dateparser.search import search_dates
        from quantulum3 import parser
        t_ref_import = time.perf_counter() - t0

        def reference(a) -> int:
            body = a.body.strip()
            base = dt.datetime.fromisoformat(a.published) if a.published else None
            found = parser.parse(body)
            dates = search_dates(body, languages=[a.lang],
                                 settings={"RELATIVE_BASE": base} if base else None) or []
            return len(found) + len(dates)

        t0 = time.perf_counter()
        for a in articles[:3]:            # warm-up: dateparser loads each language's data on first use
            reference(a)
        t_ref_warm = time.perf_counter() - t0
        t0 = time.perf_counter()
        found = sum(reference(a) for a in sub)
        t_ref = time.perf_counter() - t0
        rows.append(row(f"reference, subsample of {len(sub)}", len(sub), sub_bytes, t_ref,
                        f"in-process; {found:,} quantities + dates"))
        rows.append(row("reference, extrapolated to the corpus", len(articles), nbytes,
                        t_ref * nbytes / sub_bytes,
                        f"+ {t_ref_import:.1f} s import, {t_ref_warm:.1f} s warm-up"))
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
            json.dump([[a.path, a.lang, a.published] for a in sub], fh)
            listing = fh.name
        try:
            t = timed_process([sys.executable, "-c", REFERENCE_SCRIPT, listing])
        finally:
            os.unlink(listing)
        rows.append(row(f"reference, whole process ({len(sub)})", len(sub), sub_bytes, t,
                        "imports included"))

    print()
    print_table(rows)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump({"corpus": info, "pinned": pinned, "rows": rows}, fh, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
