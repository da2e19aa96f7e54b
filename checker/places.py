"""Places across languages: the name of a country in any language is one key.

A figure given "in Mozambique" and one given "in Malawi" count different things, in one
language or in two ("in Mosambik", "au Malawi"). The country names of every language come
from CLDR (Babel's territory names), so no language file lists them; a place that is no
country (a city, a region) has no key, and is compared by its name as written.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable

from babel import Locale, UnknownLocaleError

from checker.language import fold, supported_languages


@functools.lru_cache(maxsize=None)
def _country_names(code: str) -> dict[str, str]:
    """Folded country name → ISO 3166 code, in one language's CLDR data (empty when Babel
    has no locale for it). Regions of the world ("Europa", numeric codes) are left out."""
    try:
        territories = Locale.parse(code).territories
    except (UnknownLocaleError, ValueError, TypeError):
        return {}
    return {" ".join(fold(name).split()): terr for terr, name in territories.items()
            if len(terr) == 2 and terr.isalpha()}


@functools.lru_cache(maxsize=64)
def _countries(lang: str) -> dict[str, str]:
    """Folded country name → code in the languages with a data file and in `lang`; a name
    two languages give to different countries is left out (it names neither for sure)."""
    seen: dict[str, set[str]] = {}
    for code in dict.fromkeys(supported_languages() + ([lang] if lang else [])):
        for name, terr in _country_names(code).items():
            seen.setdefault(name, set()).add(terr)
    return {name: next(iter(terrs)) for name, terrs in seen.items() if len(terrs) == 1}


def country_of(place: str, lang: str | None = None) -> str | None:
    """The ISO code of the country a place name (as `scope` keeps it, folded) names, in any
    supported language or in `lang`: "mosambik", "mozambique", "mozambico" are `MZ`."""
    return _countries(lang if isinstance(lang, str) else "").get(" ".join(fold(place).split()))


@functools.lru_cache(maxsize=1 << 12)
def countries(places: frozenset[str], lang: str | None = None) -> frozenset[str]:
    """The countries of the places that are countries."""
    lang = lang if isinstance(lang, str) else None  # a frame's missing language is NaN
    return frozenset(c for c in (country_of(p, lang) for p in places) if c)


def all_countries(places: Iterable[str], lang: str | None = None) -> bool:
    """Whether there are places and every one is a country."""
    places = list(places)
    return bool(places) and all(country_of(p, lang) for p in places)
