"""Which claims are about the same quantity, and whether their figures can both hold.

Deciding that two figures measure the same thing is the hard part. Claims are first put in
blocks by what is cheap and certain: the unit's dimension (a length, a count, US dollars),
the root concept of what is counted (soldiers and men are both people) and whether the figure
is done or planned. Inside a block, two claims are the same quantity when their subjects and
events agree and their articles share a named entity (one story, not two). Cost grows with the
size of blocks, never with the square of the whole run.

Figures are compared as intervals in base units (pint): `circa 10.000` is 9,500–10,500, `oltre
2.000` is 2,000 and up, and a converted figure keeps the precision it was written with (25
miles is 40.2 ± 0.8 km), so 40 km and 25 miles agree.
"""
from __future__ import annotations

import collections
import contextlib
import datetime as dt
import functools
import math
import operator
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any
from dataclasses import dataclass

import pandas as pd
from rapidfuzz import fuzz

from checker.attribution import names_document
from checker.gazetteer import Gazetteer
from checker.language import LanguageError, fold, language
from checker.places import all_countries, countries
from checker.pairing import (AGREES, CONFLICT, CREDITED, MAX_LISTED, SUPPORT, UPDATE, FigureClass,
                             Measure, Placement, Relations, interval_bounds, point_of, region,
                             relate, window_region)
from checker.subjects import concept_kind, concepts, root_concept
from checker.units import DIMENSION_NAMES, is_currency, money_factor, unit_base



_SHARED: list[dict] = []  # the innermost `shared_work` scope's memo, when one is open


@contextlib.contextmanager
def shared_work() -> Iterator[None]:
    """While open, what the rules of one run over one frame all compute alike (the figures
    ready for comparison, the names each story is about, which kinds of subject are the same)
    is computed once for that frame rather than once a rule. `checker.lint` opens one for each
    part of stories; closing it frees what was kept."""
    _SHARED.append({})
    try:
        yield
    finally:
        _SHARED.pop()


def _shared(key: tuple, compute: Callable[[], Any]) -> Any:
    """`compute()`, or what it gave for `key` in the open `shared_work` scope."""
    if not _SHARED:
        return compute()
    memo = _SHARED[-1]
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def is_generic(key: str | None) -> bool:
    """People, things: a noun that says nothing of what is counted unless an event does."""
    return bool((concepts().get(key) or {}).get("generic"))


def subjects_agree(a: str | None, b: str | None) -> bool:
    """Same subject key, or a generic one (men, people) standing for a specific one (soldiers)."""
    if not a or not b:
        return False
    if a == b:
        return True
    generic = lambda k: bool((concepts().get(k) or {}).get("generic"))
    return (generic(a) and root_concept(b) == a) or (generic(b) and root_concept(a) == b)


def events_agree(a: str | None, b: str | None) -> bool:
    """Events agree unless both are known and share nothing (unsafe vs destroyed buildings)."""
    if not a or not b:
        return True
    return bool(set(a.split("|")) & set(b.split("|")))


def is_running(key: str | None) -> bool:
    """A count that grows as news comes in (deaths, injured): a later, higher figure updates it."""
    return bool((concepts().get(key) or {}).get("running"))


@dataclass(frozen=True)
class Interval:
    low: float
    high: float


# the report's words for the roles of `quantity_groups`
VERDICT_OF = {CONFLICT: "contradicts", CREDITED: "credited differently", UPDATE: "update"}

# exchange rates move within a day and outlets round what they convert: two amounts in
# different currencies agree within this share once converted
MONEY_TOLERANCE = 0.03


def factor_of(row) -> float:
    """A figure's factor to base units: its `factor` column (a currency's rate to the euro on
    its article's day), else its unit's."""
    factor = getattr(row, "factor", None)
    return factor if _num(factor) else unit_base(row.unit)[1]


def interval(row, widen_precision: bool = False, tolerance: float = 0.0) -> Interval | None:
    """A figure as an interval in base units; None when it has no bounds at all."""
    if not _num(row.value_min) and not _num(row.value_max):
        return None
    low, high = interval_bounds(row, Measure("interval", tolerance, widen_precision), _unit_factor)
    return Interval(low, high)


def _num(v) -> bool:
    return v is not None and not (isinstance(v, float) and math.isnan(v))


def _unit_factor(unit) -> float:
    return unit_base(unit)[1]


def interval_measure(a, b, tolerance: float = 0.0) -> Measure:
    """How two classes of figures are compared as intervals: converted figures keep their
    precision; amounts in two currencies agree within MONEY_TOLERANCE."""
    widen = a.unit != b.unit
    if widen and is_currency(a.unit) and is_currency(b.unit):
        tolerance = max(tolerance, MONEY_TOLERANCE)
    return Measure("interval", max(tolerance, _rate_drift(a, b)), widen)


def _rate_drift(a, b) -> float:
    """Two amounts in one currency on two days are converted at two rates: their relative
    difference is slack, so that $5 billion on Monday is $5 billion on Tuesday."""
    if a.unit != b.unit or not is_currency(a.unit):
        return 0.0
    fa, fb = factor_of(a), factor_of(b)
    return abs(fa - fb) / min(fa, fb) if fa != fb and min(fa, fb) > 0 else 0.0


def intervals_agree(a, b, tolerance: float = 0.0) -> bool:
    """True when the two figures can both hold (`interval_measure`)."""
    measure = interval_measure(a, b, tolerance)
    lo_a, hi_a = interval_bounds(a, measure, _unit_factor)
    lo_b, hi_b = interval_bounds(b, measure, _unit_factor)
    return region(lo_a, hi_a, lo_b, hi_b) == 1


def figure_measure(a, b, tolerance: float = 0.01) -> Measure:
    """How two classes of figures are compared as the same number (`same_figure`)."""
    widen = a.unit != b.unit
    if widen and is_currency(a.unit) and is_currency(b.unit):
        tolerance = max(tolerance, MONEY_TOLERANCE)
    return Measure("window", max(tolerance, _rate_drift(a, b)), widen)


def same_figure(a, b, tolerance: float = 0.01) -> bool:
    """Two point figures that are the same number (within `tolerance`, after conversion)."""
    if a.qualifier == "vague" or b.qualifier == "vague":
        return False
    measure = figure_measure(a, b, tolerance)
    pa, pb = point_of(a, measure, _unit_factor), point_of(b, measure, _unit_factor)
    return pa is not None and pb is not None and window_region(pa, pb, measure.tolerance) == 1


@functools.lru_cache(maxsize=65536)
def is_anonymous(source_text: str | None, lang: str | None) -> bool:
    """Whether a source phrase names nobody in particular (`officials`, `fonti locali`);
    asked of every pair of figures, so kept per phrase."""
    if not source_text or not lang:
        return False
    try:
        return bool(language(lang).re["anonymous"].match(fold(source_text)))
    except LanguageError:
        return False


UMBRELLA = frozenset({"authorities"})  # a source role that may stand for any other role


@functools.lru_cache(maxsize=1 << 16)
def source_roles(source: str | None, lang: str | None) -> frozenset[str]:
    """What kind of source a name is (`mayor`, `hospital`, `police`), from the language's
    `source_roles`: one key whatever language names it (asked of every pair of figures,
    so kept per name)."""
    if not source or not lang:
        return frozenset()
    try:
        table = _role_table(lang)
    except LanguageError:
        return frozenset()
    text = " " + " ".join(w.strip(".,;:'’()") for w in fold(source).split()) + " "
    return frozenset(role for phrase, role in table if f" {phrase} " in text)


@functools.lru_cache(maxsize=None)
def _role_table(lang: str) -> tuple[tuple[str, str], ...]:
    roles = language(lang).data.get("source_roles") or {}
    return tuple((" ".join(fold(w).split()), role) for role, words in roles.items() for w in words)


@functools.lru_cache(maxsize=65536)
def _bystander(source_text: str | None, lang: str | None) -> bool:
    """Whether a source is people who saw it (`témoins`, `several witnesses`): never an
    institution. Its words are the language's bystanders, determiners and counting words."""
    if not source_text or not lang:
        return False
    try:
        data = language(lang)
    except LanguageError:
        return False
    words = data.folded("bystanders")
    allowed = words | data.folded("attribution.determiners") | data.folded("bystander_counts")
    folded = fold(source_text).split()
    return bool(folded) and any(w in words for w in folded) and all(w in allowed for w in folded)


@functools.lru_cache(maxsize=65536)
def _document(source_text: str | None, lang: str | None) -> bool:
    """Whether a source is a document (`le plus récent bilan officiel`, `un informe`)."""
    if not source_text or not lang:
        return False
    try:
        return names_document(source_text, language(lang))
    except LanguageError:
        return False


@functools.lru_cache(maxsize=1 << 17)
def name_similarity(a: str, b: str) -> float:
    """rapidfuzz `token_set_ratio` (0-100) of two folded source names; asked of every pair
    of classes whose sources are both named, so kept per two names."""
    return float(fuzz.token_set_ratio(*sorted((a, b))))


def sources_differ(a, b, gazetteer: Gazetteer) -> bool:
    """True only when two claims are surely credited to different sources.

    Both must be named (not anonymous): known to the gazetteer and unrelated, or, written in
    one language, with names that do not resemble each other. Names in different languages
    that the gazetteer does not know cannot be told apart, so they are not said to differ.
    """
    if not a.source or not b.source:
        return False
    onlookers = (_bystander(a.source_text, a.lang), _bystander(b.source_text, b.lang))
    if onlookers[0] != onlookers[1]:  # witnesses against the police, a hospital, a minister
        other = b if onlookers[0] else a
        return not is_anonymous(other.source_text, other.lang) and not _document(other.source_text, other.lang)
    if is_anonymous(a.source_text, a.lang) or is_anonymous(b.source_text, b.lang):
        return False
    if _document(a.source_text, a.lang) or _document(b.source_text, b.lang):
        return False  # a report, a toll, a count: someone's, maybe the other's
    if gazetteer.known(a.source) and gazetteer.known(b.source):
        return not gazetteer.related(a.source, b.source)
    roles_a, roles_b = source_roles(a.source, a.lang), source_roles(b.source, b.lang)
    if roles_a and roles_b:  # a mayor and a hospital, in any two languages
        # ("the authorities" may be the police, the prefect, a hospital: not a bank)
        return not (roles_a & roles_b or UMBRELLA & (roles_a | roles_b))
    if gazetteer.known(a.source) != gazetteer.known(b.source) and a.lang != b.lang:
        return False
    if a.lang != b.lang:
        return False
    fa, fb = fold(a.source), fold(b.source)
    if fa == fb:
        return False
    return name_similarity(fa, fb) < 60


def same_time(a, b) -> bool:
    """Whether two figures may be of one time: unless both are dated by what they count (an
    event date of their sentence or paragraph) and the dates do not overlap."""
    roles = (getattr(a, "date_role", None), getattr(b, "date_role", None))
    if any(r not in ("event", "paragraph") for r in roles):
        return True
    if not (a.date_start and a.date_end and b.date_start and b.date_end):
        return True
    return not (a.date_end < b.date_start or b.date_end < a.date_start)


APART_DAYS = 31  # a running count of one event is updated within weeks, not across months


def far_apart(a, b) -> bool:
    """Whether two figures, one of them dated by what it counts (an event date of its sentence
    or paragraph), are of times more than `APART_DAYS` apart: "a series of quakes in August
    2016 killed 299" is the toll of another disaster than "the death toll has risen to 19",
    not an earlier state of it."""
    roles = (getattr(a, "date_role", None), getattr(b, "date_role", None))
    if not any(r in ("event", "paragraph") for r in roles):
        return False
    if not all(isinstance(d, str) for d in (a.date_start, a.date_end, b.date_start, b.date_end)):
        return False
    first, second = (a, b) if a.date_end < b.date_start else (b, a)
    if not first.date_end < second.date_start:
        return False
    gap = dt.date.fromisoformat(second.date_start) - dt.date.fromisoformat(first.date_end)
    return gap.days > APART_DAYS


def same_sentence(a, b) -> bool:
    """Two figures of one sentence of one article: "a budget of €2.3 billion, including €410
    million for schools", "18 of the 50 seats", "12, up from 9" give two quantities, never
    one quantity twice."""
    start_a, start_b = getattr(a, "sentence_start", None), getattr(b, "sentence_start", None)
    return a.article == b.article and _num(start_a) and _num(start_b) and start_a == start_b


def later(a, b) -> bool:
    """True when claim `a` reports a later state than `b`: a later article, or a later date."""
    if a.published and b.published and a.published != b.published:
        return a.published > b.published
    if a.date_end and b.date_end and a.date_end != b.date_end:
        return a.date_end > b.date_end
    return False


def figures_for_comparison(claims: pd.DataFrame, conversions: bool = False) -> pd.DataFrame:
    """Figures with what blocking needs: dimension, base factor, root concept, kind and
    modality. A conversion in parentheses ("140mph (225km/h)") is not compared on its own:
    the figure it converts is (unless `conversions`: the same figure in another unit, for
    whom it is credited to). Within `shared_work`, computed once a frame (callers filter the
    result into new frames, never change it)."""
    return _shared(("figures", id(claims), conversions), lambda: _figures(claims, conversions))


def _figures(claims: pd.DataFrame, conversions: bool) -> pd.DataFrame:
    df = claims[(claims["kind"] == "figure") & claims["subject_key"].notna()]
    if "figure_kind" in df.columns:
        kinds = df["figure_kind"]
        df = df[kinds != "conversion"] if not conversions else df.assign(
            figure_kind=kinds.replace("conversion", "count"))
    df = df.copy()
    if df.empty:
        return df.assign(dimension=[], root=[], block=[], factor=[])
    df = _round_approximations(df)
    money = [money_factor(u, d if isinstance(d, str) else p)
             for u, d, p in zip(df["unit"], df["date_end"], df["published"])]
    text = lambda values: pd.Series(values, index=df.index, dtype=object)  # noqa: E731
    # (Python strings, not an Arrow column: comparisons read them a figure at a time)
    df["dimension"] = text([m[0] if m else unit_base(u)[0] for m, u in zip(money, df["unit"])])
    df["factor"] = [m[1] if m else unit_base(u)[1] for m, u in zip(money, df["unit"])]
    df["root"] = text([root_concept(k) for k in df["subject_key"]])
    # plans and deeds are different quantities for things counted; a measure (a cost, a
    # magnitude) is the same quantity whatever tense its sentence is in
    modality = [("realized" if concept_kind(k) == "measure" else (m or "realized"))
                for k, m in zip(df["subject_key"], df["modality"])]
    kind = df["figure_kind"].fillna("count") if "figure_kind" in df.columns else ["count"] * len(df)
    df["block"] = text([f"{d}\0{r}\0{m}\0{k}" for d, r, m, k in zip(df["dimension"], df["root"], modality, kind)])
    return df


ROUND_SLACK = 0.10  # "about 50" said of 54: an approximation in one significant digit


def significant_digits(value: float) -> int:
    """How many significant digits a number is written with (50 → 1, 154,000 → 3)."""
    if not _num(value) or value == 0:
        return 0
    digits = f"{abs(value):.6g}".replace(".", "").lstrip("0")
    return len(digits.rstrip("0")) or 1


def _round_approximations(df: pd.DataFrame) -> pd.DataFrame:
    """Approximations in one significant digit ("about 50", "some 200,000") widened to
    ROUND_SLACK either side: a round number said "about" covers more than a precise one."""
    if "qualifier" not in df.columns:
        return df
    round_ = [q == "approx" and _num(v) and significant_digits(v) == 1
              for q, v in zip(df["qualifier"], df["value"])]
    if not any(round_):
        return df
    mask = pd.Series(round_, index=df.index)
    df.loc[mask, "value_min"] = [min(lo, v * (1 - ROUND_SLACK)) for lo, v in
                                 zip(df.loc[mask, "value_min"], df.loc[mask, "value"])]
    df.loc[mask, "value_max"] = [max(hi, v * (1 + ROUND_SLACK)) for hi, v in
                                 zip(df.loc[mask, "value_max"], df.loc[mask, "value"])]
    return df


# what two figures of one class share: everything a comparison reads but their numbers
CLASS_FIELDS = ("subject_key", "event", "subject", "lang", "figure_kind", "scope", "source",
                "source_text", "date_role", "date_start", "date_end", "published", "article",
                "sentence_start", "unit", "factor", "qualifier", "modality", "holder")
# what `same_subject` reads: classes alike in these are compared for subject once
SUBJECT_FIELDS = ("subject_key", "event", "subject", "lang", "figure_kind", "scope", "holder")


def _plain_value(v):
    """A field value as a class key part (NaN is None: NaN never equals itself)."""
    return None if isinstance(v, float) and math.isnan(v) else v


def _rows(figures: pd.DataFrame) -> Iterator[tuple]:
    """The figures as the named tuples `itertuples()` gives (`Index`, then every column),
    read a column at a time: several times faster than `itertuples` on a frame of many
    columns, some of them nullable integers."""
    row = _row_type(tuple(figures.columns))
    columns = [figures.index.tolist()] + [figures.iloc[:, i].tolist() for i in range(figures.shape[1])]
    return map(row._make, zip(*columns))


@functools.lru_cache(maxsize=64)
def _row_type(columns: tuple) -> type:
    return collections.namedtuple("Pandas", ["Index", *columns], rename=True)


def _key_columns(figures: pd.DataFrame) -> list[list]:
    """The `CLASS_FIELDS` columns of `figures` as lists of key parts (`_plain_value`), a
    column at a time rather than a figure and a field at a time."""
    out = []
    for name in CLASS_FIELDS:
        if name not in figures.columns:
            out.append([None] * len(figures))
            continue
        out.append([None if isinstance(v, float) and v != v else v for v in figures[name].tolist()])
    return out


def same_quantity_classes(figures: pd.DataFrame, claims: pd.DataFrame,
                          gazetteer: Gazetteer | None = None) -> list[tuple[FigureClass, FigureClass]]:
    """Pairs of classes of figures (`checker.pairing`) that may give the same quantity, a class
    with itself included: one block (dimension, root concept, modality, kind of figure), one
    story, one scope, subjects and events that agree. Only figures of one block and one story
    are paired, and subjects are compared once for each two kinds of subject, so the cost
    follows the number of classes in a story, not the number of figures of the run."""
    if figures.empty:
        return []
    if "story" in figures.columns:
        story = dict(zip(figures["article"], figures["story"]))
    else:
        from checker.gazetteer import default_gazetteer
        from checker.stories import story_ids
        story = story_ids(claims, gazetteer or default_gazetteer())
    lone = _lone_in_article(figures)
    dominant = _shared(("dominant", id(claims)), lambda: dominant_names(claims, story))
    alike = _shared(("same_subject",), dict)  # (kind, kind) → same_subject of their figures
    groups: dict[tuple, dict[tuple, FigureClass]] = defaultdict(dict)
    scopes: dict[tuple, tuple] = {}
    no_scope = [None] * len(figures)
    for row, fields, raw_scope in zip(_rows(figures), zip(*_key_columns(figures)),
                                      figures["scope"] if "scope" in figures.columns else no_scope):
        article = row.article
        sid = story.get(article, article)
        at = (raw_scope, sid, article)
        scope = scopes.get(at)
        if scope is None:
            scope = scopes[at] = _scope(raw_scope, dominant.get(sid, frozenset()), article)
        key = (scope, row.Index in lone) + fields
        group = groups[(row.block, sid)]
        cls = group.get(key)
        if cls is None:
            cls = group[key] = FigureClass([])
        cls.rows.append(row)
        cls.labels.append(row.Index)
    pairs: list[tuple[FigureClass, FigureClass]] = []
    subject_of = operator.itemgetter(*(CLASS_FIELDS.index(f) + 2 for f in SUBJECT_FIELDS))
    for group_key in sorted(groups, key=str):
        kinds: dict[tuple, list[FigureClass]] = defaultdict(list)
        for key, cls in groups[group_key].items():
            kinds[key[:2] + subject_of(key)].append(cls)
        kind_list = list(kinds.items())
        for i, (kind_a, classes_a) in enumerate(kind_list):
            for kind_b, classes_b in kind_list[i:]:
                if kind_a[0] != kind_b[0]:
                    continue  # another part, subgroup or place of a breakdown
                known = alike.get((kind_a, kind_b))
                if known is None:
                    known = alike[(kind_a, kind_b)] = same_subject(
                        classes_a[0].rep, classes_b[0].rep, kind_a[1] and kind_b[1])
                if not known:
                    continue
                if kind_a is kind_b:
                    pairs += [(p, q) for x, p in enumerate(classes_a) for q in classes_a[x:]]
                else:
                    pairs += [(p, q) for p in classes_a for q in classes_b]
    return pairs


def relate_figures(figures: pd.DataFrame, claims: pd.DataFrame, gazetteer: Gazetteer | None,
                   place, *, listed=("conflict",), targets=None) -> Relations:
    """`pairing.relate` over the same-quantity classes of `figures`, each pair of classes
    placed by `place(first figure of one, first figure of the other)` (None: not compared)."""
    placed = ((p, q, placement) for p, q in same_quantity_classes(figures, claims, gazetteer)
              if (placement := place(p.rep, q.rep)) is not None)
    return relate(placed, listed=listed, targets=targets, unit_factor=_unit_factor)


def _lone_in_article(figures: pd.DataFrame) -> set:
    """The figures that give the only quantity of their block in their article: a quantity
    in a unit an article gives once, maybe in several sentences (the gigawatts a blackout
    lost: "15 gigavatios" in the lead and again in the minister's words), is likely the one
    other articles give in that unit too. Figures measured from a named place ("160
    kilomètres de Berlin") are other quantities and are left out of the count."""
    if figures.empty:
        return set()
    scopes = figures["scope"] if "scope" in figures.columns else [None] * len(figures)
    anchored = pd.Series([bool(_scope_anchors(scope)) for scope in scopes], index=figures.index,
                         dtype=bool)
    free = figures[~anchored]
    amounts = free["value_min"].fillna(-math.inf).astype(str) + "|" + free["value_max"].fillna(math.inf).astype(str)
    distinct = amounts.groupby([free["article"], free["block"]], sort=False).transform("nunique")
    return set(free.index[distinct == 1])


def same_subject(a, b, lone: bool = False) -> bool:
    """Whether two figures of one block count the same thing.

    - The same concept of the lexicon, whatever the language (a generic one, people, only
      with the same event: "1,500 men sent", "1,500 soldiers sent").
    - A subject the lexicon does not know: the same word, or in another language a word of
      the same root ("delegazioni", "Delegationen": rapidfuzz on the folded lemmas).
    - A subject known only by its unit (a length, an area, a duration): the same named anchor
      ("150 kilomètres de Berlin", "130 kilometers west of Berlin"), else the same event
      ("hectares burned"), else the same words in one language, else being the only figure
      in that unit of each article (`lone`: "15 gigavatios", "10 GW of capacity").
    - And words that qualify it must not tell them apart: "160 delegazioni ufficiali" and "40
      delegazioni ecumeniche" are two quantities; nor who has them, when both clauses say
      (`holder`: "Chega a obtenu 48 sièges", "L'Alliance obtient 79 sièges").
    """
    if not (subjects_agree(a.subject_key, b.subject_key) or _cognates(a.subject_key, b.subject_key)) \
            or not events_agree(a.event, b.event):
        return False
    holders = getattr(a, "holder", None), getattr(b, "holder", None)
    if holders[0] and holders[1] and holders[0] != holders[1]:
        return False  # "St Mary's treated 40 patients", "the Royal Infirmary 25": two hospitals
    if not _places_meet(a, b):
        return False  # "81 000 à Paris", "30 000 à Toulouse": two cities' counts
    if _held(a.subject_key) and not _tagged(a, "whole") and (a.article == b.article or not holders[0]
                                                    or holders[0] != holders[1]):
        return False  # seats, votes: each party's; "137 escaños", "31 escaños": two parties'
    if is_generic(a.subject_key) or is_generic(b.subject_key):
        # people: which people, the event says ("attended", "filed past"); the capacity of a
        # place is one quantity whoever it is counted in
        capacity = getattr(a, "figure_kind", None) == "capacity"
        return (bool(a.event and b.event) or capacity) and _modifiers_agree(a, b)
    if _dimension_only(a.subject_key) or _dimension_only(b.subject_key):
        anchors_a, anchors_b = _anchors(a), _anchors(b)
        if anchors_a and anchors_b:
            return bool(anchors_a & anchors_b)
        if a.event and b.event:
            return True
        if a.lang == b.lang and _head(a.subject) and _head(a.subject) == _head(b.subject):
            return True
        # the only figure in its unit of each article, and neither says what it is of
        # (a duration is not one: "three days", "20 years" say nothing of what lasted)
        return lone and a.subject_key != "duration" and not anchors_a and not anchors_b \
            and not _said(a) and not _said(b)
    return _modifiers_agree(a, b)


def _tagged(row, tag: str) -> bool:
    """Whether a figure's scope has `tag`: `national` (the whole country's), `whole` (the
    whole of a share: "18 of the 50 council seats")."""
    scope = getattr(row, "scope", None)
    return isinstance(scope, str) and tag in scope.split("|")


@functools.lru_cache(maxsize=1 << 10)
def _held(key) -> bool:
    """Whether what a concept counts is each holder's own (`held`: seats, votes)."""
    return isinstance(key, str) and bool((concepts().get(key) or {}).get("held"))


def _places_meet(a, b) -> bool:
    """Whether the places two figures are given for may be one.

    - Either names none (a city's count may be the story's, "in Mayotte", as the place of a
      speaker may be: "fonti a Bruxelles"), or they share one: yes.
    - A count for the whole country ("nationwide", "bundesweit", `scope.nationwide`) and one
      for a place: only when that place is a country ("1.28 million nationwide" is not "81,000
      in Paris").
    - In one language, places that share a word of three letters or more ("mayotte",
      "france's mayotte"). Across languages a place has other names (Italie, Italien): two
      countries are told apart by their CLDR names (`checker.places`), and a country is not a
      city ("across France", "en París"); two other places may be one."""
    pa, pb = _anchors(a), _anchors(b)
    na, nb = not pa and _tagged(a, "national"), not pb and _tagged(b, "national")
    if na or nb:
        other, lang = (pb, b.lang) if na else (pa, a.lang)
        return (na and nb) or not other or bool(countries(other, lang))
    if not pa or not pb or pa & pb:
        return True
    if a.lang == b.lang:
        return bool(_place_words(pa) & _place_words(pb))
    ca, cb = all_countries(pa, a.lang), all_countries(pb, b.lang)
    if ca and cb:
        return bool(countries(pa, a.lang) & countries(pb, b.lang))
    return not (ca or cb)  # a country and a place in it ("across France", "en París") are two


@functools.lru_cache(maxsize=1 << 12)
def _place_words(places: frozenset[str]) -> frozenset[str]:
    return frozenset(w for p in places for w in re.split(r"[\s'’-]+", p) if len(w) > 2)


def _dimension_only(key) -> bool:
    """A subject known only by its unit's dimension: a length, an area, a duration."""
    return key in DIMENSION_NAMES


def _anchors(row) -> frozenset[str]:
    """The places or names a figure is measured from or given for (`at:`/`in:` scope)."""
    return _scope_anchors(getattr(row, "scope", None))


@functools.lru_cache(maxsize=1 << 16)
def _scope_anchors(scope) -> frozenset[str]:
    if not isinstance(scope, str):
        return frozenset()
    return frozenset(p for tag in scope.split("|") if tag[:3] in ("at:", "in:")
                     for p in tag[3:].split(","))


def _said(row) -> str:
    """What a figure in a unit says it is of: its subject's first word, unless that only
    says what kind of amount it is ("10 GW of capacity" is an amount of power)."""
    head = _head(row.subject)
    try:
        kinds = language(row.lang or "").folded("scope.capacity")
    except LanguageError:
        kinds = frozenset()
    return "" if head in kinds or fold(str(row.subject)) in kinds else head


def _head(subject) -> str:
    """The first word of a subject as written, folded ('' for none)."""
    if not isinstance(subject, str) or not subject.strip():
        return ""
    return fold(subject.split()[0])


@functools.lru_cache(maxsize=1 << 16)
def _plain(word: str) -> str:
    """A word folded and without accents, for comparing roots across languages (kept per
    word: subjects repeat across the pairs of a run)."""
    import unicodedata
    return "".join(c for c in unicodedata.normalize("NFKD", fold(word)) if not unicodedata.combining(c))


def _cognates(a, b) -> bool:
    """Two subject words the lexicon does not know that share a root across languages
    ("delegazione", "Delegation", "délégation"): rapidfuzz ratio of 80 or more."""
    if not isinstance(a, str) or not isinstance(b, str) or concept_kind(a) or concept_kind(b):
        return False
    pa, pb = _plain(a), _plain(b)
    return min(len(pa), len(pb)) >= 5 and fuzz.ratio(pa, pb) >= 80


def _modifiers_agree(a, b) -> bool:
    """False when both subjects say what kind of thing they count and share no word of it:
    "delegazioni ufficiali" and "delegazioni ecumeniche", "vittime anziane" and "vittime
    indirette" (a word is matched across languages by its root, as `_cognates`)."""
    if a.lang != b.lang or _head_word(a.subject, a.lang) != _head_word(b.subject, b.lang):
        return True  # only the same noun qualified two ways tells two quantities apart
    ma, mb = _modifiers(a.subject, a.lang), _modifiers(b.subject, b.lang)
    if not ma or not mb:
        return True
    return any(x == y or (min(len(x), len(y)) >= 5 and fuzz.ratio(x, y) >= 80) for x in ma for y in mb)


@functools.lru_cache(maxsize=64)
def _head_last(lang) -> bool:
    try:
        return language(lang or "").data.get("noun_phrase_head") == "last"
    except LanguageError:
        return False


def _head_word(subject, lang) -> str:
    if not isinstance(subject, str) or not subject.split():
        return ""
    words = subject.split()
    return _plain(words[-1] if _head_last(lang) else words[0])


def _modifiers(subject, lang) -> list[str]:
    """The words of a subject besides its head (the first word where the counted noun comes
    first, the last in English), plain, names left out."""
    if not isinstance(subject, str):
        return []
    return list(_subject_modifiers(subject, lang))


@functools.lru_cache(maxsize=1 << 16)
def _subject_modifiers(subject: str, lang) -> tuple[str, ...]:
    words = subject.split()
    rest = words[:-1] if _head_last(lang) else words[1:]
    # a capitalised modifier is a name or a nationality ("North Korean soldiers"): it says
    # whose, not which kind
    return tuple(w for w in (_plain(x) for x in rest if not x[:1].isupper()) if len(w) > 3)


def _scope(scope, dominant: frozenset[str], article=None) -> tuple:
    """A figure's scope as compared: its subgroup, part and breakdown place, with the places
    every article of its story is about left out (a death toll "in Mayotte" is the story's).
    One of several that names no place ("this fire alone", "altre 150mila") is a part of its
    own article's whole: two articles' parts may be parts of different things."""
    if not isinstance(scope, str) or not scope:
        return ()
    out = []
    for tag in scope.split("|"):
        if tag.startswith("at:") or tag in ("national", "whole"):
            continue  # a place that only says where, not which part (see `_places_meet`)
        if tag.startswith("in:"):  # one place of a breakdown by place
            places = tuple(sorted(p for p in tag[3:].split(",") if p not in dominant
                                  and not any(w in dominant for w in p.split())))
            if places:
                out.append(("in",) + places)
        elif tag.startswith("sub"):
            out.append(("sub",) + ((tag[4:],) if ":" in tag else ()))
        elif tag == "part" and not any(t.startswith("in:") for t in scope.split("|")):
            out.append(("part", str(article)))
        elif tag == "earlier":  # a superseded count is compared with no other
            out.append(("earlier", str(article)))
        else:
            out.append((tag,))
    return tuple(sorted(out))


def dominant_names(claims: pd.DataFrame, story: dict) -> dict[str, frozenset[str]]:
    """For each story, the name words that half its articles or more mention (two at least):
    what the story is about (`mayotte`, `magdeburg`), so that a figure
    given "in Mayotte" is not a part."""
    if "entities" not in claims.columns:
        return {}
    per_article: dict[str, set[str]] = defaultdict(set)
    for art, ents in zip(claims["article"], claims["entities"]):
        if isinstance(ents, str):
            for name in ents.split("|"):
                per_article[art].update(fold(w).strip(".,;:'’") for w in name.split())
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    sizes: dict[str, int] = defaultdict(int)
    for art in set(claims["article"]):
        sid = story.get(art, art)
        sizes[sid] += 1
        for word in per_article.get(art, ()):
            counts[sid][word] += 1
    # half the articles, and two at least (one article alone names its own places too)
    return {sid: frozenset(w for w, n in words.items() if n * 2 >= sizes[sid] and n >= 2)
            for sid, words in counts.items()}


def minority_reports(relations: Relations, is_target: dict[int, bool], role: str = CONFLICT
                     ) -> list[tuple[int, list[int], int]]:
    """Where to report each disagreement: at the side fewer claims back; `(claim, the first
    claims it disagrees with, how many)` in label order.

    A claim of a target article is reported with the claims it disagrees with, unless it is
    backed by more claims than every one of them and they are targets too (then they are
    reported instead, so a run over a whole folder flags the odd one out, not the consensus).
    """
    backing = relations.counts.get(SUPPORT, {})
    out = []
    for a, link in sorted(relations.links.get(role, {}).items()):
        if not is_target.get(a) or not link.count:
            continue
        if link.outside == 0 and backing.get(a, 0) > link.most_backed:
            continue
        out.append((a, link.first, link.count))
    return out


def rows_of(claims: pd.DataFrame, labels) -> dict:
    """Frame rows as dicts, fetched in one go (row-by-row `.loc` is slow on big frames)."""
    wanted = sorted(set(labels))
    if not wanted:
        return {}
    from checker.checks import row_dicts
    sub = claims.loc[wanted]
    return dict(zip(sub.index, row_dicts(sub)))


def report_findings(claims: pd.DataFrame, reports: list[tuple[int, list[int], int]], rule,
                    extra_fields) -> list:
    """Findings for `(claim, the first claims it disagrees with, how many)`;
    `extra_fields(claim, shown, total)` gives the rule type's message fields."""
    from checker.checks import claim_fields
    from checker.findings import claim_record, finding_at
    rows = rows_of(claims, [a for a, _, _ in reports] + [o for _, os, _ in reports for o in os[:MAX_LISTED]])
    records = {label: claim_record(row) for label, row in rows.items()}  # shared by findings
    findings = []
    for a, others, total in reports:
        claim = rows[a]
        shown = [rows[o] for o in others[:MAX_LISTED]]
        fields = {**claim_fields(claim), **extra_fields(claim, shown, total)}
        findings.append(finding_at(claim, rule=rule.id, type=rule.type, severity=rule.severity,
                                   message=rule.render(fields),
                                   claims=[records[a]] + [records[o] for o in others[:MAX_LISTED]]))
    return findings


def listing(items: list[str], total: int) -> str:
    """`a; b; c and 4 more`."""
    more = total - len(items)
    return "; ".join(items) + (f" and {more} more" if more > 0 else "")


def describe(claim) -> str:
    """`1,500 (NIS, Daily Ledger)`: a claim as the messages list it."""
    from checker.checks import format_figure, nominal_of, outlet_name, text_of
    who = text_of(claim.get("source")) or "unsourced"
    if claim.get("qualifier") == "range":
        figure = f"{format_figure(claim.get('value_min'), None)}–{format_figure(claim.get('value_max'), claim.get('unit'))}"
    else:
        figure = format_figure(nominal_of(claim), claim.get("unit"))
    return f"{figure} ({who}, {outlet_name(claim)})"


GROUP_COLUMNS = ("claim", "group", "verdict", "others", "others_count")
PARALLEL_CLAIMS = 20_000  # claims from which `quantity_groups` spreads stories over `jobs`


def quantity_groups(claims: pd.DataFrame, gazetteer: Gazetteer | None = None,
                    tolerance: float = 0.0, *, jobs: int = 1) -> pd.DataFrame:
    """Figures grouped by the quantity they give, each with its verdict against the group.

    One row per figure that shares a quantity with at least one figure of another article
    (or of its own): `claim` (row label in `claims`), `group` (a stable id: the smallest
    claim_id in the group), `verdict` (`agrees`, `contradicts`, `update` when it is a later,
    higher value of a running count, `credited differently` when the same figure has another
    source), `others` (labels of the first claims it disagrees with, at most MAX_LISTED) and
    `others_count` (how many it disagrees with).

    A quantity never spans two stories, so with a `story` column and `jobs` > 1 a large run's
    stories are grouped in `jobs` processes, a part of the stories each: the same frame.
    """
    from checker.gazetteer import default_gazetteer
    gazetteer = gazetteer or default_gazetteer()
    if jobs > 1 and "story" in claims.columns and len(claims) >= PARALLEL_CLAIMS:
        return _groups_in_parts(claims, gazetteer, tolerance, jobs)
    return _sorted_groups(_group_rows(claims, gazetteer, tolerance))


def _sorted_groups(rows: list[dict]) -> pd.DataFrame:
    if not rows:
        return pd.DataFrame({c: [] for c in GROUP_COLUMNS})
    return pd.DataFrame(rows).sort_values(["group", "claim"], kind="stable").reset_index(drop=True)


def _group_rows(claims: pd.DataFrame, gazetteer: Gazetteer, tolerance: float) -> list[dict]:
    """The rows of `quantity_groups` (unsorted) of the claims of whole stories."""
    figures = figures_for_comparison(claims)
    figures = figures[figures["qualifier"] != "vague"]
    pairs = same_quantity_classes(figures, claims, gazetteer)
    if not pairs:
        return []
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p, q in pairs:  # one quantity: every figure of both classes
        parent[find(id(p))] = find(id(q))

    def place(a, b) -> Placement:
        if sources_differ(a, b, gazetteer):
            return Placement(figure_measure(a, b), (AGREES, CREDITED, AGREES))
        measure = interval_measure(a, b, tolerance)
        if is_running(a.subject_key) and (later(a, b) or later(b, a)):
            # a later count above an earlier one updates it; below it, contradicts it
            earlier = (CONFLICT, AGREES, AGREES)
            newer = (UPDATE, AGREES, CONFLICT)
            return Placement(measure, *((earlier, newer) if later(b, a) else (newer, earlier)))
        return Placement(measure, (CONFLICT, AGREES, CONFLICT))

    relations = relate(((p, q, place(p.rep, q.rep)) for p, q in pairs),
                       listed=(CONFLICT, CREDITED, UPDATE), unit_factor=_unit_factor)
    members: dict[int, list[int]] = defaultdict(list)
    for cls in {id(c): c for pair in pairs for c in pair}.values():
        members[find(id(cls))] += cls.labels
    claim_id = dict(zip(figures.index, figures["claim_id"]))  # a look-up a label, not `.at`
    rows = []
    for labels in members.values():
        gid = min(str(claim_id[x]) for x in labels)
        for x in sorted(labels):
            verdict = next((VERDICT_OF[r] for r in (CONFLICT, CREDITED, UPDATE)
                            if relations.count(r, x)), "agrees")
            links = [relations.links.get(r, {}).get(x) for r in (CONFLICT, CREDITED, UPDATE)]
            rows.append({"claim": x, "group": gid, "verdict": verdict,
                         "others": sorted({o for link in links if link for o in link.first})[:MAX_LISTED],
                         "others_count": sum(link.count for link in links if link)})
    return rows


# what the processes of `_groups_in_parts` read: the claims and the settings, inherited by fork
_PARTS: dict = {}


def _groups_in_parts(claims: pd.DataFrame, gazetteer: Gazetteer, tolerance: float,
                     jobs: int) -> pd.DataFrame:
    """`quantity_groups` of the stories split into parts of about equal numbers of figures,
    the parts grouped in `jobs` forked processes; the rows gathered and sorted as one run's."""
    from checker.pipeline import fork_context, forked_map
    parts = balanced_story_parts(claims, 4 * jobs)
    if fork_context() is None or len(parts) < 2:
        return _sorted_groups(_group_rows(claims, gazetteer, tolerance))
    _PARTS.update(claims=claims, gazetteer=gazetteer, tolerance=tolerance)
    warm_up(claims)  # loaded once here, not once a worker
    try:
        return _sorted_groups([r for found in forked_map(_part_rows, parts, jobs) for r in found])
    finally:
        _PARTS.clear()


def warm_up(claims: pd.DataFrame) -> None:
    """Load what comparing figures loads on first use (language data, units, exchange rates)
    before workers fork, so that they share it rather than each load it."""
    from checker.pipeline import warm_up as warm_languages
    warm_languages()
    units = [u for u in pd.unique(claims["unit"]) if isinstance(u, str)] if "unit" in claims.columns else []
    for unit in units:
        unit_base(unit)
    # a rate in euros of any currency but the euro itself loads the ECB's table
    currency = next((u for u in units if is_currency(u) and u != "EUR"), None)
    if currency:
        money_factor(currency, None)


def _part_rows(positions) -> list[dict]:
    """In a worker: the group rows of the claims at `positions` (whole stories)."""
    return _group_rows(_PARTS["claims"].iloc[positions], _PARTS["gazetteer"], _PARTS["tolerance"])


def balanced_story_parts(claims: pd.DataFrame, parts: int) -> list:
    """The row positions of `claims` in at most `parts` parts of whole stories, of about equal
    numbers of figures, the largest first (a story's figures are grouped together)."""
    import numpy as np
    story = claims["story"].astype(object).where(claims["story"].notna(), claims["article"])
    codes, _ = pd.factorize(story)
    figure = (claims["kind"] == "figure").to_numpy()
    weight = np.bincount(codes, weights=figure, minlength=codes.max() + 1 if len(codes) else 0)
    load = np.zeros(parts)
    part_of = np.empty(len(weight), dtype=np.int64)
    for code in np.argsort(-weight, kind="stable"):  # the heaviest story to the lightest part
        part = int(np.argmin(load))
        part_of[code] = part
        load[part] += weight[code] + 1
    rows = part_of[codes]
    order = sorted(range(parts), key=lambda p: -load[p])
    return [p for p in (np.flatnonzero(rows == part) for part in order) if len(p)]
