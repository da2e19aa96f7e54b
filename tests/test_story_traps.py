"""Traps of multi-outlet news stories: what two articles of one story must and must not flag."""
from __future__ import annotations

from pathlib import Path

import pytest

from checker.lint import lint
from checker.pipeline import extract_paths
from checker.ruleset import load_rules


def findings(folder: Path, articles: dict[str, tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Lint articles {file: (lang, published, body)}; (rule, file, flagged text) of each finding."""
    for name, (lang, published, body) in articles.items():
        (folder / name).write_text(f"---\noutlet: {name}\nlang: {lang}\npublished: {published}\n---\n{body}\n",
                                   encoding="utf-8")
    claims = extract_paths([str(folder)]).claims
    out = lint(claims, load_rules(), set(claims["article"]))
    return sorted((f.rule, Path(f.path).name, f.claims[0]["text"]) for f in out if f.rule != "unsourced-figure")


# two articles of one story that must raise nothing but unsourced figures
NO_FLAG = [
    pytest.param({
        "it.md": ("it", "2025-08-13", "Il barchino era partito martedì sera da Sfax. A bordo c'erano tra i 90 e i "
                  "100 migranti, ha riferito l'Unhcr a Lampedusa."),
        "en.md": ("en", "2025-08-13", "More than 38,000 migrants have reached Italy by sea so far this year, "
                  "the interior ministry said after the shipwreck off Lampedusa."),
    }, id="people-aboard-one-boat-are-not-the-arrivals-of-a-year"),
    pytest.param({
        "de.md": ("de", "2025-08-13", "Vor Lampedusa sind mindestens 27 Migranten ums Leben gekommen. "
                  "Die Küstenwache hatte zunächst von 21 Toten gesprochen."),
        "en.md": ("en", "2025-08-13", "At least 27 people died off Lampedusa, the coast guard said."),
    }, id="a-first-toll-given-as-superseded-is-no-contradiction"),
    # a count "this year" (to the end of December) and one "since the start of the year" (to
    # the day of publication) cover what was counted by the day of publication
    pytest.param({
        "en.md": ("en", "2025-08-13", "This year, more than 38,000 migrants reached Italy by sea, the interior "
                  "ministry said after the shipwreck off Lampedusa."),
        "it.md": ("it", "2025-08-13", "Dall'inizio dell'anno sono sbarcati in Italia oltre 38.000 migranti, "
                  "secondo il Viminale, dopo il naufragio al largo di Lampedusa."),
    }, id="this-year-and-the-year-so-far-are-one-period-for-what-was-counted"),
    pytest.param({
        "de.md": ("de", "2023-03-01", "Bei dem Zugunglück nahe Larissa wurden 85 Menschen verletzt, 66 von ihnen "
                  "mussten im Krankenhaus behandelt werden, wie die Feuerwehr mitteilte."),
        "fr.md": ("fr", "2023-03-01", "Après la collision près de Larissa, une cinquantaine de personnes sont "
                  "hospitalisées, dont six en soins intensifs, selon les pompiers."),
    }, id="the-hospitalised-and-those-in-intensive-care-are-two-subgroups"),
    pytest.param({
        "en.md": ("en", "2025-04-01", "Euro zone inflation eased to 2.2% in March, Eurostat said on Tuesday. "
                  "Consumer prices rose 0.6% on the month, Eurostat said."),
        "it.md": ("it", "2025-04-01", "A marzo l'inflazione nell'Eurozona è scesa al 2,2%, secondo Eurostat. "
                  "Su base mensile i prezzi sono aumentati dello 0,6%, secondo Eurostat."),
    }, id="a-monthly-change-of-prices-is-not-the-annual-rate"),
    # two countries are two places in two languages too (their CLDR names)
    pytest.param({
        "en.md": ("en", "2024-12-17", "Cyclone Chido killed 45 people in Mozambique, officials said."),
        "it.md": ("it", "2024-12-17", "Secondo le autorità, il ciclone Chido ha ucciso 13 persone in Malawi."),
    }, id="the-dead-of-two-countries-in-two-languages-are-two-tolls"),
    pytest.param({
        "fr.md": ("fr", "2023-03-08", "Selon la police, 1,28 million de personnes ont manifesté mardi dans tout le "
                  "pays contre la réforme des retraites d'Emmanuel Macron."),
        "en.md": ("en", "2023-03-08", "Police said 81,000 people marched in Paris on Tuesday against Emmanuel "
                  "Macron's pension reform."),
    }, id="a-nationwide-count-is-not-a-city-s-in-another-language"),
    # "stieg von 25 auf 40": 25 is the count before, not another outlet's wrong toll
    pytest.param({
        "de.md": ("de", "2025-03-14", "Nach dem Einsturz in Novi Sad stieg die Zahl der Toten von 25 auf 40, "
                  "teilte die Polizei mit."),
        "en.md": ("en", "2025-03-14", "Forty people died in the collapse in Novi Sad, police said."),
    }, id="the-count-a-toll-rose-from-is-superseded"),
]


@pytest.mark.parametrize("articles", NO_FLAG)
def test_what_tells_two_quantities_apart_raises_nothing(tmp_path, articles):
    assert findings(tmp_path, articles) == []


def test_a_country_s_inflation_is_not_the_euro_area_s_but_a_wrong_rate_is_flagged(tmp_path):
    got = findings(tmp_path, {
        "en.md": ("en", "2025-04-01", "Euro zone inflation eased to 2.4% in March, Eurostat said on Tuesday. "
                  "In Germany, inflation was 2.3%, the federal statistics office said."),
        "it.md": ("it", "2025-04-01", "L'inflazione nell'Eurozona è scesa al 2,4% a marzo, secondo Eurostat. "
                  "In Italia i prezzi al consumo sono saliti dell'1,9%, ha comunicato l'Istat."),
        "fr.md": ("fr", "2025-04-01", "L'inflation a ralenti à 2,2 % en mars dans la zone euro, a indiqué mardi "
                  "Eurostat. En France, la hausse des prix a atteint 0,9 %, selon l'Insee."),
    })
    assert got == [("contradicting-figures", "fr.md", "2,2 %")]


def test_a_range_moved_by_a_day_is_still_a_date_conflict(tmp_path):
    got = findings(tmp_path, {
        "en.md": ("en", "2024-10-20", "Some 1,500 soldiers were moved to the Kursk region between October 8 and 12, "
                  "the NIS said."),
        "it.md": ("it", "2024-10-20", "Secondo il NIS, 1.500 soldati sono stati trasferiti nella regione di Kursk "
                  "tra l'8 e il 13 ottobre."),
    })
    assert {g[0] for g in got} == {"date-conflict"}


def test_the_dead_of_one_country_named_in_two_languages_are_compared(tmp_path):
    got = findings(tmp_path, {
        "en.md": ("en", "2024-12-17", "Cyclone Chido killed 45 people in Mozambique, officials said."),
        "de.md": ("de", "2024-12-17", "Durch den Zyklon Chido kamen in Mosambik 40 Menschen ums Leben, teilten "
                  "die Behörden mit."),
    })
    assert got == [("contradicting-figures", "de.md", "40 Menschen ums Leben"),
                   ("contradicting-figures", "en.md", "45 people")]


def test_a_count_whose_noun_is_elided_is_compared_by_its_source(tmp_path):
    # "while police counted 1.28 million": the police's count of the marchers, not a bare number
    got = findings(tmp_path, {
        "union.md": ("en", "2023-03-08", "The CGT union said 3.5 million people marched against Emmanuel Macron's "
                     "pension reform on Tuesday, while police counted 1.28 million."),
        "police.md": ("en", "2023-03-08", "Police said 1.1 million people marched against Emmanuel Macron's pension "
                      "reform on Tuesday."),
    })
    assert ("contradicting-figures", "union.md", "1.28 million") in got
    assert ("contradicting-figures", "police.md", "1.1 million people marched") in got
    assert not any(rule == "contradicting-figures" and text.startswith("3.5") for rule, _, text in got)
