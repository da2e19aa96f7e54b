"""Who each figure is attributed to.

Cues come from the language data: prepositions followed by the source (`secondo il NIS`,
`according to the agency`), reporting verbs with the source before them (`la Corea del Sud
ha riferito che`, `officials said`) or, inverted, after them (`, ha comunicato l'Istituto`,
`berichtete der Sender`), an opening preposition (`Para la CEOE, …`), gerunds that borrow the
sentence's earlier speaker (`sostenendo che`), relays that layer two sources (`Bloomberg,
citing CaixaBank`: CaixaBank via Bloomberg) and documents (`In a poll published last month,
…`).

A source is a phrase that names who: a name, an organisation, a role, a document or an
anonymous description (`officials`, `fonti locali`); clauses, adverbials and fragments never
are. Pronouns (`it said`), roles standing for a source named before (`the bank said`, `el
fiscal`), reporting verbs with no subject (`ha aggiunto`) and `Demnach` resolve to a source
the article named earlier. A figure takes the cue of its own sentence, else the attribution
of the next sentence when that sentence only says who spoke (`A riferirlo è stato X`), else
the last attribution of its paragraph. Names are normalised through the gazetteer.
"""
from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import NamedTuple

from checker.gazetteer import Gazetteer, acronym
from checker.language import Language, fold, lower
from checker.lemmas import known_word, lemma

# the dot of an initial ("U.N.", "U.S.", "John F. Kennedy") is part of a name, not its end
_NP_END = re.compile(r"[,;:!?\"“”«»()]|(?<![\s.(][A-Z])\.|\s[–—-]\s|$")
# clause breaks for the phrase before a verb; parentheses belong to names: "Service (NIS)"
# (`[,;:\"“”«»]|\s[–—-]\s` with one character class first, so the scan jumps between candidates)
_NP_START = re.compile(r"[,;:\"“”«»\s](?:(?<=[,;:\"“”«»])|(?<=\s)[–—-]\s)")
_MAX_SOURCE_WORDS = 12
_MAX_SKIPPED = 5  # words of an adverbial between an inverted verb and its subject
_WORD = re.compile(r"\S+")
_TOKEN = re.compile(r"[^\W\d_][\w'’.&-]*|\(\s*[A-Z][A-Za-z0-9.&-]{1,9}\s*\)|[«\"“„]?[^\W\d_][\w'’.&-]*[»\"”“]?")
_PARAGRAPH = re.compile(r"\n[ \t\r\u00a0]*\n")
_QUOTES = "\"“”„«»‘’'"


@dataclass(frozen=True)
class Cue:
    """An attribution in a sentence: the cue words and the source they name.

    `refers` marks a source still to be found among those named before: `pronoun` (`it
    said`), `role` (`the bank said`), `subject` (a verb with no subject: `ha aggiunto`).
    `via`/`via_text` is who relayed it (`Bloomberg, citing CaixaBank`).
    """

    start: int
    end: int
    text: str
    source: str | None
    source_text: str | None
    kind: str  # prep, verb, gerund, document, relay, continuation
    refers: str | None = None
    via: str | None = None
    via_text: str | None = None
    span: tuple[int, int] | None = None  # where the source phrase is written
    scope: tuple[int, int] | None = None  # the figures it covers, when not its whole sentence
    points_back: bool = False  # its sentence says who gave the figures before ("Dies melden X")


@dataclass(frozen=True)
class Attribution:
    source: str | None
    source_text: str | None
    cue: str | None
    source_via: str | None = None


_NONE = Attribution(None, None, None)


# --- the phrase that names who ---------------------------------------------------------------

@dataclass(frozen=True)
class _Words:
    """The word lists of a language that source phrases are checked against, folded."""

    function: frozenset[str]
    links: frozenset[str]
    roles: frozenset[str]
    anonymous: frozenset[str]
    documents: frozenset[str]
    pronouns: dict[str, str | None]
    determiners: frozenset[str]
    capital_nouns: bool
    days: frozenset[str] = frozenset()  # "ayer", "gestern": adverbs of time, never prepositions
    calendar: frozenset[str] = frozenset()  # weekdays and months: "on Friday" names nobody
    quantities: frozenset[str] = frozenset()  # "Hunderten", "thousands": a figure, not a name
    records: frozenset[str] = frozenset()  # "datos", "chiffres": whose they are is the source
    record_links: frozenset[str] = frozenset()  # "figures from the ministry": its owner follows
    links_or_function: frozenset[str] = frozenset()  # the unions the phrase loops ask about,
    determiners_or_links: frozenset[str] = frozenset()  # made once, not at every word
    # heads of more than one word ("protezione civile", "sécurité civile"), by first word
    phrase_heads: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    code: str = ""  # the language's code, for lemmas ("sindacati" is a "sindacato")
    heads: frozenset[str] = frozenset()  # roles, anonymous sources and documents: what names who
    place_openers: frozenset[str] = frozenset()  # "En Grecia, …": a place, not who
    verbs: frozenset[str] = frozenset()  # reporting verbs of one word: "reported" is no "report"
    addressee: frozenset[str] = frozenset()  # "à l'AFP", "alla Rai": to whom, not more of who


@functools.lru_cache(maxsize=None)
def _words(lang: Language) -> _Words:
    a = lang.data.get("attribution", {}) if isinstance(lang.data.get("attribution"), dict) else {}
    pronouns = a.get("pronouns") or {}
    w = _Words(
        # a relay or a gerund ends the name before it: "l'Unhcr citando i superstiti"
        function=lang.folded("function_words") | lang.folded("attribution.passive")
        | lang.folded("attribution.complementizers")
        | frozenset(g for g in lang.folded("attribution.relays") | lang.folded("attribution.gerunds")
                    if " " not in g),
        links=lang.folded("attribution.name_links"),
        roles=lang.folded("attribution.roles") | frozenset(_anaphora_kinds(lang)),
        anonymous=lang.folded("attribution.anonymous"),
        documents=lang.folded("attribution.documents"),
        pronouns={fold(k): (None if v in ("", "null", "~") else v) for k, v in pronouns.items()},
        determiners=lang.folded("attribution.determiners"),
        capital_nouns=str(lang.data.get("nouns_capitalised", "")).lower() == "true",
        days=frozenset(fold(d) for d in (lang.data.get("dates") or {}).get("relative_days") or {}),
        calendar=frozenset(lang.weekdays) | frozenset(lang.months),
        quantities=frozenset(v for v in lang.vague if " " not in v) | frozenset(lang.scales),
        records=lang.folded("attribution.records"),
        record_links=lang.folded("attribution.record_links"),
        code=lang.code,
    )
    heads = w.roles | w.anonymous | w.documents
    return replace(w, links_or_function=w.links | w.function, determiners_or_links=w.determiners | w.links,
                   heads=heads, phrase_heads=_phrase_heads(heads),
                   place_openers=frozenset(p for p in lang.folded("scope.place_prepositions") if " " not in p),
                   verbs=frozenset(v for v in lang.folded("attribution.verbs") if " " not in v),
                   addressee=lang.folded("attribution.addressee"))


def _phrase_heads(heads: frozenset[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The heads written in more than one word, as word tuples under their first word,
    longest first: a lowercase "la protection civile" names its source as "la police" does."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for head in heads:
        words = tuple(head.split())
        if len(words) > 1:
            out.setdefault(words[0], []).append(words)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


def _phrase_head(tokens: Sequence[_Tok], k: int, w: _Words) -> int:
    """How many tokens from `k` spell a head of several words (0 for none)."""
    for words in w.phrase_heads.get(tokens[k].word, ()):
        n = len(words)
        if k + n <= len(tokens) and all(tokens[k + j].word == words[j] for j in range(1, n)):
            return n
    return 0


def _capitalised(token: str) -> bool:
    token = token.lstrip(_QUOTES + "(")
    return bool(token) and token[0].isupper()


def _is_head(word: str, w: _Words) -> bool:
    """A word that can name who: a role, an anonymous source, a document (any inflection the
    list gives, the plural/singular by a final `s`, or the word's lemma: "sindacati")."""
    if any(form in w.heads for form in (word, word.rstrip("s"), word + "s")):
        return True
    if not w.code or len(word) < 4 or word in w.verbs:
        return False  # a reporting verb's form is no noun ("reported", "counted" are no report, count)
    base = fold(lemma(word, w.code))
    return base != word and base in w.heads


def _only_determiners(text: str, w: _Words) -> bool:
    """Whether a text is determiners and nothing else (or nothing at all)."""
    return all(fold(x) in w.determiners for x in text.split())


def clause_holder(body: str, lang: Language, clause_start: int, start: int, sentence_start: int,
                  cues: Sequence[Cue]) -> str | None:
    """Who a figure's clause says has or did what it counts: a name or a role that opens the
    clause, then one to four lowercase words, then the figure ("St Mary's Hospital treated
    40 patients", "Le parti Chega a obtenu 48 sièges"); never the source of a cue ("Police
    said 12 people died"). Figures of two holders are two quantities. A pronoun is a holder
    of its own (whom it stands for is not known here)."""
    if not 3 < start - clause_start < 120:
        return None  # the figure opens its clause, or the clause is no short one
    words = body[clause_start:start].split()
    if not words or len(words) > 10 or not words[-1].isalpha() or not words[-1].islower():
        return None  # the word before the figure is a verb's, lowercase ("treated 40")
    w = _words(lang)
    i = 0
    while i < len(words) - 1 and fold(words[i]) in w.determiners:
        i += 1
    if len(words) - i < 2 or not (any(_capitalised(_elided_rest(x, w)) for x in words[i:i + 3])
                                  or _is_head(fold(_elided_rest(words[i], w)), w)):
        return None  # most clauses: the figure first, or a common noun ("The blaze forced")
    found_words = list(_WORD.finditer(body, clause_start, start))
    span = None
    for k in range(1, min(4, len(words) - i - 1) + 1):  # the verb: the last k words
        word = words[-k]
        if not (word.isalpha() and word.islower()):
            break
        cut = found_words[-k].start()
        found = who_phrase(body, lang, clause_start, cut, sentence_start)
        if found and not body[found[1]:cut].strip():
            span = found  # the phrase reaches the verb: "L'Alliance | obtient", "Chega | a obtenu"
            break
    if span is None or any(c.span and c.span[0] < span[1] and span[0] < c.span[1] for c in cues):
        return None  # nobody, or who said it rather than who has it
    text = body[span[0]:span[1]]
    if fold(text) in w.pronouns:
        return f"?{fold(text)}@{span[0]}"
    if not _holder_phrase(body, lang, clause_start, span, start, w):
        return None
    return " ".join(fold(text).split())


def _elided_rest(word: str, w: _Words) -> str:
    """A word without the elided article or preposition it starts with ("l'Alleanza" →
    "Alleanza", "dell'Interno" → "Interno"); the word itself otherwise."""
    cut = max(word.find("'"), word.find("’"))
    if 0 < cut <= 5 and cut < len(word) - 1:
        prefix = fold(word[:cut]).lstrip(_QUOTES) + "'"
        if prefix in w.determiners or prefix in w.links or prefix in w.function:
            return word[cut + 1:]
    return word


def _holder_phrase(body: str, lang: Language, clause_start: int, span: tuple[int, int], start: int,
                   w: _Words) -> bool:
    """Whether a phrase opening a clause is who has its figure: only determiners before it;
    not a document ("Le stime … indicano"); the figure is the verb's object, not after a
    preposition ("ha chiesto ai 320mila abitanti"); and one word is a role or a name, not a
    common word that opens its clause ("Both now rank", "Alles in allem", "— Fires that")."""
    if not _only_determiners(body[clause_start:span[0]], w):
        return False
    text = body[span[0]:span[1]]
    bare = fold(text)
    if bare in w.documents or bare in w.records or bare.rstrip("s") in w.documents:
        return False
    between = [fold(x) for x in body[span[1]:start].split()]
    while between and between[-1] in w.determiners:
        between.pop()
    if not between or between[-1] in w.function:
        return False
    if len(text.split()) > 1 or _is_head(bare, w) or not known_word(text, lang.code):
        return True
    # a common word is a name where its capital is not the clause's ("L'Alliance", "the
    # Socialists"), unless every noun has one
    return not w.capital_nouns and bool(body[clause_start:span[0]].strip(" \"“«'’(—–-"))


def who_phrase(body: str, lang: Language, start: int, end: int, sentence_start: int
               ) -> tuple[int, int] | None:
    """The part of `body[start:end]` that names who (see the module docstring), or None when
    it names nobody.

    Leading determiners are dropped. The phrase keeps modifiers, then its head (a capitalised
    name, an acronym, a role, an anonymous source, a document), then links to more name (`de
    la Questura`, `of the agency`) and, where adjectives follow their noun, adjectives; it
    ends at the first word that cannot belong to it (a verb, a preposition that links no
    name). A pronoun alone is returned as it is, to be resolved later.
    """
    start, end = max(0, start), max(0, end)  # as `finditer` reads its bounds
    found = _who_in(body[start:end], lang)
    return None if found is None else (start + found[0], start + found[1])


@functools.lru_cache(maxsize=1 << 14)
def _who_in(body: str, lang: Language) -> tuple[int, int] | None:
    """`who_phrase` of a whole text, offsets in it: it depends on the span's text alone, and
    the same phrases are asked again (each look around a cue, the same wording in many
    articles), so each is read once."""
    start, end = 0, len(body)
    w = _words(lang)
    tokens = _tokens(body, start, end, w)
    i = 0
    while i < len(tokens) - 1 and tokens[i].word in w.determiners:
        i += 1
    i = _past_record(tokens, i, w)
    if i < len(tokens) and tokens[i].word in w.pronouns:
        return tokens[i].start, tokens[i].end
    # adjectives follow the noun in Romance languages; in German a lowercase word after the
    # noun is a verb
    adjectives_after = lang.data.get("noun_phrase_head") == "first" and not w.capital_nouns
    kept: list[_Tok] = []
    named = False
    head_end = 0  # kept tokens up to here end in a head of several words: never popped
    skip = 0
    for k in range(i, len(tokens)):
        if skip:
            skip -= 1
            continue
        tok, word = tokens[k], tokens[k].word
        if word in w.quantities and not kept:
            return None  # a quantity names nobody: "von Hunderten Toten"
        if named and (_has_digit(body[tokens[k - 1].end:tok.start]) or word in w.quantities):
            break  # a figure ends the phrase: "der Präfekt X 300 Tote", "X von Hunderten"
        if tok.text.startswith("("):  # "Service (NIS)"
            kept.append(tok)
            named = True
        elif tok.capital and not (not kept and _common(word, lang, w)):
            kept.append(tok)
            named = True
        elif _is_head(word, w):
            kept.append(tok)
            named = True
        elif word in w.phrase_heads and (n := _phrase_head(tokens, k, w)):
            kept.extend(tokens[k:k + n])
            named, head_end, skip = True, len(kept), n - 1
        elif named and word in w.addressee:
            break  # "a indiqué la préfecture de la Drôme à l'AFP": to whom it was said
        elif word in w.function or word in w.determiners:
            inside = word in w.links or not w.capital_nouns
            after_link = bool(kept) and kept[-1].word in w.links_or_function
            if kept and word in w.determiners and word not in w.links and not after_link:
                if named:
                    break  # "una nota i servizi": a determiner starts another phrase
                kept = []  # the modifiers were another phrase's
            elif kept and inside and _name_follows(tokens, k + 1, w, capital=word not in w.determiners_or_links):
                kept.append(tok)  # "fiscal de Magdeburgo", "Ministerio para la Transición"
            elif kept:
                break
            # else a conjunction or a preposition before the phrase: "car le ministère"
        elif not named:
            kept.append(tok)  # a modifier before the head: "local officials", "Spain's largest bank"
        elif adjectives_after and _adjective_like(word, w) and not (
                len(kept) > 1 and kept[-1].capital and kept[-2].capital
                and not kept[-1].text.startswith("(")):
            # an adjective after a role or an institution ("servicio meteorológico francés",
            # "Protezione civile regionale"); after a person's name a verb follows ("Joe
            # Biden decretó")
            kept.append(tok)
        elif w.capital_nouns and k == len(tokens) - 1 and len(word) <= 4 and word.isalpha():
            kept.append(tok)  # a brand written small at the end: "Nachrichtenagentur dpa"
        elif not adjectives_after and not w.capital_nouns and kept[-1].capital \
                and _head_soon(tokens, k + 1, w):
            kept.append(tok)  # a name, then words small and the head: "the U.N. refugee agency"
        else:
            break
    if named:
        kept = _through_acronym(kept, tokens, w)
    while len(kept) > head_end and not (kept[-1].capital or kept[-1].text.startswith("(")
                        or _is_head(kept[-1].word, w) or kept[-1] is tokens[-1] and w.capital_nouns
                        or (adjectives_after and named and kept[-1].word not in w.function)):
        kept.pop()
    if not kept or not named:
        return None
    s, e = kept[0].start, kept[-1].end
    while e > s and body[e - 1] in ".,;:":
        e -= 1
    return (s, e) if e > s else None


def _through_acronym(kept: list[_Tok], tokens: Sequence[_Tok], w: _Words) -> list[_Tok]:
    """A name cut short by words in small letters, when an acronym in parentheses a few words
    on spells the initials of all of it: "l'Organisation internationale pour les migrations
    (OIM)" is one name, not "Organisation internationale"."""
    nxt = next((k for k, t in enumerate(tokens) if t.start >= kept[-1].end), None)
    if nxt is None:
        return kept
    for j in range(nxt, min(len(tokens), nxt + 6)):
        if tokens[j].text.startswith("("):
            letters = tokens[j].text.strip("() ,;:").replace(".", "")
            words = [t.word for t in list(kept) + list(tokens[nxt:j])
                     if t.word not in w.links_or_function and t.word not in w.determiners and "'" not in t.word[:-1]]
            initials = "".join(x[:1] for x in words).upper()
            return list(kept) + list(tokens[nxt:j + 1]) if letters.upper() == initials and len(letters) > 1 else kept
        if tokens[j].capital:
            return kept
    return kept


def _head_soon(tokens: Sequence[_Tok], j: int, w: _Words) -> bool:
    """A head (a role, an institution) among the next two words, with no function word
    before it: "refugee agency", "civil protection agency"."""
    for tok in tokens[j:j + 2]:
        if _is_head(tok.word, w):
            return True
        if tok.word in w.links_or_function or tok.word in w.determiners or tok.capital:
            return False
    return False


def _past_record(tokens: Sequence[_Tok], i: int, w: _Words) -> int:
    """Where the phrase's who starts past a record it is read from: "(dernier) bilan des
    autorités", "datos del Ministerio", "dati della Protezione civile" name the authorities,
    the ministry, the civil protection."""
    for k in (i, i + 1):  # the record's noun, at most one modifier before it
        if k + 2 < len(tokens) and (tokens[k].word in w.records or tokens[k].word in w.documents) \
                and (tokens[k + 1].word in w.links or tokens[k + 1].word in w.record_links):
            j = k + 2
            while j < len(tokens) - 1 and tokens[j].word in w.determiners:
                j += 1
            if any(t.capital or _is_head(t.word, w) for t in tokens[j:j + 3]):
                return j  # a name or a role, at most two modifiers before it
    return i


class _Tok(NamedTuple):
    start: int
    end: int
    text: str
    word: str  # folded, without quotes and stops
    capital: bool


def _tokens(body: str, start: int, end: int, w: _Words) -> list[_Tok]:
    """The words of a span; an elided article or preposition is a word of its own
    (`l'Istituto` is `l'` and `Istituto`, `dell'Interno` is `dell'` and `Interno`)."""
    out = []
    for m in _TOKEN.finditer(body, start, end):
        text, s0 = m.group(), m.start()
        cut = max(text.find("'"), text.find("’")) if "'" in text or "’" in text else -1
        if 0 < cut <= 5 and cut < len(text) - 1:
            prefix = fold(text[:cut]).lstrip(_QUOTES) + "'"
            if prefix in w.determiners or prefix in w.links or prefix in w.function:
                out.append(_tok(s0, s0 + cut + 1, text[:cut + 1]))
                text, s0 = text[cut + 1:], s0 + cut + 1
        out.append(_tok(s0, s0 + len(text), text))
    return out


def _tok(start: int, end: int, text: str) -> _Tok:
    return _Tok(start, end, text, *_tok_word(text))


@functools.lru_cache(maxsize=1 << 16)
def _tok_word(text: str) -> tuple[str, bool]:
    """(folded word, capitalised) of a token's text: words recur, so each is folded once."""
    if text[-1:] in "'’" and len(text) <= 6:  # an elided word keeps its apostrophe: "l'"
        return fold(text), False
    return fold(text.strip(_QUOTES + ".,;:()")), _capitalised(text)


def _fw(token) -> str:
    """A word folded, without the quotes and stops around it."""
    text = token.text if isinstance(token, _Tok) else token.group()
    return fold(text.strip(_QUOTES + ".,;:()"))


def _common(word: str, lang: Language, w: _Words) -> bool:
    """A capitalised word that names nobody: a function word, a determiner, a pronoun, a day
    or month ("Yesterday", "Eso", "Lunedì" at the start of a sentence)."""
    return (word in w.function or word in w.determiners or word in w.pronouns
            or word in lang.weekdays or word in lang.months
            or word in lang.folded("dates.relative_days"))


def _preposition(word: str, w: _Words) -> bool:
    return word in w.function and word not in w.determiners and word not in w.days


def _name_follows(tokens: Sequence[_Tok], i: int, w: _Words, capital: bool = False) -> bool:
    """Whether a name or a role comes next, past determiners: "de la Questura", "of the agency";
    with `capital`, only a name ("Ministerio para la Transición", not "ministère … dans un
    communiqué")."""
    while i < len(tokens) and tokens[i].word in w.determiners_or_links:
        i += 1
    return i < len(tokens) and tokens[i].word not in w.calendar and (
        tokens[i].capital or not capital and _is_head(tokens[i].word, w))


def _adjective_like(word: str, w: _Words) -> bool:
    return len(word) > 2 and word not in w.function and word not in w.determiners


# --- finding the phrase around a cue ----------------------------------------------------------

def _phrase_after(body: str, lang: Language, pos: int, limit: int, s0: int,
                  skip: bool = False) -> tuple[int, int] | None:
    """The phrase naming who right after a cue (see `_phrase_after_in`); with `skip`, past up
    to two asides between commas that name nobody (`confirmó este viernes, hacia el mediodía
    local, el portavoz`)."""
    span = _phrase_after_in(body, lang, pos, limit, s0, skip)
    for _ in range(2 if skip else 0):
        if span is not None:
            break
        comma = body.find(",", pos, limit)
        if comma < 0 or len(body[pos:comma].split()) > 6 or _has_digit(body[pos:comma]):
            break
        pos = comma + 1
        span = _phrase_after_in(body, lang, pos, limit, s0, skip)
    return span


def _phrase_after_in(body: str, lang: Language, pos: int, limit: int, s0: int,
                     skip: bool = False) -> tuple[int, int] | None:
    """`_phrase_after_text` of the text from `pos` to `limit`, offsets in `body`."""
    pos, limit = max(0, pos), max(0, limit)  # as `finditer` reads its bounds
    found = _phrase_after_text(body[pos:limit], lang, skip)
    return None if found is None else (pos + found[0], pos + found[1])


@functools.lru_cache(maxsize=1 << 13)
def _phrase_after_text(text: str, lang: Language, skip: bool) -> tuple[int, int] | None:
    """`_phrase_after_at` of a whole text: it reads nothing past the clause's end, and a
    quarter of these texts are asked again."""
    return _phrase_after_at(text, lang, 0, len(text), 0, skip)


def _phrase_after_at(body: str, lang: Language, pos: int, limit: int, s0: int,
                     skip: bool = False) -> tuple[int, int] | None:
    """The phrase naming who right after a cue, up to the clause's end. With `skip`, words
    that cannot start it are passed over first: an inverted verb's adverbials ("a déclaré sur
    Europe 1 le ministre", "erklärte am Abend der Verband")."""
    while pos < limit and body[pos] in " \t\n":
        pos += 1
    if pos < limit and body[pos] in _QUOTES:  # a name in quotes: 'Laut "Bild" erlitten'
        close = next((k for k in range(pos + 1, min(limit, pos + 60)) if body[k] in _QUOTES), -1)
        if close > pos + 1:
            return who_phrase(body, lang, pos + 1, close, s0)
    m = _NP_END.search(body, pos, limit)
    end = m.start() if m else limit
    if m and body[m.start():m.start() + 1] == "(":  # an acronym in parentheses belongs to the name
        close = body.find(")", m.start(), limit)
        if 0 <= close - m.start() <= 14:
            nxt = _NP_END.search(body, close + 1, limit)
            end = nxt.start() if nxt else limit
    words = list(islice(_WORD.finditer(body, pos, end), _MAX_SOURCE_WORDS))
    w = _words(lang)
    if words and lang.re["complementizer"].match(fold(words[0].group())):
        return None  # "ha reso noto che circa 4.500 …": what follows is the report, not who
    in_pp = False  # inside a prepositional phrase ("hanno comunicato in una nota i servizi")
    for k in range(min(len(words), _MAX_SKIPPED) if skip else min(1, len(words))):
        word = fold(words[k].group())
        if skip and k:
            prev = fold(words[k - 1].group())
            if _preposition(prev, w):
                in_pp = True
            elif in_pp and word in w.determiners and prev not in w.determiners:
                in_pp = False  # the prepositional phrase has ended: a new phrase starts
            if in_pp:
                continue
        if _has_digit(words[k].group()) and not (k and _capitalised(words[k - 1].group())):
            return None  # past a figure: the report, not who ("Europe 1" is a name)
        elided = word[:word.find("'") + 1] if "'" in word else ""  # "l'istituto" starts with "l'"
        if (k or skip) and word not in w.determiners and elided not in w.determiners \
                and not _capitalised(words[k].group()) and not _is_head(word, w):
            continue  # a phrase starts with a determiner, a capital or a role
        span = who_phrase(body, lang, words[k].start(), words[-1].end(), s0)
        if span and not _has_digit(body[span[0]:span[1]]):
            return _agent(body, lang, span, words[-1].end(), s0)
    return None


def _agent(body: str, lang: Language, span: tuple[int, int], end: int, s0: int
           ) -> tuple[int, int]:
    """`les chiffres communiqués mardi par le ministère`: figures given by someone are that
    someone's (the agent after `par`, `by`, `da`, `von`, up to `end`)."""
    agents = lang.folded("attribution.agent_links")
    if not agents or _capitalised(body[span[0]:span[1]]):
        return span  # a name is who it is
    for m in _WORD.finditer(body, span[0], end):
        if fold(m.group()) in agents and m.start() > span[0]:
            inner = who_phrase(body, lang, m.end(), end, s0)
            if inner:
                return inner
    return span


_ASCII_DIGIT = re.compile(r"[0-9]")
_ASCII_RUN = re.compile(r"[\x00-\x7f]+")


def _has_digit(text: str) -> bool:
    """`any(ch.isdigit() for ch in text)`, without a loop over the ASCII characters."""
    if _ASCII_DIGIT.search(text):
        return True
    return not text.isascii() and any(ch.isdigit() for ch in _ASCII_RUN.sub("", text))


def _phrase_before(body: str, lang: Language, pos: int, floor: int, relay: bool = False
                   ) -> tuple[int, int] | None:
    """The noun phrase before a reporting verb, back to `floor` (see `_phrase_before_in`)."""
    floor, pos = max(0, floor), max(0, pos)  # as `finditer` reads its bounds
    found = _phrase_before_text(body[floor:pos], lang, relay)
    return None if found is None else (floor + found[0], floor + found[1])


@functools.lru_cache(maxsize=1 << 13)
def _phrase_before_text(text: str, lang: Language, relay: bool) -> tuple[int, int] | None:
    """`_phrase_before` of a whole text: it reads nothing outside the text from the clause
    start to the verb, and half of these texts are asked again (a verb looked at twice, the
    same wording in many articles)."""
    return _phrase_before_in(text, lang, len(text), 0, relay)


def _phrase_before_in(body: str, lang: Language, pos: int, floor: int, relay: bool = False
                      ) -> tuple[int, int] | None:
    """The noun phrase before a reporting verb, back to a clause break or complementizer.

    A verb right after a comma (adverbs aside) is inverted (`…, said the minister`): no
    phrase, unless the comma closes an apposition or an aside after the subject (`Il sindaco
    di Sorlena, Ottavio Brenna, ha reso noto`, `La préfecture, à 1.400 kilomètres, a fait
    savoir`), or, for a relay, the phrase before the comma is who relays (`Bloomberg, citing`).
    """
    breaks = [m for m in _NP_START.finditer(body, floor, pos)]
    w = _words(lang)
    if breaks and body[breaks[-1].start()] == "," and _only_adverbs(body, lang, breaks[-1].end(), pos, w):
        if relay:
            pos, breaks = breaks[-1].start(), breaks[:-1]
        else:
            return _before_aside(body, lang, breaks, floor, w)
    start = breaks[-1].end() if breaks else floor
    window = fold(body[start:pos])
    comp = None
    for m in lang.re["complementizer_word"].finditer(window):
        comp = m
    if comp:
        start += comp.end()
    words = list(_WORD.finditer(body, start, pos))
    if not words:
        return None
    return _subject_before(body, lang, words[-_MAX_SOURCE_WORDS:], floor)


def _only_adverbs(body: str, lang: Language, start: int, end: int, w: _Words) -> bool:
    return all(_between_subject_and_verb(fold(x), lang, w) for x in body[start:end].split())


def _before_aside(body: str, lang: Language, breaks: list[re.Match], floor: int, w: _Words
                  ) -> tuple[int, int] | None:
    """The subject before `X, aside, verb`: X when it names who (with the aside when that is
    a name or a role in apposition); None for an inverted verb."""
    commas = [m for m in breaks[:-1] if body[m.start()] == ","]
    if not commas:
        return None
    aside = (commas[-1].end(), breaks[-1].start())
    others = [m for m in breaks[:-1] if m.start() < commas[-1].start()]
    head_start = others[-1].end() if others else floor
    head = _whole(body, lang, head_start, commas[-1].start(), floor)
    if head is None or _in_relative(body, lang, head_start, head[0]):
        return None  # "O comboio, que fazia a ligação entre Lisboa e o Porto, …": no subject
    appos = _whole(body, lang, aside[0], aside[1], floor)
    if appos and not _has_digit(body[aside[0]:aside[1]]) and _apposition(
            body[head[0]:head[1]], body[appos[0]:appos[1]], lang, w):
        return head[0], appos[1]
    return head


def _in_relative(body: str, lang: Language, start: int, end: int) -> bool:
    """Whether the words before a phrase open a relative clause ("que fazia a", "which
    linked"): the phrase is what that clause is about, not who speaks."""
    words = fold(body[start:end]).split()
    return bool(words) and words[0] in lang.folded("attribution.relatives")


def _apposition(head: str, aside: str, lang: Language, w: _Words) -> bool:
    """A role and a name side by side name one who ("le ministre de l'Intérieur, Bruno
    Retailleau", "Horst Nopens, fiscal de Magdeburgo"); a place after a role does not ("le
    maire de Mamoudzou, chef-lieu de Mayotte")."""
    def is_name(text: str) -> bool:
        words = text.split()
        return bool(words) and _capitalised(words[0]) and all(
            _capitalised(x) or fold(x) in w.links for x in words)
    return is_name(aside) or (is_name(head) and _is_head(_bare(aside, lang).split()[0], w))


def _whole(body: str, lang: Language, start: int, end: int, floor: int) -> tuple[int, int] | None:
    """A phrase naming who that is `body[start:end]`, give or take a few words of it after
    the name ("minister for overseas matters"), or None."""
    span = who_phrase(body, lang, start, end, floor)
    opening = fold(body[start:span[0]]).split()[:1] if span else []
    if opening and opening[0] in _words(lang).place_openers:
        return None  # "En Grecia, …": a place the clause opens with, not who
    rest = body[span[1]:end].strip(" " + _QUOTES) if span else ""
    if span and (not rest or (len(rest.split()) <= 4 and not _has_digit(rest))):
        return span[0], end - (len(body[span[1]:end]) - len(body[span[1]:end].rstrip(" " + _QUOTES)))
    return None


def _subject_before(body: str, lang: Language, words: list[re.Match], s0: int
                    ) -> tuple[int, int] | None:
    """The longest end of `words` that is a phrase naming who; auxiliaries, adverbs and days
    may stand between it and the verb ("authorities have now confirmed", "officials had
    earlier Sunday confirmed")."""
    w = _words(lang)
    tail = len(words)
    while tail > 0 and _between_subject_and_verb(fold(words[tail - 1].group().strip(",")), lang, w) \
            and (not _capitalised(words[tail - 1].group())
                 or fold(words[tail - 1].group().strip(",")) in lang.weekdays
                 or fold(words[tail - 1].group().strip(",")) in lang.folded("attribution.adverbs")):
        tail -= 1
    if tail == 0:
        return None
    for k in range(tail):
        span = who_phrase(body, lang, words[k].start(), words[tail - 1].end(), s0)
        if span and (span[1] >= words[tail - 1].end() - 1
                     or _place_after(body, span[1], words[tail - 1].end(), w)):
            figure = _figure_before(body, words, span[0])
            if figure:  # the noun a figure counts ("während das Ministerium 15 Tote meldete"):
                return _subject_before(body, lang, words[:figure], s0) or span  # who is before it
            return span
    return None


def _figure_before(body: str, words: list[re.Match], start: int) -> int:
    """The index in `words` of a number that stands right before `start` (the phrase is then
    what it counts), else 0."""
    k = next((i for i, m in enumerate(words) if m.start() >= start), 0)
    return k - 1 if k > 0 and _has_digit(words[k - 1].group()) and \
        not body[words[k - 1].end():start].strip() else 0


def _place_after(body: str, start: int, end: int, w: _Words) -> bool:
    """A place after a subject, before its verb: "Fonti diplomatiche a Bruxelles parlano"."""
    words = body[start:end].split()
    return 2 <= len(words) <= 4 and _preposition(fold(words[0]), w) and all(
        _capitalised(x) or fold(x) in w.determiners_or_links for x in words[1:])


def _between_subject_and_verb(word: str, lang: Language, w: _Words) -> bool:
    return (word in w.function or word in lang.folded("attribution.adverbs")
            or word in lang.weekdays or word in lang.folded("dates.relative_days"))


# --- what a phrase names ------------------------------------------------------------------------

def _normalise(text: str, gazetteer: Gazetteer, lang: Language) -> str:
    """The canonical source for a phrase: an acronym, a gazetteer name, a person's or an
    organisation's name in it, or the phrase."""
    abbr = acronym(text)
    if abbr:
        return gazetteer.resolve(abbr) or abbr
    head = lang.re["possessive"].split(text)[-1]  # "South Korea's NIS": the possessor is not the source
    if head != text:
        found = gazetteer.resolve(head)
        if found:
            return found
    found = gazetteer.resolve(text)
    if found and not _place_modifier(text, found, gazetteer, lang):
        return found
    return _name_in(text, lang) or " ".join(text.strip(_QUOTES + " ").split())


def _place_modifier(text: str, found: str, gazetteer: Gazetteer, lang: Language) -> bool:
    """Whether a country the phrase names only qualifies another head: "Rome said" is the
    Italian government, "il prefetto di Roma" is a prefect."""
    if (gazetteer.entries.get(found) or {}).get("kind") != "country":
        return False
    w = _words(lang)
    tokens = [t.group() for t in _TOKEN.finditer(text)]
    while tokens and fold(tokens[0]) in w.determiners:
        tokens = tokens[1:]
    # the first words that name the country: it is the source when they open the phrase
    # ("Corea del Sud", "Rome's officials"), not when a head comes before ("mayor of Rome")
    k = next((k for k in range(1, len(tokens) + 1)
              if gazetteer.resolve(" ".join(tokens[:k])) == found), None)
    if k is None:
        return False
    j = max(j for j in range(k) if gazetteer.resolve(" ".join(tokens[j:k])) == found)
    return j > 0 and (fold(tokens[j - 1]) in w.links or fold(tokens[j - 1]) in w.function)


def _name_in(text: str, lang: Language) -> str | None:
    """The name a role phrase gives: `le ministre de l'Intérieur, Bruno Retailleau` →
    `Bruno Retailleau`; `Spain's largest bank, CaixaBank` → `CaixaBank` (after a comma, an
    apposition names who the description is)."""
    if "," in text:
        tail = text.rsplit(",", 1)[1].strip(_QUOTES + " ")
        head = text.rsplit(",", 1)[0]
        w = _words(lang)
        if tail and all(_capitalised(t) or fold(t) in w.links for t in tail.split()) and \
                any(_capitalised(t) for t in tail.split()):
            return tail
        if head and all(_capitalised(t) or fold(t) in w.links for t in head.split()) and \
                _capitalised(head.split()[0]):
            return head.strip(_QUOTES + " ")
    return None


def _source(body: str, lang: Language, span: tuple[int, int] | None, gazetteer: Gazetteer
            ) -> tuple[str | None, str | None, str | None]:
    """(source, as written, what it refers to) of a phrase; a pronoun or a bare role refers
    to a source named before."""
    if not span:
        return None, None, None
    text = body[span[0]:span[1]]
    refers = _reference(text, lang) or _owned_document(body, lang, span)
    return (None if refers == "pronoun" else _source_of(text, lang, gazetteer)), text, refers


def _owned_document(body: str, lang: Language, span: tuple[int, int]) -> str | None:
    """`owner` for a document credited to a possessive ("un informe preliminar de sus
    servicios", "its annual report"): the report of the source named before."""
    owners = lang.folded("attribution.possessive_determiners")
    if not owners or not names_document(body[span[0]:span[1]], lang):
        return None
    tail = _NP_END.search(body, span[1], min(len(body), span[1] + 60))
    around = body[max(0, span[0] - 12):tail.start() if tail else span[1]]
    return "owner" if any(fold(m.group()) in owners for m in _TOKEN.finditer(around)) else None


def names_document(text: str, lang: Language) -> bool:
    """Whether a phrase names a document (`le plus récent bilan officiel`, `un informe`); where
    nouns have no capital of their own, a capitalised document word is a name's ("the U.S.
    Geological Survey" is an agency, not a survey)."""
    return _names_document(text, lang, lowercase=not _words(lang).capital_nouns)


@functools.lru_cache(maxsize=1 << 14)
def _names_document(text: str, lang: Language, lowercase: bool = False) -> bool:
    """Whether a word of a phrase is a document (`informe`, `report`); with `lowercase`, one
    written in small letters."""
    documents = _words(lang).documents
    return any(fold(m.group()) in documents and not (lowercase and m.group()[:1].isupper())
               for m in _TOKEN.finditer(text))


@functools.lru_cache(maxsize=1 << 14)
def _reference(text: str, lang: Language) -> str | None:
    """`pronoun` for `it`, `lui`; `role` for a bare role standing for a source named before
    (`the bank`, `el fiscal`, `das Blatt`); None for a phrase that names its source."""
    w = _words(lang)
    bare = _bare(text, lang)
    if bare in w.pronouns:
        return "pronoun"
    if bare in _anaphora_kinds(lang) or (bare in w.roles and bare not in w.anonymous):
        return "role"
    return None


@functools.lru_cache(maxsize=8192)
def _source_of(text: str, lang: Language, gazetteer: Gazetteer) -> str:
    """The source a phrase names (source phrases repeat across articles: computed once)."""
    if lang.re["anonymous"].match(fold(text)):
        return " ".join(text.split())
    return _normalise(text, gazetteer, lang)


# --- cues of a sentence -----------------------------------------------------------------------

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
    opening = lang.re["attr_opening"]
    split = _split_first(lang)
    with_split = {bisect.bisect_right(starts, m.start()) - 1 for m in split.finditer(low)} \
        if split is not None else set()
    perfect = _perfect(lang)
    if perfect is not None:  # "hatte die Polizei mitgeteilt": the participle marks the sentence
        with_split |= {bisect.bisect_right(starts, m.start()) - 1 for m in perfect[1].finditer(low)}
    out = []
    for i, s in enumerate(sentences):
        if i in found or i in with_split or _opens(opening, low, s):
            out.append(sentence_cues(body, lang, s, gazetteer, found.get(i)))
        else:
            out.append([])  # most sentences have no cue at all
    return out


def _opens(opening: re.Pattern, low: str, sentence: tuple[int, int]) -> bool:
    """Whether a sentence, or a clause after a semicolon in it, opens with a phrase that
    credits someone ("Pour le ministre, …")."""
    s0, s1 = sentence
    for at in _clause_starts(low, s0, s1):
        m = opening.match(low, at)
        if m and m.end() <= s1:
            return True
    return False


def sentence_cues(body: str, lang: Language, sentence: tuple[int, int],
                  gazetteer: Gazetteer, matches: dict | None = None) -> list[Cue]:
    """Every attribution cue of one sentence, in text order.

    `matches` maps each cue pattern to the (start, end) of its matches in the sentence.
    """
    s0, s1 = sentence
    low = lower(body)
    if matches is None:
        matches = {k: [m.span() for m in lang.re[k].finditer(low, s0, s1)]
                   for k in ("attr_prep", "attr_verb", "attr_gerund", "document_word")}
    cues: list[Cue] = []
    # "Para la CEOE, el apagón…", "Pour le ministre, …"; after a semicolon, for its clause:
    # "…22 superstiti; per la ong Sea-Watch, a bordo c'erano quasi 80 persone"
    for at in _clause_starts(body, s0, s1):
        cue = _opening_cue(body, lang, at, s0, s1, gazetteer)
        if cue:
            cues.append(cue if at == s0 else replace(cue, scope=(at, s1)))
    named_cues = _named_cues(lang)
    for ms, me in matches.get("attr_prep", ()):
        if fold(" ".join(body[ms:me].split())) in named_cues:  # "nach offiziellen Angaben"
            name = named_cues[fold(" ".join(body[ms:me].split()))]
            cues.append(Cue(ms, me, body[ms:me], name, body[ms:me], "prep", span=(ms, me)))
            continue
        span = _phrase_after(body, lang, me, s1, s0)
        kind = "relay" if fold(body[ms:me]) in lang.folded("attribution.relays") else "prep"
        cue = _cue(body, lang, ms, me, span, gazetteer, kind)
        if cue:
            cues.append(cue)
    passive = lang.folded("attribution.passive")
    continuations = lang.folded("attribution.continuations")
    for ms, me, particle in _split_verbs(body, lang, s0, s1):
        cue = _verb_cue(body, lang, ms, me, s0, s1, gazetteer, particle)
        if cue:
            cues.append(cue)
    for ms, me in matches.get("attr_verb", ()):
        if fold(body[ms:me]) in continuations:  # "Demnach …": the source named before
            cues.append(Cue(ms, me, body[ms:me], None, None, "continuation", refers="subject"))
            continue
        if _passive_before(body, lang, ms, s0, passive) or _adjective(body, lang, ms, me, s0):
            continue  # "damage is estimated at", "an estimated 400 million": nobody is credited
        cue = _verb_cue(body, lang, ms, me, s0, s1, gazetteer)
        if cue is None and lang.data.get("pro_drop") == "true" and _no_subject(body, lang, ms, me, s0, s1):
            # "Agregó además que…", "ha aggiunto": the speaker named before
            cue = Cue(ms, me, body[ms:me], None, None, "verb", refers="subject")
        if cue:
            cues.append(cue)
    cues.sort(key=lambda c: c.start)
    for ms, me in matches.get("attr_gerund", ()):
        earlier = [c for c in cues if c.end <= ms]
        if earlier:
            c = earlier[-1]
            cues.append(replace(c, start=ms, end=me, text=body[ms:me], kind="gerund"))
    if matches.get("document_word", True):
        doc = lang.re["document"].match(fold(body[s0:min(s1, s0 + 80)]))
        covered = doc and any(c.span and c.span[0] <= s0 + doc.start("doc") < c.span[1]
                              for c in cues)  # "Según un informe de sus servicios": the cue's
        if doc and not covered:
            word = body[s0 + doc.start("doc"):s0 + doc.end("doc")]
            cues.append(Cue(s0 + doc.start(), s0 + doc.end(), body[s0 + doc.start():s0 + doc.end()],
                            fold(word), word, "document"))
    cues += _gapped(body, lang, s0, s1, cues, gazetteer)
    cues = _layer(body, lang, s0, sorted(cues, key=lambda c: c.start), gazetteer)
    return _documents_of(lang, [_scoped(body, lang, c, s0, s1) for c in cues])


def _documents_of(lang: Language, cues: list[Cue]) -> list[Cue]:
    """A document that says the figures ("Le bilan provisoire fait état de 4 morts") is the
    document of the source its sentence names elsewhere ("…, a indiqué la préfecture"): that
    source is the figures', not the document."""
    def whole(c: Cue) -> bool:  # a cue of the whole sentence that names its own source
        return c.kind in ("verb", "prep") and c.scope is None and not c.via

    documents = {id(c) for c in cues if whole(c) and c.source_text and _only_document(c.source_text, lang)}
    named = [c for c in cues if whole(c) and c.source and c.refers in (None, "role") and id(c) not in documents]
    if len(named) != 1 or not documents:
        return cues  # no one else, or more than one: which is the document's is not known
    owner = named[0]
    return [replace(c, source=owner.source, source_text=owner.source_text, span=owner.span, refers=owner.refers)
            if id(c) in documents else c for c in cues]


@functools.lru_cache(maxsize=1 << 12)
def _only_document(text: str, lang: Language) -> bool:
    """A phrase that names a document and no one ("le bilan provisoire", "the latest tally"):
    a document word and no capitalised word after its first."""
    words = text.split()
    return _names_document(text, lang) and not any(_capitalised(x) for x in words[1:])


# a comma, then words with no figure or break in them, then a number: a gapped clause
def _clause_starts(text: str, s0: int, s1: int) -> list[int]:
    """Where a sentence's clauses start: the sentence's start and the first word after each
    semicolon."""
    out = [s0]
    k = text.find(";", s0, s1)
    while k >= 0:
        at = k + 1
        while at < s1 and text[at] in " \t\n":
            at += 1
        out.append(at)
        k = text.find(";", k + 1, s1)
    return out


def _opening_cue(body: str, lang: Language, at: int, s0: int, s1: int, gazetteer: Gazetteer
                 ) -> Cue | None:
    """The cue of a clause opening at `at` with a phrase that credits someone, then who and a
    comma and nothing else between ("Pour le ministre, …")."""
    opening = lang.re["attr_opening"].match(lower(body), at)
    if not opening or opening.end() > s1:
        return None
    comma = body.find(",", opening.end(), min(s1, opening.end() + 120))
    span = who_phrase(body, lang, opening.end(), comma, s0) if comma > 0 else None
    if span and not body[span[1]:comma].strip(" " + _QUOTES):  # who, and nothing else
        return _cue(body, lang, opening.start(), opening.end(), span, gazetteer, "prep")
    return None


_GAPPED = re.compile(r",\s+([^\d,;:.()\[\]\"“”«»]{2,60}?)\s+(?=\d)")


def _gapped(body: str, lang: Language, s0: int, s1: int, cues: list[Cue],
            gazetteer: Gazetteer) -> list[Cue]:
    """Gapping: "la police a compté 119 000 manifestants, la CGT 800 000", "police counted
    119,000, the unions 800,000": after a credited figure, a comma, then who (a role or an
    acronym, after determiners only) and a figure with no verb of their own: who gave it."""
    said = [c for c in cues if c.source and c.kind in ("verb", "prep")]
    if not said:
        return []
    w = _words(lang)
    out = []
    for m in _GAPPED.finditer(body, said[0].start, s1):
        if not any(ch.isdigit() for ch in body[said[0].start:m.start()]):
            continue  # no figure before the comma: nothing was gapped
        span = who_phrase(body, lang, m.start(1), m.end(1), s0)
        if span is None or not _only_determiners(body[m.start(1):span[0]], w):
            continue
        rest = body[span[1]:m.end(1)].strip()
        qualifier = lang.re["qualifier_before"].search(rest) if rest else None
        if rest and not (qualifier and qualifier.start() == 0):
            continue  # only a qualifier may stand between who and the figure ("la CGT près de")
        head = body[span[0]:span[1]].split()[-1]
        if not (_is_head(fold(head), w) or (len(head) > 1 and head.isalpha() and head.isupper())):
            continue  # a role or an acronym ("CGT"), not "Lombardia 500, Veneto 300"
        cue = _cue(body, lang, span[0], span[1], span, gazetteer, "verb")
        if cue:
            out.append(replace(cue, scope=(m.start(), s1)))
    return out


def _scoped(body: str, lang: Language, cue: Cue, s0: int, s1: int) -> Cue:
    """The figures a cue covers when not its whole sentence: those in its parentheses ("(up
    to $150bn, according to AccuWeather)"), in the quoted words it follows (`"sur plus de 400
    mètres", selon la police`), or after the relative clause it opens (`a windstorm that
    forecasters had warned of`); and whether its sentence points back at figures before."""
    open_paren = body.rfind("(", s0, cue.start)
    if open_paren >= 0 and body.rfind(")", open_paren, cue.start) < 0:
        close = body.find(")", cue.end, s1)
        return replace(cue, scope=(open_paren, close if close >= 0 else s1))
    comma = body.rfind(",", s0, cue.start)
    words = fold(body[comma + 1:cue.start]).split() if comma >= 0 else []
    if words and words[0] in lang.folded("attribution.relatives"):
        close = body.find(",", cue.end, s1)  # ", which according to X had …, hit": that clause
        return replace(cue, scope=(comma, close if close >= 0 else s1))
    before = body[s0:cue.start].rstrip(" ,")
    if cue.kind == "prep" and before[-1:] in "\"”»" and len(before) < cue.start - s0:
        opening = max(before.rfind(q, 0, len(before) - 1) for q in "\"“«")
        if opening > 0 and body[s0:s0 + opening].strip():  # a quoted fragment, not a quote
            return replace(cue, scope=(s0 + opening, s0 + len(before)))
    if cue.kind == "verb" and cue.span and cue.span[0] < cue.start:
        rel = None
        low = lower(body)
        for m in lang.re["relative_word"].finditer(low, s0, cue.span[0]):
            if not _after_complementizer(low, lang, s0, m.start()):  # "wie die Polizei sagte"
                rel = m
        if rel and not _NP_START.search(body, rel.end(), cue.span[0]) and rel.start() > s0:
            return replace(cue, scope=(rel.start(), s1), points_back=_points_back(body, lang, s0, cue))
    if _points_back(body, lang, s0, cue):
        return replace(cue, points_back=True)
    return cue if not cue.points_back else replace(cue, points_back=False)


def _after_complementizer(low: str, lang: Language, s0: int, at: int) -> bool:
    """Whether the word before `at` is a complementizer: then the word at `at` is an article
    ("wie die Küstenwache mitteilte", "dass die Polizei"), not a relative pronoun."""
    words = low[max(s0, at - 12):at].split()
    return bool(words) and fold(words[-1].strip(",")) in lang.folded("attribution.complementizers")


def _points_back(body: str, lang: Language, s0: int, cue: Cue) -> bool:
    """A sentence that says who gave the figures before: its cue or the word right before it
    points back ("A renderlo noto sono le autorità", "Lo fa sapere la Questura", "El dato lo
    confirmó"), or a word of it does ("Dies melden", "E' la valutazione che arriva dal")."""
    back = lang.folded("attribution.back_references")
    if any(word in back for word in fold(cue.text).split()) or _object_before(body, lang, cue.start, s0):
        return True  # "A renderlo noto", "Lo fa sapere", "El dato lo confirmó"
    # a phrase of one to three of its words (of four letters or more) is a back reference:
    # words hold no space, so a phrase is such a run exactly where " phrase " is in " words "
    words = " " + " ".join(fold(body[s0:cue.start]).replace(",", " ").split()) + " "
    return any(phrase in words for phrase in _long_back_references(lang))


@functools.lru_cache(maxsize=None)
def _long_back_references(lang: Language) -> tuple[str, ...]:
    """The back references of one to three words and four characters or more, between spaces."""
    back = lang.folded("attribution.back_references")
    return tuple(f" {p} " for p in sorted(back) if len(p) >= 4 and 1 <= len(p.split()) <= 3)


@functools.lru_cache(maxsize=None)
def _named_cues(lang: Language) -> dict[str, str]:
    """Cues that name their source themselves: "nach offiziellen Angaben" → officials."""
    table = lang.data.get("attribution", {}).get("named_cues") or {}
    return {" ".join(fold(k).split()): str(v) for k, v in table.items()}


def _cue(body: str, lang: Language, ms: int, me: int, span: tuple[int, int] | None,
         gazetteer: Gazetteer, kind: str) -> Cue | None:
    source, text, refers = _source(body, lang, span, gazetteer)
    if not (source or refers):
        return None
    return Cue(ms, me, body[ms:me].strip(), source, text, kind, refers=refers, span=span)


def _verb_cue(body: str, lang: Language, ms: int, me: int, s0: int, s1: int,
              gazetteer: Gazetteer, particle_end: int | None = None) -> Cue | None:
    """A reporting verb's cue: its subject before it, else after it (inverted: `, said the
    minister`, `gaben die Behörden bekannt`), unless what follows it is whom it was said to
    (`told the radio station`). Where the verb comes second in its clause after an adverbial
    (`Bei einer Pressekonferenz gaben die Behörden bekannt`), after it first."""
    after_first = _verb_second(body, lang, ms, s0) or _object_before(body, lang, ms, s0)
    before = None if after_first else _phrase_before(body, lang, ms, s0)
    told = fold(body[ms:me]) in lang.folded("attribution.verbs_to")
    span = before or (None if told else _phrase_after(body, lang, me, particle_end or s1, s0, skip=True))
    if span is None and after_first and not _object_before(body, lang, ms, s0):
        span = _phrase_before(body, lang, ms, s0)
    if span is None and not told:
        span = _coordinated_subject(body, lang, ms, s0)
    return _cue(body, lang, ms, me, span, gazetteer, "verb")


def _coordinated_subject(body: str, lang: Language, ms: int, s0: int) -> tuple[int, int] | None:
    """The subject a reporting verb shares with the verb before it: "El presidente Joe Biden
    decretó el estado de desastre y aseguró que…" (the phrase that opens the clause)."""
    low = lower(body)
    joiners = lang.folded("attribution.coordinators")
    clause = body[s0:ms]
    cut = max(clause.rfind(","), clause.rfind(";"), clause.rfind(":"))
    start = s0 + cut + 1
    words = low[start:ms].split()
    if len(words) < 3 or words[-1] not in joiners:
        return None
    span = who_phrase(body, lang, start, ms, s0)
    if span and not _only_adverbs(body, lang, start, span[0], _words(lang)):
        return None  # the phrase must open the clause
    return span


def _object_before(body: str, lang: Language, ms: int, s0: int) -> bool:
    """Whether what stands before a reporting verb points back at figures given before
    (`El dato lo confirmó X`, `Dies melden X`, `Lo fa sapere X`): the subject follows."""
    clause = fold(body[s0:ms])
    cut = max(clause.rfind(","), clause.rfind(";"), clause.rfind(":"))
    words = clause[cut + 1:].strip(" " + _QUOTES).split()
    back = lang.folded("attribution.back_references")
    return bool(words) and (words[-1] in back or " ".join(words[-2:]) in back)


def _verb_second(body: str, lang: Language, ms: int, s0: int) -> bool:
    """In a verb-second language, whether the clause before the verb opens with an adverbial
    (a preposition, an adverb, a day): then the subject follows the verb."""
    if str(lang.data.get("verb_second", "")).lower() != "true":
        return False
    clause = body[s0:ms]
    cut = max(clause.rfind(","), clause.rfind(";"), clause.rfind(":"))
    words = clause[cut + 1:].split()
    if not words:
        return False
    first = fold(words[0].strip(_QUOTES))
    w = _words(lang)
    return (first in w.function and first not in w.determiners or first in lang.weekdays
            or first in lang.folded("attribution.adverbs"))  # "Allein in Paris zählte die Polizei"


@functools.lru_cache(maxsize=None)
def _split_first(lang: Language) -> re.Pattern | None:
    """The first parts of a language's separable reporting verbs, as one pattern."""
    from checker.language import bounded, alternation
    pairs = lang.data.get("attribution", {}).get("split_verbs") or []
    return re.compile(bounded(alternation(p[0] for p in pairs))) if pairs else None


@functools.lru_cache(maxsize=None)
def _perfect(lang: Language) -> tuple[re.Pattern, re.Pattern] | None:
    """(auxiliaries, participles ending their clause) of a language whose compound tenses
    put the subject between the two: `hatte die Polizei mitgeteilt`."""
    from checker.language import alternation, bounded
    data = lang.data.get("attribution", {}).get("perfect") or {}
    if not data.get("auxiliaries") or not data.get("participles"):
        return None
    return (re.compile(bounded(alternation(fold(a) for a in data["auxiliaries"]))),
            re.compile(bounded(alternation(fold(p) for p in data["participles"]))
                       + r"(?=\s*(?:[,;:.!?\"“”«»)]|$))"))


def _perfect_verbs(body: str, lang: Language, s0: int, s1: int) -> list[tuple[int, int, int]]:
    """(start, end, participle start) of a reporting verb in a compound tense, the
    auxiliary first and the participle at the end of its clause: `war der Präfekt von 300
    Toten ausgegangen`, `hatte die Polizei mitgeteilt`."""
    patterns = _perfect(lang)
    if patterns is None:
        return []
    low = lower(body)
    auxiliaries = list(patterns[0].finditer(low, s0, s1))
    out = []
    for k, aux in enumerate(auxiliaries):
        stop = auxiliaries[k + 1].start() if k + 1 < len(auxiliaries) else s1
        participle = patterns[1].search(low, aux.end(), stop)
        if participle:
            out.append((aux.start(), aux.end(), participle.start()))
    return out


def _split_verbs(body: str, lang: Language, s0: int, s1: int) -> list[tuple[int, int, int]]:
    """German separable reporting verbs: (start, end, particle end) of `gaben … bekannt`,
    `teilte … mit` in one clause, and compound tenses (`_perfect_verbs`)."""
    pairs = lang.data.get("attribution", {}).get("split_verbs") or []
    perfect = _perfect_verbs(body, lang, s0, s1)
    if not pairs or not _split_first(lang).search(lower(body), s0, s1):
        return perfect
    low = lower(body)
    out = perfect
    for verb, particle in pairs:
        for m in re.finditer(rf"(?<![\w]){re.escape(fold(verb))}(?![\w])", low[s0:s1]):
            start = s0 + m.start()
            clause_end = _NP_END.search(body, start + len(verb), s1)
            stop = clause_end.start() if clause_end else s1
            p = re.search(rf"(?<![\w]){re.escape(fold(particle))}(?![\w])", low[start:stop])
            if p:
                out.append((start, start + len(verb), start + p.start()))
    return out


def _adjective(body: str, lang: Language, ms: int, me: int, s0: int) -> bool:
    """Whether a reporting verb between a determiner and a figure is an adjective ("an
    estimated 400 million euros"), not a verb ("Lo confirmó Redes del Sur" is one)."""
    words = body[max(s0, ms - 12):ms].split()
    return bool(words) and fold(words[-1]) in _words(lang).determiners \
        and body[me:me + 4].lstrip()[:1].isdigit()


def _passive_before(body: str, lang: Language, ms: int, s0: int, passive: frozenset[str]) -> bool:
    words = fold(body[max(s0, ms - 20):ms]).split()
    return bool(words) and words[-1] in passive


def _no_subject(body: str, lang: Language, ms: int, me: int, s0: int, s1: int) -> bool:
    """A reporting verb with no subject: at the start of its sentence or clause ("Agregó
    además que"), or ending it after a comma ("…, ont précisé.")."""
    before = fold(body[s0:ms]).strip(" ,;:" + _QUOTES)
    if not before:
        return True
    if not body[me:s1].strip(" .!?" + _QUOTES) and body[s0:ms].rstrip(" " + _QUOTES).endswith(","):
        return True
    words = before.replace(",", " ").split()
    w = _words(lang)
    return len(words) <= 2 and all(x in w.function or x in lang.folded("attribution.adverbs")
                                   for x in words)


def _layer(body: str, lang: Language, s0: int, cues: list[Cue], gazetteer: Gazetteer
           ) -> list[Cue]:
    """`Bloomberg, citing CaixaBank`, `Das Blatt berichtet unter Berufung auf die Polizei`:
    a relay cue names the origin; the cue nearest before it (else after it) names who relayed
    it, or, when that cue's phrase is the relay's own (`X, citing Y, said`), the phrase
    before the relay does."""
    relays = [c for c in cues if c.kind == "relay"]
    if not relays:
        return cues
    out = [c for c in cues if c.kind != "relay"]
    for r in relays:
        partners = [c for c in out if c.kind in ("verb", "prep") and not c.via]
        before = [c for c in partners if c.start < r.start]
        partner = before[-1] if before else next((c for c in partners if c.start > r.end), None)
        if partner is None:
            out.append(replace(r, kind="prep"))
            continue
        via = partner
        if partner.span and r.span and partner.span[1] > r.start:
            span = _phrase_before(body, lang, r.start, s0, relay=True)
            source, text, refers = _source(body, lang, span, gazetteer)
            via = Cue(r.start, r.end, r.text, source, text, "prep", refers=refers, span=span)
        if r.source and via.source and gazetteer.known(r.source) and gazetteer.known(via.source) \
                and gazetteer.related(r.source, via.source):
            continue  # "Zelensky, citing Kyiv's intelligence": one side, the speaker is the source
        layered = replace(partner, source=r.source, source_text=r.source_text, refers=r.refers,
                          span=r.span, via=via.source, via_text=via.source_text)
        if via.refers:  # the relay is a reference itself ("das Blatt"): resolved later
            layered = replace(layered, via="?" + via.refers)
        out[out.index(partner)] = layered
    return sorted(out, key=lambda c: c.start)


# --- references to sources named before --------------------------------------------------------

def resolve_references(cues: list[Cue], lang: Language, gazetteer: Gazetteer) -> list[Cue]:
    """Give each cue that refers to a source named before (`it said`, `the bank said`,
    `ha aggiunto`, `Demnach`) that source.

    A role finds the last source whose words contain it (`the bank` after `Spain's largest
    bank, CaixaBank`), else the last of the kind the language data gives it (an agency), else
    the last source named; a pronoun or a missing subject, the last source named.
    """
    out: list[Cue] = []
    last: list[Cue] = []
    kinds = _anaphora_kinds(lang)
    for c in cues:
        if c.refers:
            found = _antecedent(c, last, lang, gazetteer, kinds)
            if found is not None:
                c = replace(c, source=found.source,
                            source_text=c.source_text or found.source_text,
                            via=found.via if c.refers == "subject" else c.via, refers=None)
            else:  # a role that refers to nobody named before names itself: "the police"
                c = replace(c, source=c.source if c.refers in ("role", "owner") else None,
                            refers=None)
        if c.via and c.via.startswith("?"):
            c = replace(c, via=_relay_of(c, last, lang, gazetteer, kinds))
        if c.source:
            out.append(c)
            if not lang.re["anonymous"].match(fold(c.source_text or "")):
                last.append(c)
        else:
            out.append(c)
    return out


def _relay_of(c: Cue, last: list[Cue], lang: Language, gazetteer: Gazetteer,
              kinds: dict[str, str | None]) -> str | None:
    """Who a relay that is itself a reference stands for: a role ("a lawmaker briefed by
    the NIS", "the paper, citing…") is the source it names before, else itself; a pronoun is
    the source named last."""
    if c.via == "?role" and c.via_text:
        as_role = replace(c, refers="role", source_text=c.via_text)
        found = _antecedent(as_role, last, lang, gazetteer, kinds)
        return found.source if found is not None else _source_of(c.via_text, lang, gazetteer)
    return last[-1].source if last else None


def _antecedent(c: Cue, last: list[Cue], lang: Language, gazetteer: Gazetteer,
                kinds: dict[str, str | None]) -> Cue | None:
    if not last:
        return None
    if c.refers == "role":
        text = _bare(c.source_text or "", lang)
        head = re.split(r"[\s']", text)[-1]
        # every word of the role is in the source it stands for: "the bank" is "Spain's
        # largest bank, CaixaBank"; "the fire service" is not "the meteorological service"
        words = [x for x in re.split(r"[\s']", text) if x and x not in _words(lang).links_or_function]
        match = next((p for p in reversed(last) if head and head in fold(p.source_text or "")
                      and all(x in fold(p.source_text or "") for x in words)
                      and fold(p.source_text or "") != text), None)
        if match or text not in kinds:
            return match
        kind = kinds[text]
        if kind is None:  # "the same source", "das Blatt": whoever was named last
            return last[-1]
        return next((p for p in reversed(last)
                     if (gazetteer.entries.get(p.source) or {}).get("kind") == kind), None)
    return last[-1]


@functools.lru_cache(maxsize=None)
def _anaphora_kinds(lang: Language) -> dict[str, str | None]:
    """Anaphors without determiners (`agency`) → the gazetteer kind they refer to."""
    table = lang.data.get("attribution", {}).get("anaphora") or {}
    return {_bare(a, lang): (None if k in ("", "null", "~") else k) for a, k in table.items()}


@functools.lru_cache(maxsize=8192)
def _bare(phrase: str, lang: Language) -> str:
    """A phrase without leading determiners, spaces unified: `the agency` → `agency`."""
    text = " ".join(fold(phrase).strip(_QUOTES).split())
    m = lang.re["determiners"].match(text)
    return text[m.end():] if m and m.end() < len(text) else text


# --- from cues to figures -----------------------------------------------------------------------

def paragraphs(body: str, sentences: list[tuple[int, int]]) -> list[int]:
    """The paragraph number of each sentence (a blank line starts a paragraph)."""
    out, n, prev_end = [], 0, 0
    for s, e in sentences:
        if out and _PARAGRAPH.search(body, prev_end, s):
            n += 1
        out.append(n)
        prev_end = e
    return out


def attribute(start: int, end: int, cues: list[Cue]) -> Attribution:
    """The attribution of a figure at `start:end` from its sentence's cues: the nearest one."""
    if not cues:
        return _NONE

    def distance(c: Cue) -> int:
        return c.start - end if c.start >= end else max(0, start - c.end)

    best = min((c for c in cues if c.source and (c.scope is None or c.scope[0] <= start < c.scope[1])),
               key=distance, default=None)
    return _of(best)


def _of(cue: Cue | None) -> Attribution:
    if cue is None or not cue.source:
        return _NONE
    via = cue.via if cue.via and cue.via != cue.source else None
    return Attribution(cue.source, cue.source_text, cue.text, via)


def carried(cues: list[list[Cue]], para: list[int], kinds: list[frozenset],
            reported: list[bool]) -> list[Attribution]:
    """The attribution each sentence without a cue of its own takes from around it (for the
    figures it has: `kinds[i]`, what they measure, empty for a sentence without figures).

    - the next sentence of the paragraph that says who spoke ("A riferirlo è stato X", "Dies
      melden X", "Lo ha reso noto X, che ha salvato 104 persone"), past sentences of figures
      without a cue;
    - else the previous sentence's, when that sentence gave figures of the same kind, or no
      figure at all (it introduced the report), or this one is reported speech (`gebe`,
      `seien`): a report goes on from sentence to sentence, a new kind of figure does not;
    - else, for reported speech, the last cue of the paragraph.
    """
    n = len(cues)
    # (most sentences have no cue: their lists are empty)
    own = [next((c for c in reversed(cs) if c.source and c.scope is None), None) if cs else None
           for cs in cues]
    first = [next((c for c in cs if c.source and c.scope is None), None) if cs else None
             for cs in cues]
    out = [_NONE] * n
    for i in range(n):
        if not kinds[i] or own[i] is not None:
            continue
        j = i + 1
        while j < n and para[j] == para[i] and own[j] is None and not (
                cues[j] and not kinds[j]):  # past sentences without a cue of their own
            j += 1
        if j < n and para[j] == para[i] and own[j] is not None and first[j].points_back:
            out[i] = _of(first[j])
            continue
        p = i - 1
        if p >= 0 and para[p] == para[i]:
            before = _of(own[p]) if own[p] is not None else out[p]
            # a sentence that said who gave the figures before it passes that on only to
            # figures of their kind
            back = own[p] is not None and own[p].points_back and not kinds[p]
            like = kinds[p - 1] if back and p > 0 and para[p - 1] == para[i] else kinds[p]
            if before.source and (not like and not back or _same_kind(like, kinds[i]) or reported[i]):
                out[i] = before
                continue
        if reported[i]:
            for j in range(i - 1, -1, -1):
                if para[j] != para[i]:
                    break
                if own[j] is not None:
                    out[i] = _of(own[j])
                    break
    return out


def _same_kind(before: frozenset, this: frozenset) -> bool:
    """Whether a sentence (`this`) gives figures of the kind the one before gave: the same
    root concept for some of them, or, when it names none, the same dimension."""
    known = {r for _, r in this if r is not None}
    if known:
        return bool(known & {r for _, r in before})
    return bool({d for d, _ in this} & {d for d, _ in before})
