"""JSON Lines feeds: one JSON object an article, one Article a line.

Each record needs a text field (`text`, or an alias such as `body`/`content`); metadata keys use
the same aliases as front matter. An Article's `text` and `body` are the record's text and its
`line_base` is the record's line - 1, so a claim's line is the feed line (plus any line breaks
inside the text) and its column is the offset within the text field, not within the JSON line.
A bad record becomes one Failure for its line; the other lines are still read.
"""
from __future__ import annotations

from typing import Any

from ..article import Article, Failure
from ..jsontext import JSONTextError, loads
from .frontmatter import Defaults, MetadataError, extract_metadata, make_article, unpaired_surrogate

__all__ = ["read_jsonl"]

_JSON_TYPES = {dict: "an object", list: "an array", str: "a string", int: "a number", float: "a number",
               bool: "a boolean", type(None): "null"}


def _kind(value: Any) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _read_record(path: str, lineno: int, line: str, defaults: Defaults) -> Article | Failure:
    try:
        record = loads(line)
    except JSONTextError as e:
        return Failure(path, lineno, f"invalid JSON: {e.msg}" + (f" (column {e.column})" if e.column else ""))
    if not isinstance(record, dict):
        return Failure(path, lineno, f"expected a JSON object, got {_kind(record)}")
    problem = unpaired_surrogate(record)
    if problem:
        return Failure(path, lineno, f"invalid JSON: {problem}")
    text_keys = defaults.keys_for("text")
    by_lower = {str(k).lower(): k for k in reversed(list(record))}
    text_key = next((by_lower[k.lower()] for k in text_keys if k.lower() in by_lower), None)
    if text_key is None:
        accepted = ", ".join(f'"{k}"' for k in text_keys[1:])
        return Failure(path, lineno, f'missing "text" (the article text; also accepted: {accepted})')
    text = record[text_key]
    if not isinstance(text, str):
        return Failure(path, lineno, f'"{text_key}" must be a string, not {_kind(text)}')
    fields = {str(k): v for k, v in record.items()}
    lines = {k: lineno for k in fields}
    try:
        md = extract_metadata(fields, lines, defaults, origin="record", skip=(str(text_key),))
    except MetadataError as e:
        return Failure(path, lineno, e.message)
    return make_article(path, text, text, md, defaults, id=f"line {lineno}", line_base=lineno - 1, line=lineno)


def read_jsonl(path: str, text: str, defaults: Defaults, first_line: int = 1
               ) -> tuple[list[Article], list[Failure]]:
    """Read a decoded JSON Lines file, or the part of one that starts at line `first_line`:
    one Article per good record, one Failure per bad one."""
    articles: list[Article] = []
    failures: list[Failure] = []
    for lineno, line in enumerate(text.split("\n"), start=first_line):
        if not line.strip():
            continue
        try:
            result = _read_record(path, lineno, line.rstrip("\r"), defaults)
        except Exception as e:  # a bug met in one record must not lose the others
            result = Failure.internal(path, "reading this record", e, line=lineno)
        if isinstance(result, Article):
            articles.append(result)
        else:
            failures.append(result)
    if not articles and not failures and first_line == 1:
        failures.append(Failure(path, None, "empty file: no JSON records"))
    return articles, failures
