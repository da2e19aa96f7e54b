"""Class-by-class comparison (`checker.pairing`): sorting gives what comparing every pair gives.

Large classes are placed by sorting and range queries, small ones figure by figure; the two
ways must agree on every count and every listed link, whatever the figures.
"""
from __future__ import annotations

import math
from collections import namedtuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker import pairing
from checker.pairing import (AGREES, CONFLICT, SUPPORT, UPDATE, FigureClass, Measure, Placement,
                             relate)

Row = namedtuple("Row", "Index value value_min value_max precision unit factor qualifier")

values = st.one_of(st.integers(-50, 5000).map(float), st.just(math.nan))


@st.composite
def figure(draw, label: int) -> Row:
    low = draw(values)
    width = draw(st.one_of(st.just(0.0), st.integers(0, 400).map(float), st.just(math.nan)))
    high = low + width if not math.isnan(low) else draw(values)
    value = draw(st.one_of(st.just(low), values))
    return Row(label, value, low, high, draw(st.sampled_from([0.0, 0.5, 5.0])), "km", math.nan, "exact")


@st.composite
def classes(draw) -> list[FigureClass]:
    out, label = [], 0
    for _ in range(draw(st.integers(1, 4))):
        rows = []
        for _ in range(draw(st.integers(1, 30))):
            rows.append(draw(figure(label)))
            label += 1
        out.append(FigureClass(rows, [r.Index for r in rows]))
    return out


MEASURES = [Measure("interval"), Measure("interval", 0.05, widen=True), Measure("window", 0.0),
            Measure("window", 0.1), Measure("window", 0.02, widen=True),
            Measure("window", 0.1, column="value_min", raw=True), Measure("all")]
ROLES = [(CONFLICT, SUPPORT, CONFLICT), (CONFLICT, SUPPORT, None), (None, SUPPORT, CONFLICT),
         (AGREES, CONFLICT, AGREES), (UPDATE, AGREES, CONFLICT)]


def both_ways(monkeypatch, pairs, targets):
    results = []
    for small in (10 ** 9, 0):  # every pair figure by figure; then every class sorted
        monkeypatch.setattr(pairing, "SMALL", small)
        results.append(relate(pairs, listed=(CONFLICT, UPDATE), targets=targets))
    return results


@settings(max_examples=150, deadline=None)
@given(classes(), st.sampled_from(MEASURES), st.sampled_from(ROLES), st.sampled_from(ROLES),
       st.data())
def test_sorting_gives_what_every_pair_gives(classes, measure, forward, backward, data):
    monkeypatch = pytest.MonkeyPatch()
    try:
        pairs = [(p, q, Placement(measure, forward, backward))
                 for i, p in enumerate(classes) for q in classes[i:]]
        labels = [x for c in classes for x in c.labels]
        targets = {x: data.draw(st.booleans()) for x in labels}
        figure_by_figure, sorted_ = both_ways(monkeypatch, pairs, targets)
    finally:
        monkeypatch.undo()
    assert sorted_.counts == figure_by_figure.counts
    assert sorted_.links == figure_by_figure.links


def row(label: int, value: float, qualifier: str = "exact", high: float | None = None) -> Row:
    return Row(label, value, value, value if high is None else high, 0.0, "km", math.nan, qualifier)


def test_a_figure_lists_the_first_ten_it_conflicts_with_and_counts_them_all():
    rows = [row(i, 100.0 if i % 2 else 200.0) for i in range(300)]
    cls = FigureClass(rows, [r.Index for r in rows])
    result = relate([(cls, cls, Placement(Measure("interval"), (CONFLICT, SUPPORT, CONFLICT)))],
                    targets={i: True for i in range(300)})
    assert result.count(CONFLICT, 0) == 150 and result.count(SUPPORT, 0) == 149
    link = result.links[CONFLICT][0]
    assert link.first == [1, 3, 5, 7, 9, 11, 13, 15, 17, 19]
    assert (link.count, link.outside, link.most_backed) == (150, 0, 149)


def test_overlapping_intervals_back_each_other_and_a_figure_is_never_its_own_link():
    rows = [row(0, 90.0, high=110.0), row(1, 100.0), row(2, 130.0)]
    cls = FigureClass(rows, [0, 1, 2])
    result = relate([(cls, cls, Placement(Measure("interval"), (CONFLICT, SUPPORT, CONFLICT)))])
    assert result.count(SUPPORT, 0) == 1 and result.count(SUPPORT, 1) == 1
    assert result.links[CONFLICT][2].first == [0, 1]
    assert 2 not in result.links[CONFLICT][2].first


def test_a_later_count_above_an_earlier_one_is_an_update_below_it_a_conflict():
    earlier = FigureClass([row(0, 10.0)], [0])
    later = FigureClass([row(1, 14.0), row(2, 7.0)], [1, 2])
    placement = Placement(Measure("interval"), (CONFLICT, SUPPORT, None), (UPDATE, SUPPORT, CONFLICT))
    result = relate([(earlier, later, placement)], listed=(CONFLICT, UPDATE))
    assert result.links[CONFLICT][0].first == [2] and result.links[CONFLICT][2].first == [0]
    assert result.links[UPDATE][1].first == [0] and result.count(CONFLICT, 1) == 0
