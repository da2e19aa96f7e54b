"""Expand the paths given on the command line into the list of article files to read.

The only input-stage module that touches the file system, and only to list directories and
stat paths: it never reads a file's contents.
"""
from __future__ import annotations

import errno
import fnmatch
import functools
import os
import re
import stat

from .article import Failure
from .readers import ARTICLE_EXTENSIONS

__all__ = ["iter_input_files", "FEED_EXTENSIONS", "MAX_FILE_SIZE", "SKIPPED_DIRS"]

# Besides hidden directories (.git, .venv, ...), never descended into.
SKIPPED_DIRS = frozenset({"node_modules", "__pycache__"})
# No article is this large (a long read is well under 1 MB, a news page with its scripts a few
# MB): a larger file is a data dump or a mistake, refused unread rather than extracted for hours.
# JSON Lines feeds hold many articles and are not limited.
MAX_FILE_SIZE = 10_000_000
FEED_EXTENSIONS = frozenset({".jsonl", ".ndjson"})


def _matches(patterns, rel: str, name: str) -> bool:
    glob = _glob(patterns)
    return glob is not None and (glob.match(rel) is not None or glob.match(name) is not None)


@functools.lru_cache(maxsize=64)
def _glob(patterns: tuple[str, ...]) -> re.Pattern | None:
    """One compiled pattern for a tuple of globs (`fnmatch` case-sensitive semantics): a walk
    tests every entry against every glob, and one regex is several times quicker."""
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{fnmatch.translate(p)})" for p in patterns))


def _join(root: str, rel: str) -> str:
    return rel if root in (".", "./") else os.path.join(root, rel)


def _list_dir(dir_path: str, failures: list[Failure]) -> list[os.DirEntry]:
    try:
        with os.scandir(dir_path) as it:
            return sorted(it, key=lambda e: e.name)
    except OSError as e:
        failures.append(Failure(dir_path, None, f"cannot list directory: {e.strerror or e}"))
        return []


def _expand_dir(root: str, include, exclude, seen_files: set[str], files: list[str],
                failures: list[Failure], follow_links: bool = False) -> None:
    """Append the article files under `root` in name order (a directory's contents at its place
    among its siblings), never looping. A symbolic link that leads outside `root` is listed as
    skipped unless `follow_links`: a repository could otherwise publish /etc/passwd or a
    secrets file in the outputs."""
    root_real = os.path.realpath(root)
    seen_dirs = {root_real}
    # iterative (no recursion limit on deep trees); each folder with its real path, so that an
    # entry that is not a link has its real path without a `realpath` walk up the tree
    stack = [("", root_real, iter(_list_dir(root, failures)))]
    while stack:
        rel_dir, real_dir, entries = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        name = entry.name
        rel = os.path.join(rel_dir, name) if rel_dir else name
        rel_posix = rel.replace(os.sep, "/")
        path = _join(root, rel)
        if name.startswith(".") or _matches(exclude, rel_posix, name):
            continue
        is_article = os.path.splitext(name)[1].lower() in ARTICLE_EXTENSIONS
        link = entry.is_symlink()
        try:
            st = entry.stat()  # follows symlinks; cached by scandir where it can be
        except OSError as e:
            if link:
                if is_article:
                    failures.append(Failure(path, None, _link_problem(path, e)))
            else:
                failures.append(Failure(path, None, f"cannot access: {e.strerror or e}"))
            continue
        real = os.path.realpath(path) if link else os.path.join(real_dir, name)
        if link and _inside(real, root_real):
            continue  # reached under its real name anyway (or a loop): list it once, by that name
        if link and not follow_links:
            if is_article or stat.S_ISDIR(st.st_mode):
                failures.append(Failure(path, None, f"skipped: a symbolic link to {_readlink(path)!r}, "
                                                    f"outside {root}: not followed (--follow-links "
                                                    "follows it)", skipped=True))
            continue
        if stat.S_ISDIR(st.st_mode):
            if name in SKIPPED_DIRS or real in seen_dirs:
                continue  # seen: a loop through a link to outside the root
            seen_dirs.add(real)
            stack.append((rel, real, iter(_list_dir(path, failures))))
        elif stat.S_ISREG(st.st_mode) and is_article:
            if include and not _matches(include, rel_posix, name):
                continue
            if real not in seen_files:
                seen_files.add(real)
                _take(path, st.st_size, files, failures)


def _take(path: str, size: int, files: list[str], failures: list[Failure]) -> None:
    """List `path` as an article file, or as a failure when it is too large to be one."""
    if size > MAX_FILE_SIZE and os.path.splitext(path)[1].lower() not in FEED_EXTENSIONS:
        failures.append(Failure(path, None, f"file too large to be an article ({size / 1e6:,.1f} MB; "
                                            f"the limit is {MAX_FILE_SIZE / 1e6:g} MB): not read"))
    else:
        files.append(path)


def _link_problem(path: str, e: OSError) -> str:
    """Why a symbolic link leads to no file: a loop, or a missing target."""
    if e.errno == errno.ELOOP:
        return f"symbolic link loop: {_readlink(path)!r} never leads to a file"
    return f"broken symbolic link to {_readlink(path)!r}: {e.strerror or e}"


def _inside(path: str, directory: str) -> bool:
    try:
        return os.path.commonpath([path, directory]) == directory
    except ValueError:  # different drives on Windows
        return False


def _readlink(path: str) -> str | None:
    try:
        return os.readlink(path)
    except OSError:
        return None


def iter_input_files(paths: list[str], include=(), exclude=(), follow_links: bool = False
                     ) -> tuple[list[str], list[Failure]]:
    """Expand files and directories into article file paths, in a deterministic order.

    Directories are walked recursively in name order, taking only files with an article
    extension that match `include` (if given) and no `exclude` glob (matched against the path
    relative to the directory and against the file or directory name); hidden entries,
    `node_modules` and `__pycache__` are skipped and symlink loops are cut; a symbolic link
    that leads out of the directory is skipped (a Failure marked `skipped`) unless
    `follow_links`. Files named explicitly are always taken. Each file appears once; missing paths and files over
    `MAX_FILE_SIZE` (JSON Lines feeds excepted) become Failures.
    """
    include = tuple(include or ())
    exclude = tuple(exclude or ())
    files: list[str] = []
    failures: list[Failure] = []
    seen_files: set[str] = set()
    for path in paths:
        try:
            st = os.stat(path)
        except FileNotFoundError:
            msg = "broken symbolic link" if os.path.islink(path) else "no such file or directory"
            failures.append(Failure(path, None, msg))
            continue
        except OSError as e:
            msg = _link_problem(path, e) if os.path.islink(path) else f"cannot access: {e.strerror or e}"
            failures.append(Failure(path, None, msg))
            continue
        if stat.S_ISDIR(st.st_mode):
            _expand_dir(path, include, exclude, seen_files, files, failures, follow_links)
        else:
            real = os.path.realpath(path)
            if real not in seen_files:
                seen_files.add(real)
                _take(path, st.st_size, files, failures)
    return files, failures
