"""SARIF 2.1.0 output, as GitHub code scanning accepts it (`upload-sarif`).

One run. `tool.driver.rules` describes every rule that ran and every rule a result names
(`shortDescription` is the first sentence of the rule's description, `fullDescription` the
description, `help` adds the rule type's documentation), so each result's `ruleId` and
`ruleIndex` point into it. Each result has a full region (`startLine`, `startColumn`,
`endLine`, `endColumn`, end exclusive, columns in Unicode code points as `columnKind`
says), the claims of other articles it was compared with as `relatedLocations`, and
`partialFingerprints` built from the baseline key (rule, file, the flagged claim's text and
sentence, and which occurrence of that key it is), so an alert keeps its identity when
lines are inserted above it. Inputs that could not be checked are error notifications of
the run's invocation, which is then not `executionSuccessful`.

Severities map to levels: error → error, warning → warning, info → note.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import posixpath
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import PurePath
from types import SimpleNamespace
from typing import Any
from urllib.parse import quote

from checker import __version__
from checker.article import line_starts, position
from checker.baseline import finding_key, located_claim
from checker.findings import Finding, credited_to

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT = "checkerFinding/v1"
TOOL_NAME = "checker"


# --- positions --------------------------------------------------------------------------------

@functools.lru_cache(maxsize=32)
def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of an offset of `text`."""
    return position(line_starts(text), offset)


def _matches(text: str, line: int, col: int, start: int, end: int) -> bool:
    """Whether `text` is the file the offsets and line:col were computed on."""
    return 0 <= start <= end <= len(text) and line_col(text, start) == (line, col)


def span_region(line: int, col: int, start: int, end: int, text: str | None = None,
                written: str | None = None) -> dict[str, Any]:
    """The SARIF region of a span: start and (exclusive) end line and column, 1-based.

    The end comes from the file's `text` when it is given and agrees with `line:col`;
    otherwise from the text as `written` (a claim's `text`), else the span's length on the
    start line.
    """
    region: dict[str, Any] = {"startLine": int(line), "startColumn": int(col)}
    if text is not None and _matches(text, line, col, start, end):
        end_line, end_col = line_col(text, end)
        snippet = text[start:end]
    elif written and "\n" in written:
        end_line = line + written.count("\n")
        end_col = len(written) - written.rfind("\n")
        snippet = None
    else:
        end_line, end_col = line, col + max(end - start, 1)
        snippet = None
    region.update(endLine=int(end_line), endColumn=int(max(end_col, 1)))
    if snippet:
        region["snippet"] = {"text": snippet}
    return region


def finding_region(finding: Finding, texts: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The region a finding points at."""
    claim = located_claim(finding)
    written = claim.get("text") if claim else None
    return span_region(finding.line, finding.col, finding.start, finding.end,
                       (texts or {}).get(finding.path), written)


def artifact_uri(path: str) -> str:
    """A file as a URI reference: relative paths stay relative (POSIX, percent-encoded)."""
    if os.path.isabs(path):
        return PurePath(path).as_uri()
    return quote(posixpath.normpath(path.replace(os.sep, "/")), safe="/")


def _location(path: str, region: Mapping[str, Any] | None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(path)}}
    if region:
        physical["region"] = dict(region)
    return {"physicalLocation": physical}


# --- rules ------------------------------------------------------------------------------------

def first_sentence(text: str) -> str:
    """The first sentence of a description, on one line."""
    flat = " ".join(str(text or "").split())
    match = re.search(r"[.!?](\s|$)", flat)
    return flat[: match.start() + 1] if match else flat


def _type_doc(rule_type: str) -> str:
    from checker import checks
    try:
        return (checks.rule_type(rule_type).__doc__ or "").strip()
    except KeyError:
        return ""


def _pascal(rule_id: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[-_.]+", rule_id) if part)


def rule_descriptor(rule: Any) -> dict[str, Any]:
    """A `reportingDescriptor` from a rule (anything with id, type, severity, description)."""
    description = " ".join(str(getattr(rule, "description", "") or "").split())
    short = first_sentence(description) or rule.id
    type_doc = _type_doc(rule.type)
    help_text = description or short
    help_md = help_text
    if type_doc:
        help_text += f"\n\nRule type '{rule.type}':\n{type_doc}"
        help_md += f"\n\n**Rule type `{rule.type}`**\n\n```\n{type_doc}\n```"
    return {
        "id": rule.id,
        "name": _pascal(rule.id),
        "shortDescription": {"text": short},
        "fullDescription": {"text": description or short},
        "help": {"text": help_text, "markdown": help_md},
        "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning")},
        "properties": {"tags": ["fact-consistency", rule.type]},
    }


def _fallback_descriptor(finding: Finding) -> dict[str, Any]:
    """A descriptor for a result whose rule was not passed in (built from the finding)."""
    return rule_descriptor(SimpleNamespace(
        id=finding.rule, type=finding.type, severity=finding.severity,
        description=f"Findings of rule '{finding.rule}' ({finding.type})."))


def descriptors(findings: list[Finding], rules: Iterable[Any]) -> list[dict[str, Any]]:
    """Descriptors of `rules` (sorted by id) and of any other rule a finding names."""
    by_id: dict[str, dict[str, Any]] = {r.id: rule_descriptor(r) for r in rules}
    for finding in findings:
        if finding.rule not in by_id:
            by_id[finding.rule] = _fallback_descriptor(finding)
    return [by_id[i] for i in sorted(by_id)]


# --- results ----------------------------------------------------------------------------------

def fingerprints(findings: Iterable[Finding]) -> list[str]:
    """A stable fingerprint per finding: hash of its baseline key, then its occurrence number."""
    seen: Counter[tuple] = Counter()
    out = []
    for finding in findings:
        key = tuple(finding_key(finding))
        seen[key] += 1
        digest = hashlib.sha256("\0".join(key).encode("utf-8")).hexdigest()[:32]
        out.append(f"{digest}:{seen[key]}")
    return out


def _related(finding: Finding, texts: Mapping[str, str] | None) -> list[dict[str, Any]]:
    related = []
    for i, claim in enumerate(finding.related, 1):
        path = str(claim.get("path") or "")
        if not path or claim.get("line") is None:
            continue
        region = span_region(int(claim["line"]), int(claim.get("col") or 1),
                             int(claim.get("start") or 0), int(claim.get("end") or 0),
                             (texts or {}).get(path), claim.get("text"))
        outlet = claim.get("outlet") or posixpath.basename(path)
        source = credited_to(claim) or "unsourced"
        location = _location(path, region)
        location["id"] = i
        location["message"] = {"text": f'{outlet}: "{claim.get("text")}" — {source}'}
        related.append(location)
    return related


def result(finding: Finding, rule_index: int, fingerprint: str,
           texts: Mapping[str, str] | None = None) -> dict[str, Any]:
    """One SARIF result."""
    out: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVELS.get(finding.severity, "warning"),
        "message": {"text": finding.message},
        "locations": [_location(finding.path, finding_region(finding, texts))],
        "partialFingerprints": {FINGERPRINT: fingerprint},
        "properties": {"type": finding.type, "severity": finding.severity},
    }
    related = _related(finding, texts)
    if related:
        out["relatedLocations"] = related
    return out


def _notification(failure: Any) -> dict[str, Any]:
    path = str(getattr(failure, "path", "") or "")
    line = getattr(failure, "line", None)
    note: dict[str, Any] = {"level": "error",
                            "message": {"text": str(getattr(failure, "message", failure))}}
    if path:
        note["locations"] = [_location(path, {"startLine": int(line)} if line else None)]
    return note


def document(findings: Iterable[Finding], failures: Iterable[Any] = (), *,
             rules: Iterable[Any] = (), texts: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The SARIF log object, before serialisation."""
    findings = list(findings)
    failures = list(failures)
    rule_list = descriptors(findings, rules)
    index = {d["id"]: i for i, d in enumerate(rule_list)}
    prints = fingerprints(findings)
    driver = {"name": TOOL_NAME, "version": __version__, "semanticVersion": __version__,
              "rules": rule_list}
    run = {
        "tool": {"driver": driver},
        "invocations": [{
            "executionSuccessful": not failures,
            "toolExecutionNotifications": [_notification(f) for f in failures],
        }],
        "columnKind": "unicodeCodePoints",
        "results": [result(f, index[f.rule], p, texts) for f, p in zip(findings, prints, strict=True)],
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(findings: Iterable[Finding], failures: Iterable[Any] = (), *,
           rules: Iterable[Any] = (), texts: Mapping[str, str] | None = None) -> str:
    """The SARIF log as indented JSON."""
    return json.dumps(document(findings, failures, rules=rules, texts=texts),
                      ensure_ascii=False, indent=2)
