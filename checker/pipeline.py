"""The run: paths in, articles, claims and failures out. The one place besides the CLI that
reads files, so a notebook user gets the claims frame with a single call.

Extraction of each file is independent of the others, so it runs in `jobs` worker processes
(results are put back in input order: the same output as a serial run) and is cached by
content (`checker.cache`): a second run over an unchanged archive reads the cache instead.
"""
from __future__ import annotations

import functools
import gc
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

import pandas as pd

from checker import cache
from checker.article import Article, Failure
from checker.claims import article_records, concat_frames, frame_from_parts, records_table
from checker.gazetteer import Gazetteer
from checker.readers import Defaults, parse_file
from checker.walk import iter_input_files

# repository files that are not articles, skipped inside directories (named files are read)
NOT_ARTICLES = ("README*", "readme*", "CHANGELOG*", "LICENSE*", "CONTRIBUTING*",
                "CODE_OF_CONDUCT*", "SECURITY*")
_CHUNK = 64  # most files a worker takes at a time (one result to send back per chunk)
_MIN_CHUNK = 16  # fewer files than this a worker are not worth starting a process for
_ROWS = 50_000  # claim records turned into a frame at a time, so records never pile up


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


def read_articles(path: str, defaults: Defaults | None) -> tuple[list[Article], list[Failure]]:
    """The articles of one file, or why it could not be read."""
    data, failure = read_file(path)
    if failure:
        return [], [failure]
    return parse_file(path, data, defaults)


def article_claims(article: Article, gazetteer: Gazetteer | None = None,
                   cache_dir: str | None = None, cache_extra: str = "",
                   notes: list[Failure] | None = None) -> list[dict]:
    """The claim records of one article, from the cache when it holds them; a cache entry
    that fails its check is recomputed, with a note appended to `notes`."""
    key = cache.article_key(article, cache_extra) if cache_dir else ""
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
    frames, _, failures = _run(_extract_one, articles, (None, gazetteer, cache_dir, extra, None),
                               jobs, progress)
    return concat_frames(frames), failures


def _extract_one(article: Article) -> tuple[list[dict], list, list[Failure]]:
    w = _WORKER
    records, failures = _safe_claims(article, w["gazetteer"], w["cache_dir"], w["cache_extra"])
    return records, [], failures


def _safe_claims(article: Article, gazetteer, cache_dir, cache_extra) -> tuple[list[dict], list[Failure]]:
    notes: list[Failure] = []
    try:
        return article_claims(article, gazetteer, cache_dir, cache_extra, notes), notes
    except Exception as e:  # a bug must not stop the other articles from being checked
        return [], [Failure.internal(article.path, "extracting claims", e)]


@dataclass
class Extraction:
    """What a run extracted: the claims frame, what was kept of each article, the failures."""

    claims: pd.DataFrame
    articles: list = field(default_factory=list)  # `keep(article)` of each article, if asked
    failures: list[Failure] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


# state of a worker process, set once by `_init_worker`
_WORKER: dict = {}


def _init_worker(defaults, gazetteer, cache_dir, cache_extra, keep) -> None:
    _WORKER.update(defaults=defaults, gazetteer=gazetteer, cache_dir=cache_dir,
                   cache_extra=cache_extra, keep=keep)


def whole_article(article: Article) -> Article:
    """`keep` that keeps every article as it is."""
    return article


def _process_file(path: str) -> tuple[list[dict], list, list[Failure]]:
    """Read, parse and extract one file (in a worker, or in the main process when serial)."""
    w = _WORKER
    articles, failures = read_articles(path, w["defaults"])
    records: list[dict] = []
    for article in articles:
        found, failed = _safe_claims(article, w["gazetteer"], w["cache_dir"], w["cache_extra"])
        records.extend(found)
        failures.extend(failed)
    keep = w["keep"]
    return records, ([keep(a) for a in articles] if keep else []), failures


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
                  keep: Callable[[Article], Any] | None = None,
                  progress: Callable[[int, int], None] | None = None) -> Extraction:
    """Extract the articles of `files` (already listed), in `jobs` processes.

    Articles stay in the process that read them; `keep(article)` (a module-level function)
    says what of each comes back, so a run over an archive holds claims, not texts.
    """
    frames, kept, failures = _run(_process_file, files,
                                  (defaults, gazetteer, cache_dir, cache_extra, keep), jobs, progress)
    return Extraction(concat_frames(frames), kept, failures, list(files))


def _run(fn: Callable, items: list, worker_args: tuple, jobs: int,
         progress: Callable[[int, int], None] | None) -> tuple[list[pd.DataFrame], list, list[Failure]]:
    """`fn` (a `_WORKER` function giving records, kept items and failures) over `items` in
    chunks, in `jobs` processes or in this one; the results gathered in input order."""
    frames: list[pd.DataFrame] = []
    kept: list = []
    failures: list[Failure] = []
    jobs = max(1, min(jobs, len(items) // _MIN_CHUNK + 1))
    size = max(1, min(_CHUNK, len(items) // (8 * jobs)))  # small runs still spread evenly
    chunks = (items[i:i + size] for i in range(0, len(items), size))
    task = functools.partial(_run_chunk, fn)
    if jobs == 1:
        _init_worker(*worker_args)
        _collect(map(task, chunks), frames, kept, failures, len(items), progress)
    else:
        warm_up()  # workers forked after this share the loaded language data,
        gc.freeze()  # and their collector leaves it alone (touching it would copy its pages)
        try:
            with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=worker_args,
                                     mp_context=_fork_context()) as pool:
                _collect(ordered_map(pool, task, chunks, 4 * jobs), frames, kept, failures,
                         len(items), progress)
        finally:
            gc.unfreeze()
    return frames, kept, failures


def _run_chunk(fn: Callable, chunk: list) -> tuple[Any, list, list[Failure], int]:
    """`fn` of each item of a chunk, the chunk's claims packed in one table (`records_table`):
    what a worker sends back is then a few Arrow buffers, not thousands of dicts."""
    records: list[dict] = []
    kept: list = []
    failures: list[Failure] = []
    for item in chunk:
        found, keep, failed = fn(item)
        records.extend(found)
        kept.extend(keep)
        failures.extend(failed)
    return records_table(records), kept, failures, len(chunk)


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
    """Load every language's data and lemma dictionary once, before worker processes fork."""
    from checker.language import language, supported_languages
    from checker.subjects import warm_up as warm_subjects
    for code in supported_languages():
        language(code)
        warm_subjects(code)


def _fork_context():
    """Fork where the platform has it (children inherit the warmed-up data); else the default."""
    import multiprocessing
    try:
        return multiprocessing.get_context("fork")
    except ValueError:
        return None


def _collect(results, frames, articles, failures, total, progress) -> None:
    """Gather chunks' results in input order, turning their claims (Arrow tables from
    `records_table`) into frames of about `_ROWS` claims as they come."""
    parts: list = []
    rows = done = 0
    for found, kept, failed, count in results:
        parts.append(found)
        rows += len(found)
        articles.extend(kept)
        failures.extend(failed)
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


def extract_claims(*paths: str | os.PathLike, outlet: str | None = None,
                   published: str | None = None, lang: str | None = None,
                   jobs: int = 1, cache_dir: str | None = None) -> pd.DataFrame:
    """The claims frame of the articles under `paths`.

    Files that could not be read are listed in `frame.attrs["failures"]` (as `path:line:
    message` strings) rather than raised, so one bad file never hides the others' claims.
    """
    run = extract_paths([os.fspath(p) for p in paths],
                        Defaults(outlet=outlet, published=published, lang=lang),
                        jobs=jobs, cache_dir=cache_dir)
    run.claims.attrs["failures"] = [str(f) for f in run.failures]
    return run.claims
