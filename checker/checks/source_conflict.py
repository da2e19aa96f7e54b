"""source-conflict: the same figure credited to different sources.

What it flags
    Figures about the same quantity with the same value (within 1%, after unit conversion)
    whose sources are surely different: 10,000 soldiers according to NIS in one outlet,
    according to Zelensky in two others. Sources that belong together through the gazetteer
    (NIS is South Korea's agency; Seoul is South Korea) do not conflict, nor do anonymous
    sources, nor names in two languages that the gazetteer does not know.

Why
    A reader trusts a figure according to who gives it, so a misattribution misleads even
    when the number is right. The bundled rule warns rather than errs: two sources can also
    give the same number, and only the reporter can tell which one the figure is from.

Params
    tolerance: relative difference under which two figures are the same figure (default 0.01).

Example
    "circa 10.000 soldati …, secondo quanto riferito dal National Intelligence Service (NIS)"
    against "Zelenskyy said … 10,000 North Korean soldiers" is flagged at the NIS claim.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from checker.checks import CheckContext, ParamError, in_targets, listing
from checker.compare import (describe, figure_measure, figures_for_comparison, minority_reports,
                             relate_figures, report_findings, sources_differ)
from checker.findings import Finding
from checker.gazetteer import default_gazetteer
from checker.pairing import CONFLICT, SUPPORT, Placement

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


def loose_scope(scope):
    """A scope without how badly ("246 others seriously injured") or "others": the same number
    of the same thing, given as the rest of a breakdown by one outlet and plainly by another,
    is one figure, whoever it is credited to."""
    if not isinstance(scope, str):
        return scope
    kept = [t for t in scope.split("|") if t != "part" and not t.startswith("sub:")]
    return "|".join(kept) or None


def run(claims: pd.DataFrame, rule, ctx: CheckContext) -> list[Finding]:
    """A finding at each target figure that others credit to a different source."""
    if claims.empty:
        return []
    gazetteer = ctx.gazetteer or default_gazetteer()
    figures = figures_for_comparison(claims, conversions=True)
    figures = figures[figures["source"].notna() & (figures["qualifier"] != "vague")]
    figures = figures.assign(scope=figures["scope"].map(loose_scope)) if "scope" in figures.columns else figures
    tolerance = rule.settings.tolerance

    def place(a, b) -> Placement | None:
        if a.article == b.article:
            return None  # one article crediting a figure twice, in other words, is one credit
        same = CONFLICT if sources_differ(a, b, gazetteer) else SUPPORT
        return Placement(figure_measure(a, b, tolerance), (None, same, None))

    targets = in_targets(claims, ctx).to_dict()
    reports = minority_reports(relate_figures(figures, claims, gazetteer, place, targets=targets),
                               targets)
    return report_findings(claims, reports, rule, lambda claim, shown, total: {
        "others": listing([describe(o) for o in shown], total)})
