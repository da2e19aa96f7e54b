"""Stories of any size: 200 articles on one event are one story, and a planted contradiction in
one of them is found; a common word spread over a long archive still links nothing."""
from __future__ import annotations

import datetime as dt

from checker import api
from checker.stories import MIN_CAP, bursts, link_stories

WIRE = ("---\noutlet: Wire {n:03d}\npublished: 2025-03-04\nlang: en\n---\n"
        "About 140 buildings collapsed in Valdoria after Monday's earthquake, the civil "
        "protection agency said.\n")
DRAFT = ("---\noutlet: Daily Draft\npublished: 2025-03-04\nlang: en\n---\n"
         "Some 410 buildings collapsed in Valdoria after Monday's earthquake, the civil "
         "protection agency said.\n")


def test_a_name_in_200_articles_of_one_week_links_them_all():
    names = {f"w{i:03d}": {"valdoria", f"dateline{i}"} for i in range(200)}
    published = {a: "2025-03-04" for a in names}
    assert set(link_stories(names, names, published).values()) == {"w000"}


def test_a_burst_is_most_of_a_names_articles_in_one_fortnight():
    assert bursts(200, 200) and bursts(30, 60)
    assert not bursts(28, 950)  # "police" in every fortnight of three years


def test_a_common_word_all_year_round_does_not_link_a_busy_fortnight():
    # "police" in 30 articles of each of 20 fortnights: more than the cap in each, never a burst
    names, published = {}, {}
    for week in range(20):
        for i in range(MIN_CAP + 10):
            key = f"a{week:02d}{i:02d}"
            names[key] = {"police", key}
            published[key] = (dt.date(2024, 1, 1) + dt.timedelta(days=14 * week)).isoformat()
    stories = link_stories(names, names, published)
    assert len(set(stories.values())) == len(names)


def test_the_draft_against_199_wires_on_one_earthquake_is_flagged(tmp_path):
    wires = tmp_path / "wires"
    wires.mkdir()
    for n in range(199):
        (wires / f"wire{n:03d}.md").write_text(WIRE.format(n=n), encoding="utf-8")
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT, encoding="utf-8")
    found = api.lint(str(draft), against=[str(wires)], select=["contradiction"])
    assert list(found["rule"]) == ["contradicting-figures"]
    row = found.iloc[0]
    assert (row["line"], row["col"]) == (6, 1)  # "Some 410 buildings"
    assert "contradicts 140" in row["message"] and "and 189 more" in row["message"]
