"""The report of an archive: summary tables and the articles with findings, built to stream.

A report of more than `ARCHIVE_ARTICLES` articles (a newsroom's month, a scraped archive) does
not show every article's text, every agreeing quantity and every finding in one table: a page
of that size is not read and takes gigabytes to build. `build_archive` makes instead:

- `summary`: the same `Summary` as the small report (computed on the frame's columns, not row
  by row);
- `outlets`: one row an outlet (articles, figures, unsourced figures, findings by severity);
- `stories`: one row a story with findings (articles, outlets, dates, findings by severity),
  worst first;
- `sections`: the quantities whose figures do not all agree (agreeing quantities are only
  counted); `matrix` and `timelines` of the first `MAX_MATRIX` and `MAX_TIMELINES` of them,
  the worst first (a chart each, or a column each outlet, of thousands is not read);
- `articles`: a generator, in file order, of the articles with findings, each with its
  findings and the sentence each finding is located in (not the article's text).

The rows of the claims frame are read into dicts only for the claims of the quantities shown;
the articles are produced one at a time while the page is written, so memory follows the
findings and the disagreements, not the archive.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from checker.article import Article, Failure
from checker.claims import article_key
from checker.findings import SEVERITIES, Finding
from checker.report import (SEVERITY_ORDER, ClaimLink, FindingRef, Matrix, QuantitySection,
                            Summary, _matrix, _s, _sections, _worst_severity, outlet_of)
from checker.report.files import ARCHIVE_ARTICLES

MAX_CLAIMS_SHOWN = 3    # claims a finding line lists
MAX_MATRIX = 500        # quantities the attribution matrix of an archive shows (the worst first)
MAX_TIMELINES = 50      # quantities an archive draws a timeline of (the worst first)


@dataclass
class OutletRow:
    outlet: str
    articles: int
    figures: int
    unsourced: int
    findings: dict[str, int]  # severity → findings, in SEVERITY_ORDER
    listed: int               # its articles with findings


@dataclass
class StoryRow:
    story: str                # the story id: the smallest article key of the story
    anchor: str
    title: str                # the title (or file name) of its first article
    articles: int
    outlets: list[str]
    date_from: str | None
    date_to: str | None
    findings: dict[str, int]
    severity: str | None
    first: str | None         # the anchor of its first article with findings


@dataclass
class Excerpt:
    """A sentence with the claim a finding is located at highlighted (before, mark, after)."""

    before: str
    mark: str
    after: str


@dataclass
class FindingLine:
    anchor: str
    number: int
    rule: str
    type: str
    severity: str
    message: str
    line: int
    col: int
    excerpt: Excerpt | None
    claims: list[ClaimLink] = field(default_factory=list)
    claims_more: int = 0


@dataclass
class ArticleEntry:
    key: str
    anchor: str
    path: str
    outlet: str
    title: str | None
    published: str | None
    lang: str | None
    story: str | None         # the anchor of its story's row
    severity: str | None
    findings: list[FindingLine]


@dataclass
class Archive:
    title: str
    timestamp: str | None
    summary: Summary
    outlets: list[OutletRow]
    stories: list[StoryRow]
    sections: list[QuantitySection]
    matrix: Matrix
    timelines: list[QuantitySection]
    agreeing: int                # quantities whose figures all agree (counted, not shown)
    listed: int                  # articles with findings
    articles: Iterable[ArticleEntry]
    failures: list[str]
    threshold: int = ARCHIVE_ARTICLES


def is_archive(articles: int, threshold: int = ARCHIVE_ARTICLES) -> bool:
    """Whether a report of `articles` articles uses the archive layout."""
    return articles > threshold


def _column(claims: pd.DataFrame, name: str) -> pd.Series:
    return claims[name] if name in claims.columns else pd.Series([None] * len(claims), index=claims.index)


def _filled(series: pd.Series) -> pd.Series:
    """True where a text column holds a non-empty value."""
    return series.notna() & (series.astype(object) != "")


def _severities(findings: Iterable[Finding]) -> dict[str, int]:
    counts = Counter(f.severity for f in findings)
    return {s: counts.get(s, 0) for s in SEVERITY_ORDER}


def finding_articles(findings: Sequence[Finding], claims: pd.DataFrame, keys: Sequence[str]) -> list[str]:
    """The article key each finding is about: its path, or in a JSON Lines feed the record
    its first claim was read from (looked up only for the claims of findings in feeds)."""
    paths = set(keys)
    if all(f.path in paths for f in findings) or "article" not in claims.columns:
        return [f.path for f in findings]
    ids = {_s(f.claims[0].get("claim_id")) for f in findings if f.path not in paths and f.claims}
    part = claims.loc[claims["claim_id"].isin(ids), ["claim_id", "article"]]
    article = dict(zip(part["claim_id"].astype(str), part["article"].astype(str)))
    return [f.path if f.path in paths or not f.claims
            else article.get(_s(f.claims[0].get("claim_id")), f.path) for f in findings]


def excerpt(claim: Mapping[str, Any]) -> Excerpt | None:
    """The claim's sentence, its text marked (the first place it is written), or None."""
    sentence = " ".join(_s(claim.get("sentence")).split())
    text = " ".join(_s(claim.get("text")).split())
    if not sentence:
        return None
    at = sentence.find(text) if text else -1
    if at < 0:
        return Excerpt(sentence, "", "")
    return Excerpt(sentence[:at], text, sentence[at + len(text):])


def _summary(claims: pd.DataFrame, articles: Sequence[Article], findings: Sequence[Finding],
             quantities: int, disagreements: int, updates: int, failures: Sequence[Any],
             references: frozenset[str]) -> Summary:
    kinds = _column(claims, "kind").astype(object)
    figure = (kinds == "figure").to_numpy()
    sourced = int((_filled(_column(claims, "source")).to_numpy() & figure).sum())
    published = sorted(a.published for a in articles if a.published)
    langs = Counter(a.lang or "?" for a in articles)
    rules: Counter = Counter((f.rule, f.type, f.severity) for f in findings)
    by_rule = sorted(((r, t, s, n) for (r, t, s), n in rules.items()),
                     key=lambda x: (-SEVERITIES.index(x[2]) if x[2] in SEVERITIES else 0, -x[3], x[0]))
    by_severity = {s: 0 for s in SEVERITY_ORDER}
    for f in findings:
        by_severity[f.severity] = by_severity.get(f.severity, 0) + 1
    return Summary(
        articles=len(articles),
        references=sum(1 for a in articles if article_key(a) in references),
        outlets=sorted({outlet_of(a.outlet, a.path) for a in articles}),
        languages=sorted(langs.items(), key=lambda kv: (-kv[1], kv[0])),
        date_from=published[0] if published else None,
        date_to=published[-1] if published else None,
        claims=len(claims), figures=int(figure.sum()), dates=int((kinds == "date").sum()),
        sourced=sourced, unsourced=int(figure.sum()) - sourced, quantities=quantities,
        disagreements=disagreements, updates=updates, findings=len(findings),
        by_severity=by_severity, by_rule=by_rule, failures=len(failures))


def _group_statuses(groups: pd.DataFrame, claims: pd.DataFrame, references: frozenset[str]
                    ) -> tuple[list[str], int]:
    """The groups shown (some figure does not agree) and how many agreeing groups a small
    report would show (several articles give them, not only references)."""
    if groups is None or not len(groups):
        return [], 0
    frame = pd.DataFrame({"group": groups["group"].astype(str).to_numpy(),
                          "agrees": (groups["verdict"].astype(str) == "agrees").to_numpy(),
                          "article": _column(claims, "article").reindex(groups["claim"]).astype(object).to_numpy()})
    frame = frame[frame["article"].notna()]
    if references:
        frame["ref"] = frame["article"].isin(references)
    per = frame.groupby("group", sort=True).agg(
        size=("agrees", "size"), agrees=("agrees", "all"), articles=("article", "nunique"),
        **({"refs": ("ref", "all")} if references else {}))
    kept = per[(per["size"] >= 2) & ~(per["agrees"] & (per["articles"] < 2))]
    if references:
        kept = kept[~kept["refs"]]
    return [str(g) for g in kept.index[~kept["agrees"]]], int(kept["agrees"].sum())


def _records(claims: pd.DataFrame, labels: Iterable[Any]) -> dict[Any, dict[str, Any]]:
    """The rows `labels` of the frame as dicts, with the `_key` and `_outlet` the model uses."""
    wanted = [label for label in dict.fromkeys(labels) if label in claims.index]
    if not wanted:
        return {}
    part = claims.loc[wanted]
    rows = dict(zip(wanted, part.to_dict("records")))
    for rec in rows.values():
        rec["_key"] = _s(rec.get("article")) or _s(rec.get("path"))
        rec["_outlet"] = outlet_of(rec.get("outlet"), rec.get("path"))
    return rows


def _finding_refs(findings: Sequence[Finding], claim_ids: set[str]) -> dict[str, list[FindingRef]]:
    refs: dict[str, list[FindingRef]] = defaultdict(list)
    for n, f in enumerate(findings, 1):
        for c in f.claims:
            cid = _s(c.get("claim_id"))
            if cid in claim_ids:
                refs[cid].append(FindingRef(f"f-{n}", n, f.severity, f.rule))
    return refs


def _outlets(claims: pd.DataFrame, articles: Sequence[Article], findings_of: Mapping[str, list[Finding]],
             anchor_of: Mapping[str, str]) -> list[OutletRow]:
    outlet_of_key = {article_key(a): outlet_of(a.outlet, a.path) for a in articles}
    per_article = Counter(outlet_of_key.values())
    figures: Counter = Counter()
    unsourced: Counter = Counter()
    if len(claims):
        kinds = _column(claims, "kind").astype(object)
        frame = pd.DataFrame({"article": _column(claims, "article").astype(object).to_numpy(),
                              "unsourced": ~_filled(_column(claims, "source")).to_numpy()})[(kinds == "figure").to_numpy()]
        frame["outlet"] = frame["article"].map(outlet_of_key)
        per = frame.dropna(subset=["outlet"]).groupby("outlet", sort=False)["unsourced"].agg(["size", "sum"])
        figures.update({str(o): int(n) for o, n in per["size"].items()})
        unsourced.update({str(o): int(n) for o, n in per["sum"].items()})
    severities: dict[str, Counter] = defaultdict(Counter)
    listed: Counter = Counter()
    for key, found in findings_of.items():
        outlet = outlet_of_key.get(key)
        if outlet is None:
            continue
        severities[outlet].update(f.severity for f in found)
        if key in anchor_of:
            listed[outlet] += 1
    return [OutletRow(o, per_article[o], figures[o], unsourced[o],
                      {s: severities[o].get(s, 0) for s in SEVERITY_ORDER}, listed[o])
            for o in sorted(per_article)]


def _stories(story_of: Mapping[str, str], articles: Sequence[Article],
             findings_of: Mapping[str, list[Finding]], anchor_of: Mapping[str, str]) -> list[StoryRow]:
    members: dict[str, list[Article]] = defaultdict(list)
    for a in articles:
        key = article_key(a)
        members[story_of.get(key, key)].append(a)
    rows = []
    for story, arts in members.items():
        keys = [article_key(a) for a in arts]
        found = [f for k in keys for f in findings_of.get(k, ())]
        if not found:
            continue
        first = min(keys)
        dates = sorted(a.published for a in arts if a.published)
        first_listed = min((anchor_of[k] for k in keys if k in anchor_of),
                           key=lambda a: int(a.rsplit("-", 1)[-1]), default=None)
        head = next(a for a in arts if article_key(a) == first)
        rows.append(StoryRow(
            story=story, anchor=f"st-{len(rows) + 1}", title=head.title or head.path.replace("\\", "/").rsplit("/", 1)[-1],
            articles=len(arts), outlets=sorted({outlet_of(a.outlet, a.path) for a in arts}),
            date_from=dates[0] if dates else None, date_to=dates[-1] if dates else None,
            findings=_severities(found), severity=_worst_severity(f.severity for f in found),
            first=first_listed))
    rows.sort(key=lambda r: ([-r.findings.get(s, 0) for s in SEVERITY_ORDER], r.story))
    for n, r in enumerate(rows, 1):
        r.anchor = f"st-{n}"
    return rows


def _entries(findings: Sequence[Finding], located: Sequence[str], articles: Sequence[Article],
             anchor_of: Mapping[str, str], story_anchor: Mapping[str, str]) -> Iterator[ArticleEntry]:
    """The articles with findings in file order, made one at a time."""
    by_key = {article_key(a): a for a in articles}
    numbers: dict[str, list[tuple[int, Finding]]] = defaultdict(list)
    for n, (f, key) in enumerate(zip(findings, located), 1):
        numbers[key].append((n, f))
    for key in sorted(numbers, key=lambda k: int(anchor_of[k][4:]) if k in anchor_of else 0):
        if key not in anchor_of:
            continue
        article = by_key[key]
        lines = []
        for n, f in numbers[key]:
            links = [ClaimLink(_s(c.get("claim_id")), f"{_s(c.get('text'))}", None)
                     for c in f.claims[:MAX_CLAIMS_SHOWN]]
            lines.append(FindingLine(
                anchor=f"f-{n}", number=n, rule=f.rule, type=f.type, severity=f.severity,
                message=f.message, line=int(f.line), col=int(f.col),
                excerpt=excerpt(f.claims[0]) if f.claims else None, claims=links,
                claims_more=max(0, len(f.claims) - MAX_CLAIMS_SHOWN)))
        yield ArticleEntry(
            key=key, anchor=anchor_of[key], path=article.path,
            outlet=outlet_of(article.outlet, article.path), title=article.title,
            published=article.published, lang=article.lang, story=story_anchor.get(key),
            severity=_worst_severity(line.severity for line in lines), findings=lines)


class Entries:
    """The articles with findings, made anew each time they are read (the HTML and the
    Markdown of one report each read them once), never held together."""

    def __init__(self, *args: Any) -> None:
        self._args = args

    def __iter__(self) -> Iterator[ArticleEntry]:
        return _entries(*self._args)


def build_archive(claims: pd.DataFrame, findings: Sequence[Finding], articles: Sequence[Article],
                  failures: Sequence[Failure | str], groups: pd.DataFrame, *,
                  story_of: Mapping[str, str] | None = None, title: str = "Discrepancy report",
                  timestamp: str | None = None, references: Iterable[str] = (),
                  threshold: int = ARCHIVE_ARTICLES) -> Archive:
    """The archive report of a run (see the module docstring); `story_of` maps article keys
    to story ids (each article is its own story without it)."""
    references = frozenset(references)
    story_of = story_of or {}
    keys = [article_key(a) for a in articles]
    located = finding_articles(findings, claims, keys)
    findings_of: dict[str, list[Finding]] = defaultdict(list)
    for f, key in zip(findings, located):
        findings_of[key].append(f)
    anchor_of = {k: f"art-{i + 1}" for i, k in enumerate(keys) if k in findings_of}

    shown, agreeing = _group_statuses(groups, claims, references)
    if shown:
        wanted = set(shown)
        picked = groups[groups["group"].astype(str).isin(wanted)]
        labels = list(picked["claim"]) + [o for others in picked["others"] if others is not None for o in others]
        rows = _records(claims, labels)
        refs = _finding_refs(findings, {_s(r.get("claim_id")) for r in rows.values()})
        sections, _ = _sections(picked, rows, refs, anchor_of, references)
    else:
        sections = []
    updates = sum(1 for s in sections if s.status == "update")
    summary = _summary(claims, articles, findings, len(sections) + agreeing,
                       sum(1 for s in sections if s.disagreement), updates, failures, references)
    stories = _stories(story_of, articles, findings_of, anchor_of)
    story_anchor = {}
    by_story = {r.story: r.anchor for r in stories}
    for k in anchor_of:
        story = story_of.get(k, k)
        if story in by_story:
            story_anchor[k] = by_story[story]
    return Archive(
        title=title, timestamp=timestamp, summary=summary,
        outlets=_outlets(claims, articles, findings_of, anchor_of), stories=stories,
        sections=sections, matrix=_matrix(sections[:MAX_MATRIX]),
        timelines=[s for s in sections if s.timeline is not None][:MAX_TIMELINES], agreeing=agreeing,
        listed=len(anchor_of), articles=Entries(findings, located, articles, anchor_of, story_anchor),
        failures=[str(f) for f in failures], threshold=threshold)
