"""Extraction of one article: its figures and dates, each with subject, source and dates.

`extract_article` is a pure function from an `Article` to claim records (plain dicts with
the claims-frame fields, offsets still in the article body); `checker.claims` turns the
records of many articles into the frame.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Container
from dataclasses import replace

import pandas as pd

from checker.article import Article
from checker.attribution import (Attribution, article_cues, attribute, carried, clause_holder,
                                 paragraphs, resolve_references)
from checker.dates import DateMention, find_dates, parse_iso
from checker.figures import Figure, find_figures
from checker.gazetteer import Gazetteer, default_gazetteer
from checker.language import Language, fold, language, lower
from checker.sentences import split_sentences
from checker.scope import breakdowns, by_place, figure_scope
from checker.subjects import clause_bounds, concept_kind, concepts, find_subject, root_concept
from checker.units import dimension_of

_REPORT_GAP = 5  # "said on Friday": a date this close after a reporting verb is when it was said


def extract_article(article: Article, gazetteer: Gazetteer | None = None) -> list[dict]:
    """Claim records of one article, in text order; offsets are in `article.body`."""
    lang = language(article.lang or "")
    gazetteer = gazetteer or default_gazetteer()
    body = article.body
    low = lower(body)
    sentences = split_sentences(body, lang)
    starts = [s for s, _ in sentences]
    dates = find_dates(body, lang, article.published)
    # "the last three days" is a date and, inside it, a count of days
    figures = find_figures(body, lang, [d for d in dates if d.kind != "duration"])

    # every cue is asked whether it points back: "Lo ha reso noto X, che ha salvato 104
    # persone" gives the sentence before its source although it has a figure of its own
    all_cues = article_cues(body, lang, sentences, gazetteer)
    flat = resolve_references([c for cues in all_cues for c in cues], lang, gazetteer)
    by_sentence: dict[int, list] = {}
    for c in flat:
        by_sentence.setdefault(bisect.bisect_right(starts, c.start) - 1, []).append(c)
    cue_list = [by_sentence.get(i, []) for i in range(len(sentences))]
    para = paragraphs(body, sentences)

    def sentence_of(pos: int) -> int:
        return max(0, bisect.bisect_right(starts, pos) - 1)

    roles = {id(d): _date_role(body, lang, d, by_sentence.get(sentence_of(d.start), []))
             for d in dates}
    compared = {id(d): at for d in dates if (at := _compared(low, lang, d)) is not None}
    records: list[dict] = []
    date_starts = [d.start for d in dates]  # in text order: a sentence's dates are one slice
    clauses: dict = {}  # each sentence's clause breaks, for find_subject
    for d in dates:
        si = sentence_of(d.start)
        records.append(_date_record(body, d, sentences[si] if sentences else (0, len(body)),
                                    roles[id(d)]))
    found = []  # (figure, sentence index, subject, its own sentence's attribution)
    holders: dict[int, str | None] = {}  # who has what each figure counts (`clause_holder`)
    kinds: list[set] = [set() for _ in sentences]
    for f in figures:
        si = sentence_of(f.start)
        sentence = sentences[si] if sentences else (0, len(body))
        subj = find_subject(body, low, lang, sentence, f.start, f.num_start, f.end, f.unit, clauses)
        clause = clause_bounds(low, lang, sentence, f.start, f.end, clauses)
        scope = figure_scope(body, low, lang, clause, f.start, f.num_start, f.end, sentence[1], f.unit,
                             sentence[0])
        subj = (subj, by_place(scope, concepts().get(subj.subject_key)))
        # what happened to people (deaths, injured) is nobody's: only counts have holders
        holders[id(f)] = None if concept_kind(subj[0].subject_key) == "outcome" else \
            clause_holder(body, lang, clause[0], f.start, sentence[0], by_sentence.get(si, []))
        if sentences:
            kinds[si].add((dimension_of(f.unit), root_concept(subj[0].subject_key)))
        found.append((f, si, subj, attribute(f.start, f.end, by_sentence.get(si, []))))
    found = _elided(body, _with_breakdowns(found))
    reported = [bool(kinds[i]) and not cue_list[i] and
                bool(lang.re["reported_speech"].search(low, s, e)) for i, (s, e) in enumerate(sentences)]
    around = carried(cue_list, para, [frozenset(k) for k in kinds], reported) if sentences else []
    previous = None  # the figure before: what a conversion converts
    holder = None
    # superseded counts by sentence ("up from 27 on Saturday"): the dates after them are theirs
    superseded: dict[int, list[Figure]] = {}
    for f, si, (_, scope), _ in found:
        if "earlier" in (scope.scope or ""):
            superseded.setdefault(si, []).append(f)
    for f, si, (subj, scope), attr in found:
        sentence = sentences[si] if sentences else (0, len(body))
        if f.conversion and previous is not None:  # "12,000 hectares (30,000 acres)": one figure
            subj, scope, attr = previous[0], replace(previous[1], kind="conversion"), previous[2]
        else:
            holder = holders[id(f)]
        previous = (subj, scope, attr)
        end = f.end
        if subj.subject and body.find(subj.subject, f.end, f.end + 40 + len(subj.subject)) >= 0:
            sub_at = body.find(subj.subject, f.end)
            if not body[f.end:sub_at].strip(" ") or fold(body[f.end:sub_at]).strip() in lang.folded("partitives"):
                end = sub_at + len(subj.subject)
        same = dates[bisect.bisect_left(date_starts, sentence[0]):bisect.bisect_left(date_starts, sentence[1])]
        if attr.source is None and sentences:
            attr = around[si]
            previous = (subj, scope, attr)
        same = _own_dates(f, same, [g for g in superseded.get(si, ()) if g is not f], compared)
        dating = _figure_date(f, same, roles)
        if not same and sentences:
            dating = _paragraph_date(si, sentences, para, dates, date_starts, roles, article.published,
                                     compared)
        records.append(_figure_record(body, f, end, sentence, subj, scope, attr, dating, holder))
    records.sort(key=lambda r: (r["start"], r["end"]))
    return records


def _with_breakdowns(found: list) -> list:
    """Mark the places of a sentence that gives one figure a place (`scope.breakdowns`), and
    give a subgroup with no subject of its own ("dont 15 grièvement") the subject of the
    figure before it in its sentence."""
    by_sentence: dict[int, list[int]] = {}
    for k, (_, si, _, _) in enumerate(found):
        by_sentence.setdefault(si, []).append(k)
    out = list(found)
    for ks in by_sentence.values():
        scopes = breakdowns([found[k][2][1] for k in ks],
                            [(dimension_of(found[k][0].unit), root_concept(found[k][2][0].subject_key))
                             for k in ks])
        for n, k in enumerate(ks):
            f, si, (subj, _), attr = found[k]
            if n and (scopes[n].scope or "").startswith("sub") and concept_kind(subj.subject_key) is None:
                whole = out[ks[n - 1]][2][0]
                subj = replace(subj, subject_key=whole.subject_key)
            out[k] = (f, si, (subj, scopes[n]), attr)
    return out


_ENDS_CLAUSE = re.compile(r"[ \t]*(?:[,.;:!?)\]]|$)")


def _elided(body: str, found: list) -> list:
    """Give a bare count that ends its clause with nothing to say what it counts the subject
    of the count before it in its sentence: the noun is elided ("3.5 million people joined,
    while police counted 1.28 million", "la CGT 800 000", "porte le bilan à 15")."""
    out = list(found)
    last: dict[int, object] = {}  # each sentence's last count with a subject
    for k, (f, si, (subj, scope), attr) in enumerate(found):
        if f.unit is None and subj.subject_key is not None:
            last[si] = subj
        elif f.unit is None and subj.subject_key is None and not subj.subject and si in last \
                and _ENDS_CLAUSE.match(body, f.end):
            whole = last[si]
            out[k] = (f, si, (replace(subj, subject_key=whole.subject_key, events=subj.events or whole.events),
                              scope), attr)
    return out


def _date_role(body: str, lang: Language, d: DateMention, cues: list) -> str:
    """`statement` for the day a source spoke (`said on Friday`, `ha reso noto venerdì che`),
    else `event`."""
    for c in cues:
        if c.kind in ("verb", "gerund") and 0 <= d.start - c.end <= _REPORT_GAP + 3:
            return "statement"
    if lang.re["complementizer"].match(fold(body[d.end:d.end + 12])):
        after = fold(body[d.end:d.end + 12]).split()
        if after and any(c.kind == "verb" and c.end <= d.start for c in cues):
            return "statement"
    return "event"


def _paragraph_date(si: int, sentences: list[tuple[int, int]], para: list[int],
                    dates: list[DateMention], date_starts: list[int], roles: dict,
                    published: str | None, compared: Container[int] = frozenset()
                    ) -> tuple[str | None, str | None, str | None]:
    """The date of a figure whose sentence gives none: the nearest date of the sentences
    before it in its paragraph (`paragraph`, or `statement` for the day a source spoke) but
    one figures are compared with (`compared`, by id), else the day it was stated, the
    article's date (`statement`)."""
    first = si
    while first > 0 and para[first - 1] == para[si]:
        first -= 1
    lo = bisect.bisect_left(date_starts, sentences[first][0])
    hi = bisect.bisect_left(date_starts, sentences[si][0])
    for d in reversed(dates[lo:hi]):
        if d.date_start is not None and id(d) not in compared:
            role = "paragraph" if roles[id(d)] == "event" else "statement"
            return d.date_start, d.date_end, role
    pub = parse_iso(published)
    return (pub.isoformat(), pub.isoformat(), "statement") if pub else (None, None, None)


def _compared(low: str, lang: Language, d: DateMention) -> int | None:
    """Where the comparison starts when a date is what figures are compared with ("two more
    than in 2019", "rispetto ai 180mila di ieri", `dates.compared_before`): the date of the
    figures between the two, not of the others of its sentence; else None."""
    pattern = lang.re["compared_before"]
    m = pattern.search(low, max(0, d.start - 40), d.start)
    lead = _LEAD_WORD.match(low, d.start, d.end)  # "que en 2019": the date's own preposition too
    if m is None and lead and lead.end() < d.end:
        m = pattern.search(low, max(0, d.start - 40), lead.end())
    return m.start() if m else None


_LEAD_WORD = re.compile(r"[^\W\d_]+\s+")


def _own_dates(f: Figure, dates: list[DateMention], superseded: list[Figure],
               compared: dict[int, int]) -> list[DateMention]:
    """The dates of a figure's sentence that may be its own: a date past a superseded count
    of the sentence is that count's ("31, up from 27 on Saturday": Saturday is the 27's), and
    a date figures are compared with (`compared`: where its comparison starts, by id) only
    the figures' between the two ("rispetto ai 180mila di ieri": yesterday is the 180,000's)."""
    if compared:
        dates = [d for d in dates if id(d) not in compared or compared[id(d)] <= f.start and f.end <= d.start]
    if not superseded:
        return dates
    return [d for d in dates if not any(f.end <= g.start and g.end <= d.start
                                        or d.end <= g.start and g.end <= f.start for g in superseded)]


def _figure_date(f: Figure, dates: list[DateMention], roles: dict) -> tuple[str | None, str | None, str | None]:
    """The date of what a figure counts: its sentence's nearest event date, else when it was said."""
    if not dates:
        return None, None, None

    def distance(d: DateMention) -> int:
        return d.start - f.end if d.start >= f.end else max(0, f.start - d.end)

    events = [d for d in dates if roles[id(d)] == "event"]
    pool = events or dates
    best = min(pool, key=distance)
    return best.date_start, best.date_end, roles[id(best)]


def _base(body: str, start: int, end: int, sentence: tuple[int, int], kind: str) -> dict:
    return {"kind": kind, "start": start, "end": end, "text": body[start:end],
            "sentence": body[sentence[0]:sentence[1]], "sentence_start": sentence[0]}


def _date_record(body: str, d: DateMention, sentence: tuple[int, int], role: str) -> dict:
    rec = _base(body, d.start, d.end, sentence, "date")
    rec.update(value=None, value_min=None, value_max=None, qualifier=None, unit=None,
               subject=None, subject_key=None, date_start=d.date_start, date_end=d.date_end,
               source=None, source_text=None, cue=None, source_via=None, date_role=role,
               weekday=d.weekday,
               modality=None, event=None, precision=None, date_kind=d.kind, scope=None,
               figure_kind=None, holder=None)
    return rec


def _figure_record(body: str, f: Figure, end: int, sentence: tuple[int, int], subj, scope,
                   attr: Attribution, dates: tuple, holder: str | None = None) -> dict:
    rec = _base(body, f.start, end, sentence, "figure")
    rec.update(value=f.value, value_min=f.value_min, value_max=f.value_max,
               qualifier=f.qualifier, unit=f.unit, subject=subj.subject,
               subject_key=subj.subject_key, date_start=dates[0], date_end=dates[1],
               source=attr.source, source_text=attr.source_text, cue=attr.cue,
               source_via=attr.source_via,
               date_role=dates[2], weekday=None, modality=subj.modality,
               event="|".join(subj.events) or None, precision=f.precision, date_kind=None,
               scope=scope.scope, figure_kind=scope.kind, holder=holder)
    return rec


def extract_text(text: str, *, lang: str, published: str | None = None,
                 outlet: str | None = None, path: str = "<snippet>") -> pd.DataFrame:
    """The claims frame of one piece of text, for notebooks, tests and rule examples."""
    from checker.claims import claims_frame

    article = Article(path=path, text=text, body=text, outlet=outlet, published=published,
                      lang=lang)
    return claims_frame([article])
