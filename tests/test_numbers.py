"""Numerals in each locale's conventions parse back to themselves."""
from __future__ import annotations

import math

import pytest
from babel.numbers import format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.language import language, supported_languages
from checker.numbers import parse_number_words, parse_numeral

LANGS = supported_languages()


@settings(max_examples=300, deadline=None)
@given(code=st.sampled_from(LANGS),
       value=st.one_of(st.integers(min_value=0, max_value=10**12),
                       st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False,
                                   allow_infinity=False)))
def test_locale_number_parses_back(code, value):
    lang = language(code)
    written = format_decimal(value, locale=lang.data.get("locale", code), group_separator=True)
    assert math.isclose(parse_numeral(written, lang), float(value), rel_tol=1e-12, abs_tol=1e-9), written


@settings(max_examples=200, deadline=None)
@given(code=st.sampled_from(LANGS), value=st.integers(min_value=0, max_value=10**9))
def test_plain_digits_parse_back(code, value):
    assert parse_numeral(str(value), language(code)) == value


def test_locales_of_issue_16_are_sampled():
    assert {"fr", "de", "pt"} <= set(LANGS)


# the group separators of the French, German and Portuguese press: a space (normal, no-break,
# narrow no-break), a dot, and the apostrophe of Swiss outlets
PRESS_GROUPS = [" ", "\u00a0", "\u202f", ".", "'", "’"]


@settings(max_examples=300, deadline=None)
@given(code=st.sampled_from(["fr", "de", "pt"]), group=st.sampled_from(PRESS_GROUPS),
       value=st.integers(min_value=0, max_value=10**12))
def test_press_grouping_parses_back(code, group, value):
    written = f"{value:,}".replace(",", group)
    assert parse_numeral(written, language(code)) == value, written


@pytest.mark.parametrize("code,raw,value", [
    ("it", "1.500", 1500), ("it", "1,5", 1.5), ("es", "1.500", 1500), ("es", "2,7", 2.7),
    ("en", "1,500", 1500), ("en", "1.5", 1.5), ("en", "10 000", 10000), ("it", "10 000", 10000),
    ("en", "1,234,567.5", 1234567.5), ("it", "1.234.567,5", 1234567.5), ("it", "1.5", 1.5),
    ("fr", "12 500", 12500), ("fr", "12\u00a0500", 12500), ("fr", "12\u202f500", 12500),
    ("fr", "12.500", 12500), ("fr", "1'500", 1500), ("fr", "1,6", 1.6),
    ("fr", "1\u202f234\u202f567,89", 1234567.89), ("de", "12.500", 12500), ("de", "12 500", 12500),
    ("de", "12\u00a0500", 12500), ("de", "12\u202f500", 12500), ("de", "1'500", 1500),
    ("de", "1’500", 1500), ("de", "1'234'567", 1234567), ("de", "2,5", 2.5), ("de", "1,6", 1.6),
    ("de", "1.234.567,5", 1234567.5), ("pt", "1.500", 1500), ("pt", "1 500", 1500),
    ("pt", "12\u00a0500", 12500), ("pt", "12\u202f500", 12500), ("pt", "2,5", 2.5),
    ("pt", "1.234.567,89", 1234567.89),
])
def test_numerals(code, raw, value):
    assert parse_numeral(raw, language(code)) == value


@pytest.mark.parametrize("code,raw", [("en", "1.1.1.1.1"), ("it", "1,2,3"), ("en", "9" * 40)])
def test_not_numerals(code, raw):
    assert parse_numeral(raw, language(code)) is None


@pytest.mark.parametrize("code,raw,value", [
    ("it", "quattro", 4), ("it", "diecimila", 10000), ("en", "four", 4), ("en", "Forty-five", 45),
    ("en", "ten thousand", 10000), ("es", "dos mil", 2000), ("es", "treinta y dos", 32),
    ("fr", "quatre-vingt-dix-neuf", 99), ("fr", "mille cinq cents", 1500),
    ("fr", "deux millions", 2000000), ("de", "zweihundertfünfzig", 250),
    ("de", "dreitausend", 3000), ("de", "fünfundzwanzig", 25), ("pt", "dois mil e quinhentos", 2500),
    ("pt", "vinte e cinco", 25), ("pt", "duzentas", 200), ("pt", "três milhões", 3000000),
])
def test_number_words(code, raw, value):
    assert parse_number_words(raw, language(code)) == value


@pytest.mark.parametrize("code,raw", [("it", "un"), ("en", "one"), ("es", "una"), ("en", "and"),
                                      ("fr", "une"), ("de", "eine"), ("pt", "um"), ("pt", "uma"),
                                      ("pt", "e")])
def test_articles_are_not_numbers(code, raw):
    assert parse_number_words(raw, language(code)) is None
