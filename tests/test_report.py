"""The report model (`checker.report.build_report`) and the `checker report` command.

On the project's own examples: `tests/data/report/` (1,500 versus 3,000 soldiers, an epicentre
given as 25 miles and as 40 km) and `examples/story/` (the Sorlena wildfire told by four outlets).
"""
from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from checker.checks import article_keys
from checker.claims import CLAIM_COLUMNS
from checker.cli.report import report_command
from checker.report.files import report_format as output_format
from checker.compare import quantity_groups
from checker.gazetteer import default_gazetteer, merged_gazetteer
from checker.lint import lint
from checker.pipeline import extract, load_articles
from checker.report import VERDICTS, build_report, group_name, interval_text, short_figure
from checker.report.tables import FINDING_COLUMNS
from checker.ruleset import load_rules

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "data" / "report"
STORY = ROOT / "examples" / "story"
STORY_GAZETTEER = ROOT / "examples" / "gazetteer.yaml"


def run(*paths, gazetteer=None, **kwargs):
    """The inputs of build_report for `paths`, as the command computes them."""
    gazetteer = gazetteer or default_gazetteer()
    articles, failures = load_articles([str(p) for p in paths])
    claims, more = extract(articles, gazetteer)
    findings = lint(claims, load_rules(), set(article_keys(claims)), gazetteer=gazetteer)
    groups = quantity_groups(claims, gazetteer)
    return claims, findings, articles, failures + more, groups


def report_of(*paths, gazetteer=None, **kwargs):
    return build_report(*run(*paths, gazetteer=gazetteer), **kwargs)


@pytest.fixture(scope="module")
def fixture_report():
    return report_of(FIXTURE)


def story_gazetteer():
    return merged_gazetteer(yaml.safe_load(STORY_GAZETTEER.read_text("utf-8")))


@pytest.fixture(scope="module")
def story_report():
    if not STORY.is_dir():
        pytest.skip("examples/story is not there")
    gazetteer = story_gazetteer() if STORY_GAZETTEER.exists() else None
    return report_of(STORY, gazetteer=gazetteer)


def section(report, subject):
    found = [s for s in report.sections if s.subject_key == subject]
    assert found, f"no section for {subject}: {[s.name for s in report.sections]}"
    return found[0]


# ------------------------------------------------------------------------ the fixture

def test_summary_counts_articles_outlets_languages_and_dates(fixture_report):
    s = fixture_report.summary
    assert s.articles == 4 and s.references == 0
    assert s.outlets == ["Daily Ledger", "Gazzetta del Nord", "Wire Post"]
    assert dict(s.languages) == {"en": 3, "it": 1}
    assert (s.date_from, s.date_to) == ("2024-10-18", "2025-03-04")
    assert s.claims == s.figures + s.dates and s.figures >= 6
    assert s.findings == sum(s.by_severity.values()) > 0
    assert list(s.by_severity) == ["error", "warning", "info"]
    assert sum(n for *_, n in s.by_rule) == s.findings
    assert s.disagreements >= 1 and s.quantities == len(fixture_report.sections)


def test_the_1500_versus_3000_soldiers_row_with_its_sources(fixture_report):
    soldiers = section(fixture_report, "soldier")
    assert soldiers.status == "contradicts" and soldiers.disagreement
    assert fixture_report.sections[0] is soldiers  # disagreements first
    by_outlet = {r.outlet: r for r in soldiers.rows}
    ledger, wire = by_outlet["Daily Ledger"], by_outlet["Wire Post"]
    assert (ledger.text, ledger.figure, ledger.source, ledger.verdict) == \
        ("1,500 soldiers", "1,500", "NIS", "contradicts")
    assert "National Intelligence Service" in ledger.source_text
    assert wire.text == "Some 3,000 North Korean soldiers"
    assert (wire.figure, wire.interval, wire.qualifier) == ("~3,000", "2,850 – 3,150", "approx")
    assert (wire.source, wire.sourced) == ("unsourced", False)
    assert wire.event_date == "2024-10-08 – 2024-10-12" and not wire.date_is_reported
    assert [o.label for o in ledger.against] == ["~3,000 (unsourced, Wire Post)"]
    assert ledger.against[0].row_anchor == wire.anchor
    assert wire.sentence.startswith("Some 3,000 North Korean soldiers were moved")
    assert ledger.findings and all(f.anchor.startswith("f-") for f in ledger.findings)
    assert soldiers.value_range == "1,500 – 3,000"


def test_40_km_and_25_miles_agree_and_are_converted_to_one_unit(fixture_report):
    epicentre = section(fixture_report, "epicentre")
    assert epicentre.status == "agrees" and not epicentre.disagreement
    assert epicentre.name == "epicentre (km)" and epicentre.unit == "km"
    rows = {r.text: r for r in epicentre.rows}
    assert set(rows) == {"25 miles", "40 km"}
    assert all(r.verdict == "agrees" for r in rows.values())
    assert rows["25 miles"].unit == "mi" and rows["25 miles"].converted == "≈ 40.23 km"
    assert rows["40 km"].converted is None and rows["40 km"].figure == "40 km"
    assert rows["25 miles"].source == "national seismological institute"
    # agreeing quantities come after the disagreement
    order = [s.subject_key for s in fixture_report.sections]
    assert order.index("soldier") < order.index("epicentre")


def test_attribution_matrix_gives_each_outlet_its_figure_and_source(fixture_report):
    m = fixture_report.matrix
    assert m.outlets == ["Daily Ledger", "Gazzetta del Nord", "Wire Post"]
    row = next(r for r in m.rows if r.name == "soldier")
    cells = dict(zip(m.outlets, row.cells))
    assert [(c.figure, c.source) for c in cells["Daily Ledger"]] == [("1,500", "NIS")]
    assert [(c.figure, c.source) for c in cells["Wire Post"]] == [("~3,000", "unsourced")]
    assert cells["Gazzetta del Nord"] == []
    assert [r.name for r in m.rows] == [s.name for s in fixture_report.sections]


def test_unsourced_figures_per_outlet(fixture_report):
    by_outlet = {u.outlet: u for u in fixture_report.unsourced}
    wire = [i.text for i in by_outlet["Wire Post"].items]
    assert "Some 3,000 North Korean soldiers" in wire
    item = next(i for i in by_outlet["Wire Post"].items if i.text.startswith("Some 3,000"))
    assert item.quantity == "soldier" and item.elsewhere == []  # nobody else gives 3,000
    assert all(not i.text.startswith("1,500") for u in fixture_report.unsourced for i in u.items)


def test_articles_are_cut_into_segments_that_rebuild_the_text(fixture_report):
    articles = {a.path.rsplit("/", 1)[-1]: a for a in fixture_report.articles}
    ledger = articles["daily-ledger-troops.md"]
    text = "".join(seg.text for seg in ledger.segments)
    assert text.startswith("North Korea has shipped 1,500 soldiers")
    assert "outlet:" not in text  # the front matter is metadata, shown apart
    marks = {seg.text: seg for seg in ledger.segments if seg.kind}
    assert marks["1,500 soldiers"].kind == "figure"
    assert marks["1,500 soldiers"].verdict == "contradicts"
    assert marks["1,500 soldiers"].link.startswith("#q-")
    assert marks["1,500 soldiers"].findings  # linked to the findings that involve it
    assert marks["between Oct. 8 and 13"].kind == "date"
    assert any(seg.kind == "source" and "National Intelligence Service" in seg.text
               for seg in ledger.segments)
    assert ledger.url == "https://example.org/daily-ledger/north-korea-troops"
    assert (ledger.outlet, ledger.published, ledger.lang) == ("Daily Ledger", "2024-10-18", "en")


def test_every_finding_links_back_to_its_claims(fixture_report):
    anchors = {seg.anchor for a in fixture_report.articles for seg in a.segments if seg.anchor}
    assert fixture_report.findings
    for f in fixture_report.findings:
        assert f.anchor == f"f-{f.number}"
        assert f.article_anchor and f.article_anchor.startswith("art-")
        for c in f.claims:
            if c.anchor:
                assert c.anchor in anchors


def test_build_report_is_pure_and_deterministic():
    inputs = run(FIXTURE)
    before = inputs[0].copy()
    first = build_report(*inputs)
    second = build_report(*inputs)
    assert first == second
    assert inputs[0].equals(before)
    assert build_report(*run(FIXTURE)) == first


def test_an_empty_run_gives_an_empty_report():
    import pandas as pd
    empty = build_report(pd.DataFrame(columns=CLAIM_COLUMNS), [], [], [], pd.DataFrame())
    assert empty.sections == [] and empty.articles == [] and empty.summary.claims == 0
    assert empty.matrix.rows == []


def test_html_articles_are_shown_as_their_text_with_highlights(tmp_path):
    (tmp_path / "page.html").write_text(
        "<html><head><title>Quake</title><meta name='author' content='x'></head><body>"
        "<article><h1>Valdoria quake</h1><p>The quake's epicentre was <b>25 miles</b> north of "
        "Castelmare, the national seismological institute said.</p></article></body></html>",
        encoding="utf-8")
    report = report_of(tmp_path)
    (article,) = report.articles
    text = "".join(seg.text for seg in article.segments)
    assert "<" not in text and "25 miles" in text
    marks = [seg for seg in article.segments if seg.kind == "figure"]
    assert [m.text for m in marks] == ["25 miles"]


# ------------------------------------------------------------------------ helpers

def test_figures_and_intervals_are_written_compactly():
    assert short_figure({"value": 1500.0, "value_min": 1425.0, "value_max": 1575.0,
                         "qualifier": "approx"}) == "~1,500"
    assert short_figure({"value": 2000.0, "value_min": 2000.0, "value_max": None,
                         "qualifier": "more_than"}) == "> 2,000"
    assert short_figure({"value": None, "value_min": 150.0, "value_max": 200.0,
                         "qualifier": "range"}) == "150–200"
    assert short_figure({"value": 62.0, "value_min": 62.0, "value_max": 62.0, "qualifier": "exact",
                         "unit": "percent"}) == "62%"
    assert short_figure({"value": 40e6, "value_min": 40e6, "value_max": None, "qualifier": "at_least",
                         "unit": "EUR"}) == "≥ 40 million EUR"
    assert short_figure({"value": 1234567.0, "qualifier": "exact"}) == "1,234,567"
    assert interval_text({"value_min": None, "value_max": 10000.0, "qualifier": "at_most"}) == "≤ 10,000"
    assert interval_text({"value_min": 4.0, "value_max": 4.0}) == "4"


def test_group_names_read_as_subject_unit_and_modality():
    assert group_name([{"subject_key": "soldier", "modality": "intended"},
                       {"subject_key": "soldier", "modality": "intended"},
                       {"subject_key": "person", "modality": "intended"}])[0] == "soldier — planned"
    assert group_name([{"subject_key": "epicentre", "unit": "kilometer", "modality": "realized"},
                       {"subject_key": "epicentre", "unit": "kilometer"},
                       {"subject_key": "epicentre", "unit": "mile"}])[0] == "epicentre (km)"
    assert group_name([{"subject_key": "damage", "unit": "EUR"}])[0] == "damage (EUR)"


# ------------------------------------------------------------------------ the story

def test_story_planted_contradiction_and_running_count_updates(story_report):
    building = section(story_report, "building")
    assert building.status == "contradicts"
    assert sorted(r.text for r in building.rows) == ["37 abitazioni", "73 homes"]
    assert {r.source for r in building.rows} == {"Sorlena prefecture"}
    death = section(story_report, "death")
    assert death.status == "update" and not death.disagreement
    assert [r.verdict for r in death.rows if r.outlet == "Meridian Wire"] == ["update"]
    assert death.timeline is not None
    assert [p.published for p in death.timeline.points][-1] == "2025-08-07"
    ranks = [VERDICTS.index(s.status) for s in story_report.sections]
    assert ranks == sorted(ranks)  # disagreements first


def test_story_unsourced_figures_name_who_credits_them_elsewhere(story_report):
    by_outlet = {u.outlet: u for u in story_report.unsourced}
    diario = {i.text: i for i in by_outlet["Diario Austral"].items}
    deaths = diario["Dos personas murieron"]
    assert {e.source for e in deaths.elsewhere} == {"Marvessa Civil Protection"}
    assert {e.outlet for e in deaths.elsewhere} == {"Harbour Courier", "L'Eco di Marvessa"}
    assert deaths.findings  # the unsourced-figure finding


def test_story_summary(story_report):
    s = story_report.summary
    assert s.articles == 4 and len(s.outlets) == 4
    assert {lang for lang, _ in s.languages} == {"en", "es", "it"}
    assert (s.date_from, s.date_to) == ("2025-08-06", "2025-08-07")
    assert s.by_severity["error"] >= 2


# ------------------------------------------------------------------------ the command

def invoke(*args):
    return CliRunner().invoke(report_command, [str(a) for a in args], catch_exceptions=False)


def test_command_writes_every_format_into_a_directory(tmp_path):
    out = tmp_path / "out"
    result = invoke(FIXTURE, "-o", out)
    assert result.exit_code == 0, result.output
    assert sorted(os.listdir(out)) == ["claims.csv", "findings.csv", "report.html", "report.md"]
    html = (out / "report.html").read_text("utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Discrepancy report: report" in html
    claims = list(csv.reader(io.StringIO((out / "claims.csv").read_text("utf-8"))))
    assert claims[0] == CLAIM_COLUMNS and len(claims) > 5
    findings = list(csv.DictReader(io.StringIO((out / "findings.csv").read_text("utf-8"))))
    assert list(findings[0]) == FINDING_COLUMNS
    ids = {row[0] for row in claims[1:]}
    assert all(set(f["claim_ids"].split()) <= ids for f in findings)


def test_command_picks_the_format_from_the_extension(tmp_path):
    assert invoke(FIXTURE, "-o", tmp_path / "r.md", "--title", "Troops").exit_code == 0
    assert (tmp_path / "r.md").read_text("utf-8").startswith("<!-- newsroom-checker report -->\n## Troops")
    assert invoke(FIXTURE, "-o", tmp_path / "r.html").exit_code == 0
    assert "<html" in (tmp_path / "r.html").read_text("utf-8")
    assert invoke(FIXTURE, "-o", tmp_path / "r.csv").exit_code == 0
    assert (tmp_path / "r.csv").exists() and (tmp_path / "r-findings.csv").exists()
    assert output_format("x.HTM", None) == "html" and output_format("-", None) == "md"
    assert output_format("x.md", "html") == "html" and output_format("folder", None) == "dir"


def test_command_writes_markdown_or_html_to_standard_output():
    result = invoke(FIXTURE)
    assert result.exit_code == 0
    assert "| Daily Ledger |" in result.stdout and "### soldier" in result.stdout
    html = invoke(FIXTURE, "-o", "-", "--format", "html")
    assert html.exit_code == 0 and html.stdout.startswith("<!DOCTYPE html>")


def test_command_usage_errors_exit_2(tmp_path):
    assert invoke(FIXTURE, "-o", tmp_path / "report.pdf").exit_code == 2
    assert invoke(FIXTURE, "-o", "-", "--format", "csv").exit_code == 2
    assert invoke(tmp_path / "missing").exit_code == 2
    assert invoke(FIXTURE, "--published", "someday").exit_code == 2


def test_a_failed_input_exits_2_but_the_report_is_written(tmp_path):
    (tmp_path / "good.md").write_text((FIXTURE / "wire-post-troops.md").read_text("utf-8"), "utf-8")
    (tmp_path / "bad.md").write_bytes(b"---\ntitle: [unclosed\n---\nText.\n")
    result = invoke(tmp_path, "-o", tmp_path / "r.html")
    assert result.exit_code == 2
    html = (tmp_path / "r.html").read_text("utf-8")
    assert "Inputs not checked" in html and "bad.md" in html


def test_findings_never_fail_a_report(tmp_path):
    result = invoke(FIXTURE, "-o", tmp_path / "r.md")
    assert result.exit_code == 0
    assert "contradicting-figures" in (tmp_path / "r.md").read_text("utf-8")


def test_against_references_are_shown_but_not_reported_on(tmp_path):
    draft = FIXTURE / "wire-post-troops.md"
    result = invoke(draft, "--against", FIXTURE, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    findings = list(csv.DictReader(io.StringIO((tmp_path / "out" / "findings.csv").read_text("utf-8"))))
    assert findings and {os.path.basename(f["path"]) for f in findings} == {"wire-post-troops.md"}
    md = (tmp_path / "out" / "report.md").read_text("utf-8")
    assert "Daily Ledger (reference)" in md
    assert "epicentre" not in md  # a quantity only the references give is left out


def test_input_defaults_and_timestamp(tmp_path):
    (tmp_path / "plain.txt").write_text("North Korea has shipped 1,500 soldiers to Russia, "
                                        "South Korea's National Intelligence Service said.\n", "utf-8")
    result = invoke(tmp_path / "plain.txt", "--outlet", "Plain Times", "--published", "2024-10-19",
                    "--lang", "en", "--timestamp", "-o", tmp_path / "r.md")
    assert result.exit_code == 0, result.output
    md = (tmp_path / "r.md").read_text("utf-8")
    assert "**1** outlet" in md and "published 2024-10-19" in md and "generated " in md


def test_xlsx_has_a_claims_and_a_findings_sheet(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    result = invoke(FIXTURE, "-o", tmp_path / "r.xlsx")
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert book.sheetnames == ["claims", "findings"]
    header = [c.value for c in book["claims"][1]]
    assert header == CLAIM_COLUMNS
    assert [c.value for c in book["findings"][1]] == FINDING_COLUMNS
    assert book["claims"].max_row > 5


def test_xlsx_keeps_formula_like_text_as_text(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    import pandas as pd
    from checker.report.tables import to_xlsx
    frame = pd.DataFrame([{c: None for c in CLAIM_COLUMNS} | {"text": "=HYPERLINK(\"x\")", "line": 1}])
    path = tmp_path / "f.xlsx"
    path.write_bytes(to_xlsx(frame, []))
    cell = openpyxl.load_workbook(path)["claims"].cell(row=2, column=CLAIM_COLUMNS.index("text") + 1)
    assert cell.value == "=HYPERLINK(\"x\")" and cell.data_type == "s"


def test_xlsx_without_openpyxl_is_a_clear_error(tmp_path, monkeypatch):
    import builtins
    real_import = builtins.__import__

    def no_openpyxl(name, *args, **kwargs):
        if name == "openpyxl" or name.startswith("openpyxl."):
            raise ImportError("No module named 'openpyxl'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_openpyxl)
    result = CliRunner().invoke(report_command, [str(FIXTURE), "-o", str(tmp_path / "r.xlsx")])
    assert result.exit_code == 2
    assert "openpyxl" in result.output and "[xlsx]" in result.output
    assert not (tmp_path / "r.xlsx").exists()


def test_a_figure_against_many_others_lists_some_and_counts_all(tmp_path):
    """Comparison keeps the first ten figures a figure disagrees with and counts the rest: the
    report's row says how many more there are, never fewer than there are."""
    sentence = ("{} soldiers of Northland crossed into Eastmark near Kessel on Monday, according to the "
                "Eastmark defence ministry.\n")
    (tmp_path / "draft.md").write_text(
        "---\noutlet: Draft Desk\npublished: 2025-03-11\nlang: en\n---\n\n"
        + sentence.format("About 3,000"), encoding="utf-8")
    for i in range(14):
        (tmp_path / f"wire{i:02d}.md").write_text(
            f"---\noutlet: Wire {i:02d}\npublished: 2025-03-11\nlang: en\n---\n\n"
            + sentence.format("Some 1,500"), encoding="utf-8")
    report = report_of(tmp_path)
    [row] = [r for s in report.sections for r in s.rows if "3,000" in r.figure]
    assert row.verdict == "contradicts"
    assert 0 < len(row.against) <= 6
    assert len(row.against) + row.against_more == 14
