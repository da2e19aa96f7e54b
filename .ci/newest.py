#!/usr/bin/env python3
"""CI: the versions of PACKAGE... that the fresh install brought are the newest releases on
the package index, the ones a user's `pip install newsroom-checker` gets today.

An upper bound anywhere in the dependency tree (ours, or one of a dependency's, such as a test
tool's) would otherwise make CI test an older pandas than users run. The install a moment
before used the same index, so an index that cannot be asked is a failure too, not a skip.

    .venv/bin/python .ci/newest.py pandas pyarrow PyYAML
"""
from __future__ import annotations

import re
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, version


def newest(name: str) -> str | None:
    """The newest release of `name` on the configured index (pre-releases left out)."""
    out = subprocess.run([sys.executable, "-m", "pip", "index", "versions", name],
                         capture_output=True, text=True)
    found = re.search(rf"^{re.escape(name)} \(([^)\s]+)\)", out.stdout, re.MULTILINE | re.IGNORECASE)
    return found.group(1) if out.returncode == 0 and found else None


def main(names: list[str]) -> int:
    problems = []
    for name in names:
        try:
            installed = version(name)
        except PackageNotFoundError:
            problems.append(f"{name} is not installed")
            continue
        latest = newest(name)
        if latest is None:
            problems.append(f"{name}: the package index gave no version (pip index versions {name})")
        elif installed != latest:
            problems.append(f"{name}: {installed} installed, but {latest} is the newest release: "
                            "something caps it (pip install --dry-run --report, or pipdeptree)")
        else:
            print(f"ci: {name} {installed} is the newest release")
    for problem in problems:
        print(f"ci: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
