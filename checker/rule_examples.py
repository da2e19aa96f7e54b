"""Run a rule's own examples: each snippet through extraction and the rule, against `flag`/`pass`.

An example passes when
- `pass: true`: the rule finds nothing in the snippet;
- `flag: N`: it finds exactly N findings in the snippet;
- `flag: [strings]`: every string occurs in the flagged text of some finding, and every
  finding's flagged text holds one of the strings. A finding's flagged text is the text of
  its claims and the snippet text at its span (for a name, the name).

The `against` snippets are read as reference articles: compared with, never reported on.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from checker.checks import article_keys
from checker.findings import Finding
from checker.lint import lint
from checker.ruleset import Example, Rule, Snippet

EXAMPLE_PATH = "<example>"


@dataclass(frozen=True)
class ExampleResult:
    """The outcome of one example of one rule."""

    rule: str
    index: int  # 0-based position in the rule's examples
    path: str  # the rule file
    line: int  # the example's line in the rule file
    expected: str  # 'no finding', '1 finding', "findings at '3,000', '62%'"
    ok: bool
    found: tuple[str, ...] = ()  # 'line:col message' of each finding
    problem: str = ""  # why it failed

    def __str__(self) -> str:
        status = "ok" if self.ok else f"FAILED: {self.problem}"
        return f"{self.path}:{self.line}: {self.rule} example {self.index + 1}: {status}"


def _extract(snippet: Snippet, path: str) -> pd.DataFrame:
    from checker.extract import extract_text  # extraction is the lead's; loaded only to run

    return extract_text(snippet.text, lang=snippet.lang, published=snippet.published,
                        outlet=snippet.outlet, path=path)


def example_claims(example: Example) -> tuple[pd.DataFrame, set[str]]:
    """The claims of an example and its references, and the article keys of the example."""
    target = _extract(example.snippet, EXAMPLE_PATH)
    frames = [target] + [_extract(s, f"<against {i + 1}>") for i, s in enumerate(example.against)]
    frames = [f for f in frames if not f.empty]
    claims = pd.concat(frames, ignore_index=True) if frames else target.reset_index(drop=True)
    targets = set(article_keys(target)) if not target.empty else {EXAMPLE_PATH}
    return claims, targets


def flagged_text(finding: Finding, text: str) -> list[str]:
    """What a finding flags: its claims' text and the snippet text at its span."""
    spans = [str(c.get("text") or "") for c in finding.claims]
    return spans + [text[finding.start:finding.end]]


def expectation(example: Example) -> str:
    if example.flag is None:
        return "no finding"
    if isinstance(example.flag, int):
        return f"{example.flag} finding{'s' if example.flag != 1 else ''}"
    return "findings at " + ", ".join(f"'{s}'" for s in example.flag)


def judge(example: Example, findings: list[Finding]) -> str:
    """Why the findings do not meet the example's expectation; '' when they do."""
    n = len(findings)
    if example.flag is None:
        return "" if n == 0 else f"expected no finding, got {n}"
    if isinstance(example.flag, int):
        return "" if n == example.flag else f"expected {expectation(example)}, got {n}"
    texts = [flagged_text(f, example.snippet.text) for f in findings]
    missing = [s for s in example.flag if not any(s in t for spans in texts for t in spans)]
    extra = [f for f, spans in zip(findings, texts)
             if not any(s in t for s in example.flag for t in spans)]
    problems = []
    if missing:
        problems.append("nothing flagged at " + ", ".join(f"'{s}'" for s in missing))
    if extra:
        problems.append("unexpected finding" + ("s" if len(extra) > 1 else "") + ": "
                        + "; ".join(f"'{f.message}'" for f in extra))
    return "; ".join(problems)


def run_example(rule: Rule, example: Example, index: int) -> ExampleResult:
    """Run one example of `rule`; an extraction error is a failed example, not a crash."""
    base = dict(rule=rule.id, index=index, path=rule.path, line=example.line or rule.line,
                expected=expectation(example))
    try:
        claims, targets = example_claims(example)
    except ImportError:  # no extraction at all: the caller reports it once, not per example
        raise
    except Exception as exc:  # a snippet the extractor cannot read fails this example only
        return ExampleResult(**base, ok=False, problem=f"extraction failed: {type(exc).__name__}: {exc}")
    findings = lint(claims, [rule], targets)
    problem = judge(example, findings)
    return ExampleResult(**base, ok=not problem, problem=problem,
                         found=tuple(f"{f.line}:{f.col} {f.message}" for f in findings))


def run_examples(rule: Rule) -> list[ExampleResult]:
    """Run every example of `rule`."""
    return [run_example(rule, example, i) for i, example in enumerate(rule.examples)]
