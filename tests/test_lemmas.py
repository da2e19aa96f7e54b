"""Lemma dictionaries kept as tries: the same lemmas as simplemma's, made once, rebuilt when
damaged, and still lemmas when the cache cannot be written."""
from __future__ import annotations

import os
import stat

import pytest
from simplemma import Lemmatizer
from simplemma.strategies import DefaultStrategy
from simplemma.strategies.dictionaries import DEFAULT_DICTIONARY_FACTORY

from checker import lemmas

WORDS = {"it": ["soldati", "feriti", "persone", "ettari", "morti", "sfollati", "case", "edifici"],
         "en": ["soldiers", "people", "hectares", "buildings", "killed", "houses", "children"],
         "es": ["soldados", "personas", "hectáreas", "heridos", "edificios", "casas", "muertos"]}


def lemmatizer(folder) -> Lemmatizer:
    return Lemmatizer(lemmatization_strategy=DefaultStrategy(
        dictionary_factory=lemmas.TrieDictionaries(str(folder))))


def plain(word: str, lang: str) -> str:
    return Lemmatizer(lemmatization_strategy=DefaultStrategy(
        dictionary_factory=DEFAULT_DICTIONARY_FACTORY)).lemmatize(word, lang=lang)


@pytest.fixture(scope="module")
def tries(tmp_path_factory):
    """A lemma cache folder, its tries made by a first lemmatizer."""
    folder = tmp_path_factory.mktemp("lemmas")
    first = lemmatizer(folder)
    return folder, {lang: [first.lemmatize(w, lang=lang) for w in words]
                    for lang, words in WORDS.items()}


@pytest.mark.parametrize("lang", sorted(WORDS))
def test_trie_gives_simplemmas_lemmas_and_is_made_once(tries, lang):
    folder, made = tries
    trie = folder / f"{lang}.marisa"
    assert trie.is_file()
    assert made[lang] == [plain(w, lang) for w in WORDS[lang]]
    mtime = trie.stat().st_mtime_ns
    assert isinstance(lemmas.TrieDictionaries(str(folder)).get_dictionary(lang), lemmas.TrieMapping)
    assert [lemmatizer(folder).lemmatize(w, lang=lang) for w in WORDS[lang]] == made[lang]
    assert trie.stat().st_mtime_ns == mtime  # read, not made again


def test_trie_mapping_is_the_whole_dictionary(tries):
    trie = lemmas.TrieDictionaries(str(tries[0])).get_dictionary("it")
    assert isinstance(trie, lemmas.TrieMapping)
    words = DEFAULT_DICTIONARY_FACTORY.get_dictionary("it")
    assert len(trie) == len(words)
    assert all(trie.get(k) == v for k, v in list(words.items())[::997])
    assert trie["soldati"] == "soldato" and "soldati" in trie
    assert trie.get("zzzqqq") is None and "zzzqqq" not in trie and 3 not in trie
    with pytest.raises(KeyError):
        trie["zzzqqq"]


def test_a_damaged_trie_is_rebuilt(tmp_path):
    (tmp_path / "en.marisa").write_bytes(b"not a trie at all")
    assert lemmatizer(tmp_path).lemmatize("soldiers", lang="en") == "soldier"
    assert lemmas.load_trie(str(tmp_path / "en.marisa")) is not None


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_an_unwritable_cache_still_gives_lemmas(tmp_path):
    tmp_path.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        assert lemmatizer(tmp_path / "lemmas").lemmatize("soldati", lang="it") == "soldato"
        assert not (tmp_path / "lemmas").exists()
    finally:
        tmp_path.chmod(stat.S_IRWXU)


def test_a_cache_path_that_is_a_file_still_gives_lemmas(tmp_path):
    (tmp_path / "taken").write_text("a file where the folder would be")
    assert lemmatizer(tmp_path / "taken").lemmatize("soldati", lang="it") == "soldato"
    assert lemmas.save_trie(str(tmp_path / "taken" / "it.marisa"), {"a": "b"}) is False


def test_cache_folder_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(lemmas.CACHE_ENV, str(tmp_path))
    folder = lemmas.cache_dir()
    assert folder.startswith(str(tmp_path)) and "simplemma-" in os.path.basename(folder)


def test_an_unsupported_language_gives_the_word_back():
    assert lemmas.lemma("words", "xx") == "words"
