"""Numerals and number words as written in each language, parsed to floats.

`1.500` is fifteen hundred in Italian and one and a half in English: the separators come
from the language's CLDR locale. Number words (`diecimila`, `Forty-five`, `dos mil`) are
found with the language's morphemes and composed by text2num.
"""
from __future__ import annotations

import functools
import math
import re

from text_to_num import text2num

from checker.language import Language, fold

_SPACE_GROUP = "\u00a0\u202f\u2009\u2007 '’\u066c"  # an apostrophe groups digits in Swiss usage
_MAX_DIGITS = 18  # beyond this a "number" is an identifier or noise, not a figure


_THOUSANDS = re.compile(r"[1-9]\d{0,2}[.,]\d{3}")


@functools.lru_cache(maxsize=16384)  # the same numerals come back in article after article
def parse_numeral(raw: str, lang: Language, scaled: bool = False) -> float | None:
    """The value of a numeral written in `lang`'s conventions, or None if it is not one.

    Group separators must separate groups of three digits; a separator that cannot be a
    group separator is read as the decimal mark (so `1.5` in Italian is still 1.5). One mark
    followed by exactly three digits groups them whatever the locale (`150,000` in a Mexican
    Spanish article, `1.500` in an English one: news writes no figure with three decimals),
    unless a scale word follows (`scaled`: `1,125 miliardi`).
    """
    s = raw.strip()
    for sp in _SPACE_GROUP:
        s = s.replace(sp, " ")
    s = s.replace("\u066b", lang.decimal)  # the Arabic decimal separator (its group one is a space)
    if not scaled and _THOUSANDS.fullmatch(s):
        return float(s[:-4] + s[-3:])
    dec, grp = lang.decimal, lang.group
    if grp in _SPACE_GROUP:
        grp = " "
    seps = [c for c in s if not c.isdigit()]
    if not seps:
        return _finite(s)
    # with both marks, the last one is the decimal mark if it is the locale's
    int_part, frac = s, ""
    last = max(s.rfind(dec), -1)
    if dec in s and (s.count(dec) == 1) and _grouped(s[:last], grp):
        int_part, frac = s[:last], s[last + 1:]
    elif dec not in s and grp not in s and " " not in s:
        # a separator that is neither: `1.5` in a comma-decimal locale
        other = seps[0]
        if s.count(other) == 1 and len(s.split(other)[1]) != 3:
            int_part, frac = s.split(other)
        elif _grouped(s, other):
            int_part = s
            grp = other
        else:
            return None
    if not _grouped(int_part, grp if grp in int_part else " "):
        # `1.5` in a comma-decimal locale: one separator, not followed by three digits
        if not frac and s.count(grp) == 1 and len(s.split(grp)[1]) != 3:
            int_part, frac = s.split(grp)
            grp = " "
        else:
            return None
    digits = int_part.replace(grp, "").replace(" ", "")
    if not digits.isdigit() or (frac and not frac.isdigit()):
        return None
    return _finite(digits + ("." + frac if frac else ""))


def _grouped(s: str, sep: str) -> bool:
    """True when `s` is digits, or digit groups of three after a first group of one to three."""
    if sep not in s:
        return s.isdigit()
    parts = s.split(sep)
    return (1 <= len(parts[0]) <= 3 and parts[0].isdigit()
            and all(len(p) == 3 and p.isdigit() for p in parts[1:]))


def _finite(s: str) -> float | None:
    if len(s.replace(".", "")) > _MAX_DIGITS:
        return None
    try:
        v = float(s)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


@functools.lru_cache(maxsize=16384)
def decimals(raw: str, lang: Language) -> int:
    """How many decimals a numeral is written with (`7.5` → 1), for its precision."""
    s = raw.strip()
    value = parse_numeral(s, lang)
    if value is None or value == int(value):
        return 0
    for mark in (lang.decimal, ".", ","):
        if mark in s:
            return len(s.rsplit(mark, 1)[1])
    return 0


_WORD_SPLIT = re.compile(r"[\s-]+")


@functools.lru_cache(maxsize=16384)
def parse_number_words(raw: str, lang: Language) -> float | None:
    """The value of a run of number words (`ten thousand`, `diecimila`), or None.

    Every word must be made of the language's number morphemes; text2num composes them.
    """
    words = [w for w in _WORD_SPLIT.split(fold(raw)) if w]
    if not words:
        return None
    joiners = lang.folded("numbers.joiners")
    if words[0] in joiners or words[-1] in joiners:
        return None
    if not all(w in joiners or lang.number_word.fullmatch(w) for w in words):
        return None
    if len(words) == 1 and words[0] in lang.not_alone:
        return None
    try:
        return float(text2num(" ".join(words), lang.code))
    except (ValueError, TypeError):
        return None
