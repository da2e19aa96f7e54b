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

from checker.language import Language, alternation, fold, initials, lower, next_span


@dataclass(frozen=True)
class DateMention:
    """A date or date range written in the text; bounds are ISO dates or None."""

    start: int
    end: int
    date_start: str | None
    date_end: str | None
    weekday: int | None = None  # a weekday written beside an absolute date (0 = Monday)
    kind: str = "date"


@functools.lru_cache(maxsize=None)
def _patterns(lang: Language) -> list[tuple[str, re.Pattern]]:
    w = lang.words
    full_months = [m for m in lang.months if not m.endswith(".") and len(m) > 3]
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
    UNITW = alternation(w("dates.month_words") + w("dates.year_words"))
    NIGHT = alternation(w("dates.night"))
    MPREP = alternation(w("dates.month_prepositions"))
    YPREP = alternation(w("dates.year_prepositions"))
    B = r"(?<![\w])"
    # after B, the characters a match can start with (see `initials`): the first word of each
    # pattern, or of its optional leading words
    last_next = w("dates.last") + w("dates.next")
    arts = w("dates.day_articles")
    starts = {
        "day_range": initials(openers, arts, digits=True),
        "month_range": initials(openers, lang.months),
        "day_month": initials(lang.weekdays, arts, digits=True),
        "month_day": initials(lang.weekdays, lang.months),
        "night": initials(w("dates.night")),
        "weekday": initials(last_next, lang.weekdays),
        "relative": initials(relative),
        "period": initials(last_next, arts, w("dates.month_words") + w("dates.year_words")),
        "month": initials(w("dates.month_prepositions"), full_months),
        "year": initials(w("dates.year_prepositions")),
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
        ("weekday", rf"{B}(?:(?P<l1>{LAST}|{NEXT})\s+)?(?P<w>{WD}){E}(?:\s+(?P<l2>{LAST}|{NEXT}){E})?"),
        ("relative", rf"{B}(?P<rel>{REL}){E}"),
        ("period", rf"{B}(?:(?P<l1>{LAST}|{NEXT})\s+)?{art}(?P<unit>{UNITW}){E}(?:\s+(?P<l2>{LAST}|{NEXT}){E})?"),
        ("month", rf"{B}(?:(?P<prep>{MPREP})\s+)?(?P<m>{MONTH_FULL}){E}(?:\s+(?:{YL}\s+)?(?P<y>{year}){E})?"),
        ("year", rf"{B}(?P<prep>{YPREP})\s+(?P<y>{year}){E}"),
    ]
    return [(name, re.compile(p.replace(B, B + starts[name], 1) if name in starts else p))
            for name, p in raw]


# which trigger each pattern needs: no month name, no month-based date
_NEEDS = {"iso": "num", "numeric": "num", "year": "num", "day_range": "month",
          "day_range2": "month", "month_range": "month", "day_month": "month",
          "month_day": "month", "month": "month", "night": "wd", "weekday": "wd",
          "relative": "rel", "period": "per"}


# words without which no date pattern can match (the full patterns run only near them): the
# first of these lists that matches, at the first place one does, in this order
_TRIGGERS = (("month", "month"), ("weekday", "wd"), ("relative_day", "rel"), ("period", "per"))
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


def _windows(body: str, lang: Language) -> dict[str, list[tuple[int, int]]]:
    """Stretches of text around each kind of trigger, merged where they overlap."""
    windows: dict[str, list[tuple[int, int]]] = {}
    for kind, s, e in _triggers(body, lang):
        start, end = max(0, s - _MARGIN), min(len(body), e + _MARGIN)
        spans = windows.setdefault(kind, [])
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return windows


def find_dates(body: str, lang: Language, published: str | None) -> list[DateMention]:
    """Every date mention in `body`, longest first where they overlap, in text order."""
    pub = _parse_iso(published)
    body = lower(body)  # the patterns are lower-case; offsets do not change
    candidates: list[DateMention] = []
    windows = _windows(body, lang)
    for name, pattern in _patterns(lang):
        for ws, we in windows.get(_NEEDS[name], ()):
            for m in pattern.finditer(body, ws, we):
                if m.end() >= we - 1 and we < len(body):
                    continue  # cut by the window: the margin is wide enough for any date
                try:
                    mention = _resolve(name, m, lang, pub)
                except OverflowError:  # before year 1 or after 9999: a date with null bounds
                    mention = _resolve(name, m, lang, None)
                if mention is not None:
                    candidates.append(mention)
    candidates.sort(key=lambda c: (c.start, -(c.end - c.start)))
    chosen: list[DateMention] = []
    taken = bytearray(len(body))  # characters of chosen dates: one look-up a candidate, not a scan
    for c in sorted(candidates, key=lambda c: (-(c.end - c.start), c.start)):
        if taken.find(1, c.start, c.end) < 0:
            chosen.append(c)
            taken[c.start:c.end] = b"\x01" * (c.end - c.start)
    return sorted(chosen, key=lambda c: c.start)


def _parse_iso(value: str | None) -> dt.date | None:
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


def _resolve(name: str, m: re.Match, lang: Language, pub: dt.date | None) -> DateMention | None:
    start, end = m.span()
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
    if name == "weekday":
        wd = lang.weekdays[fold(g["w"])]
        rel = fold(g.get("l1") or g.get("l2") or "")
        if pub is None:
            return DateMention(start, end, None, None, kind="weekday")
        if rel and rel in lang.folded("dates.next"):
            d = pub + dt.timedelta(days=((wd - pub.weekday()) % 7) or 7)
        elif rel:
            d = pub - dt.timedelta(days=((pub.weekday() - wd) % 7) or 7)
        else:
            d = pub - dt.timedelta(days=(pub.weekday() - wd) % 7)
        return DateMention(start, end, _iso(d), _iso(d), kind="weekday")
    if name == "relative":
        offset = _relative_days(lang).get(" ".join(fold(g["rel"]).split()))
        if offset is None:
            return None
        d = pub + dt.timedelta(days=offset) if pub else None
        return DateMention(start, end, _iso(d), _iso(d), kind="relative")
    if name == "period":
        rel = fold(g.get("l1") or g.get("l2") or "")
        if not rel:
            return None
        step = 1 if rel in lang.folded("dates.next") else -1
        if pub is None:
            return DateMention(start, end, None, None, kind="relative")
        if fold(g["unit"]) in lang.folded("dates.year_words"):
            y = pub.year + step
            return DateMention(start, end, f"{y}-01-01", f"{y}-12-31", kind="relative")
        y, mo = (pub.year, pub.month + step)
        if mo == 0:
            y, mo = y - 1, 12
        elif mo == 13:
            y, mo = y + 1, 1
        last = calendar.monthrange(y, mo)[1]
        return DateMention(start, end, f"{y:04d}-{mo:02d}-01", f"{y:04d}-{mo:02d}-{last:02d}",
                           kind="relative")
    if name == "month":
        if not g.get("prep") and not g.get("y"):
            return None
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
