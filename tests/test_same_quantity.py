"""Same quantity, same time: what tells two figures apart (parts, places, occasions, sentences,
days) and which sources are surely different (roles across languages, witnesses)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from checker import api
from checker.compare import significant_digits, source_roles, sources_differ
from checker.gazetteer import default_gazetteer
from checker.language import language
from checker.places import country_of
from checker.scope import figure_scope
from checker.subjects import clause_bounds

TYPES = ["contradiction", "date-conflict", "source-conflict", "arithmetic"]


def scope_of(lang: str, sentence: str, figure: str) -> str | None:
    low, code = sentence.lower(), language(lang)
    start = sentence.index(figure)
    end = start + len(figure)
    clause = clause_bounds(low, code, (0, len(sentence)), start, end)
    return figure_scope(sentence, low, code, clause, start, start, end, len(sentence),
                        sentence_start=0).scope


def source(name: str, lang: str, text: str | None = None) -> SimpleNamespace:
    return SimpleNamespace(source=name, source_text=text or name, lang=lang)


def lint_pair(tmp_path, wire: str, draft: str, lang: str = "en"):
    head = "---\noutlet: {}\npublished: {}\nlang: " + lang + "\n---\n"
    (tmp_path / "wire.md").write_text(head.format("Wire", "2024-12-18") + wire, encoding="utf-8")
    (tmp_path / "draft.md").write_text(head.format("Draft", "2024-12-19") + draft, encoding="utf-8")
    return api.lint(str(tmp_path / "draft.md"), against=[str(tmp_path / "wire.md")], select=TYPES)


@pytest.mark.parametrize("value,digits", [(50, 1), (200_000, 1), (154_000, 3), (2.5, 2), (0, 0)])
def test_significant_digits(value, digits):
    assert significant_digits(value) == digits


def test_a_part_word_counts_only_around_the_figure():
    # "más de" is the qualifier of the figure, not "one of several"
    assert scope_of("es", "Han provocado 11 mil hectáreas arrasadas y más de 10 mil edificios afectados.",
                    "más de 10 mil edificios afectados") is None
    assert scope_of("de", "Das Eaton-Feuer habe für sich allein 4000 Gebäude zerstört.", "4000 Gebäude") == "part"


def test_a_name_inside_a_counted_noun_is_not_a_place():
    assert scope_of("it", "Sono attese 160 delegazioni, fra cui circa 50 Capi di Stato e 10 Sovrani.",
                    "circa 50 Capi") == "sub"


def test_the_places_of_a_breakdown_stop_at_the_next_number():
    sentence = "Nine people died in Riverton and eight in Lakeside, the agency added."
    assert scope_of("en", sentence, "Nine people died") == "at:riverton"
    # a conversion in parentheses is not the next figure: the place after it is still its own
    assert scope_of("en", "Magdeburg lies about 130 kilometers (80 miles) west of Berlin.",
                    "about 130 kilometers") == "at:berlin"


def test_a_figure_before_the_number_of_its_whole_is_a_part():
    assert scope_of("en", "The Greens won 18 of the 50 council seats.", "18") == "sub"
    assert scope_of("fr", "Un budget de 2,3 milliards d'euros, dont 410 millions d'euros pour les écoles.",
                    "410 millions d'euros") == "sub"


def test_source_roles_are_one_key_in_every_language():
    assert source_roles("maire de Mamoudzou", "fr") == source_roles("the mayor", "en") == {"mayor"}
    assert source_roles("hospital local", "es") == {"hospital"}
    assert source_roles("Unternehmerverbandes CEOE", "de") == frozenset()


@pytest.mark.parametrize("a,b,differ", [
    (source("maire de Mamoudzou", "fr"), source("hospital", "en"), True),
    (source("maire", "fr"), source("the mayor", "en"), False),
    (source("Behörden", "de"), source("Polizei", "de"), False),    # the authorities may be the police
    (source("autoridades", "es"), source("cálculos de la empresa JP Morgan", "es"), True),
    (source("témoins", "fr"), source("police", "fr"), True),       # witnesses are never the police
    (source("témoins", "fr"), source("sources", "fr"), False),     # nor are they told from anonymous ones
])
def test_which_sources_surely_differ(a, b, differ):
    assert sources_differ(a, b, default_gazetteer()) is differ


# "66 of the injured" are some of the injured, never compared with their total; a count the
# clause gives as superseded ("a previous toll of 83") is compared with no other figure
SCOPES = [
    ("en", "She said 66 of the injured were hospitalized.", "66", "sub"),
    ("it", "Secondo i medici 66 dei feriti sono ricoverati.", "66", "sub"),
    ("es", "Según el hospital, 66 de los heridos siguen ingresados.", "66", "sub"),
    ("fr", "Selon l'hôpital, 66 des blessés restent hospitalisés.", "66", "sub"),
    ("de", "Laut Klinik werden 66 der Verletzten noch behandelt.", "66", "sub"),
    ("pt", "Segundo o hospital, 66 dos feridos seguem internados.", "66", "sub"),
    ("en", "She said 66 injured were hospitalized.", "66", None),  # the whole itself
    ("en", "The toll rose to 85, up from 83 earlier in the day.", "83", "earlier"),
    ("fr", "Un précédent bilan faisait état de 83 morts.", "83 morts", "earlier"),
    ("it", "Il precedente bilancio era di 83 morti.", "83 morti", "earlier"),
    ("es", "El balance anterior era de 83 muertos.", "83 muertos", "earlier"),
    ("de", "Zuvor war von 83 Toten die Rede.", "83 Toten", "earlier"),
    ("pt", "O balanço anterior apontava 83 mortes.", "83 mortes", "earlier"),
    ("en", "The toll rose to 85, up from 83 earlier in the day.", "85", None),  # the new count
    # a count for the whole country ("national"); a place named wins: it is narrower
    ("en", "Police said 1.28 million people marched nationwide.", "1.28 million", "national"),
    ("it", "A livello nazionale hanno manifestato 800.000 persone.", "800.000", "national"),
    ("es", "En todo el país se manifestaron 800.000 personas.", "800.000", "national"),
    ("fr", "Dans tout le pays, 1,28 million de personnes ont manifesté.", "1,28 million", "national"),
    ("de", "Bundesweit gingen 1,28 Millionen Menschen auf die Straße.", "1,28 Millionen", "national"),
    ("pt", "Em todo o país, 800 mil pessoas protestaram.", "800 mil", "national"),
    ("fr", "Selon la police, 1,28 million de personnes ont manifesté mardi dans tout le pays.",
     "1,28 million", "national"),
    ("en", "Nationwide, 81,000 people marched in Paris.", "81,000", "at:paris"),
]


@pytest.mark.parametrize("lang,sentence,figure,scope", SCOPES)
def test_subgroups_and_superseded_counts_have_their_scope(lang, sentence, figure, scope):
    assert scope_of(lang, sentence, figure) == scope


def test_some_of_the_injured_do_not_contradict_the_injured(tmp_path):
    wire = "The collision near Larissa killed 36 people and injured 85, officials said on Wednesday.\n"
    draft = "A spokeswoman said on Wednesday that 66 of the injured near Larissa were hospitalized.\n"
    assert lint_pair(tmp_path, wire, draft).empty
    draft = "A spokeswoman said on Wednesday that the collision near Larissa injured 66.\n"
    assert list(lint_pair(tmp_path, wire, draft)["rule"]) == ["contradicting-figures"]


def test_counts_of_two_places_in_one_language_are_two_quantities(tmp_path):
    wire = "In Paris, 81,000 people marched against Macron's reform on Tuesday, police said.\n"
    draft = "Some 30,000 people marched against Macron's reform in Toulouse on Tuesday, police said.\n"
    assert lint_pair(tmp_path, wire, draft).empty
    # a country and its capital are two places too; the same place, or none, is compared
    draft = "Across France, 1.28 million people marched against Macron's reform on Tuesday, police said.\n"
    assert lint_pair(tmp_path, wire, draft).empty
    draft = "In Paris, 30,000 people marched against Macron's reform on Tuesday, police said.\n"
    assert list(lint_pair(tmp_path, wire, draft)["rule"]) == ["contradicting-figures"]
    draft = "Some 30,000 people marched against Macron's reform on Tuesday, police said.\n"
    assert list(lint_pair(tmp_path, wire, draft)["rule"]) == ["contradicting-figures"]


def test_a_nationwide_count_is_compared_with_a_country_s_not_a_city_s(tmp_path):
    wire = "Police said 1.28 million people marched nationwide against Macron's reform on Tuesday.\n"
    draft = "Police said 81,000 people marched in Paris against Macron's reform on Tuesday.\n"
    assert lint_pair(tmp_path, wire, draft).empty
    draft = "Police said 1.1 million people marched in France against Macron's reform on Tuesday.\n"
    assert list(lint_pair(tmp_path, wire, draft)["rule"]) == ["contradicting-figures"]
    draft = "Police said 1.1 million people marched against Macron's reform on Tuesday.\n"
    assert list(lint_pair(tmp_path, wire, draft)["rule"]) == ["contradicting-figures"]


@pytest.mark.parametrize("place,lang,code", [
    ("mozambique", "en", "MZ"), ("mozambico", "it", "MZ"), ("mosambik", "de", "MZ"),
    ("Mozambique", "fr", "MZ"), ("estados unidos", "es", "US"), ("vereinigte  staaten", "de", "US"),
    ("paris", "fr", None), ("magdeburg", "de", None), ("mayotte", "fr", "YT"),
    ("mosambik", None, "MZ"), ("mosambik", "xx", "MZ"), ("moçambique", float("nan"), "MZ"),
])
def test_a_country_has_one_key_in_every_language(place, lang, code):
    assert country_of(place, lang) == code


def test_a_superseded_count_contradicts_no_other(tmp_path):
    wire = "The death toll from the floods near Porto Alegre rose to 85 on Monday, officials said.\n"
    draft = ("The death toll from the floods near Porto Alegre rose to 85 on Monday, officials said, "
             "up from 83 in the morning.\n")
    assert lint_pair(tmp_path, wire, draft).empty
    draft = "The death toll from the floods near Porto Alegre rose to 83 on Monday, officials said.\n"
    assert list(lint_pair(tmp_path, wire, draft)["rule"]) == ["contradicting-figures"]


def test_two_airlifts_on_two_days_are_two_events(tmp_path):
    wire = "The first plane brought 3 tonnes of medical supplies to Mayotte on Sunday, officials said.\n"
    draft = "A second plane brought 23 tonnes of medical supplies to Mayotte on Wednesday, officials said.\n"
    assert lint_pair(tmp_path, wire, draft).empty


def test_the_same_amount_on_another_day_is_one_event_misdated(tmp_path):
    wire = "The first plane brought 3 tonnes of medical supplies to Mayotte on Sunday, officials said.\n"
    draft = "The first plane brought 3 tonnes of medical supplies to Mayotte on Monday, officials said.\n"
    found = lint_pair(tmp_path, wire, draft)
    assert list(found["rule"]) == ["date-conflict"]
    assert "2024-12-16" in found.iloc[0]["message"] and "2024-12-15" in found.iloc[0]["message"]


def test_crowds_at_two_occasions_are_not_compared(tmp_path):
    wire = "In Rome, some 250,000 people filed past his coffin during the lying in state, the Vatican said.\n"
    draft = "In Rome, about 200,000 people attended the funeral on Saturday, the Vatican said.\n"
    assert lint_pair(tmp_path, wire, draft).empty
    # the same occasion: two named sources that disagree
    other = "In Rome, about 140,000 people attended the funeral on Saturday, police said.\n"
    found = lint_pair(tmp_path, draft, other)
    assert list(found["rule"]) == ["sources-disagree"]
    assert "200,000 (Vatican, Wire)" in found.iloc[0]["message"]


def test_about_a_round_number_covers_its_neighbours(tmp_path):
    wire = "About 50 heads of state attended the funeral, the Vatican said.\n"
    draft = "In all, 54 heads of state attended the funeral, the Vatican said.\n"
    assert lint_pair(tmp_path, wire, draft).empty
    assert list(lint_pair(tmp_path, wire, draft.replace("54", "58"))["rule"]) == ["contradicting-figures"]


def test_a_running_count_conflicts_by_its_ranges_only(tmp_path):
    wire = "Some 4,500 residents of Valdoria were evacuated between October 8 and 13, officials said.\n"
    draft = "Some 4,500 residents of Valdoria were evacuated between October 8 and 12, officials said.\n"
    found = lint_pair(tmp_path, wire, draft)
    assert list(found["rule"]) == ["date-conflict"]
    assert "2024-10-08 to 2024-10-12" in found.iloc[0]["message"]
    wire = "In Valdoria 11 people died on Monday, officials said.\n"
    draft = "In Valdoria 14 people died on Tuesday, officials said.\n"
    assert lint_pair(tmp_path, wire, draft).empty


def test_an_amount_recovered_is_not_the_loss(tmp_path):
    wire = "The Valdoria blackout cost the economy about €400 million, the minister said.\n"
    draft = "In Valdoria some €130 million was recovered in the following days, the minister said.\n"
    assert lint_pair(tmp_path, wire, draft).empty
    draft = "The Valdoria blackout cost the economy some €130 million, the minister said.\n"
    assert list(lint_pair(tmp_path, wire, draft)["rule"]) == ["contradicting-figures"]


@pytest.mark.parametrize("a,b,conflict", [
    (("2024-10-08", "2024-10-13"), ("2024-10-08", "2024-10-12"), True),    # one bound moved
    (("2025-04-23", "2025-04-25"), ("2025-04-25", "2025-04-26"), False),   # two periods
    (("2024-12-15", "2024-12-15"), ("2024-12-14", "2024-12-15"), False),   # a day inside a range
    (("2024-12-15", "2024-12-15"), ("2024-12-18", "2024-12-18"), True),    # no day in common
])
def test_which_date_ranges_conflict(a, b, conflict):
    from checker.checks.date_conflict import dates_conflict
    row = lambda span: SimpleNamespace(date_start=span[0], date_end=span[1])  # noqa: E731
    assert dates_conflict(row(a), row(b)) is conflict
