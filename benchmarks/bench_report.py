"""How long `checker report` takes on 1,000 generated articles, stage by stage; with `--scale`,
the whole command on archives of 10,000 and 100,000 articles, with time and peak memory.

    .venv/bin/python benchmarks/bench_report.py [--articles 1000] [--stories 50] [--keep DIR]
    .venv/bin/python benchmarks/bench_report.py --scale [--sizes 10000 100000] [--jobs 2]
        [--rows no-cache cold warm after-lint] [--before DIR]

Articles are generated here (seeded, so every run reads the same text): `--stories` invented
events, each covered by articles of a dozen outlets in English and Italian that mostly agree on
the figures, with some outlets giving other values, other sources or none. The time to read
and check the articles (the pipeline, lint and quantity groups) is printed apart from the time
to build and render the report, which is what this benchmark watches: it must stay linear in
the number of claims.

`--scale` times `checker report DIR -o report.html --jobs N` in a fresh process on the corpora
of `generate.py` (the ones `bench_scale.py` uses, cached in `benchmarks/.cache/`), four times
a size (`--rows`): `--no-cache` (everything computed: extraction, rules, report), with an empty
cache directory (cold: the same work, plus writing the claims and run caches), again with that
cache (warm: claims and findings read back, the report itself computed), and with the cache
`checker lint` leaves (after-lint: the lint run is timed on its own line). Each row prints the
wall time, the CPU time of the process and its workers, the peak RSS of the main process and of
the largest worker, and the size of the page. The page of more than 500 articles is an archive
report (`--archive-above`). `--before DIR` runs every row with the code of another checkout
too (`git worktree add /tmp/before HEAD~3`), alternating, and says whether the pages match.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time

OUTLETS = [("Daily Ledger", "en"), ("Wire Post", "en"), ("Harbour Courier", "en"),
           ("Meridian Wire", "en"), ("Northern Star", "en"), ("Evening Bulletin", "en"),
           ("Gazzetta del Nord", "it"), ("Corriere Orientale", "it"), ("Eco di Marvessa", "it"),
           ("Redazione Esteri", "it"), ("Il Quotidiano", "it"), ("La Voce", "it")]
TOWNS = ["Castelmare", "Sorlena", "Valdoria", "Brenvik", "Tarsio", "Montalba", "Ostrava",
         "Lindqvist", "Arvena", "Pellworth", "Corvino", "Halden"]


def article(story: int, n: int, rng: random.Random) -> tuple[str, str]:
    """(file name, Markdown text) of the n-th article about story `story`."""
    outlet, lang = OUTLETS[n % len(OUTLETS)]
    town = TOWNS[story % len(TOWNS)] + ("" if story < len(TOWNS) else f"-{story}")
    base = random.Random(story)
    deaths, injured = base.randint(3, 90), base.randint(20, 400)
    evacuated, distance = base.randint(10, 90) * 100, base.choice([25, 40, 60, 80])
    if rng.random() < 0.25:
        deaths += rng.randint(1, 9)  # a later or a different count
    if rng.random() < 0.15:
        evacuated *= 2
    sourced = rng.random() < 0.8
    day = 1 + (story % 27)
    published = f"2025-03-{min(28, day + n // len(OUTLETS)):02d}"
    # every capitalised name is the story's own (the town): stories share no named entity,
    # as separate events in a real corpus mostly do
    if lang == "en":
        miles = round(distance / 1.609)
        body = (f"A strong earthquake struck the area of {town} early this week, killing {deaths} people"
                + (f", according to the civil protection agency of {town}." if sourced else ".")
                + f" More than {injured} people were injured.\n\n"
                f"The quake's epicentre was {miles} miles north of {town}, the seismological "
                f"institute of {town} said.\n\nAbout {evacuated:,} residents have been evacuated, the "
                f"mayor of {town} said.\n")
    else:
        evacuated_it = format(evacuated, ",").replace(",", ".")
        body = (f"Un forte terremoto ha colpito la zona di {town} in settimana. "
                + (f"Secondo la protezione civile di {town}, i morti sono {deaths}" if sourced
                   else f"I morti sono {deaths}")
                + f" e i feriti oltre {injured}.\n\nL'epicentro è stato localizzato a {distance} km a nord "
                f"di {town}, ha comunicato l'istituto sismologico di {town}.\n\nCirca {evacuated_it} "
                f"residenti sono stati evacuati, ha reso noto il sindaco di {town}.\n")
    name = f"story{story:03d}-{outlet.lower().replace(' ', '-')}-{n:02d}.md"
    text = (f"---\noutlet: {outlet}\ntitle: \"Earthquake near {town}\"\npublished: {published}\n"
            f"lang: {lang}\n---\n\n{body}")
    return name, text


def generate(folder: str, articles: int, stories: int) -> None:
    rng = random.Random(1234)
    per_story = max(1, articles // stories)
    count = 0
    for story in range(stories):
        for n in range(per_story):
            if count >= articles:
                return
            name, text = article(story, n, rng)
            with open(os.path.join(folder, name), "w", encoding="utf-8") as fh:
                fh.write(text)
            count += 1


ROWS = ("no-cache", "cold", "warm", "after-lint")


def child(args: list[str]) -> None:
    """Run `checker ARGS` in this process and print a JSON line: wall and CPU seconds (this
    process and its workers), peak RSS of this process and of its largest worker."""
    import json
    import resource
    t = time.perf_counter()
    code = 0
    from checker.cli import main
    try:
        main(args)
    except SystemExit as e:
        code = int(e.code or 0)
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"seconds": time.perf_counter() - t, "code": code,
                      "cpu": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime,
                      "rss_main_mb": me.ru_maxrss / 1024, "rss_workers_mb": kids.ru_maxrss / 1024}),
          file=sys.__stderr__)


def measure(checkout: str | None, *args: str) -> dict:
    """`checker ARGS` in a fresh process, with the code of `checkout` (a source folder) or of
    this one; what `child` printed."""
    import json
    import subprocess
    env = dict(os.environ)
    if checkout:
        env["PYTHONPATH"] = os.path.abspath(checkout) + os.pathsep + env.get("PYTHONPATH", "")
    done = subprocess.run([sys.executable, os.path.abspath(__file__), "--child", *args],
                          capture_output=True, text=True, env=env,
                          cwd=os.path.abspath(checkout) if checkout else None)
    lines = [ln for ln in done.stderr.splitlines() if ln.startswith("{")]
    if not lines:
        sys.exit(f"checker {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return json.loads(lines[-1])


def scale(sizes: list[int], jobs: int, seed: int, rows: list[str], before: str | None) -> None:
    """`checker report` of each size without a cache, filling an empty one (cold), with that
    cache (warm) and with the cache `checker lint` leaves (after-lint); with `before`, each
    row is run with that checkout's code first, then with this one's."""
    import shutil
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from bench_extract import corpus_dir
    work = tempfile.mkdtemp(prefix="bench-report-scale-")
    sides = [("before", before), ("after", None)] if before else [("", None)]
    try:
        for n in sizes:
            folder, _ = corpus_dir(n, seed, False)
            folder = os.path.abspath(folder)
            print(f"\n{n:,} articles: checker report -o report.html --jobs {jobs}", flush=True)
            print(f"  {'':24s} {'seconds':>8s} {'CPU s':>7s} {'RSS main':>9s} {'workers':>8s} {'page':>8s}")
            for row in (r for r in ROWS if r in rows):
                for side, checkout in sides:
                    cache = os.path.join(work, f"cache-{side}-{n}")
                    page = os.path.join(work, f"report-{side}-{n}.html")
                    if row == "after-lint":
                        shutil.rmtree(cache, ignore_errors=True)
                        m = measure(checkout, "lint", folder, "-q", "-o", os.path.join(work, "lint.txt"),
                                    "--jobs", str(jobs), "--cache-dir", cache)
                        print(f"  {(side + ' ' if side else '') + '(lint fills a cache)':24s} {m['seconds']:8.1f} "
                              f"{m['cpu']:7.1f} {m['rss_main_mb']:7.0f}MB {m['rss_workers_mb']:6.0f}MB", flush=True)
                    elif row in ("no-cache", "cold"):
                        shutil.rmtree(cache, ignore_errors=True)
                    flags = ["--no-cache"] if row == "no-cache" else ["--cache-dir", cache]
                    m = measure(checkout, "report", folder, "-o", page, "--jobs", str(jobs), *flags)
                    size = os.path.getsize(page) / 1e6 if os.path.exists(page) else 0.0
                    label = (side + " " if side else "") + row
                    print(f"  {label:24s} {m['seconds']:8.1f} {m['cpu']:7.1f} {m['rss_main_mb']:7.0f}MB "
                          f"{m['rss_workers_mb']:6.0f}MB {size:6.1f}MB", flush=True)
                    if m["code"]:
                        print(f"  exit code {m['code']}", flush=True)
            if before:
                same = _same_file(os.path.join(work, f"report-before-{n}.html"),
                                  os.path.join(work, f"report-after-{n}.html"))
                print(f"  pages before and after {'identical' if same else 'DIFFER'}", flush=True)
            for side, _ in sides:
                shutil.rmtree(os.path.join(work, f"cache-{side}-{n}"), ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _same_file(a: str, b: str) -> bool:
    import filecmp
    return os.path.exists(a) and os.path.exists(b) and filecmp.cmp(a, b, shallow=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--stories", type=int, default=50)
    parser.add_argument("--keep", metavar="DIR", help="write the articles and reports here")
    parser.add_argument("--scale", action="store_true",
                        help="time the whole command on generate.py corpora of --sizes articles")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rows", nargs="+", choices=ROWS, default=list(ROWS),
                        help="which runs of --scale to time")
    parser.add_argument("--before", metavar="DIR",
                        help="with --scale: also time the checker of this source folder (a "
                             "worktree of the previous commit), row by row, and compare the pages")
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2:])
        return
    args = parser.parse_args()
    if args.scale:
        scale(args.sizes, args.jobs, args.seed, args.rows, args.before)
        return

    from checker.checks import article_keys
    from checker.compare import quantity_groups
    from checker.gazetteer import default_gazetteer
    from checker.lint import lint
    from checker.pipeline import extract, load_articles
    from checker.report import build_report, html, markdown, tables
    from checker.ruleset import load_rules

    folder = args.keep or tempfile.mkdtemp(prefix="bench-report-")
    os.makedirs(folder, exist_ok=True)
    generate(folder, args.articles, args.stories)

    t0 = time.perf_counter()
    gazetteer = default_gazetteer()
    articles, failures = load_articles([folder])
    claims, more = extract(articles, gazetteer)
    t1 = time.perf_counter()
    findings = lint(claims, load_rules(), set(article_keys(claims)), gazetteer=gazetteer)
    t2 = time.perf_counter()
    groups = quantity_groups(claims, gazetteer)
    t3 = time.perf_counter()
    report = build_report(claims, findings, articles, failures + more, groups, title="Benchmark")
    t4 = time.perf_counter()
    page = html.render(report)
    t5 = time.perf_counter()
    comment = markdown.render(report)
    t6 = time.perf_counter()
    csv = tables.claims_csv(claims) + tables.findings_csv(findings)
    t7 = time.perf_counter()
    if args.keep:
        with open(os.path.join(folder, "report.html"), "w", encoding="utf-8") as fh:
            fh.write(page)
        with open(os.path.join(folder, "report.md"), "w", encoding="utf-8") as fh:
            fh.write(comment)

    print(f"{len(articles)} articles, {len(claims)} claims, {len(findings)} findings, "
          f"{len(report.sections)} quantities ({report.summary.disagreements} with disagreements)")
    print(f"  read + extract        {t1 - t0:7.2f} s")
    print(f"  lint                  {t2 - t1:7.2f} s")
    print(f"  quantity groups       {t3 - t2:7.2f} s")
    print(f"  build report model    {t4 - t3:7.2f} s")
    print(f"  render HTML           {t5 - t4:7.2f} s  ({len(page) / 1e6:.1f} MB)")
    print(f"  render Markdown       {t6 - t5:7.2f} s  ({len(comment):,} characters)")
    print(f"  write CSV             {t7 - t6:7.2f} s  ({len(csv):,} characters)")
    print(f"report (model + HTML + Markdown): {t6 - t3:.2f} s")
    if failures or more:
        print(f"{len(failures) + len(more)} inputs failed", file=sys.stderr)


if __name__ == "__main__":
    main()
