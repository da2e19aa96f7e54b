"""Who each figure is attributed to.

Cues come from the language data: prepositions followed by the source (`secondo il NIS`,
`according to the agency`), reporting verbs with the source before them (`la Corea del Sud
ha riferito che`, `officials said`) or, inverted, after them (`, ha comunicato l'Istituto`),
gerunds that borrow the sentence's earlier speaker (`sostenendo che`), and documents
(`In a poll published last month, …`). Anaphora (`the agency`, `la stessa fonte`) resolve to
the source named last in the article. Names are normalised through the gazetteer.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from checker.gazetteer import Gazetteer, acronym
from checker.language import Language, fold, lower

_NP_END = re.compile(r"[,;:.!?\"“”«»]|\s[–—-]\s|$")
# clause breaks for the phrase before a verb; parentheses belong to names: "Service (NIS)"
# (`[,;:\"“”«»]|\s[–—-]\s` with one character class first, so the scan jumps between candidates)
_NP_START = re.compile(r"[,;:\"“”«»\s](?:(?<=[,;:\"“”«»])|(?<=\s)[–—-]\s)")
_MAX_SOURCE_WORDS = 10
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Cue:
    """An attribution in a sentence: the cue words and the source they name."""

    start: int
    end: int
    text: str
    source: str | None
    source_text: str | None
    kind: str  # prep, verb, gerund, document


@dataclass(frozen=True)
class Attribution:
    source: str | None
    source_text: str | None
    cue: str | None


_NONE = Attribution(None, None, None)


def _trim(body: str, start: int, end: int, lang: Language) -> tuple[int, int]:
    """Drop leading determiners and surrounding spaces from a source noun phrase."""
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1] in " \t\r\n,;:":
        end -= 1
    m = lang.re["determiners"].match(fold(body[start:end]))
    if m and m.end() < end - start:
        start += m.end()
    return start, end


def _phrase_after(body: str, lang: Language, pos: int, limit: int) -> tuple[int, int] | None:
    m = _NP_END.search(body, pos, limit)
    end = m.start() if m else limit
    words = list(_WORD.finditer(body, pos, end))[:_MAX_SOURCE_WORDS]
    if not words or _has_digit(body[pos:end]) or \
            lang.re["complementizer_word"].search(fold(body[pos:end])):
        return None  # "ha reso noto ieri che circa 4.500 …": what follows is the report, not who
    s, e = _trim(body, words[0].start(), words[-1].end(), lang)
    return (s, e) if e > s else None


_ASCII_DIGIT = re.compile(r"[0-9]")
_ASCII_RUN = re.compile(r"[\x00-\x7f]+")


def _has_digit(text: str) -> bool:
    """`any(ch.isdigit() for ch in text)`, without a loop over the ASCII characters."""
    if _ASCII_DIGIT.search(text):
        return True
    return not text.isascii() and any(ch.isdigit() for ch in _ASCII_RUN.sub("", text))


def _phrase_before(body: str, lang: Language, pos: int, floor: int) -> tuple[int, int] | None:
    """The noun phrase before a reporting verb, back to a clause break or complementizer."""
    start = floor
    breaks = [m for m in _NP_START.finditer(body, floor, pos)]
    if breaks:
        start = breaks[-1].end()
        commas = [m for m in breaks[:-1] if body[m.start()] == ","]
        if not body[start:pos].strip() and body[breaks[-1].start()] == "," and commas \
                and not any(ch.isdigit() for ch in body[commas[-1].end():breaks[-1].start()]):
            # "Il sindaco di Sorlena, Ottavio Brenna, ha reso noto": the apposition and the
            # noun phrase it names belong together
            before = [m for m in breaks[:-1] if body[m.start()] != ","]
            start = max([m.end() for m in before] + [floor])
            if len(commas) > 2:
                start = max(start, commas[-2].end())
            pos = breaks[-1].start()
    window = fold(body[start:pos])
    comp = None
    for m in lang.re["complementizer_word"].finditer(window):
        comp = m
    if comp:
        start += comp.end()
    words = list(_WORD.finditer(body, start, pos))
    if not words:
        return None
    words = words[-_MAX_SOURCE_WORDS:]
    s, e = _trim(body, words[0].start(), words[-1].end(), lang)
    return (s, e) if e > s else None


def _normalise(text: str, gazetteer: Gazetteer, lang: Language) -> str:
    """The canonical source for a phrase: an acronym, a gazetteer name, or the phrase."""
    abbr = acronym(text)
    if abbr:
        return gazetteer.resolve(abbr) or abbr
    head = lang.re["possessive"].split(text)[-1]  # "South Korea's NIS": the possessor is not the source
    if head != text:
        found = gazetteer.resolve(head)
        if found:
            return found
    return gazetteer.resolve(text) or " ".join(text.split())


def _source(body: str, lang: Language, span: tuple[int, int] | None, gazetteer: Gazetteer
            ) -> tuple[str | None, str | None]:
    if not span:
        return None, None
    text = body[span[0]:span[1]]
    return _source_of(text, lang, gazetteer), text


@functools.lru_cache(maxsize=8192)
def _source_of(text: str, lang: Language, gazetteer: Gazetteer) -> str:
    """The source a phrase names (source phrases repeat across articles: computed once)."""
    if lang.re["anonymous"].match(fold(text)):
        return " ".join(text.split())
    return _normalise(text, gazetteer, lang)


def article_cues(body: str, lang: Language, sentences: list[tuple[int, int]],
                 gazetteer: Gazetteer) -> list[list[Cue]]:
    """The cues of every sentence; each cue pattern scans the article once."""
    starts = [s for s, _ in sentences]
    low = lower(body)
    keys = ("attr_prep", "attr_verb", "attr_gerund", "document_word")
    found: dict[int, dict[str, list[tuple[int, int]]]] = {}
    scanned = lang.scan(low)  # the spans of `lang.re[key].finditer(low)`
    for key in keys:
        for m in scanned[key]:
            i = bisect.bisect_right(starts, m[0]) - 1
            if i >= 0 and m[1] <= sentences[i][1]:
                if i not in found:
                    found[i] = {k: [] for k in keys}
                found[i][key].append(m)
    # most sentences have no cue at all: only those with one are looked at closely
    return [sentence_cues(body, lang, s, gazetteer, found[i]) if i in found else []
            for i, s in enumerate(sentences)]


def sentence_cues(body: str, lang: Language, sentence: tuple[int, int],
                  gazetteer: Gazetteer, matches: dict | None = None) -> list[Cue]:
    """Every attribution cue of one sentence, in text order.

    `matches` maps each cue pattern to the (start, end) of its matches in the sentence.
    """
    s0, s1 = sentence
    if matches is None:
        matches = {k: [m.span() for m in lang.re[k].finditer(lower(body), s0, s1)]
                   for k in ("attr_prep", "attr_verb", "attr_gerund")}
    cues: list[Cue] = []
    for ms, me in matches["attr_prep"]:
        src = _source(body, lang, _phrase_after(body, lang, me, s1), gazetteer)
        if src[0]:
            cues.append(Cue(ms, me, body[ms:me], src[0], src[1], "prep"))
    passive = lang.folded("attribution.passive")
    for ms, me in matches["attr_verb"]:
        span = _phrase_before(body, lang, ms, s0)
        if span and fold(body[span[0]:span[1]]).split()[-1] in passive:
            continue  # "damage is estimated at": nobody is credited
        if span is None:
            span = _phrase_after(body, lang, me, s1)
        src = _source(body, lang, span, gazetteer)
        if src[0]:
            cues.append(Cue(ms, me, body[ms:me], src[0], src[1], "verb"))
    cues.sort(key=lambda c: c.start)
    for ms, me in matches["attr_gerund"]:
        earlier = [c for c in cues if c.end <= ms]
        if earlier:
            c = earlier[-1]
            cues.append(Cue(ms, me, body[ms:me], c.source, c.source_text, "gerund"))
    doc = lang.re["document"].match(fold(body[s0:min(s1, s0 + 80)])) \
        if matches.get("document_word", True) else None
    if doc:
        word = body[s0 + doc.start("doc"):s0 + doc.end("doc")]
        cues.append(Cue(s0 + doc.start(), s0 + doc.end(), body[s0 + doc.start():s0 + doc.end()],
                        fold(word), word, "document"))
    return sorted(cues, key=lambda c: c.start)


def resolve_anaphora(cues: list[Cue], lang: Language, gazetteer: Gazetteer) -> list[Cue]:
    """Replace `the agency`-like sources with the source they refer to, named earlier.

    The antecedent is the last source whose words contain the anaphor's noun (`the agency`
    after `the civil protection agency`), else the last of the kind the anaphor names in the
    language data (an agency), else the last source named.
    """
    out: list[Cue] = []
    last: list[Cue] = []
    kinds = _anaphora_kinds(lang)
    for c in cues:
        text = fold(c.source_text or "")
        if c.source_text and _bare(text, lang) in kinds:
            head = re.split(r"[\s']", text)[-1]
            kind = kinds[_bare(text, lang)]
            match = next((p for p in reversed(last) if head in fold(p.source_text or "")), None)
            match = match or next((p for p in reversed(last) if kind and
                                   (gazetteer.entries.get(p.source) or {}).get("kind") == kind), None)
            match = match or (last[-1] if last else None)
            if match:
                c = Cue(c.start, c.end, c.text, match.source, c.source_text, c.kind)
        elif c.source and not lang.re["anonymous"].match(text):
            last.append(c)
        out.append(c)
    return out


@functools.lru_cache(maxsize=None)
def _anaphora_kinds(lang: Language) -> dict[str, str | None]:
    """Anaphors without determiners (`agency`) → the gazetteer kind they refer to."""
    table = lang.data.get("attribution", {}).get("anaphora") or {}
    return {_bare(a, lang): (None if k in ("", "null", "~") else k) for a, k in table.items()}


@functools.lru_cache(maxsize=8192)
def _bare(phrase: str, lang: Language) -> str:
    """A phrase without leading determiners, spaces unified: `the agency` → `agency`."""
    text = " ".join(fold(phrase).split())
    m = lang.re["determiners"].match(text)
    return text[m.end():] if m and m.end() < len(text) else text


def attribute(start: int, end: int, cues: list[Cue]) -> Attribution:
    """The attribution of a figure at `start:end` from its sentence's cues: the nearest one."""
    if not cues:
        return _NONE

    def distance(c: Cue) -> int:
        return c.start - end if c.start >= end else max(0, start - c.end)

    best = min(cues, key=distance)
    return Attribution(best.source, best.source_text, best.text)
