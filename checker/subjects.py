"""What a figure counts or measures, what happened to it, and whether it happened.

The counted noun phrase after the number (`1.500 soldati`, `special forces soldiers`), a
measure named before it (`magnitudo 6,8`, `depth of 7.5 miles`), or, for generic nouns
(`people`, `persone`), what the clause says happened to them (`killing`, `feriti`) give the
`subject_key`, a concept shared across languages. The clause's action and state words give
the event (`sent`, `destroyed`), and intention words (`prevede`, `plans`) mark figures that
are planned rather than done: 1,500 soldiers sent and 12,000 planned are different quantities.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from itertools import islice

import yaml

from checker.language import Language, fold
from checker.lemmas import lemma as _lemma
from checker.units import dimension_name

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_NP_MAX_WORDS = 4
_ASIDE = re.compile(r"\s*\([^()]{1,40}\)")  # a parenthesis right after a figure: its conversion


@functools.lru_cache(maxsize=1)
def concepts() -> dict[str, dict]:
    """The shared concept table (`checker/data/concepts.yaml`)."""
    text = resources.files("checker.data").joinpath("concepts.yaml").read_text("utf-8")
    return yaml.safe_load(text) or {}


@functools.lru_cache(maxsize=4096)
def root_concept(key: str | None) -> str | None:
    """The most general concept a subject key belongs to: soldier → person (kept per key:
    every figure asks, and the keys are few)."""
    seen = set()
    while key and key not in seen:
        seen.add(key)
        parent = (concepts().get(key) or {}).get("parent")
        if not parent:
            return key
        key = parent
    return key


def concept_kind(key: str | None) -> str | None:
    return _concept_kinds().get(key) if key else None


@functools.lru_cache(maxsize=1)
def _concept_kinds() -> dict[str, str | None]:
    return {k: (v or {}).get("kind") for k, v in concepts().items()}


@dataclass(frozen=True)
class Subject:
    """The subject of a figure: as written, normalised, and its clause's event and modality."""

    subject: str | None
    subject_key: str | None
    events: tuple[str, ...]
    modality: str  # realized or intended


def clause_bounds(body: str, lang: Language, sentence: tuple[int, int], start: int, end: int,
                  cache: dict | None = None) -> tuple[int, int]:
    """The clause of a span: from the last clause break before it to the first after it.

    `cache` (a dict for one text) keeps each sentence's clause breaks for its other figures.
    """
    s0, s1 = sentence
    key = ("breaks", s0, s1)
    breaks = cache.get(key) if cache is not None else None
    if breaks is None:
        breaks = [m.span() for m in lang.re["clause_break"].finditer(body, s0, s1)
                  if not _inside_number(body, m.start(), m.end())]
        if cache is not None:
            cache[key] = breaks
    left, right = s0, s1
    for b0, b1 in breaks:
        if b1 <= start:
            left = b1
        elif b0 >= end:
            right = b0
            break
    return left, right


def _inside_number(body: str, s: int, e: int) -> bool:
    """A comma between digits is a separator, not a clause break."""
    return e - s == 1 and body[s] in ",." and s > 0 and body[s - 1].isdigit() and \
        e < len(body) and body[e].isdigit()


def _noun_phrase(body: str, lang: Language, pos: int, limit: int,
                 text: str | None = None) -> tuple[int, int] | None:
    """The words right after `pos` up to a function word (skipping a leading partitive), a
    day or month name ("6,2 metri sabato") or, where the counted noun comes first and nouns
    are not capitalised, a name (`text`, the text as written: "otto a Lagosecco")."""
    # one word is a function word when `lang.re["function_word"]` matches it: when it is one
    # of the (folded) function words
    function = lang.folded("function_words")
    words = list(islice(_WORD.finditer(body, pos, limit), _NP_MAX_WORDS + 3))
    i = 0
    partitives = _skipped_before_noun(lang)
    # "70% degli edifici", "70 per cent of the town's old buildings"
    while i < len(words) and fold(words[i].group()) in partitives and i < 3:
        i += 1
    chosen = []
    names_stop = text is not None and _names_stop(lang)
    compound = _compound_prepositions(lang)
    for n, m in enumerate(words[i:], i):
        if chosen and body[chosen[-1].end():m.start()].strip(" ") not in ("", "'s", "’s"):
            break
        word = fold(m.group())
        if word in function or _elided(word, function) or word in lang.weekdays or word in lang.months:
            break
        if word in compound and any(tuple(fold(x.group()) for x in words[n + 1:n + len(rest) + 1]) == rest
                                    for rest in compound[word]):
            break  # "119.000 manifestantes frente a los 800.000": a preposition of two words
        if names_stop and text[m.start()].isupper():
            break
        chosen.append(m)
        if len(chosen) >= _NP_MAX_WORDS:
            break
    if not chosen:
        return None
    if body[pos:chosen[0].start()].strip() and i == 0:
        return None
    return chosen[0].start(), chosen[-1].end()


@functools.lru_cache(maxsize=None)
def _names_stop(lang: Language) -> bool:
    """Where the counted noun comes first and nouns are not capitalised, a capitalised word
    after a number is a name, never what it counts."""
    return lang.data.get("noun_phrase_head") != "last" and \
        str(lang.data.get("nouns_capitalised", "")).lower() != "true"


def _elided(word: str, function: frozenset[str]) -> bool:
    """`d'ici`, `dell'esercito`: a word that starts with an elided function word."""
    cut = word.find("'")
    return 0 < cut < len(word) - 1 and word[:cut + 1] in function


def _whole_of_a_share(low: str, lang: Language, fig_start: int) -> bool:
    """Whether a figure is the whole another one is part of ("179 morts parmi les 181
    personnes à bord", "179 of the 181 people"): what happened to the part is not its subject."""
    before = " " + " ".join(fold(low[max(0, fig_start - 24):fig_start]).split())
    return any(before.endswith(" " + phrase) for phrase in _share_words(lang))


@functools.lru_cache(maxsize=None)
def _share_words(lang: Language) -> tuple[str, ...]:
    return tuple(sorted(lang.folded("scope.share_of_whole") | lang.folded("scope.share_of_number")))


@functools.lru_cache(maxsize=None)
def _compound_prepositions(lang: Language) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Prepositions of several words (`compound_prepositions`: "frente a", "compared with"),
    by first word: the rest of each, as words."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for phrase in lang.folded("compound_prepositions") | {str(p).lower() for p in lang.words("compound_prepositions")}:
        first, *rest = phrase.split()
        if rest:  # under the folded first word and as written in lowercase ("près", "pres")
            out.setdefault(first, []).append(tuple(fold(x) for x in rest))
    return {k: tuple(set(v)) for k, v in out.items()}


@functools.lru_cache(maxsize=None)
def _skipped_before_noun(lang: Language) -> frozenset[str]:
    return lang.folded("partitives") | lang.folded("articles_before_noun")


def _concepts_in(body: str, lang: Language, start: int, end: int) -> list[tuple[int, int, str]]:
    """The concepts named in `body[start:end]`, but for a word that opens a preposition of
    several words ("frente a" is no fire front)."""
    compound = _compound_prepositions(lang)
    return [(m.start(), m.end(), lang.concept_of[" ".join(fold(m.group()).split())])
            for m in lang.re["concept"].finditer(body, start, end)
            if m.group() not in compound or not _opens_compound(body, m.end(), compound[m.group()])]


def _opens_compound(body: str, pos: int, rests: tuple[tuple[str, ...], ...]) -> bool:
    """Whether the words at `pos` are the rest of one of a compound preposition's `rests`."""
    after = fold(body[pos:pos + 40]).split()
    return any(tuple(after[:len(rest)]) == rest for rest in rests)


@functools.lru_cache(maxsize=None)
def _stands_for_people(key: str | None) -> bool:
    """True for people nouns (people, residents, soldiers): what happened to them is counted."""
    seen = set()
    while key and key not in seen:
        seen.add(key)
        entry = concepts().get(key) or {}
        if entry.get("generic") and entry.get("kind") == "thing":
            return True
        key = entry.get("parent")
    return False


def _partitive_opening(low: str, lang: Language, s0: int, c0: int) -> tuple[int, int, str] | None:
    """A counted outcome or thing that a sentence opens with after a partitive, then a comma,
    before the clause of a bare figure ("Of the injured, 12", "Dei feriti, 12"), or None."""
    if c0 - s0 > 40 or not low[s0:c0].rstrip().endswith(","):
        return None
    words = fold(low[s0:c0]).split()
    partitives = lang.folded("partitives")
    if not words or not any(" ".join(words[:n]) in partitives for n in (1, 2, 3)):
        return None
    kind_of = _concept_kinds().get
    found = [c for c in _concepts_in(low, lang, s0, c0) if kind_of(c[2]) in ("outcome", "thing")]
    return found[-1] if len(found) == 1 else None


def find_subject(body: str, low: str, lang: Language, sentence: tuple[int, int],
                 fig_start: int, num_start: int, fig_end: int, unit: str | None,
                 cache: dict | None = None) -> Subject:
    """The subject, events and modality of the figure at `fig_start:fig_end`.

    `low` is `lower(body)`: patterns run on it, the subject is cut from `body`. `cache` (a
    dict for one text) keeps each sentence's clause breaks for its other figures. In a
    language without data, only a unit says what a figure is (a length, an amount of euros).
    """
    if lang.partial:
        return Subject(None, _unit_subject(unit, None), (), "realized")
    c0, c1 = clause_bounds(low, lang, sentence, fig_start, fig_end, cache)
    np_from = fig_end
    aside = _ASIDE.match(low, fig_end, sentence[1])
    if aside and c1 <= aside.end():
        # "$5 billion (€4.4 billion) in aid": what it counts comes after the conversion
        np_from = aside.end()
        c1 = max(c1, clause_bounds(low, lang, sentence, np_from, np_from, cache)[1])
    in_clause = _concepts_in(low, lang, c0, c1)
    kind_of = _concept_kinds().get  # `concept_kind` of the clause's concepts (never empty)
    events = tuple(sorted({c for _, _, c in in_clause if kind_of(c) in ("action", "state")}))
    modality = "intended" if lang.re["intention"].search(low, c0, c1) else "realized"

    np_span = _noun_phrase(low, lang, np_from, c1, body)
    # a counted noun of the lexicon that starts in the phrase ("chefs d'État" though the
    # phrase stops at "d'")
    np_concepts = [c for c in in_clause if np_span and np_span[0] <= c[0] < np_span[1]]
    head_last = lang.data.get("noun_phrase_head") == "last"
    things = [c for c in np_concepts if kind_of(c[2]) in ("thing", "outcome", "measure")]
    if things:
        chosen = things[-1] if head_last else things[0]
        key = chosen[2]
    else:
        key = None
    subject = body[np_span[0]:np_span[1]] if np_span else None

    # a measure named just before the number: "magnitudo 6,8", "depth of 7.5 miles"
    before = [c for c in in_clause if c[1] <= num_start and num_start - c[1] <= 12
              and kind_of(c[2]) == "measure"]
    if before:
        key, subject = before[-1][2], body[before[-1][0]:before[-1][1]]
    elif key is None or _stands_for_people(key):
        # "1,050 people" killed, "4.500 residenti" evacuated: the count is of the outcome
        outcomes = [c for c in in_clause if kind_of(c[2]) == "outcome"] or \
            [c for c in in_clause if kind_of(c[2]) == "measure" and key is None]
        if outcomes and _whole_of_a_share(low, lang, fig_start):
            outcomes = []  # "179 morts parmi les 181 personnes": the whole, not the dead
        if outcomes:
            near = min(outcomes, key=lambda c: abs(c[0] - num_start))
            key = near[2]
            subject = subject or body[near[0]:near[1]]
        elif key is None and not np_span:
            # no noun after the number ("1,500 were sent"): the thing its clause names; a noun
            # phrase of its own ("560 water drops") is what it counts, known or not
            rest = [c for c in in_clause if kind_of(c[2]) == "thing"]
            if rest:
                near = min(rest, key=lambda c: abs(c[0] - num_start))
                key, subject = near[2], subject or body[near[0]:near[1]]
    if key is None and not np_span:
        # "De los heridos, 12 se encuentran en estado grave": the whole the sentence opens with
        opening = _partitive_opening(low, lang, sentence[0], c0)
        if opening:
            key, subject = opening[2], body[opening[0]:opening[1]]
    if (concepts().get(key) or {}).get("generic") and not any(_is_occasion(e) for e in events):
        events = tuple(sorted(set(events) | set(_occasion_near(low, lang, sentence, num_start))))
    key = _unit_subject(unit, key)
    if key is None and subject:
        head = _WORD.findall(subject)
        head_word = (head[-1] if head_last else head[0]) if head else None
        if head_word and fold(head_word) not in lang.concept_of:
            key = _lemma(head_word.lower(), lang.code)
    return Subject(subject, key, events, modality)


def _is_occasion(key: str | None) -> bool:
    return bool((concepts().get(key) or {}).get("occasion"))


def _occasion_near(low: str, lang: Language, sentence: tuple[int, int], pos: int) -> tuple[str, ...]:
    """The occasion (a funeral, a lying in state) a crowd's sentence names nearest to its
    number, when its own clause names none: "250.000 personnes suivent, ce samedi, les
    obsèques" counts the funeral."""
    found = [(abs(s - pos), c) for s, _, c in _concepts_in(low, lang, *sentence) if _is_occasion(c)]
    return (min(found)[1],) if found else ()


def _unit_subject(unit: str | None, key: str | None) -> str | None:
    """The subject a unit implies: money is a cost unless a measure says what it is; a
    physical unit its dimension ("12mila ettari di bosco": an area, whatever of)."""
    if unit and unit.isupper() and concept_kind(key) != "measure":
        return "cost"
    physical = dimension_name(unit)
    if physical and concept_kind(key) is None:
        return physical
    return key


def warm_up(code: str) -> None:
    """Load a language's lemma dictionary now (it takes a moment the first time)."""
    _lemma("a", code)
