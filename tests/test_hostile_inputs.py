"""Hostile inputs (issue 15): files built to crash the reader or make it slow are read, or
fail with one clear line naming the file and line, and never stop the other inputs."""
from __future__ import annotations

import json

from click.testing import CliRunner

from checker.cli import cli

FRONT = "---\noutlet: {outlet}\npublished: {published}\nlang: en\n---\n\n"


def run(*args: str):
    """`checker ARGS` in this process; an exception that escaped the CLI fails the test."""
    result = CliRunner().invoke(cli, list(args))
    if not isinstance(result.exception, (SystemExit, type(None))):
        raise result.exception
    return result


def claims_of(path) -> list[dict]:
    result = run("claims", str(path), "--format", "jsonl", "--no-cache", "-j", "1")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


# --- 11: dates at the ends of the calendar ---------------------------------------------------

def test_yesterday_before_year_one_and_tomorrow_after_9999_have_null_bounds(tmp_path):
    (tmp_path / "first.md").write_text(FRONT.format(outlet="A", published="0001-01-01")
                                       + "Yesterday 1,500 soldiers were moved.\n", "utf-8")
    (tmp_path / "last.md").write_text(FRONT.format(outlet="B", published="9999-12-31")
                                      + "Tomorrow 1,500 soldiers will be moved.\n", "utf-8")
    rows = claims_of(tmp_path)
    dates = {(r["path"].rsplit("/", 1)[-1], r["text"]): (r["date_start"], r["date_end"])
             for r in rows}
    assert dates[("first.md", "Yesterday")] == (None, None)
    assert dates[("first.md", "1,500 soldiers")] == (None, None)
    assert dates[("last.md", "Tomorrow")] == (None, None)
    assert dates[("last.md", "1,500 soldiers")] == (None, None)


# --- 3: one bad JSON Lines record, JSON front matter -------------------------------------------

BIG = "9" * 5000  # past Python's 4,300-digit limit on int("...")


def test_a_record_with_a_5000_digit_number_fails_alone(tmp_path):
    feed = tmp_path / "feed.jsonl"
    good = {"outlet": "Wire", "published": "2024-10-21", "lang": "en",
            "text": "About 1,500 soldiers were moved, the agency said."}
    feed.write_text(json.dumps(good) + "\n"
                    + '{"outlet": "Wire", "views": ' + BIG + ', "text": "12 km"}\n'
                    + json.dumps({**good, "text": "Some 3,000 troops left, officials said."}) + "\n"
                    + "[" * 100_000 + "]" * 100_000 + "\n", "utf-8")
    result = run("claims", str(feed), "--format", "jsonl", "--no-cache", "-j", "1")
    assert result.exit_code == 2
    assert f"{feed}:2: invalid JSON: a number has more than 4,300 digits" in result.stderr
    assert f"{feed}:4: invalid JSON: nested too deeply" in result.stderr
    assert "internal error" not in result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(r["line"], r["text"]) for r in rows if r["kind"] == "figure"} == {
        (1, "About 1,500 soldiers"), (3, "Some 3,000 troops left")}


def test_json_front_matter_with_a_5000_digit_number_is_one_clear_line(tmp_path):
    article = tmp_path / "a.md"
    article.write_text('{"outlet": "Wire",\n "views": ' + BIG + '}\nAbout 1,500 soldiers.\n', "utf-8")
    result = run("lint", str(article), "--no-cache", "-j", "1")
    assert result.exit_code == 2
    assert f"{article}:1: invalid JSON front matter: a number has more than 4,300 digits\n" in result.stderr


# --- 11: baselines, HTML charsets ---------------------------------------------------------------

def test_a_baseline_with_a_huge_count_or_deep_nesting_is_one_clear_line(tmp_path):
    article = tmp_path / "a.md"
    article.write_text(FRONT.format(outlet="A", published="2024-10-21")
                       + "About 1,500 soldiers were moved, the Ministry of Defence said.\n", "utf-8")
    huge = tmp_path / "huge.json"
    huge.write_text('{"version": 1, "findings": [{"rule": "r", "path": "a.md", "text": "t", '
                    '"sentence": "s", "count": ' + BIG + '}]}', "utf-8")
    deep = tmp_path / "deep.json"
    deep.write_text('{"version": 1, "findings": ' + "[" * 100_000 + "]" * 100_000 + "}", "utf-8")
    for baseline, why in ((huge, "a number has more than 4,300 digits"), (deep, "nested too deeply")):
        result = run("lint", str(article), "--no-cache", "--baseline", str(baseline))
        assert result.exit_code == 2
        assert result.stderr.endswith(f"{baseline}: not JSON: {why}\n"), result.stderr


def test_html_declaring_an_unusable_charset_is_read_as_windows_1252(tmp_path):
    for charset in ("undefined", "unicode_escape"):
        page = tmp_path / f"{charset}.html"
        page.write_bytes(f'<html><head><meta charset="{charset}"></head><body><p>'.encode()
                         + b"Caf\xe9 \\u0041: about 1,500 soldiers were moved, the agency said."
                         b"</p></body></html>")
        rows = claims_of(page)
        assert [r["text"] for r in rows] == ["about 1,500 soldiers"]
        assert rows[0]["sentence"].startswith("Caf\u00e9 \\u0041:")
