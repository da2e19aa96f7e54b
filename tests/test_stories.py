"""Which articles tell one story: rare shared names within two weeks link articles; common
words, other fortnights and a long archive do not."""
from __future__ import annotations

import datetime as dt
from collections import Counter

from checker.stories import link_stories


def day(n: int) -> str:
    return (dt.date(2024, 1, 1) + dt.timedelta(days=n)).isoformat()


def test_a_rare_name_links_articles_of_one_fortnight_only():
    names = {"a": {"valdoria"}, "b": {"valdoria"}, "c": {"valdoria"}}
    published = {"a": day(0), "b": day(3), "c": day(60)}
    assert link_stories(names, names, published) == {"a": "a", "b": "a", "c": "c"}


def test_commoner_names_link_only_three_at_a_time():
    # "governor" and "ministry" are in 12 articles each (more than RARE): two of them shared
    # is not enough, three are
    names = {f"x{i:02d}": {"governor", "ministry", f"own{i}"} for i in range(12)}
    names["x00"] |= {"harbour"}
    names["x01"] |= {"harbour"}
    names |= {f"h{i}": {"harbour"} for i in range(10)}  # harbour: 12 articles too
    published = {a: day(200 + 7 * int(a[1:])) if a.startswith("h") else day(0) for a in names}
    stories = link_stories(names, names, published)
    assert stories["x01"] == stories["x00"] == "x00"
    assert {stories[f"x{i:02d}"] for i in range(2, 12)} == {f"x{i:02d}" for i in range(2, 12)}


def test_a_long_archive_does_not_lower_the_bar_for_common_words():
    # 20,000 articles over three years, each naming its own place; about 950 of them, some
    # 28 a fortnight, also say "police", "harbour" and "mayor". Those words are too common
    # within a fortnight to tell stories apart, however long the archive around them (a cap
    # taken as a share of the whole run, 40 here, would let them link 950 articles into one);
    # only at the ends of that stretch, where a fortnight has 20 of them or fewer, do they link
    n = 20_000
    names = {f"a{i:05d}": {f"place{i}"} for i in range(n)}
    for i in range(0, 8_566, 9):
        names[f"a{i:05d}"] |= {"police", "harbour", "mayor"}
    published = {f"a{i:05d}": day(i * 1095 // n) for i in range(n)}
    sizes = Counter(link_stories(names, names, published).values())
    assert max(sizes.values()) <= 20 and len(sizes) > n - 50


def test_common_nouns_of_a_capitalising_language_do_not_chain_an_archive_into_one_story():
    """German capitalises its nouns: "Menschen", "Prozent", "Zivilschutz" come out as names in
    hundreds of articles of a 10,000-article archive. Shared by more than 1% of the run they
    are the run's common words and link nothing, so 100 two-article stories stay 100 stories
    (at 5% they chained every article that gave them into one)."""
    start = dt.date(2024, 1, 1)
    names, published = {}, {}
    for i in range(10_000):
        art = f"a{i:05d}"
        published[art] = (start + dt.timedelta(days=i % 140)).isoformat()
        if i < 200:  # 100 stories of two articles on the same day, a rare name each
            names[art] = {f"ort{i // 2}", "menschen", "prozent", "zivilschutz"}
            published[art] = (start + dt.timedelta(days=(i // 2) % 140)).isoformat()
        else:
            names[art] = {f"name{i}"}
    stories = link_stories(names, names, published)
    sizes = Counter(stories[f"a{i:05d}"] for i in range(200)).values()
    assert sorted(sizes) == [2] * 100


def test_a_news_agency_or_a_role_named_in_two_stories_does_not_join_them():
    """A cyclone in Mayotte and an attack in Magdeburg a week apart, both from AP and both
    citing "die Behörden": the agency covers every story and the authorities speak in every
    story, so neither links the two; each story's own names still link its articles."""
    from checker.article import Article
    from checker.claims import claims_frame
    from checker.gazetteer import default_gazetteer
    from checker.stories import story_ids

    texts = {
        "cy-en.md": ("en", "2024-12-15", "At least 11 people died in Mayotte, the Associated Press reported."),
        "cy-de.md": ("de", "2024-12-16", "In Mayotte starben mindestens 14 Menschen, wie die Behörden mitteilten."),
        "mg-en.md": ("en", "2024-12-21", "Five people died in Magdeburg, the Associated Press reported."),
        "mg-de.md": ("de", "2024-12-21", "In Magdeburg starben fünf Menschen, wie die Behörden mitteilten."),
    }
    articles = [Article(path=p, text=t, body=t, outlet=p, published=d, lang=lang)
                for p, (lang, d, t) in texts.items()]
    stories = story_ids(claims_frame(articles), default_gazetteer())
    by_path = {art.rsplit("/", 1)[-1].split("#")[0]: sid for art, sid in stories.items()}
    assert by_path["cy-en.md"] == by_path["cy-de.md"]
    assert by_path["mg-en.md"] == by_path["mg-de.md"]
    assert by_path["cy-en.md"] != by_path["mg-en.md"]
