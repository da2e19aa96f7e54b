"""The bundled source gazetteer (checker/data/sources.yaml): well-known institutions under one
canonical name whatever language an article writes them in."""
from __future__ import annotations

from collections import defaultdict

import pytest

from checker import extract_text
from checker.gazetteer import _is_exact, bundled_entries, default_gazetteer
from checker.language import fold

KINDS = {"country", "government", "agency", "organisation", "person"}

# canonical name: how English, Italian, Spanish, French, German and Portuguese articles write it
NAMES = {
    "WHO": ["World Health Organization", "Organizzazione mondiale della sanità",
            "Organización Mundial de la Salud", "Organisation mondiale de la santé",
            "Weltgesundheitsorganisation", "Organização Mundial da Saúde", "OMS"],
    "United Nations": ["United Nations", "Nazioni Unite", "Naciones Unidas", "Nations unies",
                       "Vereinte Nationen", "Nações Unidas", "ONU", "UNO"],
    "UNHCR": ["UN refugee agency", "Alto Commissariato delle Nazioni Unite per i rifugiati",
              "ACNUR", "Haut-Commissariat des Nations unies pour les réfugiés",
              "UN-Flüchtlingshilfswerk", "Alto Comissariado das Nações Unidas para os Refugiados"],
    "WFP": ["World Food Programme", "Programma alimentare mondiale", "Programa Mundial de Alimentos",
            "Programme alimentaire mondial", "Welternährungsprogramm", "Programa Alimentar Mundial"],
    "IMF": ["International Monetary Fund", "Fondo monetario internazionale", "FMI",
            "Fonds monétaire international", "Internationaler Währungsfonds", "IWF",
            "Fundo Monetário Internacional"],
    "World Bank": ["World Bank", "Banca mondiale", "Banco Mundial", "Banque mondiale", "Weltbank"],
    "ECB": ["European Central Bank", "Banca centrale europea", "Banco Central Europeo",
            "Banque centrale européenne", "Europäische Zentralbank", "EZB", "Banco Central Europeu", "BCE"],
    "European Commission": ["European Commission", "Commissione europea", "Comisión Europea",
                            "Commission européenne", "EU-Kommission", "Comissão Europeia"],
    "NATO": ["NATO", "Alleanza atlantica", "OTAN", "Alliance atlantique", "Nato",
             "Organização do Tratado do Atlântico Norte"],
    "Red Cross": ["Red Cross", "Croce Rossa", "Cruz Roja", "Croix-Rouge", "Rotes Kreuz",
                  "Cruz Vermelha", "ICRC", "CICR", "IKRK"],
    "MSF": ["Doctors Without Borders", "Medici senza frontiere", "Médicos Sin Fronteras",
            "Médecins Sans Frontières", "Ärzte ohne Grenzen", "Médicos Sem Fronteiras", "MSF"],
    "Meteo-France": ["Météo-France", "Meteo-France", "French weather service",
                     "servizio meteorologico francese", "servicio meteorológico francés",
                     "französischer Wetterdienst", "serviço meteorológico francês"],
    "National Hurricane Center": ["US National Hurricane Center", "NHC", "Centro nazionale uragani",
                                  "Centro Nacional de Huracanes", "Centre national des ouragans",
                                  "US-Hurrikanzentrum", "Centro Nacional de Furacões"],
    "Deutscher Wetterdienst": ["Deutscher Wetterdienst", "Deutschen Wetterdienstes", "DWD",
                               "German weather service", "servizio meteorologico tedesco",
                               "servicio meteorológico alemán", "service météorologique allemand",
                               "serviço meteorológico alemão"],
    "AEMET": ["AEMET", "Agencia Estatal de Meteorología", "Spanish weather agency",
              "agenzia meteorologica spagnola", "service météorologique espagnol",
              "spanischen Wetterdienst", "agência meteorológica espanhola"],
    "Vatican": ["Vatican", "Holy See", "Santa Sede", "Vaticano", "Saint-Siège", "Heiligen Stuhl",
                "Vatikan", "Santa Sé"],
    "Holy See Press Office": ["Holy See Press Office", "Sala Stampa della Santa Sede",
                              "Oficina de Prensa de la Santa Sede", "Salle de presse du Saint-Siège",
                              "Presseamt des Heiligen Stuhls", "Sala de Imprensa da Santa Sé"],
    "dpa": ["dpa", "DPA", "Deutsche Presse-Agentur"],
    "Keystone-ATS": ["Keystone-ATS", "Keystone-SDA", "Agence télégraphique suisse",
                     "Schweizerische Depeschenagentur"],
    "AFP": ["AFP", "Agence France-Presse"],
    "AP": ["AP", "Associated Press"],
    "Europa Press": ["Europa Press"],
    "Bloomberg": ["Bloomberg", "Bloomberg News"],
    "Germany": ["Germany", "Bundesregierung", "Alemania", "Allemagne", "gouvernement allemand",
                "Alemanha", "governo tedesco"],
    "France": ["Élysée", "Matignon", "gouvernement français", "Frankreich", "governo francese"],
    "Spain": ["La Moncloa", "Gobierno de España", "Espagne", "spanische Regierung", "Espanha"],
    "United Kingdom": ["Downing Street", "British government", "Royaume-Uni", "Großbritannien"],
}


@pytest.mark.parametrize("canonical", sorted(NAMES))
def test_names_in_every_language_resolve_to_one_canonical_name(canonical):
    gazetteer = default_gazetteer()
    assert {name: gazetteer.resolve(name) for name in NAMES[canonical]} == \
        {name: canonical for name in NAMES[canonical]}


def test_the_longest_name_wins():
    gazetteer = default_gazetteer()
    assert gazetteer.resolve("Federazione internazionale della Croce Rossa") == "IFRC"
    assert gazetteer.resolve("Vatican News") == "Vatican News"
    assert gazetteer.resolve("la Sala Stampa vaticana") == "Holy See Press Office"
    assert gazetteer.resolve("the UN refugee agency") == "UNHCR"


def test_institutions_belong_to_what_they_are_part_of():
    gazetteer = default_gazetteer()
    assert gazetteer.ancestors("National Hurricane Center") == [
        "National Hurricane Center", "NOAA", "United States"]
    assert gazetteer.related("WHO", "United Nations") and gazetteer.related("UNHCR", "WHO")
    assert gazetteer.related("ECB", "European Commission")  # both of the European Union
    assert gazetteer.related("Holy See Press Office", "Vatican")
    assert not gazetteer.related("dpa", "Reuters")
    assert not gazetteer.related("Meteo-France", "AEMET")


def test_every_alias_names_one_source_and_every_parent_exists():
    entries = bundled_entries()
    owners: dict[str, set[str]] = defaultdict(set)
    for name, entry in entries.items():
        assert set(entry) <= {"kind", "part_of", "aliases", "press"}, name
        assert entry.get("press", False) in (True, False), name
        assert entry.get("kind") in KINDS, name
        assert entry.get("part_of") in (None, *entries), name
        for alias in [name, *entry.get("aliases", [])]:
            owners[alias if _is_exact(alias) else " ".join(fold(alias).split())].add(name)
    assert {alias: names for alias, names in owners.items() if len(names) > 1} == {}


@pytest.mark.parametrize("lang,text,source", [
    ("en", "The World Health Organization said 1,200 people had died.", "WHO"),
    ("en", "Winds reached 220 km/h, the US National Hurricane Center said.", "National Hurricane Center"),
    ("it", "Lo ha reso noto la Sala Stampa della Santa Sede: i fedeli erano 250.000.", "Holy See Press Office"),
    ("es", "Según la Organización Mundial de la Salud, murieron 1.200 personas.", "WHO"),
    ("fr", "Selon Médecins Sans Frontières, 1 200 personnes ont été soignées.", "MSF"),
    ("de", "Der Deutsche Wetterdienst meldete Böen von 120 Kilometern pro Stunde.", "Deutscher Wetterdienst"),
    ("de", "Laut Weltgesundheitsorganisation starben 1200 Menschen.", "WHO"),
    ("pt", "Segundo a Organização Mundial da Saúde, morreram 1.200 pessoas.", "WHO"),
    ("pt", "A Agência Lusa informou que 300 pessoas foram retiradas.", "Lusa"),
])
def test_figures_are_credited_to_the_canonical_institution(lang, text, source):
    figures = extract_text(text, lang=lang)
    assert list(figures[figures["kind"] == "figure"]["source"]) == [source]
