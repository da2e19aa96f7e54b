#!/usr/bin/env python3
"""Generate a realistic, deterministic corpus of news articles for benchmarking the checker.

    python benchmarks/generate.py 10000 /tmp/corpus [--seed 7] [--jsonl feed.jsonl] [--truth truth.jsonl]

Writes N articles as Markdown files with YAML front matter (`outlet`, `published`, `lang`,
`title`), one folder a story, into the output directory. Each story is an invented event (a
wildfire, a flood, a port strike, a chemical spill, an election count) in an invented place,
covered by three to six outlets in Italian, English, Spanish, French, German and Portuguese. Every story draws its own
place, person, company and union names, so no two stories share an entity.

The articles write their figures in every form the checker reads: numerals with each
language's separators (`4.500`, `4,500`), scale words (`12mila`, `1,5 milioni`, `€40m`,
`$2.7bn`, `2.700 millones`), number words (`quattro`, `four`, `cuatro`), qualifiers (`circa`,
`about`, `unas`, `oltre`, `more than`, `más de`, `almeno`, `at least`, `fino a`, `as many as`,
`hasta`), ranges (`tra X e Y`, `between X and Y`, `entre X y Y`), units that agree after
conversion (kilometres and miles, hectares and acres, metres and feet), percentages and money;
dates as absolute days, ranges (`dal 3 al 7 agosto`, `from Aug. 3 to 7`, `del 3 al 7 de
agosto`), weekdays and `ieri`/`yesterday`/`ayer` relative to `published`; sources with the
attribution cues of each language, and unsourced figures.

Planted on purpose, and listed with `--truth FILE` (one JSON object a planted item):
`contradiction` (one outlet gives a different value), `date` (one outlet moves the end of a
date range by a day), `source` (one outlet credits a figure to someone else), `arithmetic`
(two shares of one whole adding up to more than 100%), `update` (a later article gives a higher
running count: not a contradiction) and `unsourced` (a figure with no attribution).

The same arguments always give the same files, byte for byte. Everything is fictional.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import random
import re
import sys
from dataclasses import dataclass, field

LANGS = ("it", "en", "es", "fr", "de", "pt")

# --------------------------------------------------------------------------------------------
# Invented names
# --------------------------------------------------------------------------------------------

_ONSETS = ["B", "C", "D", "F", "G", "L", "M", "N", "P", "R", "S", "T", "V", "Br", "Cr", "Fr",
           "Gr", "Pr", "Tr", "Sc", "St", "Ch", "Z", "Pl", "Gl"]
_VOWELS = ["a", "e", "i", "o", "u", "a", "e", "o"]
_MIDS = ["l", "r", "n", "s", "t", "v", "d", "g", "m", "ll", "rr", "nt", "rd", "st", "sc", "lv",
         "rb", "nd", "zz", "ss", "rm", "lt"]
_PLACE_ENDS = ["ano", "ena", "ello", "ina", "ora", "ago", "ate", "ise", "ona", "eto", "ara",
               "iano", "eri", "uro", "asco", "elle", "ino", "ate"]
_REGION_ENDS = ["ia", "essa", "ona", "aria", "enza", "illa", "uria", "ana"]
_SURNAME_ENDS = ["etti", "oni", "ari", "ini", "ello", "esi", "ucci", "ez", "ado", "ero", "ardi",
                 "enti", "aldi", "ieri", "os", "anza", "olin", "ant"]
_FIRST = {
    "m": ["Marco", "Luca", "Paolo", "Andrea", "Javier", "Diego", "Tomás", "Peter", "Daniel",
          "Simon", "Matteo", "Carlos", "Hugo", "Nicola", "Rafael", "Owen", "Ettore", "Bruno"],
    "f": ["Giulia", "Elena", "Chiara", "Marta", "Lucía", "Carmen", "Sara", "Anna", "Laura",
          "Ines", "Clara", "Beatriz", "Helen", "Irene", "Silvia", "Nora", "Teresa", "Alba"],
}
# names already used by the development corpus and the examples: never drawn again
_RESERVED = {"Valdoria", "Castelmare", "Sorlena", "Marvessa", "Castrovento", "Tarsio", "Brenna",
             "Desogus", "Tessari"}


class Names:
    """Draws invented names, never the same one twice in a corpus."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set(_RESERVED)

    def _word(self, ends: list[str]) -> str:
        r = self.rng
        for _ in range(1000):
            w = r.choice(_ONSETS) + r.choice(_VOWELS) + r.choice(_MIDS) + r.choice(ends)
            if r.random() < 0.25:
                w = r.choice(_ONSETS) + r.choice(_VOWELS) + w.lower()
            if w not in self.used and len(w) <= 12:
                self.used.add(w)
                return w
        raise RuntimeError("ran out of names")

    def place(self) -> str:
        return self._word(_PLACE_ENDS)

    def region(self) -> str:
        return self._word(_REGION_ENDS)

    def surname(self) -> str:
        return self._word(_SURNAME_ENDS)

    def person(self, avoid: set[str] | None = None) -> tuple[str, str, str]:
        """(full name, surname, gender); a first name not in `avoid`, which is updated."""
        gender = self.rng.choice("mf")
        surname = self.surname()
        first = self.rng.choice([n for n in _FIRST[gender] if n not in (avoid or ())])
        if avoid is not None:
            avoid.add(first)
        return f"{first} {surname}", surname, gender

    def acronym(self) -> str:
        for _ in range(1000):
            a = self.rng.choice("BCDFGLMNPRT") + "".join(
                self.rng.choice("ABCDEFGILMNOPRSTU") for _ in range(self.rng.choice((2, 3))))
            if a not in self.used:
                self.used.add(a)
                return a
        raise RuntimeError("ran out of acronyms")


# --------------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------------

WORDS = {
    "it": {2: "due", 3: "tre", 4: "quattro", 5: "cinque", 6: "sei", 7: "sette", 8: "otto",
           9: "nove", 10: "dieci", 11: "undici", 12: "dodici", 13: "tredici", 14: "quattordici",
           15: "quindici", 16: "sedici", 17: "diciassette", 18: "diciotto", 19: "diciannove",
           20: "venti", 30: "trenta", 40: "quaranta", 50: "cinquanta", 60: "sessanta",
           100: "cento", 2000: "duemila", 3000: "tremila", 10000: "diecimila",
           20000: "ventimila"},
    "en": {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight",
           9: "nine", 10: "ten", 11: "eleven", 12: "twelve", 13: "thirteen", 14: "fourteen",
           15: "fifteen", 16: "sixteen", 17: "seventeen", 18: "eighteen", 19: "nineteen",
           20: "twenty", 30: "thirty", 40: "forty", 50: "fifty", 60: "sixty",
           100: "a hundred", 2000: "two thousand", 3000: "three thousand",
           10000: "ten thousand", 20000: "twenty thousand"},
    "es": {2: "dos", 3: "tres", 4: "cuatro", 5: "cinco", 6: "seis", 7: "siete", 8: "ocho",
           9: "nueve", 10: "diez", 11: "once", 12: "doce", 13: "trece", 14: "catorce",
           15: "quince", 16: "dieciséis", 17: "diecisiete", 18: "dieciocho", 19: "diecinueve",
           20: "veinte", 30: "treinta", 40: "cuarenta", 50: "cincuenta", 60: "sesenta",
           100: "cien", 2000: "dos mil", 3000: "tres mil", 10000: "diez mil",
           20000: "veinte mil"},
    "fr": {2: "deux", 3: "trois", 4: "quatre", 5: "cinq", 6: "six", 7: "sept", 8: "huit",
           9: "neuf", 10: "dix", 11: "onze", 12: "douze", 13: "treize", 14: "quatorze",
           15: "quinze", 16: "seize", 17: "dix-sept", 18: "dix-huit", 19: "dix-neuf",
           20: "vingt", 30: "trente", 40: "quarante", 50: "cinquante", 60: "soixante",
           100: "cent", 2000: "deux mille", 3000: "trois mille", 10000: "dix mille",
           20000: "vingt mille"},
    "de": {2: "zwei", 3: "drei", 4: "vier", 5: "fünf", 6: "sechs", 7: "sieben", 8: "acht",
           9: "neun", 10: "zehn", 11: "elf", 12: "zwölf", 13: "dreizehn", 14: "vierzehn",
           15: "fünfzehn", 16: "sechzehn", 17: "siebzehn", 18: "achtzehn", 19: "neunzehn",
           20: "zwanzig", 30: "dreißig", 40: "vierzig", 50: "fünfzig", 60: "sechzig",
           100: "hundert", 2000: "zweitausend", 3000: "dreitausend", 10000: "zehntausend",
           20000: "zwanzigtausend"},
    "pt": {2: "dois", 3: "três", 4: "quatro", 5: "cinco", 6: "seis", 7: "sete", 8: "oito",
           9: "nove", 10: "dez", 11: "onze", 12: "doze", 13: "treze", 14: "catorze",
           15: "quinze", 16: "dezasseis", 17: "dezassete", 18: "dezoito", 19: "dezanove",
           20: "vinte", 30: "trinta", 40: "quarenta", 50: "cinquenta", 60: "sessenta",
           100: "cem", 2000: "dois mil", 3000: "três mil", 10000: "dez mil",
           20000: "vinte mil"},
}


def round_sig(x: float, sig: int = 2, mode: str = "round") -> float:
    """`x` to `sig` significant digits, rounding, flooring or ceiling."""
    if x == 0:
        return 0
    scale = 10 ** (int(math.floor(math.log10(abs(x)))) - sig + 1)
    f = {"round": round, "floor": math.floor, "ceil": math.ceil}[mode]
    v = f(x / scale) * scale
    return int(v) if scale >= 1 else round(v, 6)


def group(n: int, lang: str) -> str:
    s = f"{n:,}"
    if lang == "fr":                # French groups digits with a no-break space
        return s.replace(",", "\u00a0")
    return s if lang == "en" else s.replace(",", ".")


def decimal(x: float, lang: str, places: int = 1) -> str:
    s = f"{x:.{places}f}".rstrip("0").rstrip(".")
    return s if lang == "en" else s.replace(".", ",")


def numeral(n: float, lang: str, rng: random.Random, words: bool = True) -> str:
    """One way of writing the number `n` in `lang` (no qualifier, no unit)."""
    if n != int(n):
        return decimal(n, lang)
    n = int(n)
    spell = 0.85 if lang == "en" and n < 10 else 0.55     # English style spells out one to nine
    if words and n in WORDS[lang] and (n <= 20 or rng.random() < 0.3) and rng.random() < spell:
        return WORDS[lang][n]
    if n >= 1_000_000 and round_sig(n, 2) == n:
        m = n / 1_000_000
        one = m == 1
        if lang == "it":
            return "un milione" if one else f"{decimal(m, lang)} milioni"
        if lang == "es":
            return "un millón" if one else f"{decimal(m, lang)} millones"
        if lang == "fr":             # "1,5 million", "2 millions"
            return "un million" if one else f"{decimal(m, lang)} million{'s' if m >= 2 else ''}"
        if lang == "de":
            if one:
                return "eine Million"
            return f"{decimal(m, lang)} {rng.choice(['Millionen', 'Mio.'])}"
        if lang == "pt":
            return "um milhão" if one else f"{decimal(m, lang)} milh{'ões' if m >= 2 else 'ão'}"
        return f"{decimal(m, lang)} million"
    if 1000 <= n < 1_000_000 and n % 1000 == 0 and n > 1000:
        k = n // 1000
        if lang == "it" and rng.random() < 0.5:
            return f"{k}mila" if rng.random() < 0.7 else f"{k} mila"
        if lang in ("es", "pt") and rng.random() < 0.25:
            return f"{k} mil"
    if lang == "es" and 1000 <= n < 10000 and rng.random() < 0.4:
        return str(n)          # the RAE writes four digits without a separator
    return group(n, lang)


QUALIFIERS = {
    "it": {"approx": ["circa"], "more_than": ["oltre", "più di"], "at_least": ["almeno"],
           "at_most": ["fino a"]},
    "en": {"approx": ["about", "around", "some", "roughly"], "more_than": ["more than", "over"],
           "at_least": ["at least"], "at_most": ["as many as", "up to"]},
    "es": {"approx": ["{unos}", "alrededor de", "cerca de"], "more_than": ["más de"],
           "at_least": ["al menos", "por lo menos"], "at_most": ["hasta"]},
    "fr": {"approx": ["environ", "près de", "quelque"], "more_than": ["plus de"],
           "at_least": ["au moins"], "at_most": ["jusqu'à"]},
    "de": {"approx": ["rund", "etwa", "ungefähr"], "more_than": ["mehr als", "über"],
           "at_least": ["mindestens"], "at_most": ["bis zu"]},
    "pt": {"approx": ["cerca de", "aproximadamente", "perto de"], "more_than": ["mais de"],
           "at_least": ["pelo menos", "ao menos"], "at_most": ["até"]},
}
RANGE = {"it": "tra {a} e {b}", "en": "between {a} and {b}", "es": "entre {a} y {b}",
         "fr": "entre {a} et {b}", "de": "zwischen {a} und {b}", "pt": "entre {a} e {b}"}


def shown(value: float, qual: str) -> float | tuple[float, float]:
    """The number a writer would print for a true `value` under a qualifier."""
    if qual == "exact" or value < 20:
        return value
    if qual == "approx":
        return round_sig(value, 2)
    if qual in ("more_than", "at_least"):
        return round_sig(value * 0.97, 2, "floor")
    if qual == "at_most":
        return round_sig(value * 1.03, 2, "ceil")
    if qual == "range":
        return round_sig(value * 0.9, 2, "floor"), round_sig(value * 1.1, 2, "ceil")
    raise ValueError(qual)


def qualified(text_of, value: float, qual: str, lang: str, rng: random.Random,
              gender: str = "m") -> str:
    """`text_of(number)` with the qualifier's words around it."""
    v = shown(value, qual)
    if qual == "range" and isinstance(v, tuple):
        return RANGE[lang].format(a=text_of(v[0], False), b=text_of(v[1], False))
    if qual == "exact" or qual == "range":
        return text_of(v, True)
    word = rng.choice(QUALIFIERS[lang][qual])
    word = word.replace("{unos}", "unas" if gender == "f" else "unos")
    return f"{word} {text_of(v, qual == 'at_least')}"


# --------------------------------------------------------------------------------------------
# Units, money, percentages
# --------------------------------------------------------------------------------------------

# unit: (factor to the imperial unit or None, words by language and system)
UNITS = {
    "km": (0.621371, {"it": ["chilometri", "km"], "en": ["kilometres", "km"], "es": ["kilómetros", "km"],
                      "fr": ["kilomètres", "km"], "de": ["Kilometer", "km"], "pt": ["quilómetros", "km"],
                      "en_imp": ["miles"]}),
    "ha": (2.47105, {"it": ["ettari"], "en": ["hectares"], "es": ["hectáreas"], "fr": ["hectares"],
                     "de": ["Hektar"], "pt": ["hectares"], "en_imp": ["acres"]}),
    "m": (3.28084, {"it": ["metri"], "en": ["metres"], "es": ["metros"], "fr": ["mètres"], "de": ["Meter"],
                    "pt": ["metros"], "en_imp": ["feet"]}),
    "t": (None, {"it": ["tonnellate"], "en": ["tonnes"], "es": ["toneladas"], "fr": ["tonnes"],
                 "de": ["Tonnen"], "pt": ["toneladas"]}),
    "mm": (0.0393701, {"it": ["millimetri"], "en": ["millimetres", "mm"], "es": ["litros por metro cuadrado"],
                       "fr": ["millimètres"], "de": ["Millimeter"], "pt": ["milímetros"],
                       "en_imp": ["inches"]}),
}
UNIT_GENDER_ES = {"km": "m", "ha": "f", "m": "m", "t": "f", "mm": "m"}


def measure(value: float, unit: str, qual: str, lang: str, rng: random.Random,
            imperial: bool = False) -> tuple[str, dict]:
    """A measure with its unit, possibly converted to imperial units in English."""
    factor, words = UNITS[unit]
    key = lang
    if lang == "en" and imperial and factor:
        value = value * factor
        key = "en_imp"
        if qual == "exact":
            qual = "approx"                 # a converted figure is a rounded one
        value = round_sig(value, 2) if value >= 10 else round(value, 1)
    word = rng.choice(words[key])
    places = 1 if value < 10 and value != int(value) else 0

    def text_of(v, words_ok):
        if places and v != int(v):
            return decimal(v, lang)
        return numeral(int(round(v)), lang, rng, words=False)
    text = qualified(text_of, value, qual, lang, rng, UNIT_GENDER_ES[unit])
    return f"{text} {word}", {"unit": words[key][0], "value": value, "qualifier": qual}


def money(value: float, cur: str, qual: str, lang: str, rng: random.Random) -> str:
    sym = {"EUR": "€", "USD": "$"}[cur]
    name = {"it": {"EUR": "euro", "USD": "dollari"}, "es": {"EUR": "euros", "USD": "dólares"},
            "en": {"EUR": "euros", "USD": "dollars"}, "fr": {"EUR": "euros", "USD": "dollars"},
            "de": {"EUR": "Euro", "USD": "Dollar"}, "pt": {"EUR": "euros", "USD": "dólares"}}[lang][cur]
    v = shown(value, "approx" if qual == "range" else qual)
    if lang == "it":
        if v >= 1e9:
            body = f"{decimal(v / 1e9, lang)} miliardi di {name}"
        elif v >= 1e6:
            body = f"{decimal(v / 1e6, lang)} milioni di {name}"
        else:
            body = f"{int(v // 1000)}mila {name}"
    elif lang == "es":
        if v >= 1e6:
            body = f"{group(int(round(v / 1e6)), 'es') if v >= 1e9 else decimal(v / 1e6, lang)} millones de {name}"
        else:
            body = f"{int(v // 1000)} mil {name}"
    elif lang == "fr":
        of = "d'" if name[0] in "aeiou" else "de "
        if v >= 1e9:
            body = f"{decimal(v / 1e9, lang)} milliard{'s' if v >= 2e9 else ''} {of}{name}"
        elif v >= 1e6:
            body = f"{decimal(v / 1e6, lang)} million{'s' if v >= 2e6 else ''} {of}{name}"
        else:
            body = f"{group(int(v), lang)} {name}"
    elif lang == "de":
        if v >= 1e9:
            body = rng.choice([f"{decimal(v / 1e9, lang)} Milliarden {name}", f"{decimal(v / 1e9, lang)} Mrd. {name}"])
        elif v >= 1e6:
            body = rng.choice([f"{decimal(v / 1e6, lang)} Millionen {name}", f"{decimal(v / 1e6, lang)} Mio. {name}"])
        else:
            body = f"{group(int(v), lang)} {name}"
    elif lang == "pt":
        if v >= 1e9:
            body = f"{decimal(v / 1e9, lang)} mil milhões de {name}"
        elif v >= 1e6:
            body = f"{decimal(v / 1e6, lang)} milh{'ões' if v >= 2e6 else 'ão'} de {name}"
        else:
            body = f"{int(v // 1000)} mil {name}"
    else:
        if v >= 1e9:
            body = rng.choice([f"{sym}{decimal(v / 1e9, lang)}bn", f"{sym}{decimal(v / 1e9, lang)} billion"])
        elif v >= 1e6:
            body = rng.choice([f"{sym}{decimal(v / 1e6, lang)}m", f"{sym}{decimal(v / 1e6, lang)} million",
                               f"{decimal(v / 1e6, lang)} million {name}"])
        else:
            body = f"{sym}{group(int(v), lang)}"
    if qual in ("exact", "range"):
        return body
    word = rng.choice(QUALIFIERS[lang][qual]).replace("{unos}", "unos")
    return f"{word} {body}"


def percent(value: float, lang: str, rng: random.Random, article: bool = False) -> str:
    n = decimal(value, lang) if value != int(value) else str(int(value))
    form = rng.choice({"it": ["{n}%", "{n}%", "{n} per cento"], "en": ["{n}%", "{n} percent", "{n} per cent"],
                       "es": ["{n}%", "{n}%", "{n} por ciento"],
                       "fr": ["{n}\u00a0%", "{n} %", "{n} pour cent"],
                       "de": ["{n} Prozent", "{n} Prozent", "{n} %"],
                       "pt": ["{n}%", "{n}%", "{n} por cento"]}[lang]).format(n=n)
    if not article:
        return form
    if lang == "it":
        return ("l'" if n.startswith("8") or n in ("1", "11") else "il ") + form
    if lang == "es":
        return "el " + form
    return form


# --------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------

MONTHS = {
    "it": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
           "settembre", "ottobre", "novembre", "dicembre"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
    "en_ap": ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.",
              "Nov.", "Dec."],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
           "Oktober", "November", "Dezember"],
    "pt": ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
           "setembro", "outubro", "novembro", "dezembro"],
}
WEEKDAYS = {
    "it": ["lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "es": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "de": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
    "pt": ["segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira",
           "sábado", "domingo"],
}


def _fr_day(d: int) -> str:
    return "1er" if d == 1 else str(d)


def _pt_on(wd: str) -> str:
    """A Portuguese weekday with its preposition: `na sexta-feira`, `no sábado`."""
    return ("na " if wd.endswith("feira") else "no ") + wd


def _pt_last(wd: str) -> str:
    return _pt_on(wd) + (" passada" if wd.endswith("feira") else " passado")


def _it_day(d: int) -> str:
    return "1°" if d == 1 else str(d)


def _it_art(d: int, prep: str = "") -> str:
    """Italian article (or article with preposition) before a day number."""
    vowel = d in (8, 11)
    return {"": "l'" if vowel else "il ", "da": "dall'" if vowel else "dal ",
            "a": "all'" if vowel else "al "}[prep]


def day_text(d: dt.date, lang: str, rng: random.Random) -> str:
    """An absolute day as a complement: `il 3 agosto`, `on Aug. 3`, `el 3 de agosto`."""
    if lang == "it":
        return f"{_it_art(d.day)}{_it_day(d.day)} {MONTHS['it'][d.month - 1]}"
    if lang == "es":
        return f"el {d.day} de {MONTHS['es'][d.month - 1]}"
    if lang == "fr":
        return f"le {_fr_day(d.day)} {MONTHS['fr'][d.month - 1]}"
    if lang == "de":
        return f"am {d.day}. {MONTHS['de'][d.month - 1]}"
    if lang == "pt":
        return rng.choice([f"no dia {d.day} de {MONTHS['pt'][d.month - 1]}", f"em {d.day} de {MONTHS['pt'][d.month - 1]}"])
    months = MONTHS[rng.choice(["en", "en_ap"])]
    return rng.choice([f"on {months[d.month - 1]} {d.day}", f"on {d.day} {MONTHS['en'][d.month - 1]}"])


def range_text(a: dt.date, b: dt.date, lang: str, rng: random.Random) -> str:
    """A date range: `dal 3 al 7 agosto`, `between Aug. 3 and 7`, `del 3 al 7 de agosto`."""
    same = a.month == b.month
    if lang == "it":
        ma, mb = MONTHS["it"][a.month - 1], MONTHS["it"][b.month - 1]
        first = f"{_it_day(a.day)}" if same else f"{_it_day(a.day)} {ma}"
        if rng.random() < 0.5:
            return f"{_it_art(a.day, 'da')}{first} {_it_art(b.day, 'a')}{b.day} {mb}"
        return f"tra {_it_art(a.day)}{first} e {_it_art(b.day)}{b.day} {mb}"
    if lang == "es":
        ma, mb = MONTHS["es"][a.month - 1], MONTHS["es"][b.month - 1]
        first = f"{a.day}" if same else f"{a.day} de {ma}"
        if rng.random() < 0.5:
            return f"del {first} al {b.day} de {mb}"
        return f"entre el {first} y el {b.day} de {mb}"
    if lang == "fr":
        ma, mb = MONTHS["fr"][a.month - 1], MONTHS["fr"][b.month - 1]
        first = _fr_day(a.day) if same else f"{_fr_day(a.day)} {ma}"
        if rng.random() < 0.5:
            return f"du {first} au {b.day} {mb}"
        return f"entre le {first} et le {b.day} {mb}"
    if lang == "de":
        ma, mb = MONTHS["de"][a.month - 1], MONTHS["de"][b.month - 1]
        first = f"{a.day}." if same else f"{a.day}. {ma}"
        if rng.random() < 0.5:
            return f"vom {first} bis {b.day}. {mb}"
        return f"zwischen dem {first} und dem {b.day}. {mb}"
    if lang == "pt":
        ma, mb = MONTHS["pt"][a.month - 1], MONTHS["pt"][b.month - 1]
        first = f"{a.day}" if same else f"{a.day} de {ma}"
        if rng.random() < 0.5:
            return f"de {first} a {b.day} de {mb}"
        return f"entre {first} e {b.day} de {mb}"
    months = MONTHS[rng.choice(["en", "en_ap"])]
    ma, mb = months[a.month - 1], months[b.month - 1]
    second = f"{b.day}" if same else f"{mb} {b.day}"
    return rng.choice([f"from {ma} {a.day} to {second}", f"between {ma} {a.day} and {second}"])


def when_text(event: dt.date, published: dt.date, lang: str, rng: random.Random) -> str:
    """When something happened, as an article published on `published` would say it."""
    delta = (published - event).days
    wd = WEEKDAYS[lang][event.weekday()]
    if delta == 1 and rng.random() < 0.45:
        return {"it": "ieri", "en": "yesterday", "es": "ayer", "fr": "hier", "de": "gestern",
                "pt": "ontem"}[lang]
    if rng.random() < 0.2:
        return day_text(event, lang, rng)
    if delta <= 6:
        if lang == "en" and rng.random() < 0.3:
            return f"on {wd}, {MONTHS['en_ap'][event.month - 1]} {event.day}"
        return {"it": wd, "en": f"on {wd}", "es": f"el {wd}", "fr": wd, "de": f"am {wd}",
                "pt": _pt_on(wd)}[lang]
    if delta <= 13 and rng.random() < 0.2:
        return {"it": "la settimana scorsa", "en": "last week", "es": "la semana pasada",
                "fr": "la semaine dernière", "de": "vergangene Woche", "pt": "na semana passada"}[lang]
    return {"it": f"{wd} scors{'a' if wd == 'domenica' else 'o'}", "en": f"last {wd}",
            "es": f"el {wd} pasado", "fr": f"{wd} dernier", "de": f"am vergangenen {wd}",
            "pt": _pt_last(wd)}[lang]


# --------------------------------------------------------------------------------------------
# Sources
# --------------------------------------------------------------------------------------------

_IT_PREP = {"da": {"il ": "dal ", "lo ": "dallo ", "la ": "dalla ", "l'": "dall'", "i ": "dai ",
                   "gli ": "dagli ", "le ": "dalle ", "": "da "}}


@dataclass
class Source:
    role: str
    kind: str                       # person, agency, anonymous
    forms: dict                     # lang -> (article, full name, short name, plural)

    def text(self, lang: str, first: bool, prep: str = "") -> str:
        art, full, short, _ = self.forms[lang]
        if isinstance(art, tuple):          # (article of the full name, of the short name)
            art = art[0] if first else art[1]
        name = full if first else short
        if lang == "it" and prep:
            return _IT_PREP[prep][art] + name
        return art + name

    def plural(self, lang: str) -> bool:
        return self.forms[lang][3]


def make_sources(s: "Story", names: Names) -> dict[str, Source]:
    """The named sources of a story, in three languages."""
    R, T = s.region, s.town
    mayor, msur, mg = s.people["mayor"]
    gov, gsur, gg = s.people["governor"]
    sindaco = "sindaca" if mg == "f" else "sindaco"
    alcalde = "alcaldesa" if mg == "f" else "alcalde"
    pres_it = "presidente"
    pres_es = "presidenta" if gg == "f" else "presidente"
    src = {
        "civil": Source("civil", "agency", {
            "it": ("la ", f"Protezione civile di {R}", "Protezione civile", False),
            "en": ("the ", f"{R} civil protection agency", "civil protection agency", False),
            "es": ("", f"Protección Civil de {R}", "Protección Civil", False)}),
        "mayor": Source("mayor", "person", {
            "it": (("la " if mg == "f" else "il ", ""), f"{sindaco} di {T}, {mayor}", msur, False),
            "en": ("", f"{T} Mayor {mayor}", msur, False),
            "es": (("la " if mg == "f" else "el ", ""), f"{alcalde} de {T}, {mayor}", msur, False)}),
        "governor": Source("governor", "person", {
            "it": (("la " if gg == "f" else "il ", ""), f"{pres_it} della regione, {gov}", gsur, False),
            "en": ("", f"regional governor {gov}", gsur, False),
            "es": (("la " if gg == "f" else "el ", ""), f"{pres_es} regional, {gov}", gsur, False)}),
        "prefecture": Source("prefecture", "agency", {
            "it": ("la ", f"prefettura di {T}", "prefettura", False),
            "en": ("the ", f"{T} prefecture", "prefecture", False),
            "es": ("la ", f"Prefectura de {T}", "Prefectura", False)}),
        "hospital": Source("hospital", "agency", {
            "it": ("l'", f"ospedale di {T}", "ospedale", False),
            "en": (("", "the "), f"{T} General Hospital", "hospital", False),
            "es": ("el ", f"hospital de {T}", "hospital", False)}),
        "anon": Source("anon", "anonymous", {
            "it": ("", "fonti locali", "fonti locali", True),
            "en": ("", "local officials", "officials", True),
            "es": ("", "fuentes locales", "fuentes locales", True)}),
    }
    topic = s.topic
    if topic == "wildfire":
        src["forest"] = Source("forest", "agency", {
            "it": ("il ", f"Corpo forestale di {R}", "Corpo forestale", False),
            "en": ("the ", f"{R} Forest Service", "Forest Service", False),
            "es": ("el ", f"Cuerpo Forestal de {R}", "Cuerpo Forestal", False)})
    if topic in ("flood", "spill"):
        src["env"] = Source("env", "agency", {
            "it": ("l'", f"Agenzia per l'ambiente di {R}", "Agenzia per l'ambiente", False),
            "en": ("the ", f"{R} Environment Agency", "Environment Agency", False),
            "es": ("la ", f"Agencia de Medio Ambiente de {R}", "Agencia de Medio Ambiente", False)})
    if topic == "strike":
        u = s.extra["union"]
        lead, lsur, lg = s.people["leader"]
        src["union"] = Source("union", "agency", {
            "it": ("il ", f"sindacato {u}", u, False),
            "en": ("the ", f"{u} union", u, False),
            "es": ("el ", f"sindicato {u}", u, False)})
        src["port"] = Source("port", "agency", {
            "it": ("l'", f"Autorità portuale di {T}", "Autorità portuale", False),
            "en": ("the ", f"{T} Port Authority", "Port Authority", False),
            "es": ("la ", f"Autoridad Portuaria de {T}", "Autoridad Portuaria", False)})
        src["leader"] = Source("leader", "person", {
            "it": (("la " if lg == "f" else "il ", ""), f"segretari{'a' if lg == 'f' else 'o'} del {u}, {lead}", lsur, False),
            "en": ("", f"{u} leader {lead}", lsur, False),
            "es": (("la " if lg == "f" else "el ", ""), f"secretari{'a' if lg == 'f' else 'o'} general del {u}, {lead}", lsur, False)})
    if topic == "spill":
        c = s.extra["company"]
        src["company"] = Source("company", "agency", {
            "it": ("la ", c, c, False), "en": ("", c, c, False), "es": ("la empresa ", c, c, False)})
    if topic == "election":
        c1 = s.extra["cand1"]
        src["campaign"] = Source("campaign", "agency", {
            "it": ("lo ", f"staff di {c1}", f"staff di {c1}", False),
            "en": ("", f"{c1}'s campaign", f"{c1}'s campaign", False),
            "es": ("el ", f"equipo de campaña de {c1}", f"equipo de campaña de {c1}", False)})
        src["commission"] = Source("commission", "agency", {
            "it": ("la ", f"Commissione elettorale di {R}", "Commissione elettorale", False),
            "en": ("the ", f"{R} Electoral Commission", "Electoral Commission", False),
            "es": ("la ", f"Comisión Electoral de {R}", "Comisión Electoral", False)})
    for key, source in src.items():
        source.forms.update(_more_forms(key, s))
    return src


def _more_forms(role: str, s: "Story") -> dict:
    """A source's forms in French, German and Portuguese."""
    R, T = s.region, s.town
    u, c1 = s.extra["union"], s.extra["cand1"]

    def person(key):
        name, sur, g = s.people[key]
        return name, sur, g == "f"
    if role == "mayor":
        name, sur, f = person("mayor")
        return {"fr": (("la " if f else "le ", ""), f"maire de {T}, {name}", sur, False),
                "de": ("", f"{T}s Bürgermeister{'in' if f else ''} {name}", sur, False),
                "pt": (("a " if f else "o ", ""), f"president{'a' if f else 'e'} da câmara de {T}, {name}", sur, False)}
    if role == "governor":
        name, sur, f = person("governor")
        return {"fr": (("la " if f else "le ", ""), f"président{'e' if f else ''} de la région, {name}", sur, False),
                "de": ("", f"Regionalpräsident{'in' if f else ''} {name}", sur, False),
                "pt": (("a " if f else "o ", ""), f"president{'a' if f else 'e'} da região, {name}", sur, False)}
    if role == "leader":
        name, sur, f = person("leader")
        return {"fr": (("la " if f else "le ", ""), f"secrétaire général{'e' if f else ''} du {u}, {name}", sur, False),
                "de": ("", f"{u}-Chef{'in' if f else ''} {name}", sur, False),
                "pt": (("a " if f else "o ", ""), f"secretári{'a' if f else 'o'}-geral do {u}, {name}", sur, False)}
    forms = {
        "civil": {"fr": ("la ", f"Sécurité civile de {R}", "Sécurité civile", False),
                  "de": ("der ", f"Zivilschutz von {R}", "Zivilschutz", False),
                  "pt": ("a ", f"Proteção Civil de {R}", "Proteção Civil", False)},
        "prefecture": {"fr": ("la ", f"préfecture de {T}", "préfecture", False),
                       "de": ("die ", f"Präfektur von {T}", "Präfektur", False),
                       "pt": ("o ", f"governo civil de {T}", "governo civil", False)},
        "hospital": {"fr": ("l'", f"hôpital de {T}", "hôpital", False),
                     "de": ("das ", f"Krankenhaus von {T}", "Krankenhaus", False),
                     "pt": ("o ", f"hospital de {T}", "hospital", False)},
        "anon": {"fr": ("", "des sources locales", "des sources locales", True),
                 "de": ("", "örtliche Behörden", "örtliche Behörden", True),
                 "pt": ("", "fontes locais", "fontes locais", True)},
        "forest": {"fr": ("le ", f"Service forestier de {R}", "Service forestier", False),
                   "de": ("die ", f"Forstbehörde von {R}", "Forstbehörde", False),
                   "pt": ("o ", f"Serviço Florestal de {R}", "Serviço Florestal", False)},
        "env": {"fr": ("l'", f"Agence de l'environnement de {R}", "Agence de l'environnement", False),
                "de": ("die ", f"Umweltbehörde von {R}", "Umweltbehörde", False),
                "pt": ("a ", f"Agência do Ambiente de {R}", "Agência do Ambiente", False)},
        "union": {"fr": ("le ", f"syndicat {u}", u, False), "de": ("die ", f"Gewerkschaft {u}", u, False),
                  "pt": ("o ", f"sindicato {u}", u, False)},
        "port": {"fr": ("l'", f"Autorité portuaire de {T}", "Autorité portuaire", False),
                 "de": ("die ", f"Hafenbehörde von {T}", "Hafenbehörde", False),
                 "pt": ("a ", f"Autoridade Portuária de {T}", "Autoridade Portuária", False)},
        "company": {"fr": ("", s.extra["company"], s.extra["company"], False),
                    "de": ("", s.extra["company"], s.extra["company"], False),
                    "pt": ("a empresa ", s.extra["company"], s.extra["company"], False)},
        "campaign": {"fr": ("l'", f"équipe de campagne de {c1}", f"équipe de campagne de {c1}", False),
                     "de": ("das ", f"Wahlkampfteam von {c1}", f"Wahlkampfteam von {c1}", False),
                     "pt": ("a ", f"equipa de campanha de {c1}", f"equipa de campanha de {c1}", False)},
        "commission": {"fr": ("la ", f"Commission électorale de {R}", "Commission électorale", False),
                       "de": ("die ", f"Wahlkommission von {R}", "Wahlkommission", False),
                       "pt": ("a ", f"Comissão Eleitoral de {R}", "Comissão Eleitoral", False)},
    }
    return forms[role]


# Attribution frames: {body} is an independent clause, {src} the source, {v} a verb form,
# {spoke} when the source spoke. `pl` variants for plural sources.
ATTRIBUTION = {
    "it": [
        ("Secondo {src}, {body}.", {}),
        ("{body}, secondo quanto riferito {src_da}.", {}),
        ("{body}, ha reso noto {src}.", {"pl": "{body}, hanno reso noto {src}."}),
        ("{src} ha reso noto {spoke} che {body}.", {"pl": "{src} hanno reso noto {spoke} che {body}."}),
        ("{body}, ha dichiarato {src}.", {"pl": "{body}, hanno dichiarato {src}."}),
        ("{src} ha comunicato che {body}.", {"pl": "{src} hanno comunicato che {body}."}),
        ("{body}, ha fatto sapere {src}.", {"pl": "{body}, hanno fatto sapere {src}."}),
    ],
    "en": [
        ("{body}, {src} said.", {}),
        ("{body}, according to {src}.", {}),
        ("According to {src}, {body}.", {}),
        ("{src} said {spoke} that {body}.", {}),
        ("{body}, {src} told reporters.", {}),
        ("{body}, {src} said in a statement.", {}),
    ],
    "es": [
        ("{body}, según {src}.", {}),
        ("Según {src}, {body}.", {}),
        ("{body}, informó {src}.", {"pl": "{body}, informaron {src}."}),
        ("{src} informó {spoke} de que {body}.", {"pl": "{src} informaron {spoke} de que {body}."}),
        ("{body}, de acuerdo con {src}.", {}),
        ("{src} afirmó que {body}.", {"pl": "{src} afirmaron que {body}."}),
    ],
    "fr": [
        ("Selon {src}, {body}.", {}),
        ("{body}, selon {src}.", {}),
        ("{body}, a indiqué {src}.", {"pl": "{body}, ont indiqué {src}."}),
        ("{src} a annoncé {spoke} que {body}.", {"pl": "{src} ont annoncé {spoke} que {body}."}),
        ("{body}, a déclaré {src}.", {"pl": "{body}, ont déclaré {src}."}),
        ("D'après {src}, {body}.", {}),
        ("{body}, a précisé {src}.", {"pl": "{body}, ont précisé {src}."}),
    ],
    "de": [
        ("{body}, sagte {src}.", {"pl": "{body}, sagten {src}."}),
        ("{body}, teilte {src} mit.", {"pl": "{body}, teilten {src} mit."}),
        ("{body}, so {src}.", {}),
        ("{body}, erklärte {src} {spoke}.", {"pl": "{body}, erklärten {src} {spoke}."}),
        ("{body}, berichtete {src}.", {"pl": "{body}, berichteten {src}."}),
        ("{body}, wie {src} mitteilte.", {"pl": "{body}, wie {src} mitteilten."}),
    ],
    "pt": [
        ("Segundo {src}, {body}.", {}),
        ("{body}, segundo {src}.", {}),
        ("{body}, disse {src}.", {"pl": "{body}, disseram {src}."}),
        ("{src} informou {spoke} que {body}.", {"pl": "{src} informaram {spoke} que {body}."}),
        ("{body}, de acordo com {src}.", {}),
        ("{body}, afirmou {src}.", {"pl": "{body}, afirmaram {src}."}),
    ],
}


def cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def attribute(body: str, source: Source | None, lang: str, first: bool, spoke: str,
              rng: random.Random) -> str:
    if source is None:
        return cap(body) + "."
    frame, variants = rng.choice(ATTRIBUTION[lang])
    if source.plural(lang) and "pl" in variants:
        frame = variants["pl"]
    src = source.text(lang, first)
    if frame.startswith("{src} ") and ", " in src:
        src += ","                          # "il sindaco di X, Y, ha detto"
    text = frame.format(body=body, src=src, spoke=spoke,
                        src_da=source.text(lang, first, "da") if lang == "it" else "")
    text = re.sub(r"\s+", " ", text).replace(" .", ".").replace(" ,", ",")
    return cap(text)


# --------------------------------------------------------------------------------------------
# Topics: facts, templates and filler sentences
# --------------------------------------------------------------------------------------------
# A fact template is a clause with slots: {n} the figure (with qualifier, and unit for
# measures), {p1}/{p2} shares, {dates} a date range, and the story's names ({town}, {region},
# {village}, {river}, {hill}, {port}, {cand1}, {cand2}, {company}, {union}). Templates start
# in lower case unless they start with a name or a figure: the frame capitalises them.
# Spanish templates carry the gender of the counted noun (for unos/unas).


@dataclass
class Fact:
    key: str
    kind: str                 # count, measure, money, share, dated
    lo: float
    hi: float
    roles: list[str]          # possible sources, the usual one first
    tpl: dict                 # lang -> [(template, gender)]
    unit: str | None = None
    running: bool = False
    quals: tuple = ("exact", "approx", "more_than", "at_least", "at_most", "range")
    upd: dict = field(default_factory=dict)   # templates for an update


COMMON = {
    "deaths": Fact("deaths", "count", 2, 14, ["civil", "prefecture", "hospital", "mayor"], {
        "it": [("{n} persone sono morte", "f"), ("il bilancio provvisorio è di {n} morti", "m"),
               ("le vittime sono {n}", "f")],
        "en": [("{n} people have died", "m"), ("{n} people have been confirmed dead", "m"),
               ("{n} people were killed", "m")],
        "es": [("{n} personas han muerto", "f"), ("el balance provisional es de {n} muertos", "m"),
               ("{n} personas fallecieron", "f")]},
        running=True, quals=("exact", "exact", "at_least"),
        upd={"it": [("il bilancio delle vittime è salito a {n}", "m")],
             "en": [("the death toll rose to {n}", "m")],
             "es": [("el número de muertos ascendió a {n}", "m")]}),
    "injured": Fact("injured", "count", 6, 120, ["civil", "hospital", "prefecture"], {
        "it": [("i feriti sono {n}", "m"), ("{n} persone sono rimaste ferite", "f")],
        "en": [("{n} people have been injured", "m"), ("{n} people were treated for injuries", "m")],
        "es": [("{n} personas resultaron heridas", "f"), ("los heridos son {n}", "m")]},
        running=True, quals=("exact", "exact", "more_than", "at_least")),
    "evacuated": Fact("evacuated", "count", 800, 24000, ["civil", "mayor", "prefecture", "governor"], {
        "it": [("{n} persone sono state evacuate", "f"), ("sono stati evacuati {n} residenti di {village}", "m"),
               ("{n} abitanti hanno dovuto lasciare le loro case", "m")],
        "en": [("{n} people have been evacuated", "m"), ("{n} residents of {village} were ordered to leave their homes", "m"),
               ("{n} people have been displaced", "m")],
        "es": [("{n} personas han sido evacuadas", "f"), ("{n} vecinos de {village} fueron desalojados", "m"),
               ("{n} personas han tenido que abandonar sus casas", "f")]},
        running=True),
    "damage": Fact("damage", "money", 5e6, 4e9, ["governor", "prefecture", "mayor"], {
        "it": [("i danni ammontano a {n}", "m"), ("i danni sono stimati in {n}", "m"),
               ("la prima stima dei danni è di {n}", "m")],
        "en": [("the damage is put at {n}", "m"), ("losses could reach {n}", "m"),
               ("a first estimate puts the damage at {n}", "m")],
        "es": [("los daños ascienden a {n}", "m"), ("las pérdidas se estiman en {n}", "m")]},
        quals=("exact", "approx", "more_than", "at_least")),
}

TOPICS = {
    "wildfire": {
        "intro": {
            "it": ["Un incendio è divampato {when} sulle colline sopra {town}, in {region}.",
                   "Le fiamme sono scoppiate {when} nei boschi del monte {hill}, a nord di {town}."],
            "en": ["A wildfire broke out {when} in the hills above {town}, in the {region} region.",
                   "Flames erupted {when} in the forests of Mount {hill}, north of {town}."],
            "es": ["Un incendio forestal se declaró {when} en las colinas que rodean {town}, en la región de {region}.",
                   "Las llamas comenzaron {when} en los bosques del monte {hill}, al norte de {town}."]},
        "title": {"it": "Incendio a {town}, bruciati {n}", "en": "{town} wildfire burns {n}",
                  "es": "El incendio de {town} arrasa {n}"},
        "lead": "area",
        "facts": [
            Fact("area", "measure", 400, 30000, ["forest", "civil", "governor"], {
                "it": [("le fiamme hanno bruciato {n} di bosco e macchia", "m"), ("il rogo ha già distrutto {n} di vegetazione", "m")],
                "en": [("the fire has burned {n} of forest and scrubland", "m"), ("the blaze has scorched {n}", "m")],
                "es": [("el fuego ha calcinado {n} de monte", "m"), ("las llamas han arrasado {n}", "m")]},
                unit="ha", quals=("exact", "approx", "more_than", "approx")),
            Fact("front", "measure", 5, 45, ["forest", "civil"], {
                "it": [("il fronte del fuoco si estende per {n}", "m")],
                "en": [("the fire front stretches for {n}", "m")],
                "es": [("el frente de las llamas se extiende a lo largo de {n}", "m")]},
                unit="km", quals=("exact", "approx")),
            Fact("firefighters", "count", 120, 1600, ["forest", "civil", "prefecture"], {
                "it": [("{n} vigili del fuoco sono al lavoro", "m"), ("sul posto operano {n} vigili del fuoco", "m")],
                "en": [("{n} firefighters are battling the blaze", "m"), ("{n} firefighters have been deployed", "m")],
                "es": [("{n} bomberos trabajan en la zona", "m"), ("{n} bomberos combaten las llamas", "m")]}),
            Fact("aircraft", "count", 3, 14, ["forest", "civil"], {
                "it": [("{n} Canadair si alternano sulle fiamme", "m"), ("sono intervenuti {n} elicotteri e Canadair", "m")],
                "en": [("{n} water-bombing aircraft are in action", "m"), ("{n} helicopters and planes are dropping water", "m")],
                "es": [("{n} hidroaviones participan en las tareas de extinción", "m"), ("{n} aeronaves lanzan agua sobre el fuego", "f")]},
                quals=("exact",)),
            Fact("drops", "dated", 60, 900, ["forest", "civil"], {
                "it": [("i mezzi aerei hanno effettuato {n} lanci d'acqua {dates}", "m")],
                "en": [("aircraft made {n} water drops {dates}", "m")],
                "es": [("los medios aéreos realizaron {n} descargas de agua {dates}", "f")]},
                quals=("exact", "more_than")),
            Fact("share", "share", 0, 0, ["forest", "civil"], {
                "it": [("{p1a} della superficie bruciata era pineta e {p2a} terreni agricoli", "m")],
                "en": [("{p1} of the burned land was pine forest and {p2} was farmland", "m")],
                "es": [("{p1a} de la superficie quemada era pinar y {p2a}, tierras de cultivo", "m")]}),
            COMMON["evacuated"], COMMON["deaths"], COMMON["injured"], COMMON["damage"],
        ],
        "filler": {
            "it": ["Il vento forte ha reso difficile il lavoro delle squadre a terra.",
                   "«Abbiamo visto il fumo scendere dalla collina in pochi minuti», ha raccontato un residente di {village}.",
                   "La strada provinciale tra {town} e {village} è rimasta chiusa per tutta la notte.",
                   "Le cause dell'incendio sono ancora da accertare e la procura ha aperto un fascicolo.",
                   "Gli sfollati sono stati accolti nella palestra comunale e in alcuni alberghi della costa."],
            "en": ["Strong winds hampered the ground crews through the night.",
                   "\"We saw the smoke come down the hill in a matter of minutes,\" a resident of {village} said.",
                   "The main road between {town} and {village} remained closed overnight.",
                   "The cause of the fire is under investigation.",
                   "Evacuees were housed in the town's sports hall and in hotels along the coast."],
            "es": ["El fuerte viento complicó el trabajo de los equipos de tierra durante la noche.",
                   "«Vimos bajar el humo por la colina en pocos minutos», contó una vecina de {village}.",
                   "La carretera entre {town} y {village} permaneció cortada toda la noche.",
                   "Las causas del incendio todavía se investigan.",
                   "Los evacuados fueron alojados en el polideportivo municipal y en hoteles de la costa."]},
    },
    "flood": {
        "intro": {
            "it": ["Il fiume {river} è esondato {when} a {town}, in {region}, dopo giorni di piogge intense.",
                   "Un'alluvione ha colpito {when} la valle del {river}, tra {town} e {village}."],
            "en": ["The {river} river burst its banks {when} in {town}, in the {region} region, after days of heavy rain.",
                   "Floods swept through the {river} valley between {town} and {village} {when}."],
            "es": ["El río {river} se desbordó {when} a su paso por {town}, en la región de {region}, tras varios días de lluvias intensas.",
                   "Una riada arrasó {when} el valle del {river}, entre {town} y {village}."]},
        "title": {"it": "Alluvione a {town}, {n} evacuati", "en": "{town} floods force {n} from their homes",
                  "es": "Inundaciones en {town}: {n} evacuados"},
        "lead": "evacuated",
        "facts": [
            Fact("rain", "dated", 90, 450, ["env", "civil"], {
                "it": [("sono caduti {n} di pioggia {dates}", "m")],
                "en": [("{n} of rain fell {dates}", "m")],
                "es": [("cayeron {n} {dates}", "m")]},
                unit="mm", quals=("exact", "more_than", "approx")),
            Fact("level", "measure", 2.5, 9.5, ["env", "civil"], {
                "it": [("il livello del {river} è salito di {n}", "m"), ("il {river} ha superato di {n} il livello di guardia", "m")],
                "en": [("the {river} rose by {n}", "m"), ("the {river} rose {n} above its alert level", "m")],
                "es": [("el nivel del {river} subió {n}", "m"), ("el {river} superó en {n} su nivel de alerta", "m")]},
                unit="m", quals=("exact", "approx", "more_than")),
            Fact("homes", "count", 150, 4000, ["mayor", "prefecture", "civil"], {
                "it": [("{n} abitazioni sono state allagate", "f"), ("l'acqua ha invaso {n} case", "f")],
                "en": [("{n} homes have been flooded", "m"), ("water has entered {n} houses", "m")],
                "es": [("{n} viviendas han quedado inundadas", "f"), ("el agua ha entrado en {n} casas", "f")]}),
            Fact("roads", "measure", 20, 300, ["civil", "prefecture"], {
                "it": [("sono chiusi {n} di strade", "m")],
                "en": [("{n} of roads are closed", "m")],
                "es": [("permanecen cortados {n} de carreteras", "m")]},
                unit="km", quals=("exact", "approx", "more_than")),
            Fact("share", "share", 0, 0, ["civil", "mayor"], {
                "it": [("{p1a} delle case danneggiate si trova a {town} e {p2a} a {village}", "m")],
                "en": [("{p1} of the damaged homes are in {town} and {p2} in {village}", "m")],
                "es": [("{p1a} de las viviendas dañadas está en {town} y {p2a}, en {village}", "m")]}),
            Fact("missing", "count", 2, 15, ["civil", "prefecture"], {
                "it": [("i dispersi sono {n}", "m"), ("mancano ancora all'appello {n} persone", "f")],
                "en": [("{n} people are still missing", "m")],
                "es": [("hay {n} desaparecidos", "m"), ("{n} personas siguen desaparecidas", "f")]},
                running=True, quals=("exact",)),
            COMMON["evacuated"], COMMON["deaths"], COMMON["damage"],
        ],
        "filler": {
            "it": ["Le scuole di {town} resteranno chiuse fino a nuovo avviso.",
                   "«L'acqua è entrata in casa nel giro di mezz'ora», ha raccontato un commerciante di {village}.",
                   "I soccorritori hanno usato gommoni per raggiungere le frazioni isolate.",
                   "Il governo ha annunciato la richiesta dello stato di emergenza."],
            "en": ["Schools in {town} will stay closed until further notice.",
                   "\"The water came into the house within half an hour,\" a shopkeeper in {village} said.",
                   "Rescuers used rubber boats to reach cut-off villages.",
                   "The government said it would declare a state of emergency."],
            "es": ["Los colegios de {town} permanecerán cerrados hasta nuevo aviso.",
                   "«El agua entró en casa en media hora», relató un comerciante de {village}.",
                   "Los equipos de rescate usaron lanchas neumáticas para llegar a las aldeas aisladas.",
                   "El Gobierno anunció que declarará el estado de emergencia."]},
    },
    "strike": {
        "intro": {
            "it": ["È iniziato {when} lo sciopero dei lavoratori del porto di {town}, in {region}.",
                   "I portuali di {town} hanno incrociato le braccia {when}, bloccando il terminal container."],
            "en": ["Dock workers at the port of {town}, in the {region} region, walked out {when}.",
                   "A strike at {town}'s port began {when}, halting the container terminal."],
            "es": ["Los estibadores del puerto de {town}, en la región de {region}, iniciaron {when} una huelga.",
                   "La huelga en el puerto de {town} comenzó {when} y paralizó la terminal de contenedores."]},
        "title": {"it": "Sciopero al porto di {town}, {n} lavoratori fermi", "en": "{n} dock workers strike at {town} port",
                  "es": "Huelga en el puerto de {town}: {n} trabajadores"},
        "lead": "workers",
        "facts": [
            Fact("workers", "dated", 600, 14000, ["union", "leader", "port"], {
                "it": [("{n} lavoratori incroceranno le braccia {dates}", "m"), ("lo sciopero coinvolge {n} portuali e durerà {dates}", "m")],
                "en": [("{n} workers are on strike {dates}", "m"), ("the walkout involves {n} dock workers and runs {dates}", "m")],
                "es": [("{n} trabajadores están llamados a la huelga {dates}", "m"), ("la huelga afecta a {n} estibadores y se prolongará {dates}", "m")]}),
            Fact("ships", "count", 12, 140, ["port", "anon"], {
                "it": [("{n} navi sono in attesa in rada", "f"), ("in rada aspettano {n} navi", "f")],
                "en": [("{n} ships are waiting offshore", "m"), ("{n} vessels are anchored outside the port", "m")],
                "es": [("{n} buques esperan frente al puerto", "m")]},
                running=True),
            Fact("containers", "count", 4000, 90000, ["port"], {
                "it": [("sono bloccati {n} container", "m"), ("{n} container restano fermi sulle banchine", "m")],
                "en": [("{n} containers are stuck on the quays", "m")],
                "es": [("{n} contenedores siguen bloqueados en los muelles", "m")]},
                running=True),
            Fact("losses", "money", 2e6, 60e6, ["port", "governor"], {
                "it": [("le perdite sono di {n} al giorno", "f")],
                "en": [("losses are running at {n} a day", "m")],
                "es": [("las pérdidas son de {n} al día", "f")]},
                quals=("exact", "approx", "more_than")),
            Fact("raise", "pct", 3, 15, ["union", "leader"], {
                "it": [("il sindacato chiede un aumento {p_del}", "m")],
                "en": [("the union is demanding a {p} pay rise", "m")],
                "es": [("el sindicato reclama una subida salarial del {p}", "m")]}),
            Fact("share", "share", 0, 0, ["union", "leader"], {
                "it": [("{p1a} degli iscritti ha votato a favore dello sciopero e {p2a} contro", "m")],
                "en": [("{p1} of members voted for the strike and {p2} against", "m")],
                "es": [("{p1a} de los afiliados votó a favor de la huelga y {p2a}, en contra", "m")]}),
        ],
        "filler": {
            "it": ["La trattativa con le imprese terminaliste è ferma da mesi.",
                   "«Non chiediamo privilegi, chiediamo sicurezza», ha detto un gruista davanti ai cancelli.",
                   "Gli autotrasportatori lamentano code di chilometri all'ingresso del porto.",
                   "Il ministero dei Trasporti ha convocato le parti per la prossima settimana."],
            "en": ["Talks with the terminal operators have been stalled for months.",
                   "\"We are not asking for privileges, we are asking for safety,\" a crane operator said outside the gates.",
                   "Hauliers complained of long queues of trucks at the port entrance.",
                   "The transport ministry has called both sides to talks next week."],
            "es": ["Las negociaciones con las empresas estibadoras llevan meses bloqueadas.",
                   "«No pedimos privilegios, pedimos seguridad», dijo un gruista ante las puertas del puerto.",
                   "Los transportistas denuncian largas colas de camiones en el acceso al puerto.",
                   "El Ministerio de Transportes ha convocado a las partes la próxima semana."]},
    },
    "spill": {
        "intro": {
            "it": ["Una fuga di sostanze chimiche dallo stabilimento della {company} ha inquinato {when} il fiume {river}, vicino a {town}.",
                   "Un serbatoio della {company} si è rotto {when} alle porte di {town}, in {region}, riversando solventi nel {river}."],
            "en": ["A chemical leak from a {company} plant polluted the {river} river near {town} {when}.",
                   "A storage tank at a {company} site outside {town}, in the {region} region, ruptured {when}, spilling solvents into the {river}."],
            "es": ["Un vertido químico de una planta de {company} contaminó {when} el río {river}, cerca de {town}.",
                   "Un depósito de {company} a las afueras de {town}, en la región de {region}, se rompió {when} y vertió disolventes al río {river}."]},
        "title": {"it": "Sversamento chimico nel {river}: {n} di fiume inquinati", "en": "Chemical spill pollutes {n} of the {river}",
                  "es": "Un vertido químico contamina {n} del río {river}"},
        "lead": "river_km",
        "facts": [
            Fact("tonnes", "measure", 8, 600, ["env", "company"], {
                "it": [("si sono riversate nel fiume {n} di solventi", "f"), ("sono fuoriuscite {n} di sostanze chimiche", "f")],
                "en": [("{n} of solvents leaked into the river", "m"), ("{n} of chemicals escaped", "m")],
                "es": [("se vertieron al río {n} de disolventes", "f"), ("se derramaron {n} de productos químicos", "f")]},
                unit="t", quals=("exact", "approx", "more_than", "at_most")),
            Fact("river_km", "measure", 6, 80, ["env", "civil"], {
                "it": [("la macchia si estende per {n} lungo il fiume", "m"), ("l'inquinamento interessa {n} di fiume", "m")],
                "en": [("the slick stretches for {n} along the river", "m"), ("pollution has reached {n} of the river", "m")],
                "es": [("la mancha se extiende a lo largo de {n} del río", "m")]},
                unit="km", quals=("exact", "approx", "more_than")),
            Fact("hospitalised", "count", 4, 90, ["hospital", "civil"], {
                "it": [("{n} persone sono state ricoverate per intossicazione", "f")],
                "en": [("{n} people have been taken to hospital with breathing problems", "m")],
                "es": [("{n} personas fueron hospitalizadas por intoxicación", "f")]},
                running=True, quals=("exact", "at_least", "more_than")),
            Fact("fishban", "dated", 10, 90, ["env", "governor"], {
                "it": [("la pesca è vietata su {n} di costa {dates}", "m")],
                "en": [("fishing is banned along {n} of coast {dates}", "m")],
                "es": [("la pesca está prohibida en {n} de costa {dates}", "m")]},
                unit="km", quals=("exact",)),
            Fact("fine", "money", 1e6, 40e6, ["env", "governor"], {
                "it": [("la {company} rischia una multa fino a {n}", "f")],
                "en": [("{company} faces a fine of up to {n}", "m")],
                "es": [("{company} se enfrenta a una multa de hasta {n}", "f")]},
                quals=("exact",)),
            Fact("share", "share", 0, 0, ["env"], {
                "it": [("{p1a} dei campioni d'acqua supera i limiti di legge e {p2a} è nella norma", "m")],
                "en": [("{p1} of water samples exceed legal limits and {p2} are within them", "m")],
                "es": [("{p1a} de las muestras de agua supera los límites legales y {p2a} está dentro de la norma", "m")]}),
            COMMON["evacuated"],
        ],
        "filler": {
            "it": ["L'acqua del rubinetto non è potabile fino a nuovo ordine.",
                   "I pescatori della foce hanno sospeso l'attività.",
                   "«Sentivamo un odore acre da giorni», ha detto una residente di {village}.",
                   "La procura ha sequestrato l'impianto."],
            "en": ["Tap water is not safe to drink until further notice.",
                   "Fishermen at the river mouth have stopped work.",
                   "\"We had smelled something acrid for days,\" a resident of {village} said.",
                   "Prosecutors have seized the plant."],
            "es": ["El agua del grifo no es apta para el consumo hasta nueva orden.",
                   "Los pescadores de la desembocadura han suspendido su actividad.",
                   "«Olía a algo ácido desde hacía días», dijo una vecina de {village}.",
                   "La fiscalía ha precintado la planta."]},
    },
    "election": {
        "intro": {
            "it": ["Lo spoglio delle elezioni regionali in {region} si è concluso {when}.",
                   "Gli elettori di {region} hanno scelto il nuovo presidente: i risultati definitivi sono arrivati {when}."],
            "en": ["Counting in the {region} regional election ended {when}.",
                   "Final results in the {region} regional election came in {when}."],
            "es": ["El escrutinio de las elecciones regionales de {region} terminó {when}.",
                   "Los resultados definitivos de las elecciones en {region} se conocieron {when}."]},
        "title": {"it": "Elezioni in {region}, vince {cand1}", "en": "{cand1} wins {region} election",
                  "es": "{cand1} gana las elecciones en {region}"},
        "lead": "votes",
        "facts": [
            Fact("votes", "count", 40000, 2400000, ["commission"], {
                "it": [("{cand1} ha ottenuto {n} voti", "m"), ("per {cand1} hanno votato {n} elettori", "m")],
                "en": [("{cand1} won {n} votes", "m"), ("{n} people voted for {cand1}", "m")],
                "es": [("{cand1} obtuvo {n} votos", "m"), ("{n} electores votaron por {cand1}", "m")]},
                quals=("exact", "exact", "approx", "more_than")),
            Fact("turnout", "pct", 38, 78, ["commission"], {
                "it": [("l'affluenza è stata {p_del}", "f")],
                "en": [("turnout was {p}", "m")],
                "es": [("la participación fue del {p}", "f")]}),
            Fact("voters", "dated", 100000, 4000000, ["commission"], {
                "it": [("{n} elettori si sono recati alle urne {dates}", "m")],
                "en": [("{n} voters cast their ballots {dates}", "m")],
                "es": [("{n} electores acudieron a las urnas {dates}", "m")]},
                quals=("exact", "approx", "more_than")),
            Fact("seats", "count", 12, 40, ["commission"], {
                "it": [("la coalizione di {cand1} avrà {n} seggi nel consiglio regionale", "m")],
                "en": [("{cand1}'s coalition will hold {n} seats in the regional assembly", "m")],
                "es": [("la coalición de {cand1} tendrá {n} escaños en la asamblea regional", "m")]},
                quals=("exact",)),
            Fact("share", "share", 0, 0, ["commission"], {
                "it": [("{cand1} ha raccolto {p1a} dei voti e {cand2} {p2a}", "m")],
                "en": [("{cand1} took {p1} of the vote and {cand2} {p2}", "m")],
                "es": [("{cand1} logró {p1a} de los votos y {cand2}, {p2a}", "m")]}),
        ],
        "filler": {
            "it": ["{cand2} ha riconosciuto la sconfitta in serata.",
                   "Nella sede del comitato di {cand1} a {town} si è festeggiato fino a tarda notte.",
                   "Gli osservatori non hanno segnalato irregolarità di rilievo.",
                   "Il nuovo consiglio regionale si insedierà entro un mese."],
            "en": ["{cand2} conceded defeat in the evening.",
                   "Supporters celebrated late into the night at {cand1}'s headquarters in {town}.",
                   "Observers reported no significant irregularities.",
                   "The new regional assembly will be sworn in within a month."],
            "es": ["{cand2} reconoció la derrota por la noche.",
                   "Los simpatizantes de {cand1} celebraron hasta la madrugada en su sede de {town}.",
                   "Los observadores no detectaron irregularidades relevantes.",
                   "La nueva asamblea regional tomará posesión en el plazo de un mes."]},
    },
}

# more context sentences, merged into the topics' lists
_MORE_FILLER = {
    "wildfire": {
        "it": ["Un elicottero ha sorvolato la zona per tutta la giornata per individuare i focolai.",
               "Molti residenti hanno passato la notte in auto, sulla spiaggia di {village}.",
               "La linea ferroviaria che collega {town} alla costa è stata interrotta in via precauzionale."],
        "en": ["A helicopter circled the area all day to spot new hotspots.",
               "Many residents spent the night in their cars on the beach at {village}.",
               "The railway line linking {town} to the coast was closed as a precaution."],
        "es": ["Un helicóptero sobrevoló la zona durante todo el día para localizar nuevos focos.",
               "Muchos vecinos pasaron la noche en sus coches, en la playa de {village}.",
               "La línea ferroviaria que une {town} con la costa se cortó por precaución."]},
    "flood": {
        "it": ["Nelle strade del centro di {town} l'acqua ha raggiunto il primo piano delle case.",
               "Le aziende agricole della valle hanno perso gran parte del raccolto.",
               "I vigili del fuoco hanno tratto in salvo decine di persone rimaste sui tetti."],
        "en": ["In the streets of central {town} the water reached the first floor of houses.",
               "Farms in the valley lost much of their harvest.",
               "Firefighters rescued dozens of people stranded on rooftops."],
        "es": ["En las calles del centro de {town} el agua alcanzó el primer piso de las casas.",
               "Las explotaciones agrícolas del valle perdieron buena parte de la cosecha.",
               "Los bomberos rescataron a decenas de personas atrapadas en los tejados."]},
    "strike": {
        "it": ["Le imprese terminaliste hanno definito lo sciopero «irresponsabile».",
               "Alcune compagnie di navigazione stanno dirottando le navi verso altri scali.",
               "I lavoratori hanno organizzato un presidio davanti alla sede dell'Autorità portuale."],
        "en": ["Terminal operators called the strike \"irresponsible\".",
               "Some shipping lines are diverting vessels to other ports.",
               "Workers picketed outside the port authority's offices."],
        "es": ["Las empresas estibadoras calificaron la huelga de «irresponsable».",
               "Algunas navieras están desviando sus buques a otros puertos.",
               "Los trabajadores se concentraron ante la sede de la Autoridad Portuaria."]},
    "spill": {
        "it": ["Lungo le rive del {river} sono stati trovati pesci morti.",
               "La {company} ha detto di collaborare con gli inquirenti.",
               "Gli agricoltori della zona non potranno irrigare i campi con l'acqua del fiume."],
        "en": ["Dead fish were found along the banks of the {river}.",
               "{company} said it was cooperating with investigators.",
               "Farmers in the area have been told not to irrigate with river water."],
        "es": ["En las orillas del {river} aparecieron peces muertos.",
               "{company} aseguró que colabora con los investigadores.",
               "Los agricultores de la zona no podrán regar con agua del río."]},
    "election": {
        "it": ["La campagna elettorale si è giocata soprattutto su sanità e trasporti.",
               "A {town}, capoluogo della regione, i seggi hanno registrato lunghe code.",
               "{cand1} ha promesso di presentare la giunta entro due settimane."],
        "en": ["The campaign was fought mainly over health care and transport.",
               "In {town}, the regional capital, long queues formed at polling stations.",
               "{cand1} promised to name a cabinet within two weeks."],
        "es": ["La campaña giró sobre todo en torno a la sanidad y el transporte.",
               "En {town}, la capital regional, se formaron largas colas en los colegios electorales.",
               "{cand1} prometió presentar su gobierno en dos semanas."]},
}
for _topic, _by_lang in _MORE_FILLER.items():
    for _lang, _extra in _by_lang.items():
        TOPICS[_topic]["filler"][_lang] = TOPICS[_topic]["filler"][_lang] + _extra

# the sources a story of each topic may plausibly cite (a misattribution picks among them)
ROLES = {
    "wildfire": ["forest", "civil", "mayor", "governor", "prefecture"],
    "flood": ["env", "civil", "mayor", "governor", "prefecture"],
    "strike": ["union", "leader", "port", "governor", "mayor"],
    "spill": ["env", "company", "civil", "hospital", "governor", "mayor"],
    "election": ["commission", "campaign", "governor"],
}

GENERIC_FILLER = {
    "it": ["La situazione resta in evoluzione.", "Nuovi aggiornamenti sono attesi nelle prossime ore.",
           "Sul posto sono arrivati anche i volontari delle associazioni locali.",
           "L'opposizione in consiglio regionale ha chiesto un'informativa urgente.",
           "Sui social network circolano video e fotografie scattate dai residenti.",
           "Il prefetto ha convocato il comitato per l'ordine e la sicurezza pubblica."],
    "en": ["The situation is still developing.", "Further updates are expected in the coming hours.",
           "Volunteers from local associations have also arrived at the scene.",
           "Opposition members of the regional assembly called for an urgent debate.",
           "Videos and photographs taken by residents were widely shared on social media.",
           "The prefect convened an emergency meeting of the security committee."],
    "es": ["La situación sigue abierta.", "Se esperan nuevas actualizaciones en las próximas horas.",
           "Voluntarios de asociaciones locales también se han desplazado a la zona.",
           "La oposición en la asamblea regional pidió una comparecencia urgente.",
           "En las redes sociales circulan vídeos y fotografías tomados por los vecinos.",
           "El prefecto convocó de urgencia el comité de seguridad."],
}

POLITICAL_FILLER = {
    "it": ["La vicenda è destinata ad avere ripercussioni anche a livello nazionale.",
           "Nuovi aggiornamenti sono attesi nelle prossime ore.",
           "L'opposizione in consiglio regionale ha chiesto un'informativa urgente.",
           "Sui social network la discussione è stata accesissima per tutta la giornata."],
    "en": ["The dispute is expected to have repercussions at national level.",
           "Further updates are expected in the coming hours.",
           "Opposition members of the regional assembly called for an urgent debate.",
           "The debate on social media was heated throughout the day."],
    "es": ["El asunto tendrá previsiblemente repercusiones a nivel nacional.",
           "Se esperan nuevas actualizaciones en las próximas horas.",
           "La oposición en la asamblea regional pidió una comparecencia urgente.",
           "El debate en las redes sociales fue muy intenso durante toda la jornada."],
}

TOPIC_QUOTES = {
    "strike": {
        "it": ["Chiediamo alle parti di tornare subito al tavolo", "Il porto è il cuore dell'economia della città",
               "Non possiamo permetterci settimane di blocco", "Serve un accordo che tuteli i lavoratori"],
        "en": ["We ask both sides to return to the table at once", "The port is the heart of the city's economy",
               "We cannot afford weeks of paralysis", "We need a deal that protects workers"],
        "es": ["Pedimos a las partes que vuelvan de inmediato a la mesa", "El puerto es el corazón de la economía de la ciudad",
               "No podemos permitirnos semanas de bloqueo", "Hace falta un acuerdo que proteja a los trabajadores"]},
    "election": {
        "it": ["È una vittoria di tutta la regione", "Rispettiamo il voto degli elettori",
               "Da domani si lavora per tutti", "Faremo un'opposizione seria e costruttiva"],
        "en": ["This is a victory for the whole region", "We respect the voters' decision",
               "From tomorrow we work for everyone", "We will be a serious and constructive opposition"],
        "es": ["Es una victoria de toda la región", "Respetamos la decisión de los votantes",
               "Desde mañana trabajamos para todos", "Haremos una oposición seria y constructiva"]},
}

QUOTES = {
    "it": ["Stiamo facendo tutto il possibile", "La priorità è mettere in sicurezza le persone",
           "Chiediamo a tutti di seguire le indicazioni delle autorità", "Nessuno verrà lasciato solo",
           "Serve un piano serio di prevenzione", "Le prossime ore saranno decisive",
           "Ringrazio tutti quelli che stanno lavorando senza sosta"],
    "en": ["We are doing everything we can", "Our priority is to keep people safe",
           "We ask everyone to follow the instructions of the authorities", "No one will be left alone",
           "We need a serious plan for prevention", "The next few hours will be decisive",
           "I thank everyone who is working around the clock"],
    "es": ["Estamos haciendo todo lo posible", "La prioridad es poner a salvo a las personas",
           "Pedimos a todos que sigan las indicaciones de las autoridades", "Nadie se quedará solo",
           "Hace falta un plan serio de prevención", "Las próximas horas serán decisivas",
           "Agradezco a todos los que están trabajando sin descanso"],
}


def quotes(s: "Story", lang: str, rng: random.Random) -> list[str]:
    """Two different quotes, from the story's mayor and governor: names, no figures."""
    roles = ["cand1", "cand2"] if s.topic == "election" else ["mayor", "governor"]
    rng.shuffle(roles)
    pool = TOPIC_QUOTES.get(s.topic, QUOTES)[lang]
    return [quote(s, lang, role, q) for role, q in zip(roles, rng.sample(pool, 2))]


def quote(s: "Story", lang: str, role: str, q: str) -> str:
    if role.startswith("cand"):
        name = s.extra[role]
        verb = {"it": "ha detto", "en": "said", "es": "declaró", "fr": "a déclaré", "de": "sagte",
                "pt": "afirmou"}[lang]
        return f"\"{q},\" {name} {verb}." if lang == "en" else _quoted(q, lang, verb, name)
    name, _, g = s.people[role]
    f = g == "f"
    if lang == "fr":
        who = {"mayor": f"{'la' if f else 'le'} maire {name}",
               "governor": f"{'la présidente' if f else 'le président'} de la région, {name}"}[role]
        return _quoted(q, lang, "a déclaré", who)
    if lang == "de":
        who = {"mayor": f"Bürgermeister{'in' if f else ''} {name}",
               "governor": f"Regionalpräsident{'in' if f else ''} {name}"}[role]
        return _quoted(q, lang, "sagte", who)
    if lang == "pt":
        who = {"mayor": f"{'a presidente' if f else 'o presidente'} da câmara, {name}",
               "governor": f"{'a presidente' if f else 'o presidente'} da região, {name}"}[role]
        return _quoted(q, lang, "afirmou", who)
    if lang == "it":
        who = {"mayor": f"{'la sindaca' if g == 'f' else 'il sindaco'} {name}",
               "governor": f"{'la' if g == 'f' else 'il'} presidente della regione {name}"}[role]
        return f"«{q}», ha detto {who}."
    if lang == "es":
        who = {"mayor": f"{'la alcaldesa' if g == 'f' else 'el alcalde'}, {name}",
               "governor": f"{'la presidenta' if g == 'f' else 'el presidente'} regional, {name}"}[role]
        return f"«{q}», declaró {who}."
    who = {"mayor": f"Mayor {name}", "governor": f"Governor {name}"}[role]
    return f"\"{q},\" {who} said."


def _quoted(q: str, lang: str, verb: str, who: str) -> str:
    """A quote in the language's quotation marks, with who said it after."""
    if lang == "fr":
        return f"« {q} », {verb} {who}."
    if lang == "de":
        return f"„{q}“, {verb} {who}."
    if lang == "pt":
        return f"“{q}”, {verb} {who}."
    return f"«{q}», {verb} {who}."

OUTLETS = {
    "it": ["L'Eco della Valbruna", "Il Corriere di Pontesecco", "La Voce del Lido", "Cronache Padane Nuove",
           "Il Notiziario Adriatico", "La Gazzetta di Roccalta", "Il Giornale delle Valli", "Agenzia Nove",
           "Il Quotidiano di Sassonero", "La Tribuna Costiera"],
    "en": ["The Harbour Courier", "Meridian Wire", "The Northgate Herald", "Coastline Times",
           "The Riverside Post", "Continental Newswire", "The Evening Dispatch", "Westbridge Chronicle",
           "The Morning Register", "Atlas Press"],
    "es": ["Diario Austral", "La Gaceta del Valle", "El Observador Costero", "Noticias del Litoral",
           "El Heraldo de Montalbo", "La Crónica Regional", "Agencia Prensa Sur", "El Faro de Levante",
           "Diario de la Sierra", "La Voz del Puerto"],
}


# --------------------------------------------------------------------------------------------
# French, German and Portuguese: the same facts, context sentences, quotes and outlets
# --------------------------------------------------------------------------------------------

_FACTS_MORE = {   # fact key (or topic.share) -> lang -> templates
    "deaths": {
        "fr": [("{n} personnes sont mortes", "f"), ("le bilan provisoire est de {n} morts", "m"),
               ("{n} personnes ont perdu la vie", "f")],
        "de": [("{n} Menschen kamen ums Leben", "m"), ("die vorläufige Bilanz liegt bei {n} Toten", "m"),
               ("{n} Menschen starben", "m")],
        "pt": [("{n} pessoas morreram", "f"), ("o balanço provisório é de {n} mortos", "m"),
               ("{n} pessoas perderam a vida", "f")]},
    "injured": {
        "fr": [("{n} personnes ont été blessées", "f"), ("les blessés sont au nombre de {n}", "m")],
        "de": [("{n} Menschen wurden verletzt", "m"), ("{n} Personen erlitten Verletzungen", "f")],
        "pt": [("{n} pessoas ficaram feridas", "f"), ("há {n} feridos", "m")]},
    "evacuated": {
        "fr": [("{n} personnes ont été évacuées", "f"), ("{n} habitants de {village} ont dû quitter leur domicile", "m"),
               ("{n} personnes ont été déplacées", "f")],
        "de": [("{n} Menschen wurden evakuiert", "m"), ("{n} Bewohner von {village} mussten ihre Häuser verlassen", "m"),
               ("{n} Menschen mussten in Notunterkünfte", "m")],
        "pt": [("{n} pessoas foram retiradas das suas casas", "f"), ("{n} moradores de {village} tiveram de abandonar as casas", "m"),
               ("{n} pessoas foram evacuadas", "f")]},
    "damage": {
        "fr": [("les dégâts s'élèvent à {n}", "m"), ("les dommages sont estimés à {n}", "m")],
        "de": [("der Schaden wird auf {n} geschätzt", "m"), ("die Schäden belaufen sich auf {n}", "m")],
        "pt": [("os prejuízos ascendem a {n}", "m"), ("os danos estão estimados em {n}", "m")]},
    "area": {
        "fr": [("les flammes ont parcouru {n} de forêt et de maquis", "m"), ("l'incendie a déjà détruit {n} de végétation", "m")],
        "de": [("das Feuer hat {n} Wald und Buschland vernichtet", "m"), ("die Flammen haben bereits {n} zerstört", "m")],
        "pt": [("o fogo consumiu {n} de floresta e mato", "m"), ("as chamas já destruíram {n}", "m")]},
    "front": {
        "fr": [("le front de l'incendie s'étend sur {n}", "m")],
        "de": [("die Feuerfront erstreckt sich über {n}", "m")],
        "pt": [("a frente de fogo estende-se por {n}", "m")]},
    "firefighters": {
        "fr": [("{n} pompiers sont mobilisés", "m"), ("{n} sapeurs-pompiers luttent contre les flammes", "m")],
        "de": [("{n} Feuerwehrleute sind im Einsatz", "m"), ("{n} Einsatzkräfte bekämpfen die Flammen", "f")],
        "pt": [("{n} bombeiros combatem as chamas", "m"), ("estão no terreno {n} bombeiros", "m")]},
    "aircraft": {
        "fr": [("{n} Canadair se relaient au-dessus des flammes", "m")],
        "de": [("{n} Löschflugzeuge und Hubschrauber sind im Einsatz", "m")],
        "pt": [("{n} meios aéreos participam no combate às chamas", "m")]},
    "drops": {
        "fr": [("les avions ont effectué {n} largages d'eau {dates}", "m")],
        "de": [("die Löschflugzeuge flogen {n} Einsätze {dates}", "m")],
        "pt": [("os meios aéreos fizeram {n} descargas de água {dates}", "f")]},
    "wildfire.share": {
        "fr": [("{p1} de la surface brûlée était de la pinède et {p2} des terres agricoles", "m")],
        "de": [("{p1} der verbrannten Fläche waren Kiefernwald und {p2} Ackerland", "m")],
        "pt": [("{p1} da área ardida era pinhal e {p2} terrenos agrícolas", "m")]},
    "rain": {
        "fr": [("il est tombé {n} de pluie {dates}", "m")],
        "de": [("es fielen {n} Regen {dates}", "m")],
        "pt": [("caíram {n} de chuva {dates}", "m")]},
    "level": {
        "fr": [("le niveau du {river} est monté de {n}", "m"), ("le {river} a dépassé de {n} le seuil d'alerte", "m")],
        "de": [("der Pegel des {river} stieg um {n}", "m"), ("der {river} lag {n} über der Alarmstufe", "m")],
        "pt": [("o nível do {river} subiu {n}", "m"), ("o {river} ultrapassou em {n} o nível de alerta", "m")]},
    "homes": {
        "fr": [("{n} habitations ont été inondées", "f"), ("l'eau a envahi {n} maisons", "f")],
        "de": [("{n} Häuser wurden überflutet", "n"), ("das Wasser drang in {n} Wohnungen ein", "f")],
        "pt": [("{n} casas ficaram inundadas", "f"), ("a água entrou em {n} habitações", "f")]},
    "roads": {
        "fr": [("{n} de routes sont fermés", "m")],
        "de": [("{n} Straßen sind gesperrt", "f")],
        "pt": [("estão cortados {n} de estradas", "m")]},
    "flood.share": {
        "fr": [("{p1} des maisons endommagées se trouvent à {town} et {p2} à {village}", "f")],
        "de": [("{p1} der beschädigten Häuser stehen in {town} und {p2} in {village}", "n")],
        "pt": [("{p1} das casas danificadas fica em {town} e {p2} em {village}", "f")]},
    "missing": {
        "fr": [("{n} personnes sont toujours portées disparues", "f")],
        "de": [("{n} Menschen werden noch vermisst", "m")],
        "pt": [("há {n} desaparecidos", "m"), ("{n} pessoas continuam desaparecidas", "f")]},
    "workers": {
        "fr": [("{n} salariés sont en grève {dates}", "m"), ("la grève concerne {n} dockers et durera {dates}", "m")],
        "de": [("{n} Beschäftigte streiken {dates}", "m"), ("der Streik betrifft {n} Hafenarbeiter und dauert {dates}", "m")],
        "pt": [("{n} trabalhadores estão em greve {dates}", "m"), ("a greve abrange {n} estivadores e decorre {dates}", "m")]},
    "ships": {
        "fr": [("{n} navires attendent au large", "m")],
        "de": [("{n} Schiffe warten vor dem Hafen", "n")],
        "pt": [("{n} navios aguardam ao largo", "m")]},
    "containers": {
        "fr": [("{n} conteneurs sont bloqués sur les quais", "m")],
        "de": [("{n} Container stecken an den Kais fest", "m")],
        "pt": [("{n} contentores estão retidos no cais", "m")]},
    "losses": {
        "fr": [("les pertes atteignent {n} par jour", "f")],
        "de": [("die Verluste belaufen sich auf {n} pro Tag", "m")],
        "pt": [("as perdas chegam a {n} por dia", "f")]},
    "raise": {
        "fr": [("le syndicat réclame une hausse de salaire de {p}", "f")],
        "de": [("die Gewerkschaft fordert {p} mehr Lohn", "m")],
        "pt": [("o sindicato exige um aumento salarial de {p}", "m")]},
    "strike.share": {
        "fr": [("{p1} des adhérents ont voté pour la grève et {p2} contre", "m")],
        "de": [("{p1} der Mitglieder stimmten für den Streik und {p2} dagegen", "n")],
        "pt": [("{p1} dos associados votou a favor da greve e {p2} contra", "m")]},
    "tonnes": {
        "fr": [("{n} de solvants se sont déversées dans la rivière", "f")],
        "de": [("{n} Lösungsmittel flossen in den Fluss", "n")],
        "pt": [("foram derramadas no rio {n} de solventes", "f")]},
    "river_km": {
        "fr": [("la nappe s'étend sur {n} le long de la rivière", "m"), ("la pollution touche {n} de rivière", "m")],
        "de": [("der Schadstoffteppich erstreckt sich über {n} entlang des Flusses", "m")],
        "pt": [("a mancha estende-se por {n} ao longo do rio", "m")]},
    "hospitalised": {
        "fr": [("{n} personnes ont été hospitalisées pour intoxication", "f")],
        "de": [("{n} Menschen wurden mit Atembeschwerden ins Krankenhaus gebracht", "m")],
        "pt": [("{n} pessoas foram hospitalizadas por intoxicação", "f")]},
    "fishban": {
        "fr": [("la pêche est interdite sur {n} de côte {dates}", "m")],
        "de": [("das Fischen ist auf {n} Küste {dates} verboten", "m")],
        "pt": [("a pesca está proibida em {n} de costa {dates}", "m")]},
    "fine": {
        "fr": [("{company} risque une amende pouvant atteindre {n}", "f")],
        "de": [("{company} droht eine Strafe von bis zu {n}", "f")],
        "pt": [("a {company} arrisca uma multa de até {n}", "f")]},
    "spill.share": {
        "fr": [("{p1} des échantillons d'eau dépassent les limites légales et {p2} sont conformes", "m")],
        "de": [("{p1} der Wasserproben überschreiten die Grenzwerte und {p2} liegen darunter", "f")],
        "pt": [("{p1} das amostras de água excede os limites legais e {p2} está dentro da norma", "f")]},
    "votes": {
        "fr": [("{cand1} a obtenu {n} voix", "f"), ("{n} électeurs ont voté pour {cand1}", "m")],
        "de": [("{cand1} erhielt {n} Stimmen", "f"), ("{n} Wähler stimmten für {cand1}", "m")],
        "pt": [("{cand1} obteve {n} votos", "m"), ("{n} eleitores votaram em {cand1}", "m")]},
    "turnout": {
        "fr": [("la participation a été de {p}", "f")],
        "de": [("die Wahlbeteiligung lag bei {p}", "f")],
        "pt": [("a participação foi de {p}", "f")]},
    "voters": {
        "fr": [("{n} électeurs se sont rendus aux urnes {dates}", "m")],
        "de": [("{n} Wähler gaben {dates} ihre Stimme ab", "m")],
        "pt": [("{n} eleitores foram às urnas {dates}", "m")]},
    "seats": {
        "fr": [("la coalition de {cand1} aura {n} sièges au conseil régional", "m")],
        "de": [("die Koalition von {cand1} erhält {n} Sitze im Regionalparlament", "m")],
        "pt": [("a coligação de {cand1} terá {n} lugares na assembleia regional", "m")]},
    "election.share": {
        "fr": [("{cand1} a recueilli {p1} des voix et {cand2} {p2}", "f")],
        "de": [("{cand1} kam auf {p1} der Stimmen und {cand2} auf {p2}", "f")],
        "pt": [("{cand1} conquistou {p1} dos votos e {cand2} {p2}", "m")]},
}
_UPDATES_MORE = {"deaths": {"fr": [("le bilan s'est alourdi à {n} morts", "m")],
                            "de": [("die Zahl der Toten stieg auf {n}", "f")],
                            "pt": [("o número de mortos subiu para {n}", "m")]}}

_TOPIC_MORE = {
    "wildfire": {
        "intro": {
            "fr": ["Un incendie s'est déclaré {when} sur les collines qui dominent {town}, dans la région de {region}.",
                   "Les flammes sont parties {when} des forêts du mont {hill}, au nord de {town}."],
            "de": ["Ein Waldbrand ist {when} in den Hügeln oberhalb von {town} in der Region {region} ausgebrochen.",
                   "Die Flammen loderten {when} in den Wäldern des Berges {hill} nördlich von {town} auf."],
            "pt": ["Um incêndio deflagrou {when} nas colinas que rodeiam {town}, na região de {region}.",
                   "As chamas começaram {when} nas matas do monte {hill}, a norte de {town}."]},
        "title": {"fr": "Incendie à {town} : {n} brûlés", "de": "Waldbrand bei {town}: {n} verbrannt",
                  "pt": "Incêndio em {town} consome {n}"},
        "filler": {
            "fr": ["Le vent violent a compliqué le travail des équipes au sol pendant la nuit.",
                   "Les causes de l'incendie restent à établir et le parquet a ouvert une enquête.",
                   "La route départementale entre {town} et {village} est restée fermée toute la nuit.",
                   "Les sinistrés ont été accueillis dans le gymnase municipal et dans des hôtels du littoral.",
                   "Un hélicoptère a survolé la zone toute la journée pour repérer les foyers.",
                   "Beaucoup d'habitants ont passé la nuit dans leur voiture, sur la plage de {village}.",
                   "La ligne ferroviaire qui relie {town} à la côte a été coupée par précaution."],
            "de": ["Starker Wind erschwerte in der Nacht die Arbeit der Einsatzkräfte am Boden.",
                   "Die Brandursache ist noch unklar, die Staatsanwaltschaft ermittelt.",
                   "Die Landstraße zwischen {town} und {village} blieb die ganze Nacht gesperrt.",
                   "Die Evakuierten wurden in der städtischen Sporthalle und in Hotels an der Küste untergebracht.",
                   "Ein Hubschrauber kreiste den ganzen Tag über dem Gebiet, um Glutnester zu finden.",
                   "Viele Bewohner verbrachten die Nacht in ihren Autos am Strand von {village}.",
                   "Die Bahnstrecke zwischen {town} und der Küste wurde vorsorglich gesperrt."],
            "pt": ["O vento forte dificultou o trabalho das equipas no terreno durante a noite.",
                   "As causas do incêndio ainda estão por apurar e o Ministério Público abriu um inquérito.",
                   "A estrada entre {town} e {village} esteve cortada durante toda a noite.",
                   "Os desalojados foram acolhidos no pavilhão municipal e em hotéis da costa.",
                   "Um helicóptero sobrevoou a zona durante todo o dia para localizar focos de incêndio.",
                   "Muitos moradores passaram a noite nos carros, na praia de {village}.",
                   "A linha ferroviária que liga {town} à costa foi cortada por precaução."]}},
    "flood": {
        "intro": {
            "fr": ["Le {river} est sorti de son lit {when} à {town}, dans la région de {region}, après plusieurs jours de pluies intenses.",
                   "Des inondations ont frappé {when} la vallée du {river}, entre {town} et {village}."],
            "de": ["Der Fluss {river} ist {when} in {town} in der Region {region} nach tagelangen Regenfällen über die Ufer getreten.",
                   "Ein Hochwasser hat {when} das Tal des {river} zwischen {town} und {village} überflutet."],
            "pt": ["O rio {river} transbordou {when} em {town}, na região de {region}, depois de vários dias de chuva intensa.",
                   "As cheias atingiram {when} o vale do {river}, entre {town} e {village}."]},
        "title": {"fr": "Inondations à {town} : {n} évacués", "de": "Hochwasser in {town}: {n} evakuiert",
                  "pt": "Cheias em {town}: {n} retirados de casa"},
        "filler": {
            "fr": ["Les écoles de {town} resteront fermées jusqu'à nouvel ordre.",
                   "Les secouristes ont utilisé des canots pneumatiques pour atteindre les hameaux isolés.",
                   "Le gouvernement a annoncé qu'il allait déclarer l'état de catastrophe naturelle.",
                   "Dans les rues du centre de {town}, l'eau a atteint le premier étage des maisons.",
                   "Les exploitations agricoles de la vallée ont perdu une grande partie de leur récolte.",
                   "Les pompiers ont secouru des dizaines de personnes réfugiées sur les toits."],
            "de": ["Die Schulen in {town} bleiben bis auf Weiteres geschlossen.",
                   "Die Retter erreichten die abgeschnittenen Weiler mit Schlauchbooten.",
                   "Die Regierung kündigte an, den Notstand auszurufen.",
                   "In den Straßen der Innenstadt von {town} stand das Wasser bis zum ersten Stock.",
                   "Die Bauernhöfe im Tal verloren einen großen Teil ihrer Ernte.",
                   "Die Feuerwehr rettete Dutzende Menschen von den Dächern."],
            "pt": ["As escolas de {town} vão continuar fechadas até nova ordem.",
                   "As equipas de socorro usaram botes para chegar às aldeias isoladas.",
                   "O Governo anunciou que vai declarar o estado de calamidade.",
                   "Nas ruas do centro de {town}, a água chegou ao primeiro andar das casas.",
                   "As explorações agrícolas do vale perderam grande parte da colheita.",
                   "Os bombeiros resgataram dezenas de pessoas que estavam nos telhados."]}},
    "strike": {
        "intro": {
            "fr": ["Les dockers du port de {town}, dans la région de {region}, se sont mis en grève {when}.",
                   "La grève au port de {town} a commencé {when} et paralyse le terminal à conteneurs."],
            "de": ["Die Hafenarbeiter in {town} in der Region {region} sind {when} in den Streik getreten.",
                   "Der Streik im Hafen von {town} begann {when} und legt das Containerterminal lahm."],
            "pt": ["Os estivadores do porto de {town}, na região de {region}, entraram em greve {when}.",
                   "A greve no porto de {town} começou {when} e paralisou o terminal de contentores."]},
        "title": {"fr": "Grève au port de {town} : {n} salariés", "de": "Streik im Hafen von {town}: {n} Beschäftigte",
                  "pt": "Greve no porto de {town}: {n} trabalhadores"},
        "filler": {
            "fr": ["Les négociations avec les opérateurs du terminal sont bloquées depuis des mois.",
                   "Les transporteurs se plaignent de longues files de camions à l'entrée du port.",
                   "Le ministère des Transports a convoqué les deux parties la semaine prochaine.",
                   "Les opérateurs du terminal ont qualifié la grève d'« irresponsable ».",
                   "Certaines compagnies maritimes détournent leurs navires vers d'autres ports."],
            "de": ["Die Verhandlungen mit den Terminalbetreibern stocken seit Monaten.",
                   "Spediteure klagen über lange Lkw-Schlangen an der Hafeneinfahrt.",
                   "Das Verkehrsministerium hat beide Seiten für nächste Woche zu Gesprächen geladen.",
                   "Die Terminalbetreiber nannten den Streik „unverantwortlich“.",
                   "Einige Reedereien leiten ihre Schiffe in andere Häfen um."],
            "pt": ["As negociações com os operadores do terminal estão bloqueadas há meses.",
                   "Os transportadores queixam-se de longas filas de camiões à entrada do porto.",
                   "O Ministério dos Transportes convocou as partes para a próxima semana.",
                   "Os operadores do terminal classificaram a greve de “irresponsável”.",
                   "Algumas companhias de navegação estão a desviar os navios para outros portos."]}},
    "spill": {
        "intro": {
            "fr": ["Une fuite de produits chimiques d'une usine de {company} a pollué {when} la rivière {river}, près de {town}.",
                   "Un réservoir de {company} s'est rompu {when} aux portes de {town}, dans la région de {region}, déversant des solvants dans le {river}."],
            "de": ["Ein Chemieunfall im Werk von {company} hat {when} den Fluss {river} bei {town} verschmutzt.",
                   "Ein Tank von {company} am Stadtrand von {town} in der Region {region} ist {when} geborsten, Lösungsmittel liefen in den {river}."],
            "pt": ["Uma fuga de produtos químicos de uma fábrica da {company} poluiu {when} o rio {river}, perto de {town}.",
                   "Um reservatório da {company} nos arredores de {town}, na região de {region}, rompeu-se {when} e despejou solventes no {river}."]},
        "title": {"fr": "Pollution chimique : {n} du {river} touchés", "de": "Chemieunfall verschmutzt {n} des {river}",
                  "pt": "Derrame químico polui {n} do rio {river}"},
        "filler": {
            "fr": ["L'eau du robinet n'est pas potable jusqu'à nouvel ordre.",
                   "Les pêcheurs de l'embouchure ont suspendu leur activité.",
                   "Le parquet a fait mettre l'usine sous scellés.",
                   "Des poissons morts ont été retrouvés sur les rives du {river}.",
                   "{company} a affirmé coopérer avec les enquêteurs."],
            "de": ["Das Leitungswasser ist bis auf Weiteres nicht trinkbar.",
                   "Die Fischer an der Mündung haben ihre Arbeit eingestellt.",
                   "Die Staatsanwaltschaft hat das Werk versiegelt.",
                   "An den Ufern des {river} wurden tote Fische gefunden.",
                   "{company} erklärte, mit den Ermittlern zusammenzuarbeiten."],
            "pt": ["A água da torneira não é própria para consumo até nova ordem.",
                   "Os pescadores da foz suspenderam a atividade.",
                   "O Ministério Público mandou selar a fábrica.",
                   "Foram encontrados peixes mortos nas margens do {river}.",
                   "A {company} garantiu que está a colaborar com os investigadores."]}},
    "election": {
        "intro": {
            "fr": ["Le dépouillement des élections régionales en {region} s'est achevé {when}.",
                   "Les résultats définitifs des élections régionales en {region} sont tombés {when}."],
            "de": ["Die Auszählung der Regionalwahl in {region} wurde {when} abgeschlossen.",
                   "Das Endergebnis der Regionalwahl in {region} lag {when} vor."],
            "pt": ["A contagem dos votos das eleições regionais em {region} terminou {when}.",
                   "Os resultados definitivos das eleições em {region} foram conhecidos {when}."]},
        "title": {"fr": "{cand1} remporte les élections en {region}", "de": "{cand1} gewinnt Wahl in {region}",
                  "pt": "{cand1} vence eleições em {region}"},
        "filler": {
            "fr": ["{cand2} a reconnu sa défaite dans la soirée.",
                   "Les observateurs n'ont signalé aucune irrégularité notable.",
                   "Le nouveau conseil régional sera installé d'ici un mois.",
                   "La campagne s'est jouée surtout sur la santé et les transports.",
                   "À {town}, chef-lieu de la région, de longues files se sont formées devant les bureaux de vote."],
            "de": ["{cand2} räumte am Abend die Niederlage ein.",
                   "Die Wahlbeobachter meldeten keine nennenswerten Unregelmäßigkeiten.",
                   "Das neue Regionalparlament tritt innerhalb eines Monats zusammen.",
                   "Im Wahlkampf ging es vor allem um Gesundheit und Verkehr.",
                   "In {town}, der Hauptstadt der Region, bildeten sich lange Schlangen vor den Wahllokalen."],
            "pt": ["{cand2} reconheceu a derrota ao fim da noite.",
                   "Os observadores não registaram irregularidades relevantes.",
                   "A nova assembleia regional tomará posse no prazo de um mês.",
                   "A campanha centrou-se sobretudo na saúde e nos transportes.",
                   "Em {town}, capital da região, formaram-se longas filas nas assembleias de voto."]}},
}

_GENERIC_MORE = {
    "fr": ["La situation reste évolutive.", "De nouvelles informations sont attendues dans les prochaines heures.",
           "Des bénévoles d'associations locales sont également arrivés sur place.",
           "L'opposition au conseil régional a demandé un débat d'urgence.",
           "Des vidéos et des photos prises par des habitants circulent sur les réseaux sociaux.",
           "Le préfet a réuni une cellule de crise."],
    "de": ["Die Lage ist weiterhin unübersichtlich.", "Weitere Informationen werden in den kommenden Stunden erwartet.",
           "Auch Freiwillige örtlicher Vereine sind vor Ort eingetroffen.",
           "Die Opposition im Regionalparlament forderte eine Sondersitzung.",
           "In sozialen Netzwerken kursieren Videos und Fotos von Anwohnern.",
           "Der Präfekt berief einen Krisenstab ein."],
    "pt": ["A situação continua a evoluir.", "São esperadas novas informações nas próximas horas.",
           "Voluntários de associações locais também se deslocaram ao local.",
           "A oposição na assembleia regional pediu um debate de urgência.",
           "Circulam nas redes sociais vídeos e fotografias feitos pelos moradores.",
           "O governador civil convocou uma reunião de emergência."],
}
_POLITICAL_MORE = {
    "fr": ["L'affaire devrait avoir des répercussions au niveau national.",
           "De nouvelles informations sont attendues dans les prochaines heures.",
           "L'opposition au conseil régional a demandé un débat d'urgence.",
           "Le débat a été très vif sur les réseaux sociaux toute la journée."],
    "de": ["Der Streit dürfte auch bundesweit Folgen haben.",
           "Weitere Informationen werden in den kommenden Stunden erwartet.",
           "Die Opposition im Regionalparlament forderte eine Sondersitzung.",
           "In sozialen Netzwerken wurde den ganzen Tag heftig diskutiert."],
    "pt": ["O caso deverá ter repercussões a nível nacional.",
           "São esperadas novas informações nas próximas horas.",
           "A oposição na assembleia regional pediu um debate de urgência.",
           "O debate nas redes sociais foi muito intenso ao longo do dia."],
}
_QUOTES_MORE = {
    "fr": ["Nous faisons tout ce qui est possible", "La priorité est de mettre les gens en sécurité",
           "Nous demandons à chacun de suivre les consignes des autorités", "Personne ne sera laissé seul",
           "Il faut un vrai plan de prévention", "Les prochaines heures seront décisives",
           "Je remercie tous ceux qui travaillent sans relâche"],
    "de": ["Wir tun alles, was wir können", "Oberste Priorität hat die Sicherheit der Menschen",
           "Wir bitten alle, den Anweisungen der Behörden zu folgen", "Niemand wird allein gelassen",
           "Wir brauchen einen ernsthaften Plan zur Vorbeugung", "Die nächsten Stunden werden entscheidend sein",
           "Ich danke allen, die rund um die Uhr arbeiten"],
    "pt": ["Estamos a fazer tudo o que é possível", "A prioridade é pôr as pessoas em segurança",
           "Pedimos a todos que sigam as indicações das autoridades", "Ninguém vai ficar sozinho",
           "É preciso um plano sério de prevenção", "As próximas horas serão decisivas",
           "Agradeço a todos os que estão a trabalhar sem descanso"],
}
_TOPIC_QUOTES_MORE = {
    "strike": {
        "fr": ["Nous demandons aux deux parties de revenir immédiatement à la table", "Le port est le cœur de l'économie de la ville",
               "Nous ne pouvons pas nous permettre des semaines de blocage", "Il faut un accord qui protège les salariés"],
        "de": ["Wir fordern beide Seiten auf, sofort an den Verhandlungstisch zurückzukehren", "Der Hafen ist das Herz der städtischen Wirtschaft",
               "Wochenlange Blockaden können wir uns nicht leisten", "Wir brauchen eine Einigung, die die Beschäftigten schützt"],
        "pt": ["Pedimos às partes que voltem de imediato à mesa", "O porto é o coração da economia da cidade",
               "Não podemos dar-nos ao luxo de semanas de bloqueio", "É preciso um acordo que proteja os trabalhadores"]},
    "election": {
        "fr": ["C'est une victoire de toute la région", "Nous respectons le choix des électeurs",
               "Dès demain, nous travaillons pour tous", "Nous serons une opposition sérieuse et constructive"],
        "de": ["Das ist ein Sieg der ganzen Region", "Wir respektieren die Entscheidung der Wähler",
               "Ab morgen arbeiten wir für alle", "Wir werden eine ernsthafte und konstruktive Opposition sein"],
        "pt": ["É uma vitória de toda a região", "Respeitamos a decisão dos eleitores",
               "A partir de amanhã trabalhamos para todos", "Seremos uma oposição séria e construtiva"]},
}
_OUTLETS_MORE = {
    "fr": ["Le Courrier du Val", "La Dépêche des Collines", "L'Écho du Littoral", "Le Journal de Montclair",
           "Agence Presse Sud", "La Tribune de l'Estuaire", "Le Progrès des Vallées", "Ouest Matin"],
    "de": ["Talbote", "Küstenkurier", "Der Abendanzeiger", "Rheinfelder Rundschau", "Nachrichtendienst Süd",
           "Die Morgenpost am See", "Hafenstädter Zeitung", "Bergländer Tagblatt"],
    "pt": ["Diário da Serra", "O Correio do Vale", "Jornal do Litoral", "A Voz da Planície",
           "Agência Notícias Sul", "O Mensageiro do Rio", "Gazeta da Costa", "Folha da Encosta"],
}


def _merge_more_languages() -> None:
    """Add the French, German and Portuguese data to the tables of the first three languages."""
    for topic, data in _TOPIC_MORE.items():
        for part in ("intro", "title", "filler"):
            TOPICS[topic][part].update(data[part])
        for f in TOPICS[topic]["facts"]:
            f.tpl.update(_FACTS_MORE[f"{topic}.share" if f.key == "share" else f.key])
            if f.key in _UPDATES_MORE:
                f.upd.update(_UPDATES_MORE[f.key])
    GENERIC_FILLER.update(_GENERIC_MORE)
    POLITICAL_FILLER.update(_POLITICAL_MORE)
    QUOTES.update(_QUOTES_MORE)
    for topic, quotes_ in _TOPIC_QUOTES_MORE.items():
        TOPIC_QUOTES[topic].update(quotes_)
    OUTLETS.update(_OUTLETS_MORE)


_merge_more_languages()


# --------------------------------------------------------------------------------------------
# Stories and articles
# --------------------------------------------------------------------------------------------

@dataclass
class Story:
    sid: str
    topic: str
    region: str
    town: str
    village: str
    event: dt.date
    people: dict
    extra: dict
    values: dict = field(default_factory=dict)       # fact key -> true value
    dates: tuple = ()                                  # the dated facts' range
    sources: dict = field(default_factory=dict)
    plants: dict = field(default_factory=dict)         # kind -> details


def new_story(idx: int, rng: random.Random, names: Names) -> Story:
    topic = rng.choice(list(TOPICS))
    start = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(3 * 365))
    firsts: set[str] = set()
    people = {role: names.person(firsts) for role in ("mayor", "governor", "leader")}
    c1, c2 = names.person(firsts), names.person(firsts)
    extra = {"river": names.place(), "hill": names.place(), "union": names.acronym(),
             "company": f"{names.place()} {rng.choice(['Chimica', 'Chem', 'Industrie'])}",
             "cand1": c1[0], "cand2": c2[0], "cand1_short": c1[1], "cand2_short": c2[1]}
    s = Story(f"s{idx:05d}", topic, names.region(), names.place(), names.place(), start, people, extra)
    for f in TOPICS[topic]["facts"]:
        if f.kind == "share":
            a = rng.randrange(35, 70)
            s.values[f.key] = (a, rng.randrange(max(3, 80 - a), 100 - a))
        elif f.kind == "pct":
            s.values[f.key] = round(rng.uniform(f.lo, f.hi), rng.choice((0, 1)))
        elif f.kind == "money":
            s.values[f.key] = round_sig(math.exp(rng.uniform(math.log(f.lo), math.log(f.hi))), 2)
        elif f.unit == "m":
            s.values[f.key] = round(rng.uniform(f.lo, f.hi), 1)
        else:
            v = math.exp(rng.uniform(math.log(f.lo), math.log(f.hi)))
            s.values[f.key] = int(round_sig(v, 3)) if v >= 100 else int(round(v))
    length = dt.timedelta(days=rng.randrange(2, 6))
    if topic == "flood":            # the rain fell before the river burst
        s.dates = (start - length, start)
    elif topic == "election":       # two days of voting, then the count
        s.dates = (start - dt.timedelta(days=2), start - dt.timedelta(days=1))
    elif topic == "strike":
        s.dates = (start, start + length)
    else:
        first = start + dt.timedelta(days=rng.choice((0, 1, 2)))
        s.dates = (first, first + length)
    s.sources = make_sources(s, names)
    return s


def slots(s: Story) -> dict:
    return {"town": s.town, "region": s.region, "village": s.village, "river": s.extra["river"],
            "hill": s.extra["hill"], "company": s.extra["company"], "union": s.extra["union"],
            "cand1": s.extra["cand1"], "cand2": s.extra["cand2"]}


def plan_outlets(s: Story, rng: random.Random, count: int) -> list[dict]:
    """Who covers the story, in which language, on which day; and what is planted where."""
    langs = list(rng.sample(LANGS, min(count, len(LANGS))))
    rng.shuffle(langs)
    langs += [rng.choice(LANGS) for _ in range(count - len(langs))]
    used: set[str] = set()
    plan = []
    for i, lang in enumerate(langs):
        outlet = rng.choice([o for o in OUTLETS[lang] if o not in used])
        used.add(outlet)
        update = count >= 3 and i == count - 1                           # the last one, a day later
        delay = rng.choice((1, 1, 2)) if not update else rng.choice((3, 4))
        if not update and i > 0 and rng.random() < 0.08:
            delay = rng.randrange(7, 11)                                # a follow-up a week later
        plan.append({"outlet": outlet, "lang": lang, "published": s.event + dt.timedelta(days=delay),
                     "update": update})
    facts = TOPICS[s.topic]["facts"]
    keys = [f.key for f in facts if f.kind not in ("share",)]
    # planted discrepancies, each in one outlet (never the update, which differs on purpose)
    regular = [i for i, p in enumerate(plan) if not p["update"]]
    if rng.random() < 0.6:
        s.plants["contradiction"] = (rng.choice(regular), rng.choice([k for k in keys if k != "aircraft"]))
    dated = [f.key for f in facts if f.kind == "dated"]
    if dated and rng.random() < 0.5:
        s.plants["date"] = (rng.choice(regular), dated[0])
    if rng.random() < 0.4:
        s.plants["source"] = (rng.choice(regular), rng.choice(keys))
    if rng.random() < 0.35:
        s.plants["arithmetic"] = (rng.choice(regular), "share")
    return plan


def render_fact(f: Fact, value, lang: str, rng: random.Random, s: Story, dates: tuple,
                imperial: bool, update: bool) -> tuple[str, dict]:
    """A clause stating the fact, and what was written (for the truth file)."""
    templates = f.upd.get(lang) if update and f.upd and rng.random() < 0.7 else None
    template, gender = rng.choice(templates or f.tpl[lang])
    qual = rng.choice(f.quals)
    info: dict = {"fact": f.key, "qualifier": qual}
    kw = slots(s)
    if f.kind == "share":
        a, b = value
        kw.update(p1=percent(a, lang, rng), p2=percent(b, lang, rng),
                  p1a=percent(a, lang, rng, True), p2a=percent(b, lang, rng, True))
        info.update(value=[a, b], qualifier="exact")
    elif f.kind == "pct":
        kw["p"] = percent(value, lang, rng)
        info["qualifier"] = "exact"
        if lang == "it":
            with_art = percent(value, lang, rng, True)
            kw["p_del"] = ("dell'" + with_art[2:]) if with_art.startswith("l'") else "del " + with_art[3:]
        info["value"] = value
    elif f.kind == "money":
        kw["n"] = money(value, s.extra.setdefault("currency", rng.choice(("EUR", "EUR", "USD"))), qual, lang, rng)
        info["value"] = value
    elif f.unit:
        kw["n"], m = measure(value, f.unit, qual, lang, rng, imperial)
        info.update(value=m["value"], unit=m["unit"], qualifier=m["qualifier"])
    else:
        kw["n"] = qualified(lambda v, w: numeral(v, lang, rng, words=w), value, qual, lang, rng, gender)
        info["value"] = value
    if "{dates}" in template:
        kw["dates"] = range_text(dates[0], dates[1], lang, rng)
        info["dates"] = [dates[0].isoformat(), dates[1].isoformat()]
    text = template.format(**kw)
    if lang == "it":      # "1,2 milioni di voti", "1,2 millones de votos"
        text = re.sub(r"\b(milion[ei]) (?!di\b)(?=\w)", r"\1 di ", text)
    elif lang == "es":
        text = re.sub(r"\b(millones|millón) (?!de\b)(?=\w)", r"\1 de ", text)
    elif lang == "fr":
        text = re.sub(r"\b(millions?) (?!de\b|d')(?=\w)", r"\1 de ", text)
    elif lang == "pt":
        text = re.sub(r"\b(milhões|milhão) (?!de\b)(?=\w)", r"\1 de ", text)
        if gender == "f":         # "duas pessoas"
            text = re.sub(r"\bdois\b", "duas", text)
    return text, info


def write_article(s: Story, p: dict, idx: int, rng: random.Random) -> tuple[dict, list[dict]]:
    topic = TOPICS[s.topic]
    lang, pub = p["lang"], p["published"]
    kw = slots(s)
    imperial = lang == "en" and rng.random() < 0.6
    truth: list[dict] = []
    facts = [f for f in topic["facts"]]
    lead = next(f for f in facts if f.key == topic["lead"])
    others = [f for f in facts if f is not lead]
    rng.shuffle(others)
    chosen = [lead] + others[:rng.randrange(3, len(others) + 1)]
    for kind in ("contradiction", "date", "source", "arithmetic"):
        if kind in s.plants and s.plants[kind][0] == idx:
            f = next(f for f in facts if f.key == s.plants[kind][1])
            if f not in chosen:
                chosen.append(f)
    spoke_day = pub - dt.timedelta(days=1)
    spoke = {"it": rng.choice(["ieri", WEEKDAYS["it"][spoke_day.weekday()]]),
             "en": f"on {WEEKDAYS['en'][spoke_day.weekday()]}",
             "es": rng.choice(["ayer", f"el {WEEKDAYS['es'][spoke_day.weekday()]}"]),
             "fr": rng.choice(["hier", WEEKDAYS["fr"][spoke_day.weekday()]]),
             "de": rng.choice(["gestern", f"am {WEEKDAYS['de'][spoke_day.weekday()]}"]),
             "pt": rng.choice(["ontem", _pt_on(WEEKDAYS["pt"][spoke_day.weekday()])])}[lang]
    mentioned: set[str] = set()
    sentences: list[str] = []
    for f in chosen:
        value = s.values[f.key]
        dates = s.dates
        planted = None
        if p["update"] and f.running:
            value = int(round(value * rng.uniform(1.15, 1.6))) if value >= 20 else value + rng.randrange(1, 4)
            planted = "update"
        if s.plants.get("contradiction") == (idx, f.key):
            value = (value * rng.choice((2, 0.5, 1.3, 0.7)) if f.kind != "share" else value)
            value = round(value, 1) if isinstance(value, float) and value < 10 else int(round(value))
            planted = "contradiction"
        if s.plants.get("date") == (idx, f.key):
            shift = -1 if (dates[1] - dates[0]).days >= 2 else 1
            dates = (dates[0], dates[1] + dt.timedelta(days=shift))
            planted = "date"
        if s.plants.get("arithmetic") == (idx, f.key):
            a = value[0]
            value = (a, 100 - a + rng.randrange(6, 25))
            planted = "arithmetic"
        role = f.roles[0] if rng.random() < 0.7 else rng.choice(f.roles)
        if s.plants.get("source") == (idx, f.key):
            alternatives = [r for r in ROLES[s.topic] if r not in f.roles]
            role = rng.choice(alternatives)
            planted = "source"
        source = s.sources.get(role)
        unsourced = planted not in ("source",) and rng.random() < 0.22
        if unsourced:
            source = None
        clause, info = render_fact(f, value, lang, rng, s, dates, imperial, p["update"] and f.running)
        first = role not in mentioned
        sentence = attribute(clause, source, lang, first, spoke, rng)
        if source is not None:
            mentioned.add(role)
        sentences.append(sentence)
        info.update(path=None, lang=lang, sentence=sentence, source=None if source is None else role)
        if planted:
            truth.append({**info, "kind": planted})
        if unsourced:
            truth.append({**info, "kind": "unsourced"})
    # paragraphs: the intro and the lead fact, then two or three sentences a paragraph, with
    # context sentences and quotes between the facts, until the article reaches its length
    intro = rng.choice(topic["intro"][lang]).format(when=when_text(s.event, pub, lang, rng), **kw)
    generic = GENERIC_FILLER[lang] if s.topic in ("wildfire", "flood", "spill") else POLITICAL_FILLER[lang]
    fillers = [t.format(**kw) for t in topic["filler"][lang]] + generic + quotes(s, lang, rng)
    rng.shuffle(fillers)
    paragraphs = [[intro, sentences[0]]]
    rest = sentences[1:]
    while rest:
        take = rng.randrange(1, 3)
        para, rest = rest[:take], rest[take:]
        if fillers and rng.random() < 0.4:
            para.insert(rng.randrange(len(para) + 1), fillers.pop())
        paragraphs.append(para)
    target = int(rng.triangular(1000, 3800, 1600))

    def size() -> int:
        return sum(len(" ".join(pp).encode()) + 2 for pp in paragraphs)
    while size() < target and fillers:
        short = [pp for pp in paragraphs[1:] if len(pp) < 3]
        if short and rng.random() < 0.7:
            rng.choice(short).append(fillers.pop())
        else:
            paragraphs.append([fillers.pop() for _ in range(min(2, len(fillers)))])
    while size() > 4000 and len(paragraphs) > 3:
        paragraphs.pop()
    body = "\n\n".join(" ".join(pp) for pp in paragraphs)
    lead_value = s.values[lead.key]
    if lead.unit:
        head_n, _ = measure(lead_value, lead.unit, "exact", lang, random.Random(idx), imperial)
    else:
        head_n = numeral(lead_value, lang, random.Random(idx), words=False)
    title = topic["title"][lang].format(n=head_n, **kw)
    kept = set(body.split("\n\n"))
    truth = [t for t in truth if any(t["sentence"] in para for para in kept)]
    return {"outlet": p["outlet"], "published": pub.isoformat(), "lang": lang, "title": title,
            "text": body, "story": s.sid, "topic": s.topic}, truth


def slug(text: str) -> str:
    t = text.lower()
    for a, b in (("à", "a"), ("è", "e"), ("é", "e"), ("ì", "i"), ("ò", "o"), ("ù", "u"), ("á", "a"),
                 ("í", "i"), ("ó", "o"), ("ú", "u"), ("ñ", "n"), ("ç", "c"), ("ã", "a"), ("õ", "o"),
                 ("â", "a"), ("ê", "e"), ("ô", "o"), ("î", "i"), ("û", "u"), ("ä", "a"), ("ö", "o"),
                 ("ü", "u"), ("ß", "ss"), ("ë", "e"), ("ï", "i")):
        t = t.replace(a, b)
    return re.sub(r"[^a-z0-9]+", "-", t).strip("-")


def generate(n: int, seed: int = 7) -> tuple[list[dict], list[dict]]:
    """`n` articles (dicts with outlet, published, lang, title, text, story, topic, path) and the
    planted items. Deterministic: the same `n` and `seed` give the same corpus."""
    rng = random.Random(seed)
    names = Names(random.Random(seed * 7919 + 1))
    articles: list[dict] = []
    truth: list[dict] = []
    idx = 0
    while len(articles) < n:
        s = new_story(idx, rng, names)
        idx += 1
        count = min(rng.randrange(3, 7), n - len(articles))
        plan = plan_outlets(s, rng, count)
        for i, p in enumerate(plan):
            art, planted = write_article(s, p, i, rng)
            art["path"] = f"{s.sid}-{s.topic}/{slug(p['outlet'])}.md"
            for t in planted:
                t["path"] = art["path"]
                t["story"] = s.sid
            articles.append(art)
            truth.extend(planted)
    return articles, truth


def yaml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)     # a JSON string is a valid YAML scalar


def markdown(a: dict) -> str:
    return (f"---\noutlet: {yaml_str(a['outlet'])}\ntitle: {yaml_str(a['title'])}\n"
            f"published: {a['published']}\nlang: {a['lang']}\n---\n\n{a['text']}\n")


def write_corpus(articles: list[dict], outdir: str, jsonl: str | None = None,
                 truth: list[dict] | None = None, truth_path: str | None = None) -> int:
    """Write the articles as Markdown under `outdir`; return the bytes written."""
    total = 0
    for a in articles:
        path = os.path.join(outdir, a["path"])
        os.makedirs(os.path.dirname(path), exist_ok=True)
        data = markdown(a).encode("utf-8")
        with open(path, "wb") as fh:
            fh.write(data)
        total += len(data)
    if jsonl:
        with open(jsonl, "w", encoding="utf-8") as fh:
            for a in articles:
                rec = {"id": a["path"], "outlet": a["outlet"], "published": a["published"],
                       "lang": a["lang"], "title": a["title"], "story": a["story"], "text": a["text"]}
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    if truth_path and truth is not None:
        with open(truth_path, "w", encoding="utf-8") as fh:
            for t in truth:
                fh.write(json.dumps(t, ensure_ascii=False) + "\n")
    return total


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("articles", type=int, help="number of articles to write")
    ap.add_argument("outdir", help="directory to write the Markdown files into (created)")
    ap.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    ap.add_argument("--jsonl", metavar="FILE", help="also write all articles to one JSON Lines file")
    ap.add_argument("--truth", metavar="FILE", help="write the planted items as JSON Lines")
    args = ap.parse_args(argv)
    if args.articles < 1:
        ap.error("articles must be at least 1")
    articles, truth = generate(args.articles, args.seed)
    total = write_corpus(articles, args.outdir, args.jsonl, truth, args.truth)
    stories = len({a["story"] for a in articles})
    langs = {l: sum(a["lang"] == l for a in articles) for l in LANGS}
    print(f"wrote {len(articles)} articles ({total / 1e6:.1f} MB, {stories} stories; "
          + ", ".join(f"{k} {v}" for k, v in langs.items()) + f") to {args.outdir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
