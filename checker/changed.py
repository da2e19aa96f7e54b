"""Which files git says changed since a revision: the targets of `--changed-since REF`.

Changed means what a pull request would show plus what is not committed yet: files that
differ between REF and the working tree (committed, staged or not; `git diff --name-only REF
--`) and new files git does not ignore (`git ls-files --others --exclude-standard`). Deleted
files are left out. The repository is the one containing the first path.

The only module besides the CLI that runs a subprocess, and only `git`.
"""
from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence


class ChangedError(Exception):
    """git could not answer: not installed, not a repository, or an unknown revision."""


def _git(cwd: str, *args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                              encoding="utf-8", errors="surrogateescape", check=False)
    except FileNotFoundError:
        raise ChangedError("--changed-since needs git, which is not installed") from None
    except OSError as e:
        raise ChangedError(f"--changed-since: cannot run git: {e}") from None
    if done.returncode != 0:
        message = done.stderr.strip().splitlines()
        raise ChangedError(message[-1] if message else f"git {args[0]} failed")
    return done.stdout


def changed_files(ref: str, paths: Sequence[str]) -> set[str]:
    """Real paths of the existing files changed since `ref` in the repository of `paths[0]`."""
    first = paths[0] if paths else "."
    start = first if os.path.isdir(first) else (os.path.dirname(first) or ".")
    try:
        root = _git(start, "rev-parse", "--show-toplevel").strip()
    except ChangedError:
        raise ChangedError(f"--changed-since: {first} is not inside a git repository") from None
    try:
        _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except ChangedError:
        raise ChangedError(f"--changed-since: unknown revision '{ref}' in {root} "
                           "(in CI, fetch it first: actions/checkout with fetch-depth: 0)") from None
    names = _git(root, "diff", "--name-only", "-z", ref, "--").split("\0")
    names += _git(root, "ls-files", "--others", "--exclude-standard", "-z").split("\0")
    found = (os.path.realpath(os.path.join(root, n)) for n in names if n)
    return {p for p in found if os.path.isfile(p)}
