"""Figures: counts, measures, money and percentages, each read as an interval.

A figure is a number (numeral, number words or a vague amount) with what surrounds it in
the grammar of figures: a qualifier before it (`circa`, `more than`), a scale and a unit
after it (`2,5 miliardi di euro`, `25 miles`), a currency symbol before it (`$2.7bn`), or a
second number that makes a range (`tra 10.000 e 12.000`). Years, clock times, ages and
numbers that are names (`G7`, `articolo 5`) are not figures.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace

from checker.dates import DateMention
from checker.language import (Language, alternation, fold, lower, next_span, phrase_pattern,
                               reversed_phrase_pattern, unit_scales)
from checker.numbers import decimals, parse_number_words, parse_numeral
from checker.subjects import concept_kind, root_concept

# the relative half-width of an approximate figure, and of vague amounts' documented bounds
APPROX_TOLERANCE = 0.05
# a round number said as a noun ("une soixantaine", "a dozen") is rounder still
COLLECTIVE_TOLERANCE = 0.15
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_NON_SPACE = re.compile(r"[^\s]+")
_CLOCK = re.compile(r"^\s*[.:h]\s*[0-5]\d(?!\d)")
_CLOCK_DOT = re.compile(r"(?:[01]?\d|2[0-4])[.:][0-5]\d")
# a small number right after a capitalised word and before a clause end is part of a name:
# "Europe 1.", "France 2,", "Update 1:", "Ligue 1)"
_WORD_BEFORE = re.compile(r"([^\W\d_][\w'’.-]*)[ \t]+$")
_WORD_AFTER = re.compile(r"[ \t]+([^\W\d_]+)")
_ORDINAL = ("ª", "º")  # the ordinal indicators of Portuguese, Spanish and Italian: "2.ª", "3º"
_CLAUSE_END = re.compile(r"\s*(?:[.,;:!?)\]»”\"]|$)")
# the minutes of a clock time written with "h" ("6 h 30", "18h45"): the text before them
_CLOCK_MINUTES = re.compile(r"(?<![\w.,])(?:[01]?\d|2[0-4])\s?h\s?$")
# a clock time, then one word (a range's second word: "entre 6 h 30 et 7 heures"), before a number
_CLOCK_THEN = re.compile(r"(?<![\w.,])(?:[01]?\d|2[0-4])\s?(?:h\s?(?:[0-5]\d)?|[:.][0-5]\d)\s+([^\W\d_]+)\s+$")
# an age in apposition to a name, the way the press of every Latin-script language writes it:
# "Tomas Vrana, 27, said", "Tomas Vrana (27) wurde"
_APPOSITION_BEFORE = re.compile(r"[A-ZÀ-Þ][^\W\d_]+(?:,[ \t]+|[ \t]+\([ \t]*)$")


@dataclass
class Figure:
    """A figure found in the text, before attribution; offsets are in the article body."""

    start: int
    end: int
    value: float | None
    value_min: float | None
    value_max: float | None
    qualifier: str
    unit: str | None
    precision: float  # half a unit of the last written digit, in the figure's unit
    num_start: int = 0
    num_end: int = 0
    conversion: bool = False  # the figure before it, in another unit: "140mph (225km/h)"


@dataclass
class _Number:
    start: int
    end: int
    value: float | None
    raw: str
    scaled: bool = False
    vague: tuple[float, float] | None = None
    mult: float = 1.0
    qualifier: str | None = None  # what the words say when no qualifier does: "une soixantaine"
    unit: str | None = None  # a unit the number words carry: a fraction of a whole is a share
    extended: tuple | None = field(default=None, repr=False, compare=False)  # see _extend


def find_figures(body: str, lang: Language, dates: list[DateMention]) -> list[Figure]:
    """Every figure in `body`, in text order, ignoring the spans already read as dates."""
    taken = [(d.start, d.end) for d in dates]
    text, body = body, lower(body)  # the patterns are lower-case; offsets do not change
    numbers = _numbers(body, lang, taken, text)
    figures: list[Figure] = []
    i = 0
    while i < len(numbers):
        n = numbers[i]
        if figures and n.start < figures[-1].end:  # a word of the last figure's unit: "per cento"
            i += 1
            continue
        nxt = numbers[i + 1] if i + 1 < len(numbers) else None
        if nxt and _tally(body, n, nxt):  # "approved 7-2", "won 3-1": a score, not figures
            i += 2
            continue
        ranged = _range(body, lang, n, nxt) if nxt else None
        if ranged:
            figures.append(ranged)
            i += 2
            continue
        rate = _ratio(body, lang, n, nxt) if nxt else None  # "three in 10": two numbers
        if rate:
            n, i = rate, i + 1
        else:
            n = _one_in(body, lang, n) or n  # "one in five homes": 20% of them
        if nxt and n.vague and nxt.vague and lang.re["vague_joiner"].fullmatch(body, n.end, nxt.start):
            # "des centaines, voire des milliers": one guess, as wide as both
            n = _Number(n.start, nxt.end, None, body[n.start:nxt.end],
                        vague=(min(n.vague[0], nxt.vague[0]), max(n.vague[1], nxt.vague[1])))
            i += 1
        fig = _figure(body, lang, n)
        if fig:
            if figures and _converts(body, lang, figures[-1], fig):
                fig = replace(_as_conversion(figures[-1], fig), conversion=True)
            figures.append(fig)
        i += 1
    return figures


_OPEN_PAREN = re.compile(r"\s*[(\[]\s*")


def _converts(body: str, lang: Language, before: Figure, fig: Figure) -> bool:
    """A figure in parentheses right after another, or linked to it as its equivalent ("—
    or", "soit", "ovvero"), in another unit, gives the same amount converted: "up to 140mph
    (225km/h)", "400 million euros ($454 million)", "36,000 acres — or 52 square miles"."""
    if before.unit is None or fig.unit is None or fig.unit == before.unit:
        return False
    return bool(_OPEN_PAREN.fullmatch(body, before.end, fig.start)
                or lang.re["equivalence"].fullmatch(body, before.end, fig.start))


def _as_conversion(before: Figure, fig: Figure) -> Figure:
    """A conversion keeps the qualifier of what it converts (and is rounded like it), unless
    it has one of its own ("— or just over 52 square miles")."""
    if before.qualifier in ("exact", "range", "vague") or fig.value is None or fig.qualifier != "exact":
        return fig
    low, high = _interval(fig.value, before.qualifier)
    return replace(fig, qualifier=before.qualifier, value_min=low, value_max=high)


_RATE_BASES = (10.0, 100.0, 1000.0)  # "three in 10 residents": a rate framed on a round base


def _ratio(body: str, lang: Language, a: _Number, b: _Number) -> _Number | None:
    """`one in five`, `un habitant sur cinq`, `tre su 10`, `uno de cada cinco`: a share of
    a / b, in percent. Only rates as newsrooms frame them (one in N, or N in a round base):
    "18 out of 50 seats" stays a count of seats."""
    if a.vague or a.value is None or not _rate_base(body, lang, b) or not 0 < a.value < b.value:
        return None
    if a.value != 1 and b.value not in _RATE_BASES:
        return None
    m = lang.re["ratio_link"].fullmatch(body, a.end, b.start)
    if not m or (m.group("noun") and a.value != 1):
        return None
    return _Number(a.start, b.end, 100 * a.value / b.value, body[a.start:b.end], scaled=True,
                   qualifier=a.qualifier, unit="percent")


def _rate_base(body: str, lang: Language, b: _Number) -> bool:
    """Whether a number can be the base of a rate: a whole number above one with no unit
    after it ("in einer Tiefe von 12 km" is a depth)."""
    return (not b.vague and b.value is not None and b.value > 1 and b.value == int(b.value)
            and not lang.re["unit_after"].match(body, b.end))


def _one_in(body: str, lang: Language, b: _Number) -> _Number | None:
    """A rate whose "one" is a word that is no figure alone: `one in five`, `un habitant sur
    cinq`, `uno de cada cinco`: 100 / b percent."""
    if not _rate_base(body, lang, b):
        return None
    m = lang.re["ratio_one"].search(body, max(0, b.start - 40), b.start)
    if not m or m.end() != b.start:
        return None
    return _Number(m.start(), b.end, 100 / b.value, body[m.start():b.end], scaled=True, unit="percent")


def _tally(body: str, a: _Number, b: _Number) -> bool:
    """Two numerals joined by a bare dash, the first not smaller: a vote or a score."""
    return (a.value is not None and b.value is not None and a.value >= b.value
            and body[a.end:b.start] in ("-", "–") and a.raw.isdigit() and b.raw.isdigit())


def _overlaps(start: int, end: int, taken: bytearray) -> bool:
    """True when a character of `start:end` is already taken (1 in `taken`)."""
    return taken.find(1, start, end) >= 0


def _take(taken: bytearray, start: int, end: int) -> None:
    taken[start:end] = b"\x01" * (end - start)


def _numbers(body: str, lang: Language, taken: list[tuple[int, int]], text: str = ""
             ) -> list[_Number]:
    """Numerals, number words and vague amounts that can be figures, in text order (`body`
    lower-cased, `text` as written)."""
    found: list[_Number] = []
    spans = bytearray(len(body))  # characters already read: one look-up a candidate, not a scan
    for s, e in taken:
        _take(spans, s, e)
    last_age = -1  # where the last age ended: "aged 45, 52, 67 and 75" are all ages
    for m in lang.re["numeral"].finditer(body):
        s, e = m.span()
        if _overlaps(s, e, spans):
            continue
        if last_age >= 0 and _list_goes_on(body, lang, last_age, s):
            last_age = e
            continue
        raw = body[s:m.start("suffix")] if m.group("suffix") else m.group()
        scale, end = m.group("suffix") or "", e
        if not scale:
            after = lang.re["scale_after"].match(body, e)
            if after:
                scale, end = after.group("scale"), after.end()
        value = parse_numeral(raw, lang, bool(scale))
        if value is None or not _is_figure(body, lang, s, e, raw, bool(m.group("suffix")), text):
            if value is not None and _is_age(lang, body[max(0, s - 24):s][::-1], body[e:e + 24]):
                last_age = e
            continue
        last_age = -1
        num = _Number(s, end, value, raw)
        if scale:
            num.mult = lang.scales[" ".join(fold(scale).split())]
            num.value = value * num.mult
            num.scaled = True
        _half(body, lang, num)
        found.append(num)
        _take(spans, s, num.end)
    scanned = lang.scan(body)
    for s, e in scanned["collective"]:  # before number words: "a thousand", "ein halbes Dutzend"
        if _overlaps(s, e, spans):
            continue
        value, qualifier = lang.collectives[" ".join(fold(body[s:e]).split())]
        found.append(_Number(s, e, value, body[s:e], scaled=True, qualifier=qualifier))
        _take(spans, s, e)
    # before number words too: "two-thirds", "zwei Drittel", "deux tiers" are shares, not 2
    for s, e in scanned["fraction"]:
        fraction = None if _overlaps(s, e, spans) else _fraction(body, lang, s, e)
        if fraction:
            found.append(fraction)
            _take(spans, s, e)
    # "several hundred", "mehrere tausend": vague amounts of several words before number words
    _vague(body, lang, [v for v in scanned["vague"] if " " in body[v[0]:v[1]]], spans, found)
    words, pattern = scanned["words"], lang.re["words"]
    pos = 0
    while True:
        span = next_span(words, pattern, body, pos)  # lang.re["words"].search(body, pos)
        if span is None:
            break
        s, e = span
        value, s, e = _longest_number_words(body, lang, s, e)
        pos = max(e, s + 1) if value is not None else span[1]
        if value is None or _overlaps(s, e, spans) or _name_before(body, lang, s) \
                or _is_age(lang, body[max(0, s - 24):s][::-1], body[e:e + 24]) \
                or (value <= 24 and lang.re["time_after"].match(body[e:e + 24].lower())):
            continue  # "vier Uhr morgens", "four o'clock": an hour, as "4 Uhr" is
        num = _Number(s, e, value, body[s:e], scaled=True)
        _half(body, lang, num)
        found.append(num)
        _take(spans, s, num.end)
    _vague(body, lang, [v for v in scanned["vague"] if " " not in body[v[0]:v[1]]], spans, found)
    return sorted(found, key=lambda n: n.start)


def _vague(body: str, lang: Language, matches: list[tuple[int, int]], spans: bytearray,
           found: list[_Number]) -> None:
    """Vague amounts at `matches` that no other number took, with the scale they may have."""
    for s, e in matches:
        if _overlaps(s, e, spans):
            continue
        low, high = lang.vague[" ".join(fold(body[s:e]).split())]
        scale = lang.re["vague_scale"].match(body, e)
        if scale:  # "plusieurs centaines de millions"
            mult = lang.scales[" ".join(fold(scale.group("scale")).split())]
            low, high, e = low * mult, high * mult, scale.end()
        found.append(_Number(s, e, None, body[s:e], vague=(low, high)))
        _take(spans, s, e)


def _half(body: str, lang: Language, num: _Number) -> None:
    """`deux fois et demie`, `two and a half`: the number and a half."""
    m = lang.re["half_after"].match(body, num.end)
    if m and num.value is not None:
        num.value += 0.5 * num.mult
        num.end = m.end()
        num.raw = body[num.start:num.end]


def _fraction(body: str, lang: Language, s: int, e: int) -> _Number | None:
    """A fraction of a whole (`una décima parte del PIB`, `a third of the homes`) is a share,
    in percent; of a unit (`one-tenth of a percentage point`) it is that much of the unit.
    Without a whole or a unit after it (`half an hour`) it is not a figure."""
    share = lang.fractions[" ".join(fold(body[s:e]).split())]
    if lang.re["unit_after"].match(body, e):
        return _Number(s, e, share, body[s:e], scaled=True)
    if not lang.re["partitive_after"].match(body, e):
        return None
    return _Number(s, e, share * 100, body[s:e], scaled=True, unit="percent")


def _longest_number_words(body: str, lang: Language, s: int, e: int) -> tuple[float | None, int, int]:
    """The longest run of the words, from the earliest one, that text2num reads as one number
    (a run may start with a word that is no number: "und ein neun")."""
    words = list(_NON_SPACE.finditer(body[s:e]))
    for i in range(len(words)):
        start = s + words[i].start()
        for k in range(len(words), i, -1):
            end = s + words[k - 1].end()
            value = parse_number_words(body[start:end], lang)
            if value is not None:
                return value, start, end
    return None, s, e


def _name_before(body: str, lang: Language, start: int) -> bool:
    window = body[max(0, start - 24):start].lower()
    return bool(lang.re["not_figure_end"].match(window[::-1]))  # re["not_figure_before"].search


def _is_figure(body: str, lang: Language, s: int, e: int, raw: str, suffixed: bool,
               original: str = "") -> bool:
    """False for years, clock times, ages, codes and numbers that are part of a name.

    `body` is lower-cased; `original` is the text as written, for the capitals of names.
    """
    before = body[max(0, s - 24):s].lower()
    after = body[e:e + 24].lower()
    if raw[0] == "0" and raw[1:2].isdigit():
        return False  # "00120 Roma", "007": a code, not a quantity
    if not suffixed and _YEAR.fullmatch(raw) and not lang.re["unit_after"].match(body, e) \
            and not _counts_next(body, lang, e):
        return False
    if _CLOCK.match(after) and (raw.isdigit() and int(raw) <= 24):
        return False
    if len(raw) == 2 and raw.isdigit() and int(raw) <= 59 and _CLOCK_MINUTES.search(before) \
            and "h" in lang.folded("time_after"):
        return False  # "6 h 30", "às 15 h 17": the minutes of a clock time (where hours take "h")
    if raw.isdigit() and int(raw) <= 24 and (then := _CLOCK_THEN.search(before)) \
            and fold(then.group(1)) in {b for _, b in _range_pairs(lang)}:
        return False  # "entre 6 h 30 et 7 heures", "between 6:30 and 7": the end of a span of hours
    if lang.re["time_after"].match(after) and (raw.isdigit() and int(raw) <= 24
                                               or _CLOCK_DOT.fullmatch(raw)):
        return False
    reverse = before[::-1]  # what `before` ends with is matched at the start of `reverse`
    if _CLOCK_DOT.fullmatch(raw) and lang.re["time_before_end"].match(reverse):
        return False  # "alle 12.30", "a las 12.33"
    if original and (_name_number(original, lang, s, e) or _apposed_age(original, s, e, raw, lang)):
        return False
    if _is_age(lang, reverse, after):
        return False
    joined = _range_next(after, lang) if raw.isdigit() and int(raw) <= 24 or _CLOCK_DOT.fullmatch(raw) else None
    if joined is not None and joined[0] <= 24 and joined[1]:
        return False  # "zwischen 20 und 22 Uhr", "zwischen 6.30 und 7 Uhr": a range of hours
    hour = lang.re["time_before_end"].match(reverse) if raw.isdigit() and int(raw) <= 24 else None
    if hour and (_CLAUSE_END.match(after) or _function_word_next(after, lang)) and joined is None \
            and not _tally_before(reverse[hour.end():], lang):
        return False  # "passate le 19 e …", "a las 18," : an hour (not "entre 20 et 25 personnes")
    if lang.re["not_figure_end"].match(reverse):  # re["not_figure_before"].search(before)
        return False
    glued = _HYPHENED.search(before)  # "Boeing 737-800": a name's number, then its second part
    if glued and lang.re["not_figure_end"].match(before[:glued.start()][::-1]):
        return False
    if after[:1] in _ORDINAL or after[:2] in (".ª", ".º") or lang.re["not_figure_after"].match(after):
        return False  # "2.ª vez", "3º lugar", "au 12 rue de la Paix"
    if before.endswith(("#", "№")):
        return False
    return True


_HYPHENED = re.compile(r"\d+[-–]$")


def _tally_before(reverse: str, lang: Language) -> bool:
    """Whether the text before a time word (given reversed) ends with a noun of a count
    (`tallies`): "put the toll at 15", "porte le bilan à 15" set a count, not an hour."""
    words = reverse[:40][::-1].split()
    return bool(words) and fold(words[-1].strip(",;:")) in lang.folded("tallies")


def _counts_next(body: str, lang: Language, e: int) -> bool:
    """Whether the word after a number is what it counts (people, deaths, the injured): "2012
    Tote und 2059 Verletzte" are counts, though shaped like years."""
    nxt = _WORD_AFTER.match(body, e)
    concept = lang.concept_of.get(fold(nxt.group(1))) if nxt else None
    return concept_kind(concept) == "outcome" or root_concept(concept) == "person"


_JOINED_NUMBER = re.compile(r"[ \t]+([^\W\d_]+)[ \t]+(\d+)")


def _range_next(after: str, lang: Language) -> tuple[int, bool] | None:
    """(second number, whether a time word follows it) when a range goes on after a number
    ("entre 20 et 25 personnes", "zwischen 20 und 22 Uhr"); None when none does."""
    m = _JOINED_NUMBER.match(after)
    if not m or fold(m.group(1)) not in {b for _, b in _range_pairs(lang)}:
        return None
    rest = after[m.end():]
    word = _WORD_AFTER.match(rest)
    hours = word is not None and fold(word.group(1)) in _hour_words(lang)
    return int(m.group(2)), bool(hours or lang.re["time_after"].match(rest))


@functools.lru_cache(maxsize=None)
def _hour_words(lang: Language) -> frozenset[str]:
    """The words of the language's unit `hour` ("heures", "ore", "Stunden"), folded."""
    return frozenset(form for form, unit in lang.units.items() if unit == "hour")


def _function_word_next(after: str, lang: Language) -> bool:
    nxt = _WORD_AFTER.match(after)
    return bool(nxt) and fold(nxt.group(1)) in lang.folded("function_words")


def _list_goes_on(body: str, lang: Language, end: int, start: int) -> bool:
    """Whether a number at `start` continues a list that ended at `end`: ", 52", " and 75"."""
    between = fold(body[end:start]).replace(",", " ").split()
    return len(body[end:start]) <= 8 and all(w in lang.folded("numbers.joiners") or
                                            w in lang.folded("clause_breaks") for w in between)


def _name_number(text: str, lang: Language, s: int, e: int) -> bool:
    """True for a number of at most two digits written after a capitalised word that is not a
    unit, qualifier or function word, and before a clause end: the number names something."""
    if e - s > 2:
        return False
    if not _CLAUSE_END.match(text, e):
        nxt = _WORD_AFTER.match(text, e)
        following = fold(nxt.group(1)) if nxt else ""
        if not (following in lang.folded("function_words") or following in lang.weekdays
                or following in lang.months):
            return False
    m = _WORD_BEFORE.search(text, max(0, s - 40), s)
    if not m or not m.group(1)[0].isupper():
        return False
    word = fold(m.group(1))
    return not (word in lang.units or word in lang.qualifier_of
                or word in lang.folded("function_words"))


def _apposed_age(text: str, s: int, e: int, raw: str, lang: Language) -> bool:
    """True for a number up to 120 between commas or in brackets right after a capitalised
    word, maybe with the language's word for years (`age_words`): the age of the person just
    named ("Tomas Vrana, 27,", "Il capostazione di Larissa, 59 anni,"), not a figure."""
    if not (raw.isdigit() and int(raw) <= 120):
        return False
    m = _APPOSITION_BEFORE.search(text, max(0, s - 40), s)
    if not m:
        return False
    opener = "(" if text[m.start():s].rstrip().endswith("(") else ","
    return bool(_apposition_after(lang)[opener].match(text, e))


@functools.lru_cache(maxsize=None)
def _apposition_after(lang: Language) -> dict[str, re.Pattern]:
    """What closes an apposed age after its number: a comma or a bracket, maybe after the
    language's word for years."""
    words = sorted(lang.folded("age_words"), key=len, reverse=True)
    years = rf"(?:(?:{'|'.join(map(re.escape, words))})[ \t]*)?" if words else ""
    return {",": re.compile(rf"[ \t]*{years},", re.IGNORECASE),
            "(": re.compile(rf"[ \t]*{years}\)", re.IGNORECASE)}


def _is_age(lang: Language, reverse: str, after: str) -> bool:
    """A number between a language's age words (`di … anni`, `aged …`) is an age; `reverse`
    is the text before the number, reversed."""
    listed = _age_list(lang).match(after)  # "di 7 e 11 anni": the first of two ages
    rest = after[listed.end():] if listed else None
    for pre, post in _age_patterns(lang):
        if (post is None or post.match(after) or (rest is not None and post.match(rest))) \
                and (pre is None or pre.match(reverse)):
            return True
    return False


@functools.lru_cache(maxsize=None)
def _age_list(lang: Language) -> re.Pattern:
    """The rest of a list of small numbers after a number: ", 9 e 11" in "di 7, 9 e 11 anni"."""
    joiners = alternation(lang.folded("numbers.joiners"))
    return re.compile(rf"(?:\s*(?:,|{joiners}(?!\w))\s*\d{{1,3}}(?![\d.,]\d))+")


@functools.lru_cache(maxsize=None)
def _age_patterns(lang: Language) -> list[tuple[re.Pattern | None, re.Pattern | None]]:
    r"""(before, after) patterns of the age pairs; `before` is `(?:^|\W)WORDS\s*$` written
    backwards, for the reversed text before the number. The pairs with only words before (or
    only after) the number are one pattern: any of them matching is an age."""
    out: list[tuple[re.Pattern | None, re.Pattern | None]] = []
    only_before, only_after = [], []
    for pre, post in lang.data.get("ages") or []:
        before = reversed_phrase_pattern(fold(pre)) if pre.strip() else None
        after = phrase_pattern(fold(post)) if post.strip() else None
        if before is not None and after is None:
            only_before.append(before)
        elif after is not None and before is None:
            only_after.append(after)
        else:
            out.append((re.compile(rf"\s*{before}(?:\W|$)") if before is not None else None,
                        re.compile(rf"\s*{after}(?!\w)") if after is not None else None))
    if only_before:
        out.append((re.compile(rf"\s*(?:{'|'.join(only_before)})(?:\W|$)"), None))
    if only_after:
        out.append((None, re.compile(rf"\s*(?:{'|'.join(only_after)})(?!\w)")))
    return out


def _extend(body: str, lang: Language, n: _Number) -> tuple[float | None, str | None, int, float]:
    """Scale and unit after a number, currency before it: (value, unit, end, multiplier).

    Kept on the number: a number is extended as the start of a range, then as a figure.
    """
    if n.extended is not None:
        return n.extended
    value, end, mult = n.value, n.end, n.mult
    unit = None
    m = lang.re["unit_after"].match(body, end)
    if m:
        form = " ".join(fold(m.group("unit")).split())
        unit = lang.units[form]
        end = m.end()
        factor = unit_scales().get(form)
        if factor and value is not None:  # "25 M€": the scale is in the symbol
            value, mult = value * factor, mult * factor
    n.extended = (value, unit, end, mult)
    return n.extended


def _currency_before(body: str, lang: Language, start: int) -> tuple[str | None, int]:
    window = body[max(0, start - 6):start]
    m = lang.re["unit_before"].search(window.lower())
    if not m:
        return None, start
    return lang.units[fold(m.group("unit"))], start - (len(window) - m.start())


def _qualifier_before(body: str, lang: Language, start: int) -> tuple[str | None, int]:
    window = body[max(0, start - 40):start]
    folded = fold(window)
    m = lang.re["qualifier_end"].match(folded[::-1])  # re["qualifier_before"].search(folded)
    if not m:
        return None, start
    q_start, q_end = len(folded) - m.end("q"), len(folded) - m.start("q")
    q = lang.qualifier_of[" ".join(folded[q_start:q_end].split())]
    if q == "at_most" and m.groupdict().get("to"):
        return None, start  # "se moderó hasta el 2,4%", "è sceso fino al 2%": to, not up to
    return q, start - (len(window) - q_start)


def _precision(n: _Number, lang: Language, mult: float) -> float:
    """Half a unit of the last written digit: `7.5` → 0.05, `1,050` → 0.5, `2,5 miliardi` → 0.05e9."""
    if n.value is None:
        return 0.0
    if n.scaled and n.raw and not n.raw[0].isdigit():
        return 0.5
    return 0.5 * (10 ** -decimals(n.raw, lang)) * mult


def _interval(value: float, qualifier: str) -> tuple[float | None, float | None]:
    if qualifier == "approx":
        return value * (1 - APPROX_TOLERANCE), value * (1 + APPROX_TOLERANCE)
    if qualifier in ("at_least", "more_than"):
        return value, None
    if qualifier in ("at_most", "less_than"):
        return None, value
    return value, value


def _figure(body: str, lang: Language, n: _Number) -> Figure | None:
    value, unit, end, mult = _extend(body, lang, n)
    currency, start = _currency_before(body, lang, n.start)
    unit = unit or currency or n.unit
    if n.vague is not None:
        low, high = n.vague
        return Figure(start, end, None, low, high, "vague", unit, 0.0, n.start, n.end)
    qualifier, qstart = _qualifier_before(body, lang, start)
    if qualifier:
        start = qstart
    collective = not qualifier and n.qualifier == "approx"
    qualifier = qualifier or n.qualifier or "exact"
    low, high = _interval(value, qualifier)
    if collective:
        low, high = value * (1 - COLLECTIVE_TOLERANCE), value * (1 + COLLECTIVE_TOLERANCE)
    return Figure(start, end, value, low, high, qualifier, unit, _precision(n, lang, mult),
                  n.start, n.end)


@functools.lru_cache(maxsize=None)
def _range_pairs(lang: Language) -> list[tuple[str, str]]:
    return [(fold(p[0]).strip(), fold(p[1]).strip()) for p in lang.data.get("ranges") or []]


def _range(body: str, lang: Language, a: _Number, b: _Number) -> Figure | None:
    """Two numbers joined as a range by a pair of the language (`tra … e …`, `10-12`)."""
    if a.vague or b.vague or a.value is None or b.value is None:
        return None
    a_value, a_unit, a_end, _ = _extend(body, lang, a)
    if b.start - a_end > 12:  # folding never makes a text shorter
        return None
    between = fold(body[a_end:b.start])
    if len(between) > 12:
        return None
    pairs = _range_pairs(lang)
    before = fold(body[max(0, a.start - 12):a.start])
    currency, start = _currency_before(body, lang, a.start)
    join = " ".join(between.replace("$", " ").replace("€", " ").split())
    opener = ""
    ok = False
    for o, j in pairs:
        if join == j and (not o or re.search(rf"(?:^|\W){re.escape(o)}\s*$", before)):
            if o:
                opener = o
            ok = True
            if o:
                break
    if not ok:
        return None
    if opener and lang.re["moved_from"].search(fold(body[max(0, a.start - 80):a.start])):
        return None  # "the toll rose from 25 to 40": a count moved, 40 now (`scope.moves`)
    b_value, b_unit, end, b_mult = _extend(body, lang, b)
    low = a_value if (a_end > a.end) else a.value * (b_mult if not a.scaled else 1.0)
    high = b_value
    if low is None or high is None or low >= high:
        return None
    if opener:
        start = min(start, a.start - (len(before) - before.rfind(opener)))
    return Figure(start, end, None, low, high, "range", b_unit or a_unit or currency,
                  _precision(b, lang, b_mult), a.start, b.end)
