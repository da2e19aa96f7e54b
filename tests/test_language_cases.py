"""Each language's shared cases (tests/cases/<lang>.yaml) run against the extractor."""
from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest
import yaml

from checker import extract_text
from checker.language import supported_languages

CASES = Path(__file__).parent / "cases"


def _load(code: str) -> list:
    data = yaml.safe_load((CASES / f"{code}.yaml").read_text("utf-8"))
    return [(code, data["published"], case) for case in data["cases"]]


ALL = [c for code in supported_languages() for c in _load(code)]


def test_every_language_has_cases():
    assert {p.stem for p in CASES.glob("*.yaml")} == set(supported_languages())


def _same(expected, got) -> bool:
    if expected is None:
        return got is None or (isinstance(got, float) and math.isnan(got))
    if isinstance(expected, (int, float)) and not isinstance(expected, bool):
        return got is not None and not (isinstance(got, float) and math.isnan(got)) \
            and math.isclose(float(got), float(expected), rel_tol=1e-9)
    if isinstance(expected, dt.date):
        return got == expected.isoformat()
    return got == expected


@pytest.mark.parametrize("code,published,case", ALL, ids=[f"{c[0]}:{c[2]['text'][:40]}" for c in ALL])
def test_case(code, published, case):
    published = case.get("published", published)  # a case may fix its own publication date
    published = published.isoformat() if isinstance(published, dt.date) else published
    frame = extract_text(case["text"], lang=code, published=published)
    for kind, key in (("figure", "figures"), ("date", "dates")):
        if key not in case:
            continue
        rows = frame[frame["kind"] == kind].to_dict("records")
        assert len(rows) == len(case[key]), (case["text"], [r["text"] for r in rows])
        for want, got in zip(case[key], rows):
            for field, value in want.items():
                assert _same(value, got[field]), (case["text"], field, value, got[field])


@pytest.mark.parametrize("text, found", [
    ("unions put the turnout at 3.5 million", "put the turnout at"),
    ("officials put the death toll at 50", "put the death toll at"),
    ("they put participation at 40%", "put participation at"),
    ("police put 3 at the scene", None),  # a gap is words, never a number
    ("they put the whole final count at 9", None),  # at most three words
])
def test_gap_in_a_data_phrase_stands_for_one_to_three_words(found, text):
    """"…" in a phrase of the language data ("put … at") matches one to three words."""
    import re

    from checker.language import alternation
    match = re.search(alternation(["put … at"]), text)
    assert (match.group() if match else None) == found
