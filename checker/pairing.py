"""Figures compared class by class, never pair by pair: a block of n figures costs n log n.

`compare.same_quantity_classes` puts the figures that may give one quantity (one block, one
story) in classes: figures alike in everything a comparison reads but their numbers (subject
and scope, source, dates, article, unit, qualifier). Whether two classes give the same
quantity, from the same source, of the same time, is asked once for the two classes; a rule
answers with a `Placement`: how to measure the figures (as intervals, as points within a
tolerance, or not at all) and what a figure of the other class is to a figure of this one
when it lies below it, around it or above it (a conflict, a backing, an update).

The figures themselves are then placed by sorting: the figures of the other class below a
figure, around it and above it are ranges of one sorted array, so their number comes from a
binary search and the figures a finding lists (the first `MAX_LISTED` by frame label), how
many of them are outside the run's targets and the most-backed one come from range queries.
One sentence of 2,000 figures of one subject costs what sorting 2,000 numbers costs, where
comparing every pair cost 2 million comparisons.

A small pair of classes is compared figure by figure with the same arithmetic (cheaper than
sorting a handful of numbers); the two ways give the same answer, which a property test checks.
"""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

CONFLICT, SUPPORT, UPDATE, AGREES, CREDITED = "conflict", "support", "update", "agrees", "credited"
MAX_LISTED = 10   # labels kept of the figures a figure is linked to (findings list at most this)
SMALL = 256       # pairs of figures under which two classes are compared figure by figure


@dataclass
class FigureClass:
    """Figures alike in all a comparison reads but their numbers; `rep` is the first one."""

    rows: list
    labels: list[int] = field(default_factory=list)

    @property
    def rep(self) -> Any:
        return self.rows[0]


@dataclass(frozen=True)
class Measure:
    """How figures are placed against each other.

    - `interval`: as intervals in base units (qualifiers, `tolerance` added, each widened by
      its precision when `widen`: a converted figure); around means they overlap.
    - `window`: as points (`column`, in base units unless `raw`) within a relative
      `tolerance` of each other (and the precisions, when `widen`); around means the same
      figure. Figures without that number are not placed at all.
    - `all`: every figure is around every other.
    """

    kind: str = "interval"
    tolerance: float = 0.0
    widen: bool = False
    column: str = "value"
    raw: bool = False

    def __post_init__(self) -> None:  # a measure keys a cache once for each pair of classes
        object.__setattr__(self, "_hash", hash((self.kind, self.tolerance, self.widen,
                                                self.column, self.raw)))

    def __hash__(self) -> int:
        return self._hash

    def __reduce__(self):  # rebuilt, not restored: a string's hash differs between processes
        return (Measure, (self.kind, self.tolerance, self.widen, self.column, self.raw))


ALL = Measure("all")


@dataclass(frozen=True)
class Placement:
    """What a figure of the other class is to a figure of this one when it lies below, around
    or above it (`forward`), and what this class's figures are to the other's (`backward`);
    None: nothing."""

    measure: Measure
    forward: tuple[str | None, str | None, str | None]
    backward: tuple[str | None, str | None, str | None] | None = None

    @property
    def reverse(self) -> tuple[str | None, str | None, str | None]:
        return self.backward if self.backward is not None else self.forward


@dataclass
class Links:
    """The figures a figure is linked to in one role: how many, the first by label, how many
    of them are not targets of the run, and the most backing any of them has."""

    count: int = 0
    first: list[int] = field(default_factory=list)
    outside: int = 0
    most_backed: int = 0

    def add(self, count: int, first: Sequence[int], outside: int, most_backed: int) -> None:
        self.count += count
        self.first = sorted(set(self.first).union(first))[:MAX_LISTED]
        self.outside += outside
        self.most_backed = max(self.most_backed, most_backed)


@dataclass
class Relations:
    """For each figure (frame label) and role: how many figures it has in that role, and, for
    the listed roles, their `Links`."""

    counts: dict[str, dict[int, int]]
    links: dict[str, dict[int, Links]]

    def count(self, role: str, label: int) -> int:
        return self.counts.get(role, {}).get(label, 0)


# --- measuring --------------------------------------------------------------------------------

def _num(v: Any) -> bool:
    return v is not None and not (isinstance(v, float) and math.isnan(v))


def _factor(row: Any, unit_factor: Callable[[Any], float]) -> float:
    factor = getattr(row, "factor", None)
    return factor if _num(factor) else unit_factor(row.unit)


def interval_bounds(row: Any, measure: Measure, unit_factor: Callable[[Any], float]
                    ) -> tuple[float, float]:
    """A figure's interval in base units as `measure` widens it, each end moved out by a
    billionth (two ways of writing one amount meet despite rounding); (-inf, inf) for a
    figure without bounds, which agrees with any."""
    low = row.value_min if _num(row.value_min) else -math.inf
    high = row.value_max if _num(row.value_max) else math.inf
    if low == -math.inf and high == math.inf:
        return -math.inf, math.inf
    factor = _factor(row, unit_factor)
    pad = row.precision if measure.widen and _num(getattr(row, "precision", None)) else 0.0
    low, high = (low - pad) * factor, (high + pad) * factor
    if measure.tolerance:
        low -= abs(low) * measure.tolerance if low != -math.inf else 0
        high += abs(high) * measure.tolerance if high != math.inf else 0
    eps = 1e-9 * max(1.0, *(abs(x) for x in (low, high) if math.isfinite(x)))
    return low - eps, high + eps


def point_of(row: Any, measure: Measure, unit_factor: Callable[[Any], float]) -> tuple[float, float] | None:
    """A figure as a point and its pad (precision in base units, when widened), or None."""
    value = getattr(row, measure.column, None)
    if not _num(value):
        return None
    factor = 1.0 if measure.raw else _factor(row, unit_factor)
    pad = row.precision * factor if measure.widen and _num(getattr(row, "precision", None)) else 0.0
    return value * factor, pad


@dataclass
class _Placed:
    """One class's figures as placed by one measure: for each kept figure its label and the
    four numbers of `region` (t_lo, t_hi as the one placed against; k_lo, k_hi as the other)."""

    labels: list[int]
    t_lo: list[float]
    t_hi: list[float]
    k_lo: list[float]
    k_hi: list[float]
    monotone: bool  # k_lo and k_hi sort alike: around a figure is one range of the order


def place_class(cls: FigureClass, measure: Measure, unit_factor: Callable[[Any], float]) -> _Placed:
    """The numbers `region` compares, for each figure of a class that `measure` can place.

    Another figure is below one when its k_hi < the one's t_lo, above when its k_lo > t_hi:
    - intervals: k_lo = t_lo = the low end, k_hi = t_hi = the high end (below: it ends before);
    - points within a tolerance τ (positive numbers): t_lo = v(1-τ) - pad, t_hi = v + pad,
      k_hi = v + pad, k_lo = v(1-τ) - pad, which says |a - b| > max(a, b)τ + pads exactly;
    - all: nothing is below or above anything.
    """
    labels, t_lo, t_hi, k_lo, k_hi = [], [], [], [], []
    monotone = True
    for label, row in zip(cls.labels, cls.rows):
        if measure.kind == "all":
            lo_t, hi_t, lo_k, hi_k = -math.inf, math.inf, 0.0, 0.0
        elif measure.kind == "interval":
            lo, hi = interval_bounds(row, measure, unit_factor)
            lo_t, hi_t, lo_k, hi_k = lo, hi, lo, hi
            monotone = False
        else:
            point = point_of(row, measure, unit_factor)
            if point is None:
                continue
            v, pad = point
            if v <= 0:  # the window is |a - b| <= max(|a|, |b|)τ: ranges only for positive numbers
                monotone = False
            shrunk = v * (1 - measure.tolerance)
            lo_t, hi_t, lo_k, hi_k = shrunk - pad, v + pad, shrunk - pad, v + pad
            monotone = monotone and not pad
        labels.append(label)
        t_lo.append(lo_t)
        t_hi.append(hi_t)
        k_lo.append(lo_k)
        k_hi.append(hi_k)
    return _Placed(labels, t_lo, t_hi, k_lo, k_hi, monotone)


def region(t_lo: float, t_hi: float, k_lo: float, k_hi: float) -> int:
    """Where the other figure lies: 0 below, 1 around, 2 above."""
    if k_hi < t_lo:
        return 0
    if k_lo > t_hi:
        return 2
    return 1


def window_region(a: tuple[float, float], b: tuple[float, float], tolerance: float) -> int:
    """`region` of point b against point a for any signs: |a - b| > max(|a|, |b|)τ + pads."""
    (va, pa), (vb, pb) = a, b
    if abs(va - vb) <= max(abs(va), abs(vb)) * tolerance + pa + pb:
        return 1
    return 0 if vb < va else 2


# --- ranges of a sorted class -----------------------------------------------------------------

class RangeIndex:
    """Queries over a range of a class's figures in one sorted order: how many are not targets
    (prefix sums), the most backing (a sparse table of maxima) and the first labels (a sparse
    table of the smallest labels), each in O(1) or O(k) after an O(n log n) build."""

    def __init__(self, labels: Sequence[int], backing: Sequence[int], outside: Sequence[bool],
                 keep: int) -> None:
        self.keep = keep
        self.outside = [0]
        for o in outside:
            self.outside.append(self.outside[-1] + int(o))
        self.most = [list(backing)]
        self.first = [[(label,) for label in labels]]
        n, width = len(labels), 1
        while width * 2 <= n:
            prev_most, prev_first = self.most[-1], self.first[-1]
            self.most.append([max(prev_most[i], prev_most[i + width]) for i in range(n - 2 * width + 1)])
            self.first.append([tuple(sorted(set(prev_first[i]).union(prev_first[i + width]))[:keep])
                               for i in range(n - 2 * width + 1)])
            width *= 2

    def query(self, i: int, j: int) -> tuple[int, list[int], int]:
        """(not targets, first labels, most backing) of the figures at positions [i, j)."""
        if j <= i:
            return 0, [], 0
        level = (j - i).bit_length() - 1
        width = 1 << level
        most = max(self.most[level][i], self.most[level][j - width])
        first = sorted(set(self.first[level][i]).union(self.first[level][j - width]))[:self.keep]
        return self.outside[j] - self.outside[i], first, most


# --- relating classes -------------------------------------------------------------------------

def relate(pairs: Iterable[tuple[FigureClass, FigureClass, Placement]], *,
           listed: Iterable[str] = (CONFLICT,), targets: Mapping[int, bool] | None = None,
           unit_factor: Callable[[Any], float] = lambda unit: 1.0) -> Relations:
    """Every figure's counts in each role and, for the `listed` roles, its links, over the
    given pairs of classes (a class with itself: its figures with each other)."""
    listed = frozenset(listed)
    counts: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    explicit: dict[tuple[str, int], list[int]] = defaultdict(list)
    deferred: list[tuple[str, int, int, str, int, int, int | None]] = []
    orders: dict[tuple[int, str], list[int]] = {}
    placed_cache: dict[tuple[int, Measure], _Placed] = {}

    def placed(cls: FigureClass, measure: Measure) -> _Placed:
        key = (id(cls), measure)
        if key not in placed_cache:
            placed_cache[key] = place_class(cls, measure, unit_factor)
        return placed_cache[key]

    for p, q, placement in pairs:
        directions = [(p, q, placement.forward)]
        if q is not p:
            directions.append((q, p, placement.reverse))
        for a_cls, b_cls, roles in directions:
            if not any(roles):
                continue
            a, b = placed(a_cls, placement.measure), placed(b_cls, placement.measure)
            if not a.labels or not b.labels:
                continue
            same = a_cls is b_cls
            middle_listed = roles[1] in listed
            exact_window = placement.measure.kind == "window" and not (a.monotone and b.monotone)
            if len(a.labels) * len(b.labels) <= SMALL or (middle_listed and not b.monotone) or exact_window:
                _pairwise(a, b, roles, same, placement.measure, unit_factor, counts, explicit,
                          listed, a_cls, b_cls)
            else:
                _sorted(a, b, b_cls, roles, same, counts, deferred, orders, listed)
    counts_out = {role: dict(c) for role, c in counts.items()}
    backing = counts_out.get(SUPPORT, {})
    targets = targets or {}
    links: dict[str, dict[int, Links]] = defaultdict(dict)
    for (role, label), others in explicit.items():
        link = links[role].setdefault(label, Links())
        link.add(len(others), sorted(others)[:MAX_LISTED],
                 sum(1 for o in others if not targets.get(o)),
                 max((backing.get(o, 0) for o in others), default=0))
    indexes: dict[tuple[int, str], RangeIndex] = {}
    for role, label, cls_id, order, i, j, self_label in deferred:
        index = indexes.get((cls_id, order))
        if index is None:
            order_labels = orders[(cls_id, order)]
            index = indexes[(cls_id, order)] = RangeIndex(
                order_labels, [backing.get(x, 0) for x in order_labels],
                [not targets.get(x) for x in order_labels], MAX_LISTED + 1)
        outside, first, most = index.query(i, j)
        count = j - i
        if self_label is not None:  # the figure itself lies in the range: not its own link
            first = [x for x in first if x != self_label]
            count -= 1
            outside -= int(not targets.get(self_label))
            # its own backing may be the most: recompute without it only when it matters
            if most == backing.get(self_label, 0):
                most = _most_without(index, i, j, orders[(cls_id, order)], self_label)
        links[role].setdefault(label, Links()).add(count, first[:MAX_LISTED], outside, most)
    return Relations(counts_out, {role: dict(v) for role, v in links.items()})


def _most_without(index: RangeIndex, i: int, j: int, labels: Sequence[int], self_label: int) -> int:
    """The most backing in [i, j) leaving one figure out (the range around a figure holds it)."""
    k = labels.index(self_label, i, j)
    return max(index.query(i, k)[2], index.query(k + 1, j)[2])


def _pairwise(a: _Placed, b: _Placed, roles, same: bool, measure: Measure,
              unit_factor, counts, explicit, listed, a_cls: FigureClass, b_cls: FigureClass) -> None:
    """Two small classes (or a window that cannot be sorted), figure by figure."""
    points_a = points_b = None
    if measure.kind == "window" and not (a.monotone and b.monotone):
        rows_a = dict(zip(a_cls.labels, a_cls.rows))
        rows_b = dict(zip(b_cls.labels, b_cls.rows))
        points_a = [point_of(rows_a[x], measure, unit_factor) for x in a.labels]
        points_b = [point_of(rows_b[x], measure, unit_factor) for x in b.labels]
    for ia, label in enumerate(a.labels):
        t_lo, t_hi = a.t_lo[ia], a.t_hi[ia]
        for ib, other in enumerate(b.labels):
            if same and other == label:
                continue
            where = (window_region(points_a[ia], points_b[ib], measure.tolerance)
                     if points_a is not None else region(t_lo, t_hi, b.k_lo[ib], b.k_hi[ib]))
            role = roles[where]
            if role is None:
                continue
            counts[role][label] += 1
            if role in listed:
                explicit[(role, label)].append(other)


def _sorted(a: _Placed, b: _Placed, b_cls: FigureClass, roles, same: bool, counts, deferred,
            orders, listed) -> None:
    """Two classes by sorting the other's figures: below a figure is a prefix of the order by
    k_hi, above it a suffix of the order by k_lo, around it (for sortable points) the rest."""
    cls_id = id(b_cls)
    by_hi = sorted(range(len(b.labels)), key=lambda i: (b.k_hi[i], b.labels[i]))
    # sortable points: one order for both ends, so that around a figure is one range of it
    by_lo = by_hi if b.monotone else sorted(range(len(b.labels)), key=lambda i: (b.k_lo[i], b.labels[i]))
    hi_sorted = [b.k_hi[i] for i in by_hi]
    lo_sorted = [b.k_lo[i] for i in by_lo]
    orders.setdefault((cls_id, "hi"), [b.labels[i] for i in by_hi])
    orders.setdefault((cls_id, "lo"), [b.labels[i] for i in by_lo])
    below_n = np.searchsorted(np.asarray(hi_sorted), np.asarray(a.t_lo), side="left")
    above_start = np.searchsorted(np.asarray(lo_sorted), np.asarray(a.t_hi), side="right")
    n = len(b.labels)
    for ia, label in enumerate(a.labels):
        below, start = int(below_n[ia]), int(above_start[ia])
        above = n - start
        around = n - below - above - (1 if same else 0)
        for where, amount in ((0, below), (1, around), (2, above)):
            role = roles[where]
            if role is None or amount <= 0:
                continue
            counts[role][label] += amount
            if role not in listed:
                continue
            if where == 0:
                deferred.append((role, label, cls_id, "hi", 0, below, None))
            elif where == 2:
                deferred.append((role, label, cls_id, "lo", start, n, None))
            else:  # sortable points: the orders by k_lo and k_hi are one; around is between
                deferred.append((role, label, cls_id, "hi", below, start, label if same else None))
