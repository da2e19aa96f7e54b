"""reviewdog's Diagnostic JSON Lines (`reviewdog -f=rdjsonl`): one diagnostic a line.

    {"message": "...", "location": {"path": "a.md", "range": {"start": {"line": 13,
     "column": 1}, "end": {"line": 13, "column": 33}}}, "severity": "ERROR",
     "source": {"name": "checker"}, "code": {"value": "contradicting-figures"},
     "related_locations": [{"message": "...", "location": {...}}]}

reviewdog counts columns in UTF-8 bytes (`a€b`: `b` is column 5), so when the file's text is
known the columns are converted from the characters checker counts; the end is exclusive.
Severities: error → ERROR, warning → WARNING, info → INFO.
"""
from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from typing import Any

from checker.findings import Finding, credited_to
from checker.outputs.safe import printable_lines
from checker.outputs.sarif import finding_region, span_region

SEVERITIES = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}


@functools.lru_cache(maxsize=16)
def _lines(text: str) -> list[str]:
    return text.split("\n")


def byte_column(text: str | None, line: int, col: int) -> int:
    """The 1-based UTF-8 byte column of character column `col` on `line` of `text`."""
    if text is None:
        return col
    lines = _lines(text)
    if not 1 <= line <= len(lines):
        return col
    return len(lines[line - 1][: col - 1].encode("utf-8")) + 1


def _range(region: Mapping[str, Any], text: str | None) -> dict[str, Any]:
    return {
        "start": {"line": region["startLine"],
                  "column": byte_column(text, region["startLine"], region["startColumn"])},
        "end": {"line": region["endLine"],
                "column": byte_column(text, region["endLine"], region["endColumn"])},
    }


def _location(path: str, region: Mapping[str, Any], text: str | None) -> dict[str, Any]:
    return {"path": path, "range": _range(region, text)}


def _related(finding: Finding, texts: Mapping[str, str]) -> list[dict[str, Any]]:
    out = []
    for claim in finding.related:
        path = str(claim.get("path") or "")
        if not path or claim.get("line") is None:
            continue
        text = texts.get(path)
        region = span_region(int(claim["line"]), int(claim.get("col") or 1),
                             int(claim.get("start") or 0), int(claim.get("end") or 0),
                             text, claim.get("text"))
        source = credited_to(claim) or "unsourced"
        outlet = claim.get("outlet") or path.rsplit("/", 1)[-1]
        out.append({"message": printable_lines(f'{outlet}: "{claim.get("text")}" — {source}'),
                    "location": _location(path, region, text)})
    return out


def diagnostic(finding: Finding, texts: Mapping[str, str] | None = None) -> dict[str, Any]:
    """One reviewdog Diagnostic."""
    texts = texts or {}
    text = texts.get(finding.path)
    out: dict[str, Any] = {
        "message": printable_lines(finding.message),
        "location": _location(finding.path, finding_region(finding, texts), text),
        "severity": SEVERITIES.get(finding.severity, "WARNING"),
        "source": {"name": "checker"},
        "code": {"value": finding.rule},
    }
    related = _related(finding, texts)
    if related:
        out["related_locations"] = related
    return out


def render(findings: Iterable[Finding], failures: Iterable[Any] = (), *,
           texts: Mapping[str, str] | None = None) -> str:
    """One compact Diagnostic a line (no trailing newline; '' when there is none)."""
    return "\n".join(json.dumps(diagnostic(f, texts), ensure_ascii=False) for f in findings)
