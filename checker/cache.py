"""A content-addressed cache of extracted claims, so an unchanged archive is read, not re-extracted.

An entry's key is a hash of everything extraction depends on: the article (its path, text,
body and metadata), the tool's version and code, and the language data, concept and
gazetteer files. A lint run's findings are cached as a whole too, keyed on every input
file's bytes, the rules and settings, and all of the tool's code (`run_key`): a run over an
unchanged archive then reads one entry. Editing one article, upgrading the tool or changing
a language file makes new keys; old entries are simply not read again. The cache is a directory of small JSON files that the user
can delete at any time.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from typing import Any
from importlib import resources

from checker import __version__
from checker.article import Article

DEFAULT_DIR = ".checker-cache"
FORMAT = "1"


@functools.lru_cache(maxsize=1)
def data_fingerprint() -> str:
    """A hash of the tool version, its extraction code and every language and data file."""
    h = hashlib.sha256(f"{__version__}\0{FORMAT}".encode())
    for package, suffix in (("checker", ".py"), ("checker.readers", ".py"),
                            ("checker.lang", ".yaml"), ("checker.data", ".yaml")):
        for entry in sorted(resources.files(package).iterdir(), key=lambda p: p.name):
            if entry.name.endswith(suffix):
                h.update(entry.name.encode())
                h.update(entry.read_bytes())
    return h.hexdigest()


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the tool version and every code and data file of the package (rules and
    checks included): what a whole run's findings depend on besides its inputs."""
    h = hashlib.sha256(f"{__version__}\0{FORMAT}".encode())
    root = resources.files("checker")
    stack = [root]
    while stack:
        folder = stack.pop()
        for entry in sorted(folder.iterdir(), key=lambda p: p.name):
            if entry.is_dir() and not entry.name.startswith(("_", ".")):
                stack.append(entry)
            elif entry.name.endswith((".py", ".yaml", ".j2")):
                h.update(entry.name.encode())
                h.update(entry.read_bytes())
    return h.hexdigest()


def run_key(parts: list[str]) -> str:
    """The key of a whole run from the strings that describe its inputs and settings."""
    h = hashlib.sha256(code_fingerprint().encode())
    for part in parts:
        h.update(b"\0")
        h.update(part.encode("utf-8", "surrogatepass"))
    return "run-" + h.hexdigest()


def article_key(article: Article, extra: str = "") -> str:
    """The cache key of an article: its content and metadata, the tool and its data."""
    h = hashlib.sha256(data_fingerprint().encode())
    for value in (article.path, article.id, article.outlet, article.published, article.lang,
                  str(article.line_base), repr(article.anchors), extra, article.text, article.body):
        h.update(b"\0")
        h.update((value or "").encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _entry_path(directory: str, key: str) -> str:
    return os.path.join(directory, key[:2], key[2:] + ".json")


def read(directory: str, key: str) -> list | dict | None:
    """The cached value (an article's claim records, a run's findings) for a key, or None
    (missing or unreadable entries are misses)."""
    try:
        with open(_entry_path(directory, key), encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError):
        return None


def write_lines(directory: str, key: str, items: Iterable[Any]) -> None:
    """Store values one JSON document a line, atomically, never holding them all as text:
    a run's findings over an archive are hundreds of thousands."""
    path = _entry_path(directory, key)
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            for item in items:
                fh.write(json.dumps(item, ensure_ascii=False, separators=(",", ":")) + "\n")
        os.replace(tmp, path)
    except OSError:
        pass


def read_lines(directory: str, key: str) -> Iterator[Any] | None:
    """The values `write_lines` stored, one at a time, or None when there is no entry."""
    try:
        fh = open(_entry_path(directory, key), encoding="utf-8")
    except OSError:
        return None

    def values() -> Iterator[Any]:
        with fh:
            for line in fh:
                yield json.loads(line)
    return values()


def write(directory: str, key: str, records: list | dict) -> None:
    """Store a value atomically; a cache that cannot be written is silently skipped."""
    path = _entry_path(directory, key)
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(records, fh, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, path)
    except OSError:
        pass
