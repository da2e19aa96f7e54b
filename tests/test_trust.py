"""Reference precedence (`trust:` in the configuration): a draft that agrees with a trusted
wire but not with an old in-house article gets a finding that says so, at `trust_severity`."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.config import parse_config

SENTENCE = ("{} homes in the harbour district of Port Alder were without power on Monday, "
            "according to Alder Grid.")


def article(path: Path, outlet: str, published: str, figure: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\noutlet: {outlet}\npublished: {published}\nlang: en\n---\n\n"
                    f"{SENTENCE.format(figure)}\n", encoding="utf-8")


@pytest.fixture
def newsroom(tmp_path, monkeypatch):
    """Our draft says 3,400; the wire says 3,400; our own archive said 1,200."""
    article(tmp_path / "content" / "draft.md", "Port Alder Gazette", "2025-03-11", "About 3,400")
    article(tmp_path / "wires" / "wire.md", "Northwind Wire", "2025-03-10", "Some 3,400")
    article(tmp_path / "archive" / "old.md", "Port Alder Gazette", "2025-03-10", "Some 1,200")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def lint(root: Path, config: str) -> list[dict]:
    (root / "checker.yaml").write_text(config, encoding="utf-8")
    result = CliRunner().invoke(cli, ["lint", "content", "--format", "json", "--no-cache"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["findings"]


def test_without_trust_the_contradiction_with_the_archive_is_an_error(newsroom):
    [finding] = lint(newsroom, "against: [wires/, archive/]\n")
    assert (finding["severity"], finding["message"]) == (
        "error", "3,400 homes contradicts 1,200 (Alder Grid, Port Alder Gazette)")
    assert finding["related"] == []


def test_a_trusted_wire_that_agrees_overrules_the_archive(newsroom):
    [finding] = lint(newsroom, "against: [wires/, archive/]\ntrust: [wires/, archive/]\n"
                               "trust_severity: warning\n")
    assert finding["rule"] == "contradicting-figures"
    assert finding["severity"] == "warning"
    assert finding["message"] == (
        "3,400 homes contradicts 1,200 (Alder Grid, Port Alder Gazette); agrees with 3,400 "
        "(Alder Grid, Northwind Wire) in wires, which `trust` ranks above archive")
    assert [(c["path"], c["text"]) for c in finding["related"]] == [("wires/wire.md", "Some 3,400 homes")]


def test_the_severity_defaults_to_info_and_the_text_output_marks_the_wire_as_agreeing(newsroom):
    (newsroom / "checker.yaml").write_text("against: [wires/, archive/]\ntrust: [wires/, archive/]\n",
                                           encoding="utf-8")
    result = CliRunner().invoke(cli, ["lint", "content", "--no-cache"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("content/draft.md:7:1: info contradicting-figures ")
    assert lines[4:6] == [
        '  ↳ Port Alder Gazette (archive/old.md:7): "Some 1,200 homes" — Alder Grid',
        '  ↳ Northwind Wire (wires/wire.md:7): "Some 3,400 homes" — Alder Grid (agrees)',
    ]


def test_a_draft_that_contradicts_the_trusted_wire_stays_an_error(newsroom):
    article(newsroom / "content" / "draft.md", "Port Alder Gazette", "2025-03-11", "About 1,200")
    [finding] = lint(newsroom, "against: [wires/, archive/]\ntrust: [wires/, archive/]\n")
    assert (finding["severity"], finding["message"]) == (
        "error", "1,200 homes contradicts 3,400 (Alder Grid, Northwind Wire)")


def test_trust_in_the_other_order_keeps_the_error(newsroom):
    [finding] = lint(newsroom, "against: [wires/, archive/]\ntrust: [archive/, wires/]\n")
    assert finding["severity"] == "error" and "trust" not in finding["message"]


def test_trust_is_validated(newsroom):
    with pytest.raises(Exception, match="'trust_severity' must be one of error, warning, info"):
        parse_config("trust: [wires/]\ntrust_severity: fatal\n", "checker.yaml")
    (newsroom / "checker.yaml").write_text("against: [wires/]\ntrust: [nowhere/]\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["lint", "content", "--no-cache"])
    assert (result.exit_code, result.stderr) == (
        2, "checker.yaml:2: 'trust' pattern matches no file or folder: nowhere\n")
