"""Inline suppressions: regions, next-line, names, and unused ones reported."""
from __future__ import annotations

import json
import os
import textwrap

import pytest
from click.testing import CliRunner

from checker.cli.lint import lint_command
from checker.findings import Finding
from checker.suppressions import RULE_ID, apply, parse

KNOWN = {"unsourced-figure", "unsourced", "contradicting-figures", "contradiction", "all"}

TEXT = textwrap.dedent("""\
    ---
    title: t
    ---
    line 4 has a figure
    <!-- checker: disable=unsourced-figure reason="quoted from a court filing" -->
    line 6 has a figure
    line 7 has a figure
    <!-- checker: enable=unsourced-figure -->
    line 9 has a figure

    <!-- checker: ignore-next-line contradicting-figures, unsourced -->

    line 13 has a figure
    line 14 has a figure
    """)


def finding(line: int, rule: str = "unsourced-figure", type: str = "unsourced", col: int = 1) -> Finding:
    return Finding(rule=rule, type=type, severity="warning", message=f"{rule} at {line}",
                   path="a.md", line=line, col=col, start=line * 10, end=line * 10 + 3)


def run(findings, text=TEXT, **kwargs):
    return apply(findings, {"a.md": parse(text)}, known=KNOWN, **kwargs)


def lines(found) -> list[tuple[int, str]]:
    return [(f.line, f.rule) for f in found]


def test_disable_enable_region_and_next_line():
    found = [finding(n) for n in (4, 6, 7, 9, 13, 14)] + [finding(13, "contradicting-figures",
                                                                  "contradiction")]
    kept, suppressed, reports = run(found)
    assert lines(kept) == [(4, "unsourced-figure"), (9, "unsourced-figure"), (14, "unsourced-figure")]
    assert lines(suppressed) == [(6, "unsourced-figure"), (7, "unsourced-figure"),
                                 (13, "unsourced-figure"), (13, "contradicting-figures")]
    assert reports == []


def test_parsed_directives_keep_reason_and_place():
    parsed = parse(TEXT)
    region, next_line = parsed.suppressions
    assert (region.kind, region.rules, region.begin, region.until) == (
        "disable", ("unsourced-figure",), (5, 1), (8, 1))
    assert region.reason == "quoted from a court filing"
    assert (next_line.kind, next_line.rules, next_line.begin) == (
        "ignore-next-line", ("contradicting-figures", "unsourced"), (13, 1))
    assert parsed.problems == []


def test_unused_suppressions_are_reported_at_their_comment():
    kept, _, reports = run([finding(4)])
    assert lines(kept) == [(4, "unsourced-figure")]
    assert [(r.rule, r.severity, r.line, r.col) for r in reports] == [
        (RULE_ID, "warning", 5, 1), (RULE_ID, "warning", 11, 1), (RULE_ID, "warning", 11, 1)]
    assert reports[0].message == "unused suppression: 'disable=unsourced-figure' matches no finding"
    assert "'ignore-next-line=contradicting-figures'" in reports[1].message
    assert TEXT[reports[0].start:reports[0].end].startswith("<!-- checker: disable=")


def test_names_that_did_not_run_are_not_unused():
    _, _, reports = run([], active={"contradicting-figures", "contradiction"})
    assert [r.message for r in reports] == [
        "unused suppression: 'ignore-next-line=contradicting-figures' matches no finding"]


def test_disable_without_enable_runs_to_the_end_and_all_matches_every_rule():
    text = "a\n<!-- checker: disable -->\nb\n\n\nc\n"
    kept, suppressed, reports = run([finding(1), finding(3), finding(6, "contradicting-figures",
                                                                      "contradiction")], text)
    assert lines(kept) == [(1, "unsourced-figure")]
    assert len(suppressed) == 2 and reports == []


def test_region_starts_at_the_comment_even_mid_line():
    text = "figure one <!-- checker: disable=unsourced-figure --> figure two\n"
    kept, suppressed, _ = run([finding(1, col=1), finding(1, col=56)], text)
    assert [f.col for f in kept] == [1] and [f.col for f in suppressed] == [56]


def test_rule_types_and_comma_lists():
    text = "<!-- checker: disable=contradiction,unsourced -->\nx\n"
    kept, suppressed, reports = run([finding(2), finding(2, "contradicting-figures",
                                                         "contradiction")], text)
    assert kept == [] and len(suppressed) == 2 and reports == []


@pytest.mark.parametrize("comment, words", [
    ("<!-- checker: disable=unsourced-figur -->", "unknown rule 'unsourced-figur' "
                                                  "(did you mean 'unsourced-figure'?)"),
    ("<!-- checker: disabel=unsourced -->", "cannot read this checker comment (did you mean 'disable'?)"),
    ("<!-- checker: enable=unsourced -->", "'enable=unsourced' closes no 'disable' above it"),
    ("<!-- checker: ignore-next-line -->", "'ignore-next-line' has no line after it"),
    ("<!-- checker: disable=unsourced reason=unquoted -->", "cannot read this checker comment"),
])
def test_malformed_or_unknown_directives_are_reported(comment, words):
    _, _, reports = run([], "text\n" + comment + "\n")
    assert len(reports) == 1 and words in reports[0].message, reports[0].message
    assert reports[0].line == 2


def test_disabled_twice():
    text = "<!-- checker: disable=unsourced -->\n<!-- checker: disable=unsourced -->\nx\n"
    _, suppressed, reports = run([finding(3)], text)
    assert len(suppressed) == 1
    assert [r.message for r in reports] == [
        "unused suppression: 'unsourced' is already disabled at line 1: "
        "<!-- checker: disable=unsourced -->"]


def test_comments_spanning_lines_and_other_comments():
    text = "<!-- a comment -->\n<!--\n  checker: ignore-next-line\n  unsourced-figure\n-->\nx\n"
    kept, suppressed, reports = run([finding(6)], text)
    assert kept == [] and reports == []


def test_other_files_are_untouched():
    other = Finding(**{**finding(6).__dict__, "path": "b.md"})
    kept, _, _ = run([other])
    assert kept == [other]


# --- in `checker lint`, on real articles --------------------------------------------------------

ARTICLE = """\
---
lang: en
published: 2025-03-11
outlet: Port Alder Gazette
---

Volunteers began clearing mud from the harbour district of Port Alder on Tuesday.

<!-- checker: ignore-next-line unsourced-figure reason="counted by our reporter" -->
More than 150 volunteers turned out with shovels.

About 40 boats were damaged in the marina on Monday.

<!-- checker: disable=contradicting-figures -->
The river fell by 1.1 metres, the county flood office said.
"""


@pytest.fixture
def draft(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "draft.md").write_text(ARTICLE, encoding="utf-8")
    return tmp_path / "draft.md"


def lint(*args):
    result = CliRunner().invoke(lint_command, ["draft.md", "--format", "json", *args])
    return result, [(f["rule"], f["line"]) for f in json.loads(result.stdout)["findings"]]


def test_cli_suppresses_and_reports_the_unused(draft):
    result, found = lint()
    assert found == [("unsourced-figure", 12), (RULE_ID, 14)], result.output
    assert result.exit_code == 0  # unused suppressions are warnings
    assert lint("--fail-on", "warning")[0].exit_code == 1


def test_cli_select_and_ignore_unused_suppression(draft):
    assert lint("--ignore", "unused-suppression")[1] == [("unsourced-figure", 12)]
    # selected like a rule: reported when --select names it (or is not given) ...
    assert lint("--select", "unsourced,contradiction")[1] == [("unsourced-figure", 12)]
    assert lint("--select", "unsourced,contradiction,unused-suppression")[1] == [
        ("unsourced-figure", 12), (RULE_ID, 14)]
    # ... and only about rules that ran
    assert lint("--select", "unsourced,unused-suppression")[1] == [("unsourced-figure", 12)]
    assert lint("--select", "unused-suppression")[1] == []


def test_cli_without_the_comment_the_figure_is_flagged(draft):
    draft.write_text(ARTICLE.replace("<!-- checker: ignore-next-line", "<!-- ignore-next-line"),
                     encoding="utf-8")
    assert ("unsourced-figure", 10) in lint()[1]


def test_cli_sarif_describes_unused_suppression(draft):
    result = CliRunner().invoke(lint_command, ["draft.md", "--format", "sarif"])
    run = json.loads(result.stdout)["runs"][0]
    rule = next(r for r in run["tool"]["driver"]["rules"] if r["id"] == RULE_ID)
    assert "silences nothing" in rule["fullDescription"]["text"]


def test_cli_html_articles(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.html").write_text(
        '<html lang="en"><head><meta property="article:published_time" content="2025-03-11">'
        '</head><body><article>\n<p>Volunteers came to Port Alder on Tuesday.</p>\n'
        "<!-- checker: ignore-next-line unsourced-figure -->\n"
        "<p>More than 150 volunteers turned out with shovels.</p>\n"
        "<p>About 40 boats were damaged in the marina.</p>\n</article></body></html>\n",
        encoding="utf-8")
    result = CliRunner().invoke(lint_command, ["page.html", "--format", "json", "--select",
                                               "unsourced"])
    found = [(f["rule"], f["line"], os.path.basename(f["path"]))
             for f in json.loads(result.stdout)["findings"]]
    assert found == [("unsourced-figure", 5, "page.html")], result.output


@pytest.mark.parametrize("text", [
    "<!-- checker: disable" + " " * 50_000 + "! -->",
    "<!-- checker: disable=" + "a " * 50_000 + "! -->",
    "<!-- checker: disable=" + "a, " * 50_000 + 'reason="' + " " * 50_000 + " -->",
    "<!-- checker: " * 50_000,
    "<!-- checker: disable=x -->\n" * 20_000,
    "<!-- checker: ignore-next-line x -->" * 20_000 + "\nx",
])
def test_hostile_comments_take_linear_time(text):
    import time
    began = time.perf_counter()
    parsed = parse(text)
    assert time.perf_counter() - began < 5
    assert len(parsed.suppressions) + len(parsed.problems) <= 50_000
