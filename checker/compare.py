"""Which claims are about the same quantity, and whether their figures can both hold.

Deciding that two figures measure the same thing is the hard part. Claims are first put in
blocks by what is cheap and certain: the unit's dimension (a length, a count, US dollars),
the root concept of what is counted (soldiers and men are both people) and whether the figure
is done or planned. Inside a block, two claims are the same quantity when their subjects and
events agree and their articles share a named entity (one story, not two). Cost grows with the
size of blocks, never with the square of the whole run.

Figures are compared as intervals in base units (pint): `circa 10.000` is 9,500–10,500, `oltre
2.000` is 2,000 and up, and a converted figure keeps the precision it was written with (25
miles is 40.2 ± 0.8 km), so 40 km and 25 miles agree.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

import pandas as pd
from rapidfuzz import fuzz, process

from checker.gazetteer import Gazetteer
from checker.language import LanguageError, fold, language
from checker.subjects import concept_kind, concepts, root_concept
from checker.units import unit_base



def is_generic(key: str | None) -> bool:
    """People, things: a noun that says nothing of what is counted unless an event does."""
    return bool((concepts().get(key) or {}).get("generic"))


def subjects_agree(a: str | None, b: str | None) -> bool:
    """Same subject key, or a generic one (men, people) standing for a specific one (soldiers)."""
    if not a or not b:
        return False
    if a == b:
        return True
    generic = lambda k: bool((concepts().get(k) or {}).get("generic"))
    return (generic(a) and root_concept(b) == a) or (generic(b) and root_concept(a) == b)


def events_agree(a: str | None, b: str | None) -> bool:
    """Events agree unless both are known and share nothing (unsafe vs destroyed buildings)."""
    if not a or not b:
        return True
    return bool(set(a.split("|")) & set(b.split("|")))


def is_running(key: str | None) -> bool:
    """A count that grows as news comes in (deaths, injured): a later, higher figure updates it."""
    return bool((concepts().get(key) or {}).get("running"))


@dataclass(frozen=True)
class Interval:
    low: float
    high: float


def interval(row, widen_precision: bool = False, tolerance: float = 0.0) -> Interval | None:
    """A figure as an interval in base units; None when it has no bounds at all."""
    _, factor = unit_base(row.unit)
    low = row.value_min if _num(row.value_min) else -math.inf
    high = row.value_max if _num(row.value_max) else math.inf
    if low == -math.inf and high == math.inf:
        return None
    pad = (row.precision or 0.0) if widen_precision and _num(row.precision) else 0.0
    low, high = (low - pad) * factor, (high + pad) * factor
    if tolerance:
        low -= abs(low) * tolerance if low != -math.inf else 0
        high += abs(high) * tolerance if high != math.inf else 0
    return Interval(low, high)


def _num(v) -> bool:
    return v is not None and not (isinstance(v, float) and math.isnan(v))


def intervals_agree(a, b, tolerance: float = 0.0) -> bool:
    """True when the two figures can both hold (converted figures keep their precision)."""
    widen = a.unit != b.unit
    ia, ib = interval(a, widen, tolerance), interval(b, widen, tolerance)
    if ia is None or ib is None:
        return True
    eps = 1e-9 * max(1.0, abs(ia.low) if math.isfinite(ia.low) else 1.0)
    return ia.low <= ib.high + eps and ib.low <= ia.high + eps


def same_figure(a, b, tolerance: float = 0.01) -> bool:
    """Two point figures that are the same number (within `tolerance`, after conversion)."""
    if not (_num(a.value) and _num(b.value)) or a.qualifier == "vague" or b.qualifier == "vague":
        return False
    (_, fa), (_, fb) = unit_base(a.unit), unit_base(b.unit)
    va, vb = a.value * fa, b.value * fb
    pad = 0.0
    if a.unit != b.unit:
        pad = (a.precision or 0) * fa + (b.precision or 0) * fb
    return abs(va - vb) <= max(abs(va), abs(vb)) * tolerance + pad


def is_anonymous(source_text: str | None, lang: str | None) -> bool:
    if not source_text or not lang:
        return False
    try:
        return bool(language(lang).re["anonymous"].match(fold(source_text)))
    except LanguageError:
        return False


def source_similarity(figures: pd.DataFrame) -> dict[tuple[str, str], float]:
    """rapidfuzz `token_set_ratio` (0-100) of every two folded source names given in one story
    and one language, a story at a time with `process.cdist` (never across stories)."""
    if figures.empty or "source" not in figures.columns:
        return {}
    named = figures[figures["source"].notna()]
    story = named["story"] if "story" in named.columns else named["article"]
    scores: dict[tuple[str, str], float] = {}
    for _, group in named.groupby([story.fillna(named["article"]), named["lang"].fillna("")], sort=False):
        names = sorted({fold(s) for s in group["source"]})
        if len(names) < 2:
            continue
        matrix = process.cdist(names, names, scorer=fuzz.token_set_ratio)
        for i, a in enumerate(names):
            for j in range(i + 1, len(names)):
                scores[(a, names[j])] = scores[(names[j], a)] = float(matrix[i, j])
    return scores


def sources_differ(a, b, gazetteer: Gazetteer,
                   similarity: dict[tuple[str, str], float] | None = None) -> bool:
    """True only when two claims are surely credited to different sources.

    Both must be named (not anonymous): known to the gazetteer and unrelated, or, written in
    one language, with names that do not resemble each other. Names in different languages
    that the gazetteer does not know cannot be told apart, so they are not said to differ.
    `similarity` (from `source_similarity`) holds the names' scores computed a story at a time.
    """
    if not a.source or not b.source:
        return False
    if is_anonymous(a.source_text, a.lang) or is_anonymous(b.source_text, b.lang):
        return False
    if gazetteer.known(a.source) and gazetteer.known(b.source):
        return not gazetteer.related(a.source, b.source)
    if gazetteer.known(a.source) != gazetteer.known(b.source) and a.lang != b.lang:
        return False
    if a.lang != b.lang:
        return False
    fa, fb = fold(a.source), fold(b.source)
    if fa == fb:
        return False
    score = (similarity or {}).get((fa, fb))
    return (score if score is not None else fuzz.token_set_ratio(fa, fb)) < 60


def later(a, b) -> bool:
    """True when claim `a` reports a later state than `b`: a later article, or a later date."""
    if a.published and b.published and a.published != b.published:
        return a.published > b.published
    if a.date_end and b.date_end and a.date_end != b.date_end:
        return a.date_end > b.date_end
    return False


def figures_for_comparison(claims: pd.DataFrame) -> pd.DataFrame:
    """Figures with what blocking needs: dimension, base factor, root concept, modality."""
    df = claims[(claims["kind"] == "figure") & claims["subject_key"].notna()].copy()
    if df.empty:
        return df.assign(dimension=[], root=[], block=[])
    df["dimension"] = [unit_base(u)[0] for u in df["unit"]]
    df["root"] = [root_concept(k) for k in df["subject_key"]]
    # plans and deeds are different quantities for things counted; a measure (a cost, a
    # magnitude) is the same quantity whatever tense its sentence is in
    modality = [("realized" if concept_kind(k) == "measure" else (m or "realized"))
                for k, m in zip(df["subject_key"], df["modality"])]
    df["block"] = [f"{d}\0{r}\0{m}" for d, r, m in zip(df["dimension"], df["root"], modality)]
    return df


def candidate_pairs(figures: pd.DataFrame, claims: pd.DataFrame, gazetteer: Gazetteer | None = None
                    ) -> list[tuple]:
    """Pairs of figure rows (named tuples; `.Index` is the frame label) that may give the same
    quantity: one block, one story, subjects and events that agree. Only claims of one block
    and one story are paired, so the cost follows the size of stories, not of the run."""
    if figures.empty:
        return []
    if "story" in figures.columns:
        story = dict(zip(figures["article"], figures["story"]))
    else:
        from checker.gazetteer import default_gazetteer
        from checker.stories import story_ids
        story = story_ids(claims, gazetteer or default_gazetteer())
    groups: dict[tuple[str, str], list] = defaultdict(list)
    for row in figures.itertuples():
        groups[(row.block, story.get(row.article, row.article))].append(row)
    pairs: list[tuple] = []
    for key in sorted(groups):
        rows = groups[key]
        for i, a in enumerate(rows):
            for b in rows[i + 1:]:
                if subjects_agree(a.subject_key, b.subject_key) and events_agree(a.event, b.event) \
                        and (a.event or not is_generic(a.subject_key) or not is_generic(b.subject_key)):
                    pairs.append((a, b))
    return pairs


def minority_reports(conflicts: dict[int, set[int]], support: dict[int, set[int]],
                     is_target: dict[int, bool]) -> list[tuple[int, list[int]]]:
    """Where to report each disagreement: at the side fewer claims back.

    A claim of a target article is reported with the claims it disagrees with, unless it is
    backed by more claims than every one of them and they are targets too (then they are
    reported instead, so a run over a whole folder flags the odd one out, not the consensus).
    """
    out = []
    size = lambda i: len(support.get(i, ())) + 1
    for a in sorted(conflicts):
        if not is_target.get(a):
            continue
        others = sorted(conflicts[a])
        if all(is_target.get(o) for o in others) and size(a) > max(size(o) for o in others):
            continue
        out.append((a, others))
    return out


MAX_LISTED = 10  # claims a finding lists at most; the message counts the rest


def rows_of(claims: pd.DataFrame, labels) -> dict:
    """Frame rows as dicts, fetched in one go (row-by-row `.loc` is slow on big frames)."""
    wanted = sorted(set(labels))
    if not wanted:
        return {}
    sub = claims.loc[wanted]
    return dict(zip(sub.index, sub.to_dict("records")))


def report_findings(claims: pd.DataFrame, reports: list[tuple[int, list[int]]], rule,
                    extra_fields) -> list:
    """Findings for `(claim, claims it disagrees with)` pairs; `extra_fields(claim, shown,
    total)` gives the rule type's message fields."""
    from checker.checks import claim_fields
    from checker.findings import finding_at
    from checker.findings import claim_record
    rows = rows_of(claims, [a for a, _ in reports] + [o for _, os in reports for o in os[:MAX_LISTED]])
    records = {label: claim_record(row) for label, row in rows.items()}  # shared by findings
    findings = []
    for a, others in reports:
        claim = rows[a]
        shown = [rows[o] for o in others[:MAX_LISTED]]
        fields = {**claim_fields(claim), **extra_fields(claim, shown, len(others))}
        findings.append(finding_at(claim, rule=rule.id, type=rule.type, severity=rule.severity,
                                   message=rule.render(fields),
                                   claims=[records[a]] + [records[o] for o in others[:MAX_LISTED]]))
    return findings


def listing(items: list[str], total: int) -> str:
    """`a; b; c and 4 more`."""
    more = total - len(items)
    return "; ".join(items) + (f" and {more} more" if more > 0 else "")


def describe(claim) -> str:
    """`1,500 (NIS, Daily Ledger)`: a claim as the messages list it."""
    from checker.checks import format_figure, nominal_of, outlet_name, text_of
    who = text_of(claim.get("source")) or "unsourced"
    if claim.get("qualifier") == "range":
        figure = f"{format_figure(claim.get('value_min'), None)}–{format_figure(claim.get('value_max'), claim.get('unit'))}"
    else:
        figure = format_figure(nominal_of(claim), claim.get("unit"))
    return f"{figure} ({who}, {outlet_name(claim)})"


def quantity_groups(claims: pd.DataFrame, gazetteer: Gazetteer | None = None,
                    tolerance: float = 0.0) -> pd.DataFrame:
    """Figures grouped by the quantity they give, each with its verdict against the group.

    One row per figure that shares a quantity with at least one figure of another article
    (or of its own): `claim` (row label in `claims`), `group` (a stable id: the smallest
    claim_id in the group), `verdict` (`agrees`, `contradicts`, `update` when it is a later,
    higher value of a running count, `credited differently` when the same figure has another
    source), and `others` (labels of the claims it disagrees with).
    """
    from checker.gazetteer import default_gazetteer
    gazetteer = gazetteer or default_gazetteer()
    figures = figures_for_comparison(claims)
    figures = figures[figures["qualifier"] != "vague"]
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    verdict: dict[int, str] = {}
    others: dict[int, set[int]] = defaultdict(set)
    rank = {"agrees": 0, "update": 1, "credited differently": 2, "contradicts": 3}

    def mark(i: int, v: str, j: int | None = None) -> None:
        if rank[v] >= rank[verdict.get(i, "agrees")]:
            verdict[i] = v  # a claim's verdict is the worst of its pairs
        if j is not None and v != "agrees":
            others[i].add(j)

    for a, b in candidate_pairs(figures, claims, gazetteer):
        i, j = a.Index, b.Index
        parent[find(i)] = find(j)
        differ = sources_differ(a, b, gazetteer)
        if intervals_agree(a, b, tolerance):
            if same_figure(a, b) and differ:
                mark(i, "credited differently", j)
                mark(j, "credited differently", i)
            else:
                mark(i, "agrees")
                mark(j, "agrees")
        elif differ:
            mark(i, "agrees")
            mark(j, "agrees")
        elif is_running(a.subject_key) and (later(a, b) or later(b, a)):
            newer = i if later(a, b) else j
            mark(newer, "update", j if newer == i else i)
            mark(j if newer == i else i, "agrees")
        else:
            mark(i, "contradicts", j)
            mark(j, "contradicts", i)
    if not parent:
        return pd.DataFrame({"claim": [], "group": [], "verdict": [], "others": []})
    members: dict[int, list[int]] = defaultdict(list)
    for x in list(parent):
        members[find(x)].append(x)
    rows = []
    for root, labels in members.items():
        gid = min(str(claims.at[x, "claim_id"]) for x in labels)
        for x in sorted(labels):
            rows.append({"claim": x, "group": gid, "verdict": verdict.get(x, "agrees"),
                         "others": sorted(others.get(x, ()))})
    return pd.DataFrame(rows).sort_values(["group", "claim"], kind="stable").reset_index(drop=True)
