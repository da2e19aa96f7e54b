"""Text and JSON output, exact; and `checker lint` end to end on a stand-in pipeline."""
from __future__ import annotations

import json
import math
import os
import types
from dataclasses import dataclass

import pandas as pd
import pytest
from click.testing import CliRunner

from checker import project
from checker.cli.lint import lint_command
from checker.findings import (
    CLAIM_FIELDS, Finding, findings_frame, reaches, severity_rank, to_records,
)
from checker.outputs import json as json_output
from checker.outputs import text as text_output

WIRE_CLAIM = {
    "claim_id": "w1", "path": "corpus/wire-post.md", "outlet": "Wire Post",
    "published": "2024-10-21", "lang": "en", "kind": "figure", "start": 612, "end": 644,
    "line": 13, "col": 1, "text": "Some 3,000 North Korean soldiers",
    "sentence": "Some 3,000 North Korean soldiers were moved to Russia.", "value": 3000.0,
    "value_min": math.nan, "value_max": None, "qualifier": "approx", "unit": None,
    "subject": "soldiers", "subject_key": "soldier", "date_start": "2024-10-08",
    "date_end": "2024-10-12", "source": None, "source_text": None, "cue": None,
    "sentence_start": 612, "entities": "",  # internal columns are not part of a finding
}
LEDGER_CLAIM = {**WIRE_CLAIM, "claim_id": "d1", "path": "corpus/daily-ledger.md",
                "outlet": "Daily Ledger", "line": 9, "text": "about 1,500 special forces soldiers",
                "value": 1500.0, "source": "NIS", "source_text": "National Intelligence Service"}
ANON_CLAIM = {**LEDGER_CLAIM, "claim_id": "x1", "outlet": None, "path": "corpus/blog.md",
              "line": 4, "source": None, "text": "3,000 troops"}


def findings() -> list[Finding]:
    return [
        Finding(rule="contradicting-figures", type="contradiction", severity="error",
                message="Wire Post gives 3,000; Daily Ledger gives 1,500 (NIS)",
                path="corpus/wire-post.md", line=13, col=1, start=612, end=644,
                claims=[WIRE_CLAIM, LEDGER_CLAIM], related=[LEDGER_CLAIM, ANON_CLAIM]),
        Finding(rule="unsourced-figure", type="unsourced", severity="warning",
                message='unsourced figure: "Some 3,000 North Korean soldiers"',
                path="corpus/wire-post.md", line=13, col=1, start=612, end=644,
                claims=[WIRE_CLAIM]),
        Finding(rule="name-variant", type="name-variant", severity="warning",
                message="'Zelenskyy' is also written 'Zelensky' (2 articles)",
                path="corpus/daily-ledger.md", line=11, col=21, start=700, end=709),
    ]


def test_text_output_exact():
    assert text_output.render(findings(), output_format="concise").splitlines() == [
        "corpus/wire-post.md:13:1: error contradicting-figures Wire Post gives 3,000; "
        "Daily Ledger gives 1,500 (NIS)",
        '  ↳ Daily Ledger (corpus/daily-ledger.md:9): "about 1,500 special forces soldiers" — NIS',
        '  ↳ blog.md (corpus/blog.md:4): "3,000 troops" — National Intelligence Service',
        'corpus/wire-post.md:13:1: warning unsourced-figure unsourced figure: '
        '"Some 3,000 North Korean soldiers"',
        "corpus/daily-ledger.md:11:21: warning name-variant 'Zelenskyy' is also written "
        "'Zelensky' (2 articles)",
        "Found 3 findings (1 error, 2 warnings) in 2 files.",
    ]


def test_text_output_full_lists_every_other_claim_once_and_marks_agreement():
    """Without the files' texts (or for a file that does not hold the span), no source lines."""
    assert text_output.render(findings(), texts=lambda path: None).splitlines() == [
        "corpus/wire-post.md:13:1: error contradicting-figures Wire Post gives 3,000; "
        "Daily Ledger gives 1,500 (NIS)",
        '  ↳ Daily Ledger (corpus/daily-ledger.md:9): "about 1,500 special forces soldiers" — NIS',
        '  ↳ blog.md (corpus/blog.md:4): "3,000 troops" — National Intelligence Service (agrees)',
        "",
        'corpus/wire-post.md:13:1: warning unsourced-figure unsourced figure: '
        '"Some 3,000 North Korean soldiers"',
        "",
        "corpus/daily-ledger.md:11:21: warning name-variant 'Zelenskyy' is also written "
        "'Zelensky' (2 articles)",
        "",
        "Found 3 findings (1 error, 2 warnings) in 2 files.",
    ]


def test_text_output_unsourced_related_and_summaries():
    finding = Finding(rule="r", type="t", severity="info", message="m", path="a.md", line=1,
                      col=2, start=0, end=1, related=[{**ANON_CLAIM, "source_text": None}])
    assert text_output.render([finding], output_format="concise").splitlines() == [
        "a.md:1:2: info r m",
        '  ↳ blog.md (corpus/blog.md:4): "3,000 troops" — unsourced',
        "Found 1 finding (1 info) in 1 file.",
    ]
    assert text_output.render([]) == "No findings."
    assert text_output.render([], failures=["x"]) == "No findings. 1 input could not be read."


def test_json_output_structure():
    doc = json.loads(json_output.render(findings(), failures=[Failure("bad.md", 3, "not UTF-8")]))
    assert list(doc) == ["schema_version", "findings", "failures", "notices", "summary"]
    assert doc["schema_version"] == "1.2"
    assert doc["failures"] == [{"path": "bad.md", "line": 3, "message": "not UTF-8"}]
    assert doc["notices"] == []
    assert doc["summary"] == {"findings": 3, "error": 1, "warning": 2, "info": 0, "files": 2,
                              "failures": 1}
    first = doc["findings"][0]
    assert list(first) == ["rule", "type", "severity", "message", "path", "line", "col", "start",
                           "end", "claims", "related"]
    assert (first["rule"], first["type"], first["line"], first["start"]) == (
        "contradicting-figures", "contradiction", 13, 612)
    assert [list(c) for c in first["claims"]] == [list(CLAIM_FIELDS)] * 2
    assert first["claims"][0]["value"] == 3000.0
    assert first["claims"][0]["value_min"] is None and first["claims"][0]["source"] is None
    assert [c["claim_id"] for c in first["related"]] == ["d1", "x1"]
    assert doc["findings"][2]["claims"] == []


def test_records_and_frame_are_plain():
    records = to_records(findings())
    json.dumps(records)  # numpy and NaN never leak out
    frame = findings_frame(findings())
    assert list(frame.columns) == ["rule", "type", "severity", "message", "path", "line", "col",
                                   "start", "end", "claims", "related"]
    assert frame["severity"].tolist() == ["error", "warning", "warning"]
    claim = {**WIRE_CLAIM, "start": pd.Series([5]).iloc[0], "value": float("nan")}
    [record] = to_records([Finding("r", "t", "info", "m", "a", 1, 1, 0, 1, claims=[claim])])
    assert type(record["claims"][0]["start"]) is int and record["claims"][0]["value"] is None


def test_severity_order():
    assert [severity_rank(s) for s in ("info", "warning", "error")] == [0, 1, 2]
    assert reaches("error", "warning") and reaches("warning", "warning")
    assert not reaches("info", "warning")
    with pytest.raises(ValueError):
        severity_rank("fatal")


# --- `checker lint` on a stand-in pipeline ----------------------------------------------------

@dataclass(frozen=True)
class Article:
    path: str
    outlet: str | None = None
    text: str = "x\n"
    line_base: int = 0


@dataclass(frozen=True)
class Failure:
    path: str
    line: int | None
    message: str
    skipped: bool = False
    notice: bool = False

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def fake_claims(article: Article) -> list[dict]:
    name = os.path.basename(article.path)
    base = {k: None for k in CLAIM_FIELDS} | {"kind": "figure", "lang": "en", "line": 3,
                                             "col": 1, "start": 40, "end": 50,
                                             "subject_key": "soldier", "path": article.path,
                                             "article": article.path,
                                             "entities": "Pyongyang"}  # one story
    if name == "draft.md":
        return [base | {"text": "3,000 soldiers", "value": 3000.0, "outlet": "Draft"}]
    if name == "wire.md":
        return [base | {"text": "3,000 troops", "value": 3000.0, "outlet": "Wire", "source": "NIS"}]
    return []


@pytest.fixture
def pipeline(monkeypatch):
    """A stand-in for checker.pipeline: files named *.bad fail, the others give fake_claims."""
    def input_files(paths, include=(), exclude=(), follow_links=False):
        files = []
        for p in paths:
            files += [os.path.join(p, f) for f in sorted(os.listdir(p))] if os.path.isdir(p) else [p]
        return files, []

    def extract_files(files, defaults, keep=None, **options):
        articles, failures = [], []
        for f in files:
            if f.endswith(".bad"):
                failures.append(Failure(f, 1, "cannot decode"))
            else:
                articles.append(Article(f, defaults.outlet))
        claims = pd.DataFrame([c for a in articles for c in fake_claims(a)])
        return types.SimpleNamespace(claims=claims, failures=failures,
                                     articles=[keep(a) for a in articles] if keep else [], index=[])

    monkeypatch.setattr(project, "listed_files", input_files)
    monkeypatch.setattr(project, "extract_files", extract_files)


@pytest.fixture
def corpus(tmp_path):
    for name in ("draft.md", "wire.md"):
        (tmp_path / name).write_text("x\n", encoding="utf-8")
    return tmp_path


def test_lint_reports_targets_only_with_credits(pipeline, corpus):
    draft = str(corpus / "draft.md")
    result = CliRunner().invoke(lint_command, [draft, "--against", str(corpus),
                                               "--select", "unsourced-figure",
                                               "--output-format", "concise"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f'{draft}:3:1: warning unsourced-figure unsourced figure: "3,000 soldiers"; '
        "Wire credits 3,000 to NIS",
        f'  ↳ Wire ({corpus / "wire.md"}:3): "3,000 troops" — NIS',
        "Found 1 finding (1 warning) in 1 file.",
    ]


@pytest.mark.parametrize("fail_on, code", [("error", 0), ("warning", 1), ("info", 1)])
def test_lint_exit_codes(pipeline, corpus, fail_on, code):
    result = CliRunner().invoke(lint_command, [str(corpus / "draft.md"), "--fail-on", fail_on,
                                               "--select", "unsourced"])
    assert result.exit_code == code


def test_lint_severity_override_changes_the_exit_code(pipeline, corpus):
    result = CliRunner().invoke(lint_command, [str(corpus / "draft.md"), "--select", "unsourced",
                                               "--set", "unsourced-figure.severity=error"])
    assert result.exit_code == 1
    assert ": error unsourced-figure " in result.stdout


def test_lint_json_and_failed_input(pipeline, corpus):
    (corpus / "broken.bad").write_text("x", encoding="utf-8")
    result = CliRunner().invoke(lint_command, [str(corpus), "--format", "json",
                                               "--select", "unsourced-figure"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == f"{corpus / 'broken.bad'}:1: cannot decode"
    doc = json.loads(result.stdout)
    assert [(f["rule"], os.path.basename(f["path"])) for f in doc["findings"]] == [
        ("unsourced-figure", "draft.md")]
    assert doc["failures"] == [{"path": str(corpus / "broken.bad"), "line": 1,
                                "message": "cannot decode"}]


def test_lint_usage_errors_exit_2(pipeline, corpus):
    runner = CliRunner()
    assert runner.invoke(lint_command, []).exit_code == 2
    assert runner.invoke(lint_command, [str(corpus / "missing.md")]).exit_code == 2
    assert runner.invoke(lint_command, [str(corpus / "draft.md"), "--fail-on", "fatal"]).exit_code == 2
    result = runner.invoke(lint_command, [str(corpus / "draft.md"), "--published", "21/10/2024"])
    assert result.exit_code == 2 and "is not a date" in result.output


# --- the full format's source lines ---------------------------------------------------------------

def at_text(text: str, written: str, **fields) -> Finding:
    start = text.index(written)
    line = text.count("\n", 0, start) + 1
    col = start - (text.rfind("\n", 0, start) + 1) + 1
    return Finding(rule="r", type="t", severity="error", message="m", path="a.md", line=line,
                   col=col, start=start, end=start + len(written), **fields)


def test_carets_count_terminal_columns_of_wide_characters_and_tabs():
    text = "---\nlang: ja\n---\n\n東京\tで 3,000 人が避難した。\n"
    assert text_output.context_lines(at_text(text, "3,000 人"), text) == [
        "  |",
        "5 | 東京 で 3,000 人が避難した。",
        "  |         ^^^^^^^^",
    ]


def test_carets_under_accented_latin_and_combining_marks():
    # "é" is one column whether written as one character or as "e" and a combining accent
    for word in ("Sécurité", "Se\u0301curite\u0301"):
        text = f"x\nLa {word} civile a compté 3 000 morts.\n"
        [_, shown, carets] = text_output.context_lines(at_text(text, "3 000 morts"), text)
        assert carets == "  |" + " " * len(" La Sécurité civile a compté ") + "^" * 11


def test_a_long_line_is_cut_around_the_figure():
    text = "x\n" + "word " * 40 + "then 3,000 homes lost power " + "and more " * 30 + "\n"
    [bar, shown, carets] = text_output.context_lines(at_text(text, "3,000 homes"), text)
    assert shown.startswith("2 | …") and shown.endswith("…")
    assert len(shown) == len("2 | ") + text_output.MAX_COLUMNS + 2
    assert shown[carets.index("^"):carets.index("^") + 11] == "3,000 homes"


def test_crlf_and_control_characters_are_not_shown_raw():
    text = "---\nx: y\r\n---\r\n\r\nAt 9\x1b[2J 3,000 homes lost power.\r\n"
    assert text_output.context_lines(at_text(text, "3,000 homes"), text)[1] == \
        "5 | At 9\ufffd[2J 3,000 homes lost power."


def test_no_source_lines_where_the_text_does_not_hold_the_span():
    text = "short\n"
    finding = Finding(rule="r", type="t", severity="error", message="m", path="feed.jsonl", line=4,
                      col=7, start=7, end=12)
    assert text_output.context_lines(finding, text) == []
    assert text_output.context_lines(finding, None) == []
    assert text_output.context_lines(at_text("one\ntwo 3 three\n", "3"), "one\ntwo 3 three\n")[1:] == [
        "2 | two 3 three", "  |     ^"]
