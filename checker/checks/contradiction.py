"""contradiction: two figures for the same quantity that cannot both be true.

What it flags
    Claims about the same quantity (same subject, kind of quantity, event and story; see
    `checker.compare`) whose intervals do not overlap once qualifiers (`circa`, `almeno`,
    ranges), the tolerance and unit conversion are applied: 3,000 soldiers sent against
    1,500; about 10,000 planned against 12,000 from the same source. 40 km and 25 miles agree.

Why
    The same fact given two ways, in one article or across outlets, means one of them is wrong.

What it does not flag
    Two figures of one sentence (a whole and its part, a figure and the one it rose from).
    Two figures that name different holders ("St Mary's treated 40 patients", "the Royal
    Infirmary treated 25 patients"), or, in one article, one that names its holder and one
    that does not ("Chega ha conquistato 50 seggi", "79 seggi" in another sentence).
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

from dataclasses import dataclass, field

import pandas as pd

from checker.checks import CheckContext, ParamError, in_targets
from checker.compare import (describe, figures_for_comparison, interval_measure, is_running, later,
                             listing, minority_reports, relate_figures, report_findings,
                             same_sentence, same_time, sources_differ, far_apart)
from checker.findings import Finding
from checker.gazetteer import default_gazetteer
from checker.pairing import CONFLICT, SUPPORT, Measure, Placement, Relations

FLOORS = frozenset({"at_least", "more_than"})  # qualifiers of a count that says only its floor

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


def running(a, updates: list[str]) -> bool:
    """Whether a figure's subject is a count that grows as news comes in."""
    return is_running(a.subject_key) or a.subject_key in updates


def placement(a, b, settings: Settings, gazetteer) -> Placement | None:
    """How the figures of two classes (`a` and `b` stand for theirs) are compared, or None
    when they are not: named sources that differ (only those with `only_different_sources`),
    figures of other days that are not running counts.

    - Two "at least" counts of a running count of the same day are two confirmed tolls when
      their floors differ by more than a tenth ("at least two dead", "at least 11 dead"),
      though the intervals overlap.
    - A running count given later: above the earlier one it is an update, below it a conflict.
    - Otherwise figures whose intervals do not overlap conflict; overlapping ones back each other.
    """
    if same_sentence(a, b):
        return None  # the figures of one sentence are a whole and its parts, a before and after
    wanted = settings.sources_may_differ or settings.only_different_sources
    differ = wanted and sources_differ(a, b, gazetteer)
    if settings.only_different_sources != differ and (differ or settings.only_different_sources):
        return None
    if far_apart(a, b):
        return None  # the toll of a disaster years ago is not an earlier toll of this one
    grows = running(a, settings.updates)
    if not grows and not same_time(a, b):
        return None  # a second airlift after the first: figures of other days are other figures
    apart = (CONFLICT, SUPPORT, CONFLICT)
    if grows and not (later(a, b) or later(b, a)) and {a.qualifier, b.qualifier} <= FLOORS:
        return Placement(Measure("window", 0.1, column="value_min", raw=True), apart)
    measure = interval_measure(a, b, settings.tolerance)
    if a.article == b.article and getattr(a, "holder", None) != getattr(b, "holder", None):
        # "Chega ha conquistato 50 seggi" and, elsewhere in the article, "79 seggi": maybe
        # another holder's; the same figure still backs it
        return Placement(measure, (None, SUPPORT, None))
    if grows and (later(a, b) or later(b, a)):
        earlier, newer = (CONFLICT, SUPPORT, None), (None, SUPPORT, CONFLICT)
        return Placement(measure, *((earlier, newer) if later(b, a) else (newer, earlier)))
    return Placement(measure, apart)


def disagreements(claims: pd.DataFrame, settings: Settings, gazetteer,
                  targets: dict[int, bool] | None = None,
                  listed: tuple[str, ...] = (CONFLICT,)) -> Relations:
    """Which same-quantity figures conflict and which back each other (`placement`); the
    `listed` roles keep their first partners (`pairing.Links`)."""
    figures = figures_for_comparison(claims)
    figures = figures[~figures["qualifier"].isin(settings.skip_qualifiers)
                      & ~figures["modality"].isin(settings.skip_modalities)]
    return relate_figures(figures, claims, gazetteer,
                          lambda a, b: placement(a, b, settings, gazetteer),
                          listed=listed, targets=targets)


def run(claims: pd.DataFrame, rule, ctx: CheckContext) -> list[Finding]:
    """A finding at each target figure that contradicts figures for the same quantity."""
    if claims.empty:
        return []
    gazetteer = ctx.gazetteer or default_gazetteer()
    targets = in_targets(claims, ctx).to_dict()
    reports = minority_reports(disagreements(claims, rule.settings, gazetteer, targets), targets)
    return report_findings(claims, reports, rule, lambda claim, shown, total: {
        "count": str(total), "others": listing([describe(o) for o in shown], total)})
