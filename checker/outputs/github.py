"""GitHub Actions output: workflow commands that annotate the pull request, and a summary.

    ::error file=corpus/wire-post.md,line=13,col=1,title=contradicting-figures::Wire Post gives…

One command a finding (`error`, `warning`, or `notice` for info), errors first, each with
its related claims as extra lines of the message; inputs that could not be read come first,
as errors. Values are escaped as the runner expects: `%`, `\\r` and `\\n` everywhere, and also
`:` and `,` in properties. GitHub shows at most a few annotations of each kind per step, so
`summary` renders every finding as a Markdown table for `$GITHUB_STEP_SUMMARY` (the CLI
appends it when that variable is set).
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from checker.findings import Finding, severity_rank
from checker.outputs import safe
from checker.outputs.safe import markdown_text, printable, printable_lines
from checker.outputs.text import related_line
from checker.outputs.text import summary as text_summary

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    """A command's message: `%`, CR and LF percent-encoded."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """A command's property value: as a message, and `:` and `,` too."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties: Any) -> str:
    """`::name k=v,k=v::message`, properties with a None value left out."""
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items()
                     if v is not None)
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def annotation(finding: Finding) -> str:
    """The workflow command of one finding; related claims follow the message, a line each."""
    finding = safe.finding(finding, printable_lines)
    message = "\n".join([finding.message] + [related_line(c).strip() for c in finding.related])
    return command(COMMANDS.get(finding.severity, "warning"), message, file=finding.path,
                   line=finding.line, col=finding.col, title=finding.rule)


def failure_annotation(failure: Any) -> str:
    """An input that could not be checked, as an error on its file."""
    line = getattr(failure, "line", None)
    return command("error", printable_lines(str(getattr(failure, "message", failure))),
                   file=printable(str(getattr(failure, "path", ""))) or None, line=line or None,
                   title="checker: input not checked")


def by_severity(findings: Iterable[Finding]) -> list[Finding]:
    """Errors first, then warnings, then info; the given order kept within each."""
    return sorted(findings, key=lambda f: -severity_rank(f.severity))


def render(findings: Iterable[Finding], failures: Iterable[Any] = ()) -> str:
    """The workflow commands, one a line (no trailing newline; '' when there is nothing)."""
    lines = [failure_annotation(f) for f in failures]
    lines += [annotation(f) for f in by_severity(findings)]
    return "\n".join(lines)


def cell(value: Any) -> str:
    """A Markdown table cell: every line shown as written (no links, images, HTML or table
    breaks from article text), line breaks as <br>."""
    return "<br>".join(markdown_text(part.strip()) for part in str(value).splitlines()) or " "


def summary(findings: Iterable[Finding], failures: Iterable[Any] = ()) -> str:
    """Every finding (errors first) and failed input as Markdown, for the job summary."""
    findings = list(findings)
    failures = list(failures)
    lines = ["### checker", "", text_summary(findings, failures), ""]
    if findings:
        lines += ["| severity | where | rule | message |", "| --- | --- | --- | --- |"]
        for f in by_severity(findings):
            message = "\n".join([f.message] + [related_line(c).strip() for c in f.related])
            lines.append(f"| {f.severity} | {cell(f'{f.path}:{f.line}:{f.col}')} | "
                         f"{cell(f.rule)} | {cell(message)} |")
        lines.append("")
    if failures:
        lines += ["| input not checked | why |", "| --- | --- |"]
        for failure in failures:
            line = getattr(failure, "line", None)
            where = f"{getattr(failure, 'path', '')}{f':{line}' if line else ''}"
            lines.append(f"| {cell(where)} | {cell(getattr(failure, 'message', failure))} |")
        lines.append("")
    return "\n".join(lines)
