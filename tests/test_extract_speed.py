"""The faster forms of extraction's patterns and helpers find exactly what the plain ones do,
and the benchmark corpus covers the six languages."""
from __future__ import annotations

import importlib.util
import os
import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.attribution import _long_back_references, _points_back, Cue
from checker.language import (NEVER, SCANNED, _scanned_phrases, alternation, bounded, bounded_words, fold,
                              language, supported_languages, word_start)
from checker.sentences import split_sentences

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

_PHRASES = st.lists(st.sampled_from(["selon", "d'après", "«", ", so", "per", "l'", "’s", "ha detto",
                                     "según", "über", "_x", "9 km", "é"]), min_size=1, max_size=6)
_TEXT = st.text(alphabet="aselonpdr'’«», _x9kméübhtogú\n", max_size=60)


@settings(max_examples=300, deadline=None)
@given(_PHRASES, _TEXT, st.integers(0, 10))
def test_word_start_matches_where_the_look_behind_does(phrases, text, pos):
    plain = re.compile(bounded(alternation(phrases)))
    fast = re.compile(bounded_words(phrases))
    assert [m.span() for m in fast.finditer(text, pos)] == [m.span() for m in plain.finditer(text, pos)]


def test_word_start_tests_the_boundary_only_for_word_initials():
    assert word_start(["selon"]) == r"(?:\b(?=[s]))"
    assert word_start(["«x", "un"]) == r"(?:\b(?=[u])|(?=[«])(?<![\w]))"
    assert word_start([]) == NEVER
    # a phrase that starts with a non-word character needs the look-behind: "a, so" is no match
    assert re.compile(bounded_words([", so"])).search("sagte er, so der Sprecher") is None
    assert re.compile(bounded_words([", so"])).search("„Ja“ , so der Sprecher").span() == (5, 9)


def test_the_article_scan_finds_what_each_list_finds_alone():
    lang = language("it")
    text = fold("Secondo la Protezione civile, lunedì 3 agosto sono morte dodici persone, "
                "ha detto il sindaco; mercoledì scorso erano circa duemila.")
    scanned = lang.scan(text)
    for key in ("month", "weekday", "words", "attr_prep", "attr_verb"):
        assert scanned[key] == [m.span() for m in lang.re[key].finditer(text)], key
    assert text[slice(*scanned["attr_prep"][0])] == "secondo"
    assert [text[s:e] for s, e in scanned["weekday"]] == ["lunedì", "mercoledì"]


_SCAN_GLUE = ["", " ", "  ", "'", "’", "x-", "-", ", ", ".", "x", "1", "\n", "«"]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(supported_languages()), st.data())
def test_the_scan_finds_what_each_list_finds_alone_in_every_language(code, data):
    # the scan pattern groups the lists by their phrases' first character: each list must
    # still get exactly the matches of its own pattern, where phrases touch and overlap
    lang = language(code)
    lists = [sorted({str(p).lower() for p in ps}) for ps in _scanned_phrases(lang).values() if ps]
    pieces = []
    for _ in range(data.draw(st.integers(1, 6))):
        pieces.append(data.draw(st.sampled_from(_SCAN_GLUE)))
        pieces.append(data.draw(st.sampled_from(data.draw(st.sampled_from(lists)))))
    text = fold("".join(pieces))
    scanned = lang.scan(text)
    for key in SCANNED:
        assert scanned[key] == [m.span() for m in lang.re[key].finditer(text)], (key, text)


def test_back_references_are_whole_words_of_the_text_before_the_cue():
    lang = language("fr")
    assert " ce bilan " in _long_back_references(lang)
    body = "Ce bilan a été confirmé par la préfecture."
    cue = Cue(body.index("confirmé"), body.index("confirmé") + 8, "confirmé", "préfecture",
              "la préfecture", "verb")
    assert _points_back(body, lang, 0, cue) is True
    body2 = "Cebilan a été confirmé par la préfecture."  # not the words "ce bilan"
    cue2 = Cue(body2.index("confirmé"), body2.index("confirmé") + 8, "confirmé", "préfecture",
               "la préfecture", "verb")
    assert _points_back(body2, lang, 0, cue2) is False


def test_sentences_are_stripped_of_unicode_spaces():
    lang = language("fr")
    body = "\u00a0 Il pleut.\u2009 Il neige.\u202f\n"
    assert [body[s:e] for s, e in split_sentences(body, lang)] == ["Il pleut.", "Il neige."]


def _generator():
    spec = importlib.util.spec_from_file_location("bench_generate",
                                                  os.path.join(ROOT, "benchmarks", "generate.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_generate"] = module
    spec.loader.exec_module(module)
    return module


def test_the_benchmark_corpus_has_six_languages_with_sourced_figures(tmp_path):
    from checker.pipeline import extract_paths
    gen = _generator()
    articles, truth = gen.generate(60, seed=3)
    assert {a["lang"] for a in articles} == {"it", "en", "es", "fr", "de", "pt"}
    assert len({a["story"] for a in articles}) >= 10
    gen.write_corpus(articles, str(tmp_path))
    claims = extract_paths([str(tmp_path)]).claims
    figures = claims[claims["kind"] == "figure"]
    for lang in ("fr", "de", "pt"):
        mine = figures[figures["lang"] == lang]
        assert len(mine) >= 20, lang
        assert mine["source"].notna().mean() > 0.3, lang
        assert (claims[(claims["lang"] == lang) & (claims["kind"] == "date")]).shape[0] >= 5, lang
    assert {t["kind"] for t in truth} >= {"contradiction", "unsourced"}
    again, _ = gen.generate(60, seed=3)
    assert again == articles  # deterministic


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab \x00,.'", max_size=30))
def test_an_empty_word_list_matches_nowhere(text):
    # an empty list's pattern matches nothing, not even a NUL in the text, searched or matched
    for pattern in (alternation([]), word_start([]), bounded_words([]), NEVER):
        compiled = re.compile(pattern)
        assert compiled.search(text) is None
        assert all(compiled.match(text, k) is None for k in range(len(text) + 1))
