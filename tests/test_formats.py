"""Every `checker lint --format`: golden files, SARIF schema validation, GitHub escaping.

The golden files in tests/golden/ are the exact output for a fixed set of findings. After an
intended change of a format, regenerate them and review the diff:

    CHECKER_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_formats.py
"""
from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from checker.article import Failure
from checker.cli.lint import lint_command
from checker.findings import CLAIM_FIELDS, Finding
from checker.outputs import github, jsonl, junit, rdjsonl, sarif
from checker.outputs import json as json_output
from checker.outputs import text as text_output

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
SCHEMA = HERE / "schemas" / "sarif-2.1.0.json"
UPDATE = bool(os.environ.get("CHECKER_UPDATE_GOLDEN"))
NEWSROOM = HERE.parent / "examples" / "newsroom"

WIRE = "news/wire-post.md"
LEDGER = "news/daily ledger.md"
WIRE_TEXT = (
    "---\n"
    "outlet: Wire Post\n"
    "published: 2025-03-10\n"
    "---\n"
    "\n"
    "Storm Orla hit Port Alder on Monday.\n"
    "Some 3,000 homes lost power; the grid’s 5% reserve ran out,\n"
    "officials said.\n"
    "Zelenskyy spoke later.\n"
)
LEDGER_TEXT = "---\noutlet: Daily Ledger\n---\n\nAbout 1,200 homes lost power, Alder Grid said.\n"


def claim(path: str, text: str, written: str, sentence: str, **fields) -> dict:
    """A claim record located at the first `written` in `text`."""
    start = text.index(written)
    line = text.count("\n", 0, start) + 1
    col = start - (text.rfind("\n", 0, start) + 1) + 1
    base = {k: None for k in CLAIM_FIELDS}
    return base | {"claim_id": f"{path}:{start}", "path": path, "kind": "figure", "lang": "en",
                   "start": start, "end": start + len(written), "line": line, "col": col,
                   "text": written, "sentence": sentence} | fields


SOME_3000 = claim(WIRE, WIRE_TEXT, "Some 3,000 homes", "Some 3,000 homes lost power; the grid’s "
                  "5% reserve ran out,\nofficials said.", outlet="Wire Post", value=3000.0,
                  qualifier="approx", subject_key="home")
RESERVE = claim(WIRE, WIRE_TEXT, "5% reserve ran out,\nofficials", SOME_3000["sentence"],
                outlet="Wire Post", value=5.0, unit="percent", source="officials")
ABOUT_1200 = claim(LEDGER, LEDGER_TEXT, "About 1,200 homes", "About 1,200 homes lost power, "
                   "Alder Grid said.", outlet="Daily Ledger", value=1200.0, qualifier="approx",
                   subject_key="home", source="Alder Grid")
TEXTS = {WIRE: WIRE_TEXT, LEDGER: LEDGER_TEXT}


def at(c: dict, **fields) -> dict:
    return {"path": c["path"], "line": c["line"], "col": c["col"], "start": c["start"],
            "end": c["end"]} | fields


def findings() -> list[Finding]:
    """Findings of every severity, with related claims, a span over two lines, a finding
    without claims, and messages holding characters each format must escape."""
    zelenskyy = WIRE_TEXT.index("Zelenskyy")
    return [
        Finding(rule="unsourced-figure", type="unsourced", severity="warning",
                message='unsourced figure: "Some 3,000 homes"; Daily Ledger credits 1,200 to '
                        "Alder Grid", claims=[SOME_3000], related=[ABOUT_1200], **at(SOME_3000)),
        Finding(rule="contradicting-figures", type="contradiction", severity="error",
                message="3,000 homes contradicts 1,200 (Alder Grid, Daily Ledger)",
                claims=[SOME_3000, ABOUT_1200], related=[ABOUT_1200], **at(SOME_3000)),
        Finding(rule="share-note", type="arithmetic", severity="info",
                message="100% of 5%: a <share> | with, commas: and\nnewline",
                claims=[RESERVE], **at(RESERVE)),
        Finding(rule="name-variant", type="name-variant", severity="warning",
                message="'Zelenskyy' is also written 'Zelensky' (2 articles)", path=WIRE,
                line=9, col=1, start=zelenskyy, end=zelenskyy + len("Zelenskyy")),
    ]


FAILURES = [Failure("news/broken.md", 3, "invalid YAML front matter: mapping values, here"),
            Failure("news/gone.md", None, "no such file or directory")]
RULES = [
    SimpleNamespace(id="contradicting-figures", type="contradiction", severity="error",
                    description="Two figures for the same quantity that cannot both hold. "
                                "One of them is wrong."),
    SimpleNamespace(id="unsourced-figure", type="unsourced", severity="warning",
                    description="A figure nobody is credited with."),
    SimpleNamespace(id="name-variant", type="name-variant", severity="warning",
                    description="One name spelled several ways."),
    SimpleNamespace(id="never-fired", type="weekday-mismatch", severity="info",
                    description="A rule that found nothing is still described."),
]


@pytest.fixture
def stable_sarif(monkeypatch):
    """SARIF without what changes for reasons of its own: the version and type docs."""
    monkeypatch.setattr(sarif, "__version__", "0.0.0-test")
    monkeypatch.setattr(sarif, "_type_doc", lambda name: f"Documentation of rule type {name}.")


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="")
    assert path.exists(), f"missing {path}: run with CHECKER_UPDATE_GOLDEN=1 to create it"
    expected = path.read_bytes().decode("utf-8")  # exactly: a \r stays a \r
    assert actual == expected, f"{name} differs from its golden file (see the module docstring)"


# --- golden files -----------------------------------------------------------------------------

def test_golden_text():
    """The full format: each finding's source lines with carets, then the claims it involves."""
    check_golden("findings.txt", text_output.render(findings(), FAILURES, texts=TEXTS.get) + "\n")


def test_golden_text_in_colour():
    coloured = text_output.render(findings(), FAILURES, color=True, texts=TEXTS.get)
    check_golden("findings.color.txt", coloured + "\n")
    assert "\x1b[31m" in coloured  # red errors
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == text_output.render(findings(), FAILURES,
                                                                        texts=TEXTS.get)


@pytest.mark.parametrize("color", [False, True])
def test_golden_concise_text_is_one_line_a_finding_as_before(color):
    """The concise format's golden files are those of the text format before the full one."""
    name = "findings.concise.color.txt" if color else "findings.concise.txt"
    check_golden(name, text_output.render(findings(), FAILURES, color=color, texts=TEXTS.get,
                                          output_format="concise") + "\n")


def test_golden_json():
    check_golden("findings.json", json_output.render(findings(), FAILURES) + "\n")


def test_golden_jsonl():
    out = jsonl.render(findings(), FAILURES)
    check_golden("findings.jsonl", out + "\n")
    records = [json.loads(line) for line in out.splitlines()]
    assert records == json.loads(json_output.render(findings()))["findings"]
    assert jsonl.render([]) == ""


def test_golden_rdjsonl():
    out = rdjsonl.render(findings(), FAILURES, texts=TEXTS)
    check_golden("findings.rdjsonl", out + "\n")
    first = json.loads(out.splitlines()[0])
    assert first["location"]["range"] == {"start": {"line": 7, "column": 1},
                                          "end": {"line": 7, "column": 17}}
    reserve = json.loads(out.splitlines()[2])["location"]["range"]
    # the span runs over a line break; the curly apostrophe before it is 3 UTF-8 bytes
    line7 = WIRE_TEXT.splitlines()[6]
    assert reserve["start"] == {"line": 7, "column": len(line7[: line7.index("5%")].encode()) + 1}
    assert reserve["end"] == {"line": 8, "column": len("officials") + 1}


def test_golden_sarif(stable_sarif):
    check_golden("findings.sarif", sarif.render(findings(), FAILURES, rules=RULES,
                                                texts=TEXTS) + "\n")


def test_golden_github():
    check_golden("findings.github.txt", github.render(findings(), FAILURES) + "\n")


def test_golden_github_summary():
    check_golden("findings.github-summary.md", github.summary(findings(), FAILURES))


def test_golden_junit():
    check_golden("findings.junit.xml", junit.render(findings(), FAILURES,
                                                    files=[WIRE, "news/clean.md"]) + "\n")


# --- SARIF ------------------------------------------------------------------------------------

def validate_sarif(doc: dict) -> None:
    """Validate against the SARIF 2.1.0 schema (OASIS errata01), and what GitHub relies on."""
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
    assert len(doc["runs"]) == 1
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids))
    for result in run["results"]:
        assert result["ruleId"] in ids
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["partialFingerprints"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert {"startLine", "startColumn", "endLine", "endColumn"} <= set(region)
        assert (region["endLine"], region["endColumn"]) >= (region["startLine"], region["startColumn"])
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"] and rule["help"]["markdown"]


def test_sarif_validates_and_describes_every_rule():
    doc = sarif.document(findings(), FAILURES, rules=RULES, texts=TEXTS)
    validate_sarif(doc)
    run = doc["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == [
        "contradicting-figures", "name-variant", "never-fired", "share-note", "unsourced-figure"]
    assert run["invocations"][0]["executionSuccessful"] is False
    assert len(run["invocations"][0]["toolExecutionNotifications"]) == 2
    reserve = run["results"][2]["locations"][0]["physicalLocation"]
    assert reserve["region"]["snippet"]["text"] == "5% reserve ran out,\nofficials"
    assert (reserve["region"]["endLine"], reserve["region"]["endColumn"]) == (8, 10)
    assert reserve["artifactLocation"]["uri"] == "news/wire-post.md"
    related = run["results"][0]["relatedLocations"][0]["physicalLocation"]
    assert related["artifactLocation"]["uri"] == "news/daily%20ledger.md"


def test_sarif_without_texts_or_rules_is_still_valid():
    validate_sarif(sarif.document(findings()))
    validate_sarif(sarif.document([]))


def test_sarif_fingerprints_survive_lines_inserted_above():
    before = findings()
    shifted = [Finding(**{**f.__dict__, "line": f.line + 5, "start": f.start + 40,
                          "end": f.end + 40}) for f in before]
    assert sarif.fingerprints(before) == sarif.fingerprints(shifted)
    assert len(set(sarif.fingerprints(before))) == len(before)
    twice = sarif.fingerprints([before[0], before[0]])
    assert twice[0] != twice[1] and twice[0].split(":")[0] == twice[1].split(":")[0]


def test_sarif_regions_fall_back_without_the_file():
    assert sarif.span_region(3, 5, 10, 20) == {"startLine": 3, "startColumn": 5,
                                               "endLine": 3, "endColumn": 15}
    assert sarif.span_region(3, 5, 10, 20, written="ab\ncdef") == {
        "startLine": 3, "startColumn": 5, "endLine": 4, "endColumn": 5}
    # a text whose line:col disagrees with the finding (another file) is not used
    assert sarif.span_region(2, 1, 0, 3, text="x\nabc")["endColumn"] == 4


# --- GitHub -----------------------------------------------------------------------------------

def test_github_escapes_properties_and_data():
    out = github.render(findings())
    info = next(line for line in out.splitlines() if line.startswith("::notice"))
    assert info == ("::notice file=news/wire-post.md,line=7,col=41,title=share-note::"
                    "100%25 of 5%25: a <share> | with, commas: and%0Anewline")
    assert github.escape_property("a:b,c%\r\n") == "a%3Ab%2Cc%25%0D%0A"
    assert github.escape_data("a:b,c%\r\n") == "a:b,c%25%0D%0A"
    odd = Finding(rule="r", type="t", severity="error", message="m", path="a,b:c.md", line=1,
                  col=1, start=0, end=1)
    assert github.render([odd]) == "::error file=a%2Cb%3Ac.md,line=1,col=1,title=r::m"


def test_github_errors_first():
    kinds = [line.split(" ", 1)[0] for line in github.render(findings(), FAILURES).splitlines()]
    assert kinds == ["::error", "::error", "::error", "::warning", "::warning", "::notice"]
    assert github.render(findings(), FAILURES).startswith(
        "::error file=news/broken.md,line=3,title=checker%3A input not checked::invalid YAML")


def test_github_summary_escapes_table_cells():
    summary = github.summary(findings())
    row = next(line for line in summary.splitlines() if "share\\-note" in line)
    assert "a \\<share\\> \\| with\\, commas\\: and<br>newline" in row
    assert summary.count("\n| ") == 2 + len(findings())  # header, separator, a row a finding


# --- JUnit ------------------------------------------------------------------------------------

def test_junit_counts_and_is_well_formed():
    root = ET.fromstring(junit.render(findings(), FAILURES, files=[WIRE, "news/clean.md"]))
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("7", "4", "2")
    suites = {s.get("name"): s for s in root}
    assert suites["news/clean.md"].find("testcase").find("failure") is None
    assert suites[WIRE].get("failures") == "4"
    bad = Finding(rule="r", type="t", severity="error", message="bell\x07 <&>", path="x.md",
                  line=1, col=1, start=0, end=1)
    case = ET.fromstring(junit.render([bad])).find("testsuite/testcase/failure")
    assert case.get("message") == "bell <&>"


# --- the CLI ----------------------------------------------------------------------------------

@pytest.fixture
def newsroom(monkeypatch):
    """The example newsroom repository, as the working directory (its checker.yaml applies)."""
    monkeypatch.chdir(NEWSROOM)
    return NEWSROOM


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "rdjsonl", "sarif", "github", "junit"])
def test_cli_every_format_on_the_newsroom_example(newsroom, fmt, monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    result = CliRunner().invoke(lint_command, ["content/", "--format", fmt])
    assert result.exit_code == 1, result.output  # the planted contradiction is an error
    out = result.stdout
    assert "contradicting-figures" in out
    if fmt == "sarif":
        validate_sarif(json.loads(out))
    elif fmt in ("jsonl", "rdjsonl"):
        assert all(json.loads(line) for line in out.splitlines())
    elif fmt == "junit":
        ET.fromstring(out)
    elif fmt == "json":
        assert json.loads(out)["schema_version"] == "1.2"


def test_cli_output_file_and_no_colour(newsroom, tmp_path):
    target = tmp_path / "results.sarif"
    result = CliRunner().invoke(lint_command, ["content/", "--format", "sarif", "-o", str(target),
                                               "--exit-zero"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    validate_sarif(json.loads(target.read_text(encoding="utf-8")))
    plain = CliRunner().invoke(lint_command, ["content/", "--no-color"])
    assert "\x1b[" not in plain.stdout


def test_cli_github_appends_the_step_summary(newsroom, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    summary.write_text("# earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = CliRunner().invoke(lint_command, ["content/", "--format", "github"])
    assert result.exit_code == 1
    assert result.stdout.startswith("::error file=content/posts/2025-03-10-orla-harbour-district.md,"
                                    "line=10,col=1,title=contradicting-figures::")
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# earlier step\n### checker\n")
    assert "| error | content\\/posts\\/2025\\-03\\-10\\-orla\\-harbour\\-district\\.md\\:10\\:1 |" in text


def test_colour_only_on_a_terminal():
    assert text_output.color_wanted(False, True, {})
    assert not text_output.color_wanted(False, False, {})
    assert not text_output.color_wanted(True, True, {})
    assert not text_output.color_wanted(False, True, {"NO_COLOR": "1"})
    assert text_output.color_wanted(False, True, {"NO_COLOR": ""})
