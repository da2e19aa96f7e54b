"""Layered attribution (`Bloomberg, citing Banco Meridia`) in every output: the claims frame in
each format, the lint JSON, the text output and the reports show the origin and its relay."""
from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pytest
from click.testing import CliRunner

from checker.claims import CLAIM_COLUMNS
from checker.cli import cli
from checker.findings import CLAIM_FIELDS, credited_to

RELAYED = ("---\noutlet: Business Daily\npublished: 2025-03-04\nlang: en\n---\n\n"
           "The country's largest lender will cut 1,200 jobs this year, Bloomberg reported, "
           "citing Banco Meridia.\n")
DIRECT = ("---\noutlet: Morning Courier\npublished: 2025-03-05\nlang: en\n---\n\n"
          "Banco Meridia will cut 1,500 jobs this year, the union said.\n")
UNSOURCED = ("---\noutlet: Evening Post\npublished: 2025-03-06\nlang: en\n---\n\n"
             "Banco Meridia will cut 1,200 jobs this year.\n")


@pytest.fixture()
def story(tmp_path):
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "a.md").write_text(RELAYED, "utf-8")
    (folder / "b.md").write_text(DIRECT, "utf-8")
    return folder


def invoke(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code in (0, 1), result.output
    return result


def test_credited_to_names_the_origin_and_its_relay():
    assert credited_to({"source": "Banco Meridia", "source_via": "Bloomberg"}) == "Banco Meridia via Bloomberg"
    assert credited_to({"source": "Banco Meridia", "source_via": None}) == "Banco Meridia"
    assert credited_to({"source": "Banco Meridia", "source_via": "Banco Meridia"}) == "Banco Meridia"
    assert credited_to({"source": None, "source_text": "the grid operator"}) == "the grid operator"
    assert credited_to({"source": None, "source_text": None, "source_via": "Bloomberg"}) is None
    assert credited_to({"source": float("nan"), "source_via": float("nan")}) is None


def test_findings_carry_every_claims_frame_column():
    assert list(CLAIM_FIELDS) == CLAIM_COLUMNS


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv"])
def test_claims_in_every_text_format_keep_the_relay(story, fmt):
    out = invoke("claims", story, "--format", fmt, "--no-cache").stdout
    if fmt == "jsonl":
        rows = [json.loads(line) for line in out.splitlines()]
    elif fmt == "json":
        doc = json.loads(out)
        assert doc["schema_version"] == "1.2"
        rows = doc["claims"]
    else:
        rows = list(csv.DictReader(io.StringIO(out)))
        assert list(rows[0]) == CLAIM_COLUMNS
    by_text = {r["text"]: r for r in rows}
    assert (by_text["1,200 jobs"]["source"], by_text["1,200 jobs"]["source_via"]) == ("Banco Meridia", "Bloomberg")
    assert by_text["1,200 jobs"]["cue"] == "reported"
    assert by_text["1,500 jobs"]["source_via"] in (None, "")  # csv writes a missing value empty


def test_claims_parquet_keeps_the_relay(story, tmp_path):
    pytest.importorskip("pyarrow")
    invoke("claims", story, "--format", "parquet", "-o", tmp_path / "c.parquet", "--no-cache")
    frame = pd.read_parquet(tmp_path / "c.parquet")
    assert list(frame.columns) == CLAIM_COLUMNS
    assert frame.set_index("text").loc["1,200 jobs", "source_via"] == "Bloomberg"


def test_claims_table_shows_who_relayed(story):
    out = invoke("claims", story, "--no-cache").stdout
    lines = {line.split()[4]: line for line in out.splitlines()[2:-1]}  # by the figure's text
    assert lines["1,200"].endswith("Banco Meridia via Bloomberg")
    assert lines["1,500"].endswith("union")


def test_lint_json_and_text_show_the_relay_of_related_claims(story, tmp_path):
    target = tmp_path / "c.md"
    target.write_text(UNSOURCED, "utf-8")
    doc = json.loads(invoke("lint", target, "--against", story, "--format", "json").stdout)
    assert doc["schema_version"] == "1.2"
    unsourced = next(f for f in doc["findings"] if f["rule"] == "unsourced-figure")
    assert list(unsourced["claims"][0]) == CLAIM_COLUMNS
    assert unsourced["claims"][0]["source_via"] is None
    assert [(c["outlet"], c["source"], c["source_via"]) for c in unsourced["related"]] == [
        ("Business Daily", "Banco Meridia", "Bloomberg")]
    text = invoke("lint", target, "--against", story).stdout
    assert '  ↳ Business Daily (' + str(story / "a.md") + ':7): "1,200 jobs" — Banco Meridia via Bloomberg (agrees)' \
        in text.splitlines()


def test_reports_show_the_origin_via_the_relay(story, tmp_path):
    out = tmp_path / "out"
    invoke("report", story, "-o", out)
    md = (out / "report.md").read_text("utf-8")
    assert "| job — planned (agrees) | 1,200 (Banco Meridia via Bloomberg) | 1,500 (union) |" in md
    assert "| Business Daily | 2025-03-04 | 1,200 jobs | 1,200 | exact | Banco Meridia via Bloomberg |" in md
    html = (out / "report.html").read_text("utf-8")
    assert '<span class="src">Banco Meridia via Bloomberg</span>' in html  # the row's source cell
    assert 'class="fig">1,200</a><span class="src">Banco Meridia via Bloomberg</span>' in html  # the matrix
    rows = list(csv.DictReader(io.StringIO((out / "claims.csv").read_text("utf-8"))))
    assert [(r["text"], r["source"], r["source_via"]) for r in rows if r["kind"] == "figure"] == [
        ("1,200 jobs", "Banco Meridia", "Bloomberg"), ("1,500 jobs", "union", "")]


def test_xlsx_claims_sheet_has_the_relay(story, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    invoke("report", story, "-o", tmp_path / "r.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx")["claims"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    via, kind = rows[0].index("source_via"), rows[0].index("kind")
    assert [r[via] for r in rows[1:] if r[kind] == "figure"] == ["Bloomberg", None]
