"""Hostile outputs (issue 15): what an article, an outlet or a file name says cannot drive the
reader's terminal, forge an output line, render as Markdown in a job summary, run as a formula
in a spreadsheet, or overwrite an input."""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.cli import cli
from checker.findings import Finding
from checker.outputs import github

STORY = Path(__file__).resolve().parents[1] / "examples" / "story"
ESC = "\x1b"
HOSTILE = ("Harbour\x1b[2J\x1b[1A\x1b[2K Courier \x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\ "
           "\u202eevil [x](https://evil.example) ![i](https://evil.example/t.png)")
# where a finding's related claim names the hostile outlet, as the text output shows it
SHOWN = ("Harbour\\x1b[2J\\x1b[1A\\x1b[2K Courier \\x1b]8;;https://evil.example\\x1b\\link"
         "\\x1b]8;;\\x1b\\ U+202Eevil [x](https://evil.example) ![i](https://evil.example/t.png)")


def run(*args: str, **kwargs):
    result = CliRunner().invoke(cli, list(args), **kwargs)
    if not isinstance(result.exception, (SystemExit, type(None))):
        raise result.exception
    return result


@pytest.fixture
def story(tmp_path) -> Path:
    """The example story with the Harbour Courier's outlet full of escape sequences (JSON front
    matter can write them) and Diario Austral's file name holding a line break."""
    target = tmp_path / "story"
    shutil.copytree(STORY, target)
    courier = target / "harbour-courier.md"
    body = courier.read_text("utf-8").split("---\n", 2)[2]
    front = {"outlet": HOSTILE, "published": "2025-08-06", "lang": "en"}
    courier.write_text(json.dumps(front) + "\n" + body, "utf-8")
    (target / "diario-austral.md").rename(target / "diario\naustral.md")
    return target


# --- 4: terminal escapes, bidi controls, forged lines ---------------------------------------------

# a finding's line, its source lines (gutter, `|`, the line or the carets), a related claim,
# the blank line after a finding and the summary: nothing else
LINE = re.compile(r"(\S.*:\d+:\d+: (error|warning|info) \S+ .*| *\d* \|( .*)?|  ↳ .*|"
                  r"|Found \d+ findings.*)")


@pytest.mark.parametrize("to_file", [False, True])
def test_text_output_shows_escapes_and_bidi_controls_and_forges_no_line(story, tmp_path, to_file):
    out = tmp_path / "findings.txt"
    args = ["lint", str(story), "--no-cache", "--no-color", "--exit-zero"]
    result = run(*args, *(["-o", str(out)] if to_file else []))
    text = out.read_text("utf-8") if to_file else result.stdout
    assert ESC not in text and "\u202e" not in text
    assert SHOWN in text
    assert f"{story}/diario\\naustral.md:12:1: warning unsourced-figure" in text
    assert all(LINE.fullmatch(line) for line in text.splitlines()), text


def test_colour_comes_only_from_the_checker(story):
    result = CliRunner().invoke(cli, ["lint", str(story), "--no-cache", "--exit-zero"], color=True)
    text = result.stdout
    assert "\x1b[2J" not in text and "\x1b]8" not in text and "\x1b[1A" not in text
    assert set(re.findall(r"\x1b\[[0-9;]*m", text)) <= {"\x1b[0m", "\x1b[1m", "\x1b[2m", "\x1b[31m",
                                                         "\x1b[33m", "\x1b[34m", "\x1b[36m"}


def test_failures_on_standard_error_show_escapes(tmp_path):
    article = tmp_path / "a\x1b[2J.md"
    article.write_text('{"published": "\\u001b]8;;https://evil.example\\u001b\\\\x"}\nText.\n', "utf-8")
    result = run("claims", str(article), "--no-cache")
    assert result.exit_code == 2
    assert ESC not in result.stderr
    assert "a\\x1b[2J.md:1: 'published': " in result.stderr


def test_github_annotations_and_summary_neutralise_article_text(story, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = run("lint", str(story), "--no-cache", "--format", "github", "--exit-zero")
    assert ESC not in result.stdout and "\u202e" not in result.stdout
    assert "U+202Eevil" in result.stdout
    assert all(line.startswith("::") for line in result.stdout.splitlines())
    text = summary.read_text("utf-8")
    assert ESC not in text and "\u202e" not in text
    assert "](" not in text and "<img" not in text
    assert "\\[x\\]\\(https\\:\\/\\/evil\\.example\\)" in text


@pytest.mark.parametrize("message", [
    "see [the wire](https://evil.example) and ![pixel](https://evil.example/p.png)",
    "<img src=https://evil.example/p.png> <a href='https://evil.example'>x</a>",
    "autolinks: https://evil.example www.evil.example user@evil.example <https://evil.example>",
    "`code` *bold* _it_ ~~gone~~ | cell &amp; :tada: @someone",
])
def test_the_step_summary_renders_article_text_as_written(message):
    finding = Finding(rule="unsourced-figure", type="unsourced", severity="warning",
                      message=message, path="a.md", line=1, col=1, start=0, end=1)
    row = next(line for line in github.summary([finding]).splitlines() if line.startswith("| warning"))
    cell = row.split(" | ")[-1].removesuffix(" |")
    # every ASCII punctuation mark is escaped: Markdown shows each as the character itself
    assert re.fullmatch(r"(?:[^!-/:-@\[-`{-~\\]|\\[!-/:-@\[-`{-~])*", cell), cell
    assert re.sub(r"\\(.)", r"\1", cell) == message


# --- 5: CSV formula injection ---------------------------------------------------------------------

FORMULA_ARTICLE = ('---\noutlet: "=HYPERLINK(\\"https://evil.example\\",\\"x\\")"\n'
                   "published: 2024-10-21\nlang: en\n---\n\n"
                   "-1,500 soldiers were moved to Kursk, Zelensky said.\n\n"
                   "+300 tanks, the Ministry of Defence said.\n\n@NIS said 12 km.\n")


def cells(text: str) -> list[str]:
    return [c for row in csv.reader(io.StringIO(text)) for c in row]


def test_claims_csv_writes_formulas_as_text(tmp_path):
    (tmp_path / "a.md").write_text(FORMULA_ARTICLE, "utf-8")
    result = run("claims", str(tmp_path / "a.md"), "--no-cache", "--format", "csv")
    written = cells(result.stdout)
    assert not [c for c in written if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert written.count("'=HYPERLINK(\"https://evil.example\",\"x\")") == 3
    assert "'-1,500 soldiers were moved to Kursk, Zelensky said." in written
    assert "'+300 tanks, the Ministry of Defence said." in written
    assert "'@NIS said 12 km." in written  # the sentence (the source is read as NIS)


def test_report_csv_files_write_formulas_as_text(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.md").write_text(FORMULA_ARTICLE, "utf-8")
    (tmp_path / "in" / "b.md").write_text(
        FORMULA_ARTICLE.replace('"=HYPERLINK(\\"https://evil.example\\",\\"x\\")"', "'@Wire'")
        .replace("300 tanks", "400 tanks"), "utf-8")
    result = run("report", str(tmp_path / "in"), "-o", str(tmp_path / "out") + "/")
    assert result.exit_code == 0, result.stderr
    for name in ("claims.csv", "findings.csv"):
        written = cells((tmp_path / "out" / name).read_text("utf-8"))
        assert not [c for c in written if c[:1] in ("=", "+", "-", "@", "\t", "\r")], name
    claims = cells((tmp_path / "out" / "claims.csv").read_text("utf-8"))
    assert "'@Wire" in claims and "'=HYPERLINK(\"https://evil.example\",\"x\")" in claims


# --- 10: -o never replaces an input ---------------------------------------------------------------

ARTICLE = ("---\noutlet: A\npublished: 2024-10-21\nlang: en\n---\n\n"
           "About 1,500 soldiers were moved, the Ministry of Defence said.\n")


@pytest.mark.parametrize("args", [
    ["lint", "{dir}", "-o", "{dir}/article.md"],
    ["lint", "{dir}", "--format", "json", "-o", "{dir}/../ow/article.md"],
    ["claims", "{dir}", "-o", "{dir}/article.md"],
    ["report", "{dir}", "-o", "{dir}/article.md"],
])
def test_an_output_naming_an_input_article_is_refused(tmp_path, args):
    folder = tmp_path / "ow"
    folder.mkdir()
    (folder / "article.md").write_text(ARTICLE, "utf-8")
    argv = [a.replace("{dir}", str(folder)) for a in args]
    result = run(*argv)
    assert result.exit_code == 2
    assert result.stderr == (f"{argv[-1]}: is an input file ({folder}/article.md); not overwritten: "
                             "write the output elsewhere\n")
    assert (folder / "article.md").read_text("utf-8") == ARTICLE


def test_a_report_may_replace_the_report_it_wrote_in_the_input_folder(tmp_path):
    folder = tmp_path / "ow"
    folder.mkdir()
    (folder / "article.md").write_text(ARTICLE, "utf-8")
    assert run("report", str(folder), "-o", f"{folder}/").exit_code == 0
    again = run("report", str(folder), "-o", f"{folder}/")
    assert again.exit_code == 0
    assert f"wrote {folder}/report.md" in again.stderr


@given(st.text(max_size=40))
@settings(max_examples=300, deadline=None)
def test_carets_measure_every_character_as_a_terminal_does(text):
    # the caret line counts columns: combining marks none, wide characters two, whatever
    # the text (the fast paths for Latin text and for typographic punctuation included)
    import unicodedata
    from checker.outputs.text import _width
    expected = sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF"
                   else 1 for ch in text)
    assert _width(text) == expected
