"""Extraction and comparison on a Dask cluster, for corpora too large for one machine.

The optional `dask` extra (`pip install 'newsroom-checker[dask]'`); the rest of the package
never imports dask. The stages are the same pure functions as the pandas path:

1. extraction: `map_partitions` over a frame of file paths, each partition read, parsed and
   extracted into its claims frame (`_pos` numbers its rows: a file is never split, so
   `(path, _pos)` is the pandas path's row order);
2. stories: each partition's per-article names (`checker.stories.article_names`), a small table,
   are gathered and linked on the client (`link_stories`);
3. comparison: the claims are shuffled on their story, so every story is whole in one
   partition, and the rules run on each partition: every rule type compares only claims of one
   story (or of one article), as `checker.lint` relies on too.

Inside a partition the rows are put in the pandas path's relative order, so ties, "first" and
"at most ten listed" pick the same claims: the findings are the same as `checker.lint.lint`.
"""
from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from checker.article import Failure
from checker.claims import frame_from_records
from checker.findings import Finding, sort_findings
from checker.gazetteer import Gazetteer, default_gazetteer
from checker.lint import lint, select_rules
from checker.pipeline import article_claims, input_files, read_articles
from checker.readers import Defaults
from checker.ruleset import Rule
from checker.stories import article_names, link_stories

INSTALL_HINT = "pip install 'newsroom-checker[dask]'"
FILES_PER_PARTITION = 250


class DaskMissing(ImportError):
    """The Dask path was asked for, but dask is not installed."""


def require_dask():
    """The `dask` and `dask.dataframe` modules, or DaskMissing naming the extra to install."""
    try:
        import dask
        import dask.dataframe as dd
    except ImportError as e:
        raise DaskMissing(f"the Dask path needs dask and distributed: {INSTALL_HINT}") from e
    return dask, dd


@contextlib.contextmanager
def _plain_objects(dask) -> Iterator[None]:
    """Keep object columns as Python objects (None, not pyarrow strings and <NA>)."""
    with dask.config.set({"dataframe.convert-string": False}):
        yield


# --- extraction -----------------------------------------------------------------------------

def _meta() -> pd.DataFrame:
    """An empty partition of the extraction: the claims frame's columns, `_pos`, `_failure`,
    `_skipped` (a failure that is a file left out on purpose) and `_notice` (a file checked
    with a caveat)."""
    return frame_from_records([]).assign(_pos=pd.Series(dtype="int64"),
                                         _failure=pd.Series(dtype=object),
                                         _skipped=pd.Series(dtype=bool),
                                         _notice=pd.Series(dtype=bool))


def extract_partition(files: pd.DataFrame, defaults: Defaults | None, gazetteer: Gazetteer | None,
                      cache_dir: str | None, cache_extra: str) -> pd.DataFrame:
    """Read, parse and extract a partition's files (column `path`): their claims in the run's
    order, `_pos` numbering them, then a row per failure with its message in `_failure`."""
    records: list[dict] = []
    failures: list[Failure] = []
    for path in files["path"]:
        articles, failed = read_articles(str(path), defaults)
        failures += failed
        for article in articles:
            try:
                records += article_claims(article, gazetteer, cache_dir, cache_extra)
            except Exception as e:  # as in the pandas path: one bad article never stops the others
                failures.append(Failure.internal(article.path, "extracting claims", e))
    claims = frame_from_records(records)
    claims["_pos"] = np.arange(len(claims), dtype="int64")
    claims["_failure"] = pd.Series([None] * len(claims), index=claims.index, dtype=object)
    claims["_skipped"] = np.zeros(len(claims), dtype=bool)
    claims["_notice"] = np.zeros(len(claims), dtype=bool)
    if not failures:
        return claims
    failed = _meta().reindex(range(len(failures)))
    failed["path"] = pd.Series([f.path for f in failures], dtype=object)
    failed["line"] = pd.Series([f.line for f in failures], dtype="Int64")
    failed["_pos"] = np.arange(len(failures), dtype="int64")
    failed["_failure"] = pd.Series([f.message for f in failures], dtype=object)
    failed["_skipped"] = np.array([f.skipped for f in failures], dtype=bool)
    failed["_notice"] = np.array([f.notice for f in failures], dtype=bool)
    return pd.concat([claims, failed], ignore_index=True)


@dataclass
class DaskExtraction:
    """Extracted on the cluster: the claims (a persisted Dask frame), failures, files."""

    claims: Any
    failures: list[Failure] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def extract_dask(paths: Sequence[str], defaults: Defaults | None = None, *,
                 gazetteer: Gazetteer | None = None, cache_dir: str | None = None,
                 include=(), exclude=(), npartitions: int | None = None) -> DaskExtraction:
    """The claims of every article under `paths` as a Dask frame (plus `_pos`), extracted on
    the current Dask scheduler; failures (unreadable files, bad articles) are listed."""
    dask, dd = require_dask()
    files, failures = input_files(list(paths), include, exclude)
    n = max(1, min(npartitions or -(-len(files) // FILES_PER_PARTITION), len(files) or 1))
    extra = gazetteer.fingerprint if gazetteer is not None else ""
    with _plain_objects(dask):
        frame = dd.from_pandas(pd.DataFrame({"path": pd.Series(files, dtype=object)}),
                               npartitions=n, sort=False)
        raw = frame.map_partitions(extract_partition, defaults, gazetteer, cache_dir, extra,
                                   meta=_meta()).persist()
        failed = raw[raw["_failure"].notnull()][["path", "line", "_failure", "_skipped",
                                                 "_notice"]].compute()
        claims = raw[raw["_failure"].isnull()].drop(columns=["_failure", "_skipped", "_notice"])
    failures += [Failure(p, None if pd.isna(line) else int(line), m, skipped=bool(skip),
                         notice=bool(notice))
                 for p, line, m, skip, notice in zip(failed["path"], failed["line"],
                                                     failed["_failure"], failed["_skipped"],
                                                     failed["_notice"])]
    return DaskExtraction(claims, failures, files)


# --- comparison -----------------------------------------------------------------------------

_TABLE = pd.DataFrame({c: pd.Series(dtype=object) for c in ("article", "path", "published", "names")})
_FINDINGS = pd.DataFrame({"finding": pd.Series(dtype=object)})


def article_table(claims: pd.DataFrame, gazetteer: Gazetteer) -> pd.DataFrame:
    """One row an article of a partition: its key, path, publication date and names."""
    names = article_names(claims, gazetteer)
    first = claims.drop_duplicates("article")
    return pd.DataFrame({
        "article": first["article"].astype(object).to_numpy(),
        "path": first["path"].astype(object).to_numpy(),
        "published": first["published"].astype(object).to_numpy(),
        "names": pd.Series([tuple(sorted(names.get(a, ()))) for a in first["article"]], dtype=object),
    }).astype(object)


def stories_of(table: pd.DataFrame) -> dict[str, str]:
    """Story ids of the gathered article table (an article split over partitions is merged)."""
    names: dict[str, set[str]] = {}
    for article, found in zip(table["article"], table["names"]):
        names.setdefault(article, set()).update(found)
    published = dict(zip(table["article"], table["published"]))
    return link_stories(list(names), names, published)


def _with_story(claims: pd.DataFrame, stories: pd.Series) -> pd.DataFrame:
    story = claims["article"].map(stories).astype(object)
    return claims.assign(story=story.where(story.notna(), claims["article"]))


def in_run_order(claims: pd.DataFrame) -> pd.DataFrame:
    """Rows in the pandas path's order, labelled 0..n-1 (labels order ties and listings)."""
    return claims.sort_values(["path", "_pos"], kind="stable").reset_index(drop=True)


def lint_partition(claims: pd.DataFrame, rules: list[Rule], targets: frozenset[str],
                   gazetteer: Gazetteer) -> pd.DataFrame:
    """`checker.lint.lint` over a partition of whole stories; one finding a row."""
    mine = targets.intersection(claims["article"])  # isin over the whole run's targets is slow
    findings = lint(in_run_order(claims), rules, mine, gazetteer=gazetteer)
    return pd.DataFrame({"finding": pd.Series(findings, dtype=object)})


def lint_dask(claims, rules: Iterable[Rule], targets: Iterable[str] | None = None,
              select: Iterable[str] | None = None, ignore: Iterable[str] | None = None, *,
              gazetteer: Gazetteer | None = None, npartitions: int | None = None) -> list[Finding]:
    """`checker.lint.lint` over `extract_dask`'s claims (targets: all articles when None),
    shuffled into `npartitions` partitions of whole stories (default: a quarter as many)."""
    dask, _ = require_dask()
    gazetteer = gazetteer or default_gazetteer()
    chosen = select_rules(rules, select, ignore)
    with _plain_objects(dask):
        table = claims.map_partitions(article_table, gazetteer, meta=_TABLE).compute()
        if table.empty or not chosen:
            return []
        stories = pd.Series(stories_of(table), dtype=object)
        targets = frozenset(table["article"] if targets is None else targets)
        target_paths = set(table.loc[table["article"].isin(targets), "path"])
        by_story = (claims.map_partitions(_with_story, stories,
                                          meta=claims._meta.assign(story=pd.Series(dtype=object)))
                    .shuffle("story", npartitions=npartitions or max(1, claims.npartitions // 4),
                             shuffle_method="tasks"))  # p2p would turn None into NaN
        found = by_story.map_partitions(lint_partition, chosen, targets, gazetteer, meta=_FINDINGS)
        findings = list(found["finding"].compute())
    return sort_findings(f for f in findings if f.path in target_paths)


# --- the whole run ----------------------------------------------------------------------------

@contextlib.contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None) -> Iterator[Any]:
    """A `distributed.Client` for the run: `scheduler` is an address (`tcp://host:8786`),
    `local` for a cluster of this machine's cores (`workers` processes), or None for
    whatever Dask is already set to use (an open client, else its threads)."""
    if scheduler is None:
        yield None
        return
    require_dask()
    try:
        from distributed import Client, LocalCluster
    except ImportError as e:
        raise DaskMissing(f"the Dask path needs distributed: {INSTALL_HINT}") from e
    if scheduler == "local":
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            yield client
    else:
        with Client(scheduler) as client:
            yield client


def lint_paths_dask(paths: Sequence[str], rules: Iterable[Rule], targets: Iterable[str] | None = None,
                    *, defaults: Defaults | None = None, gazetteer: Gazetteer | None = None,
                    select: Iterable[str] | None = None, ignore: Iterable[str] | None = None,
                    scheduler: str | None = None, cache_dir: str | None = None,
                    npartitions: int | None = None) -> tuple[list[Finding], list[Failure]]:
    """Extract and lint everything under `paths` on Dask: (findings, failures), the same as
    `extract_paths` + `lint` (targets: every article when None)."""
    with dask_client(scheduler):
        run = extract_dask(paths, defaults, gazetteer=gazetteer, cache_dir=cache_dir,
                           npartitions=npartitions)
        findings = lint_dask(run.claims, rules, targets, select, ignore, gazetteer=gazetteer,
                             npartitions=npartitions)
    return findings, run.failures
