"""The article the project was specified from (examples/seed), checked claim by claim."""
from __future__ import annotations

from pathlib import Path

import pytest

from checker.pipeline import extract_paths

SEED = Path(__file__).parent.parent / "examples" / "seed" / "redazione-esteri.md"


@pytest.fixture(scope="module")
def claims():
    run = extract_paths([str(SEED)])
    assert not run.failures
    assert run.claims["published"].unique().tolist() == ["2024-10-22"]
    return run.claims


def figures(claims):
    return claims[claims["kind"] == "figure"].to_dict("records")


def test_four_figures_in_order(claims):
    assert [f["text"] for f in figures(claims)] == [
        "1.500 soldati", "1.500 soldati", "circa 10.000 soldati nordcoreani",
        "migliaia di soldati nordcoreani"]


def test_both_1500_soldiers_credited_to_south_korea(claims):
    first, second = figures(claims)[:2]
    for f in (first, second):
        assert (f["value"], f["qualifier"], f["subject_key"], f["source"]) == (1500, "exact", "soldier", "South Korea")
    assert first["source_text"] == "Corea del Sud" and first["cue"] == "ha riferito"
    assert second["source_text"] == "autorità sudcoreane" and second["cue"] == "hanno dichiarato"
    # no date in its sentence: the date its paragraph is about (Monday's warning)
    assert (first["date_start"], first["date_end"], first["date_role"]) == ("2024-10-21", "2024-10-21", "paragraph")
    assert (second["date_start"], second["date_end"]) == ("2024-10-08", "2024-10-13")


def test_circa_10000_is_approximate_and_credited_to_nis(claims):
    f = figures(claims)[2]
    assert (f["value"], f["qualifier"], f["source"]) == (10000, "approx", "NIS")
    assert f["value_min"] == pytest.approx(9500) and f["value_max"] == pytest.approx(10500)
    assert f["source_text"] == "National Intelligence Service (NIS) sudcoreano"


def test_migliaia_is_vague_and_credited_to_zelensky(claims):
    f = figures(claims)[3]
    assert f["qualifier"] == "vague" and f["value"] != f["value"]  # no point value
    assert (f["value_min"], f["value_max"]) == (2000, 999999)
    assert f["source"] == "Zelensky" and f["cue"] == "sostenendo"


def test_four_dates_resolved_against_publication(claims):
    dates = claims[claims["kind"] == "date"]
    assert list(zip(dates["text"], dates["date_start"], dates["date_end"])) == [
        ("Lunedì", "2024-10-21", "2024-10-21"),
        ("Venerdì scorso", "2024-10-18", "2024-10-18"),
        ("tra l’8 e il 13 ottobre", "2024-10-08", "2024-10-13"),
        ("giovedì scorso", "2024-10-17", "2024-10-17"),
    ]


def test_offsets_point_into_the_file(claims):
    text = SEED.read_text(encoding="utf-8")
    for row in claims.itertuples():
        assert text[row.start:row.end] == row.text
        line = text.split("\n")[row.line - 1]
        assert line[row.col - 1:].startswith(row.text.split("\n")[0])
