"""Lemmas of words, from simplemma's dictionaries kept on disk as MARISA tries.

simplemma decodes a language's whole dictionary (a million entries and more) into a dict the
first time a word of that language is asked for: most of a second per language, paid by every
run and every worker that starts without it. Saved once as a trie (`marisa-trie`), the same
dictionary is mapped into memory in a millisecond, shared between processes by the page
cache, and a tenth of the size. The tries live in the user's cache directory
(`platformdirs`), one file per language and simplemma version; deleting them costs the next
run that moment again. Without a writable cache directory, lemmas come from simplemma's own
dictionaries: the same lemmas, a slower start.
"""
from __future__ import annotations

import functools
import os
import tempfile
from collections.abc import Iterator, Mapping

import marisa_trie
import simplemma
from platformdirs import user_cache_dir
from simplemma import Lemmatizer
from simplemma.strategies import DefaultStrategy
from simplemma.strategies.dictionaries import DEFAULT_DICTIONARY_FACTORY

CACHE_ENV = "CHECKER_LEMMA_CACHE"  # overrides where the tries are kept


def cache_dir() -> str:
    """The folder of the lemma tries: `$CHECKER_LEMMA_CACHE`, else the user's cache directory."""
    folder = os.environ.get(CACHE_ENV) or os.path.join(user_cache_dir("newsroom-checker"), "lemmas")
    return os.path.join(folder, f"simplemma-{simplemma.__version__}")


class TrieMapping(Mapping):
    """A read-only `word -> lemma` view of a `marisa_trie.BytesTrie`."""

    __slots__ = ("_trie",)

    def __init__(self, trie) -> None:
        self._trie = trie

    def get(self, key, default=None):
        found = self._trie.get(key) if isinstance(key, str) else None
        return found[0].decode("utf-8") if found else default

    def __getitem__(self, key: str) -> str:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key) -> bool:
        return isinstance(key, str) and key in self._trie

    def __iter__(self) -> Iterator[str]:
        return iter(self._trie.iterkeys())

    def __len__(self) -> int:
        return len(self._trie)


def load_trie(path: str) -> TrieMapping | None:
    """The trie saved at `path`, mapped into memory; None when it is missing or unreadable."""
    if not os.path.isfile(path):
        return None
    try:
        return TrieMapping(marisa_trie.BytesTrie().mmap(path))
    except Exception:  # a truncated or foreign file: it is rebuilt
        return None


def save_trie(path: str, dictionary: Mapping[str, str]) -> bool:
    """Save `dictionary` as a trie at `path`, atomically (a run reading it at the same time
    sees the old file or the whole new one); False when the folder cannot be written."""
    trie = marisa_trie.BytesTrie((k, v.encode("utf-8")) for k, v in dictionary.items())
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".tmp")
        os.close(fd)
        try:
            trie.save(tmp)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError:
        return False
    return True


class TrieDictionaries:
    """simplemma's `DictionaryFactory`: a language's trie from the cache, made on first use."""

    def __init__(self, folder: str) -> None:
        self.folder = folder

    @functools.lru_cache(maxsize=None)
    def get_dictionary(self, lang: str) -> Mapping[str, str]:
        path = os.path.join(self.folder, f"{lang}.marisa")
        found = load_trie(path)
        if found is not None:
            return found
        plain = DEFAULT_DICTIONARY_FACTORY.get_dictionary(lang)  # ValueError if unsupported
        save_trie(path, plain)
        return plain  # this run keeps the dict it decoded anyway


@functools.lru_cache(maxsize=1)
def _dictionaries() -> TrieDictionaries:
    return TrieDictionaries(cache_dir())


@functools.lru_cache(maxsize=1)
def _lemmatizer() -> Lemmatizer:
    return Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=_dictionaries()))


@functools.lru_cache(maxsize=65536)
def lemma(word: str, code: str) -> str:
    """The lemma of `word` in language `code` (the word itself when simplemma cannot tell)."""
    try:
        return _lemmatizer().lemmatize(word, lang=code)
    except (ValueError, TypeError):
        return word


@functools.lru_cache(maxsize=65536)
def known_word(word: str, code: str) -> bool:
    """Whether `word` (or its lowercase) is a word of language `code`'s dictionary: a common
    word, where a capital may only open a sentence ("Both", "Alles"), not a name ("Chido")."""
    try:
        dictionary = _dictionaries().get_dictionary(code)
    except (ValueError, TypeError, KeyError):
        return False
    return word in dictionary or word.lower() in dictionary
