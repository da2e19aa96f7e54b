"""Text output, the way ruff prints: each finding with the line it is on, then a summary.

The full format (the default) shows where to look, like ruff's: the finding's line, the
source line with a caret under the figure, and every other claim it involves as an indented
`↳` line (its outlet, file and line, the text as written and who it is credited to; claims
that agree with the flagged one, such as the same figure credited elsewhere, say so):

    wire-post.md:13:1: error contradicting-figures 3,000 soldiers contradicts 1,500 (NIS, Daily Ledger)
       |
    13 | Some 3,000 soldiers were moved to Russia.
       | ^^^^^^^^^^^^^^^^^^^
       ↳ Daily Ledger (daily-ledger.md:9): "about 1,500 special forces soldiers" — NIS

    Found 1 finding (1 error) in 1 file.

The concise format (`--output-format concise`) is one line a finding and its related claims,
for grep and editors:

    wire-post.md:13:1: warning unsourced-figure unsourced figure: "Some 3,000 soldiers"
      ↳ Daily Ledger (daily-ledger.md:9): "about 1,500 special forces soldiers" — NIS
    Found 1 finding (1 warning) in 1 file.

With `color=True` the location is bold, the severity coloured (error red, warning yellow,
info blue), carets in the severity's colour and the related lines dimmed; the CLI asks for
colour only when standard output is a terminal and neither `--no-color` nor the `NO_COLOR`
environment variable says no.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import click

from checker.findings import Finding, credited_to, severity_counts
from checker.outputs import safe
from checker.wording import plural

OUTPUT_FORMATS: tuple[str, ...] = ("full", "concise")
SEVERITY_STYLES: dict[str, dict[str, Any]] = {
    "error": {"fg": "red", "bold": True},
    "warning": {"fg": "yellow", "bold": True},
    "info": {"fg": "blue", "bold": True},
}
MAX_COLUMNS = 100  # of a source line shown; a longer one (a paragraph) is cut around the span
MAX_LINES = 3  # of a span shown


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if word == "info" else plural(n, word)


def related_line(claim: Mapping[str, Any], agrees: bool = False) -> str:
    """'  ↳ Outlet (path:line): "text" — source' (or '— unsourced'), ' (agrees)' when it does."""
    path = claim.get("path") or ""
    outlet = claim.get("outlet") or path.rsplit("/", 1)[-1]
    source = credited_to(claim) or "unsourced"
    mark = " (agrees)" if agrees else ""
    return f'  ↳ {outlet} ({path}:{claim.get("line")}): "{claim.get("text")}" — {source}{mark}'


def head_line(finding: Finding, color: bool = False) -> str:
    """`path:line:col: severity rule message`."""
    if not color:
        return (f"{finding.path}:{finding.line}:{finding.col}: {finding.severity} {finding.rule} "
                f"{finding.message}")
    where = click.style(f"{finding.path}:{finding.line}:{finding.col}:", bold=True)
    severity = click.style(finding.severity, **SEVERITY_STYLES.get(finding.severity, {}))
    rule = click.style(finding.rule, fg="cyan")
    return f"{where} {severity} {rule} {finding.message}"


def finding_lines(finding: Finding, color: bool = False) -> list[str]:
    """The concise format: the finding's line and one line per related claim."""
    related = [related_line(c) for c in finding.related]
    return [head_line(finding, color)] + [click.style(r, dim=True) if color else r for r in related]


def other_claims(finding: Finding) -> list[tuple[Mapping[str, Any], bool]]:
    """(claim, agrees) for every claim of a finding besides the flagged one: those it is
    against first, then the related ones (which back the flagged claim), each once."""
    out: dict[Any, tuple[Mapping[str, Any], bool]] = {}
    for claim in finding.claims[1:]:
        out.setdefault(claim.get("claim_id") or id(claim), (claim, False))
    for claim in finding.related:
        out.setdefault(claim.get("claim_id") or id(claim), (claim, True))
    return list(out.values())


# a source line as it can be shown, one character for one so the carets stay under the span:
# a tab as a space, other control characters (C0, DEL, C1: a terminal would obey them) and
# the bidi controls that reorder what is shown (Trojan Source) as U+FFFD
_SHOWN = {code: "\ufffd" for code in (*range(0x20), *range(0x7f, 0xa0), *range(0x202a, 0x202f),
                                      *range(0x2066, 0x206a))} | {0x09: " "}


# no character below U+0300 (where combining marks begin) is a combining mark or wide
_NARROW_BELOW = "\u0300"
_MEASURED_BELOW = 0x3000  # from here on (CJK, emoji) every character is measured


@functools.lru_cache(maxsize=1)
def _marks_and_wide() -> tuple[re.Pattern, re.Pattern]:
    """Patterns of the combining marks and of the wide characters from U+0300 to U+2FFF
    (typographic quotes, dashes and ellipses are there, and are neither)."""
    marks, wide = [], []
    for code in range(0x300, _MEASURED_BELOW):
        ch = chr(code)
        if unicodedata.combining(ch):
            marks.append(ch)
        elif unicodedata.east_asian_width(ch) in "WF":
            wide.append(ch)
    return (re.compile("[" + re.escape("".join(marks)) + "]"),
            re.compile("[" + re.escape("".join(wide)) + "]"))


def _width(text: str) -> int:
    """Terminal columns of `text`: wide characters take two, combining marks none."""
    if not text:
        return 0
    top = max(text)
    if top < _NARROW_BELOW:  # Latin letters, accented or not: one column each
        return len(text)
    if ord(top) < _MEASURED_BELOW:  # “quotes”, dashes, …: counted, not measured one by one
        marks, wide = _marks_and_wide()
        return len(text) - len(marks.findall(text)) + len(wide.findall(text))
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF"
               else 1 for ch in text)


def _window(line: str, lo: int, hi: int) -> tuple[str, int, int]:
    """The part of a long line around the span [lo, hi) (at most MAX_COLUMNS characters, …
    where it is cut) and the span's place in it."""
    if len(line) <= MAX_COLUMNS:
        return line, lo, hi
    first = max(0, min(lo - MAX_COLUMNS // 4, len(line) - MAX_COLUMNS))
    last = first + MAX_COLUMNS
    shown = ("…" if first else "") + line[first:last] + ("…" if last < len(line) else "")
    shift = (1 if first else 0) - first
    return shown, max(lo + shift, 1 if first else 0), min(hi + shift, len(shown))


def source_span(text: str, finding: Finding) -> list[tuple[int, str, int, int]] | None:
    """(line number, line, span start, span end) of each line the finding's span covers
    (at most MAX_LINES), or None when the text does not hold the span where the finding
    says (another file now, or offsets of a JSON Lines record)."""
    start, end = finding.start, max(finding.end, finding.start + 1)
    if not 0 <= start < len(text) or text.count("\n", 0, start) + 1 != finding.line:
        return None
    out = []
    line_start = text.rfind("\n", 0, start) + 1
    number = finding.line
    while line_start < min(end, len(text)) and len(out) < MAX_LINES:
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        line = text[line_start:line_end].rstrip("\r")
        lo, hi = max(start, line_start) - line_start, min(end, line_end) - line_start
        out.append((number, line, lo, max(min(hi, len(line)), lo + 1)))
        line_start, number = line_end + 1, number + 1
    return out


def context_lines(finding: Finding, text: str | None, color: bool = False) -> list[str]:
    """The source lines of a finding with carets under its span, ruff-style:

           |
        14 | Secondo la Prefettura, le fiamme hanno distrutto 37 abitazioni.
           |                                                  ^^^^^^^^^^^^^^
    """
    span = source_span(text, finding) if text is not None else None
    if not span:
        return []
    gutter = " " * len(str(span[-1][0]))
    bar = click.style("|", fg="blue", bold=True) if color else "|"
    out = [f"{gutter} {bar}"]
    for number, line, lo, hi in span:
        shown, lo, hi = _window(line, lo, hi)
        shown = shown.translate(_SHOWN)
        carets = "^" * max(1, _width(shown[lo:hi]))
        if color:
            carets = click.style(carets, **SEVERITY_STYLES.get(finding.severity, {}))
        label = click.style(str(number).rjust(len(gutter)), fg="blue", bold=True) if color \
            else str(number).rjust(len(gutter))
        out.append(f"{label} {bar} {shown}".rstrip())
        out.append(f"{gutter} {bar} {' ' * _width(shown[:lo])}{carets}")
    return out


def full_lines(finding: Finding, text: str | None, color: bool = False) -> list[str]:
    """The full format: the finding's line, its source lines with carets, the other claims."""
    others = [related_line(c, agrees) for c, agrees in other_claims(finding)]
    return ([head_line(finding, color)] + context_lines(finding, text, color)
            + [click.style(r, dim=True) if color else r for r in others])


def summary(findings: list[Finding], failures: Iterable[Any] = ()) -> str:
    """'Found 3 findings (1 error, 2 warnings) in 2 files.' or 'No findings.'"""
    failed = len(list(failures))
    tail = f" {_plural(failed, 'input')} could not be read." if failed else ""
    if not findings:
        return "No findings." + tail
    counts = ", ".join(_plural(n, s) for s, n in severity_counts(findings).items() if n)
    files = len({f.path for f in findings})
    return f"Found {_plural(len(findings), 'finding')} ({counts}) in {_plural(files, 'file')}.{tail}"


def render(findings: Iterable[Finding], failures: Iterable[Any] = (), *, color: bool = False,
           output_format: str = "full", texts: Callable[[str], str | None] | None = None) -> str:
    """All findings, then the summary line; ends without a newline."""
    return "".join(chunks(findings, failures, color=color, output_format=output_format,
                          texts=texts))


def chunks(findings: Iterable[Finding], failures: Iterable[Any] = (), *, color: bool = False,
           output_format: str = "full", texts: Callable[[str], str | None] | None = None,
           ) -> Iterator[str]:
    """`render`'s text a finding at a time (an archive's run has many). `texts(path)` gives a
    file's text for the full format's source lines (None: not shown)."""
    findings = list(findings)
    for f in findings:
        shown = safe.finding(f)
        if output_format == "concise":
            yield "".join(line + "\n" for line in finding_lines(shown, color))
        else:
            text = texts(f.path) if texts else None  # the file as named, not as shown
            yield "".join(line + "\n" for line in full_lines(shown, text, color)) + "\n"
    yield summary(findings, failures)


def color_wanted(no_color: bool, is_terminal: bool, env: Mapping[str, str]) -> bool:
    """Colour only on a terminal, unless `--no-color` or a non-empty NO_COLOR (no-color.org)."""
    return is_terminal and not no_color and not env.get("NO_COLOR")
