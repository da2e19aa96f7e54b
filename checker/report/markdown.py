"""The report as GitHub-flavoured Markdown, sized for a pull-request comment.

Order: the summary, the quantities that disagree (one table each), the attribution matrix,
unsourced figures, the quantities that agree, the findings. A comment holds at most
`LIMIT` characters: when the report is longer, whole sections are cut from the end and a note
says which. Every cell is escaped: `|` and backslashes, newlines (a cell is one line), and the
characters that would turn article text into markup or HTML.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from checker.readers import REPORT_MARK_MARKDOWN
from checker.wording import plural
from checker.report import QuantitySection, Report
from checker.report.archive import Archive

LIMIT = 65_000
SENTENCE_CHARS = 180
MESSAGE_CHARS = 300
MD_AGAINST = 3  # claims a row lists as the ones it disagrees with

_ESCAPES = {"\\": "\\\\", "|": "\\|", "`": "\\`", "*": "\\*", "_": "\\_", "[": "\\[", "]": "\\]",
            "<": "&lt;", ">": "&gt;", "~": "\\~"}
_TABLE = str.maketrans(_ESCAPES)
_VERDICT_MARK = {"contradicts": "🔴 contradicts", "credited differently": "🟠 credited differently",
                 "update": "🔵 update", "agrees": "🟢 agrees"}
_SEVERITY_MARK = {"error": "🔴 error", "warning": "🟠 warning", "info": "⚪ info"}


def escape(text: object) -> str:
    """Text safe inside a GFM table cell (or a line of prose): one line, no markup."""
    flat = " ".join(str(text if text is not None else "").split())
    return flat.translate(_TABLE)


def _cut(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A GFM table; cells are escaped here, so pass plain text."""
    lines = ["| " + " | ".join(escape(h) for h in header) + " |",
             "|" + "|".join(" --- " for _ in header) + "|"]
    for row in rows:
        lines.append("| " + " | ".join(escape(c) or " " for c in row) + " |")
    return "\n".join(lines) + "\n"


@dataclass
class Part:
    """A section of the Markdown report: the unit that is cut when the report is too long."""

    name: str
    text: str | Callable[[], str]  # or what makes it, called only when it may fit

    def body(self) -> str:
        """The text, made now when it was given as a function."""
        if callable(self.text):
            self.text = self.text()
        return self.text


def _summary(report: Report) -> str:
    s = report.summary
    # the first line, hidden where Markdown is shown: how the readers tell a report from an article
    out = [REPORT_MARK_MARKDOWN, f"## {escape(report.title)}", ""]
    bits = [f"**{s.articles}** article{'s' if s.articles != 1 else ''}"
            + (f" ({plural(s.references, 'reference')})" if s.references else ""),
            f"**{len(s.outlets)}** outlet{'s' if len(s.outlets) != 1 else ''}"]
    if s.languages:
        bits.append("languages " + ", ".join(f"{escape(lang)} ({n})" for lang, n in s.languages))
    if s.date_from:
        bits.append(f"published {s.date_from}" + (f" – {s.date_to}" if s.date_to != s.date_from else ""))
    if report.timestamp:
        bits.append(f"generated {escape(report.timestamp)}")
    out.append(" · ".join(bits))
    out.append("")
    severities = ", ".join(f"{n} {sev}{'s' if n != 1 else ''}" for sev, n in s.by_severity.items() if n) or "none"
    out.append(table(["", ""], [
        ["claims", f"{s.claims:,} ({s.figures:,} figures, {s.dates:,} dates)"],
        ["figures credited to a source", f"{s.sourced:,} ({s.unsourced:,} unsourced)"],
        ["quantities given by several articles", f"{s.quantities:,}"],
        ["quantities with disagreements", f"{s.disagreements:,}" + (f" ({s.updates} more updated)" if s.updates else "")],
        ["findings", f"{s.findings:,}: {severities}"],
    ] + ([["inputs not checked", f"{s.failures}"]] if s.failures else [])).rstrip("\n"))
    if s.by_rule:
        out.append("")
        out.append(table(["severity", "rule", "type", "findings"],
                         [[_SEVERITY_MARK.get(sev, sev), rule, type_, n] for rule, type_, sev, n in s.by_rule]).rstrip("\n"))
    return "\n".join(out) + "\n"


def _section(q: QuantitySection, heading: str = "") -> str:
    counts = ", ".join(f"{n} {v}" for v, n in q.counts.items())
    out = [heading] if heading else []
    out += [f"### {escape(q.name)}: {escape(q.value_range)}", "",
            f"{_VERDICT_MARK.get(q.status, q.status)} · {plural(len(q.rows), 'figure')} from "
            f"{plural(len(q.outlets), 'outlet')} · {escape(counts)}", ""]
    rows = []
    for r in q.rows:
        normalised = r.figure + (f" ({r.interval})" if r.interval and r.interval != r.figure else "")
        if r.converted:
            normalised += f" {r.converted}"
        verdict = _VERDICT_MARK.get(r.verdict, r.verdict)
        if r.against:
            more = len(r.against) - MD_AGAINST + r.against_more if len(r.against) > MD_AGAINST else r.against_more
            verdict += " vs " + "; ".join(o.label for o in r.against[:MD_AGAINST])
            if more > 0:
                verdict += f" and {more} more"
        date = r.event_date + (" (when said)" if r.event_date and r.date_is_reported else "")
        rows.append([r.outlet + (" (reference)" if r.reference else ""), r.published or "",
                     r.text, normalised, r.qualifier.replace("_", " "), r.source, date, verdict,
                     _cut(r.sentence, SENTENCE_CHARS)])
    out.append(table(["outlet", "published", "as written", "normalised", "qualifier", "source",
                      "event date", "verdict", "sentence"], rows))
    return "\n".join(out)


def _matrix(report: Report) -> str:
    m = report.matrix
    rows = []
    for row in m.rows:
        cells = [row.name + f" ({row.status})"]
        for cell in row.cells:
            cells.append("; ".join(f"{c.figure} ({c.source})" for c in cell) or "—")
        rows.append(cells)
    return ("## Who attributed what\n\nQuantities against outlets: each cell is the figure the outlet "
            "gave and who it credited it to.\n\n" + table(["quantity"] + m.outlets, rows))


def _unsourced(report: Report) -> str:
    rows = []
    for u in report.unsourced:
        for i in u.items:
            elsewhere = "; ".join(f"{e.source} ({e.outlet})" for e in i.elsewhere) or "—"
            rows.append([u.outlet, f"{i.path}:{i.line}:{i.col}", i.text, i.quantity or "—", elsewhere])
    return ("## Unsourced figures\n\nFigures credited to nobody, with the source other outlets give "
            "for the same figure.\n\n" + table(["outlet", "where", "as written", "quantity",
                                                "credited elsewhere to"], rows))


def _findings(report: Report) -> str:
    rows = [[f.number, _SEVERITY_MARK.get(f.severity, f.severity), f.rule,
             f"{f.path}:{f.line}:{f.col}", _cut(f.message, MESSAGE_CHARS)] for f in report.findings]
    return "## Findings\n\n" + table(["#", "severity", "rule", "where", "message"], rows)


def parts(report: Report) -> tuple[Part, list[Part]]:
    """The summary (never cut) and the sections in order, the first to cut last."""
    sections: list[Part] = []
    disagreeing = [q for q in report.sections if q.status != "agrees"]
    agreeing = [q for q in report.sections if q.status == "agrees"]
    for n, q in enumerate(disagreeing):
        heading = ("## Disagreements and updates\n\nQuantities whose figures do not all agree, worst "
                   "first. Each row is one figure as an article gave it.\n") if n == 0 else ""
        sections.append(Part(f"quantity “{q.name}”", _section(q, heading)))
    if report.matrix.rows:
        sections.append(Part("the attribution matrix", _matrix(report)))
    if any(u.items for u in report.unsourced):
        sections.append(Part("unsourced figures", _unsourced(report)))
    for n, q in enumerate(agreeing):
        heading = "## Quantities that agree\n" if n == 0 else ""
        sections.append(Part(f"quantity “{q.name}”", _section(q, heading)))
    if report.findings:
        sections.append(Part("the findings", _findings(report)))
    if report.failures:
        sections.append(Part("inputs not checked", "## Inputs not checked\n\n"
                             + "".join(f"- {escape(f)}\n" for f in report.failures)))
    return Part("summary", _summary(report)), sections


def _note(cut: Sequence[Part], limit: int) -> str:
    names = [p.name for p in cut]
    shown = names[:12]
    more = f" and {len(names) - len(shown)} more" if len(names) > len(shown) else ""
    return (f"> **Shortened to fit {limit:,} characters:** {len(names)} section"
            f"{'s' if len(names) != 1 else ''} cut from the end: {escape(', '.join(shown))}{more}. "
            "The HTML, CSV or XLSX report has everything.\n")


def render(report: Report | Archive, limit: int = LIMIT) -> str:
    """The Markdown report, at most `limit` characters."""
    head, sections = archive_parts(report, limit) if isinstance(report, Archive) else parts(report)
    return fit(head, sections, limit)


def _severity_cells(by: dict[str, int]) -> list[str]:
    return [f"{n:,}" if n else "—" for n in by.values()]


def _outlets(report: Archive) -> str:
    severities = list(report.summary.by_severity)
    rows = [[o.outlet, f"{o.articles:,}", f"{o.figures:,}", f"{o.unsourced:,}",
             *_severity_cells(o.findings), f"{o.listed:,}"] for o in report.outlets]
    return "## By outlet\n\n" + table(["outlet", "articles", "figures", "unsourced",
                                        *[f"{sv}s" for sv in severities], "articles with findings"], rows)


def _rows_within(items, limit: int) -> tuple[list, int]:
    """At most the rows of `items` that can fit in `limit` characters (40 a row at the least),
    and how many were left out; `items` is read no further than that."""
    most = max(1, limit // 40)
    rows, more = [], 0
    for item in items:
        if len(rows) < most:
            rows.append(item)
        else:
            more += 1
    return rows, more


def _stories(report: Archive, limit: int) -> str:
    severities = list(report.summary.by_severity)
    shown, more = _rows_within(report.stories, limit)
    rows = [[st.title, st.articles, ", ".join(st.outlets),
             (st.date_from or "") + (f" – {st.date_to}" if st.date_to and st.date_to != st.date_from else ""),
             *_severity_cells(st.findings)] for st in shown]
    return ("## By story\n\nStories with findings, the most errors first.\n\n"
            + table(["story", "articles", "outlets", "published", *[f"{sv}s" for sv in severities]], rows)
            + (f"\n{plural(more, 'more story', 'more stories')} in the HTML report.\n" if more else ""))


def _archive_findings(report: Archive, limit: int) -> str:
    most = max(1, limit // 40)
    rows, listed = [], 0
    for a in report.articles:  # a generator: stop reading once the table is full
        listed += 1
        for f in a.findings:
            if len(rows) < most:
                rows.append([f.number, _SEVERITY_MARK.get(f.severity, f.severity), f.rule, a.outlet,
                             f"{a.path}:{f.line}:{f.col}", _cut(f.message, MESSAGE_CHARS)])
        if len(rows) >= most:
            break
    rest = report.summary.findings - len(rows)
    return ("## Findings of the articles\n\n" + table(["#", "severity", "rule", "outlet", "where", "message"], rows)
            + (f"\n{plural(rest, 'more finding')} in the HTML report.\n" if rest > 0 else ""))


def archive_parts(report: Archive, limit: int = LIMIT) -> tuple[Part, list[Part]]:
    """The parts of an archive's report: the summary, the outlets, the stories, the
    disagreements, the matrix and the first findings (tables read only as far as they fit)."""
    sections = [Part("the outlets table", _outlets(report))]
    if report.stories:
        sections.append(Part("the stories table", _stories(report, limit)))
    for n, q in enumerate(report.sections):
        heading = ("## Disagreements and updates\n\nQuantities whose figures do not all agree, worst "
                   "first. Each row is one figure as an article gave it.\n") if n == 0 else ""
        sections.append(Part(f"quantity “{q.name}”", lambda q=q, heading=heading: _section(q, heading)))
    if report.matrix.rows:
        sections.append(Part("the attribution matrix", lambda: _matrix(report)))
    if report.listed:
        sections.append(Part("the findings", lambda: _archive_findings(report, limit)))
    if report.failures:
        sections.append(Part("inputs not checked", "## Inputs not checked\n\n"
                             + "".join(f"- {escape(f)}\n" for f in report.failures)))
    return Part("summary", _summary(report)), sections


def fit(head: Part, sections: Sequence[Part], limit: int = LIMIT) -> str:
    """The summary and the longest prefix of `sections` that fits in `limit` characters, with
    a note naming the sections cut."""
    texts = [head.body()]
    total = len(texts[0])
    for p in sections:  # sections past the limit are never made
        if total > limit:
            break
        texts.append(p.body())
        total += len(texts[-1]) + 1
    if len(texts) == len(sections) + 1 and total <= limit:
        return "\n".join(texts)
    # keep the longest prefix of sections that fits together with the note about the rest
    kept = len(texts) - 1
    sizes = [len(t) + 1 for t in texts]
    while kept > 0:
        note = _note(sections[kept:], limit)
        if total + 1 + len(note) <= limit:
            break
        kept -= 1
        total -= sizes[kept + 1]
    note = _note(sections[kept:], limit)
    out = "\n".join(texts[: kept + 1]) + "\n" + note
    if len(out) > limit:  # the summary alone is too long: cut it mid-text
        out = out[: max(0, limit - len(note) - 2)] + "…\n" + note
        out = out[:limit]
    return out
