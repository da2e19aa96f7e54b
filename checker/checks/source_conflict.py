"""source-conflict: the same figure credited to different sources.

What it flags
    Figures about the same quantity with the same value (within 1%, after unit conversion)
    whose sources are surely different: 10,000 soldiers according to NIS in one outlet,
    according to Zelensky in two others. Sources that belong together through the gazetteer
    (NIS is South Korea's agency; Seoul is South Korea) do not conflict, nor do anonymous
    sources, nor names in two languages that the gazetteer does not know.

Why
    Misattribution is an error even when the number is right: a reader trusts a figure
    according to who gives it.

Params
    tolerance: relative difference under which two figures are the same figure (default 0.01).

Example
    "circa 10.000 soldati …, secondo quanto riferito dal National Intelligence Service (NIS)"
    against "Zelenskyy said … 10,000 North Korean soldiers" is flagged at the NIS claim.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd

from checker.checks import CheckContext, ParamError, claim_fields, in_targets
from checker.compare import (candidate_pairs, describe, figures_for_comparison, minority_reports,
                             same_figure, sources_differ)
from checker.findings import Finding, finding_at
from checker.gazetteer import default_gazetteer

FIELDS = {
    "others": "the same figure as others credit it: '10,000 (Zelensky, Daily Ledger)'",
}


@dataclass(frozen=True)
class Settings:
    tolerance: float = field(default=0.01, metadata={
        "doc": "relative difference under which two figures are the same figure"})

    def check(self) -> list[ParamError]:
        if not 0 <= self.tolerance < 1:
            return [ParamError("tolerance", "params.tolerance must be at least 0 and below 1")]
        return []


def run(claims: pd.DataFrame, rule, ctx: CheckContext) -> list[Finding]:
    """A finding at each target figure that others credit to a different source."""
    if claims.empty:
        return []
    gazetteer = ctx.gazetteer or default_gazetteer()
    figures = figures_for_comparison(claims)
    figures = figures[figures["source"].notna()]
    conflicts: dict[int, set[int]] = defaultdict(set)
    support: dict[int, set[int]] = defaultdict(set)
    for i, j in candidate_pairs(figures, claims, gazetteer):
        a, b = figures.loc[i], figures.loc[j]
        if not same_figure(a, b, rule.settings.tolerance):
            continue
        target = conflicts if sources_differ(a, b, gazetteer) else support
        target[i].add(j)
        target[j].add(i)
    findings = []
    targets = in_targets(claims, ctx).to_dict()
    for a, others in minority_reports(conflicts, support, targets):
        claim = claims.loc[a]
        rows = [claims.loc[o] for o in others]
        fields = {**claim_fields(claim), "others": "; ".join(describe(o) for o in rows)}
        findings.append(finding_at(claim, rule=rule.id, type=rule.type, severity=rule.severity,
                                   message=rule.render(fields), claims=[claim] + rows))
    return findings
