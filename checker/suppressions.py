"""Inline suppressions: HTML comments in an article that silence findings, and stale ones.

In Markdown and HTML articles (the comments are invisible when the article is rendered):

    <!-- checker: disable=contradicting-figures reason="the wire corrected itself" -->
    ... findings of that rule from here on are dropped ...
    <!-- checker: enable=contradicting-figures -->

    <!-- checker: ignore-next-line unsourced-figure -->
    The next non-blank line: its findings of that rule are dropped.

RULE is a rule id, a rule type, a comma-separated list of them, or `all`; a bare `disable`,
`enable` or `ignore-next-line` means `all`. A `disable` without an `enable` runs to the end
of the file. `reason="…"` (or `'…'`) is optional and kept for the reader. A finding is
matched by the line and column it points at, so a region starts at its comment, even in the
middle of a line.

A suppression that silences nothing is itself reported, as a finding of the rule
`unused-suppression` (a warning), so that stale ones do not pile up: a disabled rule that
never fires in its region, an `enable` with nothing to close, an unknown rule name (with a
suggestion), or a comment that starts with `checker:` but cannot be read. Names of rules
that did not run (left out by `--select`) are not reported as unused.

Everything here is pure: `parse` reads an article's text, `apply` filters findings.
"""
from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from checker.findings import Finding

RULE_ID = "unused-suppression"
RULE_TYPE = "suppression"
SEVERITY = "warning"
ALL = "all"
KINDS = ("disable", "enable", "ignore-next-line")

DESCRIPTION = ("A `<!-- checker: … -->` comment that silences nothing: no finding of the rule "
               "it names falls in its region or on its next line, it names no known rule, or "
               "it cannot be read. Remove it, or fix it, so that stale suppressions do not pile "
               "up and hide future findings.")

PREFIX = re.compile(r"\s*checker\s*:")
KIND = re.compile(r"\s*([A-Za-z][\w-]*)")
REASON = re.compile(r"""\breason\s*=\s*(?:"([^"]*)"|'([^']*)')\s*\Z""")
NAMES = re.compile(r"[\w.-]+(?:[\s,]+[\w.-]+)*")

Position = tuple[int, int]  # (line, col), 1-based, compared in reading order


@dataclass(frozen=True)
class RuleInfo:
    """What output formats need to describe the `unused-suppression` rule (SARIF rules)."""

    id: str = RULE_ID
    type: str = RULE_TYPE
    severity: str = SEVERITY
    description: str = DESCRIPTION


RULE = RuleInfo()


@dataclass(frozen=True)
class Comment:
    """Where a `<!-- checker: … -->` comment is: offsets in the text and line:col."""

    start: int
    end: int
    line: int
    col: int
    source: str  # the comment as written, on one line


@dataclass(frozen=True)
class Suppression:
    """Findings of `rules` between `begin` (inclusive) and `until` (exclusive) are dropped."""

    kind: str  # disable | ignore-next-line
    rules: tuple[str, ...]
    begin: Position
    until: Position | None  # None: to the end of the file
    comment: Comment
    reason: str | None = None

    def covers(self, finding: Finding) -> bool:
        at = (finding.line, finding.col)
        return self.begin <= at and (self.until is None or at < self.until)


@dataclass(frozen=True)
class Problem:
    """A directive that suppresses nothing because of how it is written."""

    comment: Comment
    message: str


@dataclass
class Parsed:
    """The suppressions of one article and the directives that could not be used."""

    suppressions: list[Suppression] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class _Lines:
    """Line and column of increasing offsets in a text, counted incrementally (linear time)."""

    def __init__(self, text: str, line_base: int = 0) -> None:
        self.text, self.offset, self.line, self.line_start = text, 0, line_base + 1, 0

    def at(self, offset: int) -> Position:
        nl = self.text.rfind("\n", self.offset, offset)
        if nl >= 0:
            self.line += self.text.count("\n", self.offset, offset)
            self.line_start = nl + 1
        self.offset = offset
        return self.line, offset - self.line_start + 1


def _next_line(text: str, nl: int, line: int) -> int | None:
    """The number of the first non-blank line after line `line`, which ends at offset `nl`."""
    while nl >= 0:
        line += 1
        start = nl + 1
        nl = text.find("\n", start)
        if text[start: len(text) if nl < 0 else nl].strip():
            return line
    return None


def directive(body: str) -> tuple[str, tuple[str, ...], str | None] | None:
    """(kind, rule names, reason) of a comment's body after `checker:`; None if unreadable.

    Read piece by piece with simple patterns, so that no input makes the matching slow.
    """
    kind = KIND.match(body)
    if not kind:
        return None
    rest = body[kind.end():]
    reason = REASON.search(rest)
    if reason:
        rest = rest[:reason.start()]
    rest = rest.strip()
    if rest.startswith("="):
        rest = rest[1:].strip()
    if rest and not NAMES.fullmatch(rest):
        return None
    names = tuple(n for n in re.split(r"[\s,]+", rest) if n) or (ALL,)
    why = None if not reason else (reason.group(1) if reason.group(1) is not None else reason.group(2))
    return kind.group(1).lower(), names, why


def comments(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, body after `checker:`) of each `<!-- checker: … -->`, in one pass."""
    pos = 0
    while (start := text.find("<!--", pos)) >= 0:
        close = text.find("-->", start + 4)
        if close < 0:
            return
        body = text[start + 4:close]
        prefix = PREFIX.match(body)
        if prefix:
            yield start, close + 3, body[prefix.end():]
        pos = close + 3


def parse(text: str, line_base: int = 0) -> Parsed:
    """The suppression comments of an article's text (the file as written)."""
    parsed = Parsed()
    open_regions: dict[str, tuple[Position, Comment, str | None]] = {}
    lines = _Lines(text, line_base)
    line_end, target = -1, None  # where the last ignore-next-line's line ends, and its target
    for start, end, body in comments(text):
        line, col = lines.at(start)
        comment = Comment(start, end, line, col, " ".join(text[start:end].split()))
        read = directive(body)
        kind, rules, reason = read if read else ("", (), None)
        if kind not in KINDS:
            hint = difflib.get_close_matches(kind, KINDS, n=1) if kind else []
            parsed.problems.append(Problem(comment, "cannot read this checker comment"
                                           + (f" (did you mean '{hint[0]}'?)" if hint else
                                              f" (expected one of: {', '.join(KINDS)})")))
            continue
        here = (line, col)
        if kind == "disable":
            for name in rules:
                if name in open_regions:  # disabled twice: the first region runs on
                    parsed.problems.append(Problem(comment, f"'{name}' is already disabled at "
                                                            f"line {open_regions[name][1].line}"))
                    continue
                open_regions[name] = (here, comment, reason)
        elif kind == "enable":
            named = dict.fromkeys(rules)  # `enable=x,x` closes x once
            closing = list(open_regions) if ALL in named else [n for n in named if n in open_regions]
            for name in closing:
                begin, opened_by, why = open_regions.pop(name)
                parsed.suppressions.append(Suppression("disable", (name,), begin, here, opened_by, why))
            if not closing:
                parsed.problems.append(Problem(comment, f"'enable={','.join(rules)}' closes no "
                                                        "'disable' above it"))
        else:
            if end > line_end:  # comments on one line share the line after it
                line_end = text.find("\n", end)
                target = _next_line(text, line_end, line + text.count("\n", start, end))
                line_end = len(text) if line_end < 0 else line_end
            if target is None:
                parsed.problems.append(Problem(comment, "'ignore-next-line' has no line after it"))
                continue
            parsed.suppressions.append(Suppression(kind, rules, (target, 1), (target + 1, 1),
                                                   comment, reason))
    for name, (begin, comment, why) in open_regions.items():
        parsed.suppressions.append(Suppression("disable", (name,), begin, None, comment, why))
    parsed.suppressions.sort(key=lambda s: (s.comment.start, s.rules))
    return parsed


def _matches(name: str, finding: Finding) -> bool:
    return name == ALL or name == finding.rule or name == finding.type


@dataclass(frozen=True)
class _Index:
    """A file's suppressions by where they apply, so a finding is matched with a few look-ups
    instead of against every suppression of its file: `disable` regions by rule name (one
    name's regions never overlap: a name cannot be disabled twice at once), sorted by start;
    `ignore-next-line` by the line it covers."""

    suppressions: list[Suppression]
    regions: dict[str, tuple[list[Position], list[int]]]  # name -> (starts, suppression numbers)
    lines: dict[int, list[int]]

    @classmethod
    def of(cls, suppressions: list[Suppression]) -> _Index:
        regions: dict[str, tuple[list[Position], list[int]]] = {}
        lines: dict[int, list[int]] = {}
        for i, s in enumerate(suppressions):
            if s.kind == "ignore-next-line":
                lines.setdefault(s.begin[0], []).append(i)
            else:
                starts, numbers = regions.setdefault(s.rules[0], ([], []))
                starts.append(s.begin)
                numbers.append(i)
        for starts, numbers in regions.values():
            order = sorted(range(len(starts)), key=starts.__getitem__)
            starts[:] = [starts[k] for k in order]
            numbers[:] = [numbers[k] for k in order]
        return cls(suppressions, regions, lines)

    def first(self, finding: Finding) -> tuple[int, str] | None:
        """(id of the suppression, the name it matched by) of the first suppression in file
        order that silences `finding`, or None."""
        at = (finding.line, finding.col)
        candidates = list(self.lines.get(finding.line, ()))
        for name in {ALL, finding.rule, finding.type}:
            starts, numbers = self.regions.get(name, ((), ()))
            k = bisect.bisect_right(starts, at) - 1
            if k >= 0:
                candidates.append(numbers[k])
        for i in sorted(candidates):
            s = self.suppressions[i]
            name = next((n for n in s.rules if _matches(n, finding)), None)
            if name is not None and s.covers(finding):
                return id(s), name
        return None


def report(path: str, comment: Comment, message: str) -> Finding:
    """An `unused-suppression` finding at a comment."""
    return Finding(rule=RULE_ID, type=RULE_TYPE, severity=SEVERITY, message=message,
                   path=path, line=comment.line, col=comment.col, start=comment.start,
                   end=comment.end)


def _describe(s: Suppression, name: str) -> str:
    return f"'{s.kind}={name}'" if s.kind == "ignore-next-line" else f"'disable={name}'"


def apply(findings: Iterable[Finding], parsed: Mapping[str, Parsed], *,
          known: Iterable[str] = (), active: Iterable[str] | None = None
          ) -> tuple[list[Finding], list[Finding], list[Finding]]:
    """Split findings by the suppressions of their files: (kept, suppressed, reports).

    `parsed` maps a path to its article's suppressions. `known` are the rule ids and types
    that exist (an unknown name is reported with a suggestion when `known` is given);
    `active` those that ran (None: all of them): a name that did not run is never unused.
    `reports` are the `unused-suppression` findings, in file order.
    """
    known = set(known)
    active_names = None if active is None else set(active)
    used: set[tuple[int, str]] = set()
    kept: list[Finding] = []
    suppressed: list[Finding] = []
    indexes: dict[str, _Index] = {}
    for finding in findings:
        found = parsed.get(finding.path)
        index = None if found is None else indexes.get(finding.path)
        if found is not None and index is None:
            index = indexes[finding.path] = _Index.of(found.suppressions)
        hit = index.first(finding) if index is not None else None
        if hit is None:
            kept.append(finding)
        else:
            used.add(hit)
            suppressed.append(finding)
    reports: list[Finding] = []
    for path, found in parsed.items():
        for problem in found.problems:
            reports.append(report(path, problem.comment,
                                  f"unused suppression: {problem.message}: {problem.comment.source}"))
        for s in found.suppressions:
            for name in s.rules:
                if (id(s), name) in used:
                    continue
                if known and name != ALL and name not in known:
                    close = difflib.get_close_matches(name, sorted(known), n=1)
                    hint = f" (did you mean '{close[0]}'?)" if close else ""
                    reports.append(report(path, s.comment, f"unused suppression: unknown rule "
                                                           f"'{name}'{hint}"))
                    continue
                ran = active_names is None or (name == ALL and bool(active_names)) or name in active_names
                if ran:
                    reports.append(report(path, s.comment, f"unused suppression: {_describe(s, name)} "
                                                           "matches no finding"))
    reports.sort(key=lambda f: f.sort_key)
    return kept, suppressed, reports
