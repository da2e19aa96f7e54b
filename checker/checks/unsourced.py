"""unsourced: a figure that nobody is credited with.

What it flags
    A figure (a count, measure, amount of money or percentage) whose sentence attributes it
    to no one: its `source` and `source_text` are both empty. Articles in a language without
    a data file are read for their figures only, so their figures are never flagged.

Why
    A reader cannot weigh a number without knowing who gives it. Figures drift between
    outlets most easily where they travel without a source. When another article of the run
    gives the same figure (same subject and kind of quantity, values within 1%) with a source,
    the message says who credits it, so the writer can add the attribution.

Params
    min_value: plain counts (no unit) below this are skipped ("two ministers").
    skip_subjects: subject keys never flagged (e.g. `magnitude`).
    skip_qualifiers: qualifiers never flagged (e.g. `vague` for "thousands").
    skip_units: units never flagged (e.g. `percent`).
    max_credits: how many other outlets' credits the message lists at most.

Example
    "Pyongyang plans to send as many as 10,000 troops." is flagged; when the Daily Ledger, in
    the same run, writes that Zelenskyy spoke of 10,000 soldiers, the message ends with
    "; Daily Ledger credits 10,000 to Zelensky".
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from checker.checks import (
    CheckContext, ParamError, article_keys, blank, claim_fields, column, dimension,
    format_figure, in_targets, nominal_of, nominal_value, outlet_name, outlet_names, records,
    source_labels, text_of,
)
from checker.findings import Finding, finding_at

if TYPE_CHECKING:
    from checker.ruleset import Rule

SAME_FIGURE = 0.01  # two figures within 1% of each other are the same figure
_BUCKET = np.log1p(SAME_FIGURE)  # log-width of a value bucket: same figures share or touch one

FIELDS = {
    "credits": "'; Outlet credits 1,500 to NIS' for each other article giving the same figure "
               "with a source; empty when none",
}


@dataclass(frozen=True)
class Settings:
    min_value: float = field(default=0.0, metadata={
        "doc": "skip plain counts (figures without a unit) below this value"})
    skip_subjects: list[str] = field(default_factory=list, metadata={
        "doc": "subject keys never flagged (e.g. magnitude)"})
    skip_qualifiers: list[str] = field(default_factory=list, metadata={
        "doc": "qualifiers never flagged (exact, approx, at_least, more_than, at_most, "
               "less_than, range, vague)"})
    skip_units: list[str] = field(default_factory=list, metadata={
        "doc": "units never flagged (e.g. percent, USD, kilometer)"})
    max_credits: int = field(default=3, metadata={
        "doc": "at most this many other outlets' credits in a message"})

    def check(self) -> list[ParamError]:
        if self.max_credits < 0:
            return [ParamError("max_credits", "params.max_credits must be 0 or more")]
        return []


def _bucket(values: pd.Series) -> pd.Series:
    """Value buckets of relative width 1%, signed; 0 has a bucket of its own."""
    magnitude = values.abs()
    with np.errstate(divide="ignore"):
        index = np.floor(np.log(magnitude.where(magnitude > 0)) / _BUCKET)
    return (np.sign(values) * (index.fillna(-1e9) + 2e9)).astype("int64")


def unsourced_mask(claims: pd.DataFrame, settings: Settings) -> pd.Series:
    """True for figures without a source that the settings do not skip. An article in a
    language without data (read for its figures only) is never said to leave one unsourced:
    its attribution cues could not be read."""
    from checker.readers.langid import supported_languages
    lang = column(claims, "lang")
    figure = (column(claims, "kind", "figure") == "figure") & (
        blank(lang) | lang.isin(supported_languages()))
    unsourced = blank(column(claims, "source")) & blank(column(claims, "source_text"))
    unit = column(claims, "unit")
    small = blank(unit) & (nominal_value(claims) < settings.min_value)
    skipped = (column(claims, "subject_key").isin(settings.skip_subjects)
               | column(claims, "qualifier").isin(settings.skip_qualifiers)
               | unit.isin(settings.skip_units)
               | small)
    return figure & unsourced & ~skipped


def _blocked(frame: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame({
        "story": column(frame, "story", "").astype(str),
        "subject_key": column(frame, "subject_key").astype(str),
        "dimension": dimension(frame),
        "value": nominal_value(frame),
        "article": article_keys(frame),
    }, index=frame.index)
    out = out[~blank(column(frame, "subject_key")) & out["value"].notna()]
    out["bucket"] = _bucket(out["value"])
    return out


def credits_for(claims: pd.DataFrame, flagged: pd.Index, max_credits: int) -> dict[Any, list[Any]]:
    """For each flagged claim, the index labels of claims of other articles giving the same
    figure with a source, one per outlet and source, earliest first.

    Blocking on subject key, kind of quantity and a 1%-wide value bucket (the neighbouring
    buckets too) keeps the merge linear in the claims; the sourced side keeps two articles per
    outlet and source, enough to name each credit once.
    """
    figure = column(claims, "kind", "figure") == "figure"
    sourced_rows = claims[figure & ~(blank(column(claims, "source"))
                                     & blank(column(claims, "source_text")))]
    if sourced_rows.empty or flagged.empty or max_credits == 0:
        return {}
    sourced = _blocked(sourced_rows)
    sourced["credit"] = source_labels(sourced_rows).loc[sourced.index]
    sourced["outlet"] = outlet_names(sourced_rows).loc[sourced.index]
    sourced["published"] = column(sourced_rows, "published").map(text_of).loc[sourced.index]
    sourced = (sourced.reset_index(names="other")
               .drop_duplicates(["story", "subject_key", "dimension", "bucket", "outlet", "credit", "article"])
               .groupby(["story", "subject_key", "dimension", "bucket", "outlet", "credit"], sort=False)
               .head(2))
    sourced = pd.concat([sourced.assign(bucket=sourced["bucket"] + shift) for shift in (-1, 0, 1)])
    wanted = _blocked(claims.loc[flagged]).reset_index(names="claim")
    pairs = wanted.merge(sourced, on=["story", "subject_key", "dimension", "bucket"],
                         suffixes=("", "_other"))
    close = ((pairs["value"] - pairs["value_other"]).abs()
             <= SAME_FIGURE * np.maximum(pairs["value"].abs(), pairs["value_other"].abs()))
    pairs = pairs[close & (pairs["article"] != pairs["article_other"])]
    pairs = (pairs.sort_values(["claim", "published", "outlet", "credit", "other"])
             .drop_duplicates(["claim", "outlet", "credit"]))
    return pairs.groupby("claim", sort=False)["other"].agg(list).to_dict()


def credits_text(related: list[Mapping[str, Any]], max_credits: int) -> str:
    """'; Daily Ledger credits 1,500 to NIS, Gazzetta del Nord credits 1,500 to NIS'."""
    if not related:
        return ""
    shown = [f"{outlet_name(c)} credits {format_figure(nominal_of(c), c.get('unit'))} to "
             f"{text_of(c.get('source')) or text_of(c.get('source_text'))}"
             for c in related[:max_credits]]
    more = len(related) - max_credits
    return "; " + ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def run(claims: pd.DataFrame, rule: Rule, ctx: CheckContext) -> list[Finding]:
    """A finding at every unsourced figure of a target article."""
    if claims.empty:
        return []
    settings: Settings = rule.settings
    flagged = claims.index[unsourced_mask(claims, settings) & in_targets(claims, ctx)]
    credits = credits_for(claims, flagged, settings.max_credits)
    rows = records(claims, [*flagged, *(i for others in credits.values() for i in others)])
    findings = []
    for index in flagged:
        claim = rows[index]
        others = [rows[i] for i in credits.get(index, [])]
        fields = {**claim_fields(claim), "credits": credits_text(others, settings.max_credits)}
        findings.append(finding_at(claim, rule=rule.id, type=rule.type, severity=rule.severity,
                                   message=rule.render(fields),
                                   related=others[: settings.max_credits]))
    return findings
