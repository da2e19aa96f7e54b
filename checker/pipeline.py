"""The run: paths in, articles, claims and failures out. The one place besides the CLI that
reads files, so a notebook user gets the claims frame with a single call.

Extraction of each file is independent of the others, so it runs in `jobs` worker processes
(results are put back in input order: the same output as a serial run) and is cached by
content (`checker.cache`): a second run over an unchanged archive reads the cache instead.
"""
from __future__ import annotations

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
from checker.claims import article_records, concat_frames, frame_from_records
from checker.gazetteer import Gazetteer
from checker.readers import Defaults, parse_file
from checker.walk import iter_input_files

# repository files that are not articles, skipped inside directories (named files are read)
NOT_ARTICLES = ("README*", "readme*", "CHANGELOG*", "LICENSE*", "CONTRIBUTING*",
                "CODE_OF_CONDUCT*", "SECURITY*")
_CHUNK = 16  # files a worker takes at a time
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


def input_files(paths: list[str], include=(), exclude=()) -> tuple[list[str], list[Failure]]:
    """The article files under `paths`, skipping repository files such as README.md."""
    return iter_input_files(list(paths), include, tuple(exclude) + NOT_ARTICLES)


def load_articles(paths: list[str], defaults: Defaults | None = None, include=(), exclude=()
                  ) -> tuple[list[Article], list[Failure]]:
    """Every article under `paths` (files and directories, recursively) and every failure."""
    files, failures = input_files(paths, include, exclude)
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
                   cache_dir: str | None = None, cache_extra: str = "") -> list[dict]:
    """The claim records of one article, from the cache when it holds them."""
    key = cache.article_key(article, cache_extra) if cache_dir else ""
    if cache_dir:
        hit = cache.read(cache_dir, key)
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
    frames: list[pd.DataFrame] = []
    failures: list[Failure] = []
    jobs = max(1, min(jobs, len(articles) // _CHUNK + 1))
    if jobs == 1:
        _init_worker(None, gazetteer, cache_dir, extra, False)
        results = map(_extract_one, articles)
        _collect(((r, [], f) for r, f in results), frames, [], failures, len(articles), progress)
    else:
        warm_up()
        with ProcessPoolExecutor(jobs, initializer=_init_worker,
                                 initargs=(None, gazetteer, cache_dir, extra, False),
                                 mp_context=_fork_context()) as pool:
            results = ordered_map(pool, _extract_one, articles, jobs)
            _collect(((r, [], f) for r, f in results), frames, [], failures, len(articles), progress)
    return concat_frames(frames), failures


def _extract_one(article: Article) -> tuple[list[dict], list[Failure]]:
    w = _WORKER
    return _safe_claims(article, w["gazetteer"], w["cache_dir"], w["cache_extra"])


def _safe_claims(article: Article, gazetteer, cache_dir, cache_extra) -> tuple[list[dict], list[Failure]]:
    try:
        return article_claims(article, gazetteer, cache_dir, cache_extra), []
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
                  include=(), exclude=(), keep_articles: bool = False,
                  progress: Callable[[int, int], None] | None = None) -> Extraction:
    """Extract every article under `paths`, in `jobs` processes, through the cache.

    The result is the same whatever `jobs` is: files are processed in the walk's order and
    their results concatenated in that order. `progress(done, total)` is called per file.
    """
    files, failures = input_files(paths, include, exclude)
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
    args = (defaults, gazetteer, cache_dir, cache_extra, keep)
    frames: list[pd.DataFrame] = []
    kept: list = []
    failures: list[Failure] = []
    jobs = max(1, min(jobs, len(files) // _CHUNK + 1))
    if jobs == 1:
        _init_worker(*args)
        results = map(_process_file, files)
        _collect(results, frames, kept, failures, len(files), progress)
    else:
        warm_up()  # workers forked after this share the loaded language data
        with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=args,
                                 mp_context=_fork_context()) as pool:
            results = ordered_map(pool, _process_file, files, jobs)
            _collect(results, frames, kept, failures, len(files), progress)
    return Extraction(concat_frames(frames), kept, failures, list(files))


def ordered_map(pool: Executor, fn: Callable, items: Iterable, jobs: int) -> Iterator:
    """`fn` of each item, in input order, with a few chunks in flight per worker: unlike
    `Executor.map`, which submits everything at once, finished results never pile up in
    memory while the main process turns earlier ones into frames."""
    items = iter(items)
    pending: deque = deque()

    def submit() -> None:
        batch = list(islice(items, _CHUNK))
        if batch:
            pending.append(pool.submit(_run_batch, fn, batch))

    for _ in range(4 * jobs):
        submit()
    while pending:
        results = pending.popleft().result()
        submit()
        yield from results


def _run_batch(fn: Callable, batch: list) -> list:
    return [fn(item) for item in batch]


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
    """Gather workers' results in input order, turning claim records into frames as they come
    (a list of dicts costs several times the frame it becomes)."""
    records: list[dict] = []
    for done, (found, kept, failed) in enumerate(results, 1):
        records.extend(found)
        articles.extend(kept)
        failures.extend(failed)
        if len(records) >= _ROWS:
            frames.append(frame_from_records(records, sort=False, final=False))
            records = []
        if progress:
            progress(done, total)
    if records or not frames:
        frames.append(frame_from_records(records, sort=False, final=False))


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
