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
    # seats are each party's: two parties' seats in one article, or in two, are two counts
    pytest.param({
        "es.md": ("es", "2023-07-24", "El Partido Popular ganó las elecciones generales en España con 137 "
                  "escaños. Sumar logró 31 escaños."),
        "it.md": ("it", "2023-07-24", "Alle elezioni generali in Spagna il Psoe ha ottenuto 121 seggi."),
    }, id="the-seats-of-two-parties-are-two-counts"),
    # background: the toll of a disaster years before is not an earlier toll of this one
    pytest.param({
        "en.md": ("en", "2025-03-14", "The death toll from the earthquake that struck central Italy on Thursday "
                  "has risen to 19, the Civil Protection Department said. A series of quakes in August 2016 "
                  "killed 299 people in nearby Amatrice."),
        "es.md": ("es", "2025-03-15", "El número de muertos por el terremoto del jueves en el centro de Italia "
                  "asciende a 23, según Protección Civil. En 2016, una secuencia sísmica en la misma zona "
                  "dejó 299 muertos."),
    }, id="a-toll-of-years-before-is-another-disaster-s"),
    pytest.param({
        "pt.md": ("pt", "2025-04-06", "O comboio transportava 290 passageiros, informou a CP. Na Linha do Norte "
                  "passam diariamente cerca de 15 mil passageiros."),
        "fr.md": ("fr", "2025-04-06", "Le train transportait 290 passagers, selon la compagnie CP."),
    }, id="the-passengers-of-a-line-each-day-are-not-those-of-one-train"),
    # a march in one city is a part of the country's: "en todo el país" against "a Parigi"
    pytest.param({
        "es.md": ("es", "2025-03-20", "Contra la reforma de Macron, 1,08 millones de personas salieron a "
                  "la calle en todo el país, según el Ministerio del Interior."),
        "it.md": ("it", "2025-03-20", "Contro la riforma di Macron a Parigi hanno sfilato 93mila persone, "
                  "secondo la prefettura."),
    }, id="a-city-s-marchers-are-a-part-of-the-country-s"),
    pytest.param({
        "en.md": ("en", "2025-03-21", "More than a million people marched across France against Macron's reform, "
                  "the interior ministry said."),
        "es.md": ("es", "2025-03-20", "En París desfilaron 93.000 personas contra la reforma de Macron, según la "
                  "policía."),
    }, id="marching-across-a-country-is-its-whole"),
    pytest.param({
        "it.md": ("it", "2025-03-13", "Una scossa di magnitudo 6.1 ha colpito Cascia, ha reso noto l'Ingv. L'Ingv ha "
                  "registrato oltre 150 repliche, la più forte di magnitudo 4.3."),
        "es.md": ("es", "2025-03-14", "El seísmo de Cascia, de magnitud 6,1 según el INGV, causó daños."),
    }, id="the-strongest-aftershock-is-not-the-main-quake"),
    pytest.param({
        "it.md": ("it", "2025-03-13", "Il terremoto di Cascia ha fatto almeno 12 morti, secondo la Protezione civile. "
                  "Tra le vittime ci sono due bambini."),
        "de.md": ("de", "2025-03-13", "Bei dem Erdbeben von Cascia starben mindestens zwölf Menschen, teilte der "
                  "Zivilschutz mit. Unter den Toten sind zwei Kinder."),
    }, id="among-the-dead-is-a-part-of-the-toll"),
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
def test_the_homeless_credited_to_the_red_cross_and_to_the_civil_protection_conflict(tmp_path):
    # "han perdido su casa" counts the displaced as "left homeless" does; the Red Cross and
    # a civil protection agency are two sources whatever language names them
    got = findings(tmp_path, {
        "en.md": ("en", "2025-03-14", "Some 2,300 people have been left homeless by the earthquake near Cascia, "
                  "Italy's Civil Protection Department said."),
        "es.md": ("es", "2025-03-15", "Unas 2.300 personas han perdido su casa por el terremoto de Cascia, según la "
                  "Cruz Roja italiana."),
        "fr.md": ("fr", "2025-03-14", "Environ 2 300 habitants ont dû quitter leur logement après le séisme de "
                  "Cascia, selon la protection civile."),
    })
    assert got == [("source-conflict", "es.md", "Unas 2.300 personas")]


def test_people_who_marched_and_protesters_are_one_count_in_every_language(tmp_path):
    got = findings(tmp_path, {
        "es.md": ("es", "2025-03-20", "Contra la reforma de Macron, 1,08 millones de personas salieron a "
                  "la calle en todo el país, según el Ministerio del Interior."),
        "de.md": ("de", "2025-03-20", "Gegen die Rentenreform von Macron demonstrierten landesweit 1,08 Millionen Menschen, "
                  "wie das Innenministerium mitteilte."),
        "it.md": ("it", "2025-03-20", "Contro la riforma di Macron hanno sfilato in tutta la Francia 1,8 "
                  "milioni di persone, secondo il ministero dell'Interno."),
    })
    assert got == [("contradicting-figures", "it.md", "1,8 milioni di persone")]


def test_a_union_s_count_credited_to_a_ministry_is_a_source_conflict(tmp_path):
    # a union named by its acronym and a ministry are two sources, in any two languages
    got = findings(tmp_path, {
        "fr.md": ("fr", "2025-03-20", "Contre la réforme de Macron, la CGT revendique 3,5 millions de manifestants."),
        "es.md": ("es", "2025-03-20", "Contra la reforma de Macron, 3,5 millones de manifestantes, según la CGT."),
        "en.md": ("en", "2025-03-21", "Against Macron's reform, 3.5 million protesters marched, the interior "
                  "ministry said."),
    })
    assert got == [("source-conflict", "en.md", "3.5 million protesters marched")]


def test_two_agencies_giving_two_magnitudes_disagree_without_a_contradiction(tmp_path):
    # "Survey" in the name of the U.S. Geological Survey does not make it a document that
    # may be anyone's: the USGS and the INGV are two named sources
    got = findings(tmp_path, {
        "en.md": ("en", "2025-03-14", "The magnitude 6.1 quake hit near Cascia, the INGV said. The U.S. Geological "
                  "Survey put its magnitude at 5.9."),
    })
    assert [rule for rule, _, _ in got] == ["sources-disagree", "sources-disagree"]
