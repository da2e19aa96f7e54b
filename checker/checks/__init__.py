"""Rule types: the one registry from a rule file's `type:` to the module that implements it.

Every rule type is one module of this package with the same three parts:

- a module docstring (what it flags, why, its params, an example), printed by `rules show`;
- `Settings`: a dataclass of the params a rule file may set, with types and defaults; each
  field's `metadata={"doc": ...}` documents it. `settings_from_dict` validates a rule's
  `params:` against it;
- `run(claims, rule, ctx) -> list[Finding]`, a pure function of the claims frame.

A module may also declare `FIELDS` (name → meaning), the placeholders its messages can use
beyond `COMMON_FIELDS`; the rule loader rejects any other placeholder.
Adding a rule type is one new module and one line in `RULE_TYPES`.
"""
from __future__ import annotations

import dataclasses
import difflib
import importlib
import importlib.util
import math
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

# type name → module; a name whose module is not written yet is left out of `available_types`
RULE_TYPES: dict[str, str] = {
    "unsourced": "checker.checks.unsourced",
    "contradiction": "checker.checks.contradiction",
    "date-conflict": "checker.checks.date_conflict",
    "source-conflict": "checker.checks.source_conflict",
    "arithmetic": "checker.checks.arithmetic",
    "name-variant": "checker.checks.name_variant",
    "weekday-mismatch": "checker.checks.weekday_mismatch",
}

# placeholders every rule type fills from the claim a finding is located at
COMMON_FIELDS: dict[str, str] = {
    "text": "the claim as written",
    "value": "the figure, formatted (1,500; 4.2)",
    "figure": "the figure with its unit (1,500; 62%; 45 USD)",
    "unit": "its unit, empty for plain counts",
    "subject": "what is counted, as written",
    "source": "who it is attributed to, empty when unsourced",
    "outlet": "the article's outlet",
    "path": "the article's file",
    "published": "the article's publication date",
}


def available_types() -> list[str]:
    """Rule type names whose module exists, sorted."""
    return sorted(name for name, module in RULE_TYPES.items()
                  if importlib.util.find_spec(module) is not None)


def rule_type(name: str) -> types.ModuleType:
    """The module implementing rule type `name`; KeyError when there is none."""
    if name not in RULE_TYPES or importlib.util.find_spec(RULE_TYPES[name]) is None:
        raise KeyError(name)
    return importlib.import_module(RULE_TYPES[name])


def message_fields(module: types.ModuleType) -> dict[str, str] | None:
    """Placeholders a rule type's messages may use; None when the module does not say."""
    own = getattr(module, "FIELDS", None)
    return None if own is None else {**COMMON_FIELDS, **own}


# --- params ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class ParamError:
    """A bad param: its name (dotted for nested values) and what is wrong with it."""

    name: str
    message: str


def _type_name(tp: Any) -> str:
    origin = typing.get_origin(tp)
    if origin is typing.Literal:
        return "one of " + ", ".join(str(a) for a in typing.get_args(tp))
    if origin is list:
        item = typing.get_args(tp)[0]
        plural = {int: "integers", float: "numbers", bool: "booleans", str: "strings"}
        return f"a list of {plural.get(item, _type_name(item))}"
    return {int: "an integer", float: "a number", bool: "true or false", str: "a string"}.get(
        tp, getattr(tp, "__name__", str(tp)))


def _coerce(value: Any, tp: Any) -> Any:
    """`value` as type `tp`, or raise ValueError; ints are numbers, bools are not."""
    origin = typing.get_origin(tp)
    if origin is typing.Union or isinstance(tp, types.UnionType):
        args = typing.get_args(tp)
        if value is None and type(None) in args:
            return None
        for arg in (a for a in args if a is not type(None)):
            try:
                return _coerce(value, arg)
            except ValueError:
                pass
        raise ValueError
    if origin is typing.Literal:
        if value in typing.get_args(tp):
            return value
        raise ValueError
    if origin is list:
        if not isinstance(value, list):
            raise ValueError
        return [_coerce(v, typing.get_args(tp)[0]) for v in value]
    if tp is bool:
        if isinstance(value, bool):
            return value
        raise ValueError
    if tp is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
            return float(value)
        raise ValueError
    if tp is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise ValueError
    if tp is str:
        if isinstance(value, str):
            return value
        raise ValueError
    raise ValueError


def _describe(tp: Any) -> str:
    origin = typing.get_origin(tp)
    if origin is typing.Union or isinstance(tp, types.UnionType):
        return " or ".join("null" if a is type(None) else _type_name(a) for a in typing.get_args(tp))
    return _type_name(tp)


def settings_fields(settings_cls: type) -> list[tuple[str, Any, Any, str]]:
    """(name, type, default, doc) of each param of a `Settings` dataclass."""
    hints = typing.get_type_hints(settings_cls)
    out = []
    for f in dataclasses.fields(settings_cls):
        default = (f.default if f.default is not dataclasses.MISSING
                   else f.default_factory() if f.default_factory is not dataclasses.MISSING
                   else None)
        out.append((f.name, hints[f.name], default, f.metadata.get("doc", "")))
    return out


def settings_from_dict(settings_cls: type, params: Mapping[str, Any]
                       ) -> tuple[Any, list[ParamError]]:
    """Validate `params` against `settings_cls`: (settings or None, errors naming each bad param).

    An unknown name is an error with the valid names; a value of the wrong type is an error
    with the expected type. A `Settings` may check values further in a
    `check(self) -> list[ParamError]` method (a threshold out of range, say).
    """
    fields = {name: tp for name, tp, _, _ in settings_fields(settings_cls)}
    errors: list[ParamError] = []
    values: dict[str, Any] = {}
    for name, value in params.items():
        if name not in fields:
            close = difflib.get_close_matches(str(name), list(fields), n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            valid = ", ".join(fields) or "none"
            errors.append(ParamError(str(name), f"unknown param '{name}' ({hint}valid params: {valid})"))
            continue
        try:
            values[name] = _coerce(value, fields[name])
        except ValueError:
            errors.append(ParamError(name, f"params.{name} must be {_describe(fields[name])}, "
                                           f"not {_show(value)}"))
    if errors:
        return None, errors
    settings = settings_cls(**values)
    check = getattr(settings, "check", None)
    errors = list(check()) if callable(check) else []
    return (None, errors) if errors else (settings, [])


def _show(value: Any) -> str:
    if isinstance(value, str):
        return repr(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "a mapping"
    return repr(value)


# --- the run context --------------------------------------------------------------------------

def load_lang_data(lang: str) -> Mapping[str, Any]:
    """The language data file `checker/lang/<lang>.yaml` as a mapping; empty when there is none."""
    from checker.language import LanguageError, language
    try:
        return language(str(lang or "")).data
    except LanguageError:
        return {}


@dataclass(frozen=True)
class CheckContext:
    """What a check needs besides the claims and its rule.

    `targets`: the article keys being linted. Findings are reported only at claims of these
    articles; the others (from `--against`) are read for comparison, never reported on.
    """

    targets: frozenset[str]
    gazetteer: Any = None
    lang_data: Callable[[str], Mapping[str, Any]] = field(default=load_lang_data)


# --- helpers for checks working on the claims frame ------------------------------------------

def column(claims: pd.DataFrame, name: str, default: Any = None) -> pd.Series:
    """A column of the claims frame, or a column of `default` when the frame lacks it."""
    if name in claims.columns:
        return claims[name]
    return pd.Series([default] * len(claims), index=claims.index, dtype=object)


def article_keys(claims: pd.DataFrame) -> pd.Series:
    """The article each claim belongs to: the `article` column, else its `path`. A column
    of Python strings already is returned as it is (a copy as an Arrow column would cost
    every key's string again, and reading it back as many more)."""
    if "article" in claims.columns:
        keys = claims["article"]
        if keys.isna().any():
            keys = keys.where(keys.notna(), claims["path"])
    else:
        keys = claims["path"]
    if keys.dtype == object and pd.api.types.infer_dtype(keys, skipna=False) == "string":
        return keys
    return keys.astype(str)


def blank(series: pd.Series) -> pd.Series:
    """True where a text column is missing or empty."""
    return series.isna() | (series.astype(str).str.strip() == "")


def nominal_value(claims: pd.DataFrame) -> pd.Series:
    """The number a figure states: `value`, else its lower bound, else its upper bound."""
    value = pd.to_numeric(column(claims, "value"), errors="coerce")
    low = pd.to_numeric(column(claims, "value_min"), errors="coerce")
    high = pd.to_numeric(column(claims, "value_max"), errors="coerce")
    return value.fillna(low).fillna(high)


def dimension(claims: pd.DataFrame) -> pd.Series:
    """What kind of quantity a figure is: `dimension`, else its unit, else `count`."""
    unit = column(claims, "unit").where(~blank(column(claims, "unit")), "count")
    dim = column(claims, "dimension")
    return dim.where(~blank(dim), unit).astype(str)


def format_number(value: float | None) -> str:
    """1500 → '1,500'; 4.2 → '4.2'; None → ''."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.3f}".rstrip("0").rstrip(".")


def format_figure(value: float | None, unit: Any) -> str:
    """A figure with its unit: 62% for percent, '45 USD', '12 hectare', '1,500'."""
    number = format_number(value)
    if unit is None or (isinstance(unit, float) and math.isnan(unit)) or unit == "":
        return number
    return f"{number}%" if unit == "percent" else f"{number} {unit}"


def text_of(value: Any) -> str:
    """A text cell as a str: '' for None/NaN."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def outlet_name(claim: Mapping[str, Any]) -> str:
    """The outlet of a claim's article, else its file name."""
    outlet = text_of(claim.get("outlet"))
    if outlet:
        return outlet
    path = text_of(claim.get("path"))
    return path.rsplit("/", 1)[-1] or path


def outlet_names(claims: pd.DataFrame) -> pd.Series:
    """`outlet_name` of every claim of a frame."""
    outlet = column(claims, "outlet")
    fallback = column(claims, "path").astype(str).str.rsplit("/", n=1).str[-1]
    return outlet.where(~blank(outlet), fallback).astype(str)


def source_labels(claims: pd.DataFrame) -> pd.Series:
    """Who each claim is credited to: `source`, else `source_text`, else ''."""
    source, written = column(claims, "source"), column(claims, "source_text")
    return source.where(~blank(source), written.where(~blank(written), "")).astype(str)


def nominal_of(claim: Mapping[str, Any]) -> float | None:
    """`nominal_value` of one claim."""
    for name in ("value", "value_min", "value_max"):
        try:
            value = float(claim.get(name))
        except (TypeError, ValueError):
            continue
        if not math.isnan(value):
            return value
    return None


def claim_fields(claim: Mapping[str, Any]) -> dict[str, str]:
    """The `COMMON_FIELDS` of one claim, as strings ready for a message template."""
    value = nominal_of(claim)
    return {
        "text": text_of(claim.get("text")),
        "value": format_number(value),
        "figure": format_figure(value, claim.get("unit")),
        "unit": text_of(claim.get("unit")),
        "subject": text_of(claim.get("subject")),
        "source": text_of(claim.get("source")) or text_of(claim.get("source_text")),
        "outlet": outlet_name(claim),
        "path": text_of(claim.get("path")),
        "published": text_of(claim.get("published")),
    }


def listing(items: list[str], total: int) -> str:
    """`a; b; c and 4 more` (`checker.compare.listing`), each item once: an outlet that gives
    the same figure, credited alike, in several sentences is named once; `total` still counts
    every claim, so the claims left out are still said."""
    from checker.compare import listing as listed
    unique = list(dict.fromkeys(items))
    return listed(unique, total - len(items) + len(unique))


def records(claims: pd.DataFrame, index: Iterable[Any]) -> dict[Any, dict[str, Any]]:
    """Rows of the claims frame as dicts by index label: much faster to read than Series."""
    labels = list(dict.fromkeys(index))
    if not labels:
        return {}
    rows = claims.loc[labels]
    return dict(zip(rows.index, row_dicts(rows)))


def _native(value: Any) -> Any:
    """A cell as a plain Python value, as `DataFrame.to_dict` gives it (NA is None)."""
    if value is pd.NA:
        return None
    return value.item() if isinstance(value, np.generic) else value


def row_dicts(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of a frame as dicts of plain Python values, as `to_dict("records")` gives
    them, read a column at a time (several times faster on frames of many columns)."""
    names = list(frame.columns)
    columns = []
    for name in names:
        values = frame[name].tolist()
        if not isinstance(frame[name].dtype, np.dtype) or frame[name].dtype == object:
            values = [v if v is None or type(v) in _PLAIN else _native(v) for v in values]
        columns.append(values)
    return [dict(zip(names, row)) for row in zip(*columns)]


_PLAIN = frozenset({str, int, float, bool})


def in_targets(claims: pd.DataFrame, ctx: CheckContext) -> pd.Series:
    """True for claims of the articles being linted."""
    return article_keys(claims).isin(ctx.targets)
