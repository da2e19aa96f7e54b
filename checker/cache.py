"""A content-addressed cache of extracted claims, so an unchanged archive is read, not re-extracted.

An entry's key is a hash of everything extraction depends on: the article (its path, text,
body and metadata), the tool's version and code, and the language data, concept and
gazetteer files. A lint run's findings are cached as a whole too, keyed on every input
file's bytes, the rules and settings, and all of the tool's code (`run_key`): a run over an
unchanged archive then reads one entry. Editing one article, upgrading the tool or changing
a language file makes new keys; old entries are simply not read again. The cache is a directory of small JSON files that the user
can delete at any time.

A cache folder may come from anywhere (committed to a repository a pull request changes), so
no entry is trusted as it is: each ends with an HMAC of its key and its lines under a secret
kept in the user's cache folder (`signing_key`). An entry that is cut short, altered, moved to
another key, of the wrong shape or written on another machine raises `Untrusted`: the caller
recomputes it and says so.
"""
from __future__ import annotations

import functools
import hashlib
import hmac
import json
import os
import secrets
import tempfile
from collections.abc import Callable, Iterable, Iterator
from importlib import resources
from typing import Any, BinaryIO

from platformdirs import user_cache_dir

from checker import __version__
from checker.article import Article, Failure
from checker.jsontext import loads

DEFAULT_DIR = ".checker-cache"
FORMAT = "2"  # 2: entries are signed (a trailer line)
KEY_ENV = "CHECKER_CACHE_KEY_DIR"  # overrides where the signing key is kept
UNTRUSTED = "cache entry not used, recomputed"
_TRAILER = b"#signature "
_UNKEPT: set[bytes] = set()  # signing keys that could not be kept for later runs


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


def entry_path(directory: str, key: str) -> str:
    return os.path.join(directory, key[:2], key[2:] + ".json")


class Untrusted(Exception):
    """A cache entry that is there but fails its check: altered, cut short, of the wrong
    shape, written under another key or on another machine. It is recomputed, never used."""

    def __init__(self, path: str, why: str) -> None:
        super().__init__(f"{path}: {why}")
        self.path = path
        self.why = why


@functools.lru_cache(maxsize=1)
def signing_key() -> bytes:
    """The secret that signs this user's cache entries, kept in the user's cache folder (made
    once, readable only by the user). Entries that anyone else wrote, such as a cache committed
    to a repository, cannot carry a valid signature, so they are never trusted. Without a
    writable folder, a key for this process only (`_UNKEPT`): entries are then written but
    never read, as none could check."""
    folder = os.environ.get(KEY_ENV) or user_cache_dir("newsroom-checker")
    path = os.path.join(folder, "cache-key")
    try:
        with open(path, "rb") as fh:
            key = fh.read()
        if len(key) >= 32:
            return key
    except OSError:
        pass
    key = secrets.token_bytes(32)
    try:
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder)  # made with mode 0600
        with os.fdopen(fd, "wb") as fh:
            fh.write(key)
        try:
            os.link(tmp, path)  # only the first of processes racing here makes the key
        finally:
            os.unlink(tmp)
        with open(path, "rb") as fh:
            key = fh.read()
    except OSError:
        _UNKEPT.add(key)
    return key


def _signer(key: str) -> hmac.HMAC:
    return hmac.new(signing_key(), key.encode() + b"\n", hashlib.sha256)


def _open_entry(directory: str, key: str, mode: int):
    """The entry's file descriptor, never through a symbolic link (a committed cache could
    point its folders anywhere)."""
    path = entry_path(directory, key)
    if os.path.islink(os.path.dirname(path)):
        raise OSError(f"{os.path.dirname(path)} is a symbolic link")
    return os.open(path, mode | getattr(os, "O_NOFOLLOW", 0), 0o644)


def _verified(directory: str, key: str) -> BinaryIO | None:
    """The open file of an entry whose signature matches its key and content, at its start;
    None when there is no entry; Untrusted when there is one that does not check. Read twice
    (to check, then to decode) but never held whole: a run's entry may be large."""
    path = entry_path(directory, key)
    if signing_key() in _UNKEPT:
        return None  # no entry of an earlier run can check, and none is worth a note
    try:
        fd = _open_entry(directory, key, os.O_RDONLY)
    except FileNotFoundError:
        return None
    except OSError as e:
        raise Untrusted(path, f"cannot be read safely: {e.strerror or e}") from None
    fh = os.fdopen(fd, "rb")
    signer = _signer(key)
    last = None
    for line in fh:
        if last is not None:
            signer.update(last)
        last = line
    if last is None or not last.startswith(_TRAILER) or not last.endswith(b"\n"):
        fh.close()
        raise Untrusted(path, "is cut short or not a cache entry")
    if not hmac.compare_digest(last[len(_TRAILER):-1], signer.hexdigest().encode()):
        fh.close()
        raise Untrusted(path, "does not match its signature (altered, or written elsewhere)")
    fh.seek(0)
    return fh


def _values(fh: BinaryIO, path: str) -> Iterator[Any]:
    """The values of a verified entry, its signature left out; closes the file."""
    with fh:
        for line in fh:
            if line.startswith(_TRAILER):
                return
            try:
                yield loads(line.decode("utf-8"))
            except (ValueError, UnicodeDecodeError):
                raise Untrusted(path, "cannot be decoded") from None


def read(directory: str, key: str, shape: Callable[[Any], bool] = lambda v: True) -> Any:
    """The cached value (an article's claim records) for a key, or None when there is none;
    Untrusted when the entry fails its check or its value is not of the expected `shape`."""
    fh = _verified(directory, key)
    if fh is None:
        return None
    path = entry_path(directory, key)
    values = list(_values(fh, path))
    if len(values) != 1 or not shape(values[0]):
        raise Untrusted(path, "holds a value of the wrong shape")
    return values[0]


def write(directory: str, key: str, value: Any) -> None:
    """Store a value atomically, signed; a cache that cannot be written is silently skipped."""
    write_lines(directory, key, [value])


def write_lines(directory: str, key: str, items: Iterable[Any]) -> None:
    """Store values one JSON document a line, then the signature of the key and the lines,
    atomically, never holding them all as text: a run's findings over an archive are
    hundreds of thousands. A cache that cannot be written is silently skipped."""
    path = entry_path(directory, key)
    folder = os.path.dirname(path)
    try:
        os.makedirs(folder, exist_ok=True)
        if os.path.islink(folder):
            return
        signer = _signer(key)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            for item in items:
                line = json.dumps(item, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
                signer.update(line)
                fh.write(line)
            fh.write(_TRAILER + signer.hexdigest().encode() + b"\n")
        os.replace(tmp, path)
    except OSError:
        pass


def read_lines(directory: str, key: str) -> Iterator[Any] | None:
    """The values `write_lines` stored, one at a time, or None when there is no entry;
    Untrusted (before any value) when the entry fails its check."""
    fh = _verified(directory, key)
    return None if fh is None else _values(fh, entry_path(directory, key))


def is_records(value: Any) -> bool:
    """Whether a cached value has the shape of an article's claim records."""
    return isinstance(value, list) and all(isinstance(r, dict) for r in value)


def untrusted_note(e: Untrusted) -> Failure:
    """An entry that failed its check, said on standard error (not a failure of the input)."""
    return Failure(e.path, None, f"{UNTRUSTED}: {e.why}", skipped=True)


def is_untrusted_note(failure: Failure) -> bool:
    return failure.skipped and failure.message.startswith(UNTRUSTED)
