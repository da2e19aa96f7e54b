"""contradiction: two figures for the same quantity that cannot both be true.

What it flags
    Claims about the same quantity (same subject, kind of quantity, event and story; see
    `checker.compare`) whose intervals do not overlap once qualifiers (`circa`, `almeno`,
    ranges), the tolerance and unit conversion are applied: 3,000 soldiers sent against
    1,500; about 10,000 planned against 12,000 from the same source. 40 km and 25 miles agree.

Why
    The same fact given two ways, in one article or across outlets, means one of them is wrong.

What it does not flag
    A later, higher value of a running count (deaths, injured, arrests) from a later article or
    date: that is an update. Money in different currencies (no rate is assumed). Two named
    sources that the text keeps apart giving different estimates (Zelensky's 10,000 and NIS's
    12,000): that is who said what, shown in the report, not an error of the article.

Params
    tolerance: relative slack added to every interval (0.02 = 2%).
    skip_qualifiers: qualifiers never compared (default: vague amounts such as "thousands").
    updates: extra subject keys treated as running counts (deaths, injured... are built in).
    sources_may_differ: when true (default), different named sources may give different figures.

Example
    "Some 3,000 North Korean soldiers were moved to Russia." against "North Korea has shipped
    about 1,500 soldiers, South Korea's NIS said" is flagged at the 3,000.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd

from checker.checks import CheckContext, ParamError, in_targets
from checker.compare import (candidate_pairs, describe, figures_for_comparison, intervals_agree,
                             is_running, later, listing, minority_reports, report_findings,
                             same_time, source_similarity, sources_differ)
from checker.findings import Finding
from checker.gazetteer import default_gazetteer

FIELDS = {
    "others": "the figures it contradicts, with source and outlet: '1,500 (NIS, Daily Ledger)'",
    "count": "how many claims it contradicts",
}


@dataclass(frozen=True)
class Settings:
    tolerance: float = field(default=0.0, metadata={
        "doc": "relative slack added to both intervals before comparing (0.02 = 2%)"})
    skip_qualifiers: list[str] = field(default_factory=lambda: ["vague"], metadata={
        "doc": "qualifiers never compared"})
    updates: list[str] = field(default_factory=list, metadata={
        "doc": "extra subject keys that are running counts: a later, higher value is an update"})
    sources_may_differ: bool = field(default=True, metadata={
        "doc": "different named sources may give different figures without a finding"})
    skip_modalities: list[str] = field(default_factory=list, metadata={
        "doc": "modalities never compared (intended: plans, whose figures differ by who tells them)"})
    only_different_sources: bool = field(default=False, metadata={
        "doc": "flag only figures that named sources surely apart give differently (the "
               "'sources disagree' rule: 15 GW according to the government, 10 GW "
               "according to the grid operator)"})

    def check(self) -> list[ParamError]:
        if not 0 <= self.tolerance < 1:
            return [ParamError("tolerance", "params.tolerance must be at least 0 and below 1")]
        return []


def is_update(a, b, updates: list[str]) -> bool:
    """True when one claim is a later, higher value of the other's running count."""
    if not (is_running(a.subject_key) or a.subject_key in updates):
        return False
    first, second = (a, b) if later(b, a) else (b, a) if later(a, b) else (None, None)
    if first is None:
        return False
    low = lambda c: c.value if c.value == c.value else c.value_min
    return (low(second) or 0) >= (low(first) or 0)


def confirmed_counts_differ(a, b, updates: list[str]) -> bool:
    """Two "at least" counts of a running count given for the same day with different floors:
    "at least two dead" and "at least 11 dead" on the same evening are two confirmed tolls,
    though the intervals overlap (a later higher floor is an update)."""
    if not (is_running(a.subject_key) or a.subject_key in updates):
        return False
    if a.qualifier not in ("at_least", "more_than") or b.qualifier not in ("at_least", "more_than"):
        return False
    if later(a, b) or later(b, a):
        return False
    low_a, low_b = a.value_min, b.value_min
    return low_a == low_a and low_b == low_b and abs(low_a - low_b) > 0.1 * max(low_a, low_b)


def disagreements(claims: pd.DataFrame, settings: Settings, gazetteer
                  ) -> tuple[dict[int, set[int]], dict[int, set[int]]]:
    """Pairs of same-quantity figures that conflict, and those that back each other. With
    `only_different_sources`, only pairs whose named sources surely differ; else, unless
    `sources_may_differ` is off, only pairs of one source (or none)."""
    figures = figures_for_comparison(claims)
    figures = figures[~figures["qualifier"].isin(settings.skip_qualifiers)
                      & ~figures["modality"].isin(settings.skip_modalities)]
    conflicts: dict[int, set[int]] = defaultdict(set)
    support: dict[int, set[int]] = defaultdict(set)
    wanted = settings.sources_may_differ or settings.only_different_sources
    similarity = source_similarity(figures) if wanted else {}
    for a, b in candidate_pairs(figures, claims, gazetteer):
        i, j = a.Index, b.Index
        differ = wanted and sources_differ(a, b, gazetteer, similarity)
        if settings.only_different_sources != differ and (differ or settings.only_different_sources):
            continue
        if not (is_running(a.subject_key) or a.subject_key in settings.updates) and not same_time(a, b):
            continue  # a second airlift after the first: figures of other days are other figures
        if intervals_agree(a, b, settings.tolerance) and not confirmed_counts_differ(a, b, settings.updates):
            support[i].add(j)
            support[j].add(i)
        elif not is_update(a, b, settings.updates):
            conflicts[i].add(j)
            conflicts[j].add(i)
    return conflicts, support


def run(claims: pd.DataFrame, rule, ctx: CheckContext) -> list[Finding]:
    """A finding at each target figure that contradicts figures for the same quantity."""
    if claims.empty:
        return []
    gazetteer = ctx.gazetteer or default_gazetteer()
    conflicts, support = disagreements(claims, rule.settings, gazetteer)
    reports = minority_reports(conflicts, support, in_targets(claims, ctx).to_dict())
    return report_findings(claims, reports, rule, lambda claim, shown, total: {
        "count": str(total), "others": listing([describe(o) for o in shown], total)})
