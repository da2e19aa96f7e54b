"""Messages as a reader sees them (issue 12): no outlet listed twice for the same figure, no
double space where a field is empty, counts in the right number, rule texts that agree
with their severity."""
from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.checks import listing
from checker.cli import cli
from checker.ruleset import load_rules

BUNDLED = load_rules()


def write(path: Path, outlet: str, published: str, *paragraphs: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\noutlet: {outlet}\npublished: {published}\nlang: en\n---\n\n"
                    + "\n\n".join(paragraphs) + "\n", encoding="utf-8")


def test_an_outlet_that_credits_the_same_figure_twice_is_listed_once(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "draft.md", "Wire Post", "2024-10-21",
          "About 10,000 North Korean soldiers are in Russia, according to South Korea's "
          "National Intelligence Service (NIS).")
    write(tmp_path / "ledger.md", "Daily Ledger", "2024-10-20",
          "Ukrainian President Volodymyr Zelenskyy said 10,000 North Korean soldiers were in Russia.",
          "Zelenskyy said on Sunday that the 10,000 North Korean soldiers were training in Russia.")
    result = CliRunner().invoke(cli, ["lint", "draft.md", "--against", "ledger.md", "--no-cache",
                                      "--format", "json", "--select", "source-conflict"])
    [finding] = json.loads(result.stdout)["findings"]
    assert finding["message"] == "10,000 is credited to NIS here; 10,000 (Zelensky, Daily Ledger)"
    assert len(finding["claims"]) == 3  # both of the ledger's claims are still involved


def test_listing_names_each_item_once_and_counts_every_claim():
    assert listing(["1,500 (NIS, A)", "1,500 (NIS, A)", "3,000 (B)"], 3) == "1,500 (NIS, A); 3,000 (B)"
    assert listing(["1,500 (NIS, A)", "1,500 (NIS, A)"], 5) == "1,500 (NIS, A) and 3 more"


def test_an_empty_subject_leaves_no_double_space():
    [rule] = [r for r in BUNDLED if r.id == "contradicting-figures"]
    assert rule.render({"figure": "1.1 meter", "subject": "", "others": "2.4 meter (x, Wire)"}) == \
        "1.1 meter contradicts 2.4 meter (x, Wire)"


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_no_bundled_message_has_a_double_space_its_template_does_not(data):
    """Whatever fields are empty, a bundled message's spaces are its template's, less one for
    each empty field."""
    rule = data.draw(st.sampled_from(BUNDLED))
    names = {n for _, n, _, _ in string.Formatter().parse(rule.message) if n}
    filled = {n: data.draw(st.sampled_from(["", "x", "1,500 (NIS, Daily Ledger)"])) for n in names}
    message = rule.render(filled)
    if "  " not in rule.message:
        assert "  " not in message
    assert message == message.strip() or rule.message != rule.message.strip()


def test_rules_test_counts_in_the_singular():
    result = CliRunner().invoke(cli, ["rules", "test", "weekday-mismatch"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    examples = len(next(r for r in BUNDLED if r.id == "weekday-mismatch").examples)
    assert lines == [f"ok    weekday-mismatch ({examples} examples)",
                     f"1 rule, {examples} examples, 0 failed"]


def test_one_claim_is_one_claim(tmp_path):
    write(tmp_path / "a.md", "T", "2024-10-18", "More than 40 people were counted.")
    result = CliRunner().invoke(cli, ["claims", str(tmp_path / "a.md"), "--no-cache"])
    assert result.stdout.splitlines()[-1] == "1 claim"


@pytest.mark.parametrize("rule", [r for r in BUNDLED if r.severity != "error"], ids=lambda r: r.id)
def test_a_rule_that_is_not_an_error_does_not_call_its_findings_errors(rule):
    """source-conflict said 'misattribution is an error' while its severity is warning."""
    from checker.checks import rule_type
    for text in (rule.description, rule_type(rule.type).__doc__ or ""):
        assert not re.search(r"\bis an error\b", text), text
