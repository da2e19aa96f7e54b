"""Dates and date ranges of events, resolved against the article's publication date.

Absolute dates (`22 ottobre 2024`, `Oct. 8, 2024`, `2024-10-22`, `22/10/2024`), ranges
(`8–13 ottobre`, `tra l'8 e il 13 ottobre`, `between Oct. 8 and 13`), weekdays (`lunedì` is
the most recent Monday on or before publication; `venerdì scorso`, `last Thursday`), relative
days, months and years (`ieri`, `last month`, `in June`, `nel 2027`). With no publication
date a relative date keeps null bounds rather than a guess.
"""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

from checker.language import (Language, alternation, fold, lower, next_span, period_unit_words,
                              skipping, word_matches, word_start)
from checker.numbers import parse_number_words
from checker.subjects import concept_kind
from checker.timeline import settle


@dataclass(frozen=True)
class DateMention:
    """A date or date range written in the text; bounds are ISO dates or None."""

    start: int
    end: int
    date_start: str | None
    date_end: str | None
    weekday: int | None = None  # a weekday written beside an absolute date (0 = Monday)
    kind: str = "date"
    dow: int | None = None  # the day of the week of a weekday written alone (0 = Monday)
    rel: str | None = None  # the word that places it: `last`, `next`, `this`, `early`
    offset: int | None = None  # days from an anchor date ("two days after", "the day of")
    rule: str | None = None  # a holiday's rule of the language data (`12-24`, `easter+1`)
    unit: str | None = None  # the period a relative mention names (`weekend`, `week`, `month`)


@functools.lru_cache(maxsize=None)
def _patterns(lang: Language) -> list[tuple[str, re.Pattern, re.Pattern | None]]:
    """(name, pattern, skipped) of each date pattern: a pattern that starts with a digit as it
    is and None, one that starts at a word start as None and `skipping(pattern)` (see
    `word_matches`)."""
    w = lang.words
    # a month's name, not its abbreviation ("Mai", "mai" and "May" are names; "Jan" is short
    # for "January"): a bare month is a date only after a preposition or before a year
    full_months = [m for m in lang.months if not m.endswith(".") and not any(
        o != m and not o.endswith(".") and o.startswith(m) and lang.months[o] == lang.months[m]
        for o in lang.months)]
    MONTH = alternation(lang.months)
    MONTH_FULL = alternation(full_months)
    WD = alternation(lang.weekdays)
    pairs = [p for p in (lang.data.get("ranges") or [])]
    openers = {p[0] for p in pairs if p[0]}
    OPEN = alternation(openers)
    JOIN = alternation({p[1] for p in pairs})
    ART = alternation(w("dates.day_articles"))
    DML = alternation(w("dates.day_month_links"))
    YL = alternation(w("dates.year_links"))
    SUF = alternation(w("dates.day_suffixes"))
    LAST = alternation(w("dates.last"))
    NEXT = alternation(w("dates.next"))
    relative = w("dates.relative_days") if isinstance(lang.data.get("dates", {}).get(
        "relative_days"), list) else (lang.data.get("dates", {}).get("relative_days") or {})
    REL = alternation(relative)
    UNITW = alternation(period_unit_words(lang))
    THIS = alternation(w("dates.this"))
    EARLY = alternation(w("dates.earlier"))
    units = lang.data.get("dates", {}).get("units_of_time") or {}
    count_units = [str(x) for forms in units.values() for x in forms]
    COUNTW = alternation(count_units)
    AGO_B, AGO_A = alternation(w("dates.ago_before")), alternation(w("dates.ago_after"))
    AHEAD, LASTN = alternation(w("dates.ahead_before")), alternation(w("dates.last_n"))
    AFTER, BEFORE = alternation(w("dates.after")), alternation(w("dates.before"))
    ONE = alternation(w("dates.one"))
    MORPH = alternation(w("numbers.morphemes"))
    UNTIL = alternation(w("dates.until") + w("dates.deadline"))
    ENDOF = alternation(w("dates.end_of"))
    QORD, QW = alternation(w("dates.quarter_ordinals")), alternation(w("dates.quarter_words"))
    QLINK = alternation(w("dates.quarter_links"))
    YEARW = alternation(w("dates.year_words"))
    HOL = alternation(w("dates.holidays"))
    DAYOF = alternation(w("dates.day_of"))
    NIGHTB = alternation(w("dates.night_before"))
    SEP = r"(?:\s+|(?<=['’]))"
    # open-ended words may stand before a month or a year: "entro marzo", "bis Ende 2026"
    open_words = w("dates.since") + w("dates.until") + w("dates.deadline")
    ends = [f"{u} {e}" for u in w("dates.until") + w("dates.deadline") for e in w("dates.end_of")]
    month_preps = w("dates.month_prepositions") + open_words + ends
    year_preps = w("dates.year_prepositions") + open_words + ends
    NIGHT = alternation(w("dates.night"))
    MPREP = alternation(month_preps)
    YPREP = alternation(year_preps)
    B = r"(?<![\w])"
    # B and the characters a match can start with (see `word_start`): the first word of each
    # pattern, or of its optional leading words
    last_next = w("dates.last") + w("dates.next")
    arts = w("dates.day_articles")
    starts = {
        "day_range": word_start(openers, arts, digits=True),
        "month_range": word_start(openers, lang.months),
        "day_month": word_start(lang.weekdays, arts, digits=True),
        "month_day": word_start(lang.weekdays, lang.months),
        "night": word_start(w("dates.night")),
        "weekday": word_start(last_next, w("dates.this"), lang.weekdays),
        "relative": word_start(relative),
        "period": word_start(last_next, w("dates.this"), w("dates.earlier"), arts, period_unit_words(lang)),
        "month": word_start(month_preps, full_months),
        "year": word_start(year_preps),
        "period_end": word_start(w("dates.until"), w("dates.deadline")),
        "count": word_start(w("dates.ago_before"), w("dates.ahead_before"), w("dates.last_n"),
                          w("dates.one"), w("numbers.morphemes"), digits=True),
        "quarter": word_start(w("dates.quarter_ordinals")),
        "holiday": word_start(w("dates.holidays")),
        "day_of": word_start(w("dates.day_of")),
        "night_before": word_start(w("dates.night_before")),
    }
    starts["day_range2"] = starts["day_range"]
    E = r"(?![\w])"
    day = rf"[0-3]?\d(?:{SUF})?"
    year = r"(?:1[89]|20)\d\d"
    tail_year = rf"(?:,?\s+(?:{YL}\s+)?(?P<y>{year}){E})?"
    art = rf"(?:{ART}(?:\s+|(?<=['’])))?"
    link = rf"\s+(?:{DML}\s+)?"
    wd_lead = rf"(?:(?P<wd>{WD}),?\s+(?:{art})?)?"
    raw = [
        # `(?<![\d-])(?P<y>{year})-…` and `(?<![\d/.,])(?P<a>[0-3]?\d)[/.]…` with the first digit in
        # front of the look-behind, so the scans jump from digit to digit
        ("iso", r"(?P<y>[12](?<![\d-][12])(?:(?<=1)[89]|(?<=2)0)\d\d)-(?P<mo>[01]\d)-(?P<d>[0-3]\d)(?![\d-])"),
        ("numeric", rf"(?P<a>\d(?<![\d/.,]\d)(?:(?<=[0-3])\d)?)[/.](?P<b>[01]?\d)[/.](?P<y>{year}|\d\d)"
                    rf"(?![\d/]|[.,]\d)"),
        ("day_range", rf"{B}(?:(?P<open>{OPEN})\s*)?{art}(?P<d1>{day})\s*(?P<join>{JOIN})\s*{art}"
                      rf"(?P<d2>{day}){link}(?P<m>{MONTH}){E}{tail_year}"),
        ("day_range2", rf"{B}(?:(?P<open>{OPEN})\s*)?{art}(?P<d1>{day}){link}(?P<m1>{MONTH})\s*"
                       rf"(?P<join>{JOIN})\s*{art}(?P<d2>{day}){link}(?P<m>{MONTH}){E}{tail_year}"),
        ("month_range", rf"{B}(?:(?P<open>{OPEN})\s+)?(?P<m>{MONTH})\s*(?P<d1>{day})\s*"
                        rf"(?P<join>{JOIN})\s*(?:(?P<m2>{MONTH})\s*)?(?P<d2>{day}){E}{tail_year}"),
        ("day_month", rf"{B}{wd_lead}{art}(?P<d1>{day}){link}(?P<m>{MONTH}){E}{tail_year}"),
        ("month_day", rf"{B}{wd_lead}(?P<m>{MONTH})\s*(?P<d1>{day}){E}{tail_year}"),
        ("night", rf"{B}(?P<night>{NIGHT})\s+{art}(?P<wa>{WD})\s+(?P<join>{JOIN})\s+{art}(?P<wb>{WD}){E}"),
        ("weekday", rf"{B}(?:(?P<l1>{LAST}|{NEXT}|{THIS})\s+)?(?P<w>{WD}){E}(?:\s+(?P<l2>{LAST}|{NEXT}){E})?"),
        ("night_before", rf"{B}(?P<nb>{NIGHTB})\s+(?P<w>{WD}){E}"),
        ("relative", rf"{B}(?P<rel>{REL}){E}"),
        ("period", rf"{B}(?:(?P<early>{EARLY}){SEP}(?:{THIS}\s+)?|(?P<l1>{LAST}|{NEXT}|{THIS}){SEP})?{art}"
                   rf"(?P<unit>{UNITW}){E}(?:\s+(?P<l2>{LAST}|{NEXT}){E})?"),
        ("period_end", rf"{B}(?P<dl>{UNTIL})\s+{ENDOF}{SEP}(?:(?P<l1>{THIS}|{LAST}|{NEXT}){SEP})?"
                       rf"(?P<unit>{UNITW}){E}"),
        ("count", rf"{B}(?:(?P<ago>{AGO_B})\s+|(?P<ahead>{AHEAD})\s+|(?P<ln1>{LASTN})\s+)?"
                  rf"(?P<n>\d{{1,3}}|{ONE}|{MORPH}+)\s+(?:(?P<ln2>{LASTN})\s+)?(?P<unit>{COUNTW}){E}"
                  rf"(?:\s+(?:(?P<ago2>{AGO_A})|(?P<after>{AFTER})|(?P<before>{BEFORE})){E})?"),
        ("quarter", rf"{B}(?P<ord>{QORD})\s+(?P<q>{QW}){E}(?:\s+(?:{QLINK}{SEP})?(?:(?P<y>{year})|"
                    rf"(?:{THIS}{SEP})?(?P<yw>{YEARW})){E})?"),
        ("holiday", rf"{B}(?P<hol>{HOL}){E}"),
        ("day_of", rf"{B}(?P<dayof>{DAYOF}){E}"),
        ("month", rf"{B}(?:(?P<prep>{MPREP})(?:\s+|-))?(?P<m>{MONTH_FULL}){E}(?:\s+(?:{YL}\s+)?(?P<y>{year}){E})?"),
        ("year", rf"{B}(?P<prep>{YPREP})\s+(?P<y>{year}){E}"),
    ]
    out = []
    for name, p in raw:
        if name in starts:
            p = p.replace(B, starts[name], 1)
        out.append((name, None, re.compile(skipping(p))) if name in starts else (name, re.compile(p), None))
    return out



# which trigger each pattern needs: no month name, no month-based date
_NEEDS = {"iso": "num", "numeric": "num", "year": "num", "day_range": "month",
          "day_range2": "month", "month_range": "month", "day_month": "month",
          "month_day": "month", "month": "month", "night": "wd", "weekday": "wd",
          "relative": "rel", "period": "per", "period_end": "per", "count": "cnt",
          "quarter": "qtr", "day_of": "dof", "night_before": "wd", "holiday": "hol"}


# words without which no date pattern can match (the full patterns run only near them): the
# first of these lists that matches, at the first place one does, in this order
_TRIGGERS = (("month", "month"), ("weekday", "wd"), ("relative_day", "rel"))
# a year, or digits around `/`, `.` or `-` (the digit first, so the scan jumps between digits)
_NUMBER = re.compile(r"\d(?:(?<=1)[89]\d\d|(?<=2)0\d\d|[/.-]\d)")


def _triggers(body: str, lang: Language) -> list[tuple[str, int, int]]:
    """(kind, start, end) of each trigger: the matches of one alternation of the lists of
    `_TRIGGERS` and `_NUMBER`, taken from the article's word-list scan."""
    scanned = lang.scan(body)
    lists = [(kind, scanned[key], lang.re[key]) for key, kind in _TRIGGERS]
    lists.append(("num", [m.span() for m in _NUMBER.finditer(body)], _NUMBER))
    out = []
    pos = 0
    while True:
        best = None
        for kind, spans, pattern in lists:
            span = next_span(spans, pattern, body, pos)
            if span is not None and (best is None or span[0] < best[1]):
                best = (kind, span[0], span[1])
        if best is None:
            return out
        out.append(best)
        pos = best[2]


_MARGIN = 120  # characters around a trigger word within which a date pattern is looked for


# the words of a period stand close to its noun (characters before it, after it): "hace dos
# días", "by the end of the year", "segundo trimestre del año 2025", "Ostermontag"
_PERIOD_MARGINS = {"per": (40, 20), "cnt": (40, 20), "qtr": (20, 30), "hol": (2, 2), "dof": (2, 2)}


@functools.lru_cache(maxsize=None)
def _period_kinds(lang: Language) -> dict[str, tuple[str, ...]]:
    """For each word of the scanned period list, the trigger kinds it opens: `per` (a week,
    month or year word), `cnt` (a unit counted: `días`), `qtr`, `hol` (a holiday), `dof`."""
    w = lang.words
    units = lang.data.get("dates", {}).get("units_of_time") or {}
    groups = {"per": period_unit_words(lang),
              "cnt": [str(x) for forms in units.values() for x in forms],
              "qtr": w("dates.quarter_words"), "hol": w("dates.holidays"), "dof": w("dates.day_of")}
    out: dict[str, set[str]] = {}
    for kind, words in groups.items():
        for word in words:
            out.setdefault(" ".join(fold(word).split()), set()).add(kind)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def _windows(body: str, lang: Language) -> dict[str, list[tuple[int, int]]]:
    """Stretches of text around each kind of trigger, merged where they overlap."""
    windows: dict[str, list[tuple[int, int]]] = {}

    def add(kind: str, s: int, e: int, before: int, after: int) -> None:
        start, end = max(0, s - before), min(len(body), e + after)
        spans = windows.setdefault(kind, [])
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))

    for kind, s, e in _triggers(body, lang):
        add(kind, s, e, _MARGIN, _MARGIN)
    kinds = _period_kinds(lang)
    for s, e in lang.scan(body)["period"]:
        word = body[s:e]
        found = kinds.get(word)
        for kind in kinds.get(" ".join(fold(word).split()), ()) if found is None else found:
            add(kind, s, e, *_PERIOD_MARGINS[kind])
    return windows


def find_dates(body: str, lang: Language, published: str | None) -> list[DateMention]:
    """Every date mention in `body`, longest first where they overlap, in text order."""
    pub = parse_iso(published)
    body = lower(body)  # the patterns are lower-case; offsets do not change
    candidates: list[DateMention] = []
    windows = _windows(body, lang)
    padded = " " + body  # see `word_matches`
    for name, pattern, skipped in _patterns(lang):
        for ws, we in windows.get(_NEEDS[name], ()):
            for m in (pattern.finditer(body, ws, we) if skipped is None
                      else word_matches(skipped, padded, ws, we)):
                start, end = (m.start(), m.end()) if skipped is None else (m.start(), m.end() - 1)
                if end >= we - 1 and we < len(body):
                    continue  # cut by the window: the margin is wide enough for any date
                try:
                    mention = _resolve(name, m, start, end, lang, pub)
                except OverflowError:  # before year 1 or after 9999: a date with null bounds
                    mention = _resolve(name, m, start, end, lang, None)
                if mention is not None:
                    candidates.append(mention)
    candidates.sort(key=lambda c: (c.start, -(c.end - c.start)))
    chosen: list[DateMention] = []
    taken = bytearray(len(body))  # characters of chosen dates: one look-up a candidate, not a scan
    for c in sorted(candidates, key=lambda c: (-(c.end - c.start), c.start)):
        if taken.find(1, c.start, c.end) < 0:
            chosen.append(c)
            taken[c.start:c.end] = b"\x01" * (c.end - c.start)
    chosen.sort(key=lambda c: c.start)
    try:
        return settle(chosen, body, lang, pub)
    except (OverflowError, ValueError):  # a count past year 1 or 9999: the dates as found
        return chosen


def parse_iso(value: str | None) -> dt.date | None:
    """A `YYYY-MM-DD` publication date, or None when absent or not a date."""
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


_DIGITS = re.compile(r"\d+")


def _day(text: str) -> int:
    return int(_DIGITS.match(text).group())


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _nearest_year(month: int, day: int, pub: dt.date | None, year: str | None) -> int | None:
    """The written year, or the year that puts the date nearest the publication date."""
    if year:
        return int(year)
    if pub is None:
        return None
    return _year_nearest(month, day, pub)


@functools.lru_cache(maxsize=4096)
def _year_nearest(month: int, day: int, pub: dt.date) -> int | None:
    options = [y for y in (pub.year - 1, pub.year, pub.year + 1) if _safe_date(y, month, day)]
    return min(options, key=lambda y: abs((_safe_date(y, month, day) - pub).days), default=None)


def _pair_ok(lang: Language, m: re.Match) -> bool:
    """A range is only a range when its opening and joining words are a pair of the language."""
    opener = fold(m.group("open") or "").strip()
    join = fold(m.group("join") or "").strip()
    return (" ".join(opener.split()), " ".join(join.split())) in _range_pairs(lang)


@functools.lru_cache(maxsize=None)
def _range_pairs(lang: Language) -> frozenset[tuple[str, str]]:
    return frozenset((fold(p[0]).strip(), fold(p[1]).strip()) for p in lang.data.get("ranges") or [])


@functools.lru_cache(maxsize=None)
def _relative_days(lang: Language) -> dict[str, int]:
    return {fold(k): int(v) for k, v in (lang.data["dates"].get("relative_days") or {}).items()}


def _month(lang: Language, text: str | None) -> int | None:
    return lang.months.get(fold(text or "").strip()) if text else None


def _resolve(name: str, m: re.Match, start: int, end: int, lang: Language, pub: dt.date | None
             ) -> DateMention | None:
    """The date a match gives, `start` and `end` its place in the text (`m.string` may be the
    text after a space: see `word_matches`)."""
    g = m.groupdict()
    if name == "iso":
        d = _safe_date(int(g["y"]), int(g["mo"]), int(g["d"]))
        return DateMention(start, end, _iso(d), _iso(d), kind="date") if d else None
    if name == "numeric":
        a, b = int(g["a"]), int(g["b"])
        y = int(g["y"]) + (2000 if len(g["y"]) == 2 else 0)
        day, month = (b, a) if lang.data.get("numeric_date_order") == "mdy" else (a, b)
        d = _safe_date(y, month, day) or _safe_date(y, day, month)
        return DateMention(start, end, _iso(d), _iso(d)) if d else None
    if name in ("day_range", "day_range2", "month_range"):
        if not _pair_ok(lang, m):
            return None
        m2 = _month(lang, g.get("m2")) or _month(lang, g["m"])
        m1 = _month(lang, g.get("m1")) or (_month(lang, g["m"]) if name != "day_range2" else None)
        if name == "month_range":
            m1, m2 = _month(lang, g["m"]), _month(lang, g.get("m2")) or _month(lang, g["m"])
        d1, d2 = _day(g["d1"]), _day(g["d2"])
        if not m1 or not m2:
            return None
        y2 = _nearest_year(m2, d2, pub, g.get("y"))
        if y2 is None:
            return DateMention(start, end, None, None, kind="range") if _safe_date(2000, m1, d1) else None
        y1 = y2 if (m1, d1) <= (m2, d2) else y2 - 1
        a, b = _safe_date(y1, m1, d1), _safe_date(y2, m2, d2)
        if not a or not b or a >= b:
            return None
        return DateMention(start, end, _iso(a), _iso(b), kind="range")
    if name in ("day_month", "month_day"):
        month, day = _month(lang, g["m"]), _day(g["d1"])
        if not month or not _safe_date(2000, month, day):
            return None
        y = _nearest_year(month, day, pub, g.get("y"))
        d = _safe_date(y, month, day) if y else None
        weekday = lang.weekdays.get(fold(g["wd"])) if g.get("wd") else None
        return DateMention(start, end, _iso(d), _iso(d), weekday=weekday)
    if name == "night":
        wa, wb = lang.weekdays[fold(g["wa"])], lang.weekdays[fold(g["wb"])]
        if pub is None:
            return DateMention(start, end, None, None, kind="range")
        second = pub - dt.timedelta(days=(pub.weekday() - wb) % 7)
        first = second - dt.timedelta(days=((second.weekday() - wa) % 7) or 7)
        return DateMention(start, end, _iso(first), _iso(second), kind="range")
    if name in ("weekday", "night_before"):
        wd = lang.weekdays[fold(g["w"])]
        rel = _rel_word(lang, g.get("l1") or g.get("l2"))
        if pub is None:
            return DateMention(start, end, None, None, kind="weekday", dow=wd, rel=rel)
        d = weekday_date(wd, pub, rel)
        if name == "night_before":  # the night that ends on the day named
            return DateMention(start, end, _iso(d - dt.timedelta(days=1)), _iso(d), kind="range")
        return DateMention(start, end, _iso(d), _iso(d), kind="weekday", dow=wd, rel=rel)
    if name == "relative":
        offset = _relative_days(lang).get(" ".join(fold(g["rel"]).split()))
        if offset is None:
            return None
        d = pub + dt.timedelta(days=offset) if pub else None
        return DateMention(start, end, _iso(d), _iso(d), kind="relative")
    if name in ("period", "period_end"):
        rel = "early" if g.get("early") else _rel_word(lang, g.get("l1") or g.get("l2"))
        unit = _unit_of(lang, g["unit"])
        if rel is None and name == "period" and unit != "weekend":
            return None  # "the month" alone is no date; "the weekend" is the last one
        if pub is None:
            return DateMention(start, end, None, None, kind="relative")
        a, b = period_bounds(unit, pub, rel)
        if name == "period_end":  # a deadline: from the statement to the period's end
            return DateMention(start, end, _iso(pub), _iso(b), kind="deadline") if b >= pub else None
        if rel == "early":  # "earlier this week": from its start to the statement
            b = pub
        return DateMention(start, end, _iso(a), _iso(b), kind="relative", rel=rel, unit=unit)
    if name == "count":
        return _count(start, end, g, lang, pub)
    if name == "quarter":
        q = _ordinals(lang).get(fold(g["ord"]))
        if not q or q > 4:
            return None
        y = int(g["y"]) if g.get("y") else (pub.year if pub else None)
        if y is None:
            return DateMention(start, end, None, None, kind="quarter")
        last = calendar.monthrange(y, 3 * q)[1]
        return DateMention(start, end, f"{y:04d}-{3 * q - 2:02d}-01", f"{y:04d}-{3 * q:02d}-{last:02d}",
                           kind="quarter")
    if name == "holiday":
        rule = _holidays(lang).get(" ".join(fold(g["hol"]).split()))
        d = holiday_date(rule, pub) if rule and pub else None
        return DateMention(start, end, _iso(d), _iso(d), kind="holiday", rule=rule)
    if name == "day_of":
        return DateMention(start, end, None, None, kind="anchor", offset=0)
    if name == "month":
        if not g.get("prep") and not g.get("y"):
            return None
        if not g.get("y") and _day_follows(m.string, m.end(), lang):  # (m's own string and end)
            return None  # "since June 12, …" is a day; "in June 12 people died" a month
        mo = _month(lang, g["m"])
        if g.get("y"):
            y = int(g["y"])
        elif pub:
            y = pub.year if mo <= pub.month else pub.year - 1
        else:
            return DateMention(start, end, None, None, kind="month")
        last = calendar.monthrange(y, mo)[1]
        return DateMention(start, end, f"{y:04d}-{mo:02d}-01", f"{y:04d}-{mo:02d}-{last:02d}",
                           kind="month")
    if name == "year":
        y = int(g["y"])
        return DateMention(start, end, f"{y}-01-01", f"{y}-12-31", kind="year")
    return None


_DAY_AFTER = re.compile(r"[ \t]+(\d{1,2})(?!\d)(?:[ \t]+([^\W\d_]+))?")


def _day_follows(body: str, end: int, lang: Language) -> bool:
    """Whether the number right after a month is its day: not when what follows the number
    is what it counts ("in June 12 people died")."""
    m = _DAY_AFTER.match(body, end)
    if not m or not 1 <= int(m.group(1)) <= 31:
        return False
    counted = m.group(2) and concept_kind(lang.concept_of.get(fold(m.group(2)))) in ("thing", "outcome")
    return not counted


def _rel_word(lang: Language, word: str | None) -> str | None:
    """`last`, `next` or `this` for the word that places a weekday or a period, else None."""
    rel = " ".join(fold(word or "").split())
    if not rel:
        return None
    if rel in lang.folded("dates.next"):
        return "next"
    if rel in lang.folded("dates.this"):
        return "this"
    return "last"


def weekday_date(wd: int, pub: dt.date, rel: str | None) -> dt.date:
    """The day a weekday names: `last` strictly before, `next` strictly after, `this` in the
    publication's week (Monday to Sunday), `ahead` on or after, else on or before."""
    if rel == "next":
        return pub + dt.timedelta(days=((wd - pub.weekday()) % 7) or 7)
    if rel == "last":
        return pub - dt.timedelta(days=((pub.weekday() - wd) % 7) or 7)
    if rel == "this":
        return pub + dt.timedelta(days=wd - pub.weekday())
    if rel == "ahead":
        return pub + dt.timedelta(days=(wd - pub.weekday()) % 7)
    return pub - dt.timedelta(days=(pub.weekday() - wd) % 7)


def _unit_of(lang: Language, word: str) -> str:
    """`day`, `week`, `weekend`, `month` or `year` for a word of time."""
    folded = " ".join(fold(word).split())
    if folded in lang.folded("dates.weekend_words"):
        return "weekend"
    if folded in lang.folded("dates.year_words"):
        return "year"
    if folded in lang.folded("dates.month_words"):
        return "month"
    return _units_of_time(lang).get(folded, "week")


@functools.lru_cache(maxsize=None)
def _units_of_time(lang: Language) -> dict[str, str]:
    units = lang.data.get("dates", {}).get("units_of_time") or {}
    return {" ".join(fold(str(x)).split()): str(u) for u, forms in units.items() for x in forms}


@functools.lru_cache(maxsize=None)
def _ordinals(lang: Language) -> dict[str, int]:
    return {fold(k): int(v) for k, v in (lang.data.get("dates", {}).get("quarter_ordinals") or {}).items()}


@functools.lru_cache(maxsize=None)
def _holidays(lang: Language) -> dict[str, str]:
    return {" ".join(fold(k).split()): str(v)
            for k, v in (lang.data.get("dates", {}).get("holidays") or {}).items()}


def period_bounds(unit: str, pub: dt.date, rel: str | None) -> tuple[dt.date, dt.date]:
    """The week (Monday to Sunday), month or year before (`last`), after (`next`) or of the
    publication date; a weekend with no word to place it, or `this`, is the last one begun by
    then (the future tense moves it ahead: `checker.timeline`)."""
    step = {"last": -1, "next": 1}.get(rel or "", 0)
    if unit == "weekend":
        monday = pub - dt.timedelta(days=pub.weekday())
        if rel in (None, "early", "this"):  # "ce week-end, 40 maisons ont été détruites"
            step = 0 if pub.weekday() >= 5 else -1
        saturday = monday + dt.timedelta(days=5 + 7 * step)
        return saturday, min(saturday + dt.timedelta(days=1), max(pub, saturday))
    if unit == "year":
        return dt.date(pub.year + step, 1, 1), dt.date(pub.year + step, 12, 31)
    if unit == "month":
        y, mo = divmod(pub.year * 12 + pub.month - 1 + step, 12)
        return dt.date(y, mo + 1, 1), dt.date(y, mo + 1, calendar.monthrange(y, mo + 1)[1])
    monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(days=7 * step)
    if unit == "day":
        return pub + dt.timedelta(days=step), pub + dt.timedelta(days=step)
    return monday, monday + dt.timedelta(days=6)


def holiday_date(rule: str, pub: dt.date, ahead: bool = False) -> dt.date | None:
    """The day of a holiday rule (`12-24`, `easter+1`): the last on or before the publication
    date, or with `ahead` the first on or after it."""
    days = [d for y in (pub.year - 1, pub.year, pub.year + 1) if (d := _holiday_in(rule, y))]
    if ahead:
        return min((d for d in days if d >= pub), default=None)
    return max((d for d in days if d <= pub), default=None)


def _holiday_in(rule: str, year: int) -> dt.date | None:
    m = re.fullmatch(r"easter([+-]\d+)?", rule.strip())
    if m:
        return easter(year) + dt.timedelta(days=int(m.group(1) or 0))
    m = re.fullmatch(r"(\d\d)-(\d\d)", rule.strip())
    return _safe_date(year, int(m.group(1)), int(m.group(2))) if m else None


def easter(year: int) -> dt.date:
    """Easter Sunday of a Gregorian year (the anonymous Gregorian computus): movable holidays
    are data as offsets from it (`easter+1` is Easter Monday)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


_DAYS = {"day": 1, "week": 7}


def _count(start: int, end: int, g: dict, lang: Language, pub: dt.date | None) -> DateMention | None:
    """`two days ago`, `in two days`, `the last three days`, `four days before …`: the count
    of days or weeks from the publication date, or from an anchor date found later."""
    n = _count_value(g["n"], lang)
    unit = _unit_of(lang, g["unit"])
    if n is None or n < 1:
        return None
    if g.get("after") or g.get("before"):
        if unit not in _DAYS:
            return None
        sign = 1 if g.get("after") else -1
        return DateMention(start, end, None, None, kind="anchor", offset=sign * n * _DAYS[unit])
    back = g.get("ago") or g.get("ago2")
    if not (back or g.get("ahead") or g.get("ln1") or g.get("ln2")):
        return None
    if pub is None:
        return DateMention(start, end, None, None, kind="relative")
    if g.get("ln1") or g.get("ln2"):  # the last n units, up to the statement day
        if unit in _DAYS:
            first = pub - dt.timedelta(days=n * _DAYS[unit] - 1)
        else:
            first = _add_months(pub, -n * (12 if unit == "year" else 1)) + dt.timedelta(days=1)
        return DateMention(start, end, _iso(first), _iso(pub), kind="duration")
    sign = -1 if back else 1
    if unit in _DAYS:
        d = pub + dt.timedelta(days=sign * n * _DAYS[unit])
        return DateMention(start, end, _iso(d), _iso(d), kind="relative")
    shifted = _add_months(pub, sign * n * (12 if unit == "year" else 1))
    a, b = period_bounds(unit, shifted, None)
    return DateMention(start, end, _iso(a), _iso(b), kind="relative")


def _count_value(text: str, lang: Language) -> int | None:
    if text.isdigit():
        return int(text)
    if " ".join(fold(text).split()) in lang.folded("dates.one"):
        return 1
    value = parse_number_words(text, lang)
    return int(value) if value is not None and value == int(value) else None


def _add_months(d: dt.date, months: int) -> dt.date:
    y, mo = divmod(d.year * 12 + d.month - 1 + months, 12)
    return dt.date(y, mo + 1, min(d.day, calendar.monthrange(y, mo + 1)[1]))
