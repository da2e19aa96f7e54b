"""Reference precedence: a contradiction that a more trusted reference overrules.

A newsroom trusts its references in an order: `trust: [wires/, archive/]` in the
configuration puts the wires first. When a target's figure contradicts some references but
agrees with one that `trust` ranks above every reference it contradicts, the fault is more
likely the less trusted reference's (an old in-house article) than the draft's. The finding
stays, so the editor knows, but with the configuration's `trust_severity`; its message says
which trusted reference agrees, and that reference's claims are added to `related`.

Files that no `trust` entry covers rank below all that one does. The ranks are read off the
first `pairing.MAX_LISTED` figures a figure conflicts with or is backed by (by frame label),
so that a figure with thousands of partners costs no more than one with ten.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from checker.findings import Finding, claim_record

MAX_SHOWN = 3  # trusted claims named in a message


@dataclass(frozen=True)
class Trust:
    """`ranks`: file (as the claims frame's `path` writes it) → 0 for the first `trust`
    entry, 1 for the next...; `names`: the entries as written, for messages."""

    ranks: Mapping[str, int]
    severity: str
    names: tuple[str, ...]

    def rank(self, path: Any) -> int:
        return self.ranks.get(str(path), len(self.names))

    def name(self, rank: int) -> str:
        return self.names[rank] if rank < len(self.names) else "references outside `trust`"


def overrule(findings: list[Finding], claims: pd.DataFrame, rule: Any, gazetteer: Any,
             trust: Trust) -> list[Finding]:
    """The findings of a contradiction rule over `claims`, those at a figure that a more
    trusted reference backs given `trust.severity`, a message that says so and that
    reference's claims in `related`."""
    if not findings or not trust.ranks:
        return findings
    from checker.checks.contradiction import disagreements
    from checker.compare import describe
    from checker.pairing import CONFLICT, SUPPORT
    relations = disagreements(claims, rule.settings, gazetteer, listed=(CONFLICT, SUPPORT))
    conflicts = {label: links.first for label, links in relations.links.get(CONFLICT, {}).items()}
    support = {label: links.first for label, links in relations.links.get(SUPPORT, {}).items()}
    flagged = {f.claims[0]["claim_id"] for f in findings if f.claims}
    label_of = dict(zip(claims.loc[claims["claim_id"].isin(flagged), "claim_id"],
                        claims.index[claims["claim_id"].isin(flagged)]))
    out = []
    for finding in findings:
        label = label_of.get(finding.claims[0]["claim_id"]) if finding.claims else None
        if label is None or not conflicts.get(label):
            out.append(finding)
            continue
        article = claims.at[label, "article"]
        against = min(trust.rank(claims.at[j, "path"]) for j in conflicts[label])
        backing = sorted((trust.rank(claims.at[j, "path"]), j) for j in support.get(label, ())
                         if claims.at[j, "article"] != article)
        if not backing or backing[0][0] >= against:
            out.append(finding)
            continue
        best = backing[0][0]
        shown = [claims.loc[j].to_dict() for rank, j in backing if rank == best][:MAX_SHOWN]
        items = "; ".join(dict.fromkeys(describe(c) for c in shown))
        message = (f"{finding.message}; agrees with {items} in {trust.name(best)}, which `trust` "
                   f"ranks above {trust.name(against)}")
        out.append(dataclasses.replace(
            finding, severity=trust.severity, message=message,
            related=list(finding.related) + [claim_record(c) for c in shown]))
    return out
