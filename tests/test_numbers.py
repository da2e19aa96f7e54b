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


@pytest.mark.parametrize("code,raw,value", [
    ("it", "1.500", 1500), ("it", "1,5", 1.5), ("es", "1.500", 1500), ("es", "2,7", 2.7),
    ("en", "1,500", 1500), ("en", "1.5", 1.5), ("en", "10 000", 10000), ("it", "10 000", 10000),
    ("en", "1,234,567.5", 1234567.5), ("it", "1.234.567,5", 1234567.5), ("it", "1.5", 1.5),
])
def test_numerals(code, raw, value):
    assert parse_numeral(raw, language(code)) == value


@pytest.mark.parametrize("code,raw", [("en", "1.1.1.1.1"), ("it", "1,2,3"), ("en", "9" * 40)])
def test_not_numerals(code, raw):
    assert parse_numeral(raw, language(code)) is None


@pytest.mark.parametrize("code,raw,value", [
    ("it", "quattro", 4), ("it", "diecimila", 10000), ("en", "four", 4), ("en", "Forty-five", 45),
    ("en", "ten thousand", 10000), ("es", "dos mil", 2000), ("es", "treinta y dos", 32),
])
def test_number_words(code, raw, value):
    assert parse_number_words(raw, language(code)) == value


@pytest.mark.parametrize("code,raw", [("it", "un"), ("en", "one"), ("es", "una"), ("en", "and")])
def test_articles_are_not_numbers(code, raw):
    assert parse_number_words(raw, language(code)) is None
