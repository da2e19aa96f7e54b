"""Relative and open-ended dates (checker.timeline): direction, spans, anchors and quotations."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from checker import extract_text
from checker.dates import easter, find_dates, holiday_date, period_bounds, weekday_date
from checker.language import fold, language, supported_languages

CASES = Path(__file__).parent / "cases"
RELATIVE_KINDS = {"weekday", "relative", "duration"}


def _texts() -> list[tuple[str, str]]:
    out = []
    for code in supported_languages():
        data = yaml.safe_load((CASES / f"{code}.yaml").read_text("utf-8"))
        out += [(code, c["text"]) for c in data["cases"] if "dates" in c or "figures" in c]
    return out


TEXTS = _texts()


def _future_words(code: str) -> re.Pattern:
    """Words of the language data that point to the future: `next`, `this`, `until`, `by`,
    `in two days`, future tenses, and relative days after today (`tomorrow`)."""
    lang = language(code)
    words = [*lang.words("dates.next"), *lang.words("dates.this"), *lang.words("dates.until"),
             *lang.words("dates.deadline"), *lang.words("dates.ahead_before"),
             *lang.words("dates.future")]
    words += [k for k, v in (lang.data["dates"].get("relative_days") or {}).items() if int(v) > 0]
    endings = lang.words("dates.future_endings")
    alts = "|".join(re.escape(fold(w)) for w in words if w)
    ends = "|".join(re.escape(fold(e)) for e in endings)
    pattern = rf"(?<!\w)(?:{alts})(?!\w)" + (rf"|\w\w+(?:{ends})(?!\w)" if ends else "")
    return re.compile(pattern)


FUTURE = {code: _future_words(code) for code in supported_languages()}


@settings(max_examples=300, deadline=None)
@given(case=st.sampled_from(TEXTS), pub=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31)))
def test_relative_dates_never_lie_after_publication_unless_the_words_say_so(case, pub):
    code, text = case
    lang = language(code)
    for m in find_dates(text, lang, pub.isoformat()):
        if m.kind not in RELATIVE_KINDS and not (m.kind == "range" and not re.search(r"\d", text[m.start:m.end])):
            continue
        assert m.date_start is not None and m.date_end is not None, (text, m)
        start, end = dt.date.fromisoformat(m.date_start), dt.date.fromisoformat(m.date_end)
        assert start <= end, (text, m)
        if not FUTURE[code].search(fold(text)):
            assert end <= pub, (text, pub, m)


@settings(max_examples=100, deadline=None)
@given(case=st.sampled_from(TEXTS))
def test_without_a_publication_date_relative_dates_stay_unresolved(case):
    code, text = case
    for m in find_dates(text, language(code), None):
        if m.kind in RELATIVE_KINDS | {"anchor", "deadline"}:
            assert (m.date_start, m.date_end) == (None, None), (text, m)


@given(pub=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31)),
       wd=st.integers(0, 6))
def test_weekday_directions(pub, wd):
    back, ahead = weekday_date(wd, pub, None), weekday_date(wd, pub, "ahead")
    assert back.weekday() == ahead.weekday() == wd
    assert 0 <= (pub - back).days <= 6 and 0 <= (ahead - pub).days <= 6
    assert 1 <= (pub - weekday_date(wd, pub, "last")).days <= 7
    assert 1 <= (weekday_date(wd, pub, "next") - pub).days <= 7
    this = weekday_date(wd, pub, "this")
    assert this.isocalendar()[:2] == pub.isocalendar()[:2]


@given(pub=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31)))
def test_last_week_is_the_monday_to_sunday_before(pub):
    a, b = period_bounds("week", pub, "last")
    assert a.weekday() == 0 and (b - a).days == 6 and b < pub and (pub - b).days <= 7


def test_easter_and_holidays_as_data():
    assert [easter(y) for y in (2024, 2025, 2026)] == [dt.date(2024, 3, 31), dt.date(2025, 4, 20),
                                                        dt.date(2026, 4, 5)]
    assert holiday_date("easter+1", dt.date(2025, 4, 26)) == dt.date(2025, 4, 21)
    assert holiday_date("12-24", dt.date(2024, 12, 21)) == dt.date(2023, 12, 24)
    assert holiday_date("12-24", dt.date(2024, 12, 21), ahead=True) == dt.date(2024, 12, 24)


def test_a_deadline_never_resolves_into_the_past():
    # "d'ici juin" in October is next June, from the statement day
    d = find_dates("Les travaux seront finis d'ici juin.", language("fr"), "2025-10-02")
    assert [(x.date_start, x.date_end) for x in d] == [("2025-10-02", "2026-06-30")]


def test_a_quoted_tomorrow_counts_from_the_day_it_was_said():
    text = "“Domani ci saranno 200.000 persone”. Lo ha detto ieri il prefetto."
    d = find_dates(text, language("it"), "2025-04-26")
    assert [(text[x.start:x.end], x.date_start) for x in d] == [("Domani", "2025-04-26"), ("ieri", "2025-04-25")]
    # unquoted, tomorrow is the day after publication
    d = find_dates("Domani ci saranno 200.000 persone.", language("it"), "2025-04-26")
    assert [x.date_start for x in d] == ["2025-04-27"]


def test_a_weekday_a_source_spoke_on_stays_in_the_past_despite_a_future_clause():
    d = find_dates("Il ministro ha detto venerdì che il bilancio sarà alto.", language("it"), "2025-04-30")
    assert [(x.date_start, x.date_end) for x in d] == [("2025-04-25", "2025-04-25")]


def test_figure_dates_and_roles():
    frame = extract_text("The storm hit on Saturday.\n\nSo far 22 people have died. Officials said on "
                         "Monday that 300 homes burned.", lang="en", published="2025-04-30")
    figures = frame[frame["kind"] == "figure"]
    assert list(zip(figures["value"], figures["date_start"], figures["date_role"])) == [
        (22.0, "2025-04-30", "statement"), (300.0, "2025-04-28", "statement")]


def test_a_future_verb_outside_the_weekday_clause_does_not_move_it():
    d = find_dates("The storm, which hit on Saturday, will be remembered.", language("en"), "2025-04-30")
    assert [(x.date_start, x.date_end) for x in d] == [("2025-04-26", "2025-04-26")]
    d = find_dates("The ship will reach the island on Saturday.", language("en"), "2025-04-30")
    assert [(x.date_start, x.date_end) for x in d] == [("2025-05-03", "2025-05-03")]


def test_a_count_from_an_event_in_apposition_is_the_day_beside_it():
    text = "Volunteers began clearing mud on Tuesday, a day after the storm flooded it."
    d = find_dates(text, language("en"), "2025-03-13")
    assert [(text[x.start:x.end], x.date_start) for x in d] == [("Tuesday", "2025-03-11"), ("a day after", "2025-03-11")]
