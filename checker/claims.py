"""The claims frame: one row a claim, across all articles of a run (see DESIGN.md).

`CLAIM_COLUMNS` is the public contract that `checker claims` prints and users' scripts read;
the frame also carries internal columns (`INTERNAL_COLUMNS`) that the rules use to decide
which claims are about the same quantity.
"""
from __future__ import annotations

import bisect
import functools
import hashlib
import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from checker.article import Article, line_starts
from checker.extract import extract_article
from checker.gazetteer import Gazetteer

SCHEMA_VERSION = "1.2"  # 1.1 added `source_via`; 1.2 `notices` in the JSON wrapper
CLAIM_COLUMNS = ["claim_id", "path", "outlet", "published", "lang", "kind", "start", "end",
                 "line", "col", "text", "sentence", "value", "value_min", "value_max",
                 "qualifier", "unit", "subject", "subject_key", "date_start", "date_end",
                 "source", "source_text", "cue", "source_via"]
INTERNAL_COLUMNS = ["article", "article_id", "sentence_start", "modality", "event", "date_role",
                    "date_kind", "weekday", "precision", "entities", "scope", "figure_kind",
                    "holder"]
_FLOAT = ["value", "value_min", "value_max", "precision"]
_INT = ["start", "end", "line", "col", "sentence_start"]
_NAME = re.compile(r"[^\W\d_][\w'’.-]*")


def article_key(article: Article) -> str:
    """The key of an article in a run: its path, and its id inside a JSON Lines feed."""
    return f"{article.path}#{article.id}" if article.id and article.line_base else article.path


def claim_id(article: Article, kind: str, start: int, end: int, text: str) -> str:
    """A stable id: the same article text and span give the same id on every run."""
    key = "\0".join([article.path, article.id or "", kind, str(start), str(end), text])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


# a run of capitalised words (Latin scripts): "Volodymyr Zelensky", "NIS", "Corea del Sud" is
# two runs, which is enough to tell stories apart and to compare spellings
# (the capital first and the look-behind after it, so the scan jumps from capital to capital)
_NAME_RUN = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-Ž](?<![\w'’][A-ZÀ-ÖØ-ÞĀ-Ž])[\w'’.-]*(?:[ \t]+[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’.-]*)*")


_POSSESSED = ("'s", "’s")


def entities(sentence: str) -> str | None:
    """Capitalised names in a sentence, except its first word: `Volodymyr Zelensky|NIS`."""
    names = set()
    lead = len(sentence) - len(sentence.lstrip(" \t\r\n\"“«'‘("))
    for m in _NAME_RUN.finditer(sentence):
        name = m.group()
        if m.start() == lead and not name.split(None, 1)[0].endswith(_POSSESSED):
            # the sentence's first word is capitalised anyway (but "Spain's" is a name)
            parts = name.split(None, 1)
            if len(parts) == 1:
                continue
            name = parts[1]
        name = name.rstrip(".,;:")
        if len(name) > 1:
            names.add(name)
    return "|".join(sorted(names)) or None


def article_records(article: Article, gazetteer: Gazetteer | None = None) -> list[dict]:
    """The claim records of one article with file positions, ids and article metadata."""
    records = extract_article(article, gazetteer)
    key = article_key(article)
    names: dict[str, str | None] = {}  # sentences repeat across a sentence's claims
    anchors = article.anchors
    text = article.text
    starts = line_starts(text)  # `article.line_col`, inlined
    base = article.line_base
    path, outlet, published, lang, article_id = (article.path, article.outlet, article.published,
                                                 article.lang, article.id)
    id_prefix = f"{path}\0{article_id or ''}\0"  # `claim_id`'s key before the claim's own parts
    for r in records:
        if anchors:
            start = article.to_text_offset(r["start"])
            end = article.to_text_offset(r["end"])
            sentence_start = article.to_text_offset(r["sentence_start"])
        else:  # body offsets are text offsets
            start, end, sentence_start = r["start"], r["end"], r["sentence_start"]
            r["text"] = text[start:end]
        line = bisect.bisect_right(starts, start)
        sentence = r["sentence"]
        found = names.get(sentence, names)
        if found is names:
            found = names[sentence] = entities(sentence)
        r["start"], r["end"], r["sentence_start"] = start, end, sentence_start
        r["line"], r["col"] = base + line, start - starts[line - 1] + 1
        r["path"], r["outlet"], r["published"], r["lang"] = path, outlet, published, lang
        r["article"], r["article_id"], r["entities"] = key, article_id, found
        r["claim_id"] = hashlib.sha1(f"{id_prefix}{r['kind']}\0{start}\0{end}\0{r['text']}".encode()
                                     ).hexdigest()[:16]
    return records


def frame_from_records(records: Iterable[dict], sort: bool = True, final: bool = True) -> pd.DataFrame:
    """A claims frame with the contract's columns and dtypes from claim records.

    Text columns hold Python strings (None where missing); equal strings share one object,
    so an archive's claims cost a pointer a cell rather than a string a cell. A part of a
    run (`final=False`) keeps its text in Arrow buffers instead, off the Python heap, until
    `concat_frames` joins the parts: the records' strings are then freed for good and the
    frame's strings are made at once, not scattered over memory that extraction used.
    """
    df = pd.DataFrame.from_records(list(records), columns=CLAIM_COLUMNS + INTERNAL_COLUMNS)
    for c in _FLOAT:
        df[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
    for c in _INT:
        df[c] = pd.to_numeric(df[c], errors="coerce").astype("Int64")
    df["weekday"] = pd.to_numeric(df["weekday"], errors="coerce").astype("Int64")
    for c in _text_columns(df):
        df[c] = shared_objects(df[c]) if final else _packed(df[c])
    return sort_claims(df) if sort else df


def records_table(records: list[dict]):
    """Claim records as an Arrow table with the frame's column types (`pyarrow.Table`): a
    worker sends this rather than the records, as it is a fraction of the work to pickle, to
    unpickle and to turn into a frame. The records themselves when a value does not fit its
    column's type (`frame_from_parts` takes either)."""
    import pyarrow as pa
    try:
        return pa.Table.from_pylist(records, schema=_arrow_schema())
    except (pa.ArrowException, TypeError, ValueError, OverflowError):
        return records


@functools.lru_cache(maxsize=1)
def _arrow_schema():
    import pyarrow as pa

    def kind(column: str):
        if column in _FLOAT:
            return pa.float64()
        return pa.int64() if column in _INT + ["weekday"] else pa.string()
    return pa.schema([(c, kind(c)) for c in CLAIM_COLUMNS + INTERNAL_COLUMNS])


def frame_from_parts(parts: list) -> pd.DataFrame:
    """A part of a run's frame, as `frame_from_records(final=False)` makes it, from
    `records_table` results (Arrow tables or lists of records); its rows are in no particular
    order (`concat_frames` sorts the run)."""
    tables = [p for p in parts if not isinstance(p, list)]
    records = [r for p in parts if isinstance(p, list) for r in p]
    frames = []
    if tables:
        import pyarrow as pa
        table = pa.concat_tables(tables)
        frames.append(table.to_pandas(types_mapper=_pandas_types().get))
    if records or not frames:
        frames.append(frame_from_records(records, sort=False, final=False))
    return frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)


@functools.lru_cache(maxsize=1)
def _pandas_types() -> dict:
    import pyarrow as pa
    return {pa.string(): pd.StringDtype("pyarrow", na_value=np.nan), pa.int64(): pd.Int64Dtype()}


def _text_columns(df: pd.DataFrame) -> list[str]:
    return [c for c in df.columns if c not in _FLOAT + _INT + ["weekday"]]


def _packed(column: pd.Series) -> pd.Series:
    """Text in an Arrow string array (`None` for missing), or the column as it is when it
    holds something else than strings."""
    try:
        return column.astype(pd.StringDtype("pyarrow", na_value=np.nan))
    except (TypeError, ValueError):
        return column.astype(object)


def shared_objects(column: pd.Series) -> pd.Series:
    """An object column of `column`'s values with None for missing ones and one object per
    distinct value (pandas 3 would otherwise make a new str for every cell)."""
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    values = np.empty(len(uniques) + 1, dtype=object)
    try:
        values[:-1] = np.asarray(uniques, dtype=object)  # not list(): Arrow arrays iterate slowly
    except ValueError:  # values that numpy would read as rows (tuples)
        values[:-1] = list(uniques)
    values[-1] = None
    return pd.Series(values[codes], index=column.index, name=column.name, dtype=object)


def sort_claims(df: pd.DataFrame) -> pd.DataFrame:
    """Claims in the run's stable order: by file, article, offset and kind."""
    return df.sort_values(["path", "article", "start", "end", "kind"], kind="stable").reset_index(drop=True)


def concat_frames(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Parts of a run (`frame_from_records(final=False)`) joined into one sorted frame."""
    if not frames:
        return frame_from_records([])
    df = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    frames.clear()
    df = sort_claims(df)
    for c in _text_columns(df):
        df[c] = shared_objects(df[c])
    release_freed_memory()
    return df


def release_freed_memory() -> None:
    """Hand back to the system the memory that allocators keep after it is freed: Arrow's
    pool (the parts' text, pandas' string operations) and the C library's free lists (the
    claims received from workers are unpickled in another thread, whose arena glibc does not
    trim by itself): hundreds of megabytes at 100,000 articles."""
    import pyarrow
    pyarrow.default_memory_pool().release_unused()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.lru_cache(maxsize=1)
def _malloc_trim():
    """glibc's `malloc_trim`, or None on other C libraries and systems."""
    import ctypes
    try:  # the process's own symbols: no `find_library`, which runs a subprocess
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError, TypeError):
        return None


def claims_frame(articles: Iterable[Article], gazetteer: Gazetteer | None = None) -> pd.DataFrame:
    """Every claim of every article, one row a claim (the public claims frame)."""
    records: list[dict] = []
    for article in articles:
        records.extend(article_records(article, gazetteer))
    return frame_from_records(records)


def public(df: pd.DataFrame) -> pd.DataFrame:
    """Only the contract's columns, in the contract's order."""
    return df[CLAIM_COLUMNS]
