"""JSON output: one object with a schema version, the findings, the failed inputs and a summary.

    {
      "schema_version": "1.2",
      "findings": [ {"rule", "type", "severity", "message", "path", "line", "col",
                     "start", "end", "claims": [claim, ...], "related": [claim, ...]}, ... ],
      "failures": [ {"path", "line", "message"}, ... ],
      "notices": [ {"path", "line", "message"}, ... ],
      "summary": {"findings": 3, "error": 1, "warning": 2, "info": 0, "files": 2, "failures": 0}
    }

Each finding follows the findings contract of DESIGN.md; `claims` are the claims it flags and
`related` the claims of other articles it was compared with (not flagged), both with the
claims-frame contract fields. `notices` are files that were checked with a caveat ("partial: no
language data for 'nl'; figures only"); they are not failures and do not change the exit code. DESIGN.md describes the output as an array of findings: readers
of that shape take the `findings` member (the scorer accepts either).
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from checker.findings import SCHEMA_VERSION, Finding, severity_counts, to_records


def failure_record(failure: Any) -> dict[str, Any]:
    """A failed input (anything with path, line and message) as a plain dict."""
    line = getattr(failure, "line", None)
    return {"path": str(getattr(failure, "path", "")), "line": int(line) if line else None,
            "message": str(getattr(failure, "message", failure))}


def document(findings: Iterable[Finding], failures: Iterable[Any] = (),
             notices: Iterable[Any] = ()) -> dict[str, Any]:
    """The output object, before serialisation."""
    findings = list(findings)
    failed = [failure_record(f) for f in failures]
    return {"schema_version": SCHEMA_VERSION, "findings": to_records(findings),
            "failures": failed, "notices": [failure_record(n) for n in notices],
            "summary": summary(findings, failed)}


def summary(findings: list[Finding], failed: list) -> dict[str, int]:
    """Counts of findings (by severity), files with findings and failed inputs."""
    return {"findings": len(findings), **severity_counts(findings),
            "files": len({f.path for f in findings}), "failures": len(failed)}


def render(findings: Iterable[Finding], failures: Iterable[Any] = (),
           notices: Iterable[Any] = ()) -> str:
    """The output object as indented JSON (UTF-8 text kept as written)."""
    return "".join(chunks(findings, failures, notices))


def chunks(findings: Iterable[Finding], failures: Iterable[Any] = (),
           notices: Iterable[Any] = ()) -> Iterator[str]:
    """`render`'s text a finding at a time, so a run with a hundred thousand findings is
    written without holding its whole JSON in memory."""
    findings = list(findings)
    doc = document([], failures, notices)
    doc["summary"] = summary(findings, doc["failures"])
    head, tail = json.dumps(doc, ensure_ascii=False, indent=2).split('"findings": []', 1)
    yield head + '"findings": '
    if not findings:
        yield "[]"
    for i, finding in enumerate(findings):
        text = json.dumps(finding.to_record(), ensure_ascii=False, indent=2).replace("\n", "\n    ")
        yield ("[\n    " if i == 0 else ",\n    ") + text
    if findings:
        yield "\n  ]"
    yield tail
