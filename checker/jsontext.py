"""JSON from files anyone can write (feeds, front matter, baselines, caches), decoded so that
every way the decoder can fail is one `JSONTextError`, never a traceback.

Besides syntax errors (`json.JSONDecodeError`), Python's decoder raises a bare `ValueError` for an
integer of more than `sys.get_int_max_str_digits()` digits and `RecursionError` for arrays or
objects nested thousands deep: both are a bad input, not a bug.
"""
from __future__ import annotations

import json
import sys
from typing import Any

__all__ = ["JSONTextError", "loads", "raw_decode"]

_DECODER = json.JSONDecoder()


class JSONTextError(ValueError):
    """Why a text is not usable JSON; `line` and `column` are 1-based when known."""

    def __init__(self, msg: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(msg)
        self.msg = msg
        self.line = line
        self.column = column


def _error(e: Exception) -> JSONTextError:
    if isinstance(e, json.JSONDecodeError):
        return JSONTextError(e.msg, e.lineno, e.colno)
    if isinstance(e, RecursionError):
        return JSONTextError("nested too deeply")
    limit = sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else 4300
    return JSONTextError(f"a number has more than {limit:,} digits")


def loads(text: str) -> Any:
    """The value of a JSON document; JSONTextError when it is not one."""
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as e:
        raise _error(e) from None


def raw_decode(text: str) -> tuple[Any, int]:
    """The JSON value at the start of `text` and the offset where it ends (for front matter,
    which is followed by the article); JSONTextError when there is none."""
    try:
        return _DECODER.raw_decode(text, 0)
    except (ValueError, RecursionError) as e:
        raise _error(e) from None
