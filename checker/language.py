"""Language data: one YAML file a language in `checker/lang/`, plus CLDR data from Babel.

`language(code)` loads a file once and compiles everything the extractor needs into plain
regular expressions and lookup tables, so that the extraction code holds no word of any
language. Adding a language means adding `checker/lang/<code>.yaml` and its test cases.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Iterator

import yaml
from babel import Locale, UnknownLocaleError
from babel.numbers import get_decimal_symbol, get_group_symbol

APOSTROPHES = "'’ʼ`"
_SPACES = "\u00a0\u202f\u2009\u2007 "


class LanguageError(ValueError):
    """An unsupported language code or a malformed language file."""


def supported_languages() -> list[str]:
    """Codes of the languages that have a data file, sorted."""
    return sorted(p.name[:-5] for p in resources.files("checker.lang").iterdir()
                  if p.name.endswith(".yaml"))


def phrase_pattern(phrase: str) -> str:
    """A regex for a phrase: any run of spaces between words, any apostrophe for `'`."""
    return "".join(_units(phrase))


def reversed_phrase_pattern(phrase: str) -> str:
    """`phrase_pattern` of a phrase spelled backwards (see `reversed_alternation`)."""
    return "".join(reversed(_units(phrase)))


# "…" in a phrase of the language data stands for one to three words: "put … at" is "put
# the turnout at", "put the death toll at"; "parlano … di" is "parlano invece di"
GAP = "…"
_GAP_UNIT = r"[^\W\d_]+(?:\s+[^\W\d_]+){0,2}"


def _units(phrase: str) -> list[str]:
    """A phrase as regex units: one per character, a run of spaces as one `\\s+`, a gap
    (`GAP`) as one to three words."""
    units: list[str] = []
    for ch in phrase:
        if ch == GAP:
            units.append(_GAP_UNIT)
        elif ch == " ":
            if not units or units[-1] != r"\s+":
                units.append(r"\s+")
        elif ch in APOSTROPHES:
            units.append(f"[{APOSTROPHES}]")
        else:
            units.append(re.escape(ch))
    return units


def _trie_pattern(node: dict) -> str:
    """The regex of a trie node: shared prefixes are written once, so matching a long
    alternation tries a handful of branches per position instead of every phrase."""
    end = node.get("", False)
    branches = [unit + _trie_pattern(child) for unit, child in sorted(node.items()) if unit]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end:
        return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"
    return body


# a pattern that matches nowhere: its literal first character lets a search skip the text at
# C speed (a search for `(?!x)x` tries every position, 40 times slower); the look-behind then
# fails even on a NUL in the text
NEVER = r"\x00(?<!\x00)"


def alternation(phrases: list[str] | set[str] | Any, backwards: bool = False) -> str:
    """A non-capturing pattern matching any of the phrases, preferring the longest; with
    `backwards`, the phrases spelled backwards (see `reversed_alternation`)."""
    trie = _trie(phrases, backwards)
    if not trie:
        return NEVER
    return "(?:" + _trie_pattern(trie) + ")"


def _trie(phrases: Any, backwards: bool = False) -> dict:
    """The phrases (stripped, lower-cased) as a trie of regex units (`_units`); a node's key
    `""` marks the end of a phrase."""
    trie: dict = {}
    for item in {str(p).strip().lower() for p in phrases if str(p).strip()}:
        node = trie
        units = _units(item)
        for unit in (reversed(units) if backwards else units):
            node = node.setdefault(unit, {})
        node[""] = True
    return trie


def word_start(*lists: Any, digits: bool = False) -> str:
    r"""`(?<![\w])` for a match of `alternation` of any of the lists (or of a digit, with
    `digits`), written so that the scan is fast: `\b` and a look-ahead for the word characters
    a phrase can start with (`\b` is one test where a look-behind is a sub-match at every
    position), and the look-behind only where a phrase starts with another character (`«`,
    `,`). It matches where `(?<![\w])` followed by any of the phrases could, and nowhere
    else: `(?<![\w])` + `initials(*lists, digits=digits)`, faster."""
    chars = _initial_chars(lists)
    word = "".join(re.escape(c) for c in sorted(chars) if _WORD_CHAR.match(c)) + (r"\d" if digits else "")
    other = "".join(re.escape(c) for c in sorted(chars) if not _WORD_CHAR.match(c))
    parts = ([rf"\b(?=[{word}])"] if word else []) + ([rf"(?=[{other}])(?<![\w])"] if other else [])
    return "(?:" + "|".join(parts) + ")" if parts else NEVER


_WORD_CHAR = re.compile(r"\w")


def _initial_chars(lists: Any) -> set[str]:
    """The characters a match of `alternation` of any of the lists can start with."""
    chars: set[str] = set()
    for phrases in lists:
        for p in phrases:
            p = str(p).strip().lower()
            if p:
                chars.update(APOSTROPHES if p[0] in APOSTROPHES else p[0])
    return chars


def bounded_words(phrases: Any) -> str:
    """`bounded(alternation(phrases))`, with the fast `word_start`."""
    return word_start(phrases) + bounded(alternation(phrases))[len(_WORD_START):]


def initials(*lists: Any, digits: bool = False) -> str:
    """A look-ahead for the characters a match of `alternation(phrases)` can start with, for
    any of the lists (and a digit with `digits`): put right after a pattern's look-behind, it
    fails most word starts with one character test instead of trying every alternative."""
    chars = _initial_chars(lists)
    body = "".join(re.escape(c) for c in sorted(chars)) + (r"\d" if digits else "")
    return f"(?=[{body}])" if body else NEVER


def reversed_alternation(phrases: list[str] | set[str] | Any) -> str:
    """`alternation` of the phrases spelled backwards. Matched at the start of a reversed
    text (`text[::-1]`) it tells which phrase the text ends with, where a search for
    `alternation(phrases) + "$"` would try every position of the text."""
    return alternation(phrases, backwards=True)


_WORD_START = r"(?<![\w])"


def skipping(pattern: str) -> str:
    """`pattern`, which starts at a word start, after the character before that word, for
    `word_matches`: in lower-case text that character is anything but a-z and 0-9 (every
    character that is not a letter or a digit, and more), and the engine passes over the
    letters and digits inside words with one test each, where it would try the start of
    `pattern` at each of them (most of the time of a pattern looked for in a whole text)."""
    return f"[^a-z0-9](?:{pattern})"


def word_matches(skipped: re.Pattern, padded: str, pos: int, endpos: int) -> Iterator[re.Match]:
    """The matches of a pattern that starts at a word start, as `finditer(text, pos, endpos)`
    gives them, from `skipped` (`re.compile(skipping(pattern))`) searched in `padded`, the
    text after one space (no word starts at it, and nothing before the text is one): a match
    `m` is then the character before the word and the pattern's match, `m.start()` is where
    that match starts in the text and `m.end() - 1` where it ends."""
    while True:
        m = skipped.search(padded, pos, endpos + 1)
        if m is None:
            return
        yield m
        pos = m.end() - 1


def bounded(pattern: str) -> str:
    """Wrap a pattern so it matches whole words only (phrases may start or end with a symbol,
    or end with an elision: `fait état d'` before `un`)."""
    return rf"{_WORD_START}{pattern}(?:(?<=['’])|(?![\w]))"


_APOSTROPHE_TABLE = str.maketrans({a: "'" for a in APOSTROPHES})
_OTHER_APOSTROPHES = APOSTROPHES.replace("'", "")


_last_lower: tuple[str, str] = ("", "")  # the last text `lower` was given, and its result


def lower(text: str) -> str:
    """Lower-case text of the same length, so offsets in it are offsets in `text`."""
    global _last_lower
    last = _last_lower
    if last[0] is text:  # each stage of an article's extraction asks for its body's
        return last[1]
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    _last_lower = (text, low)
    return low


@functools.lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Lower-case and unify apostrophes so dictionary look-ups see one spelling (words and
    phrases recur within an article and across articles: 7 calls in 8 are for a text among
    the last 8,192 folded)."""
    low = text.lower()
    if low.isascii():  # of the other apostrophes only the backtick is ASCII
        return low.translate(_APOSTROPHE_TABLE) if "`" in low else low
    for a in _OTHER_APOSTROPHES:  # translate is slow, and most texts have none of them
        if a in low:
            return low.translate(_APOSTROPHE_TABLE)
    return low


@dataclass(eq=False)
class Language:
    """Everything language-specific the extractor uses, compiled once."""

    code: str
    data: dict
    decimal: str
    group: str
    months: dict[str, int]
    weekdays: dict[str, int]
    scales: dict[str, float]
    vague: dict[str, tuple[float, float]]
    units: dict[str, str]
    qualifier_of: dict[str, str]
    concept_of: dict[str, str]
    number_word: re.Pattern
    not_alone: set[str]
    collectives: dict[str, tuple[float, str]] = field(default_factory=dict)
    fractions: dict[str, float] = field(default_factory=dict)
    partial: bool = False  # no data file: figures only, read with the locale's CLDR separators
    re: dict[str, re.Pattern] = field(default_factory=dict)

    def folded(self, key: str) -> frozenset[str]:
        """The phrases of `key`, folded and with single spaces, as a set (computed once)."""
        try:
            return self.__dict__["_folded"][key]
        except KeyError:
            cache = self.__dict__.setdefault("_folded", {})
            cache[key] = frozenset(" ".join(fold(w).split()) for w in self.words(key))
            return cache[key]

    def scan(self, low: str) -> dict[str, list[tuple[int, int]]]:
        """The spans of every match of each word list of `SCANNED` in `low` (a `lower()`ed
        text): what `self.re[kind].finditer(low)` gives, found in one pass for all the lists.
        The last text's result is kept, as the extraction stages of an article each ask."""
        cached = self.__dict__.get("_scanned")
        if cached is not None and (cached[0] is low or cached[0] == low):
            return cached[1]
        found = _scan(self, low)
        self.__dict__["_scanned"] = (low, found)
        return found

    def words(self, key: str) -> list[str]:
        """A list of phrases from the data file, by dotted key; empty when absent."""
        node: Any = self.data
        for part in key.split("."):
            node = node.get(part) if isinstance(node, dict) else None
            if node is None:
                return []
        return [str(x) for x in node]


def period_words(lang: Language) -> list[str]:
    """The words near which relative periods are looked for (`last month`, `two days ago`,
    `the second quarter`, `Easter Monday`, `on the day of`): the date stage's trigger list."""
    w = lang.words
    units = lang.data.get("dates", {}).get("units_of_time") or {}
    return (period_unit_words(lang) + [str(x) for forms in units.values() for x in forms]
            + w("dates.quarter_words") + list(lang.data.get("dates", {}).get("holidays") or {})
            + w("dates.day_of"))


def period_unit_words(lang: Language) -> list[str]:
    """The words of a period a relative date names: month, year, week and weekend words
    (`le mois dernier`, `last year`, `am Wochenende`)."""
    w = lang.words
    return (w("dates.month_words") + w("dates.year_words") + w("dates.week_words")
            + w("dates.weekend_words"))


# word lists that every article is scanned for (see `Language.scan`)
SCANNED = ("month", "weekday", "relative_day", "period", "collective", "fraction", "vague",
           "words", "attr_prep", "attr_verb", "attr_gerund", "document_word")
_RANK = {k: i for i, k in enumerate(SCANNED)}


_NON_WORD = re.compile(r"\W")


def _scan_body(lang: Language, scanned: dict[str, Any], morph: str, joiners: str
               ) -> tuple[str, tuple[str | None, ...]]:
    """The body of the scan pattern (after its word start) and the list of each of its groups.

    Each list's pattern (`bounded_words`, or the run of number words) is split by the first
    unit of its phrases, and the lists are grouped under that unit: `m(?:onth…()|orning…())`.
    At a word start the engine then tests one first character for all the lists instead of
    one for each, and still tries the lists whose phrases start there in `SCANNED` order, each
    as its own pattern would match there. The empty group closing each list's branch tells
    which list matched (`m.lastindex`)."""
    end = r"(?:(?<=['’])|(?![\w]))"  # `bounded`'s end
    by_unit: dict[str, list[tuple[str, str]]] = {}
    for kind in SCANNED:
        for unit, child in sorted(_trie(scanned[kind]).items()):
            if not unit:
                continue
            rest = _trie_pattern(child)
            if kind == "words":  # the `words` pattern, its first morpheme started with `unit`
                rest = (rf"(?<![\w]-[\s\S]){rest}(?:{morph})*(?:-{morph}+)*"
                        rf"(?:(?:\s+(?:{joiners}\s+)?){morph}+(?:-{morph}+)*){{0,6}}(?![\w])")
            else:
                rest = "(?:" + rest + ")" + end
            by_unit.setdefault(unit, []).append((kind, rest))
    kinds: list[str | None] = [None]  # group 0 is the whole match
    branches = []
    for unit, alts in by_unit.items():
        kinds.extend(kind for kind, _ in alts)
        branches.append(unit + "(?:" + "|".join(rest + "()" for _, rest in alts) + ")")
    return "(?:" + "|".join(branches) + ")", tuple(kinds)


@functools.lru_cache(maxsize=None)
def _scan_kinds(lang: Language) -> tuple[str | None, ...]:
    """The list each group of the scan pattern closes (see `_scan_body`)."""
    w = lang.words
    return _scan_body(lang, _scanned_phrases(lang), alternation(w("numbers.morphemes")),
                      alternation(w("numbers.joiners")))[1]


def _scan(lang: Language, low: str) -> dict[str, list[tuple[int, int]]]:
    """`Language.scan`: the combined pattern finds, at each position, the first list that
    matches there; a list that also matches where another one did (or inside its match) is
    looked for there on its own, so every list gets exactly the matches of its own scan."""
    pats = lang.re
    by_two, by_one = _starts(lang)
    found: dict[str, list[tuple[int, int]]] = {k: [] for k in SCANNED}
    free = dict.fromkeys(SCANNED, 0)  # where each list's own scan would look next
    kinds = _scan_kinds(lang)
    for m in word_matches(pats["scan_skip"], " " + low, 0, len(low)):
        p, e = m.start(), m.end() - 1
        kind = kinds[m.lastindex]
        if free[kind] <= p:
            found[kind].append((p, e))
            free[kind] = e
        # the lists before `kind` did not match at p: only the later ones may
        rank = _RANK[kind]
        lists = by_two.get(low[p:p + 2])
        for k, k_rank in by_one.get(low[p], ()) if lists is None else lists:
            if k_rank > rank and free[k] <= p:
                other = pats[k].match(low, p)
                if other:
                    found[k].append(other.span())
                    free[k] = other.end()
        if low[p:e].isalpha():
            continue  # one word: no other word starts inside it
        for gap in _NON_WORD.finditer(low, p, e - 1):  # the word starts inside the match
            q = gap.end()  # (after a non-word character: no list can match elsewhere)
            lists = by_two.get(low[q:q + 2])
            for k, _ in by_one.get(low[q], ()) if lists is None else lists:
                if free[k] <= q:
                    other = pats[k].match(low, q)
                    if other:
                        found[k].append(other.span())
                        free[k] = other.end()
    return found


def _scanned_phrases(lang: Language) -> dict[str, Any]:
    """The phrases of each scanned word list (see `SCANNED`)."""
    w = lang.words
    rel = lang.data.get("dates", {}).get("relative_days") or {}
    return {"month": lang.months, "weekday": lang.weekdays, "relative_day": rel,
            "period": period_words(lang), "vague": lang.vague,
            "collective": lang.collectives, "fraction": lang.fractions,
            # a run of number words starts with a morpheme
            "words": w("numbers.morphemes"),
            "attr_prep": w("attribution.prepositions") + w("attribution.relays")
            + w("attribution.named_cues"),
            "attr_verb": w("attribution.verbs") + w("attribution.continuations"),
            "attr_gerund": w("attribution.gerunds"),
            "document_word": w("attribution.documents")}


@functools.lru_cache(maxsize=None)
def _starts(lang: Language) -> tuple[dict[str, tuple[tuple[str, int], ...]],
                                     dict[str, tuple[tuple[str, int], ...]]]:
    """The scanned word lists (with their rank in `SCANNED`) whose matches can start with a
    text's first two characters: `by_two[text[:2]]`, or `by_one[text[0]]` for pairs not in
    `by_two` (the lists that can start with that character followed by anything)."""
    phrases = _scanned_phrases(lang)
    two: dict[str, set[str]] = {}
    one: dict[str, set[str]] = {}  # a one-character phrase (or morpheme) may be followed by anything
    for kind in SCANNED:
        for p in phrases[kind]:
            p = str(p).strip().lower()
            if not p:
                continue
            units = _units(p)
            seconds = _unit_chars(units[1]) if len(units) > 1 else None
            for c in _unit_chars(units[0]) or ():
                if seconds is None:
                    one.setdefault(c, set()).add(kind)
                else:
                    for c2 in seconds:
                        two.setdefault(c + c2, set()).add(kind)

    def ranked(kinds: set[str]) -> tuple[tuple[str, int], ...]:
        return tuple(sorted(((k, _RANK[k]) for k in kinds), key=lambda kr: kr[1]))

    by_two = {pair: ranked(kinds | one.get(pair[0], set())) for pair, kinds in two.items()}
    return by_two, {c: ranked(kinds) for c, kinds in one.items()}


def _unit_chars(unit: str) -> set[str] | None:
    """The characters a unit of `_units` matches, None for many (a run of spaces)."""
    if unit == f"[{APOSTROPHES}]":
        return set(APOSTROPHES)
    char = unit[1:] if unit.startswith("\\") else unit
    return {char} if len(char) == 1 else None


def next_span(spans: list[tuple[int, int]], pattern: re.Pattern, text: str, pos: int
              ) -> tuple[int, int] | None:
    """`pattern.search(text, pos)`'s span, from `spans`, every match of `pattern.finditer(text)`."""
    i = bisect.bisect_left(spans, (pos,))
    if i and spans[i - 1][1] > pos:  # inside a match: the scan from there was never made
        m = pattern.search(text, pos)
        return m.span() if m else None
    return spans[i] if i < len(spans) else None


def _babel_names(locale: Locale) -> tuple[dict[str, int], dict[str, int]]:
    months: dict[str, int] = {}
    for ctx in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for num, name in locale.months[ctx][width].items():
                name = fold(name).rstrip(".")
                months[name] = num
                months[name + "."] = num
    weekdays: dict[str, int] = {}
    for ctx in ("format", "stand-alone"):
        for width in ("wide",):
            for num, name in locale.days[ctx][width].items():
                weekdays[fold(name)] = num
                # accentless spelling: lunedi, miercoles
                weekdays[fold(name).translate(str.maketrans("àèéìíòóùú", "aeeiioouu"))] = num
    return months, weekdays


@functools.lru_cache(maxsize=1)
def _symbol_data() -> dict[str, Any]:
    """`checker/data/symbols.yaml`, read once."""
    text = resources.files("checker.data").joinpath("symbols.yaml").read_text("utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CBaseLoader", yaml.BaseLoader))


def _symbols() -> dict[str, str]:
    """Units written alike in every language."""
    return _symbol_data()["units"]


@functools.lru_cache(maxsize=None)
def unit_scales() -> dict[str, float]:
    """Symbols with a scale glued to them (`M€`: a million euros), folded, with the scale."""
    return {fold(k): float(v) for k, v in (_symbol_data().get("scaled_units") or {}).items()}


@functools.lru_cache(maxsize=None)
def known_language(code: str) -> bool:
    """Whether CLDR (through Babel) knows a language code: an article in it is read for its
    figures even without a language data file."""
    if not re.fullmatch(r"[a-z]{2,3}", code or ""):
        return False
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return False
    return True


def _cldr_scales(locale: Locale) -> dict[str, float]:
    """Scale words of CLDR's compact number formats (`0 miljoen`, `0 mln.`, `0 Mrd'.'`): the
    words a number takes for thousands, millions and billions, in any language. A language's
    data file adds its own and overrides these."""
    scales: dict[str, float] = {}
    for width in ("short", "long"):
        for forms in (locale.compact_decimal_formats.get(width) or {}).values():
            for magnitude, pattern in forms.items():
                text = getattr(pattern, "pattern", str(pattern)).replace("'", "")
                if text.count("0") != 1:
                    continue  # "00 miljoen" is the same word as "0 miljoen"
                word = " ".join(fold(text.replace("0", " ")).split())
                if len(word) < (1 if width == "long" else 3) or any(ch.isdigit() for ch in word):
                    continue  # a short form of a letter or two ("k", "m", "bn") is too often a unit
                if word:
                    scales.setdefault(word, float(magnitude))
    return scales


def _load(code: str) -> dict:
    try:
        text = resources.files("checker.lang").joinpath(f"{code}.yaml").read_text("utf-8")
    except FileNotFoundError:
        if known_language(code):  # no data file: the locale's separators, and no words
            return {"code": code, "locale": code, "partial": "true"}
        raise LanguageError(f"unsupported language {code!r} (supported: "
                            f"{', '.join(supported_languages())})") from None
    # every value is read as a string: YAML 1.1 would turn the words "on", "no" and "off" into booleans
    data = yaml.load(text, Loader=getattr(yaml, "CBaseLoader", yaml.BaseLoader))  # libyaml when built with it
    if not isinstance(data, dict):
        raise LanguageError(f"checker/lang/{code}.yaml: expected a mapping")
    return data


def _codes_before(lang: "Language") -> list[str]:
    """The written forms that start with a letter and stand for a currency (an ISO 4217 code:
    `chf`, `usd`, `r$`, `us$`), which the press also writes before the number. A currency's
    name is not one ("won 18 seats", "yen"): it follows its number."""
    return [u for u, code in lang.units.items()
            if u[0].isalnum() and len(u) <= 4 and re.fullmatch(r"[A-Z]{3}", code)
            and (u.upper() == code or not u.isalpha())] or ["(?!)"]


@functools.lru_cache(maxsize=None)
def language(code: str) -> Language:
    """The compiled language data for a code such as `it`, loaded once per process."""
    if not re.fullmatch(r"[a-z]{2,3}", code or ""):
        raise LanguageError(f"unsupported language {code!r} (supported: "
                            f"{', '.join(supported_languages())})")
    data = _load(code)
    locale = Locale.parse(data.get("locale", code))
    months, weekdays = _babel_names(locale)
    if data.get("partial"):
        weekdays = {}  # which Friday "Friday" is needs the words around it: absolute dates only
    dates = data.get("dates", {})
    for name, num in (dates.get("month_extra") or {}).items():
        months[fold(name)] = int(num)
        months[fold(name) + "."] = int(num)
    for name, num in (dates.get("weekday_extra") or {}).items():
        weekdays[fold(name)] = int(num)
    # a weekday written as one word with a time of day: "Freitagabend" is a Friday
    weekdays.update({name + fold(suffix): num for name, num in list(weekdays.items())
                     for suffix in dates.get("weekday_suffixes") or []})
    nums = data.get("numbers", {})
    scales = {**_cldr_scales(locale), **{fold(k): float(v) for k, v in (nums.get("scales") or {}).items()}}
    vague = {fold(k): (float(v[0]), float(v[1])) for k, v in (nums.get("vague") or {}).items()}
    units = {fold(k): str(v) for k, v in {**_symbols(), **(data.get("units") or {})}.items()}
    qualifier_of = {fold(p): q for q, ps in (data.get("qualifiers") or {}).items() for p in ps}
    concept_of = {fold(p): c for c, ps in (data.get("concepts") or {}).items() for p in ps}
    morph = alternation(nums.get("morphemes") or [])
    number_word = re.compile(rf"{morph}+", re.IGNORECASE)
    lang = Language(
        code=code, data=data,
        decimal=data.get("decimal") or get_decimal_symbol(locale),
        group=data.get("group") or get_group_symbol(locale),
        months=months, weekdays=weekdays, scales=scales, vague=vague, units=units,
        qualifier_of=qualifier_of, concept_of=concept_of, number_word=number_word,
        not_alone={fold(w) for w in nums.get("not_alone") or []},
        collectives={fold(k): (float(v[0]), str(v[1]) if len(v) > 1 else "exact")
                     for k, v in (nums.get("collectives") or {}).items()},
        fractions={fold(k): float(v) for k, v in (nums.get("fractions") or {}).items()},
        partial=bool(data.get("partial")),
    )
    lang.re = _compile(lang)
    return lang


def _compile(lang: Language) -> dict[str, re.Pattern]:
    """The regular expressions of a language; every one is linear: no nested quantifiers."""
    d = lang.data
    w = lang.words
    joiners = alternation(w("numbers.joiners"))
    morph = alternation(w("numbers.morphemes"))
    # a run of words made of number morphemes; text2num validates the composition later
    numword = rf"{morph}+(?:-{morph}+)*"
    short_scales = [s for s in lang.scales if len(s) <= 4 and " " not in s]
    suffix = alternation(short_scales)
    glued = alternation(u for u in lang.units if u[:1].isalpha() and " " not in u and len(u) <= 4)
    pats = {
        # a numeral with optional group separators, decimals and an attached scale (12mila, 2.7bn)
        # the first digit comes before the look-behinds (which then look one character further
        # back), so the scan jumps from digit to digit instead of trying every position
        # (an apostrophe groups digits in Swiss usage, `1'500`, whatever the language); a unit
        # written on the number, `140mph`, `225km/h`, ends it too
        "numeral": rf"\d(?<![\w.,:/]\d)(?<![^\W\d_]-\d)(?:\d{{0,2}}(?:[.,'’٬{_SPACES}]\d{{3}})+|\d*)(?:[.,٫]\d+)?"
                   rf"(?P<suffix>{suffix}(?![\w]))?(?:(?={glued}(?![\w]))|(?![\w]|[.,]\d|:\d))",
        "words": rf"{word_start(w('numbers.morphemes'))}(?<![\w]-){numword}(?:(?:\s+(?:{joiners}\s+)?){numword}){{0,6}}(?![\w])",
        "scale_after": rf"\s*(?P<scale>{alternation(lang.scales)})(?![\w])",
        "vague": bounded_words(lang.vague),
        "collective": bounded_words(lang.collectives),
        "fraction": bounded_words(lang.fractions),
        # "plusieurs centaines de millions": a vague amount of a scale
        "vague_scale": rf"\s+(?:{alternation(w('unit_links'))}\s*)?(?P<scale>{alternation(lang.scales)})(?![\w])",
        # "des centaines, voire des milliers": one vague amount, its bounds the widest
        "vague_joiner": rf"\s*,?\s*{alternation(w('numbers.vague_joiners'))}\s+",
        # "deux fois et demie", "two and a half"
        "partitive_after": rf"\s*{alternation(w('partitives'))}(?:(?<=['’])|(?![\w]))",
        "half_after": rf"\s+{alternation(w('numbers.half_words'))}(?![\w])",
        "unit_after": rf"(?:\s*|\s+{alternation(w('unit_links'))}(?:\s+|(?<=['’])))(?P<unit>{alternation(lang.units)})(?![\w])",
        # a symbol before the number ("$2.7bn", "€ 400"), or a currency code or a prefixed
        # symbol as a word of its own ("CHF 1,2 Mio.", "R$ 2,5 bilhões")
        "unit_before": rf"(?P<unit>(?<![\w]){alternation(_codes_before(lang))}|"
                       rf"{alternation(u for u in lang.units if not u[0].isalnum())})\s*$",
        "qualifier_before": rf"(?:^|(?<=[^\w]))(?P<q>{alternation(lang.qualifier_of)})\s*(?:[$€£¥]\s*)?$",
        "month": bounded_words(lang.months),
        "weekday": bounded_words(lang.weekdays),
        "not_figure_before": rf"(?:^|(?<=[^\w])){alternation(w('not_figure_before'))}\s*$",
        # "au 12 rue de la Paix": a number that words after it make an address or a rank
        "not_figure_after": rf"\s*(?:{alternation(w('not_figure_after'))})(?![\w])"
                            if w('not_figure_after') else r"(?!)",
        "time_before": rf"(?:^|(?<=[^\w])){alternation(w('time_before'))}\s*$",
        "time_after": rf"^\s*{alternation(w('time_after'))}(?![\w])",
        "function_word": rf"^{alternation(w('function_words'))}$",
        "concept": bounded_words(lang.concept_of),
        "intention": bounded_words(w("intention")),
        "clause_break": rf"[,;:()\[\]\"“”«»—]|\s[–-]\s|{word_start(w('clause_breaks'))}{alternation(w('clause_breaks'))}(?![\w])",
        # relays ("citing") are found with the prepositions, continuations ("Demnach") with
        # the verbs: `checker.attribution` tells them apart
        "attr_prep": bounded_words(w("attribution.prepositions") + w("attribution.relays")
                                   + w("attribution.named_cues")),
        "attr_verb": bounded_words(w("attribution.verbs") + w("attribution.continuations")),
        # "Para la CEOE, …", "Pour le ministre, …": who an opening phrase credits
        "attr_opening": rf"[\s\"“«]*{alternation(w('attribution.opening'))}\s+",
        "attr_gerund": bounded_words(w("attribution.gerunds")),
        "anonymous": rf"^{alternation(w('attribution.anonymous'))}(?![\w])",
        "document": rf"^{alternation(w('attribution.document_prepositions'))}\s+(?:\w+\s+)?"
                    rf"(?P<doc>{alternation(w('attribution.documents'))})(?![\w])",
        "possessive": rf"(?:{alternation(w('possessives'))})\s+" if w("possessives") else NEVER,
        "document_word": bounded_words(w("attribution.documents")),
        "determiners": rf"^(?:{alternation(w('attribution.determiners'))}(?:\s+|(?<=['’])))+",
        "complementizer": rf"^\s*{alternation(w('attribution.complementizers'))}(?![\w])",
        "complementizer_word": bounded_words(w("attribution.complementizers")),
        "relative_word": bounded_words(w("attribution.relatives")),
        "abbreviation": rf"(?<![\w.]){alternation(w('abbreviations'))}$",
        "change": bounded_words(w("change_connectors")),
        # what links a figure to the same amount in another unit: "36,000 acres — or 52
        # square miles", "3 500 hectares, soit …"
        "equivalence": rf"\s*[,–—-]?\s*{alternation(w('numbers.equivalence_links'))}\s*[,:]?\s*",
        # "one in five", "un habitant sur cinq", "uno de cada cinco": a rate (a word may come between)
        # (a noun between only before the links that take one: "un habitant sur cinq")
        "ratio_link": rf"\s+(?:{alternation(w('numbers.ratio_links'))}|(?P<noun>[^\W\d_][\w'’-]*)\s+"
                      rf"{alternation(w('numbers.ratio_links_after_noun'))})\s+",
        "ratio_one": rf"(?<![\w])(?P<one>{alternation(w('numbers.ratio_one'))})\s+(?:{alternation(w('numbers.ratio_links'))}|"
                     rf"[^\W\d_][\w'’-]*\s+{alternation(w('numbers.ratio_links_after_noun'))})\s+$",
        # the verbs of reported speech: "es gebe", "seien": the report goes on
        "reported_speech": bounded_words(w("attribution.reported_speech")),
    }
    # the `…$` patterns above written backwards, to be matched at the start of a reversed
    # window: what a window ends with, without a search over every position of the window
    pats["not_figure_end"] = rf"\s*{reversed_alternation(w('not_figure_before'))}(?![\w])"
    pats["time_before_end"] = rf"\s*{reversed_alternation(w('time_before'))}(?![\w])"
    # a count moved from one number to another ("the toll rose from 25 to 40", "stieg auf 40
    # von 25", "stieg die Zahl der Toten von 25 auf 40"): a verb of `scope.moves`, up to five
    # words, its `from` word, at the end
    pats["moved_from"] = (rf"(?:^|(?<=[^\w])){alternation(w('scope.moves.verbs'))}(?:\s+\S+){{0,5}}\s+"
                          rf"{alternation(w('scope.moves.from'))}\s*$") if w("scope.moves.verbs") else NEVER
    pats["compared_before"] = (rf"(?:^|(?<=[^\w])){alternation(w('dates.compared_before'))}(?:\s+\S+){{0,2}}\s+$"
                               if w("dates.compared_before") else NEVER)
    # (a currency sign or an opening quote may stand between: `circa «800`)
    # (and a verb of rising or falling before "hasta", "fino a": "to", not "up to")
    to_verbs = w("qualifiers_to_after")
    pats["qualifier_end"] = (rf"(?:\s*[$€£¥])?(?:\s*[«\"“„‘'])?\s*(?P<q>{reversed_alternation(lang.qualifier_of)})"
                             rf"(?![\w])" + (rf"(?P<to>\s+{reversed_alternation(to_verbs)}(?![\w]))?" if to_verbs else ""))
    # (`\n?`: `$` also matches before a last line break)
    pats["abbreviation_end"] = rf"\n?{reversed_alternation(w('abbreviations'))}(?![\w.])"
    rel = d.get("dates", {}).get("relative_days") or {}
    pats["relative_day"] = bounded_words(rel)
    pats["period"] = bounded_words(period_words(lang))
    # the word lists every article is scanned for, as one pattern: one word-start check a
    # position for all of them (`Language.scan` recovers what each finds on its own)
    scanned = _scanned_phrases(lang)
    starts = {k: word_start(scanned[k]) for k in SCANNED}
    assert all(pats[k].startswith(starts[k]) for k in SCANNED)
    # (only as searched after the character before the word: see `word_matches`)
    pats["scan_skip"] = skipping(word_start(*scanned.values()) + _scan_body(lang, scanned, morph, joiners)[0])
    # compiled case-sensitive: they run on `lower(text)`, which is several times faster than
    # IGNORECASE on large alternations
    return {k: re.compile(v) for k, v in pats.items()}
