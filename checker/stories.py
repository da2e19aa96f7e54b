"""Which articles tell the same story, so that only their claims are compared.

Two articles are in one story when they name the same rare thing within two weeks of each
other: a place, a person or an organisation (`Valdoria`, `Castelmare`, `Pyongyang`). A name
that many articles of the same fortnight share (`Monday`, `President`, `Russia` in a busy
archive) tells nothing, so it links nothing, unless its articles come in a burst: more than
the cap in one fortnight and most of the run's articles that name it (200 wires on one
earthquake are one story, however many). Stories are the connected groups of articles so
linked; the cost grows with the number of names, not with the square of the articles.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping

import pandas as pd

from checker.gazetteer import Gazetteer
from checker.language import LanguageError, fold, language

WINDOW_DAYS = 7      # articles published within two windows of each other can be one story
MIN_CAP = 20         # a name shared by more articles than this in a window links nothing...
CAP_SHARE = 1 / 500  # ...or than this share of the window's articles, whichever is larger
RARE = 10           # a name this rare links two articles on its own; others need company:
PAIR_NAMES = 3      # articles sharing this many of the commoner names are one story
COMMON_SHARE = 0.01  # a name in more than this share of all articles (and more than MIN_CAP)
                     # is a common word of the run (agency, governor), not a story's name...
BURST = 0.5          # ...unless more than the cap of its fortnight name it and they are at
                     # least this share of all its articles: a big story, linked whatever its size


def _possessives(code: str | None) -> tuple[str, ...]:
    try:
        return tuple(language(code or "").folded("possessives"))
    except LanguageError:
        return ()


def _stopwords(code: str | None) -> frozenset[str]:
    """Capitalised words that are not names: month and weekday names, function words, the
    roles and anonymous sources of attribution, the nouns of the concept lexicon."""
    try:
        lang = language(code or "")
    except LanguageError:
        return frozenset()
    words = set(lang.months) | set(lang.weekdays) | set(lang.folded("function_words"))
    words |= set(lang.folded("attribution.determiners"))
    # who a story's figures come from in every story ("Behörden", "Police", "Ministry"), and
    # what they count ("Menschen", "Tote"): capitalised where every noun is
    words |= set(lang.folded("attribution.roles")) | set(lang.folded("attribution.anonymous"))
    words |= {w for w in lang.concept_of if " " not in w}
    return frozenset(words)


def article_names(claims: pd.DataFrame, gazetteer: Gazetteer) -> dict[str, set[str]]:
    """The names each article mentions, word by word and as gazetteer entries. Claims of one
    sentence repeat its names and names recur across articles, so each (language, names,
    source) is read once, and each written name once a language."""
    out: dict[str, set[str]] = defaultdict(set)
    reader: dict[str | None, _NameReader] = {}
    read: dict[tuple, frozenset[str]] = {}
    entries: dict[str, str | None] = {}  # written name → gazetteer entry, whatever the language
    one: dict[str, str] = {}  # one string object per distinct name, however many articles give it
    none = [None] * len(claims)
    column = lambda name: claims[name] if name in claims.columns else none  # noqa: E731
    for art, lang, ents, src in zip(claims["article"], column("lang"), column("entities"),
                                    column("source")):
        ents = ents if isinstance(ents, str) else ""
        src = src if isinstance(src, str) else ""
        names = read.get((lang, ents, src))
        if names is None:
            if lang not in reader:
                reader[lang] = _NameReader(lang, gazetteer, entries, one)
            names = read[(lang, ents, src)] = reader[lang].names(ents, src)
        if names:
            out[art].update(names)
    return out


class _NameReader:
    """The names of claims in one language (`article_names`), each written name read once."""

    def __init__(self, lang: str | None, gazetteer: Gazetteer, entries: dict[str, str | None],
                 one: dict[str, str]) -> None:
        self.stop, self.possessives = _stopwords(lang), _possessives(lang)
        self.gazetteer, self.entries, self.one = gazetteer, entries, one
        self.words: dict[str, tuple[str, ...]] = {}

    def entry(self, text: str) -> str | None:
        """The gazetteer entry a written name resolves to; `""` for a news agency (`press`):
        it covers every story, so naming it tells none apart."""
        if text not in self.entries:
            found = self.gazetteer.resolve(text)
            self.entries[text] = "" if found and (self.gazetteer.entries.get(found) or {}).get("press") \
                else found
        return self.entries[text]

    def names(self, ents: str, src: str) -> frozenset[str]:
        """The names of one claim's entities ('|'-joined) and source."""
        found: set[str] = set()
        canonical = self.entry(src) if src else None
        if canonical:
            found.add("=" + canonical)
        for name in ents.split("|"):
            if name:
                words = self.words.get(name)
                if words is None:
                    words = self.words[name] = self.name_words(name)
                found.update(words)
        return frozenset(found)

    def name_words(self, name: str) -> tuple[str, ...]:
        """A written name's gazetteer entry and its words (folded, possessive endings cut),
        but short ones and stopwords."""
        found = []
        canonical = self.entry(name)
        if canonical == "":
            return ()  # "Associated Press": no word of a news agency's name is the story's
        if canonical:
            found.append("=" + canonical)
        for word in name.split():
            word = fold(word).strip(".,;:'’")
            for ending in self.possessives:
                if word.endswith(ending):
                    word = word[:-len(ending)]
            if len(word) > 2 and word[0].isalpha() and word not in self.stop:
                found.append(self.one.setdefault(word, word))
        return tuple(found)


def _windows(published: str | None) -> tuple[int, ...]:
    try:
        day = dt.date.fromisoformat(published).toordinal() // WINDOW_DAYS
    except (TypeError, ValueError):
        return (-1,)
    return (day, day + 1)


def story_ids(claims: pd.DataFrame, gazetteer: Gazetteer) -> dict[str, str]:
    """A story id for every article of the frame (the smallest article key of its story)."""
    names = article_names(claims, gazetteer)
    published = dict(zip(claims["article"], claims["published"] if "published" in claims.columns
                         else [None] * len(claims)))
    return link_stories(set(claims["article"]), names, published)


def link_stories(articles: Iterable[str], names: Mapping[str, Iterable[str]],
                 published: Mapping[str, str | None]) -> dict[str, str]:
    """Story ids from each article's names and publication date (`story_ids` without the
    frame: the Dask path gathers these small per-article tables from its partitions)."""
    articles = sorted(set(articles))
    parent = {a: a for a in articles}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    frequency: dict[str, int] = defaultdict(int)
    for art in articles:
        for name in names.get(art, ()):
            frequency[name] += 1
    common = max(MIN_CAP, int(len(articles) * COMMON_SHARE))
    postings: dict[tuple[str, int], list[str]] = defaultdict(list)
    in_window: dict[int, int] = defaultdict(int)
    for art in articles:
        for window in _windows(published.get(art)):
            in_window[window] += 1
            for name in names.get(art, ()):
                postings[(name, window)].append(art)
    cap = {w: max(MIN_CAP, int(n * CAP_SHARE)) for w, n in in_window.items()}
    for (name, window), members in postings.items():
        if 2 <= len(members) <= cap[window] and frequency[name] <= RARE:
            for other in members[1:]:
                _union(parent, find, members[0], other)
        elif len(members) > cap[window] and bursts(len(members), frequency[name]):
            # 200 wires on one event: a name too frequent in this fortnight to tell stories
            # apart by itself, yet seldom outside it, is what the fortnight's news is about
            for other in members[1:]:
                _union(parent, find, members[0], other)
    postings = {key: members for key, members in postings.items() if frequency[key[0]] <= common}
    for art in articles:  # a first name, a ministry: only with other names in common
        for other in _companions(art, names.get(art, ()), published.get(art), postings, frequency,
                                 common, cap):
            _union(parent, find, art, other)
    return {a: find(a) for a in articles}


def _companions(art: str, names: Iterable[str], published: str | None,
                postings: Mapping[tuple[str, int], list[str]], frequency: Mapping[str, int],
                common: int, cap: Mapping[int, int]) -> list[str]:
    """The later articles that share at least PAIR_NAMES of `art`'s commoner names within its
    windows; counted an article at a time, so memory follows one article's neighbours."""
    shared: dict[str, int] = defaultdict(int)
    for name in names:
        if not RARE < frequency[name] <= common:
            continue
        others: set[str] = set()
        for window in _windows(published):
            members = postings.get((name, window), ())
            if 2 <= len(members) <= cap.get(window, MIN_CAP):
                others.update(members)
        for other in others:
            if other > art:
                shared[other] += 1
    return [other for other, n in shared.items() if n >= PAIR_NAMES]


def bursts(in_window: int, in_run: int) -> bool:
    """Whether a name's articles of one fortnight are at least BURST of all the run's articles
    naming it: a story's name comes in a burst ("Valdoria" the week of its earthquake), a
    common word ("police", "mayor") all year round."""
    return in_window >= BURST * in_run


def _union(parent: dict[str, str], find, a: str, b: str) -> None:
    ra, rb = find(a), find(b)
    if ra != rb:
        parent[max(ra, rb)] = min(ra, rb)
