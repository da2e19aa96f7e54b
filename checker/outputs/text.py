"""Text output, the way ruff and yamllint print: one line a finding, then a summary.

    wire-post.md:13:1: warning unsourced-figure unsourced figure: "Some 3,000 soldiers"
      ↳ Daily Ledger (daily-ledger.md:9): "about 1,500 special forces soldiers" — NIS
    Found 1 finding (1 warning) in 1 file.

Each related claim of another article (what the finding is compared with) is an indented
`↳` line: its outlet, where it is, the text as written and who it is credited to.

With `color=True` the location is bold, the severity coloured (error red, warning yellow,
info blue) and the related lines dimmed; the CLI asks for colour only when standard output
is a terminal and neither `--no-color` nor the `NO_COLOR` environment variable says no.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import click

from checker.findings import Finding, severity_counts
from checker.outputs import safe

SEVERITY_STYLES: dict[str, dict[str, Any]] = {
    "error": {"fg": "red", "bold": True},
    "warning": {"fg": "yellow", "bold": True},
    "info": {"fg": "blue", "bold": True},
}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 or word == "info" else f"{n} {word}s"


def related_line(claim: Mapping[str, Any]) -> str:
    """'  ↳ Outlet (path:line): "text" — source' (or '— unsourced')."""
    path = claim.get("path") or ""
    outlet = claim.get("outlet") or path.rsplit("/", 1)[-1]
    source = claim.get("source") or claim.get("source_text") or "unsourced"
    return f'  ↳ {outlet} ({path}:{claim.get("line")}): "{claim.get("text")}" — {source}'


def finding_lines(finding: Finding, color: bool = False) -> list[str]:
    """The finding's line and one line per related claim (ANSI-styled when `color`)."""
    if not color:
        head = (f"{finding.path}:{finding.line}:{finding.col}: {finding.severity} {finding.rule} "
                f"{finding.message}")
        return [head] + [related_line(c) for c in finding.related]
    where = click.style(f"{finding.path}:{finding.line}:{finding.col}:", bold=True)
    severity = click.style(finding.severity, **SEVERITY_STYLES.get(finding.severity, {}))
    rule = click.style(finding.rule, fg="cyan")
    head = f"{where} {severity} {rule} {finding.message}"
    return [head] + [click.style(related_line(c), dim=True) for c in finding.related]


def summary(findings: list[Finding], failures: Iterable[Any] = ()) -> str:
    """'Found 3 findings (1 error, 2 warnings) in 2 files.' or 'No findings.'"""
    failed = len(list(failures))
    tail = f" {_plural(failed, 'input')} could not be read." if failed else ""
    if not findings:
        return "No findings." + tail
    counts = ", ".join(_plural(n, s) for s, n in severity_counts(findings).items() if n)
    files = len({f.path for f in findings})
    return f"Found {_plural(len(findings), 'finding')} ({counts}) in {_plural(files, 'file')}.{tail}"


def render(findings: Iterable[Finding], failures: Iterable[Any] = (), *,
           color: bool = False) -> str:
    """All findings, then the summary line; ends without a newline."""
    return "".join(chunks(findings, failures, color=color))


def chunks(findings: Iterable[Finding], failures: Iterable[Any] = (), *,
           color: bool = False) -> Iterator[str]:
    """`render`'s text a finding at a time (an archive's run has many)."""
    findings = list(findings)
    for f in findings:
        yield "".join(line + "\n" for line in finding_lines(safe.finding(f), color))
    yield summary(findings, failures)


def color_wanted(no_color: bool, is_terminal: bool, env: Mapping[str, str]) -> bool:
    """Colour only on a terminal, unless `--no-color` or a non-empty NO_COLOR (no-color.org)."""
    return is_terminal and not no_color and not env.get("NO_COLOR")
