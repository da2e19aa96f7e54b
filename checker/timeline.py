"""The dates of one article read together: what the words around each date say about it.

`checker.dates` finds each date expression on its own; this stage reads the words around
them and the other dates of the article, in the language's data (`dates` in
`checker/lang/*.yaml`), and settles each one:

- a weekday is the coming one when its sentence speaks of the future (`doit rallier … jeudi
  matin`, `acudirán … el domingo`), the current week's with `this` (`este sábado`);
- open-ended periods are closed at the statement date in the direction the words say:
  `since`/`desde el pasado martes` runs from that day to the statement, `until`/`fino a
  mercoledì`/`entro marzo` from the statement to that day and never into the past;
- lists and runs of weekdays are one span (`on Friday and Saturday`, `el martes y el
  miércoles`), a relative day and its weekday one date (`hoy miércoles`, `aujourd'hui
  (mercredi)`), a weekday after an indefinite article no date (`un lunes cualquiera`);
- counts from an anchor (`vier Tage vor Heiligabend`, `Deux jours après la coupure`, `on the
  day of the crash`) take the date that follows them, else the article's nearest day;
- a relative day inside a quotation said on another day (`"domani …", lo ha detto ieri`) is
  counted from the day it was said.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from checker.language import Language, alternation, fold, reversed_alternation

if TYPE_CHECKING:
    from checker.dates import DateMention

_POSSESSIVE = ("'s", "’s")
_CONTEXT = 60  # characters before a date read for the words that open or close it
_SENTENCE_END = re.compile(r"[.!?;]\s|\n")


def settle(mentions: list[DateMention], body: str, lang: Language, published: dt.date | None
           ) -> list[DateMention]:
    """The mentions of one (lower-cased) article body, settled by their context, in text order."""
    if not mentions or lang.partial:
        return mentions
    out = [m for m in mentions if not _generic(m, body, lang)]
    out = _appositions(out, body)
    if published is None:
        return out
    out = _lists(out, body, lang, published)
    out = _anchored(out, body, lang, published, merge_only=True)
    out = [_directed(m, body, lang, published) for m in out]
    out = _quoted(out, body, lang, published)
    return _anchored(out, body, lang, published)


_WORD = re.compile(r"[\w'’-]+|&")


def _words(text: str) -> list[str]:
    """The folded words of a text, without punctuation."""
    return [w.replace("’", "'") for w in _WORD.findall(fold(text))]


@functools.lru_cache(maxsize=None)
def _phrases(lang: Language, key: str) -> tuple[tuple[str, ...], ...]:
    """The phrases of a `dates` list as word tuples, longest first."""
    out = {tuple(_words(p)) for p in lang.words(f"dates.{key}")}
    return tuple(sorted((p for p in out if p), key=len, reverse=True))


def _starts_with(words: list[str], lang: Language, key: str) -> int:
    for p in _phrases(lang, key):
        if tuple(words[:len(p)]) == p:
            return len(p)
    return 0


@functools.lru_cache(maxsize=None)
def _lead_patterns(lang: Language) -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    """Patterns of the words that open a date (`since`, `until`, `deadline`): at the start of
    its own text; at the end of the text before it, read backwards (`text[::-1]`), past
    articles, times of day and their links (`from dawn on Friday`); and the generic words
    before a weekday (`every`, `un … cualquiera`), backwards too."""
    w = lang.words
    keys = ("since", "until", "deadline")
    own = "|".join(rf"(?P<{k}>{alternation(w(f'dates.{k}'))})" for k in keys)
    skip = reversed_alternation(w("dates.day_articles") + w("dates.weekday_articles")
                                + w("dates.times_of_day") + w("dates.time_links"))
    back = "|".join(rf"(?P<{k}>{reversed_alternation(w(f'dates.{k}'))})" for k in keys)
    return (re.compile(rf"(?:{own})\s"),
            re.compile(rf"[\s,]*(?:{skip}\s+)*(?:{back})(?![\w'’])"),
            re.compile(rf"[\s,]*{reversed_alternation(w('dates.generic'))}(?![\w'’])"),
            re.compile(rf"[\s,]*{reversed_alternation(w('dates.indefinite'))}(?![\w'’])"))


def _left(body: str, m: DateMention) -> str:
    """The text just before a mention, backwards (nearest character first)."""
    return body[max(0, m.start - _CONTEXT):m.start][::-1]


def _lead(body: str, m: DateMention, lang: Language) -> str | None:
    """`since`, `until` or `deadline` when the words opening the mention, or just before it
    (past articles, times of day and their links: `from dawn on Friday`), say so."""
    if body.startswith(_POSSESSIVE, m.end):  # "from Monday's quake": a name, not a time
        return None
    own, back, _, _ = _lead_patterns(lang)
    found = own.match(body, m.start, m.end) or back.match(_left(body, m))
    return found.lastgroup if found else None


def _generic(m: DateMention, body: str, lang: Language) -> bool:
    """A weekday after `every`, or after an indefinite article and before a word such as
    `cualquiera`, is no date."""
    if m.kind != "weekday" or m.rel is not None:
        return False
    _, _, generic, indefinite = _lead_patterns(lang)
    left = _left(body, m)
    if generic.match(left):
        return True
    return bool(indefinite.match(left)
                and _starts_with(_words(body[m.end:m.end + 30]), lang, "generic_after"))


def _appositions(mentions: list[DateMention], body: str) -> list[DateMention]:
    """A relative day and the weekday beside it are one date: `hoy miércoles`, `aujourd'hui
    (mercredi)`."""
    out: list[DateMention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (prev is not None and prev.kind == "relative" and m.kind == "weekday" and m.rel is None
                and m.start - prev.end <= 3 and not body[prev.end:m.start].strip(" ,(")):
            end = m.end + (1 if "(" in body[prev.end:m.start] and body[m.end:m.end + 1] == ")" else 0)
            out[-1] = replace(prev, end=end, dow=m.dow)
            continue
        out.append(m)
    return out


@functools.lru_cache(maxsize=None)
def _list_gap(lang: Language) -> re.Pattern:
    """The words between two weekdays of one span: `and`, `y el`, `bis`, `au`."""
    joins = lang.words("dates.list_joins") + [p[1] for p in lang.data.get("ranges") or [] if p[1]]
    arts = lang.words("dates.weekday_articles") + lang.words("dates.day_articles")
    return re.compile(rf"\s*,?\s*{alternation(joins)}\s+(?:{alternation(arts)}\s+)?")


def _lists(mentions: list[DateMention], body: str, lang: Language, pub: dt.date) -> list[DateMention]:
    """Two weekdays joined by `and` or a range word are one span, the first before the second."""
    out: list[DateMention] = []
    gap = _list_gap(lang)
    for m in mentions:
        prev = out[-1] if out else None
        if (prev is not None and prev.kind == "weekday" and m.kind == "weekday"
                and prev.dow is not None and m.dow is not None and m.start - prev.end <= 12
                and gap.fullmatch(body, prev.end, m.start)):
            last = _directed(replace(m, start=prev.start), body, lang, pub)
            if last.date_end is None:
                out[-1] = replace(prev, end=m.end, kind="range", date_start=None, date_end=None)
                continue
            end = dt.date.fromisoformat(last.date_end)
            first = end - dt.timedelta(days=((end.weekday() - prev.dow) % 7) or 7)
            if prev.rel in ("last", "next"):
                first = dt.date.fromisoformat(prev.date_start)
            if first < end:
                out[-1] = replace(prev, end=m.end, kind="range", date_start=first.isoformat(),
                                  date_end=last.date_end)
                continue
        out.append(m)
    return out


@functools.lru_cache(maxsize=None)
def _future_re(lang: Language) -> re.Pattern:
    words = alternation(lang.words("dates.future"))
    endings = alternation(lang.words("dates.future_endings"))
    return re.compile(rf"(?<![\w'’])(?:{words}|\w\w+{endings})(?![\w'’])")


def _sentence(body: str, m: DateMention) -> tuple[int, int]:
    """The stretch of the mention's sentence that a cue of tense is read in."""
    left = body.rfind("\n", max(0, m.start - 90), m.start) + 1 or max(0, m.start - 90)
    for x in _SENTENCE_END.finditer(body, left, m.start):
        left = x.end()
    right = _SENTENCE_END.search(body, m.end, m.end + 40)
    return left, right.start() if right else min(len(body), m.end + 40)


def _future(body: str, m: DateMention, lang: Language) -> bool:
    """Whether the mention's clause speaks of the future (`will`, `doit`, `tendrá`); never for
    the day a source spoke (`aseguró el sábado que … será`)."""
    verbs = lang.re.get("attr_verb")
    if verbs is not None and verbs.search(body, max(0, m.start - 16), m.start):
        return False
    left, right = _sentence(body, m)
    # within its clause: from the comma before it to the comma or `that` after it ("the storm,
    # which hit on Saturday, will be remembered" speaks of a past Saturday)
    left = max(left, body.rfind(",", left, m.start) + 1)
    comma = body.find(",", m.end, right)
    right = comma if comma >= 0 else right
    said = lang.re.get("complementizer_word")
    cut = said.search(body, m.end, right) if said is not None else None
    return bool(_future_re(lang).search(body, left, cut.start() if cut else right))


def _directed(m: DateMention, body: str, lang: Language, pub: dt.date) -> DateMention:
    """The mention closed in the direction its words say: a weekday or a weekend of the
    future is the coming one; `since` runs to the statement date, `until` and deadlines from it."""
    from checker.dates import holiday_date, period_bounds, weekday_date

    if m.kind in ("range", "deadline", "anchor") or m.date_start is None:
        return m
    lead = _lead(body, m, lang)
    start, end = dt.date.fromisoformat(m.date_start), dt.date.fromisoformat(m.date_end)
    if m.kind == "weekday" and m.dow is not None and m.rel in (None, "this"):
        ahead = lead in ("until", "deadline") or (lead is None and _future(body, m, lang))
        if m.rel == "this":
            start = weekday_date(m.dow, pub, "this")
            if ahead and start < pub:
                start = weekday_date(m.dow, pub, "next")
        elif ahead:
            start = weekday_date(m.dow, pub, "ahead")
        end = start
    elif m.kind == "relative" and m.unit == "weekend" and m.rel in (None, "this") and (
            lead in ("until", "deadline") or (lead is None and _future(body, m, lang))):
        start = weekday_date(5, pub, "ahead")  # "am Wochenende soll es regnen": the coming one
        end = start + dt.timedelta(days=1)
    elif m.kind == "holiday" and m.rule:
        if lead in ("until", "deadline") or (lead is None and _future(body, m, lang)):
            start = end = holiday_date(m.rule, pub, ahead=True) or start
    if lead == "since" and start <= pub:
        end = max(end, pub)
    elif lead in ("until", "deadline"):
        if m.kind == "month" and end < pub and not re.search(r"\d{4}", body[m.start:m.end]):
            start, end = period_bounds("month", start.replace(year=start.year + 1), None)
        if end >= pub:
            start = pub
    date_start, date_end = start.isoformat(), end.isoformat()
    if date_start == m.date_start and date_end == m.date_end:
        return m  # most mentions are closed already: no copy
    return replace(m, date_start=date_start, date_end=date_end)


def _anchored(mentions: list[DateMention], body: str, lang: Language, pub: dt.date,
              merge_only: bool = False) -> list[DateMention]:
    """Counts from an anchor and `the day of`: the day of the date right after them (`vier
    Tage vor Heiligabend`), else (unless `merge_only`) of the article's nearest single day
    before, else after."""
    if not any(m.kind == "anchor" for m in mentions):
        return mentions
    from checker.dates import holiday_date

    out = list(mentions)
    drop: set[int] = set()
    arts = _phrases(lang, "day_articles") + _phrases(lang, "weekday_articles")
    for i, m in enumerate(out):
        if m.kind != "anchor" or m.offset is None:
            continue
        nxt = out[i + 1] if i + 1 < len(out) else None
        gap = _words(body[m.end:nxt.start]) if nxt is not None else []
        if (nxt is not None and nxt.start - m.end <= 8 and (not gap or tuple(gap) in arts)
                and nxt.date_start and nxt.date_start == nxt.date_end):
            day = dt.date.fromisoformat(nxt.date_start)
            if nxt.kind == "holiday" and nxt.rule:  # the holiday whose day counted from is past
                day = holiday_date(nxt.rule, pub - dt.timedelta(days=m.offset)) or day
            day += dt.timedelta(days=m.offset)
            out[i] = replace(m, end=nxt.end, date_start=day.isoformat(), date_end=day.isoformat(),
                             kind="anchored")
            drop.add(i + 1)
            continue
        if merge_only:
            continue
        prev = out[i - 1] if i else None
        if (prev is not None and prev.date_start and prev.date_start == prev.date_end
                and not body[prev.end:m.start].strip(" ,—–-")):
            # in apposition: "on Tuesday, a day after the storm" is that Tuesday
            out[i] = replace(m, date_start=prev.date_start, date_end=prev.date_end, kind="anchored")
            continue
        days = [d for d in out[:i][::-1] + out[i + 1:]
                if d.kind != "anchor" and d.date_start and d.date_start == d.date_end]
        if days:
            day = dt.date.fromisoformat(days[0].date_start) + dt.timedelta(days=m.offset)
            out[i] = replace(m, date_start=day.isoformat(), date_end=day.isoformat(), kind="anchored")
    return [m for i, m in enumerate(out) if i not in drop]


_OPEN_QUOTES, _CLOSE_QUOTES = "“«„", "”»“"


def _quoted(mentions: list[DateMention], body: str, lang: Language, pub: dt.date) -> list[DateMention]:
    """A relative day inside a quotation whose attribution is dated (`"domani …". Lo ha detto
    ieri`) counts from the day the words were said."""
    out = list(mentions)
    for i, m in enumerate(out):
        if m.kind != "relative" or m.date_start is None or m.date_start != m.date_end:
            continue
        span = _quote_around(body, m.start)
        if span is None:
            continue
        said = _said_on(out, i, body, lang, span, pub)
        if said is None:
            continue
        shift = said - pub
        day = dt.date.fromisoformat(m.date_start) + shift
        out[i] = replace(m, date_start=day.isoformat(), date_end=day.isoformat())
    return out


def _quote_around(body: str, pos: int) -> tuple[int, int] | None:
    """The span of the quotation `pos` stands in, within its paragraph, or None."""
    para_start = body.rfind("\n\n", 0, pos) + 1
    para_end = body.find("\n\n", pos)
    para_end = len(body) if para_end < 0 else para_end
    head = body[para_start:pos]
    opened = max(head.rfind(c) for c in _OPEN_QUOTES)
    closed = max(head.rfind(c) for c in "”»")
    straight = head.count('"')
    if opened > closed and opened >= 0:
        start = para_start + opened
    elif straight % 2 == 1:
        start = para_start + head.rfind('"')
    else:
        return None
    ends = [body.find(c, pos, para_end) for c in _CLOSE_QUOTES + '"']
    ends = [e for e in ends if e >= 0]
    return (start, min(ends) + 1) if ends else None


def _said_on(mentions: list[DateMention], i: int, body: str, lang: Language,
             quote: tuple[int, int], pub: dt.date) -> dt.date | None:
    """The day the quotation was said: a relative day or weekday right before or after it,
    with a reporting verb between (`Lo ha detto ieri`, `said on Friday: "…"`)."""
    verbs = lang.re.get("attr_verb")
    if verbs is None:
        return None
    for d in mentions[:i][::-1] + mentions[i + 1:]:
        if d.kind not in ("relative", "weekday") or d.date_start is None or d.date_start != d.date_end:
            continue
        if quote[1] <= d.start <= quote[1] + 160 and "\n\n" not in body[quote[1]:d.start]:
            between = (quote[1], d.start + 1)
        elif quote[0] - 160 <= d.end <= quote[0] and "\n\n" not in body[d.end:quote[0]]:
            between = (max(0, d.start - 40), quote[0])
        else:
            continue
        if verbs.search(body, *between) or verbs.search(body, d.end, d.end + 30):
            day = dt.date.fromisoformat(d.date_start)
            return day if day != pub else None
    return None
