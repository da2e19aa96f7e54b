"""The article record every reader produces and every later stage consumes."""
from __future__ import annotations

import bisect
import functools
import re
import traceback
from dataclasses import dataclass, field

_NEWLINE = re.compile("\n")


@functools.lru_cache(maxsize=64)
def line_starts(text: str) -> tuple[int, ...]:
    """The offset where each line of `text` starts, computed once per text."""
    return (0,) + tuple(m.end() for m in _NEWLINE.finditer(text))


def position(starts: tuple[int, ...], offset: int) -> tuple[int, int]:
    """1-based line and column of `offset`, given the text's `line_starts`."""
    line = bisect.bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


@dataclass(frozen=True)
class Article:
    """One article, decoded and normalised once so no later stage sees raw markup.

    `text` is the decoded file text (a UTF-8 BOM removed, line endings kept) that claim
    offsets refer to. `body` is the text the extractor reads: for Markdown and plain text it
    has the same length as `text`, with front matter and markup blanked out by spaces so that
    offsets never shift; for HTML it is the extracted article text, and `anchors` maps body
    offsets back to `text` offsets.
    """

    path: str
    text: str
    body: str
    outlet: str | None = None
    published: str | None = None  # YYYY-MM-DD
    lang: str | None = None
    title: str | None = None
    url: str | None = None
    id: str | None = None
    line_base: int = 0  # lines before `text` in the file (a JSON Lines record's line - 1)
    anchors: tuple[tuple[int, int], ...] = field(default=())  # (body offset, text offset)
    meta: tuple[tuple[str, str], ...] = field(default=())  # other front-matter fields

    def to_text_offset(self, body_offset: int) -> int:
        """Map an offset in `body` to an offset in `text`."""
        if not self.anchors:
            return body_offset
        i = bisect.bisect_right(self.anchors, (body_offset, float("inf"))) - 1
        if i < 0:
            return body_offset
        b, t = self.anchors[i]
        return min(t + (body_offset - b), len(self.text))  # text the parser moved may run past the end

    def line_col(self, text_offset: int) -> tuple[int, int]:
        """1-based line and column in the file of an offset in `text`."""
        line, col = position(line_starts(self.text), text_offset)
        return self.line_base + line, col


@dataclass(frozen=True)
class Failure:
    """An input that could not be checked, with where and why, for the run summary.

    `detail` is the traceback of an internal error (a bug, not a bad input), which the CLI
    prints only with `--debug`. A `skipped` file was left out on purpose (a report this tool
    wrote) and a `notice` was checked with a caveat (no language data for its language): the
    CLI says so, but the run has not failed.
    """

    path: str
    line: int | None
    message: str
    detail: str | None = field(default=None, compare=False, repr=False)
    skipped: bool = False
    notice: bool = False  # checked, with a caveat: "partial: no language data for 'nl'"

    @classmethod
    def internal(cls, path: str, doing: str, error: BaseException, line: int | None = None) -> Failure:
        """A bug met while `doing` something with `path` (at `line`): one line, and the traceback."""
        return cls(path, line, f"internal error while {doing} (please report it): "
                               f"{type(error).__name__}: {error}",
                   "".join(traceback.format_exception(type(error), error, error.__traceback__)))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class NoArticles(ValueError):
    """A path given to read holds no article file: said, never an empty result."""
