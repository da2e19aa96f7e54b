"""arithmetic: figures that cannot all be true together.

What it flags
    Shares of one whole that add up to more than 100%: the percentages of one sentence
    ("62% of residents supported the park and 45% opposed it" adds up to 107%), leaving out
    pairs the sentence links as a change or a range ("rose from 45% to 62%"): the words
    between two percentages are looked up in the language's `change_connectors`
    (`checker/lang/<lang>.yaml`). The shares are added by their lower bounds, so "about"
    figures are given the benefit of the doubt.
    Parts that exceed their whole: the parts' lower bounds added up are more than the whole's
    upper bound. A `part_of` column (the whole's claim_id) links a part to its whole; without
    one, the parts are read from the text (`derived_parts`): figures marked as a subgroup
    ("including €410 million for schools", "of whom 12 children", "darunter") right after a
    figure in the same unit of their sentence.

Why
    A poll whose answers add up to 107%, or districts whose tolls add up to more than the
    total, means one of the figures is wrong; the reader cannot tell which.

Params
    tolerance: percentage points over 100 allowed for rounding (62.4% + 38.1% is fine).
    shares: check the shares of one sentence.
    parts: check parts against their whole (needs a `part_of` column).
    part_tolerance: the fraction of the whole by which the parts may exceed it (rounding).

Example
    "In a poll published last month, 62% of residents supported the park and 45% opposed it."
    → "shares of one whole add up to 107% (62% + 45%)".
"""
from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from checker.checks import (
    CheckContext, ParamError, article_keys, blank, claim_fields, column, format_figure,
    in_targets, nominal_value, row_dicts, text_of,
)
from checker.findings import Finding, finding_at
from checker.subjects import concept_kind
from checker.units import money_factor, unit_base

if TYPE_CHECKING:
    from checker.ruleset import Rule

FIELDS = {
    "total": "the parts added up, with the unit: 107%",
    "parts": "the parts: 62% + 45%",
    "whole": "what they may not exceed: 100%, or the whole's figure",
    "equivalent": "an amount given again in another unit: 'just over 52 square miles'",
    "converted": "what the first amount is in that unit: '56.2 square_mile'",
}
_WORD = re.compile(r"\w+")
_UNBOUNDED_BELOW = ("at_most", "less_than")


@dataclass(frozen=True)
class Settings:
    tolerance: float = field(default=1.0, metadata={
        "doc": "percentage points over 100 allowed for rounding"})
    shares: bool = field(default=True, metadata={
        "doc": "check that the percentages of one sentence add up to at most 100%"})
    parts: bool = field(default=True, metadata={
        "doc": "check that parts do not exceed their whole (needs a part_of column)"})
    part_tolerance: float = field(default=0.0, metadata={
        "doc": "fraction of the whole by which its parts may exceed it (0.01 = 1%)"})
    equivalents: bool = field(default=False, metadata={
        "doc": "check that an amount given again in another unit is the same amount (36,000 "
               "acres are not 'just over 52 square miles'; money at the ECB rate of the day)"})
    equivalent_tolerance: float = field(default=0.05, metadata={
        "doc": "relative difference allowed between an amount and its equivalent (rounding)"})

    def check(self) -> list[ParamError]:
        errors = []
        if self.tolerance < 0:
            errors.append(ParamError("tolerance", "params.tolerance must be 0 or more"))
        if self.part_tolerance < 0:
            errors.append(ParamError("part_tolerance", "params.part_tolerance must be 0 or more"))
        return errors


def lower_bounds(claims: pd.DataFrame) -> pd.Series:
    """The least each figure can be: its `value_min`, 0 when unbounded below, else its value."""
    low = pd.to_numeric(column(claims, "value_min"), errors="coerce")
    unbounded = column(claims, "qualifier").isin(_UNBOUNDED_BELOW)
    return low.where(low.notna() | ~unbounded, 0.0).fillna(nominal_value(claims))


def upper_bounds(claims: pd.DataFrame) -> pd.Series:
    """The most each figure can be: its `value_max`, else its value (NaN when unbounded)."""
    high = pd.to_numeric(column(claims, "value_max"), errors="coerce")
    value = pd.to_numeric(column(claims, "value"), errors="coerce")
    return high.fillna(value)


def words(text: str) -> str:
    """' word word ' — lowercase words padded with spaces, for whole-word phrase lookups."""
    return " " + " ".join(_WORD.findall(text.casefold())) + " "


def links_as_change(between: str, connectors: Iterable[str]) -> bool:
    """True when the text between two figures holds a change or range connector."""
    padded = words(between)
    return any(phrase.strip() and phrase in padded for phrase in map(words, connectors))


def _between(first: Mapping[str, Any], second: Mapping[str, Any]) -> str:
    """The sentence text between two claims of it."""
    sentence = text_of(first.get("sentence"))
    try:
        offset = int(first.get("sentence_start"))
        return sentence[int(first["end"]) - offset:int(second["start"]) - offset]
    except (TypeError, ValueError):
        a = sentence.find(text_of(first.get("text")))
        b = sentence.find(text_of(second.get("text")), max(a, 0))
        if a < 0 or b < 0:
            return ""
        return sentence[a + len(text_of(first.get("text"))):b]


def unlinked_shares(shares: list[Mapping[str, Any]], connectors: Iterable[str]
                    ) -> list[Mapping[str, Any]]:
    """The percentages of one sentence, in text order, minus the pairs linked as a change."""
    linked: set[int] = set()
    for i, (first, second) in enumerate(zip(shares, shares[1:])):
        if links_as_change(_between(first, second), connectors):
            linked |= {i, i + 1}
    return [s for i, s in enumerate(shares) if i not in linked]


def _shares(claims: pd.DataFrame, rule: Rule, ctx: CheckContext) -> list[Finding]:
    settings: Settings = rule.settings
    percent = claims[(column(claims, "kind", "figure") == "figure")
                     & (column(claims, "unit") == "percent") & in_targets(claims, ctx)
                     # how much of a count is done ("escrutinio al 99,8%") is no share of it
                     & (column(claims, "figure_kind") != "progress")]
    sentence = column(percent, "sentence_start")
    sentence = sentence.where(sentence.notna(), column(percent, "sentence").map(text_of))
    percent = percent.assign(_article=article_keys(percent), _sentence=sentence.astype(str),
                             _low=lower_bounds(percent), _value=nominal_value(percent))
    several = percent.groupby(["_article", "_sentence"], sort=False)["_low"].transform("size") > 1
    # one conversion: per-group pandas calls cost more than the sums
    rows = row_dicts(percent[several].sort_values(["_article", "_sentence", "start"], kind="stable"))
    findings = []
    for _, group in itertools.groupby(rows, key=lambda r: (r["_article"], r["_sentence"])):
        group = list(group)
        connectors = ctx.lang_data(text_of(group[0].get("lang"))).get("change_connectors") or []
        shares = unlinked_shares(group, connectors)
        if len(shares) < 2 or sum(s["_low"] for s in shares) <= 100 + settings.tolerance:
            continue
        values = [s["_value"] for s in shares]
        fields = {
            **claim_fields(shares[0]),
            "total": format_figure(sum(values), "percent"),
            "parts": " + ".join(format_figure(v, "percent") for v in values),
            "whole": "100%",
        }
        findings.append(finding_at(shares[0], rule=rule.id, type=rule.type,
                                   severity=rule.severity, message=rule.render(fields),
                                   claims=shares))
    return findings


def _is_subgroup(scope: Any) -> bool:
    """A figure a subgroup word marks ("including", "dont"); one that only says how badly
    ("246 others seriously injured", `sub:serious`) may be a group of its own."""
    return isinstance(scope, str) and "sub" in scope.split("|")


def derived_parts(claims: pd.DataFrame) -> pd.Series:
    """`part_of` read from the text: in one sentence, the figures marked as a subgroup ("a
    budget of €2.3 billion, including €410 million for schools", "of whom 12 children") right
    after a figure in the same unit are parts of it; None elsewhere. One pass over the
    figures in text order."""
    out = pd.Series([None] * len(claims), index=claims.index, dtype=object)
    if claims.empty or "scope" not in claims.columns:
        return out
    figures = claims[column(claims, "kind", "figure") == "figure"]
    marked = figures["scope"].map(_is_subgroup)
    if not marked.any():
        return out
    # only sentences with a marked figure matter
    keys = pd.Series(list(zip(article_keys(figures), column(figures, "sentence_start"))), index=figures.index)
    figures = figures[keys.isin(set(keys[marked]))].assign(_key=keys)
    figures = figures.sort_values(["_key", "start"], kind="stable")
    current, whole = None, None
    for label, key, scope, unit, cid, subject in zip(
            figures.index, figures["_key"], figures["scope"], column(figures, "unit"),
            figures["claim_id"], column(figures, "subject_key")):
        if key != current:
            current, whole = key, None
        if not _is_subgroup(scope):
            whole = (unit, cid, subject) if unit != "percent" else None
        elif whole is not None and _same_unit(unit, whole[0]) and _may_be_part(subject, whole[2]):
            out[label] = whole[1]
    return out


def _may_be_part(part: Any, whole: Any) -> bool:
    """Whether a figure can count some of another's: not when both are outcomes, or both
    measures, and different ones ("83 dead, with 111 still missing": the missing are not
    some of the dead; "12 dead, among them 5 children": they may be)."""
    if not isinstance(part, str) or not isinstance(whole, str) or part == whole:
        return True
    kinds = {concept_kind(part), concept_kind(whole)}
    return not (len(kinds) == 1 and kinds <= {"outcome", "measure"})


def _same_unit(a: Any, b: Any) -> bool:
    none = lambda u: u is None or (isinstance(u, float) and math.isnan(u))  # noqa: E731
    return (none(a) and none(b)) or a == b


def _parts(claims: pd.DataFrame, rule: Rule, ctx: CheckContext) -> list[Finding]:
    settings: Settings = rule.settings
    if "part_of" not in claims.columns:
        claims = claims.assign(part_of=derived_parts(claims))
    parts = claims[~blank(claims["part_of"]) & in_targets(claims, ctx)]
    if parts.empty:
        return []
    wholes = claims.drop_duplicates("claim_id").set_index("claim_id", drop=False)
    findings = []
    for whole_id, group in parts.groupby("part_of", sort=False):
        if whole_id not in wholes.index:
            continue
        whole = wholes.loc[whole_id]
        top = upper_bounds(whole.to_frame().T).iloc[0]
        if pd.isna(top) or lower_bounds(group).sum() <= top * (1 + settings.part_tolerance):
            continue
        group = group.sort_values("start")
        values = nominal_value(group)
        unit = whole.get("unit")
        rows = group.to_dict("records")
        fields = {
            **claim_fields(rows[0]),
            "total": format_figure(values.sum(), unit),
            "parts": " + ".join(format_figure(v, unit) for v in values),
            "whole": format_figure(top, unit),
        }
        findings.append(finding_at(rows[0], rule=rule.id, type=rule.type, severity=rule.severity,
                                   message=rule.render(fields), claims=[whole.to_dict(), *rows]))
    return findings


def base_amount(claim: Mapping[str, Any]) -> float | None:
    """A figure's nominal value in base units (euros for money, at its article's rate)."""
    value = nominal_value(pd.DataFrame([claim])).iloc[0]
    if pd.isna(value):
        return None
    money = money_factor(text_of(claim.get("unit")) or None, text_of(claim.get("published")) or None)
    return float(value) * (money[1] if money else unit_base(text_of(claim.get("unit")) or None)[1])


def _equivalents(claims: pd.DataFrame, rule: Rule, ctx: CheckContext) -> list[Finding]:
    """An amount given again in another unit that is not the same amount."""
    settings: Settings = rule.settings
    kinds = column(claims, "figure_kind")
    if not (kinds == "conversion").any():
        return []
    figures = claims[(column(claims, "kind", "figure") == "figure") & in_targets(claims, ctx)]
    figures = figures.assign(_article=article_keys(figures)).sort_values(["_article", "start"], kind="stable")
    rows = row_dicts(figures)
    findings = []
    for before, conv in zip(rows, rows[1:]):
        if conv.get("figure_kind") != "conversion" or before["_article"] != conv["_article"]:
            continue
        a, b = base_amount(before), base_amount(conv)
        if a is None or b is None or unit_base(before.get("unit"))[0] != unit_base(conv.get("unit"))[0] \
                and not (money_factor(before.get("unit"), None) and money_factor(conv.get("unit"), None)):
            continue
        if abs(a - b) <= settings.equivalent_tolerance * max(abs(a), abs(b)):
            continue
        factor = b / nominal_value(pd.DataFrame([conv])).iloc[0]
        fields = {**claim_fields(before), "equivalent": text_of(conv.get("text")),
                  "converted": format_figure(round(a / factor, 1), conv.get("unit"))}
        findings.append(finding_at(conv, rule=rule.id, type=rule.type, severity=rule.severity,
                                   message=rule.render(fields), claims=[conv, before]))
    return findings


def run(claims: pd.DataFrame, rule: Rule, ctx: CheckContext) -> list[Finding]:
    """Shares of a sentence over 100%, parts over their whole and amounts that are not their
    stated equivalents, in target articles."""
    if claims.empty:
        return []
    settings: Settings = rule.settings
    findings = _shares(claims, rule, ctx) if settings.shares else []
    findings += _equivalents(claims, rule, ctx) if settings.equivalents else []
    return findings + (_parts(claims, rule, ctx) if settings.parts else [])
