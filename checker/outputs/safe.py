"""Text from articles made safe for the places outputs put it: terminals, logs, Markdown and
spreadsheets. Article text, outlet names and even file names are written by whoever proposes
a change, so none of them may drive the reader's terminal or spreadsheet.

- `printable`: control characters (ESC, so no colour, cursor or OSC-8 link sequence; CR, LF,
  so a file name cannot forge an output line) shown as `\\x1b`, `\\n`, …, and the bidi
  controls that reorder what is shown (Trojan Source) as `U+202E`.
- `markdown_text`: every ASCII punctuation character backslash-escaped, so text is text in
  GitHub Markdown: no links, images, HTML or autolinks.
- `spreadsheet_cell`: a cell starting with `=`, `+`, `-`, `@`, a tab or a CR is prefixed with
  `'` (OWASP, CSV injection), so a spreadsheet shows it as text instead of running a formula.
"""
from __future__ import annotations

import dataclasses
import re
import string
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import pandas as pd

from checker.findings import Finding

_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_UNSAFE = re.compile(f"[\\x00-\\x08\\x0a-\\x1f\\x7f-\\x9f{_BIDI}]")
_NAMED = {"\n": "\\n", "\r": "\\r"}
_MARKDOWN = str.maketrans({c: "\\" + c for c in string.punctuation})
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _shown(m: re.Match) -> str:
    ch = m.group()
    if ch in _BIDI:
        return f"U+{ord(ch):04X}"
    return _NAMED.get(ch) or f"\\x{ord(ch):02x}"


def printable(text: str) -> str:
    """`text` with control characters and bidi controls made visible (tabs kept)."""
    return _UNSAFE.sub(_shown, text) if _UNSAFE.search(text) else text


def printable_lines(text: str) -> str:
    """`printable`, line breaks kept: for outputs that escape them (GitHub workflow commands,
    JSON) and where a message of several lines is one entry."""
    return "\n".join(printable(line) for line in text.split("\n"))


class ShownClaim(Mapping):
    """A claim whose texts are made `shown` as they are read: nothing is copied (a finding of
    an archive lists dozens of related claims, of which an output prints a few fields)."""

    __slots__ = ("_claim", "_shown")

    def __init__(self, claim: Mapping[str, Any], shown: Callable[[str], str]) -> None:
        self._claim = claim
        self._shown = shown

    def __getitem__(self, name: str) -> Any:
        value = self._claim[name]
        return self._shown(value) if isinstance(value, str) else value

    def __iter__(self) -> Iterator[str]:
        return iter(self._claim)

    def __len__(self) -> int:
        return len(self._claim)


def finding(f: Finding, shown: Callable[[str], str] = printable) -> Finding:
    """The finding with every text an output prints from it made `shown` (`printable`)."""
    return dataclasses.replace(
        f, rule=shown(f.rule), type=shown(f.type), severity=shown(f.severity),
        message=shown(f.message), path=shown(f.path),
        claims=[ShownClaim(c, shown) for c in f.claims],
        related=[ShownClaim(c, shown) for c in f.related])


def markdown_text(text: str) -> str:
    """`printable` text that GitHub Markdown shows as written (ASCII punctuation escaped)."""
    return printable(text).translate(_MARKDOWN)


def spreadsheet_cell(value: Any) -> Any:
    """A string that a spreadsheet would read as a formula, prefixed with `'`; anything else
    as it is."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def spreadsheet_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with `spreadsheet_cell` applied to its text columns (numbers are left alone:
    -5 is a number, not a formula)."""
    out = frame.copy()
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]):
            out[column] = out[column].map(spreadsheet_cell)
    return out
