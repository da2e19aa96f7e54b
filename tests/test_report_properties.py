"""Report rendering on generated input: hostile text in every field is shown, never run.

Hypothesis writes articles whose outlet, title, URL, other front matter, body text, file name
and a user rule's message hold hostile text (`<script>`, attribute break-outs, template syntax,
Markdown/HTML mixes, RTL marks, NULs, emoji, very long strings), runs the real pipeline and
renders both reports. The HTML page must parse to the template's own elements only (one script,
no event-handler attribute, no link out of the page) with the hostile text shown as text; every
Markdown table row must keep its header's column count, with no raw HTML.
"""
from __future__ import annotations

import dataclasses
import re
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from checker.checks import article_keys
from checker.compare import quantity_groups
from checker.gazetteer import default_gazetteer
from checker.lint import lint
from checker.pipeline import extract, load_articles
from checker.report import build_report, html, markdown
from checker.ruleset import load_rules, parse_rule_text
from test_report_html import external_references
from test_report_markdown import tables

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "data" / "report"
TEMPLATES = ROOT / "checker" / "report" / "templates"  # the page and the parts it includes

# markup that must never reach the page as markup
TAGS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "<svg onload=alert(1)>",
        "</textarea><iframe src=//evil.example>", "<a href=javascript:alert(1)>x</a>",
        "'><body onload=alert(1)>", "<style>*{display:none}</style>", "</title><script>x</script>"]
OTHER = ["{{ 7*7 }}", "{% for x in y %}", "{# c #}", "${7*7}", "| a | b |\n| --- | --- |",
         "*bold* _it_ `code` [link](javascript:alert(1)) ![i](http://evil.example/x.png)",
         "<!-- c -->", "&amp; &lt;script&gt; &#x3C;", "\u202eevil\u202c", "\u200f\u05e9\u05dc\u05d5\u05dd",
         "مرحبا", "\x00", "nul\x00byte", "👩‍👩‍👧‍👦🇮🇹", "a\r\nb", "line\nbreak", "tab\there", "\\|",
         "x" * 3000, "'", '"', "`", "]]>", "javascript:alert(1)"]
hostile = st.one_of(st.sampled_from(TAGS + OTHER),
                    st.lists(st.sampled_from(TAGS + OTHER), min_size=2, max_size=4).map("".join),
                    st.text(max_size=30))
file_names = st.one_of(st.sampled_from(['"><img src=x onerror=alert(1)>', "{{7*7}}|pipe",
                                        "<script>alert(1)<", "rtl\u202etxt", "emoji🙂", "a b"]),
                       st.text(st.characters(blacklist_characters="/\\\x00", blacklist_categories=("Cs",)),
                               min_size=1, max_size=30))

PROPERTIES = settings(max_examples=15, deadline=None,
                      suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def allowed_tags() -> set[str]:
    """The elements the report can contain: those its template and timeline code write."""
    source = "".join(t.read_text("utf-8") for t in sorted(TEMPLATES.glob("*.j2")))
    source += Path(html.__file__).read_text("utf-8")
    return set(re.findall(r"<([a-z][a-z0-9]*)", source)) | {"html", "head", "body", "tbody"}


def own_script() -> str:
    page = html.render(report_of(FIXTURE))
    [script] = HTMLParser(page).css("script")
    return script.text()


def report_of(*paths, rules=None, title: str = "Discrepancy report"):
    gazetteer = default_gazetteer()
    articles, failures = load_articles([str(p) for p in paths])
    claims, more = extract(articles, gazetteer)
    findings = lint(claims, rules or load_rules(), set(article_keys(claims)), gazetteer=gazetteer)
    return build_report(claims, findings, articles, failures + more,
                        quantity_groups(claims, gazetteer), title=title)


def front_matter(fields: dict) -> str:
    return "---\n" + yaml.safe_dump(fields, allow_unicode=False, sort_keys=False) + "---\n\n"


def write_story(folder: Path, texts: list[str], names: list[str]) -> None:
    """Two articles disagreeing on a figure, a third that cannot be read, all full of `texts`."""
    t = (texts * 8)[:8]
    for i, (name, figure, published) in enumerate(zip(names[:2], ("1,500", "3,000"),
                                                     ("2024-10-18", "2024-10-19"))):
        meta = {"outlet": f"Outlet {i} {t[0 + i]}", "title": f"Troops {t[2]}", "published": published,
                "lang": "en", "url": f"https://example.org/{t[3]}", "author": t[4], t[5][:40] or "k": t[6]}
        body = (f"{t[7]} North Korea has shipped {figure} soldiers to Russia {t[0]}, South Korea's "
                f"National Intelligence Service (NIS) said.\n\n"
                f"Some {figure} troops {t[1]} left between Oct. 8 and 13, {t[2]} said.\n\n"
                f"More than 40 people were counted. {t[3]}\n")
        (folder / f"{i}-{name}.md").write_text(front_matter(meta) + body, "utf-8")
    (folder / f"2-{names[-1]}.md").write_text(f"---\noutlet: [{t[4]}\n---\nbroken {t[5]}\n", "utf-8")


def hostile_rule(message: str):
    escaped = message.replace("{", "{{").replace("}", "}}")
    text = yaml.safe_dump({
        "id": "hostile-unsourced", "type": "unsourced", "severity": "warning",
        "message": f"{escaped} {{text}}", "description": f"{message} flags figures",
        "examples": [{"text": "Some 3,000 soldiers were moved.", "lang": "en", "flag": 1}]})
    return parse_rule_text(text, "hostile.yaml")


@PROPERTIES
@given(texts=st.lists(hostile, min_size=1, max_size=8), names=st.lists(file_names, min_size=3, max_size=3),
       title=hostile)
def test_hostile_text_is_escaped_in_html_and_markdown(texts, names, title):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_story(folder, texts, names)
        rules = load_rules() + [hostile_rule(texts[0])]
        report = report_of(folder, rules=rules, title=f"Report {title}")
        check_html(html.render(report), texts + [title])
        check_markdown(markdown.render(report))


def check_html(page: str, texts: list[str]) -> None:
    tree = HTMLParser(page)
    assert {n.tag for n in tree.css("*")} <= ALLOWED, {n.tag for n in tree.css("*")} - ALLOWED
    scripts = tree.css("script")
    assert len(scripts) == 1 and scripts[0].text() == OWN_SCRIPT
    for node in tree.css("*"):
        for name, value in (node.attributes or {}).items():
            assert not name.lower().startswith("on"), (node.tag, name, value)
            if name in ("href", "src", "action", "formaction"):
                assert value is not None and value.startswith("#"), (node.tag, name, value)
    assert external_references(page) == []
    for text in texts:  # markup in the input never reaches the page as markup
        for tag in TAGS:
            if tag in text:
                assert tag not in page, tag
    assert tree.css_first("title").text().startswith("Report ")


def check_markdown(md: str) -> None:
    tables(md)  # every row has its header's number of cells: pipes and newlines are escaped
    for tag in ("<script", "<img", "<svg", "<iframe", "<a ", "<body", "<style", "</title"):
        assert tag not in md, tag


def test_the_hostile_story_shows_its_text_as_text(tmp_path):
    """One fixed example, to check what the property runs is what it means to run."""
    texts = [TAGS[0], "| a | b |", "{{ 7*7 }}", TAGS[1], "\u202eevil", "emoji🙂", "x" * 300, "'"]
    write_story(tmp_path, texts, ['"><img src=x onerror=alert(1)>', "{{7*7}}|pipe", "<script>x<"])
    rules = load_rules() + [hostile_rule(TAGS[0])]
    report = report_of(tmp_path, rules=rules, title=f"Report {TAGS[1]}")
    page = html.render(report)
    check_html(page, texts + [TAGS[1]])
    body = HTMLParser(page).body.text()
    assert f"Outlet 0 {TAGS[0]}" in body and "Outlet 1 | a | b |" in body   # outlets
    assert "Troops {{ 7*7 }}" in body                                  # titles, not templated
    assert any(f.message.startswith(TAGS[0]) for f in report.findings)     # the rule's message
    assert f"{TAGS[0]} Some 3,000" in body or f"{TAGS[0]} 3,000" in body
    assert '0-"><img src=x onerror=alert(1)>.md' in body                     # file names
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert len(report.failures) == 1 and "<script>x<" in report.failures[0]
    assert report.summary.findings and any(f.rule == "hostile-unsourced" for f in report.findings)
    md = markdown.render(report)
    check_markdown(md)
    assert "Outlet 0 &lt;script&gt;alert(1)&lt;/script&gt;" in md
    assert "Outlet 1 \\| a \\| b \\|" in md


# ------------------------------------------------------------------ every text field, directly

# claims-frame columns holding text (not keys, ids, dates or numbers), as the report reads them
TEXT_COLUMNS = ["outlet", "text", "sentence", "qualifier", "unit", "subject", "subject_key",
                "source", "source_text", "cue", "event", "entities", "lang"]


def fixture_inputs():
    gazetteer = default_gazetteer()
    articles, failures = load_articles([str(FIXTURE)])
    claims, more = extract(articles, gazetteer)
    findings = lint(claims, load_rules(), set(article_keys(claims)), gazetteer=gazetteer)
    return claims, findings, articles, failures + more, quantity_groups(claims, gazetteer)


def spiked(value, text: str):
    """`value` with hostile `text` appended; missing values stay missing."""
    return value if value is None or value != value else f"{value}{text}"


@PROPERTIES
@given(texts=st.lists(hostile, min_size=len(TEXT_COLUMNS) + 12, max_size=len(TEXT_COLUMNS) + 12))
def test_hostile_text_in_every_field_of_claims_findings_and_articles(texts):
    claims, findings, articles, failures, groups = FIXTURE_INPUTS
    t = iter(texts)
    claims = claims.copy()
    for column in TEXT_COLUMNS:
        extra = next(t)
        claims[column] = [spiked(v, extra) for v in claims[column]]
    claim_text, message, rule, failure = next(t), next(t), next(t), next(t)
    findings = [dataclasses.replace(
        f, rule=f.rule + rule, message=message + f.message,
        claims=[{**c, "text": spiked(c.get("text"), claim_text), "outlet": spiked(c.get("outlet"), rule)}
                for c in f.claims],
        related=[{**c, "source": spiked(c.get("source"), claim_text)} for c in f.related])
        for f in findings]
    outlet, title, url, key, value = next(t), next(t), next(t), next(t), next(t)
    articles = [dataclasses.replace(a, outlet=spiked(a.outlet, outlet), title=f"{a.title}{title}",
                                    url=f"{a.url}{url}", meta=a.meta + ((key or "k", value),))
                for a in articles]
    report = build_report(claims, findings, articles, list(failures) + [f"x.md:1: {failure}"], groups,
                          title=f"Report {next(t)}")
    check_html(html.render(report), texts)
    check_markdown(markdown.render(report))


ALLOWED = allowed_tags()
OWN_SCRIPT = own_script()
FIXTURE_INPUTS = fixture_inputs()
