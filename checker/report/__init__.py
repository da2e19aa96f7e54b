"""The discrepancy report: who said what, credited to whom, and when, as one data model.

`build_report(claims, findings, articles, failures, groups)` is a pure function from the run's
data (the claims frame, the lint findings, the articles, the inputs that failed and the
quantity groups of `checker.compare.quantity_groups`) to a `Report` of plain dataclasses that
every output format renders (`checker.report.html`, `.markdown`, `.tables`):

- `summary`: articles, outlets, languages, date span, claim counts, findings by severity/type;
- `sections`: one per quantity group, disagreements first, a row per claim;
- `matrix`: quantities against outlets, each cell the figures and sources that outlet gave;
- `unsourced`: unsourced figures per outlet, with the sources other outlets give for them;
- `timelines`: the sections whose values change with the publication date;
- `findings`, `articles`: the findings, and each article's text cut into highlighted segments.

Everything is sorted by stable keys so the same input gives the same report. The work is
linear in the number of claims: rows are read once into dicts, and every lookup afterwards is
by claim label or claim id, never a scan of the frame.
"""
from __future__ import annotations

import bisect
import functools
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import pandas as pd

from checker.article import Article, Failure
from checker.checks import format_number
from checker.claims import article_key
from checker.compare import same_figure, unit_base
from checker.findings import SEVERITIES, Finding, credited_to

__all__ = [
    "VERDICTS", "Report", "Summary", "QuantitySection", "QuantityRow", "Matrix", "MatrixRow",
    "MatrixCell", "UnsourcedOutlet", "UnsourcedItem", "Timeline", "TimelinePoint",
    "FindingView", "ClaimLink", "ArticleView", "Segment", "build_report", "group_name",
]

# worst first: the order sections are sorted in and a claim's rows are coloured by
VERDICTS: tuple[str, ...] = ("contradicts", "credited differently", "update", "agrees")
VERDICT_RANK = {v: i for i, v in enumerate(VERDICTS)}
DISAGREEMENTS = frozenset({"contradicts", "credited differently"})
SEVERITY_ORDER = tuple(reversed(SEVERITIES))  # error, warning, info
MODALITY_LABELS = {"intended": "planned"}
UNSOURCED = "unsourced"
MAX_AGAINST = 6  # claims a row lists as the ones it disagrees with
MAX_LINKS = 8    # claims a finding lists, findings a highlight links to


# ------------------------------------------------------------------------------ the model

@dataclass
class ClaimLink:
    """A claim a finding or another row refers to, with the anchor of its highlight."""

    claim_id: str
    label: str          # `3,000 (unsourced, Wire Post)` or the text as written
    anchor: str | None  # `a-<claim_id>` in the article text; None when not in the report
    row_anchor: str | None = None  # `q-<claim_id>` in a quantity table, when it is in one


@dataclass
class FindingRef:
    anchor: str     # `f-<n>`
    number: int
    severity: str
    rule: str


@dataclass
class FindingView:
    anchor: str
    number: int
    rule: str
    type: str
    severity: str
    message: str
    path: str
    line: int
    col: int
    outlet: str
    article_anchor: str | None
    claims: list[ClaimLink] = field(default_factory=list)    # at most MAX_LINKS
    related: list[ClaimLink] = field(default_factory=list)   # at most MAX_LINKS
    claims_more: int = 0
    related_more: int = 0


@dataclass
class QuantityRow:
    claim_id: str
    anchor: str            # `q-<claim_id>`
    mark_anchor: str       # `a-<claim_id>`, the highlight in the article text
    article_anchor: str
    outlet: str
    published: str | None
    path: str
    line: int | None
    col: int | None
    lang: str | None
    reference: bool
    text: str              # as written
    figure: str            # normalised: `1,500`, `~1,500`, `≥ 2,000`, `150–200`
    interval: str          # `1,425 – 1,575`, `≥ 2,000`, `1,500`
    unit: str              # `km`, `EUR`, `%`, '' for plain counts
    converted: str | None  # in the section's unit when the row's differs: `≈ 40.2 km`
    qualifier: str
    source: str            # who it is credited to, or "unsourced"
    source_text: str
    sourced: bool
    event_date: str        # `2024-10-08 – 2024-10-13`, '' when none
    date_is_reported: bool  # the date is when the source spoke, not of what is counted
    sentence: str
    verdict: str
    against: list[ClaimLink] = field(default_factory=list)  # at most MAX_AGAINST, distinct
    against_more: int = 0  # other claims it disagrees with that `against` leaves out
    findings: list[FindingRef] = field(default_factory=list)  # at most MAX_LINKS
    findings_more: int = 0
    value: float | None = None  # nominal value in the section's unit
    low: float | None = None
    high: float | None = None


@dataclass
class TimelinePoint:
    published: str
    value: float
    low: float | None
    high: float | None
    outlet: str
    claim_id: str
    anchor: str
    verdict: str
    label: str  # `Wire Post, 2024-10-21: Some 3,000 North Korean soldiers (unsourced)`


@dataclass
class Timeline:
    unit: str
    outlets: list[str]
    points: list[TimelinePoint]


@dataclass
class QuantitySection:
    gid: str
    anchor: str            # `g-<gid>`
    name: str              # `soldier — planned`, `epicentre (km)`
    subject_key: str
    unit: str
    modality: str
    status: str            # the worst verdict of its rows
    disagreement: bool
    rows: list[QuantityRow]
    outlets: list[str]
    articles: int
    counts: dict[str, int]  # verdict → rows, in VERDICTS order, zeros left out
    value_range: str        # `1,500 – 3,000`
    timeline: Timeline | None = None


@dataclass
class MatrixCell:
    figure: str
    source: str
    verdict: str
    anchor: str


@dataclass
class MatrixRow:
    anchor: str
    name: str
    status: str
    cells: list[list[MatrixCell]]  # one list per outlet of `Matrix.outlets`


@dataclass
class Matrix:
    outlets: list[str]
    rows: list[MatrixRow]


@dataclass
class Elsewhere:
    outlet: str
    source: str
    text: str
    anchor: str


@dataclass
class UnsourcedItem:
    claim_id: str
    anchor: str
    article_anchor: str
    path: str
    line: int | None
    col: int | None
    text: str
    figure: str
    sentence: str
    quantity: str | None          # the section name, when it is in one
    quantity_anchor: str | None
    elsewhere: list[Elsewhere] = field(default_factory=list)
    findings: list[FindingRef] = field(default_factory=list)
    findings_more: int = 0


@dataclass
class UnsourcedOutlet:
    outlet: str
    anchor: str
    items: list[UnsourcedItem]
    credited_elsewhere: int


@dataclass
class Segment:
    """A piece of an article's text: plain (kind None) or a highlighted span."""

    text: str
    kind: str | None = None        # figure, date, source, finding
    anchor: str | None = None      # id of the highlight (`a-<claim_id>`, `s-…`, `x-…`)
    claim_id: str | None = None
    verdict: str | None = None     # of the quantity group, for figures in one
    link: str | None = None        # where the highlight's text links to (a quantity row)
    tip: str = ""                  # the tooltip
    severity: str | None = None    # worst severity of the findings it is linked to
    findings: list[FindingRef] = field(default_factory=list)  # at most MAX_LINKS
    findings_more: int = 0


@dataclass
class ArticleView:
    key: str
    anchor: str
    path: str
    outlet: str
    published: str | None
    lang: str | None
    title: str | None
    url: str | None
    meta: list[tuple[str, str]]
    reference: bool
    figures: int
    dates: int
    unsourced: int
    findings: int
    severity: str | None
    segments: list[Segment]


@dataclass
class Summary:
    articles: int
    references: int
    outlets: list[str]
    languages: list[tuple[str, int]]
    date_from: str | None
    date_to: str | None
    claims: int
    figures: int
    dates: int
    sourced: int
    unsourced: int
    quantities: int
    disagreements: int
    updates: int
    findings: int
    by_severity: dict[str, int]
    by_rule: list[tuple[str, str, str, int]]  # (rule, type, severity, count)
    failures: int


@dataclass
class Report:
    title: str
    timestamp: str | None
    summary: Summary
    sections: list[QuantitySection]
    matrix: Matrix
    unsourced: list[UnsourcedOutlet]
    timelines: list[QuantitySection]
    findings: list[FindingView]
    articles: list[ArticleView]
    failures: list[str]

    @property
    def disagreements(self) -> list[QuantitySection]:
        return [s for s in self.sections if s.disagreement]


# ------------------------------------------------------------------------------ helpers

def _missing(v: Any) -> bool:
    if v is None or v is pd.NA:
        return True
    try:
        return isinstance(v, float) and math.isnan(v)
    except TypeError:  # pragma: no cover
        return False


def _s(v: Any) -> str:
    """A text cell as str; '' when missing."""
    if type(v) is str:  # most cells: no test needed
        return v
    return "" if _missing(v) else str(v)


def _credit(rec: Mapping[str, Any]) -> str:
    """Who a claim is credited to, as the report shows it: `CaixaBank via Bloomberg`, the
    source, or '' when unsourced."""
    return (credited_to(rec) or "") if _s(rec.get("source")) else ""


def _f(v: Any) -> float | None:
    if _missing(v):
        return None
    try:
        out = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(out) else out


def _i(v: Any) -> int | None:
    f = _f(v)
    return None if f is None else int(f)


def _basename(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1] or path


def outlet_of(outlet: Any, path: Any) -> str:
    """The outlet's name, else the file name."""
    return _s(outlet) or _basename(_s(path))


@functools.lru_cache(maxsize=None)
def unit_label(unit: str | None) -> str:
    """A short unit symbol: `kilometer` → `km`, `percent` → `%`, `EUR` → `EUR`."""
    if not unit:
        return ""
    if unit == "percent":
        return "%"
    if unit.isupper() and len(unit) == 3:
        return unit
    try:  # the registry the comparison loaded already: a second one costs most of a second
        from checker.units import unit_registry
        label = format(unit_registry().Unit(unit), "~P")
        return label or unit
    except Exception:
        return unit


def compact_number(value: float | None) -> str:
    """`format_number`, with millions and billions in words: 40000000 → `40 million`."""
    if value is None:
        return ""
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= scale:
            scaled = value / scale
            if round(scaled, 2) == scaled:
                return f"{format_number(scaled)} {word}"
            break
    return format_number(value)


def _with_unit(number: str, unit: str) -> str:
    if not unit or not number:
        return number
    return f"{number}%" if unit == "%" else f"{number} {unit}"


def nominal(rec: Mapping[str, Any]) -> float | None:
    for name in ("value", "value_min", "value_max"):
        v = _f(rec.get(name))
        if v is not None:
            return v
    return None


def interval_text(rec: Mapping[str, Any]) -> str:
    """The figure's interval: `1,425 – 1,575`, `≥ 2,000`, `< 10`, `1,500`."""
    lo, hi = _f(rec.get("value_min")), _f(rec.get("value_max"))
    q = _s(rec.get("qualifier"))
    if lo is not None and hi is not None:
        return format_number(lo) if lo == hi else f"{format_number(lo)} – {format_number(hi)}"
    if lo is not None:
        return f"{'>' if q == 'more_than' else '≥'} {format_number(lo)}"
    if hi is not None:
        return f"{'<' if q == 'less_than' else '≤'} {format_number(hi)}"
    v = _f(rec.get("value"))
    return format_number(v) if v is not None else ""


_QUALIFIER_MARK = {"approx": "~", "at_least": "≥ ", "more_than": "> ", "at_most": "≤ ",
                   "less_than": "< ", "vague": "~"}


def short_figure(rec: Mapping[str, Any], unit: str | None = None) -> str:
    """The figure as one short normalised token: `1,500`, `~12,000`, `≥ 2,000`, `150–200 km`."""
    unit = unit_label(_s(rec.get("unit")) or None) if unit is None else unit
    q = _s(rec.get("qualifier"))
    if q in ("range", "vague"):
        lo, hi = _f(rec.get("value_min")), _f(rec.get("value_max"))
        if lo is not None and hi is not None and lo != hi:
            return _with_unit(f"{format_number(lo)}–{format_number(hi)}", unit)
    number = compact_number(nominal(rec))
    return _QUALIFIER_MARK.get(q, "") + _with_unit(number, unit)


def date_text(start: Any, end: Any) -> str:
    a, b = _s(start), _s(end)
    if a and b and a != b:
        return f"{a} – {b}"
    return a or b


def group_name(members: Sequence[Mapping[str, Any]]) -> tuple[str, str, str, str]:
    """(name, subject key, unit, modality) of a quantity group: `soldier — planned`."""
    keys = Counter(_s(m.get("subject_key")) for m in members if _s(m.get("subject_key")))
    units = Counter(_s(m.get("unit")) for m in members)
    modalities = Counter(_s(m.get("modality")) or "realized" for m in members)
    key = min(keys.items(), key=lambda kv: (-kv[1], kv[0]))[0] if keys else "quantity"
    unit = min(units.items(), key=lambda kv: (-kv[1], kv[0]))[0] if units else ""
    modality = min(modalities.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    name = key.replace("_", " ")
    if unit:
        name += f" ({unit_label(unit)})"
    if MODALITY_LABELS.get(modality):
        name += f" — {MODALITY_LABELS[modality]}"
    return name, key, unit, modality


def _main_event(members: Sequence[Mapping[str, Any]]) -> str:
    events = Counter(e for m in members for e in _s(m.get("event")).split("|") if e)
    return min(events.items(), key=lambda kv: (-kv[1], kv[0]))[0] if events else ""


def _worst(verdicts: Iterable[str]) -> str:
    return min(verdicts, key=lambda v: VERDICT_RANK.get(v, len(VERDICTS)), default="agrees")


def _worst_severity(severities: Iterable[str]) -> str | None:
    ranked = [s for s in severities if s in SEVERITIES]
    return max(ranked, key=SEVERITIES.index) if ranked else None


def _slug(text: str) -> str:
    out = "".join(c if c.isalnum() else "-" for c in text.lower())
    return "-".join(p for p in out.split("-") if p)[:40] or "x"


# ------------------------------------------------------------------------------ building

def build_report(claims: pd.DataFrame, findings: Sequence[Finding], articles: Sequence[Article],
                 failures: Sequence[Failure | str], groups: pd.DataFrame, *,
                 title: str = "Discrepancy report", timestamp: str | None = None,
                 references: Iterable[str] = ()) -> Report:
    """The report model of a run: see the module docstring.

    `references` are article keys (the claims frame's `article`) of reference articles
    (`--against`): they are compared with and shown, but a quantity only they give is left out.
    """
    references = frozenset(references)
    labels = list(claims.index)
    rows: dict[Any, dict[str, Any]] = dict(zip(labels, claims.to_dict("records"))) if len(claims) else {}
    for rec in rows.values():
        rec["_key"] = _s(rec.get("article")) or _s(rec.get("path"))
        rec["_outlet"] = outlet_of(rec.get("outlet"), rec.get("path"))
    by_id: dict[str, dict[str, Any]] = {_s(r.get("claim_id")): r for r in rows.values()}

    article_anchor = {article_key(a): f"art-{i + 1}" for i, a in enumerate(articles)}
    finding_views, refs_by_claim = _findings(findings, by_id, article_anchor, articles)
    sections, section_of = _sections(groups, rows, refs_by_claim, article_anchor, references)
    unsourced = _unsourced(rows, section_of, sections, refs_by_claim, article_anchor, references)
    articles_view = _articles(articles, rows, refs_by_claim, finding_views, findings,
                              section_of, references)
    summary = _summary(rows, articles, findings, sections, failures, references)
    return Report(
        title=title, timestamp=timestamp, summary=summary, sections=sections,
        matrix=_matrix(sections), unsourced=unsourced,
        timelines=[s for s in sections if s.timeline is not None],
        findings=finding_views, articles=articles_view,
        failures=[str(f) for f in failures],
    )


def _findings(findings: Sequence[Finding], by_id: Mapping[str, dict], article_anchor: Mapping[str, str],
              articles: Sequence[Article]) -> tuple[list[FindingView], dict[str, list[FindingRef]]]:
    """Finding views numbered in their (sorted) order, and the findings of each claim id."""
    path_anchor: dict[str, str | None] = {}
    for a in articles:  # a path that holds one article (not a JSON Lines feed) has one anchor
        path_anchor[a.path] = None if a.path in path_anchor else article_anchor[article_key(a)]
    views: list[FindingView] = []
    refs: dict[str, list[FindingRef]] = defaultdict(list)

    def link(c: Mapping[str, Any]) -> ClaimLink:
        cid = _s(c.get("claim_id"))
        known = cid in by_id
        label = f"{_s(c.get('text'))} ({_credit(c) or UNSOURCED}, {outlet_of(c.get('outlet'), c.get('path'))})"
        return ClaimLink(cid, label, f"a-{cid}" if known else None)

    for n, f in enumerate(findings, 1):
        anchor = f"f-{n}"
        ref = FindingRef(anchor, n, f.severity, f.rule)
        for c in f.claims:
            cid = _s(c.get("claim_id"))
            if cid in by_id:
                refs[cid].append(ref)
        claim_links = [link(c) for c in f.claims[:MAX_LINKS]]
        outlet = ""
        art = None
        for c in f.claims:
            rec = by_id.get(_s(c.get("claim_id")))
            if rec is not None:
                art = article_anchor.get(rec["_key"])
                outlet = rec["_outlet"]
                break
        if art is None:
            art = path_anchor.get(f.path)
        if not outlet:
            outlet = outlet_of(f.claims[0].get("outlet") if f.claims else None, f.path)
        views.append(FindingView(
            anchor=anchor, number=n, rule=f.rule, type=f.type, severity=f.severity,
            message=f.message, path=f.path, line=int(f.line), col=int(f.col), outlet=outlet,
            article_anchor=art, claims=claim_links, related=[link(c) for c in f.related[:MAX_LINKS]],
            claims_more=max(0, len(f.claims) - MAX_LINKS), related_more=max(0, len(f.related) - MAX_LINKS)))
    return views, refs


def _sections(groups: pd.DataFrame, rows: Mapping[Any, dict], refs: Mapping[str, list[FindingRef]],
              article_anchor: Mapping[str, str], references: frozenset[str]
              ) -> tuple[list[QuantitySection], dict[str, QuantitySection]]:
    members: dict[str, list[tuple[Any, str, list, int]]] = defaultdict(list)
    if groups is not None and len(groups):
        # `others` lists the first figures a figure disagrees with, `others_count` all of them
        counts = groups["others_count"] if "others_count" in groups else [None] * len(groups)
        for label, gid, verdict, others, count in zip(groups["claim"], groups["group"],
                                                      groups["verdict"], groups["others"], counts):
            if label in rows:
                listed = list(others if others is not None else ())
                total = len(listed) if count is None or pd.isna(count) else int(count)
                members[str(gid)].append((label, str(verdict), listed, max(total, len(listed))))
    sections: list[QuantitySection] = []
    events: dict[str, str] = {}
    for gid in sorted(members):
        group = members[gid]
        recs = [rows[label] for label, _, _, _ in group]
        keys = {r["_key"] for r in recs}
        verdicts = [v for _, v, _, _ in group]
        status = _worst(verdicts)
        if len(group) < 2 or (len(keys) < 2 and status == "agrees"):
            continue  # one article repeating itself is not a quantity several articles give
        if references and keys <= references:
            continue  # only reference articles give it
        name, key, unit, modality = group_name(recs)
        _, group_factor = unit_base(unit or None)
        label = unit_label(unit or None)
        qrows: list[QuantityRow] = []
        for (lab, verdict, others, total), rec in zip(group, recs):
            cid = _s(rec.get("claim_id"))
            row_unit = _s(rec.get("unit"))
            _, factor = unit_base(row_unit or None)
            scale = factor / group_factor if group_factor else 1.0
            value = nominal(rec)
            converted = None
            if row_unit != unit and value is not None:
                converted = "≈ " + _with_unit(format_number(round(value * scale, 2)), label)
            lo, hi = _f(rec.get("value_min")), _f(rec.get("value_max"))
            against: dict[str, ClaimLink] = {}
            seen_others = 0
            for o in others:  # at most MAX_AGAINST labels: a row never lists a whole big group
                if len(against) >= MAX_AGAINST:
                    break
                seen_others += 1
                orec = rows.get(o)
                if orec is None:
                    continue
                ocid = _s(orec.get("claim_id"))
                text = f"{short_figure(orec)} ({_credit(orec) or UNSOURCED}, {orec['_outlet']})"
                against.setdefault(text, ClaimLink(ocid, text, f"a-{ocid}", f"q-{ocid}"))
            source = _credit(rec)
            qrows.append(QuantityRow(
                claim_id=cid, anchor=f"q-{cid}", mark_anchor=f"a-{cid}",
                article_anchor=article_anchor.get(rec["_key"], ""), outlet=rec["_outlet"],
                published=_s(rec.get("published")) or None, path=_s(rec.get("path")),
                line=_i(rec.get("line")), col=_i(rec.get("col")), lang=_s(rec.get("lang")) or None,
                reference=rec["_key"] in references, text=_s(rec.get("text")),
                figure=short_figure(rec), interval=interval_text(rec),
                unit=unit_label(row_unit or None), converted=converted,
                qualifier=_s(rec.get("qualifier")), source=source or UNSOURCED,
                source_text=_s(rec.get("source_text")), sourced=bool(source),
                event_date=date_text(rec.get("date_start"), rec.get("date_end")),
                date_is_reported=_s(rec.get("date_role")) in ("reported", "statement"),
                sentence=" ".join(_s(rec.get("sentence")).split()), verdict=verdict,
                against=list(against.values()), against_more=total - seen_others,
                findings=list(refs.get(cid, ())[:MAX_LINKS]),
                findings_more=max(0, len(refs.get(cid, ())) - MAX_LINKS),
                value=None if value is None else value * scale,
                low=None if lo is None else lo * scale, high=None if hi is None else hi * scale))
        qrows.sort(key=lambda r: (r.published or "9999", r.outlet, r.path, r.line or 0, r.col or 0, r.claim_id))
        counts = Counter(r.verdict for r in qrows)
        values = [r.value for r in qrows if r.value is not None]
        value_range = ""
        if values:
            lo_v, hi_v = min(values), max(values)
            value_range = _with_unit(compact_number(lo_v) if lo_v == hi_v else
                                     f"{compact_number(lo_v)} – {compact_number(hi_v)}", label)
        outlets = sorted({r.outlet for r in qrows})
        sections.append(QuantitySection(
            gid=gid, anchor=f"g-{gid}", name=name, subject_key=key, unit=label, modality=modality,
            status=status, disagreement=status in DISAGREEMENTS, rows=qrows, outlets=outlets,
            articles=len(keys), counts={v: counts[v] for v in VERDICTS if counts[v]},
            value_range=value_range, timeline=_timeline(qrows, label)))
        events[gid] = _main_event(recs)
    sections.sort(key=lambda s: (VERDICT_RANK[s.status], -s.articles, s.name, s.gid))
    _disambiguate(sections, events)
    section_of = {r.claim_id: s for s in sections for r in s.rows}
    return sections, section_of


def _disambiguate(sections: list[QuantitySection], events: Mapping[str, str]) -> None:
    """Two sections with one name get their event (`building — destroyed`), then a number."""
    names = Counter(s.name for s in sections)
    for s in sections:
        event = events.get(s.gid, "")
        if names[s.name] > 1 and event:
            s.name = f"{s.name} — {event}"
    seen: Counter = Counter()
    names = Counter(s.name for s in sections)
    for s in sections:
        if names[s.name] > 1:
            seen[s.name] += 1
            if seen[s.name] > 1:
                s.name = f"{s.name} ({seen[s.name]})"


def _timeline(rows: Sequence[QuantityRow], unit: str) -> Timeline | None:
    """Values by publication date when they change over time: two dates and two values."""
    points = [r for r in rows if r.published and r.value is not None]
    if len({r.published for r in points}) < 2 or len({round(r.value, 9) for r in points}) < 2:
        return None
    out = [TimelinePoint(
        published=r.published, value=r.value,
        low=r.low if r.low is not None and math.isfinite(r.low) else None,
        high=r.high if r.high is not None and math.isfinite(r.high) else None,
        outlet=r.outlet, claim_id=r.claim_id, anchor=r.anchor, verdict=r.verdict,
        label=f"{r.outlet}, {r.published}: {r.text} ({r.source})") for r in points]
    out.sort(key=lambda p: (p.published, p.outlet, p.value, p.claim_id))
    return Timeline(unit=unit, outlets=sorted({p.outlet for p in out}), points=out)


def _matrix(sections: Sequence[QuantitySection]) -> Matrix:
    outlets = sorted({o for s in sections for o in s.outlets})
    column = {o: i for i, o in enumerate(outlets)}
    rows = []
    for s in sections:
        cells: list[list[MatrixCell]] = [[] for _ in outlets]
        seen: set[tuple[str, str, str]] = set()
        for r in s.rows:
            key = (r.outlet, r.figure, r.source)
            if key in seen:
                continue
            seen.add(key)
            cells[column[r.outlet]].append(MatrixCell(r.figure, r.source, r.verdict, r.anchor))
        rows.append(MatrixRow(s.anchor, s.name, s.status, cells))
    return Matrix(outlets, rows)


def _unsourced(rows: Mapping[Any, dict], section_of: Mapping[str, QuantitySection],
               sections: Sequence[QuantitySection], refs: Mapping[str, list[FindingRef]],
               article_anchor: Mapping[str, str], references: frozenset[str]) -> list[UnsourcedOutlet]:
    """Unsourced figures of the reported articles, per outlet, each with who credits it elsewhere."""
    by_id = {_s(r.get("claim_id")): r for r in rows.values()}
    # per section: its sourced figures sorted by base value, for a bisect instead of a scan
    sourced: dict[str, tuple[list[float], list[tuple[float, float, dict]]]] = {}
    for s in sections:
        items = []
        for r in s.rows:
            rec = by_id[r.claim_id]
            if r.sourced and r.value is not None:
                _, factor = unit_base(_s(rec.get("unit")) or None)
                base = nominal(rec) * factor
                pad = (_f(rec.get("precision")) or 0.0) * factor
                items.append((base, pad, rec))
        items.sort(key=lambda t: (t[0], _s(t[2].get("claim_id"))))
        # one figure given by many articles of one outlet with one source is one entry (two, so
        # that an article never hides the others behind its own claim): windows stay small
        kept, per_key = [], Counter()
        for t in items:
            key = (round(t[0], 9), t[2]["_outlet"], _credit(t[2]))
            per_key[key] += 1
            if per_key[key] <= 2:
                kept.append(t)
        sourced[s.gid] = ([t[0] for t in kept], kept)

    per_outlet: dict[str, list[UnsourcedItem]] = defaultdict(list)
    for rec in rows.values():
        if _s(rec.get("kind")) != "figure" or _s(rec.get("source")) or rec["_key"] in references:
            continue
        cid = _s(rec.get("claim_id"))
        section = section_of.get(cid)
        elsewhere: list[Elsewhere] = []
        if section is not None and nominal(rec) is not None:
            keys, items = sourced[section.gid]
            _, factor = unit_base(_s(rec.get("unit")) or None)
            base = nominal(rec) * factor
            max_pad = max((t[1] for t in items), default=0.0) + (_f(rec.get("precision")) or 0.0) * factor
            reach = abs(base) * 0.01 + max_pad
            me = SimpleNamespace(**{**rec, "precision": _f(rec.get("precision"))})
            seen: set[tuple[str, str]] = set()
            for _, _, other in items[bisect.bisect_left(keys, base - reach):
                                     bisect.bisect_right(keys, base + reach)]:
                if other["_key"] == rec["_key"]:
                    continue
                them = SimpleNamespace(**{**other, "precision": _f(other.get("precision"))})
                if not same_figure(me, them):
                    continue
                key = (other["_outlet"], _credit(other))
                if key in seen:
                    continue
                seen.add(key)
                elsewhere.append(Elsewhere(other["_outlet"], _credit(other),
                                           _s(other.get("text")), f"q-{_s(other.get('claim_id'))}"))
            elsewhere.sort(key=lambda e: (e.outlet, e.source, e.text))
        per_outlet[rec["_outlet"]].append(UnsourcedItem(
            claim_id=cid, anchor=f"a-{cid}", article_anchor=article_anchor.get(rec["_key"], ""),
            path=_s(rec.get("path")), line=_i(rec.get("line")), col=_i(rec.get("col")),
            text=_s(rec.get("text")), figure=short_figure(rec),
            sentence=" ".join(_s(rec.get("sentence")).split()),
            quantity=section.name if section else None,
            quantity_anchor=section.anchor if section else None,
            elsewhere=elsewhere, findings=list(refs.get(cid, ())[:MAX_LINKS]),
            findings_more=max(0, len(refs.get(cid, ())) - MAX_LINKS)))
    out = []
    for outlet in sorted(per_outlet):
        items = sorted(per_outlet[outlet], key=lambda i: (i.path, i.line or 0, i.col or 0, i.claim_id))
        out.append(UnsourcedOutlet(outlet, f"u-{_slug(outlet)}-{len(out) + 1}", items,
                                   sum(1 for i in items if i.elsewhere)))
    return out


def _display(article: Article) -> tuple[str, int, Any]:
    """(text shown, offset of its start, map from a file-text offset to a shown offset)."""
    if article.anchors:  # HTML: show the extracted text, map file offsets back into it
        body = article.body
        text_offsets = [t for _, t in article.anchors]

        def to_shown(t: int) -> int:
            i = bisect.bisect_right(text_offsets, t) - 1
            if i < 0:
                return max(0, min(len(body), t))
            b, tt = article.anchors[i]
            return max(0, min(len(body), b + (t - tt)))
        return body.rstrip(), 0, to_shown
    body = article.body or article.text
    start = len(body) - len(body.lstrip())  # front matter is blanked in the body: skip it
    shown = article.text[start:].rstrip()
    return shown, start, lambda t: max(0, min(len(shown), t - start))


def _articles(articles: Sequence[Article], rows: Mapping[Any, dict],
              refs: Mapping[str, list[FindingRef]], views: Sequence[FindingView],
              findings: Sequence[Finding], section_of: Mapping[str, QuantitySection],
              references: frozenset[str]) -> list[ArticleView]:
    claims_of: dict[str, list[dict]] = defaultdict(list)
    for rec in rows.values():
        claims_of[rec["_key"]].append(rec)
    # findings located in each article (name variants point at names, not at claims)
    findings_at: dict[str, list[tuple[Finding, FindingView]]] = defaultdict(list)
    for f, v in zip(findings, views):
        if v.article_anchor:
            findings_at[v.article_anchor].append((f, v))
    verdict_of = {r.claim_id: r.verdict for s in section_of.values() for r in s.rows}

    out: list[ArticleView] = []
    for i, article in enumerate(articles):
        key = article_key(article)
        anchor = f"art-{i + 1}"
        shown, _, to_shown = _display(article)
        spans: list[tuple[int, int, int, Segment]] = []  # (start, priority, -end, segment)
        recs = claims_of.get(key, [])
        source_spans: dict[tuple[int, int], list[dict]] = defaultdict(list)
        for rec in recs:
            cid = _s(rec.get("claim_id"))
            start, end = _i(rec.get("start")), _i(rec.get("end"))
            if start is None or end is None:
                continue
            a, b = to_shown(start), to_shown(end)
            kind = _s(rec.get("kind")) or "figure"
            all_refs = refs.get(cid, ())
            frefs = list(all_refs[:MAX_LINKS])
            if kind == "date":
                tip = f"date: {date_text(rec.get('date_start'), rec.get('date_end')) or 'unresolved'}"
                verdict, link = None, None
            else:
                section = section_of.get(cid)
                verdict = verdict_of.get(cid)
                link = f"#q-{cid}" if section else None
                tip = (f"{short_figure(rec)} — {_credit(rec) or UNSOURCED}"
                       + (f" — {section.name}: {verdict}" if section else ""))
            if frefs:
                tip += " — findings: " + ", ".join(f"#{r.number} {r.rule}" for r in frefs)
                if len(all_refs) > len(frefs):
                    tip += f" and {len(all_refs) - len(frefs)} more"
            if b > a:
                spans.append((a, 0 if kind == "figure" else 1, -b, Segment(
                    shown[a:b], kind, f"a-{cid}", cid, verdict, link, tip,
                    _worst_severity(r.severity for r in all_refs), frefs,
                    len(all_refs) - len(frefs))))
            src = _s(rec.get("source_text"))
            sent_start = _i(rec.get("sentence_start"))
            if kind == "figure" and src and sent_start is not None:
                sentence = _s(rec.get("sentence"))
                rel = start - sent_start
                idx = _nearest(sentence, src, rel)
                if idx >= 0:
                    sa, sb = to_shown(sent_start + idx), to_shown(sent_start + idx + len(src))
                    if sb > sa and shown[sa:sb] == src:
                        source_spans[(sa, sb)].append(rec)
        for (sa, sb), credited in sorted(source_spans.items()):
            names = sorted({_credit(r) for r in credited if _credit(r)})
            what = ", ".join(_s(r.get("text")) for r in credited)
            spans.append((sa, 2, -sb, Segment(
                shown[sa:sb], "source", f"s-{anchor}-{sa}", None, None, None,
                f"source: {', '.join(names)} — credited with: {what}")))
        claim_spans = {(_i(r.get("start")), _i(r.get("end"))) for r in recs}
        for f, v in findings_at.get(anchor, ()):
            if (f.start, f.end) in claim_spans:
                continue  # shown on the highlight of the claim it is located at
            a, b = to_shown(f.start), to_shown(f.end)
            if b > a:
                ref = FindingRef(v.anchor, v.number, v.severity, v.rule)
                spans.append((a, 3, -b, Segment(
                    shown[a:b], "finding", f"x-{v.anchor}", None, None, None,
                    f"#{v.number} {v.rule}: {v.message}", v.severity, [ref])))
        spans.sort(key=lambda t: (t[0], t[1], t[2], t[3].anchor or ""))
        segments: list[Segment] = []
        pos = 0
        for a, _, neg_b, seg in spans:
            if a < pos:
                continue  # overlaps a span already shown
            if a > pos:
                segments.append(Segment(shown[pos:a]))
            segments.append(seg)
            pos = -neg_b
        if pos < len(shown):
            segments.append(Segment(shown[pos:]))
        figures = [r for r in recs if _s(r.get("kind")) == "figure"]
        own = findings_at.get(anchor, ())
        out.append(ArticleView(
            key=key, anchor=anchor, path=article.path,
            outlet=outlet_of(article.outlet, article.path), published=article.published,
            lang=article.lang, title=article.title, url=article.url, meta=list(article.meta),
            reference=key in references, figures=len(figures),
            dates=sum(1 for r in recs if _s(r.get("kind")) == "date"),
            unsourced=sum(1 for r in figures if not _s(r.get("source"))),
            findings=len(own),
            severity=_worst_severity(v.severity for _, v in own), segments=segments))
    return out


def _nearest(sentence: str, needle: str, near: int) -> int:
    """The index of the occurrence of `needle` in `sentence` nearest to `near`, or -1."""
    best, idx = -1, sentence.find(needle)
    while idx >= 0:
        if best < 0 or abs(idx - near) < abs(best - near):
            best = idx
        idx = sentence.find(needle, idx + 1)
    return best


def _summary(rows: Mapping[Any, dict], articles: Sequence[Article], findings: Sequence[Finding],
             sections: Sequence[QuantitySection], failures: Sequence[Any],
             references: frozenset[str]) -> Summary:
    kinds = Counter(_s(r.get("kind")) for r in rows.values())
    figures = [r for r in rows.values() if _s(r.get("kind")) == "figure"]
    sourced = sum(1 for r in figures if _s(r.get("source")))
    published = sorted(a.published for a in articles if a.published)
    langs = Counter(a.lang or "?" for a in articles)
    by_severity = {s: 0 for s in SEVERITY_ORDER}
    rules: Counter = Counter()
    for f in findings:
        by_severity[f.severity] = by_severity.get(f.severity, 0) + 1
        rules[(f.rule, f.type, f.severity)] += 1
    by_rule = sorted(((r, t, s, n) for (r, t, s), n in rules.items()),
                     key=lambda x: (-SEVERITIES.index(x[2]) if x[2] in SEVERITIES else 0, -x[3], x[0]))
    return Summary(
        articles=len(articles),
        references=sum(1 for a in articles if article_key(a) in references),
        outlets=sorted({outlet_of(a.outlet, a.path) for a in articles}),
        languages=sorted(langs.items(), key=lambda kv: (-kv[1], kv[0])),
        date_from=published[0] if published else None,
        date_to=published[-1] if published else None,
        claims=len(rows), figures=kinds.get("figure", 0), dates=kinds.get("date", 0),
        sourced=sourced, unsourced=len(figures) - sourced, quantities=len(sections),
        disagreements=sum(1 for s in sections if s.disagreement),
        updates=sum(1 for s in sections if s.status == "update"),
        findings=len(findings), by_severity=by_severity, by_rule=by_rule, failures=len(failures))
