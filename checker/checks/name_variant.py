"""name-variant: one person or organisation spelled several ways.

What it flags
    A word of a name (a capitalised word of the people and organisations a claim's sentence
    names, from the `entities` column, or of the source as written, `source_text`) spelled
    almost, but not exactly, like another in the coverage of the same story: Zelensky /
    Zelenskyy. The finding is reported at the less common spelling, the likely typo (fewer
    articles; on a tie, fewer sentences; then the one that appears later), once per article
    that uses it, and names the other spellings with the number of the story's articles
    using each.

Why
    A house style spells a name one way; two spellings in one article, or across the
    coverage of a story, look careless and break searches and archives.

How
    Names are compared word by word, so "President Volodymyr Zelenskyy" and "Volodymyr
    Zelensky" differ in the one word that differs. Words are grouped by a blocking key (their
    story, see `checker/stories.py`; their first two letters, lowercased and without accents;
    and their language unless `across_languages` is true) and compared only within a group with
    rapidfuzz `process.cdist` and `fuzz.ratio`, so the cost grows with the distinct words of a
    story, not their square over the archive. Across stories, similar names are usually
    different people (Marino, Marini): an archive is not one story. Spellings that differ only in
    case are one spelling, and a word that is the other plus one of the language's
    `name_suffixes` (`checker/lang/<lang>.yaml`: Korea / Korean, Russia / Russian) is a
    different word, not a variant; so are two spellings that are both words of the language's
    dictionary (simplemma's: Germany / German).

Params
    threshold: the rapidfuzz ratio (0-100) from which two different spellings are variants.
    min_length: shorter words are not compared (an acronym has no spelling variants).
    across_languages: compare names of articles in different languages (off by default:
        Seoul and Seul are both right, in English and in Italian).

Example
    Daily Ledger writes "Volodymyr Zelenskyy", Wire Post and Corriere Orientale write
    "Volodymyr Zelensky": the Daily Ledger finding reads
    "'Zelenskyy' is also written 'Zelensky' (2 articles)".
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from checker.checks import (
    CheckContext, ParamError, article_keys, claim_fields, column, records, row_dicts, text_of,
)
from checker.findings import Finding, claim_record
from checker.lemmas import known_word

if TYPE_CHECKING:
    from checker.ruleset import Rule

FIELDS = {
    "name": "the less common spelling, as written",
    "variants": "the other spellings with how many articles use each: 'Zelensky' (2 articles)",
}
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_TEXT_COLUMNS = frozenset({"story", "lang", "name", "folded"})


@dataclass(frozen=True)
class Settings:
    threshold: float = field(default=88.0, metadata={
        "doc": "rapidfuzz fuzz.ratio (0-100) from which two different spellings are variants"})
    min_length: int = field(default=4, metadata={
        "doc": "words shorter than this are not compared"})
    across_languages: bool = field(default=False, metadata={
        "doc": "also compare names written in articles of different languages"})

    def check(self) -> list[ParamError]:
        if not 0 < self.threshold <= 100:
            return [ParamError("threshold", "params.threshold must be between 0 and 100, "
                                            f"not {self.threshold:g}")]
        return []


@functools.lru_cache(maxsize=1 << 16)  # a run has few distinct names, written many times
def fold(text: str) -> str:
    """Lowercase without accents: 'Zelenskyj' and 'Zelenskyj́' fold alike."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def name_words(names: str, min_length: int) -> list[str]:
    """The capitalised words of '|'-joined names: 'Volodymyr Zelensky|NIS' → both long words."""
    return [w for w in _WORD.findall(names) if w[:1].isupper() and len(w) >= min_length]


def name_occurrences(claims: pd.DataFrame, min_length: int) -> pd.DataFrame:
    """One row per name word written in a claim's sentence, in reading order of the run
    (published, path, offset). Claims are put in that order first and their names split
    once per distinct sentence, so an archive's millions of name words stay cheap."""
    keys = pd.DataFrame({
        "published": column(claims, "published").map(text_of).to_numpy(),
        "path": column(claims, "path").map(text_of).to_numpy(),
        "start": pd.to_numeric(column(claims, "start"), errors="coerce").fillna(0).to_numpy(),
    })
    # the sentence a name is written in: claims of one sentence repeat its names
    sentences = pd.to_numeric(column(claims, "sentence_start"), errors="coerce").fillna(
        keys["start"].set_axis(claims.index)).astype("int64").to_numpy()
    order = keys.sort_values(["published", "path", "start"], kind="stable").index.to_numpy()
    names = (column(claims, "entities").map(text_of) + "|"
             + column(claims, "source_text").map(text_of)).to_numpy()[order]
    labels = claims.index.to_numpy()[order]
    stories = (claims["story"].astype(object).where(claims["story"].notna(), claims["article"])
               if "story" in claims.columns else pd.Series("", index=claims.index)).to_numpy()[order]
    codes, articles = pd.factorize(article_keys(claims).to_numpy()[order])
    langs = column(claims, "lang").map(text_of).to_numpy()[order]
    words: dict[str, tuple[list[str], list[str]]] = {}  # text → its name words, and folded
    sentences = sentences[order]
    rows: dict[str, list] = {"claim": [], "article": [], "sentence": [], "story": [], "lang": [],
                             "name": [], "folded": []}
    for label, article, sentence, story, lang, text in zip(labels.tolist(), codes.tolist(),
                                                           sentences.tolist(), stories, langs,
                                                           names):
        found = words.get(text)
        if found is None:
            written = name_words(text, min_length)
            found = words[text] = (written, [fold(w) for w in written])
        n = len(found[0])
        if not n:
            continue
        rows["claim"] += [label] * n
        rows["article"] += [article] * n
        rows["sentence"] += [(article << 32) + sentence] * n
        rows["story"] += [story] * n
        rows["lang"] += [lang] * n
        rows["name"] += found[0]
        rows["folded"] += found[1]
    # the text columns typed as text even when no claim names anyone (an empty list would
    # make them float, and `.str` refuses a float column)
    occ = pd.DataFrame({k: pd.Series(v, dtype=object if k in _TEXT_COLUMNS else None)
                        for k, v in rows.items()})
    occ["article"] = pd.Categorical.from_codes(occ["article"].astype(int), categories=articles)
    occ["order"] = range(len(occ))
    occ["block"] = occ["folded"].str[:2]
    return occ


def is_derived(a: str, b: str, suffixes: Iterable[str]) -> bool:
    """True when one folded word is the other plus a suffix: korea / korean."""
    short, long = sorted((a, b), key=len)
    return any(long == short + fold(s) for s in suffixes if s)


def usual_forms(occ: pd.DataFrame, spellings: pd.DataFrame) -> list[str]:
    """For each spelling (lang, block, folded), the form most often written (letter case
    differs: 'Zelensky', 'ZELENSKY'); on a tie, the form written first."""
    keys = ["group", "lang", "block", "folded"]
    forms = (occ.groupby(keys + ["name"], sort=False, observed=True)
             .agg(n=("order", "size"), first=("order", "min")).reset_index()
             .sort_values(["n", "first"], ascending=[False, True], kind="stable")
             .drop_duplicates(keys))
    usual = dict(zip(zip(*(forms[k].tolist() for k in keys)), forms["name"].tolist()))
    return [usual[k] for k in zip(*(spellings[k].tolist() for k in keys))]


def variant_pairs(occ: pd.DataFrame, threshold: float,
                  suffixes: Callable[[str], list[str]]) -> list[tuple[dict, dict]]:
    """(spelling, similar spelling) pairs within each (language, block), both directions;
    a spelling is a dict of group, lang, block, folded, name, articles, sentences and first.
    Only blocks of two spellings or more are compared (most hold one), read from plain lists
    rather than frame slices."""
    spellings = (occ.groupby(["group", "lang", "block", "folded"], sort=False, observed=True)
                 .agg(articles=("article", "nunique"), sentences=("sentence", "nunique"),
                      first=("order", "min"))
                 .reset_index())
    spellings.insert(4, "name", usual_forms(occ, spellings))
    codes = spellings.groupby(["group", "lang", "block"], sort=False).ngroup().to_numpy()
    sizes = np.bincount(codes) if len(codes) else np.zeros(0, dtype=int)
    wanted = sizes[codes] >= 2
    if not wanted.any():
        return []
    rows = row_dicts(spellings[wanted])
    order = np.argsort(codes[wanted], kind="stable")  # blocks in order of first appearance
    bounds = np.flatnonzero(np.diff(codes[wanted][order])) + 1
    known: dict[str, list[str]] = {}
    pairs = []
    for members in np.split(order, bounds):
        block = [rows[i] for i in members]
        lang = block[0]["lang"]
        if lang not in known:
            known[lang] = suffixes(lang)
        folded = [r["folded"] for r in block]
        scores = process.cdist(folded, folded, scorer=fuzz.ratio, score_cutoff=threshold)
        pairs += [(block[i], block[j]) for i, j in zip(*scores.nonzero())
                  if i != j and not is_derived(folded[i], folded[j], known[lang])
                  and not both_words(block[i]["name"], block[j]["name"], lang)]
    return pairs


def both_words(a: str, b: str, lang: str | None) -> bool:
    """Whether two spellings are both words of the language's dictionary ("Germany" and
    "German"): two words, not one spelled two ways (a misspelling is seldom another word)."""
    return bool(lang) and known_word(a, str(lang)) and known_word(b, str(lang))


def _articles(n: int) -> str:
    return f"{n} article{'' if n == 1 else 's'}"


def run(claims: pd.DataFrame, rule: Rule, ctx: CheckContext) -> list[Finding]:
    """A finding at the first use, in each target article, of a less common spelling."""
    if claims.empty:
        return []
    uses = flagged_uses(claims, rule.settings, ctx)
    return findings_for(uses, records(claims, [index for index, _, _ in uses]), rule)


def flagged_uses(claims: pd.DataFrame, settings: Settings, ctx: CheckContext
                 ) -> list[tuple[Any, str, str]]:
    """(claim label, name, other spellings) at the first use, in each target article, of a
    less common spelling, within each story and language."""
    occ = name_occurrences(claims, settings.min_length)
    if occ.empty:
        return []
    languages = occ["lang"].copy()
    if settings.across_languages:
        occ["lang"] = ""
    occ["group"] = pd.Series([f"{lang}\x1f{story}" for lang, story in  # one story, one language
                              zip(occ["lang"].tolist(), occ["story"].tolist())],
                             index=occ.index, dtype=object)

    def suffixes(lang: str) -> list[str]:
        langs = set(languages) if not lang else {lang}
        return [s for code in langs for s in _suffixes(ctx.lang_data(code))]

    variants: dict[tuple[str, str], list[dict]] = {}
    for mine, other in variant_pairs(occ, settings.threshold, suffixes):
        if rarity(mine) < rarity(other):
            variants.setdefault((mine["group"], mine["folded"]), []).append(other)
    uses = occ[occ["article"].isin(ctx.targets)].drop_duplicates(["group", "folded", "article"])
    uses = uses[pd.Series([key in variants for key in zip(uses["group"].tolist(),
                                                          uses["folded"].tolist())],
                          index=uses.index, dtype=bool)]
    out = []
    for group, folded, name, index in zip(uses["group"].tolist(), uses["folded"].tolist(),
                                          uses["name"].tolist(), uses["claim"].tolist()):
        others = sorted(variants[(group, folded)], key=lambda o: (-o["articles"], -o["sentences"],
                                                                 o["first"]))
        out.append((index, name, ", ".join(f"'{o['name']}' ({_articles(o['articles'])})"
                                           for o in others)))
    return out


def rarity(spelling: Mapping[str, Any]) -> tuple[int, int, int]:
    """How common a spelling is, least first: the articles, then the sentences that write it;
    of two as common, the one that appears later is the rarer (the likely typo)."""
    return spelling["articles"], spelling["sentences"], -spelling["first"]


def findings_for(uses: list[tuple[Any, str, str]], rows: Mapping[Any, Mapping[str, Any]],
                 rule: Rule) -> list[Finding]:
    """The findings of `flagged_uses`, from the flagged claims' rows (label → row)."""
    findings = []
    for index, name, shown in uses:
        fields = {**claim_fields(rows[index]), "name": name, "variants": shown}
        findings.append(_finding_at_word(rows[index], name, rule, rule.render(fields)))
    return findings


def _suffixes(data: Mapping[str, Any]) -> list[str]:
    value = data.get("name_suffixes") or []
    return [str(s) for s in value] if isinstance(value, list) else []


def locate(claim: Mapping[str, Any], word: str) -> tuple[int, int, int, int] | None:
    """(start, end, line, col) of `word` (a whole word) in the claim's sentence.

    Reckoned from the claim's own position and `sentence_start` (the sentence's offset in the
    file text); None when the word or the offset is missing, or the column cannot be told.
    """
    sentence = text_of(claim.get("sentence"))
    try:
        sentence_start = int(claim.get("sentence_start"))
    except (TypeError, ValueError):
        return None
    found = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", sentence)
    ci = int(claim["start"]) - sentence_start
    if found is None or not 0 <= ci <= len(sentence):
        return None
    idx = found.start()
    lo, hi = sorted((idx, ci))
    newlines = sentence.count("\n", lo, hi)
    line = int(claim["line"]) + (newlines if idx > ci else -newlines)
    last_newline = sentence.rfind("\n", 0, idx)
    if last_newline >= 0:
        col = idx - last_newline
    elif sentence.rfind("\n", 0, ci) < 0:
        col = int(claim["col"]) - (ci - idx)
    else:
        return None
    return sentence_start + idx, sentence_start + idx + len(word), line, col


def _finding_at_word(claim: Mapping[str, Any], word: str, rule: Rule, message: str) -> Finding:
    where = locate(claim, word)
    if where is None:
        where = (int(claim["start"]), int(claim["end"]), int(claim["line"]), int(claim["col"]))
    start, end, line, col = where
    return Finding(rule=rule.id, type=rule.type, severity=rule.severity, message=message,
                   path=text_of(claim.get("path")), line=line, col=col, start=start, end=end,
                   claims=[claim_record(claim)])
