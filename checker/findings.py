"""Findings: what a rule reports, and the findings contract of DESIGN.md.

A finding points at one place of one target article (`path`, `line`, `col`, `start`, `end`)
and carries the claims it involves, each with the claims-frame contract fields. `related`
holds claims of other articles that explain the finding (the 1,500 another outlet credits to
NIS); they are printed under the finding but are not part of what it flags, so a scorer that
reads `claims` never mistakes them for flagged claims.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

SCHEMA_VERSION = "1.2"  # 1.1: claims carry `source_via`; 1.2: `notices`

# The claims-frame contract (DESIGN.md): the only claim fields a finding exposes.
CLAIM_FIELDS: tuple[str, ...] = (
    "claim_id", "path", "outlet", "published", "lang", "kind", "start", "end", "line", "col",
    "text", "sentence", "value", "value_min", "value_max", "qualifier", "unit", "subject",
    "subject_key", "date_start", "date_end", "source", "source_text", "cue", "source_via",
)
INT_FIELDS = frozenset({"start", "end", "line", "col"})
FLOAT_FIELDS = frozenset({"value", "value_min", "value_max"})

# Lowest to highest: a finding "reaches" a threshold when its rank is at least the threshold's.
SEVERITIES: tuple[str, ...] = ("info", "warning", "error")

FINDING_FIELDS: tuple[str, ...] = (
    "rule", "type", "severity", "message", "path", "line", "col", "start", "end", "claims",
    "related",
)


def severity_rank(severity: str) -> int:
    """Rank of a severity: info 0, warning 1, error 2; ValueError for anything else."""
    try:
        return SEVERITIES.index(severity)
    except ValueError:
        raise ValueError(f"unknown severity {severity!r}; valid: {', '.join(SEVERITIES)}") from None


def reaches(severity: str, threshold: str) -> bool:
    """True when a finding of `severity` is at least as severe as `threshold`."""
    return severity_rank(severity) >= severity_rank(threshold)


def _plain(value: Any) -> Any:
    """A JSON-ready Python value: NaN/NA become None, numpy scalars become int/float/str."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):  # lists and arrays are not missing values
        pass
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return _plain(value.item())
    return value


class ClaimRecord(Mapping):
    """A claim's contract fields (`CLAIM_FIELDS`), JSON-ready, read like a dict: a tuple of
    values rather than a dict of them (a quarter of the memory: a run over an archive holds
    hundreds of thousands of findings), made once and shared by every finding that lists
    the claim."""

    __slots__ = ("_values",)
    _INDEX = {name: i for i, name in enumerate(CLAIM_FIELDS)}

    def __init__(self, values: tuple) -> None:
        self._values = values

    @classmethod
    def from_plain(cls, record: Mapping[str, Any]) -> ClaimRecord:
        """A record from one that is already JSON-ready (as `Finding.to_record` wrote it)."""
        return cls(tuple(record.get(name) for name in CLAIM_FIELDS))

    def __getitem__(self, name: str) -> Any:
        return self._values[self._INDEX[name]]

    def __iter__(self):
        return iter(CLAIM_FIELDS)

    def __len__(self) -> int:
        return len(CLAIM_FIELDS)

    def __repr__(self) -> str:
        return repr(dict(self))


def credited_to(claim: Mapping[str, Any]) -> str | None:
    """Who a claim is credited to, as readers are shown it: the origin and its relay
    (`CaixaBank via Bloomberg`), else the source (or, unnormalised, as written), else None."""
    source = _plain(claim.get("source")) or _plain(claim.get("source_text"))
    via = _plain(claim.get("source_via"))
    if source and via and via != source:
        return f"{source} via {via}"
    return source or None


def claim_record(claim: Mapping[str, Any]) -> ClaimRecord:
    """The contract fields of one claim (a frame row or a mapping), JSON-ready."""
    if isinstance(claim, ClaimRecord):
        return claim
    values = []
    for name in CLAIM_FIELDS:
        value = claim.get(name)
        kind = type(value)
        if kind is str or value is None:  # most fields: no test needed
            values.append(value)
            continue
        if kind is float:
            value = None if value != value else value
        else:
            value = _plain(value)
        if value is not None and name in INT_FIELDS:
            value = int(value)
        elif value is not None and name in FLOAT_FIELDS:
            value = float(value)
        values.append(value)
    return ClaimRecord(tuple(values))


@dataclass(frozen=True)
class Finding:
    """One problem a rule found, located at a claim (or a name) of a target article."""

    rule: str
    type: str
    severity: str
    message: str
    path: str
    line: int
    col: int
    start: int
    end: int
    claims: list[dict[str, Any]] = field(default_factory=list)
    related: list[dict[str, Any]] = field(default_factory=list)

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.col, self.rule, self.message)

    def to_record(self) -> dict[str, Any]:
        """The finding as the JSON contract: plain Python values only."""
        return {
            "rule": self.rule,
            "type": self.type,
            "severity": self.severity,
            "message": self.message,
            "path": self.path,
            "line": int(self.line),
            "col": int(self.col),
            "start": int(self.start),
            "end": int(self.end),
            "claims": [dict(claim_record(c)) for c in self.claims],
            "related": [dict(claim_record(c)) for c in self.related],
        }


def finding_at(claim: Mapping[str, Any], *, rule: str, type: str, severity: str, message: str,
               claims: Iterable[Mapping[str, Any]] | None = None,
               related: Iterable[Mapping[str, Any]] = ()) -> Finding:
    """A finding located at `claim`'s span; `claims` defaults to that claim alone."""
    involved = [claim] if claims is None else list(claims)
    return Finding(
        rule=rule, type=type, severity=severity, message=message,
        path=str(claim.get("path")), line=int(claim.get("line")), col=int(claim.get("col")),
        start=int(claim.get("start")), end=int(claim.get("end")),
        claims=[claim_record(c) for c in involved],
        related=[claim_record(c) for c in related],
    )


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Findings in a deterministic order (path, line, col, rule, message), duplicates dropped."""
    unique: dict[tuple, Finding] = {}
    for f in findings:
        unique.setdefault((f.rule, f.path, f.start, f.end, f.message), f)
    return sorted(unique.values(), key=lambda f: f.sort_key)


def to_records(findings: Iterable[Finding]) -> list[dict[str, Any]]:
    """Findings as the JSON contract of DESIGN.md: a list of plain dicts."""
    return [f.to_record() for f in findings]


def findings_frame(findings: Iterable[Finding]) -> pd.DataFrame:
    """One row per finding, columns as the contract (`claims`/`related` hold lists of dicts)."""
    return pd.DataFrame(to_records(findings), columns=list(FINDING_FIELDS))


def severity_counts(findings: Iterable[Finding]) -> dict[str, int]:
    """How many findings of each severity, highest first: {'error': n, 'warning': n, 'info': n}."""
    counts = {s: 0 for s in reversed(SEVERITIES)}
    for f in findings:
        counts[f.severity] += 1
    return counts
