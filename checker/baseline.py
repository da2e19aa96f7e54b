"""Baselines: accept the findings an archive already has, and fail only on new ones.

`checker lint --write-baseline FILE` records the current findings; `--baseline FILE` drops
the findings the file records. An entry is keyed on what was flagged, not where: the rule,
the file (relative to the baseline's folder, so the run's working directory does not matter),
and the flagged claim's text and sentence with whitespace and Unicode forms normalised.
Inserting or deleting lines elsewhere in a file therefore keeps its entries valid; editing
the flagged sentence makes its finding new again, which is the point. A finding without
claims (a name spelled two ways) is keyed on its message instead.

Entries carry a `count`, so a sentence flagged twice for the same reason needs two entries:
fixing one of two identical findings leaves one baselined, adding a third reports one.

The file is JSON, sorted and indented so that it diffs well:

    {"version": 1, "tool": "checker",
     "findings": [{"rule": "...", "path": "articles/a.md", "text": "...", "sentence": "...",
                   "count": 1}, ...]}

Everything here is pure: the CLI reads and writes the file.
"""
from __future__ import annotations

import json
import os
import posixpath
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from checker.findings import Finding
from checker.jsontext import JSONTextError, loads

BASELINE_VERSION = 1
ENTRY_KEYS = ("rule", "path", "text", "sentence")


class BaselineError(ValueError):
    """A baseline file that cannot be used, with the reason."""


class Key(NamedTuple):
    """What identifies a finding across edits: rule, file, flagged text, its sentence."""

    rule: str
    path: str
    text: str
    sentence: str


def normalise(text: Any) -> str:
    """NFKC, whitespace runs collapsed to one space, trimmed: line wrapping does not count."""
    return " ".join(unicodedata.normalize("NFKC", str(text or "")).split())


def relative_path(path: str, root: str | None = None) -> str:
    """`path` as a POSIX path relative to `root` (as written when `root` is None)."""
    if root is not None:
        try:
            path = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
        except ValueError:  # another drive on Windows: keep it absolute
            path = os.path.abspath(path)
    return posixpath.normpath(path.replace(os.sep, "/"))


def located_claim(finding: Finding) -> Mapping[str, Any] | None:
    """The claim a finding points at: the one starting where it starts, else the first."""
    for claim in finding.claims:
        if claim.get("start") == finding.start and claim.get("path") in (None, finding.path):
            return claim
    return finding.claims[0] if finding.claims else None


def finding_key(finding: Finding, root: str | None = None) -> Key:
    """The finding's baseline key (see the module docstring)."""
    claim = located_claim(finding)
    if claim is None:
        text, sentence = finding.message, ""
    else:
        text, sentence = claim.get("text"), claim.get("sentence")
    return Key(finding.rule, relative_path(finding.path, root), normalise(text), normalise(sentence))


def key_counts(findings: Iterable[Finding], root: str | None = None) -> Counter[Key]:
    """How many findings share each key."""
    return Counter(finding_key(f, root) for f in findings)


def document(findings: Iterable[Finding], root: str | None = None) -> dict[str, Any]:
    """The baseline of `findings` as a JSON-ready object, entries sorted."""
    counts = key_counts(findings, root)
    entries = [{**key._asdict(), "count": n} for key, n in sorted(counts.items())]
    return {"version": BASELINE_VERSION, "tool": "checker", "findings": entries}


def render(findings: Iterable[Finding], root: str | None = None) -> str:
    """The baseline file's text (ends with a newline)."""
    return json.dumps(document(findings, root), ensure_ascii=False, indent=2) + "\n"


def _entry(item: Any, index: int) -> tuple[Key, int]:
    if not isinstance(item, Mapping):
        raise BaselineError(f"findings[{index}] must be an object")
    missing = [k for k in ENTRY_KEYS if not isinstance(item.get(k), str)]
    if missing:
        raise BaselineError(f"findings[{index}] needs string fields: {', '.join(missing)}")
    count = item.get("count", 1)
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise BaselineError(f"findings[{index}].count must be a positive integer")
    key = Key(item["rule"], posixpath.normpath(item["path"]), normalise(item["text"]),
              normalise(item["sentence"]))
    return key, count


def parse(text: str) -> Counter[Key]:
    """The entries of a baseline file's text; BaselineError when it is not one."""
    try:
        data = loads(text)
    except JSONTextError as e:
        raise BaselineError(f"not JSON: {e.msg}" + (f" at line {e.line}" if e.line else "")) from None
    if not isinstance(data, Mapping) or "findings" not in data:
        raise BaselineError("not a checker baseline (expected an object with 'version' and "
                            "'findings'; write one with --write-baseline)")
    if data.get("version") != BASELINE_VERSION:
        raise BaselineError(f"unsupported baseline version {data.get('version')!r} "
                            f"(this checker writes version {BASELINE_VERSION}; "
                            "rewrite it with --write-baseline)")
    if not isinstance(data["findings"], list):
        raise BaselineError("'findings' must be a list")
    counts: Counter[Key] = Counter()
    for i, item in enumerate(data["findings"]):
        key, n = _entry(item, i)
        counts[key] += n
    return counts


def new_findings(findings: Iterable[Finding], baseline: Counter[Key],
                 root: str | None = None) -> tuple[list[Finding], int]:
    """The findings the baseline does not cover, in their order, and how many it covered.

    Each entry covers up to `count` findings with its key, taken in the findings' order.
    """
    left = Counter(baseline)
    kept: list[Finding] = []
    dropped = 0
    for finding in findings:
        key = finding_key(finding, root)
        if left[key] > 0:
            left[key] -= 1
            dropped += 1
        else:
            kept.append(finding)
    return kept, dropped
