"""The archive report (`checker.report.archive`): summary tables and the articles with findings,
written as it is made, for reports of more articles than `--archive-above`."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from checker.cli.report import report_command
from checker.project import Options, report_paths
from checker.report import Report, html, markdown
from checker.report.archive import Archive, Entries, excerpt, is_archive

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "data" / "report"
QUIET = """---
outlet: Morning Note
title: "Harbour regatta"
published: 2025-03-05
lang: en
---

The harbour regatta was held in calm weather on Sunday afternoon, organisers said.
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """The report fixture plus an article without findings."""
    out = tmp_path_factory.mktemp("archive") / "articles"
    shutil.copytree(FIXTURE, out)
    (out / "morning-note-regatta.md").write_text(QUIET, encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def runs(folder):
    small = report_paths([str(folder)], Options(), title="T")
    big = report_paths([str(folder)], Options(), title="T", threshold=2)
    return small, big


def test_the_layout_follows_the_threshold(runs):
    small, big = runs
    assert isinstance(small.report, Report) and isinstance(big.report, Archive)
    assert is_archive(501) and not is_archive(500) and is_archive(3, 2)


def test_archive_summary_is_the_small_reports(runs):
    small, big = runs
    assert big.report.summary == small.report.summary
    assert big.findings == small.findings  # the same lint run


def test_only_articles_with_findings_are_listed_without_their_text(runs):
    small, big = runs
    entries = list(big.report.articles)
    assert [e.outlet for e in entries] == ["Daily Ledger", "Daily Ledger", "Gazzetta del Nord", "Wire Post"]
    assert big.report.listed == 4 and big.report.summary.articles == 5
    numbers = [f.number for e in entries for f in e.findings]
    assert numbers == list(range(1, len(small.findings) + 1))
    # what the archive kept of each article: its metadata, not its text
    assert all(a.text == "" for a in big.report.articles._args[2])
    assert list(big.report.articles) == entries  # made anew on each reading, the same


def test_outlet_and_story_tables(runs):
    _, big = runs
    rows = {o.outlet: (o.articles, o.figures, o.unsourced, o.findings, o.listed) for o in big.report.outlets}
    assert rows["Daily Ledger"] == (2, 4, 1, {"error": 1, "warning": 1, "info": 0}, 2)
    assert rows["Morning Note"] == (1, 0, 0, {"error": 0, "warning": 0, "info": 0}, 0)
    assert rows["Wire Post"][3] == {"error": 1, "warning": 1, "info": 0}
    stories = big.report.stories
    assert [s.findings["error"] for s in stories] == [2, 0]  # most errors first
    assert stories[0].outlets == ["Daily Ledger", "Wire Post"] and stories[0].articles == 2
    assert (stories[0].date_from, stories[0].date_to) == ("2024-10-18", "2024-10-21")


def test_only_disagreeing_quantities_are_shown(runs):
    small, big = runs
    assert [s.name for s in big.report.sections] == [s.name for s in small.report.sections if s.status != "agrees"]
    assert big.report.agreeing == sum(1 for s in small.report.sections if s.status == "agrees") == 3


def test_html_is_streamed_self_contained_and_linked(runs):
    _, big = runs
    pieces = html.stream(big.report)
    assert not isinstance(pieces, str)
    page = "".join(pieces)
    assert page == html.render(big.report)
    tree = HTMLParser(page)
    assert tree.css_first("input#filter") is not None and tree.css_first("script") is not None
    assert len(tree.css("details.article")) == 4
    ids = {n.attributes["id"] for n in tree.css("[id]")}
    links = {n.attributes["href"][1:] for n in tree.css("a[href^='#']")}
    assert links <= ids, links - ids  # no link leads nowhere
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "calm weather" not in page  # an article without findings is counted, not shown
    # a finding's sentence, its figure marked
    assert "Some 3,000 North Korean soldiers</mark> were moved to Russia" in page


def test_markdown_of_an_archive_fits_and_says_what_was_cut(runs):
    _, big = runs
    full = markdown.render(big.report)
    assert "## By outlet" in full and "## By story" in full and "## Findings of the articles" in full
    assert "| 4 | 🔴 error | contradicting-figures | Wire Post |" in full
    short = markdown.render(big.report, limit=1500)
    assert len(short) <= 1500 and "Shortened to fit 1,500 characters" in short


def test_excerpt_marks_the_claim_in_its_sentence():
    got = excerpt({"sentence": "About  4,500 people\nfled, police said.", "text": "4,500 people"})
    assert (got.before, got.mark, got.after) == ("About ", "4,500 people", " fled, police said.")
    assert excerpt({"sentence": "", "text": "4"}) is None
    assert excerpt({"sentence": "No figure here.", "text": "12"}).mark == ""


def test_cli_writes_an_archive_above_the_threshold(folder, tmp_path):
    out = tmp_path / "r.html"
    result = CliRunner().invoke(report_command, [str(folder), "-o", str(out), "--archive-above", "3"])
    assert result.exit_code == 0, result.output
    page = out.read_text("utf-8")
    assert "Fact-consistency report · archive" in page and 'id="stories"' in page
    small = tmp_path / "s.html"
    result = CliRunner().invoke(report_command, [str(folder), "-o", str(small)])
    assert result.exit_code == 0 and "· archive" not in small.read_text("utf-8")
    assert "calm weather" in small.read_text("utf-8")


def test_entries_are_an_iterable_not_a_list(runs):
    _, big = runs
    assert isinstance(big.report.articles, Entries)


def test_report_reads_the_findings_lint_cached(folder, tmp_path):
    """A report after `checker lint` with one cache takes the findings from the run cache (a
    file edited since is checked again) and writes the same page as without a cache."""
    from checker.cli.lint import lint_command
    cache = tmp_path / "cache"
    runner = CliRunner()
    assert runner.invoke(lint_command, [str(folder), "--cache-dir", str(cache), "-q"]).exit_code == 1
    entries = {p.name for p in cache.rglob("*") if p.is_file()}
    outs = []
    for flags in (["--cache-dir", str(cache)], ["--no-cache"]):
        out = tmp_path / f"r{len(outs)}.html"
        result = runner.invoke(report_command, [str(folder), "-o", str(out), "--archive-above", "2", *flags])
        assert result.exit_code == 0, result.output
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    assert {p.name for p in cache.rglob("*") if p.is_file()} == entries  # nothing new to cache


def test_hostile_text_is_escaped_in_the_archive(tmp_path):
    hostile = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'
    for i, figure in enumerate(("1,500", "3,000")):
        (tmp_path / f"{i}.md").write_text(
            f"---\noutlet: 'Outlet {i} {hostile}'\ntitle: 'T {hostile}'\npublished: 2024-10-1{i}\nlang: en\n---\n\n"
            f"North Korea has shipped {figure} soldiers to Russia {hostile}.\n", "utf-8")
    run = report_paths([str(tmp_path)], Options(), title=f"R {hostile}", threshold=1)
    page = html.render(run.report)
    tree = HTMLParser(page)
    assert not tree.css("img") and len(tree.css("script")) == 1
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert" not in markdown.render(run.report)


def test_a_cached_run_is_not_checked_again(folder, tmp_path, monkeypatch):
    import checker.project as project
    cache = str(tmp_path / "cache")
    first = report_paths([str(folder)], Options(), threshold=2, cache_dir=cache)

    def refuse(*args, **kwargs):
        raise AssertionError("checked again")
    monkeypatch.setattr(project, "lint_plan", refuse)
    second = report_paths([str(folder)], Options(), threshold=2, cache_dir=cache)
    assert second.findings == first.findings and second.report.summary == first.report.summary
    assert html.render(second.report) == html.render(first.report)


def test_quantity_groups_in_processes_are_the_serial_ones(runs, monkeypatch):
    """Stories spread over worker processes give the same groups, verdicts and links."""
    import checker.compare as compare
    _, big = runs
    assert "story" in big.claims.columns
    serial = compare.quantity_groups(big.claims)
    monkeypatch.setattr(compare, "PARALLEL_CLAIMS", 0)
    spread = compare.quantity_groups(big.claims, jobs=2)
    assert len(serial) and spread.equals(serial)
