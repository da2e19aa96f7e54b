#!/usr/bin/env python3
"""Generate a realistic, deterministic corpus of news articles for benchmarking the checker.

    python benchmarks/generate.py 10000 /tmp/corpus [--seed 7] [--jsonl feed.jsonl] [--truth truth.jsonl]

Writes N articles as Markdown files with YAML front matter (`outlet`, `published`, `lang`,
`title`), one folder a story, into the output directory. Each story is an invented event (a
wildfire, a flood, a port strike, a chemical spill, an election count) in an invented place,
covered by three to six outlets in Italian, English and Spanish. Every story draws its own
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

LANGS = ("it", "en", "es")

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
        return f"{decimal(m, lang)} million"
    if 1000 <= n < 1_000_000 and n % 1000 == 0 and n > 1000:
        k = n // 1000
        if lang == "it" and rng.random() < 0.5:
            return f"{k}mila" if rng.random() < 0.7 else f"{k} mila"
        if lang == "es" and rng.random() < 0.25:
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
}
RANGE = {"it": "tra {a} e {b}", "en": "between {a} and {b}", "es": "entre {a} y {b}"}


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
                      "en_imp": ["miles"]}),
    "ha": (2.47105, {"it": ["ettari"], "en": ["hectares"], "es": ["hectáreas"], "en_imp": ["acres"]}),
    "m": (3.28084, {"it": ["metri"], "en": ["metres"], "es": ["metros"], "en_imp": ["feet"]}),
    "t": (None, {"it": ["tonnellate"], "en": ["tonnes"], "es": ["toneladas"]}),
    "mm": (0.0393701, {"it": ["millimetri"], "en": ["millimetres", "mm"], "es": ["litros por metro cuadrado"],
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
            "en": {"EUR": "euros", "USD": "dollars"}}[lang][cur]
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
                       "es": ["{n}%", "{n}%", "{n} por ciento"]}[lang]).format(n=n)
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
}
WEEKDAYS = {
    "it": ["lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "es": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
}


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
    months = MONTHS[rng.choice(["en", "en_ap"])]
    ma, mb = months[a.month - 1], months[b.month - 1]
    second = f"{b.day}" if same else f"{mb} {b.day}"
    return rng.choice([f"from {ma} {a.day} to {second}", f"between {ma} {a.day} and {second}"])


def when_text(event: dt.date, published: dt.date, lang: str, rng: random.Random) -> str:
    """When something happened, as an article published on `published` would say it."""
    delta = (published - event).days
    wd = WEEKDAYS[lang][event.weekday()]
    if delta == 1 and rng.random() < 0.45:
        return {"it": "ieri", "en": "yesterday", "es": "ayer"}[lang]
    if rng.random() < 0.2:
        return day_text(event, lang, rng)
    if delta <= 6:
        if lang == "en" and rng.random() < 0.3:
            return f"on {wd}, {MONTHS['en_ap'][event.month - 1]} {event.day}"
        return {"it": wd, "en": f"on {wd}", "es": f"el {wd}"}[lang]
    if delta <= 13 and rng.random() < 0.2:
        return {"it": "la settimana scorsa", "en": "last week", "es": "la semana pasada"}[lang]
    return {"it": f"{wd} scors{'a' if wd == 'domenica' else 'o'}", "en": f"last {wd}",
            "es": f"el {wd} pasado"}[lang]


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
    return src


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
        verb = {"it": "ha detto", "en": "said", "es": "declaró"}[lang]
        return f"\"{q},\" {name} {verb}." if lang == "en" else f"«{q}», {verb} {name}."
    name, _, g = s.people[role]
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
    langs = list(LANGS) if count >= 3 else list(rng.sample(LANGS, count))
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
             "es": rng.choice(["ayer", f"el {WEEKDAYS['es'][spoke_day.weekday()]}"])}[lang]
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
                 ("í", "i"), ("ó", "o"), ("ú", "u"), ("ñ", "n")):
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
