"""The run: paths in, articles, claims and failures out. The one place besides the CLI that
reads files, so a notebook user gets the claims frame with a single call.

Extraction of each file is independent of the others, so it runs in `jobs` worker processes
(results are put back in input order: the same output as a serial run) and is cached by
content (`checker.cache`): a second run over an unchanged archive reads the cache instead.
"""
from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, NamedTuple

import pandas as pd

from checker import cache
from checker.article import Article, Failure, NoArticles
from checker.claims import article_records, concat_frames, frame_from_parts, records_table
from checker.gazetteer import Gazetteer
from checker.readers import ARTICLE_EXTENSIONS, Defaults, parse_feed_part, parse_file
from checker.walk import FEED_EXTENSIONS, iter_input_files

# repository files that are not articles, skipped inside directories (named files are read)
NOT_ARTICLES = ("README*", "readme*", "CHANGELOG*", "LICENSE*", "CONTRIBUTING*",
                "CODE_OF_CONDUCT*", "SECURITY*")
_CHUNK = 64  # most files a worker takes at a time (one result to send back per chunk)
_MIN_CHUNK = 16  # fewer files than this a worker are not worth starting a process for
_ROWS = 50_000  # claim records turned into a frame at a time, so records never pile up
FEED_PART = 128_000  # bytes of a JSON Lines feed a worker reads at a time: about a chunk of files
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")  # UTF-16 and UTF-32


def read_file(path: str) -> tuple[bytes | None, Failure | None]:
    """A file's bytes, or a Failure that says why it could not be read."""
    try:
        with open(path, "rb") as fh:
            return fh.read(), None
    except IsADirectoryError:
        return None, Failure(path, None, "is a directory")
    except PermissionError:
        return None, Failure(path, None, "cannot read the file: permission denied")
    except OSError as e:
        return None, Failure(path, None, f"cannot read the file: {e.strerror or e}")


def input_files(paths: list[str], include=(), exclude=(), follow_links: bool = False
                ) -> tuple[list[str], list[Failure]]:
    """The article files under `paths`, skipping repository files such as README.md (and
    symbolic links out of a directory, unless `follow_links`)."""
    return iter_input_files(list(paths), include, tuple(exclude) + NOT_ARTICLES, follow_links)


def listed_files(paths: list[str], include=(), exclude=(), follow_links: bool = False
                 ) -> tuple[list[str], list[Failure]]:
    """`input_files`, path by path: NoArticles for a path that leads to no file at all (a
    folder without articles), as ruff says when it finds nothing to check."""
    if len(paths) == 1:
        files, failures = input_files(paths, include, exclude, follow_links)
        if not files and not failures:
            raise NoArticles(f"{paths[0]}: no articles to check (article files end in "
                             f"{', '.join(sorted(ARTICLE_EXTENSIONS))}; README, LICENSE and "
                             "CHANGELOG files are not articles)")
        return files, failures
    for path in paths:  # each must hold something; then listed together, each file once
        listed_files([path], include, exclude, follow_links)
    return input_files(paths, include, exclude, follow_links)


def load_articles(paths: list[str], defaults: Defaults | None = None, include=(), exclude=(),
                  follow_links: bool = False) -> tuple[list[Article], list[Failure]]:
    """Every article under `paths` (files and directories, recursively) and every failure."""
    files, failures = input_files(paths, include, exclude, follow_links)
    articles: list[Article] = []
    for path in files:
        found, failed = read_articles(path, defaults)
        articles.extend(found)
        failures.extend(failed)
    return articles, failures


def read_articles(path: str | FeedPart, defaults: Defaults | None) -> tuple[list[Article], list[Failure]]:
    """The articles of one file (or of a part of a feed), or why it could not be read."""
    if isinstance(path, FeedPart):
        return read_feed_part(path, defaults)
    data, failure = read_file(path)
    if failure:
        return [], [failure]
    return parse_file(path, data, defaults)


class FeedPart(NamedTuple):
    """Whole lines of a large JSON Lines feed: bytes `start` to `end` of the file, whose first
    line is line `line`. A feed is extracted in such parts, by every worker, not by one."""

    path: str
    start: int
    end: int
    line: int


def feed_parts(path: str, size: int) -> list[FeedPart] | None:
    """A JSON Lines feed of more than `size` bytes as parts of about `size` bytes that end at
    line ends (read once, a block at a time, to count lines); None for any other file, a feed
    of UTF-16 or UTF-32 (only UTF-8 can be cut at a byte), or one that cannot be read (it then
    fails as a whole)."""
    if os.path.splitext(path)[1].lower() not in FEED_EXTENSIONS:
        return None
    parts: list[FeedPart] = []
    start, line, lines, base = 0, 1, 0, 0
    try:
        if os.path.getsize(path) <= size:
            return None
        with open(path, "rb") as fh:
            if fh.read(4).startswith(_WIDE_BOMS):
                return None
            fh.seek(0)
            while block := fh.read(1 << 20):
                i = 0
                while (cut := block.find(b"\n", max(i, start + size - base - 1))) >= 0:
                    lines += block.count(b"\n", i, cut + 1)
                    parts.append(FeedPart(path, start, base + cut + 1, line))
                    start, line, lines, i = base + cut + 1, line + lines, 0, cut + 1
                lines += block.count(b"\n", i)
                base += len(block)
    except OSError:
        return None
    if start < base:
        parts.append(FeedPart(path, start, base, line))
    return parts


def read_feed_part(part: FeedPart, defaults: Defaults | None) -> tuple[list[Article], list[Failure]]:
    """The articles of a part of a feed, or why it could not be read."""
    try:
        with open(part.path, "rb") as fh:
            fh.seek(part.start)
            data = fh.read(part.end - part.start)
    except OSError as e:
        return [], [Failure(part.path, part.line, f"cannot read the file: {e.strerror or e}")]
    return parse_feed_part(part.path, data, defaults, offset=part.start, first_line=part.line)


def article_claims(article: Article, gazetteer: Gazetteer | None = None,
                   cache_dir: str | None = None, cache_extra: str = "",
                   notes: list[Failure] | None = None, key: str | None = None) -> list[dict]:
    """The claim records of one article, from the cache when it holds them; a cache entry
    that fails its check is recomputed, with a note appended to `notes`. `key`: the article's
    cache key, when the caller has it already."""
    key = key or (cache.article_key(article, cache_extra) if cache_dir else "")
    if cache_dir:
        try:
            hit = cache.read(cache_dir, key, cache.is_records)
        except cache.Untrusted as e:
            hit = None
            if notes is not None:
                notes.append(cache.untrusted_note(e))
        if hit is not None:
            return hit
    records = article_records(article, gazetteer)
    if cache_dir:
        cache.write(cache_dir, key, records)
    return records


def extract(articles: Iterable[Article], gazetteer: Gazetteer | None = None,
            cache_dir: str | None = None, jobs: int = 1,
            progress: Callable[[int, int], None] | None = None) -> tuple[pd.DataFrame, list[Failure]]:
    """The claims frame of `articles`; an article that cannot be extracted becomes a Failure.

    With `jobs` > 1 the articles are extracted in worker processes; the frame is the same.
    """
    articles = list(articles)
    extra = gazetteer.fingerprint if gazetteer is not None else ""
    frames, _, failures, _ = _run(_extract_one, articles, (None, gazetteer, cache_dir, extra, None),
                                  jobs, progress)
    return concat_frames(frames), failures


def _extract_one(article: Article) -> tuple[list[dict], list, list[Failure], list]:
    w = _WORKER
    records, failures = _safe_claims(article, w["gazetteer"], w["cache_dir"], w["cache_extra"])
    return records, [], failures, []


def _safe_claims(article: Article, gazetteer, cache_dir, cache_extra,
                 key: str | None = None) -> tuple[list[dict], list[Failure]]:
    notes: list[Failure] = []
    try:
        return article_claims(article, gazetteer, cache_dir, cache_extra, notes, key), notes
    except Exception as e:  # a bug must not stop the other articles from being checked
        return [], [Failure.internal(article.path, "extracting claims", e)]


@dataclass
class Extraction:
    """What a run extracted: the claims frame, what was kept of each article, the failures."""

    claims: pd.DataFrame
    articles: list = field(default_factory=list)  # `keep(article)` of each article, if asked
    failures: list[Failure] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    index: list = field(default_factory=list)  # `index_entry` of each item read, if asked


# state of a worker process, set once by `_init_worker`
_WORKER: dict = {}


def _init_worker(parent: int | None, defaults, gazetteer, cache_dir, cache_extra, keep,
                 index: bool = False) -> None:
    if parent is not None:
        die_with_parent(parent)
    _WORKER.update(defaults=defaults, gazetteer=gazetteer, cache_dir=cache_dir,
                   cache_extra=cache_extra, keep=keep, index=index)


_PR_SET_PDEATHSIG = 1  # prctl(2) option


def die_with_parent(parent: int) -> None:
    """End this worker process when the process that started it (`parent`) ends, however it
    ends: after a `kill -9` of the main process, orphaned workers would go on forever, blocked
    on their pipes, holding memory and the standard output (so `checker lint … | tail` would
    never end). Linux: the kernel sends SIGKILL (prctl PR_SET_PDEATHSIG); elsewhere a thread
    watches for the parent to go."""
    watched = False
    if sys.platform.startswith("linux"):
        import ctypes
        try:
            watched = ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL) == 0
        except (OSError, AttributeError):
            pass
    if not watched:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # it ended before the signal was asked for
        os._exit(1)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def whole_article(article: Article) -> Article:
    """`keep` that keeps every article as it is."""
    return article


def _process_file(path: str | FeedPart) -> tuple[list[dict], list, list[Failure], list]:
    """Read, parse and extract one file or part of a feed (in a worker, or in the main
    process when serial); with the worker's `index`, its `index_entry` too."""
    w = _WORKER
    articles, failures = read_articles(path, w["defaults"])
    records: list[dict] = []
    kept: list = []
    keys: list[str] = []
    keep = w["keep"]
    for article in articles:
        key = cache.article_key(article, w["cache_extra"]) if w["cache_dir"] else None
        found, failed = _safe_claims(article, w["gazetteer"], w["cache_dir"], w["cache_extra"], key)
        records.extend(found)
        failures.extend(failed)
        keys.append(key or "")
        if keep is not None:
            try:
                kept.append(keep(article))
            except Exception as e:  # a bug must not stop the other articles from being checked
                failures.append(Failure.internal(article.path, "reading this article", e))
    entry = [index_entry(path, keys, articles, failures)] if w.get("index") and w["cache_dir"] else []
    return records, kept, failures, entry


# --- reading an item again from what an earlier run kept of it -------------------------------------

_BARE = ("text", "body", "anchors")  # what an index entry leaves out of an article


def index_entry(item: str | FeedPart, keys: list[str], articles: list[Article],
                failures: list[Failure]) -> list:
    """What a later run needs of an item (a file, or a part of a feed) to take its claims from
    the claims cache without reading it: the item, the cache key of each article, each article
    without its text, and the item's failures (not the cache's notes), as JSON values. An item
    that met a bug has no keys: it is read again."""
    if any(f.detail is not None for f in failures):
        return [list(item) if isinstance(item, FeedPart) else item, None, [], []]
    names = [f.name for f in dataclasses.fields(Article) if f.name not in _BARE]
    bare = [{name: getattr(a, name) for name in names} for a in articles]
    kept = [dataclasses.asdict(f) for f in failures if not cache.is_untrusted_note(f)]
    return [list(item) if isinstance(item, FeedPart) else item, keys, bare, kept]


def entries_to_read(path: str) -> list[list]:
    """Entries of a file that no index holds, for `read_indexed`: read when their turn comes."""
    return [[list(p) if isinstance(p, FeedPart) else p, None, [], []]
            for p in feed_parts(path, FEED_PART) or [path]]


def indexed_item(entry: list) -> str | FeedPart:
    """The file or part of a feed an `index_entry` is of."""
    item = entry[0]
    return item if isinstance(item, str) else FeedPart(*item)


def bare_article(fields: dict) -> Article:
    """An article of an `index_entry`: its metadata, without its text."""
    meta = tuple(tuple(pair) for pair in fields.get("meta") or ())
    return Article(**{**fields, "text": "", "body": "", "meta": meta})


def _indexed_file(entry: list) -> tuple[list[dict], list, list[Failure], list]:
    """The claims of an `index_entry`'s articles from the claims cache, `keep` of each article
    without its text, and the item's failures; the item read again (`_process_file`) when an
    entry is missing or fails its check (which that says), or when it has no keys."""
    w = _WORKER
    keys = entry[1]
    if keys is None or not w["cache_dir"] or len(keys) != len(entry[2]):
        return _process_file(indexed_item(entry))
    records: list[dict] = []
    for key in keys:
        try:
            found = cache.read(w["cache_dir"], key, cache.is_records) if key else None
        except cache.Untrusted:
            found = None
        if found is None:
            return _process_file(indexed_item(entry))
        records.extend(found)
    keep = w["keep"]
    try:
        kept = [keep(bare_article(fields)) for fields in entry[2]] if keep is not None else []
    except Exception:  # as when the article was read: a bug is said where the file is read
        return _process_file(indexed_item(entry))
    return records, kept, [Failure(**f) for f in entry[3]], []


def read_indexed(entries: list[list], defaults: Defaults | None = None, *,
                 gazetteer: Gazetteer | None = None, jobs: int = 1, cache_dir: str | None = None,
                 cache_extra: str = "", keep: Callable[[Article], Any] | None = None,
                 progress: Callable[[int, int], None] | None = None) -> Extraction:
    """`extract_files` of the items of `entries` (`index_entry` of each, in file order) through
    the claims cache without reading the files: `keep` sees each article without its text.
    An item whose claims are not all in the cache is read and extracted as `extract_files`
    does; the frame, failures and notes are the same as it would give."""
    frames, kept, failures, _ = _run(_indexed_file, entries,
                                     (defaults, gazetteer, cache_dir, cache_extra, keep), jobs,
                                     progress, warm=False)
    files = list(dict.fromkeys(e[0] if isinstance(e[0], str) else e[0][0] for e in entries))
    return Extraction(concat_frames(frames), kept, failures, files)


def extract_paths(paths: list[str], defaults: Defaults | None = None, *,
                  gazetteer: Gazetteer | None = None, jobs: int = 1,
                  cache_dir: str | None = None, cache_extra: str = "",
                  include=(), exclude=(), keep_articles: bool = False, follow_links: bool = False,
                  progress: Callable[[int, int], None] | None = None) -> Extraction:
    """Extract every article under `paths`, in `jobs` processes, through the cache.

    The result is the same whatever `jobs` is: files are processed in the walk's order and
    their results concatenated in that order. `progress(done, total)` is called per file.
    """
    files, failures = input_files(paths, include, exclude, follow_links)
    run = extract_files(files, defaults, gazetteer=gazetteer, jobs=jobs, cache_dir=cache_dir,
                        cache_extra=cache_extra, keep=whole_article if keep_articles else None,
                        progress=progress)
    run.failures[:0] = failures
    return run


def extract_files(files: list[str], defaults: Defaults | None = None, *,
                  gazetteer: Gazetteer | None = None, jobs: int = 1,
                  cache_dir: str | None = None, cache_extra: str = "",
                  keep: Callable[[Article], Any] | None = None, index: bool = False,
                  progress: Callable[[int, int], None] | None = None) -> Extraction:
    """Extract the articles of `files` (already listed), in `jobs` processes.

    Articles stay in the process that read them; `keep(article)` (a module-level function)
    says what of each comes back, so a run over an archive holds claims, not texts. With
    `index` (and a cache), the `index_entry` of each item comes back too (`read_indexed`).
    """
    items = [part for f in files for part in (feed_parts(f, FEED_PART) or [f])]
    frames, kept, failures, entries = _run(_process_file, items,
                                           (defaults, gazetteer, cache_dir, cache_extra, keep, index),
                                           jobs, progress)
    return Extraction(concat_frames(frames), kept, failures, list(files), entries)


def _run(fn: Callable, items: list, worker_args: tuple, jobs: int,
         progress: Callable[[int, int], None] | None, warm: bool = True
         ) -> tuple[list[pd.DataFrame], list, list[Failure], list]:
    """`fn` (a `_WORKER` function giving records, kept items, failures and index entries)
    over `items` in chunks, in `jobs` processes or in this one; the results gathered in input
    order. With `warm`, the language data is loaded before the workers fork."""
    frames: list[pd.DataFrame] = []
    kept: list = []
    failures: list[Failure] = []
    entries: list = []
    parts = sum(map(_is_part, items))  # each worth a chunk of files
    jobs = max(1, min(jobs, (len(items) + parts * (_MIN_CHUNK - 1)) // _MIN_CHUNK + 1))
    size = max(1, min(_CHUNK, len(items) // (8 * jobs)))  # small runs still spread evenly
    chunks = _chunks(items, size)
    task = functools.partial(_run_chunk, fn)
    if jobs == 1:
        _init_worker(None, *worker_args)
        _collect(map(task, chunks), frames, kept, failures, entries, len(items), progress)
    else:
        if warm:
            warm_up()  # workers forked after this share the loaded language data,
        with collector_frozen():  # and their collector leaves it alone (touching it would copy its pages)
            with ProcessPoolExecutor(jobs, initializer=_init_worker,
                                     initargs=(os.getpid(), *worker_args),
                                     mp_context=fork_context()) as pool:
                _collect(ordered_map(pool, task, chunks, 4 * jobs), frames, kept, failures,
                         entries, len(items), progress)
    return frames, kept, failures, entries


def _is_part(item: Any) -> bool:
    """Whether an item is a part of a feed, or the `index_entry` of one."""
    return isinstance(item, FeedPart) or (isinstance(item, list) and isinstance(item[0], list))


def _chunks(items: list, size: int) -> Iterator[list]:
    """`items` in chunks of `size`; a part of a feed (as many articles as a chunk of files)
    is a chunk of its own."""
    chunk: list = []
    for item in items:
        if _is_part(item):
            if chunk:
                yield chunk
                chunk = []
            yield [item]
            continue
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _run_chunk(fn: Callable, chunk: list) -> tuple[Any, list, list[Failure], list, int]:
    """`fn` of each item of a chunk, the chunk's claims packed in one table (`records_table`):
    what a worker sends back is then a few Arrow buffers, not thousands of dicts."""
    records: list[dict] = []
    kept: list = []
    failures: list[Failure] = []
    entries: list = []
    for item in chunk:
        found, keep, failed, entry = fn(item)
        records.extend(found)
        kept.extend(keep)
        failures.extend(failed)
        entries.extend(entry)
    return records_table(records), kept, failures, entries, len(chunk)


def ordered_map(pool: Executor, fn: Callable, items: Iterable, in_flight: int) -> Iterator:
    """`fn` of each item, in input order, with at most `in_flight` items submitted and not yet
    taken: unlike `Executor.map`, which submits everything at once, finished results never
    pile up in memory while the main process turns earlier ones into frames."""
    items = iter(items)
    pending: deque = deque()

    def submit() -> None:
        for item in islice(items, 1):  # the next item, if there is one
            pending.append(pool.submit(fn, item))

    for _ in range(in_flight):
        submit()
    while pending:
        result = pending.popleft().result()
        submit()
        yield result


def warm_up() -> None:
    """Load every language's data and lemma dictionary, and pint's unit registry (most of a
    second), once, before worker processes fork."""
    from checker.language import language, supported_languages
    from checker.subjects import warm_up as warm_subjects
    from checker.units import unit_registry
    for code in supported_languages():
        language(code)
        warm_subjects(code)
    unit_registry()


def fork_context():
    """Fork where the platform has it (children inherit the warmed-up data); else the default."""
    import multiprocessing
    try:
        return multiprocessing.get_context("fork")
    except ValueError:
        return None


def forked_map(fn: Callable, items: list, jobs: int) -> list:
    """`fn` of each item, in item order, at most `jobs` at a time, each in a process forked
    for it alone that inherits this process's memory: what `fn` reads is set up before the
    call, never sent. A worker that read shared Python objects has copies of their pages
    (reading one writes its reference count), so a long-lived worker would end up with a
    copy of everything it ever read; a worker an item ends with its item, and the run's
    memory follows the items running, not the archive. The processes are forked from this
    thread with no other thread running (an executor's threads would be running at the
    next fork), and the collector is frozen meanwhile, so that the workers' collections do
    not copy the pages they share either. Callers check `fork_context()` first."""
    import multiprocessing.connection
    context = fork_context()
    results: list = [None] * len(items)
    pending = iter(enumerate(items))
    running: dict[Any, tuple[int, Any]] = {}  # the pipe a worker answers on → (item, process)

    def start() -> None:
        for i, item in islice(pending, 1):  # the next item, if there is one
            receive, send = context.Pipe(duplex=False)
            process = context.Process(target=_forked_item, args=(fn, item, send, os.getpid()),
                                      daemon=True)
            process.start()
            send.close()  # the worker's end: closed here, so its end of file is the worker's
            running[receive] = (i, process)

    with collector_frozen():
        try:
            for _ in range(max(1, jobs)):
                start()
            while running:
                for receive in multiprocessing.connection.wait(list(running)):
                    i, process = running.pop(receive)
                    try:
                        ok, value = receive.recv()
                    except EOFError:  # killed, or out of memory: nothing came back
                        process.join()
                        raise RuntimeError(f"a worker process ended (exit code {process.exitcode}) "
                                           "without its result") from None
                    finally:
                        receive.close()
                    process.join()
                    if not ok:
                        raise value  # the worker's error is the caller's
                    results[i] = value
                    start()
        finally:
            for receive, (_, process) in running.items():
                process.kill()
                process.join()
                receive.close()
    return results


def _forked_item(fn: Callable, item: Any, send: Any, parent: int) -> None:
    """In a worker of `forked_map`: `fn(item)`, or the error it raised, sent back."""
    die_with_parent(parent)
    try:
        answer = (True, fn(item))
    except BaseException as e:  # noqa: BLE001 - the caller raises it
        answer = (False, e)
    send.send(answer)
    send.close()


@contextlib.contextmanager
def collector_frozen() -> Iterator[None]:
    """What exists now is left out of the cyclic collector's collections meanwhile (`gc.freeze`):
    the run's claims and findings live on, and a full collection would walk their millions of
    objects again and again (and, in a forked worker, copy the pages it shares). Nested uses
    leave the outermost one to thaw them."""
    frozen = gc.get_freeze_count() == 0
    if frozen:
        gc.freeze()
    try:
        yield
    finally:
        if frozen:
            gc.unfreeze()


def _collect(results, frames, articles, failures, entries, total, progress) -> None:
    """Gather chunks' results in input order, turning their claims (Arrow tables from
    `records_table`) into frames of about `_ROWS` claims as they come."""
    parts: list = []
    rows = done = 0
    for found, kept, failed, entry, count in results:
        parts.append(found)
        rows += len(found)
        articles.extend(kept)
        failures.extend(failed)
        entries.extend(entry)
        if rows >= _ROWS:
            frames.append(frame_from_parts(parts))
            parts, rows = [], 0
        done += count
        if progress:
            progress(done, total)
    if parts or not frames:
        frames.append(frame_from_parts(parts))


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
