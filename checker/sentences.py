"""Sentence boundaries with offsets, so every claim knows the sentence it stands in."""
from __future__ import annotations

import re

from checker.language import Language, fold

# a run of sentence-final punctuation and closing quotes, then space; or a blank line
_BOUNDARY = re.compile(r"[.!?…]+[\"”»’')\]]*(?=\s)|\n[ \t\r\u00a0]*\n")
_NEXT_START = re.compile(r"\s*[\"“«‘(\[]?\s*(?:[^\W\d_]|\d)")
_INITIAL = re.compile(r"(?<![\w.])[^\W\d_]\.$")


def split_sentences(body: str, lang: Language) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `body`, in order, without surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    start = 0
    abbreviation = lang.re["abbreviation"]
    for m in _BOUNDARY.finditer(body):
        end = m.end()
        if m.group().startswith("."):
            before = body[max(0, m.start() - 14):m.start() + 1]
            if abbreviation.search(fold(before)) or _INITIAL.search(before):
                continue
            nxt = _NEXT_START.match(body, end)
            if nxt and nxt.group()[-1].islower():
                continue
        _add(body, start, end, spans)
        start = end
    _add(body, start, len(body), spans)
    return spans


def _add(body: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
