"""JUnit XML output, for CI systems that show test reports (GitLab, Jenkins, Azure, …).

One `<testsuite>` a checked file (named by its path), one `<testcase>` a finding with a
`<failure>` whose `type` is the rule and whose text is the finding as the text format prints
it; a checked file without findings is one passing test case, so the report counts it. Inputs
that could not be read are test cases with an `<error>`, in a suite of their own. Every
finding is a failure whatever its severity (the severity is in the text); `--fail-on` decides
the exit code as in every format. No timestamps or durations: the same run gives the same
file.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import Any

from checker.findings import Finding
from checker.outputs.text import finding_lines

# characters XML 1.0 cannot carry, even escaped
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
FAILURES_SUITE = "checker: inputs not checked"


def xml_text(value: Any) -> str:
    """`value` as text XML can hold (invalid control characters dropped)."""
    return _NOT_XML.sub("", str(value))


def _suite(name: str, cases: list[ET.Element]) -> ET.Element:
    suite = ET.Element("testsuite", {
        "name": xml_text(name), "tests": str(len(cases)),
        "failures": str(sum(1 for c in cases if c.find("failure") is not None)),
        "errors": str(sum(1 for c in cases if c.find("error") is not None)),
        "skipped": "0",
    })
    suite.extend(cases)
    return suite


def finding_case(finding: Finding) -> ET.Element:
    """A failed test case for one finding."""
    case = ET.Element("testcase", {
        "classname": xml_text(finding.path),
        "name": xml_text(f"{finding.rule} at {finding.line}:{finding.col}"),
        "file": xml_text(finding.path), "line": str(finding.line),
    })
    failure = ET.SubElement(case, "failure", {"type": xml_text(finding.rule),
                                              "message": xml_text(finding.message)})
    failure.text = xml_text("\n".join(finding_lines(finding)))
    return case


def passing_case(path: str) -> ET.Element:
    """The one passing test case of a file without findings."""
    return ET.Element("testcase", {"classname": xml_text(path), "name": "checker",
                                   "file": xml_text(path)})


def failure_case(failure: Any) -> ET.Element:
    """An errored test case for an input that could not be checked."""
    path = str(getattr(failure, "path", "") or "")
    case = ET.Element("testcase", {"classname": xml_text(path), "name": "read",
                                   "file": xml_text(path)})
    error = ET.SubElement(case, "error", {"type": "input",
                                          "message": xml_text(getattr(failure, "message", failure))})
    error.text = xml_text(str(failure))
    return case


def document(findings: Iterable[Finding], failures: Iterable[Any] = (),
             files: Iterable[str] = ()) -> ET.Element:
    """The `<testsuites>` element: a suite per file (findings' files and `files`, but not a
    file that failed: it did not pass), sorted."""
    failures = list(failures)
    failed_paths = {str(getattr(f, "path", "") or "") for f in failures}
    by_path: dict[str, list[ET.Element]] = {str(p): [] for p in files if str(p) not in failed_paths}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding_case(finding))
    suites = [_suite(path, cases or [passing_case(path)]) for path, cases in sorted(by_path.items())]
    failed = [failure_case(f) for f in failures]
    if failed:
        suites.append(_suite(FAILURES_SUITE, failed))
    root = ET.Element("testsuites", {
        "name": "checker",
        "tests": str(sum(int(s.get("tests")) for s in suites)),
        "failures": str(sum(int(s.get("failures")) for s in suites)),
        "errors": str(sum(int(s.get("errors")) for s in suites)),
    })
    root.extend(suites)
    return root


def render(findings: Iterable[Finding], failures: Iterable[Any] = (), *,
           files: Iterable[str] = ()) -> str:
    """The report as an indented XML document with its declaration (no trailing newline)."""
    root = document(findings, failures, files)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
