"""What part of a whole a figure counts, and what kind of figure it is.

Two figures of the same subject are still different quantities when one counts a part: a
subgroup ("dont 15 grièvement", "200 of them critical", "darunter", "41 de ellos de
gravedad"), one of several ("Das Eaton-Feuer habe für sich allein 4000 Gebäude zerstört"), a
place ("45 people died in Mozambique and 13 in Malawi"), or a named thing it is measured
from ("150 kilomètres à l'ouest de Berlin"). They are also different when one is a rate ("a
day", "al mese"), a change ("fell by 34%"), a capacity ("capienza di 50mila persone") or a
forecast ("could reach", "si teme", "befürchten") and the other a count. The words are
language data (`scope:` in `checker/lang/<code>.yaml`); this module only reads the text.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from checker.language import Language, alternation, fold, reversed_alternation, word_start

_NAME = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’.-]*(?:[ \t]+[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’.-]*)*")
_WINDOW = 48  # characters after a figure within which its scope words are looked for
_PLACE_WINDOW = 96  # characters after a figure within which the place it is given for is looked for
_DIGIT = re.compile(r"\d")
_DIGIT_OR_DASH = re.compile(r"\d|\s[-–—]|[-–—]\s")
_ASIDE = re.compile(r"\s*\([^()]{1,40}\)")
_PLACE_END = re.compile(r"[,;:.!?]|\s[-–—]\s|$")  # what ends the words a place may follow


_RATE_WINDOW = 32  # how far before its figure a word of a rate ("täglich", "every day") is looked for


@dataclass(frozen=True)
class Scope:
    """`scope`: `sub:serious` for a subgroup (by severity where the words say), `part` for
    one of several, `earlier` for a count given as superseded ("a previous toll of 83"),
    `at:` and the places or names it is given for (`at:berlin`), `in:` when its sentence
    gives the same for other places (`in:mozambique`: a breakdown by place), `national` for
    the whole country's ("nationwide", "bundesweit"), `whole` for the whole of a share ("18 of
    the 50 seats"), joined by `|`; None for the whole.
    `kind`: `count` (a level or total), `rate`, `change`, `capacity`, `forecast` or
    `progress` (how much of a count is done: "escrutinio al 99,8%")."""

    scope: str | None
    kind: str


@functools.lru_cache(maxsize=None)
def _patterns(lang: Language) -> dict[str, re.Pattern]:
    w = lang.words
    severity = lang.data.get("scope", {}).get("severity") or {} if isinstance(lang.data.get("scope"), dict) else {}
    # `word_start(X)` is `(?<![\w])` before a phrase of X, tested faster (see `word_start`)
    e = r"(?![\w])"
    return {
        "subgroup_end": re.compile(rf"\s*{reversed_alternation(w('scope.subgroup_before'))}(?![\w])"),
        "subgroup_after": re.compile(rf"\s*{alternation(w('scope.subgroup_after'))}{e}"),
        # "18 of the 50 seats": a part of the number that follows
        "share_of": re.compile(rf"\s*{alternation(w('scope.share_of_number'))}\s+\d"),
        # "18 of the 50 seats": the 50 is the whole the 18 are a share of (the text reversed)
        "whole_end": re.compile(rf"\s*{reversed_alternation(w('scope.share_of_number'))}\s+\d"),
        # "66 of the injured": some of them (a count, not a measure or a share)
        "share_of_whole": re.compile(rf"\s*{alternation(w('scope.share_of_whole'))}\s+(?=[^\W\d_])"),
        "severity": re.compile(rf"{word_start(severity)}{alternation(severity)}{e}"),
        "part": re.compile(rf"{word_start(w('scope.part_markers'))}{alternation(w('scope.part_markers'))}{e}"),
        # where every noun has a capital, only a name with no article is a place: "in Magdeburg"
        "place": re.compile(rf"{word_start(w('scope.place_prepositions'))}{alternation(w('scope.place_prepositions'))}\s+" + (
            "" if str(lang.data.get("nouns_capitalised", "")).lower() == "true" else
            rf"(?:{alternation(w('attribution.determiners'))}\s+|(?<=['’]))?")),
        "rate": re.compile(rf"\s*{alternation(w('scope.rate_after'))}{e}"),
        # "Täglich nutzen rund 15.000 Menschen die Strecke": a rate said before its figure
        "rate_before": re.compile(rf"{word_start(w('scope.rate_before'))}{alternation(w('scope.rate_before'))}{e}"),
        "change_end": re.compile(rf"\s*{reversed_alternation(w('scope.change_before'))}(?![\w])"),
        "capacity": re.compile(rf"{word_start(w('scope.capacity'))}{alternation(w('scope.capacity'))}{e}"),
        # "10 GW of capacity" is an amount of it, not a capacity
        "capacity_after": re.compile(rf"\s*(?:{alternation(w('unit_links'))}\s+)?{alternation(w('scope.capacity'))}{e}"),
        "forecast": re.compile(rf"{word_start(w('scope.forecast'))}{alternation(w('scope.forecast'))}{e}"),
        # how much of a count is done: "escrutinio al 99,8%", "95% of precincts reporting"
        "progress": re.compile(rf"{word_start(w('scope.progress'))}{alternation(w('scope.progress'))}{e}"),
        "progress_after": re.compile(rf"\s*(?:[\w'’]+\s+){{0,3}}?{alternation(w('scope.progress'))}{e}"),
        "earlier": re.compile(rf"{word_start(w('scope.earlier'))}{alternation(w('scope.earlier'))}{e}"),
        "nationwide": re.compile(rf"{word_start(w('scope.nationwide'))}{alternation(w('scope.nationwide'))}{e}"),
        # a count moved ("rose from 25 to 40"): the `from` word right before a figure (in the
        # text before it reversed), and the `to` word and number after it
        "moved_from_end": re.compile(rf"\s*{reversed_alternation(w('scope.moves.from'))}(?![\w])"),
        "moved_to": re.compile(rf"\s*{alternation(w('scope.moves.to'))}\s+\d"),
    }


@functools.lru_cache(maxsize=None)
def _severity(lang: Language) -> dict[str, str]:
    table = (lang.data.get("scope") or {}).get("severity") or {}
    return {fold(k): str(v) for k, v in table.items()}


def figure_scope(body: str, low: str, lang: Language, clause: tuple[int, int], start: int,
                 num_start: int, end: int, sentence_end: int | None = None, unit: str | None = None,
                 sentence_start: int | None = None) -> Scope:
    """The scope and kind of the figure at `start:end` (its number at `num_start`, its `unit`)
    in its clause (ending at `sentence_end` at most, for the places after it: "130 kilometers
    (80 miles) west of Berlin"; its sentence starting at `sentence_start`, for a place that
    opens it: "À Paris, 81 000 manifestants"); `low` is `lower(body)`."""
    p = _patterns(lang)
    c0, c1 = clause
    tags: list[str] = []
    before = low[max(0, start - 32):start][::-1]  # a subgroup word may be a clause break ("dont")
    if p["subgroup_end"].match(before) or p["subgroup_after"].match(low, end) or \
            p["share_of"].match(low, end) or (not unit and p["share_of_whole"].match(low, end)):
        tags.append("sub")
    stop = min(c1, end + _WINDOW)
    digit = _DIGIT_OR_DASH.search(low, end, stop)  # the next figure's words are its own
    stop = digit.start() if digit else stop
    after = low[end:stop]
    for m in p["severity"].finditer(low, max(c0, num_start - 24), stop):
        tags = [t for t in tags if t != "sub"] + ["sub:" + _severity(lang)[" ".join(fold(m.group()).split())]]
        break
    if p["whole_end"].match(before):
        tags.append("whole")  # the whole of a share ("18 of the 50 council seats"): no party's
    if _part_marked(p["part"], low, c0, start, end, stop):
        tags.append("part")
    if p["earlier"].search(low, max(c0, start - _WINDOW), start) or \
            (p["moved_from_end"].match(before) and _moved_from(lang, low, c0, start, end)):
        tags.append("earlier")  # a superseded count: not today's, and not another article's
    place_end = _PLACE_END.search(low, end, sentence_end or c1)
    limit = min(place_end.start() if place_end else c1, end + _PLACE_WINDOW)
    # the places after it end where the next figure's number starts ("nine in Riverton and
    # eight in Lakeside"), looked for only when a place may follow (no match in the whole
    # window: none in a part of it)
    if p["place"].search(low, end, limit):
        aside = _ASIDE.match(low, end)  # "130 kilometers (80 miles) west of Berlin": its conversion
        limit = _next_number(lang, low, aside.end() if aside else end, limit)
    places = _named_places(lang, low, _places(body, low, p["place"], end, limit, c0, start,
                                              lang.folded("attribution.name_links")),
                           c0, c1, start, end) or \
        _named_places(lang, low, _opening_place(body, low, p["place"], sentence_start, start),
                      c0, c1, start, end)
    if places:
        tags.append("at:" + ",".join(sorted(places)))
    elif _nationwide(p["nationwide"], low, c0, start, end, min(c1, end + _PLACE_WINDOW), sentence_start):
        tags.append("national")  # "1.28 million nationwide": the whole country's count
    kind = "count"
    if p["rate"].match(after) or p["rate_before"].search(low, max(c0, start - _RATE_WINDOW), start) \
            or p["rate_before"].search(after):
        kind = "rate"
    elif p["change_end"].match(before):
        kind = "change"
    elif p["capacity"].search(low, max(c0, start - 40), start) and not p["capacity_after"].match(low, end):
        kind = "capacity"
    elif p["forecast"].search(low, max(c0, start - _WINDOW), start) or \
            p["forecast"].search(low, end, min(c1, end + 24)):
        kind = "forecast"  # "could reach 800 million", "von Tausend Toten ausgegangen"
    elif unit == "percent" and (p["progress"].search(low, max(c0, start - 24), start)
                                or p["progress_after"].match(after)):
        kind = "progress"  # "según el escrutinio al 99,8%", "with 95% of the vote counted"
    return Scope("|".join(tags) or None, kind)


def _proper(name: str, lang: Language) -> bool:
    """Whether a capitalised name after a preposition is a place or a name, not a day or,
    where every noun is capitalised, an inflected noun ("in Kliniken")."""
    first = name.split()[0].rstrip(".,;:")  # "Samstag. Neun": a day, then the next sentence
    if first.endswith(("'s", "’s")):  # "in Sunday's election"
        first = first[:-2]
    if first in lang.weekdays or first in lang.months:
        return False
    if str(lang.data.get("nouns_capitalised", "")).lower() == "true":
        from checker.lemmas import lemma
        word = first[:1].upper() + first[1:]
        return lemma(word, lang.code) == word
    return True


def _part_marked(part: re.Pattern, low: str, c0: int, start: int, end: int, stop: int) -> bool:
    """A word of one-of-several right around the figure ("für sich allein 4000", "nella sola
    provincia") or opening its clause ("Allein in der Region Valencia kamen … 202 Menschen
    ums Leben"), not in its own words ("más de 10 mil" is a qualifier) nor elsewhere in the
    clause (another figure's "altri")."""
    if part.search(low, max(c0, start - 24), start) or part.search(low, end, stop):
        return True
    clause = low[c0:start]
    opening = part.match(low, c0 + len(clause) - len(clause.lstrip(" \"“«")))
    return bool(opening) and opening.end() <= start


def _moved_from(lang: Language, low: str, c0: int, start: int, end: int) -> bool:
    """The number a count moved from ("the toll rose from 25 to 40", "climbed to 40 from 25",
    "stieg von 25 auf 40"): a verb of `scope.moves` and its `from` word before it, and the
    number it moved to after it or between the two (so "augmenté de 15 %" is no move)."""
    m = lang.re["moved_from"].search(low, max(c0, start - 80), start)
    return bool(m) and bool(_patterns(lang)["moved_to"].match(low, end) or _DIGIT.search(low, m.start(), start))


def _nationwide(pattern: re.Pattern, low: str, c0: int, start: int, end: int, stop: int,
                s0: int | None) -> bool:
    """A word of the whole country right around the figure in its clause ("1.28 million
    nationwide", "bundesweit gingen 1,28 Millionen", "1,28 million de personnes ont manifesté
    mardi dans tout le pays": after it, up to `stop` or the next figure), or opening its
    sentence before a comma ("Dans tout le pays, 1,28 million…"): where all its figures are."""
    digit = _DIGIT.search(low, end, stop)  # the next figure's words are its own
    if pattern.search(low, max(c0, start - _WINDOW), start) or \
            pattern.search(low, end, digit.start() if digit else stop):
        return True
    if s0 is None:
        return False
    s0 += len(low[s0:start]) - len(low[s0:start].lstrip(" \"“«'‘"))
    m = pattern.match(low, s0, start)
    return bool(m) and low.startswith(",", m.end())


def _next_number(lang: Language, low: str, s: int, e: int) -> int:
    """Where the next figure's number starts in `low[s:e]` (a digit or a number word), else e:
    the places after it are its own."""
    digit = _DIGIT.search(low, s, e)
    e = digit.start() if digit else e
    for m in lang.number_word.finditer(low, s, e):
        if (m.start() == 0 or not low[m.start() - 1].isalnum()) and \
                (m.end() >= len(low) or not low[m.end()].isalnum()):
            return m.start()
    return e


def _concept_spans(lang: Language, low: str, s: int, e: int) -> list[tuple[int, int]]:
    """Where counted nouns of the lexicon stand near a figure: a name inside one ("Capi di
    Stato", "chefs d'État") is part of what is counted, not a place."""
    return [m.span() for m in lang.re["concept"].finditer(low, s, e)]


def _places(body: str, low: str, place: re.Pattern, s: int, e: int, c0: int, start: int,
            genitive: frozenset[str] = frozenset()) -> set[tuple[str, int]]:
    """The capitalised names after a locative preposition right after the figure (`in
    Mozambique`, `à l'ouest de Berlin`) or just before it in its clause (`In Mayotte, …`),
    each with where it starts. Before the figure, a preposition that links names
    (`genitive`: "di", "von", "of") says whose, not where ("Rentenreform von Macron")."""
    found = set()
    for lo, hi, links in ((s, e, frozenset()), (max(c0, start - _WINDOW), start, genitive)):
        for m in place.finditer(low, lo, hi):
            if links and fold(m.group()).split()[0] in links:
                continue  # "la riforma di Macron … 1,8 milioni": whose, before the figure
            name = _place_name(body, m.end())
            if name and name[1] + len(name[0]) <= hi + 30:
                found.add(name)
    return found


_SENTENCE_END = re.compile(r"[.!?]\s")


def _place_name(body: str, pos: int) -> tuple[str, int] | None:
    """The capitalised name at `pos` (folded) and where it starts, up to the end of its
    sentence ("Mayotte. A …" is Mayotte)."""
    name = _NAME.match(body, pos)
    if name is None:
        return None
    text = name.group()
    cut = _SENTENCE_END.search(text)
    return fold(text[:cut.start()] if cut else text).rstrip(".,;:"), name.start()


def _named_places(lang: Language, low: str, places: set[tuple[str, int]], c0: int, c1: int,
                  start: int, end: int) -> set[str]:
    """The places that are places: not a day ("on Tuesday"), nor a name inside a counted
    noun, which is part of what is counted ("Capi di Stato"), nor a name that qualifies a
    place noun after it (`scope.place_nouns`: "in the German city of Magdeburg"), nor a noun
    that names none though capitalised (`scope.not_places`: "im Einsatz")."""
    if not places:
        return set()
    named = _concept_spans(lang, low, max(c0, start - _WINDOW), min(c1, end + _PLACE_WINDOW))
    nouns = lang.folded("scope.place_nouns")
    common = lang.folded("scope.not_places")  # "im Einsatz", "im Osten": no place
    return {name for name, at in places if _proper(name, lang) and not any(a <= at < b for a, b in named)
            and not (nouns and _next_word(low, at + len(name)) in nouns) and name.split()[0] not in common}


def _next_word(low: str, pos: int) -> str:
    """The word after `pos` (past spaces), folded."""
    words = low[pos:pos + 30].split(maxsplit=1)
    return fold(words[0].strip(".,;:")) if words else ""


def _opening_place(body: str, low: str, place: re.Pattern, s0: int | None, start: int
                   ) -> set[tuple[str, int]]:
    """The place a sentence opens with, set off by a comma, before the figure ("À Paris,
    81 000 manifestants", "In Mayotte, 14 people died"): where all its figures are."""
    if s0 is None:
        return set()
    s0 += len(body[s0:start]) - len(body[s0:start].lstrip(" \"“«'‘"))
    m = place.match(low, s0, start)
    name = _NAME.match(body, m.end(), start) if m else None
    if name is None or not body.startswith(",", name.end()):
        return set()
    return {_place_name(body, name.start())}


def by_place(scope: Scope, concept: dict | None) -> Scope:
    """A quantity measured for each place (`by_place` in the concepts: inflation in France
    and in the euro area) given for a place is that place's part of a breakdown (`in:`), not
    the story's figure said where (`at:`)."""
    if not concept or not concept.get("by_place") or "at:" not in (scope.scope or ""):
        return scope
    return Scope(scope.scope.replace("at:", "in:"), scope.kind)


def breakdowns(scopes: list[Scope], dimensions: list[tuple]) -> list[Scope]:
    """The scopes of one sentence's figures (their dimension and what they count, None for
    unknown), where figures of one quantity are given for different places ("45 people died in Mozambique and 13 in
    Malawi", "50.000 personnes sur la place Saint-Pierre et 150.000 aux alentours") marked as
    parts of a breakdown (`in:` for a place, `part` for the rest); a place no other figure
    contrasts says where, not which part (`at:`)."""
    out = list(scopes)
    for dim in {d for d, _ in dimensions}:
        ks = [k for k, (d, _) in enumerate(dimensions) if d == dim and scopes[k].kind != "conversion"]
        subjects = {s for d, s in (dimensions[k] for k in ks)} - {None}
        places = {_at(scopes[k].scope) for k in ks}
        if len(ks) < 2 or len(subjects) > 1 or len(places - {None}) < (2 if subjects else 1) \
                or len(places) < 2:
            continue  # one place, or figures of different things: no breakdown
        for k in ks:
            sc = scopes[k]
            if _at(sc.scope):
                out[k] = Scope(sc.scope.replace("at:", "in:"), sc.kind)
            elif "part" not in (sc.scope or ""):
                out[k] = Scope("|".join(filter(None, [sc.scope, "part"])), sc.kind)
    return out


def _at(scope: str | None) -> str | None:
    for tag in (scope or "").split("|"):
        if tag.startswith("at:"):
            return tag
    return None
