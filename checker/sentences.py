"""Sentence boundaries with offsets, so every claim knows the sentence it stands in."""
from __future__ import annotations

import re

from checker.language import Language

# a run of sentence-final punctuation and closing quotes, then space; or a blank line. A match
# starts only at the first mark of a run (a run of 10,000 dots is read once, not 10,000 times)
# Written `(?<![.!?…])[.!?…]+[\"”»’')\]]*(?=\s)|\n[ \t\r\u00a0]*\n` with the first character
# taken out in front (and the look-behind looking one character further back), so the scan
# jumps between candidate characters instead of trying every position.
_BOUNDARY = re.compile(r"[.!?…\n](?:(?<=[.!?…])(?<![.!?…][.!?…])[.!?…]*[\"”»’')\]]*(?=\s)"
                       r"|(?<=\n)[ \t\r\u00a0]*\n)")
# spaces, an optional opening quote and spaces: never two `\s*` side by side, which would try
# every split of a long run of spaces
_NEXT_START = re.compile(r"\s*(?:[\"“«‘(\[]\s*)?(?:[^\W\d_]|\d)")
_INITIAL = re.compile(r"(?<![\w./])[^\W\d_]\.$")  # "J.", but not the "h." of "km/h."
# the longest sentence kept whole (news sentences stay under 1,000 characters); a longer run
# of text without a sentence end (a table, a scraped page) is cut at a space
MAX_SENTENCE = 2_000
_LAST_SPACE = re.compile(r"\s\S*\Z")  # the last space of a search window


def split_sentences(body: str, lang: Language) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `body`, in order, without surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    start = 0
    abbreviation = lang.re["abbreviation_end"]  # lang.re["abbreviation"], on the text reversed
    for end in _boundaries(body, abbreviation):
        piece = body[start:end]  # stripped by str methods, not by a loop over characters
        kept = piece.lstrip()
        s = end - len(kept)
        e = s + len(kept.rstrip())
        if e - s > MAX_SENTENCE:
            _add(body, start, end, spans)
        elif e > s:
            spans.append((s, e))
        start = end
    return spans


def _boundaries(body: str, abbreviation: re.Pattern) -> list[int]:
    """Where each sentence ends (its punctuation included), and the end of `body`."""
    ends = []
    for m in _BOUNDARY.finditer(body):
        dot = m.start()
        if body[dot] == ".":
            before = body[dot - 14 if dot > 14 else 0:dot + 1]
            # `before` ends with the dot: the abbreviation it ends with is matched at the start
            # of it reversed (lower-cased: the pattern takes any apostrophe, as `fold` would
            # give it), and an initial (`J.`) can only be its last two characters
            if abbreviation.match(before.lower()[::-1]) or _INITIAL.match(before, max(0, len(before) - 2)):
                continue
            nxt = _NEXT_START.match(body, m.end())
            if nxt and nxt.group()[-1].islower():
                continue
        ends.append(m.end())
    ends.append(len(body))
    return ends


def _add(body: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    piece = body[start:end]  # stripped by str methods, not by a loop over characters
    kept = piece.lstrip()
    start += len(piece) - len(kept)
    end = start + len(kept.rstrip())
    while end - start > MAX_SENTENCE:  # not a sentence: cut, so per-sentence work stays bounded
        cut = _cut(body, start)
        _add(body, start, cut, spans)
        start = cut
        while start < end and body[start].isspace():
            start += 1
    if end > start:
        spans.append((start, end))


def _cut(body: str, start: int) -> int:
    """Where to cut an over-long sentence: its last space before MAX_SENTENCE, else there."""
    m = _LAST_SPACE.search(body, start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
    return m.start() if m else start + MAX_SENTENCE
