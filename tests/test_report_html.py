"""The HTML report: escaping of hostile text, no external resources, byte-for-byte determinism."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from checker.checks import article_keys
from checker.compare import quantity_groups
from checker.gazetteer import default_gazetteer
from checker.lint import lint
from checker.pipeline import extract, load_articles
from checker.report import build_report, html
from checker.ruleset import load_rules

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "data" / "report"

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
HOSTILE = f"{SCRIPT}{IMG}"


def render(*paths, **kwargs) -> str:
    gazetteer = default_gazetteer()
    articles, failures = load_articles([str(p) for p in paths])
    claims, more = extract(articles, gazetteer)
    findings = lint(claims, load_rules(), set(article_keys(claims)), gazetteer=gazetteer)
    report = build_report(claims, findings, articles, failures + more,
                          quantity_groups(claims, gazetteer), **kwargs)
    return html.render(report)


def yaml_quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@pytest.fixture
def hostile(tmp_path):
    """Two articles whose text, outlet, title, URL and other front matter are all hostile."""
    for name, outlet, figure, extra in (
            ("a.md", f"Ledger {HOSTILE}", "1,500", ""),
            ("b.md", f"Wire {HOSTILE}", "3,000", f"\nauthor: {yaml_quoted(HOSTILE)}")):
        (tmp_path / name).write_text(
            f"---\noutlet: {yaml_quoted(outlet)}\ntitle: {yaml_quoted('Troops ' + HOSTILE)}\n"
            f"published: 2024-10-18\nlang: en\nurl: {yaml_quoted('javascript:alert(1)//' + IMG)}"
            f"{extra}\n---\n\n"
            f"{SCRIPT} North Korea has shipped {figure} soldiers to Russia {IMG}, South Korea's "
            f"National Intelligence Service (NIS) said.\n\n"
            f"Seoul said {IMG} the troops left between Oct. 8 and 13.\n", encoding="utf-8")
    return tmp_path


def elements(page: str):
    return HTMLParser(page).css("*")


def test_hostile_text_in_articles_and_metadata_is_shown_as_text(hostile):
    page = render(hostile, title=f"Report {HOSTILE}")
    tree = HTMLParser(page)
    assert tree.css("img") == []
    scripts = tree.css("script")
    assert len(scripts) == 1 and "alert" not in scripts[0].text()  # only the page's own script
    for node in tree.css("*"):
        for name, value in (node.attributes or {}).items():
            assert not name.lower().startswith("on"), (node.tag, name)
            if name in ("href", "src"):
                assert value is None or value.startswith("#"), (node.tag, name, value)
    text = tree.body.text()
    assert SCRIPT in text and IMG in text
    assert f"Ledger {HOSTILE}" in text and f"Wire {HOSTILE}" in text  # outlets
    assert f"Troops {HOSTILE}" in text                                 # titles
    assert f"javascript:alert(1)//{IMG}" in text                       # the URL, as text
    assert f"author: {HOSTILE}" in text                                # other front matter
    assert tree.css_first("title").text() == f"Report {HOSTILE}"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    # the hostile outlets made it into the tables, escaped
    assert any(f"Wire {HOSTILE}" == th.text() for th in tree.css("table.matrix th"))
    rows = tree.css("tr[data-verdict]")
    assert rows and any(f"Ledger {HOSTILE}" in r.text() for r in rows)


def test_hostile_text_cannot_break_out_of_attributes(hostile):
    page = render(hostile)
    # a quote from article text never closes an attribute: every title attribute is escaped
    for m in re.finditer(r'title="([^"]*)"', page):
        assert "<" not in m.group(1) and ">" not in m.group(1)


def external_references(page: str) -> list[str]:
    """Every way an HTML page could load something from http(s)."""
    found = []
    tree = HTMLParser(page)
    for node in tree.css("*"):
        for name, value in (node.attributes or {}).items():
            if value and name.lower() in ("src", "href", "srcset", "action", "formaction", "poster",
                                          "data", "xlink:href", "background", "manifest", "ping",
                                          "content"):
                if re.search(r"https?:|//", value, re.I) and name != "content":
                    found.append(f"<{node.tag} {name}={value}>")
                if name == "content" and re.search(r"url=|https?:", value, re.I):
                    found.append(f"<{node.tag} {name}={value}>")
    for tag in ("link", "iframe", "object", "embed", "img", "video", "audio", "source", "base"):
        found += [f"<{tag}>" for _ in tree.css(tag)]
    for script in tree.css("script"):
        if script.attributes.get("src") is not None:
            found.append("<script src>")
    styles = " ".join(s.text() for s in tree.css("style"))
    styles += " ".join(n.attributes.get("style") or "" for n in tree.css("[style]"))
    if re.search(r"@import", styles, re.I):
        found.append("@import")
    found += [f"url({m})" for m in re.findall(r"url\(\s*['\"]?([^)'\"]*)", styles, re.I)]
    found += ["@font-face" for _ in re.finditer(r"@font-face", styles, re.I)]
    return found


def test_the_report_references_no_external_resource(tmp_path):
    (tmp_path / "links.md").write_text(
        "---\noutlet: Link Farm\npublished: 2024-10-19\nlang: en\n"
        "url: https://example.org/a/story\ncanonical: http://example.org/b\n---\n\n"
        "North Korea has shipped 1,500 soldiers to Russia, South Korea's National Intelligence "
        "Service (NIS) said, according to [a report](https://example.org/report) and "
        "![a picture](http://example.org/picture.png) <img src=\"https://example.org/x.png\">.\n",
        encoding="utf-8")
    page = render(FIXTURE, tmp_path)
    assert external_references(page) == []
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"url\(\s*['\"]?\s*(?:https?:)?//", page, re.I)
    assert "@import" not in page
    # the URLs are there, as text
    assert "https://example.org/a/story" in HTMLParser(page).body.text()
    assert "https://example.org/daily-ledger/north-korea-troops" in page


def test_the_page_is_self_contained():
    page = render(FIXTURE)
    tree = HTMLParser(page)
    assert page.startswith("<!DOCTYPE html>")
    assert len(tree.css("style")) == 1 and len(tree.css("script")) == 1
    assert tree.css_first("input#filter") is not None
    assert tree.css("details.quantity") and tree.css("details.article")
    assert "@media print" in tree.css_first("style").text()
    assert tree.css("svg.plot") == [] or all(s.css("image") == [] for s in tree.css("svg"))
    # every in-page link points at an element of the page
    ids = {n.attributes.get("id") for n in tree.css("[id]")}
    for a in tree.css("a[href]"):
        assert a.attributes["href"][1:] in ids, a.attributes["href"]


def test_timelines_are_inline_svg(tmp_path):
    for name, day, deaths in (("a.md", "2025-03-04", "1,050"), ("b.md", "2025-03-05", "1,120")):
        (tmp_path / name).write_text(
            f"---\noutlet: Outlet {name[0].upper()}\npublished: {day}\nlang: en\n---\n\n"
            f"An earthquake in Valdoria has killed {deaths} people, according to the Valdoria "
            f"civil protection agency.\n", encoding="utf-8")
    tree = HTMLParser(render(tmp_path))
    plots = tree.css("#timelines svg.plot")
    assert len(plots) == 1
    marks = plots[0].css("a")
    assert len(marks) == 2 and all(m.attributes["href"].startswith("#q-") for m in marks)
    assert "xmlns" not in plots[0].html  # inline SVG in HTML needs no namespace URL


def run_cli(out: Path, seed: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    env.pop("SOURCE_DATE_EPOCH", None)
    subprocess.run([sys.executable, "-c",
                    "import sys; from checker.cli.report import report_command; "
                    "report_command(sys.argv[1:])", str(FIXTURE), "-o", str(out)],
                   check=True, env=env, capture_output=True, cwd=ROOT)
    return out.read_bytes()


def test_two_runs_give_the_same_bytes(tmp_path):
    first = run_cli(tmp_path / "one.html", "1")
    second = run_cli(tmp_path / "two.html", "2")
    assert first == second
    assert b"generated" not in first  # no timestamp unless asked


def test_a_timestamp_only_when_asked(tmp_path, monkeypatch):
    from click.testing import CliRunner
    from checker.cli.report import report_command
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    result = CliRunner().invoke(report_command, [str(FIXTURE), "--timestamp", "-o",
                                                 str(tmp_path / "r.html")])
    assert result.exit_code == 0
    assert "generated 2023-11-14 22:13 UTC" in (tmp_path / "r.html").read_text("utf-8")
