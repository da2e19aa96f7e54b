"""The Markdown report: GFM tables, escaping, and the 65,000-character limit of a PR comment."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker.checks import article_keys
from checker.compare import quantity_groups
from checker.gazetteer import default_gazetteer
from checker.lint import lint
from checker.pipeline import extract, load_articles
from checker.report import build_report, markdown
from checker.report.markdown import LIMIT, escape, table
from checker.ruleset import load_rules

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "data" / "report"


def report_of(*paths, **kwargs):
    gazetteer = default_gazetteer()
    articles, failures = load_articles([str(p) for p in paths])
    claims, more = extract(articles, gazetteer)
    findings = lint(claims, load_rules(), set(article_keys(claims)), gazetteer=gazetteer)
    return build_report(claims, findings, articles, failures + more,
                        quantity_groups(claims, gazetteer), **kwargs)


@pytest.fixture(scope="module")
def fixture_md():
    return markdown.render(report_of(FIXTURE, title="Troops and quakes"))


def cells(line: str) -> list[str]:
    """The cells of a GFM table row: split on pipes that are not escaped."""
    assert line.startswith("| ") and line.endswith(" |"), line
    return [c.strip() for c in re.split(r"(?<!\\)\|", line[1:-1])]


def tables(md: str) -> list[list[list[str]]]:
    out, current = [], []
    for line in md.splitlines():
        if line.startswith("|"):
            current.append(line)
        elif current:
            out.append(current)
            current = []
    if current:
        out.append(current)
    parsed = []
    for t in out:
        rows = [cells(l) for l in t]
        assert all(set(c) <= {"-", " ", ":"} for c in rows[1]), t[1]  # the delimiter row
        assert len({len(r) for r in rows}) == 1, t  # every row as wide as the header
        parsed.append([rows[0]] + rows[2:])
    return parsed


def test_summary_disagreements_first_then_matrix(fixture_md):
    assert fixture_md.startswith("<!-- newsroom-checker report -->\n## Troops and quakes\n")
    assert "**4** articles" in fixture_md and "**3** outlets" in fixture_md
    order = [fixture_md.index(h) for h in ("## Disagreements", "### soldier", "## Who attributed what",
                                           "## Unsourced figures", "## Quantities that agree",
                                           "### epicentre (km)", "## Findings")]
    assert order == sorted(order)
    assert len(fixture_md) <= LIMIT


def test_quantity_tables_give_the_rows(fixture_md):
    soldier = next(t for t in tables(fixture_md) if t[0][0] == "outlet" and
                   any(r[0] == "Wire Post" and "3,000" in r[2] for r in t[1:]))
    header = soldier[0]
    assert header == ["outlet", "published", "as written", "normalised", "qualifier", "source",
                      "event date", "verdict", "sentence"]
    rows = {r[0]: dict(zip(header, r)) for r in soldier[1:]}
    assert rows["Daily Ledger"]["source"] == "NIS"
    assert rows["Daily Ledger"]["as written"] == "1,500 soldiers"
    assert "contradicts vs \\~3,000 (unsourced, Wire Post)" in rows["Daily Ledger"]["verdict"]
    assert rows["Wire Post"]["source"] == "unsourced"
    assert rows["Wire Post"]["normalised"] == "\\~3,000 (2,850 – 3,150)"
    epicentre = next(t for t in tables(fixture_md) if any(len(r) > 2 and r[2] == "25 miles" for r in t[1:]))
    assert all("agrees" in r[7] for r in epicentre[1:])
    assert any("≈ 40.23 km" in r[3] for r in epicentre[1:])


def test_attribution_matrix_table(fixture_md):
    matrix = next(t for t in tables(fixture_md) if t[0][0] == "quantity")
    assert matrix[0] == ["quantity", "Daily Ledger", "Gazzetta del Nord", "Wire Post"]
    soldier = next(r for r in matrix[1:] if r[0].startswith("soldier"))
    assert soldier[1] == "1,500 (NIS)" and soldier[3] == "\\~3,000 (unsourced)" and soldier[2] == "—"


def test_cells_escape_pipes_newlines_and_markup():
    assert escape("a|b") == "a\\|b"
    assert escape("line one\nline two\r\n") == "line one line two"
    assert escape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert escape("*bold* _it_ `code` [link](x) back\\slash") == \
        "\\*bold\\* \\_it\\_ \\`code\\` \\[link\\](x) back\\\\slash"
    t = table(["outlet", "text"], [["A|B", "one\ntwo | three"]])
    header, delimiter, row = t.splitlines()
    assert cells(row) == ["A\\|B", "one two \\| three"]


def test_pipes_and_newlines_from_articles_do_not_break_tables(tmp_path):
    for name, outlet, figure in (("a.md", "Pipe | Times", "1,500"), ("b.md", "New\\nLine Post", "3,000")):
        (tmp_path / name).write_text(
            f"---\noutlet: \"{outlet}\"\npublished: 2024-10-18\nlang: en\n---\n\n"
            f"North Korea has shipped {figure} soldiers | to Russia, South Korea's National "
            f"Intelligence Service (NIS) said <b>today</b>.\n", encoding="utf-8")
    md = markdown.render(report_of(tmp_path))
    parsed = tables(md)  # asserts every row has the header's width
    text = "\n".join("|".join(r) for t in parsed for r in t)
    assert "Pipe \\| Times" in text and "New Line Post" in text
    assert "<b>" not in md


def test_the_limit_cuts_whole_sections_from_the_end_and_says_so(fixture_md):
    report = report_of(FIXTURE)
    full = markdown.render(report)
    head, parts = markdown.parts(report)
    assert full == "\n".join([head.text] + [p.text for p in parts])
    limit = len(head.text) + len(parts[0].text) + 600
    cut = markdown.render(report, limit=limit)
    assert len(cut) <= limit
    assert cut.startswith(head.text + "\n" + parts[0].text)
    kept_note = cut[len(head.text) + len(parts[0].text) + 2:]
    assert kept_note.startswith("> **Shortened to fit")
    assert f"{len(parts) - 1} sections cut from the end" in kept_note
    assert parts[-1].name in kept_note  # the note names what was cut
    for p in parts[1:]:
        assert p.text not in cut


def test_a_long_report_stays_under_65000_characters(tmp_path):
    # many stories, each with a contradiction: far more than a comment holds
    towns = ["Arvena", "Brenvik", "Corvino", "Dalmora", "Estrell", "Fenwick", "Galdor", "Halden",
             "Istria", "Jorvik", "Kessel", "Lunden", "Marbella", "Norvik", "Orsolo", "Pellworth"]
    for i in range(120):
        town = f"{towns[i % len(towns)]}{'' if i < len(towns) else '-' + str(i)}"
        for outlet, deaths in (("Daily Ledger", 100 + i), ("Wire Post", 300 + i)):
            (tmp_path / f"{i:03d}-{outlet[0]}.md").write_text(
                f"---\noutlet: {outlet}\npublished: 2025-03-04\nlang: en\n---\n\n"
                f"The building collapse in {town} destroyed {deaths} homes, according to the "
                f"{town} prefecture, in what officials called a long and detailed account of the "
                f"events that {'a' * 60} witnessed.\n", encoding="utf-8")
    report = report_of(tmp_path)
    assert len(report.sections) > 50
    md = markdown.render(report)
    assert len(md) <= LIMIT
    assert "> **Shortened to fit 65,000 characters:**" in md
    assert md.rstrip().endswith("The HTML, CSV or XLSX report has everything.")
    tables(md)  # what is left is still well-formed


def test_the_summary_alone_is_cut_hard_when_nothing_else_fits():
    report = report_of(FIXTURE)
    md = markdown.render(report, limit=300)
    assert len(md) <= 300
