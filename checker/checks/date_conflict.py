"""date-conflict: the same event dated differently.

What it flags
    Figures about the same quantity (see `checker.compare`) whose sentences date what they
    count differently: 8–13 October in three outlets, 8–12 October in a fourth. Ranges that
    differ in one bound conflict, and so do dates that do not overlap when the figures agree (the
    same amount on two days is one event misdated; another amount on another day is another
    event); a day inside a range does not (Monday and "the night between Sunday and Monday"
    agree).

Why
    A transfer window or an attack date that drifts between outlets is a factual error as
    surely as a wrong figure.

What it does not flag
    Periods that end after publication, compared up to the earlier publication day: a count
    "this year" and one "since the start of the year" were both counted by then.
    The tolls of a running count on two days (deaths on Monday, a higher toll on Tuesday):
    a running count conflicts only by ranges that differ in a bound ("evacuated between Oct.
    8 and 13" against "8–12"). Nor the day a source spoke ("said on Friday"): only the dates of
    what the figure counts are compared.

Params
    skip_running: skip running counts altogether (the bundled rule compares their ranges).
    skip_modalities: modalities never compared (the bundled rule: intended, what is planned or
    expected, whose dates are words about the future).

Example
    "Some 3,000 soldiers were moved between October 8 and 12" against "1.500 soldati … tra
    l'8 e il 13 ottobre" is flagged at the 8–12.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from checker.checks import CheckContext, ParamError, in_targets, listing
from checker.compare import (figures_for_comparison, interval_measure, is_running, minority_reports,
                             relate_figures, report_findings)
from checker.findings import Finding
from checker.pairing import ALL, CONFLICT, SUPPORT, Placement

FIELDS = {
    "dates": "the dates this claim gives: '2024-10-08 to 2024-10-12'",
    "others": "the other dates, with outlet: '2024-10-08 to 2024-10-13 (Gazzetta del Nord)'",
}


@dataclass(frozen=True)
class Settings:
    skip_running: bool = field(default=True, metadata={
        "doc": "skip running counts (deaths, injured), whose dates change with each update"})
    skip_modalities: list[str] = field(default_factory=list, metadata={
        "doc": "modalities never compared (intended: what is planned or expected is dated "
               "by words about the future, and plans move)"})

    def check(self) -> list[ParamError]:
        return []


def span_text(claim) -> str:
    s, e = claim.get("date_start"), claim.get("date_end")
    return s if s == e else f"{s} to {e}"


def disjoint(a, b) -> bool:
    """Two date ranges with no day in common."""
    return a.date_end < b.date_start or b.date_end < a.date_start


def dates_conflict(a, b) -> bool:
    """Two date ranges conflict when they do not overlap, or when one bound of one range was
    moved (8–13 against 8–12 October); a day inside a range does not, nor do two ranges that
    differ at both ends (23–25 April for the lying in state, 25–26 for the crowds that
    gathered from Friday: two periods, likely the dates of two things)."""
    (s1, e1), (s2, e2) = (a.date_start, a.date_end), (b.date_start, b.date_end)
    if (s1, e1) == (s2, e2):
        return False
    # what was counted was counted by the earlier publication: "so far this year" (to the end
    # of December) and "since the start of the year" (to the day) end on the same day
    pub = min((p for p in (getattr(a, "published", None), getattr(b, "published", None))
               if isinstance(p, str) and p), default=None)
    if pub and max(s1, s2) <= pub:
        e1, e2 = min(e1, pub), min(e2, pub)
        if (s1, e1) == (s2, e2):
            return False
    disjoint = e1 < s2 or e2 < s1
    moved = s1 != e1 and s2 != e2 and (s1 == s2 or e1 == e2)
    return disjoint or moved


def run(claims: pd.DataFrame, rule, ctx: CheckContext) -> list[Finding]:
    """A finding at each target figure dated differently from the same quantity elsewhere."""
    if claims.empty:
        return []
    figures = figures_for_comparison(claims)
    dated = figures[(figures["date_role"] == "event") & figures["date_start"].notna()
                    & figures["date_end"].notna()]
    dated = dated[~dated["modality"].isin(rule.settings.skip_modalities)]
    if rule.settings.skip_running:
        dated = dated[~dated["subject_key"].map(is_running).astype(bool)]

    def place(a, b) -> Placement | None:  # classes share their dates
        if not dates_conflict(a, b):
            return Placement(ALL, (None, SUPPORT, None))
        if disjoint(a, b):
            if is_running(a.subject_key):
                return None  # a toll of Monday and one of Tuesday: the count's days, not an event's
            # other days and other amounts: another event (a second airlift after the first);
            # the same amount on other days: one event misdated
            return Placement(interval_measure(a, b), (None, CONFLICT, None))
        return Placement(ALL, (None, CONFLICT, None))

    targets = in_targets(claims, ctx).to_dict()
    reports = minority_reports(relate_figures(dated, claims, ctx.gazetteer, place, targets=targets),
                               targets)
    return report_findings(claims, reports, rule, lambda claim, shown, total: {
        "dates": span_text(claim),
        "others": listing([f"{span_text(o)} ({o.get('outlet') or o.get('path')})" for o in shown], total)})
