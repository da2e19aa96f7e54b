"""Run the property-based tests (every test module that uses hypothesis) once per seed and
print pass or fail for each: a suite that can go red by chance blocks landings at random.

    .venv/bin/python benchmarks/hypothesis_seeds.py              # seeds 1..20
    .venv/bin/python benchmarks/hypothesis_seeds.py --seeds 5 --tests tests/test_report_properties.py

Not part of CI (it runs the property tests twenty times). Each seed is one
`pytest -p no:randomly --hypothesis-seed=N` over the modules; a failing seed prints pytest's
last lines, so the failing example can be replayed with the same command.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def property_modules() -> list[str]:
    """The test modules that import hypothesis."""
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests").glob("test_*.py")
                  if "from hypothesis import" in p.read_text(encoding="utf-8"))


def run_seed(seed: int, modules: list[str]) -> tuple[bool, float, str]:
    """(passed, seconds, pytest's last lines) of one seed."""
    began = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:randomly",
                           "-p", "no:cacheprovider", f"--hypothesis-seed={seed}", *modules],
                          cwd=ROOT, capture_output=True, text=True)
    tail = "\n".join(done.stdout.strip().splitlines()[-15:])
    return done.returncode == 0, time.perf_counter() - began, tail


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=20, help="run seeds 1..N [default: 20]")
    parser.add_argument("--tests", nargs="*", default=None,
                        help="test modules [default: every module that uses hypothesis]")
    args = parser.parse_args()
    modules = args.tests or property_modules()
    print(f"property tests: {' '.join(modules)}")
    failed = []
    for seed in range(1, args.seeds + 1):
        passed, seconds, tail = run_seed(seed, modules)
        print(f"seed {seed:>3}: {'pass' if passed else 'FAIL'} ({seconds:.0f} s)", flush=True)
        if not passed:
            failed.append(seed)
            print("    " + tail.replace("\n", "\n    "))
    print(f"{args.seeds - len(failed)} of {args.seeds} seeds passed"
          + (f"; failed: {', '.join(map(str, failed))}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
