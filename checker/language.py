"""Language data: one YAML file a language in `checker/lang/`, plus CLDR data from Babel.

`language(code)` loads a file once and compiles everything the extractor needs into plain
regular expressions and lookup tables, so that the extraction code holds no word of any
language. Adding a language means adding `checker/lang/<code>.yaml` and its test cases.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml
from babel import Locale
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


def _units(phrase: str) -> list[str]:
    """A phrase as regex units: one per character, a run of spaces as one `\\s+`."""
    units: list[str] = []
    for ch in phrase:
        if ch == " ":
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


def alternation(phrases: list[str] | set[str] | Any) -> str:
    """A non-capturing pattern matching any of the phrases, preferring the longest."""
    items = {str(p).strip().lower() for p in phrases if str(p).strip()}
    if not items:
        return r"(?!x)x"
    trie: dict = {}
    for item in items:
        node = trie
        for unit in _units(item):
            node = node.setdefault(unit, {})
        node[""] = True
    return "(?:" + _trie_pattern(trie) + ")"


def bounded(pattern: str) -> str:
    """Wrap a pattern so it matches whole words only (phrases may start or end with a symbol)."""
    return rf"(?<![\w]){pattern}(?![\w])"


_APOSTROPHE_TABLE = str.maketrans({a: "'" for a in APOSTROPHES})


def lower(text: str) -> str:
    """Lower-case text of the same length, so offsets in it are offsets in `text`."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def fold(text: str) -> str:
    """Lower-case and unify apostrophes so dictionary look-ups see one spelling."""
    return text.lower().translate(_APOSTROPHE_TABLE)


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
    re: dict[str, re.Pattern] = field(default_factory=dict)

    def folded(self, key: str) -> frozenset[str]:
        """The phrases of `key`, folded and with single spaces, as a set (computed once)."""
        cache = self.__dict__.setdefault("_folded", {})
        if key not in cache:
            cache[key] = frozenset(" ".join(fold(w).split()) for w in self.words(key))
        return cache[key]

    def words(self, key: str) -> list[str]:
        """A list of phrases from the data file, by dotted key; empty when absent."""
        node: Any = self.data
        for part in key.split("."):
            node = node.get(part) if isinstance(node, dict) else None
            if node is None:
                return []
        return [str(x) for x in node]


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


def _load(code: str) -> dict:
    try:
        text = resources.files("checker.lang").joinpath(f"{code}.yaml").read_text("utf-8")
    except FileNotFoundError:
        raise LanguageError(f"unsupported language {code!r} (supported: "
                            f"{', '.join(supported_languages())})") from None
    # every value is read as a string: YAML 1.1 would turn the words "on", "no" and "off" into booleans
    data = yaml.load(text, Loader=yaml.BaseLoader)
    if not isinstance(data, dict):
        raise LanguageError(f"checker/lang/{code}.yaml: expected a mapping")
    return data


@functools.lru_cache(maxsize=None)
def language(code: str) -> Language:
    """The compiled language data for a code such as `it`, loaded once per process."""
    if not re.fullmatch(r"[a-z]{2,3}", code or ""):
        raise LanguageError(f"unsupported language {code!r} (supported: "
                            f"{', '.join(supported_languages())})")
    data = _load(code)
    locale = Locale.parse(data.get("locale", code))
    months, weekdays = _babel_names(locale)
    for name, num in (data.get("dates", {}).get("month_extra") or {}).items():
        months[fold(name)] = int(num)
        months[fold(name) + "."] = int(num)
    nums = data.get("numbers", {})
    scales = {fold(k): float(v) for k, v in (nums.get("scales") or {}).items()}
    vague = {fold(k): (float(v[0]), float(v[1])) for k, v in (nums.get("vague") or {}).items()}
    units = {fold(k): str(v) for k, v in (data.get("units") or {}).items()}
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
    pats = {
        # a numeral with optional group separators, decimals and an attached scale (12mila, 2.7bn)
        "numeral": rf"(?<![\w.,:/])(?<![^\W\d_]-)(?:\d{{1,3}}(?:[.,{_SPACES}]\d{{3}})+|\d+)(?:[.,]\d+)?"
                   rf"(?P<suffix>{suffix}(?![\w]))?(?![\w]|[.,]\d|:\d)",
        "words": rf"(?<![\w-]){numword}(?:(?:\s+(?:{joiners}\s+)?){numword}){{0,6}}(?![\w])",
        "scale_after": rf"\s*(?P<scale>{alternation(lang.scales)})(?![\w])",
        "vague": bounded(alternation(lang.vague)),
        "unit_after": rf"(?:\s*|\s+{alternation(w('unit_links'))}\s+)(?P<unit>{alternation(lang.units)})(?![\w])",
        "unit_before": rf"(?P<unit>{alternation(u for u in lang.units if not u[0].isalnum())})\s*$",
        "qualifier_before": rf"(?:^|(?<=[^\w]))(?P<q>{alternation(lang.qualifier_of)})\s*(?:[$€£¥]\s*)?$",
        "month": bounded(alternation(lang.months)),
        "weekday": bounded(alternation(lang.weekdays)),
        "not_figure_before": rf"(?:^|(?<=[^\w])){alternation(w('not_figure_before'))}\s*$",
        "time_before": rf"(?:^|(?<=[^\w])){alternation(w('time_before'))}\s*$",
        "time_after": rf"^\s*{alternation(w('time_after'))}(?![\w])",
        "function_word": rf"^{alternation(w('function_words'))}$",
        "concept": bounded(alternation(lang.concept_of)),
        "intention": bounded(alternation(w("intention"))),
        "clause_break": rf"[,;:()\[\]\"“”«»—]|\s[–-]\s|(?<![\w]){alternation(w('clause_breaks'))}(?![\w])",
        "attr_prep": bounded(alternation(w("attribution.prepositions"))),
        "attr_verb": bounded(alternation(w("attribution.verbs"))),
        "attr_gerund": bounded(alternation(w("attribution.gerunds"))),
        "anonymous": rf"^{alternation(w('attribution.anonymous'))}(?![\w])",
        "document": rf"^(?:{alternation(w('attribution.document_prepositions'))}\s+)?(?:\w+\s+)?"
                    rf"(?P<doc>{alternation(w('attribution.documents'))})(?![\w])",
        "possessive": rf"(?:{alternation(w('possessives'))})\s+" if w("possessives") else r"(?!x)x",
        "document_word": bounded(alternation(w("attribution.documents"))),
        "determiners": rf"^(?:{alternation(w('attribution.determiners'))}(?:\s+|(?<=['’])))+",
        "complementizer": rf"^\s*{alternation(w('attribution.complementizers'))}(?![\w])",
        "complementizer_word": bounded(alternation(w("attribution.complementizers"))),
        "abbreviation": rf"(?<![\w.]){alternation(w('abbreviations'))}$",
        "change": bounded(alternation(w("change_connectors"))),
    }
    # compiled case-sensitive: they run on `lower(text)`, which is several times faster than
    # IGNORECASE on large alternations
    return {k: re.compile(v) for k, v in pats.items()}
