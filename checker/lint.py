"""Apply rules to a claims frame: the findings of the target articles, in a stable order.

Usable from Python without the CLI:

    rules = load_rules()
    findings = lint(claims, rules, targets={"draft.md"})

`targets` are article keys (the claims frame's `article` column, or `path` where there is
none). Claims of other articles are compared with but never reported on.
"""
from __future__ import annotations

import contextlib
import dataclasses
import gc
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np
import pandas as pd

from checker import checks
from checker.checks import CheckContext, article_keys
from checker.claims import release_freed_memory
from checker.compare import shared_work, warm_up
from checker.findings import Finding, sort_findings
from checker.gazetteer import default_gazetteer
from checker.ruleset import Rule
from checker.trust import Trust, overrule

CHUNK_CLAIMS = 100_000  # claims a part of stories holds when rules run a part at a time


def _names(values: Iterable[str] | None) -> set[str] | None:
    """'a,b' items split on commas; None stays None (no filter)."""
    if values is None:
        return None
    return {v.strip() for item in values for v in str(item).split(",") if v.strip()}


def unknown_selectors(rules: Iterable[Rule], names: Iterable[str] | None) -> list[str]:
    """The names in a --select/--ignore list that are neither a rule id nor a rule type."""
    known = {r.id for r in rules} | {r.type for r in rules} | set(checks.RULE_TYPES)
    return sorted((_names(names) or set()) - known)


def select_rules(rules: Iterable[Rule], select: Iterable[str] | None = None,
                 ignore: Iterable[str] | None = None) -> list[Rule]:
    """The rules whose id or type is selected (all when `select` is None) and not ignored."""
    chosen, dropped = _names(select), _names(ignore) or set()
    return [r for r in rules
            if (chosen is None or r.id in chosen or r.type in chosen)
            and r.id not in dropped and r.type not in dropped]


def with_stories(claims: pd.DataFrame, gazetteer: Any = None) -> pd.DataFrame:
    """The frame with a `story` column (which articles tell one story), computed once per run."""
    if claims.empty or "story" in claims.columns or "article" not in claims.columns:
        return claims
    from checker.gazetteer import default_gazetteer
    from checker.stories import story_ids
    stories = story_ids(claims, gazetteer or default_gazetteer())
    # plain Python strings, one object a story: rules read the column row by row, which an
    # Arrow string column makes slow (every item a new string)
    story = pd.Series([stories.get(a) for a in claims["article"]], index=claims.index, dtype=object)
    return claims.assign(story=story)


def lint(claims: pd.DataFrame, rules: Iterable[Rule], targets: Iterable[str],
         select: Iterable[str] | None = None, ignore: Iterable[str] | None = None, *,
         gazetteer: Any = None, trust: Trust | None = None,
         chunk_claims: int = CHUNK_CLAIMS, jobs: int = 1) -> list[Finding]:
    """Findings of `rules` at claims of the `targets` articles, sorted (path, line, col, rule).

    Every rule type compares a claim only with claims of its own story (or article), so the
    rules run over parts of `chunk_claims` claims made of whole stories; the findings are the
    same as over the whole frame. With `jobs` above 1 and more than `POOL_CLAIMS` claims, the
    parts are checked in that many worker processes, with the same findings. With `trust`, a
    contradiction that a more trusted reference overrules takes its severity (`checker.trust`).
    """
    ctx = CheckContext(targets=frozenset(targets), gazetteer=gazetteer)
    chosen = select_rules(rules, select, ignore)
    with collector_paused():
        claims = with_stories(claims, gazetteer)
        files = claims[["article", "path"]].drop_duplicates()  # not a string copy of every claim's
        target_paths = set(files.loc[article_keys(files).isin(ctx.targets), "path"].astype(str))
        if not chosen:
            findings = []
        elif jobs > 1 and len(claims) > POOL_CLAIMS and "story" in claims.columns \
                and _can_fork():
            findings = _run_pool(claims, chosen, ctx, chunk_claims, gazetteer, trust, jobs)
        else:
            findings = _run_parts(claims, chosen, ctx, chunk_claims, gazetteer, trust)
        return sort_findings(f for f in findings if f.path in target_paths)


def _run_parts(claims: pd.DataFrame, chosen: list[Rule], ctx: CheckContext, chunk_claims: int,
               gazetteer: Any, trust: Trust | None) -> list[Finding]:
    """The findings of the chosen rules over each part of stories in turn."""
    findings: list[Finding] = []
    for part in story_parts(claims, chunk_claims):
        part_ctx = ctx if part is claims else part_context(part, ctx)
        findings += _check_part(part, chosen, part_ctx, gazetteer, trust)
    return findings


def _check_part(part: pd.DataFrame, chosen: list[Rule], ctx: CheckContext, gazetteer: Any,
                trust: Trust | None, tidy: bool = True) -> list[Finding]:
    """The findings of the chosen rules over one part of whole stories, in rule order; with
    `tidy`, the part's memory is given back after (a worker that ends with its part skips it)."""
    findings: list[Finding] = []
    with shared_work():  # what the rules compute alike, computed once a part
        for rule in chosen:
            found = checks.rule_type(rule.type).run(part, rule, ctx)
            if trust is not None and rule.type == "contradiction":
                found = overrule(found, part, rule, gazetteer or default_gazetteer(), trust)
            findings += found
    if tidy:
        gc.collect()  # the collector is paused while rules run: the part's few cycles go now
        release_freed_memory()
    return findings


# --- worker processes ----------------------------------------------------------------------

POOL_CLAIMS = 20_000  # fewer claims (about 2,000 articles) are checked in this process
PARTS_PER_JOB = 16     # parts a job gets on average: each is a process of its own (`forked_map`),
                       # whose memory is its part's, and a big story's part does not hold up the rest
MIN_POOL_PART = 5_000  # claims of a part at least, when parts are made for workers

_WORK: dict[str, Any] = {}  # what forked workers read: the claims, their parts, the rules


def _run_pool(claims: pd.DataFrame, chosen: list[Rule], ctx: CheckContext, chunk_claims: int,
              gazetteer: Any, trust: Trust | None, jobs: int) -> list[Finding]:
    """`_run_parts` in `jobs` forked processes at a time, one a part: each inherits the claims
    (no copy is sent), checks its part of whole stories, sends back its findings and ends
    (with the pages of claims it copied by reading them); the findings are gathered in part
    order (so, sorted, they are the same)."""
    from checker.pipeline import forked_map
    size = min(chunk_claims, max(MIN_POOL_PART, -(-len(claims) // (PARTS_PER_JOB * jobs))))
    row_part = story_part_numbers(claims, size)
    parts = list(np.unique(row_part))
    if len(parts) < 2:
        return _run_parts(claims, chosen, ctx, chunk_claims, gazetteer, trust)
    warm_up(claims)  # loaded once here, not once a worker
    _WORK.update(claims=claims, row_part=row_part, chosen=chosen, ctx=ctx, gazetteer=gazetteer,
                 trust=trust)
    try:
        return [f for found in forked_map(_pool_part, parts, jobs) for f in found]
    finally:
        _WORK.clear()


def _pool_part(number: int) -> list[Finding]:
    """In a worker: the findings of part `number` (`_check_part`)."""
    claims = _WORK["claims"]
    part = claims[_WORK["row_part"] == number]
    return _check_part(part, _WORK["chosen"], part_context(part, _WORK["ctx"]), _WORK["gazetteer"],
                       _WORK["trust"], tidy=False)


def _can_fork() -> bool:
    """Whether this platform forks processes (else rules run here)."""
    from checker.pipeline import fork_context
    return fork_context() is not None


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while rules run: they make millions of small
    objects (rows, classes of figures, findings) that live as long as a part, and each full
    collection would walk them all, a fifth of the rules' time, to find a few hundred cycles
    (freed when the collector runs again)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def part_context(part: pd.DataFrame, ctx: CheckContext) -> CheckContext:
    """`ctx` with only the targets among the part's articles: a rule's `isin(ctx.targets)`
    then costs the part, not the archive's hundred thousand keys once a part and a rule."""
    keys = pd.unique(article_keys(part[["article", "path"]] if "article" in part.columns else part[["path"]]))
    return dataclasses.replace(ctx, targets=frozenset(k for k in keys if k in ctx.targets))


def story_parts(claims: pd.DataFrame, chunk_claims: int) -> Iterator[pd.DataFrame]:
    """The claims in parts of whole stories (an article without a story is its own), about
    `chunk_claims` rows each, rows in the frame's order: story rules run a part at a time, so
    their working memory follows the part, not the archive."""
    if len(claims) <= chunk_claims:
        yield claims
        return
    row_part = story_part_numbers(claims, chunk_claims)
    for p in np.unique(row_part):
        yield claims[row_part == p]


def story_part_numbers(claims: pd.DataFrame, chunk_claims: int) -> np.ndarray:
    """The part of each row (`story_parts`): consecutive stories, in order of first
    appearance, fill parts of about `chunk_claims` rows."""
    keys = claims["story"].astype(object).where(claims["story"].notna(), claims["article"])
    codes, _ = pd.factorize(keys)  # stories numbered in order of first appearance
    sizes = np.bincount(codes)
    part_of = np.cumsum(sizes) // chunk_claims  # consecutive stories fill a part
    return part_of[codes]
