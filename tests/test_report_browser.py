"""The HTML report in a real browser: headless Chromium renders it, we read its DOM and screenshot.

Needs Debian's `chromium` (`apt-get install chromium`; `.ci/run` installs it). The fixture in
`tests/data/report/` has a disagreement (1,500 soldiers credited to the NIS against an unsourced
3,000) and an agreement (an epicentre 25 miles and 40 km from the town).
"""
from __future__ import annotations

import os
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from selectolax.lexbor import LexborHTMLParser

from checker.cli.report import report_command

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "data" / "report"
CHROMIUM = next((p for p in (shutil.which(n) for n in ("chromium", "chromium-browser")) if p), None)

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium): "
                             "the browser tests need a real headless Chromium")


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
               "--no-first-run", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--disable-extensions", "--hide-scrollbars",
               f"--user-data-dir={profile}", *args]
    return subprocess.run(command, capture_output=True, timeout=120,
                          env={**os.environ, "HOME": str(tmp_path)})


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    result = CliRunner().invoke(report_command, [str(FIXTURE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def rendered_dom(tmp_path: Path, url: str) -> LexborHTMLParser:
    result = chromium(tmp_path, "--virtual-time-budget=2000", "--dump-dom", url)
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    dom = result.stdout.decode("utf-8")
    assert "<html" in dom
    return LexborHTMLParser(dom)


def rows_by_text(tree: LexborHTMLParser) -> dict[str, object]:
    out = {}
    for row in tree.css("tr[data-verdict]"):
        written = row.css_first("td.written")
        if written is not None:
            out[written.css_first("a").text().strip()] = row
    return out


def test_rendered_dom_shows_the_disagreement_with_sources_and_the_agreement(page, tmp_path):
    tree = rendered_dom(tmp_path, page.as_uri())
    rows = rows_by_text(tree)

    ledger = rows["1,500 soldiers"]
    assert ledger.attributes["data-verdict"] == "contradicts"
    assert "v-contradicts" in ledger.attributes["class"]
    assert "Daily Ledger" in ledger.css_first("td.outlet").text()
    assert ledger.css_first("td.source .src").text() == "NIS"
    assert "National Intelligence Service" in ledger.css_first("td.source").text()
    assert ledger.css_first("td.verdict .badge").text() == "contradicts"
    against = ledger.css_first("td.verdict .against").text()
    assert "3,000 (unsourced, Wire Post)" in against

    wire = rows["Some 3,000 North Korean soldiers"]
    assert wire.attributes["data-verdict"] == "contradicts"
    assert "Wire Post" in wire.css_first("td.outlet").text()
    assert wire.css_first("td.source").text().strip() == "unsourced"
    assert "1,500 (NIS, Daily Ledger)" in wire.css_first("td.verdict").text()
    # the two rows are in one quantity section, shown open because it disagrees
    section = tree.css_first("details.quantity.is-disagreement")
    assert section is not None and "open" in section.attributes
    assert {"1,500 soldiers", "Some 3,000 North Korean soldiers"} <= set(rows_by_text(section))

    for text in ("40 km", "25 miles"):
        row = rows[text]
        assert row.attributes["data-verdict"] == "agrees", text
        assert row.css_first("td.verdict .badge").text() == "agrees"
        assert "v-agrees" in row.attributes["class"]
    km = rows["40 km"].css_first("td.source").text()
    assert "Istituto sismologico nazionale" in km
    assert "≈ 40.23 km" in rows["25 miles"].css_first("td.normalised").text()


def test_the_script_runs_and_opens_the_target_of_a_link(page, tmp_path):
    tree = LexborHTMLParser(page.read_text("utf-8"))
    mark = next(m for m in tree.css("mark.hl-figure") if m.text().startswith("1,500 soldiers"))
    article = tree.css_first(f"details.article#{'art-1'}")
    assert article is not None
    # in the file every article is closed; following a link to a highlight opens its article
    dom = rendered_dom(tmp_path, page.as_uri() + "#" + mark.attributes["id"])
    assert dom.css_first("html").attributes.get("class") == "js"  # the page's script ran
    opened = [d for d in dom.css("details.article") if "open" in d.attributes]
    assert len(opened) == 1
    assert opened[0].css_first(f"mark#{mark.attributes['id']}") is not None


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_screenshot(page, tmp_path):
    shot = tmp_path / "report.png"
    result = chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,2000", page.as_uri())
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    data = shot.read_bytes()
    assert png_size(data) == (1280, 2000)
    assert len(data) > 20_000  # a page, not a blank image
