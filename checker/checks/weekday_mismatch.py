"""weekday-mismatch: a weekday and a date that disagree.

What it flags
    A date written with its weekday where the two cannot both be right: "lunedì 22 ottobre
    2024" (22 October 2024 was a Tuesday), "Monday, October 22, 2024". It reads the date
    claims' `weekday` (the weekday written in the text, 0 = Monday) and their `date_start`,
    for dates of one day.

Why
    One of the two is wrong, and nobody can tell which without checking: the event may be
    placed on the wrong day. Weekday names come from CLDR (Babel) in the article's language.

Params
    none.

Example
    "Lunedì 22 ottobre 2024 il NIS ha riferito..." → "'Lunedì 22 ottobre 2024': 2024-10-22
    is a Tuesday (martedì), not a Monday (lunedì)".
"""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd
from babel import Locale, UnknownLocaleError

from checker.checks import CheckContext, claim_fields, column, in_targets, text_of
from checker.findings import Finding, finding_at

if TYPE_CHECKING:
    from checker.ruleset import Rule

FIELDS = {
    "date": "the date, YYYY-MM-DD",
    "weekday": "the weekday written, in English",
    "actual_weekday": "the weekday of the date, in English",
    "weekday_local": "the weekday written, in the article's language",
    "actual_weekday_local": "the weekday of the date, in the article's language",
}


@dataclass(frozen=True)
class Settings:
    """No params."""


@functools.lru_cache(maxsize=None)
def weekday_names(lang: str) -> tuple[str, ...]:
    """Monday..Sunday in `lang` (CLDR, wide, standalone); English when the locale is unknown."""
    try:
        locale = Locale.parse(lang or "en")
    except (UnknownLocaleError, ValueError, TypeError):
        locale = Locale.parse("en")
    names = locale.days["stand-alone"]["wide"]
    return tuple(str(names[i]) for i in range(7))


def mismatches(claims: pd.DataFrame) -> pd.DataFrame:
    """Date claims of one day whose written weekday is not the date's weekday, with both."""
    weekday = pd.to_numeric(column(claims, "weekday"), errors="coerce")
    start = pd.to_datetime(column(claims, "date_start"), errors="coerce", format="%Y-%m-%d")
    end = pd.to_datetime(column(claims, "date_end"), errors="coerce", format="%Y-%m-%d")
    one_day = end.isna() | (end == start)
    rows = claims[(column(claims, "kind") == "date") & weekday.isin(range(7)) & start.notna() & one_day]
    actual = start.loc[rows.index].dt.day_of_week
    wrong = weekday.loc[rows.index] != actual
    return rows[wrong].assign(_written=weekday.loc[rows.index][wrong].astype(int),
                              _actual=actual[wrong].astype(int))


def run(claims: pd.DataFrame, rule: Rule, ctx: CheckContext) -> list[Finding]:
    """A finding at every date of a target article whose weekday is wrong."""
    if claims.empty:
        return []
    findings = []
    for claim in mismatches(claims[in_targets(claims, ctx)]).to_dict("records"):
        english, local = weekday_names("en"), weekday_names(text_of(claim.get("lang")))
        date = dt.date.fromisoformat(str(claim["date_start"])[:10])
        fields = {
            **claim_fields(claim),
            "date": date.isoformat(),
            "weekday": english[claim["_written"]],
            "actual_weekday": english[claim["_actual"]],
            "weekday_local": local[claim["_written"]],
            "actual_weekday_local": local[claim["_actual"]],
        }
        findings.append(finding_at(claim, rule=rule.id, type=rule.type, severity=rule.severity,
                                   message=rule.render(fields)))
    return findings
