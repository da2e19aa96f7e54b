#!/usr/bin/env python3
"""Measure how fast the checker extracts claims, on one core, against a generic reference.

    python benchmarks/bench_extract.py [--articles 10000] [--seed 7] [--sample 200] [--no-reference]
                                       [--baseline REF | --no-baseline]

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

4. Before and after, in the same run on the same CPU: the checker of git revision `--baseline`
   (default: the last commit before the speed work of issue 14) is exported to a temporary
   folder and timed in a subprocess, and so is the checker of this tree; both write every
   claim (all columns of the frame, public and internal) as JSON Lines, and the two files must
   be identical byte for byte (the exit code is 1 when they are not, with the first
   difference printed).

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

BEFORE_ISSUE_14 = "e349b04"  # main before the extraction speed work: the default baseline

# times one checker (the one under sys.argv[1]) on a corpus and writes its claims, in a form
# that depends on no version's own writer: one JSON object a claim, keys sorted
MEASURE_SCRIPT = r"""
import json, math, os, sys, time
root, corpus, out, rounds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
sys.path.insert(0, root)
import checker
assert os.path.realpath(checker.__file__).startswith(os.path.realpath(root)), checker.__file__
from checker.pipeline import extract, load_articles
from checker.walk import iter_input_files
files, _ = iter_input_files([corpus])
warm, _ = load_articles(files[:30])
extract(warm)

def timed(fn, *args):
    # fn(*args) and its (wall, CPU) seconds: the CPU time of this process is what other
    # processes on a shared machine do not change
    w, c = time.perf_counter(), time.process_time()
    out = fn(*args)
    return out, time.perf_counter() - w, time.process_time() - c

best = {}
for _ in range(rounds):  # the fastest round of each stage: the least disturbed one
    (articles, failures), w_load, c_load = timed(load_articles, [corpus])
    (frame, more), w_extract, c_extract = timed(extract, articles)
    for k, v in (("load", w_load), ("extract", w_extract), ("load_cpu", c_load), ("extract_cpu", c_extract)):
        best[k] = min(best.get(k, v), v)

def plain(v):
    if v is None or v is getattr(__import__("pandas"), "NA", None):
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if hasattr(v, "item"):
        v = v.item()
    return v

cols = sorted(frame.columns)
with open(out, "w", encoding="utf-8") as fh:
    for row in frame[cols].itertuples(index=False, name=None):
        fh.write(json.dumps(dict(zip(cols, map(plain, row))), ensure_ascii=False, sort_keys=True) + "\n")
print(json.dumps({**best, "claims": len(frame), "articles": len(articles),
                  "failures": len(failures) + len(more)}))
"""

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


def export_revision(rev: str, target: str) -> str:
    """The `checker` package of git revision `rev`, extracted under `target`; its commit."""
    repo = os.path.dirname(HERE)
    commit = subprocess.run(["git", "-C", repo, "rev-parse", "--short", rev], check=True,
                            capture_output=True, text=True).stdout.strip()
    archive = subprocess.run(["git", "-C", repo, "archive", "--format=tar", commit, "checker"],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", target], input=archive, check=True)
    return commit


def measure(root: str, corpus: str, out: str, rounds: int = 1) -> dict:
    """Time the checker under `root` on `corpus` in a subprocess (same CPU), claims to `out`:
    the fastest of `rounds` runs of each stage, wall and CPU seconds."""
    done = subprocess.run([sys.executable, "-c", MEASURE_SCRIPT, root, corpus, out, str(rounds)],
                          check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def first_difference(a: str, b: str) -> str | None:
    """None when files `a` and `b` are identical, else where they first differ."""
    with open(a, "rb") as fa, open(b, "rb") as fb:
        for n, (la, lb) in enumerate(zip(fa, fb), 1):
            if la != lb:
                return f"line {n}:\n  before: {la.decode()[:600]}\n  after:  {lb.decode()[:600]}"
        rest_a, rest_b = fa.read(), fb.read()
    if rest_a or rest_b:
        return f"one file is longer ({len(rest_a)} vs {len(rest_b)} bytes left)"
    return None


def before_and_after(rev: str, corpus: str, nbytes: int, rounds: int = 3) -> tuple[list[dict], bool]:
    """The baseline `rev` and this tree timed in one run, in turns (before, after, before, …,
    the fastest of each kept); whether their claims are identical."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-baseline-") as tmp:
        base_root = os.path.join(tmp, "before")
        os.makedirs(base_root)
        commit = export_revision(rev, base_root)
        results: dict[str, dict] = {}
        for _ in range(rounds):
            for name, root in (("before", base_root), ("after", os.path.dirname(HERE))):
                r = measure(root, corpus, os.path.join(tmp, f"{name}.jsonl"))
                old = results.setdefault(name, r)
                for k in ("load", "extract", "load_cpu", "extract_cpu"):
                    old[k] = min(old[k], r[k])
        for name, label in (("before", f"{rev} ({commit})"), ("after", "this tree")):
            r = results[name]
            rows.append(row(f"{name}: extract, {label}", r["articles"], nbytes, r["extract"],
                            f"{r['claims']:,} claims; wall, fastest of {rounds}"))
            rows.append(row(f"{name}: extract, CPU time", r["articles"], nbytes, r["extract_cpu"],
                            "process CPU seconds: what other load does not change"))
            rows.append(row(f"{name}: load_articles + extract", r["articles"], nbytes,
                            r["load"] + r["extract"], "wall"))
            rows.append(row(f"{name}: load_articles + extract, CPU time", r["articles"], nbytes,
                            r["load_cpu"] + r["extract_cpu"], "process CPU seconds"))
        diff = first_difference(os.path.join(tmp, "before.jsonl"), os.path.join(tmp, "after.jsonl"))
        size = os.path.getsize(os.path.join(tmp, "after.jsonl"))
    speedup = results["before"]["extract_cpu"] / max(results["after"]["extract_cpu"], 1e-9)
    if diff:
        print(f"claims DIFFER from {rev}: {diff}", file=sys.stderr)
    else:
        print(f"claims identical to {rev} ({commit}), byte for byte: {results['after']['claims']:,} "
              f"claims, {size / 1e6:.1f} MB of JSON Lines; extraction {speedup:.2f}x faster (CPU time)")
    return rows, diff is None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Extraction throughput of the checker, on one core.")
    ap.add_argument("--articles", type=int, default=10_000, help="corpus size (default 10000)")
    ap.add_argument("--seed", type=int, default=7, help="generator seed (default 7)")
    ap.add_argument("--sample", type=int, default=200, help="articles in the reference subsample (default 200)")
    ap.add_argument("--no-reference", action="store_true", help="skip quantulum3 + dateparser")
    ap.add_argument("--fresh", action="store_true", help="regenerate the corpus even if cached")
    ap.add_argument("--cpu", type=int, help="the CPU to run on (default: the last one allowed)")
    ap.add_argument("--json", metavar="FILE", help="also write the rows as JSON")
    ap.add_argument("--baseline", default=BEFORE_ISSUE_14, metavar="REF",
                    help=f"git revision to time and compare claims with (default {BEFORE_ISSUE_14})")
    ap.add_argument("--no-baseline", action="store_true", help="skip the before/after comparison")
    ap.add_argument("--rounds", type=int, default=3,
                    help="runs of before and after, in turns; the fastest is kept (default 3)")
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

    identical = True
    if not args.no_baseline:
        more_rows, identical = before_and_after(args.baseline, path, nbytes, max(1, args.rounds))
        rows.extend(more_rows)

    print()
    print_table(rows)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump({"corpus": info, "pinned": pinned, "rows": rows, "identical": identical}, fh, indent=2)
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
