#!/usr/bin/env python3
"""Where a `checker lint` run spends its time and memory, stage by stage.

    python benchmarks/bench_stages.py [--pss-every 5] -- lint DIR -o out.txt --no-cache --jobs 2

Runs the `checker` command given after `--` in this process, with timers around its stages
(`plan`: walk, configuration, rules, gazetteer; `extraction`: the workers and the frames the
main process builds from their claims; `rules`, and within it `stories`, which the rules
compute first; `text output`), and prints each
stage's wall time and this process's CPU time, then the total wall time and the CPU time of
this process and of its worker processes. With `--pss-every N`, the summed proportional set
size (PSS) of this process and its workers is printed every N seconds while it runs, with
the stage it is in, and its peak at the end: where memory grows, and in which process.

Stages are timed where `checker.project` and `checker.lint` call them, so the figures are
those of the command as users run it; only the timers are added.
"""
from __future__ import annotations

import argparse
import functools
import importlib
import os
import resource
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

from bench_scale import process_tree, pss_kb  # noqa: E402

# (module, function, stage): the calls timed
STAGES = [("checker.project", "plan", "plan"),
          ("checker.project", "extract_with_settings", "extraction"),
          ("checker.lint", "with_stories", "stories"),
          ("checker.project", "check_scope", "rules"),
          ("checker.cli.lint", "write_chunks", "text output")]


class Stages:
    """Wall and CPU seconds of each stage, and the stage running now."""

    def __init__(self) -> None:
        self.times: dict[str, list[float]] = {}
        self.now = "start"
        self.origin = time.perf_counter()

    def wrap(self, fn, stage: str):
        @functools.wraps(fn)
        def timed(*args, **kwargs):
            before, self.now = self.now, stage
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                spent = self.times.setdefault(stage, [0.0, 0.0])
                spent[0] += time.perf_counter() - wall
                spent[1] += time.process_time() - cpu
                self.now = before
        return timed


def sample_pss(stages: Stages, stop: threading.Event, samples: list[tuple]) -> None:
    """Append (seconds, stage, summed PSS kB, processes, main PSS kB) of this process tree
    five times a second. Nothing is printed meanwhile: a thread holding the lock of
    standard error when a worker forks would leave the worker's copy locked."""
    while not stop.wait(0.2):
        pids = process_tree(os.getpid())
        samples.append((time.perf_counter() - stages.origin, stages.now,
                        sum(pss_kb(p) for p in pids), len(pids), pss_kb(os.getpid())))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pss-every", type=float, default=0,
                        help="print the summed PSS every this many seconds (0: only the peak)")
    parser.add_argument("command", nargs=argparse.REMAINDER,
                        help="the checker command after --, e.g. -- lint DIR --no-cache")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the checker command after --, e.g. -- lint DIR --no-cache")
    stages = Stages()
    for module, name, stage in STAGES:
        owner = importlib.import_module(module)
        setattr(owner, name, stages.wrap(getattr(owner, name), stage))
    stop, samples = threading.Event(), []
    sampler = threading.Thread(target=sample_pss, args=(stages, stop, samples), daemon=True)
    sampler.start()
    from checker.cli import main as checker_main
    code = 0
    try:
        checker_main(command)
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else 0
    stop.set()
    sampler.join()
    wall = time.perf_counter() - stages.origin
    if args.pss_every:
        last = -args.pss_every
        for at, stage, total, count, own in samples:
            if at - last >= args.pss_every:
                last = at
                print(f"{at:7.1f} s  {stage:<12}  PSS {total / 1024:7.0f} MB in {count} processes "
                      f"(main {own / 1024:.0f} MB)", file=sys.stderr)
    peak = max((s[2] for s in samples), default=0)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"\n{'stage':<12}  {'wall s':>8}  {'main CPU s':>10}", file=sys.stderr)
    for stage, (w, c) in stages.times.items():
        print(f"{stage:<12}  {w:8.1f}  {c:10.1f}", file=sys.stderr)
    print(f"{'total':<12}  {wall:8.1f}  {time.process_time():10.1f}   workers' CPU "
          f"{children.ru_utime + children.ru_stime:.1f} s; peak PSS {peak / 1024:.0f} MB; "
          f"checker exit code {code}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
