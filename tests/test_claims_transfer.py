"""Claims travel from worker processes as Arrow tables: the frame they make is the frame the
records make, and records that do not fit a column's type still arrive."""
from __future__ import annotations

import os

import pandas as pd
import pytest

from checker.claims import (article_records, concat_frames, frame_from_parts, frame_from_records,
                            records_table)
from checker.pipeline import extract_paths, load_articles

EXAMPLES = os.path.join(os.path.dirname(__file__), "..", "examples")


@pytest.fixture(scope="module")
def records() -> list[dict]:
    articles, failures = load_articles([os.path.join(EXAMPLES, "story"),
                                        os.path.join(EXAMPLES, "seed")])
    assert articles and not failures
    found = [r for a in articles for r in article_records(a)]
    assert len(found) > 50
    return found


def joined(parts: list) -> pd.DataFrame:
    return concat_frames([frame_from_parts(parts)])


def test_arrow_table_makes_the_same_frame_as_the_records(records):
    table = records_table([dict(r) for r in records])
    assert not isinstance(table, list) and table.num_rows == len(records)
    pd.testing.assert_frame_equal(joined([table]), frame_from_records(records))


def test_parts_in_any_split_make_the_same_frame(records):
    half = len(records) // 2
    parts = [records_table(records[:half]), records_table(records[half:])]
    pd.testing.assert_frame_equal(joined(parts), frame_from_records(records))


@pytest.mark.parametrize("column, value", [("value", "seven"), ("weekday", "3"),
                                           ("published", 20250806)])
def test_records_that_do_not_fit_arrow_travel_as_records(records, column, value):
    odd = [dict(r) for r in records[:5]]
    odd[2][column] = value
    part = records_table(odd)
    assert isinstance(part, list) and part == odd
    mixed = [records_table(records[5:20]), part, records_table(records[20:40])]
    # what a run made before claims travelled as tables: one frame of the records
    expected = concat_frames([frame_from_records(records[5:20] + odd + records[20:40],
                                                 sort=False, final=False)])
    pd.testing.assert_frame_equal(joined(mixed), expected)


def test_no_claims_make_an_empty_frame_with_every_column():
    empty = joined([records_table([])])
    pd.testing.assert_frame_equal(empty, frame_from_records([]))
    assert joined([]).columns.equals(frame_from_records([]).columns)


def test_parallel_extraction_gives_the_serial_frame(tmp_path):
    story = os.path.join(EXAMPLES, "story")
    names = sorted(os.listdir(story))
    for copy in range(8):  # enough files for two workers, in several chunks each
        for name in names:
            with open(os.path.join(story, name), "rb") as src:
                (tmp_path / f"{copy}-{name}").write_bytes(src.read())
    serial = extract_paths([str(tmp_path)], jobs=1)
    parallel = extract_paths([str(tmp_path)], jobs=2)
    assert len(parallel.files) == 8 * len(names) >= 32
    assert len(serial.claims) > 100
    pd.testing.assert_frame_equal(parallel.claims, serial.claims)
    assert [str(f) for f in parallel.failures] == [str(f) for f in serial.failures]
