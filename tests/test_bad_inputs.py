"""Bad inputs through the command line: every file ends checked, or failed with a clear reason.

`tests/bad_inputs/` holds small files that newsroom archives really contain: undecodable bytes,
UTF-16 with a BOM, Latin-1 and Windows-1252 articles, a NUL byte, a PNG named `.md`, an empty
file, CRLF and mixed line endings, broken front matter (unterminated, invalid YAML, TOML and
JSON, a date that is not a date, a list where a string belongs, an unknown language, a YAML tag
that would run a command), pathological numerals, every Unicode space and dash, right-to-left
text, emoji and deeply nested HTML. The tests copy it and add what is too big or too odd to
commit: a line of 1 MB, a 50 MB file, a thousand figures in one sentence, 100,000 nested HTML
elements, a symbolic-link loop and (when not running as root) an unreadable file.

After `checker lint` and `checker claims` over that directory, each file is in exactly one
state: checked (a JUnit suite of its own, claims in the claims output) or failed (in the
failures, with its line and what was expected), and the exit code is 2 with no traceback.
The same input gives the same bytes whatever order the files are given in and whatever
`--jobs` is.
"""
from __future__ import annotations

import json
import os
import random
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker import pipeline
from checker import readers
from checker.cli import cli, main
from checker.readers.langid import supported_languages

HERE = Path(__file__).resolve().parent
BAD = HERE / "bad_inputs"
STORY = HERE.parent / "examples" / "story"

SUPPORTED = ", ".join(supported_languages())
NUL_HINT = "if it is UTF-16 text, save it with a BOM or as UTF-8"
DATE_HINT = "expected a date like 2024-10-19, 2024-10-19T10:00:00+02:00 or Sat, 19 Oct 2024 10:00:00 GMT"

# (line, message) of every committed file that must fail
FAILED = {
    "undecodable.md": (9, "cannot decode as UTF-8 (byte 0x81 at offset 113); save the file as UTF-8"),
    "nul-byte.md": (7, f"binary file? (NUL byte at offset 89; {NUL_HINT})"),
    "png-named.md": (3, f"binary file? (NUL byte at offset 8; {NUL_HINT})"),
    "empty.md": (None, "empty article"),
    "fm-unterminated.md": (1, "front matter opened with '---' is never closed (expected a closing '---' line)"),
    "fm-invalid-yaml.md": (4, "invalid YAML front matter: expected ',' or ']', but got ':'"),
    "fm-invalid-toml.md": (3, "invalid TOML front matter: Invalid value"),
    "fm-invalid-json.md": (4, "invalid JSON front matter: Expecting property name enclosed in double quotes"),
    "fm-json-surrogate.md": (1, 'invalid JSON front matter: "outlet" holds an unpaired surrogate (\\ud800), '
                                "which is not a character"),
    "feed-surrogate.jsonl": (1, 'invalid JSON: "body" holds an unpaired surrogate (\\udc80), which is not a character'),
    "fm-date-not-date.md": (3, f"'published': 'last Tuesday' is not a date ({DATE_HINT})"),
    "fm-impossible-date.md": (3, f"'published': '2025-13-45' is not a date ({DATE_HINT})"),
    "fm-list-for-string.md": (2, "'outlet' must be a single value, not a list (got [\"Test Wire\", \"Other Wire\"])"),
    "fm-unknown-lang.md": (4, f"unknown language 'tlh' (from front matter 'lang'; expected an ISO 639 "
                              f"code such as {SUPPORTED}, or any other language CLDR knows)"),
    "fm-python-tag.md": (2, "invalid YAML front matter: tag '!!python/object/apply:os.system' is not allowed "
                            "(only plain values)"),
}
# every committed file that must be checked, with the codec its offsets are counted in
CHECKED = {
    "utf16-bom.md": "utf-16", "latin1.md": "cp1252", "windows-1252.md": "cp1252", "crlf.md": "utf-8",
    "mixed-line-endings.md": "utf-8", "numerals-pathological.md": "utf-8",
    "unicode-spaces-dashes.md": "utf-8", "rtl-in-english.md": "utf-8", "emoji.md": "utf-8",
    "rtl-arabic.md": "utf-8",  # no Arabic data file: its figures are read, with a notice
    "deeply-nested.html": "utf-8",
}
FRONT = "---\noutlet: Test Wire\npublished: 2025-08-06\nlang: en\n---\n\n"


def run(*args: str):
    """`checker ARGS` in this process; fails the test on an exception that escaped the CLI."""
    result = CliRunner().invoke(cli, list(args))
    if not isinstance(result.exception, (SystemExit, type(None))):
        raise result.exception
    return result


def no_traceback(result) -> None:
    assert "Traceback" not in result.stdout and "Traceback" not in result.stderr


def write_generated(root: Path) -> dict[str, tuple[int | None, str] | None]:
    """Add the inputs too big or too odd to commit; what each must end as (None: checked,
    else its failure; "" as the message: any clear reason)."""
    sentence = "Crews worked through the night along the ridge while residents waited in shelters. "
    line = "".join("Officials said 1,200 homes were destroyed. " if i % 200 == 0 else sentence
                   for i in range(1_000_000 // len(sentence)))
    (root / "one-megabyte-line.md").write_text(FRONT + line, encoding="utf-8")
    paragraph = "Officials said 1,200 homes were destroyed. " * 1000 + "\n\n"
    (root / "fifty-megabytes.md").write_text((FRONT + paragraph * 1200)[:50_000_000], encoding="utf-8")
    figures = ", ".join(f"{i:,} homes" for i in range(1, 1001))
    (root / "thousand-figures.md").write_text(f"{FRONT}Officials counted {figures} in the district.\n",
                                              encoding="utf-8")
    depth = 100_000
    (root / "nested-100000.html").write_text(
        '<html lang="en"><body><article>' + "<div>" * depth + "<p>Officials said 1,200 homes were "
        "destroyed.</p>" + "</div>" * depth + "</article></body></html>", encoding="utf-8")
    expected: dict[str, tuple[int | None, str] | None] = {
        "one-megabyte-line.md": None,
        "fifty-megabytes.md": (None, "file too large to be an article (50.0 MB; the limit is 10 MB): not read"),
        "thousand-figures.md": None,
        "nested-100000.html": (None, ""),  # refused as too deep, or checked: either, never a hang
    }
    (root / "loop").mkdir()
    (root / "loop" / "inside.md").write_text(FRONT + "Officials said 1,200 homes were destroyed.\n",
                                             encoding="utf-8")
    os.symlink("..", root / "loop" / "back")  # a directory loop: cut silently
    os.symlink("self.md", root / "loop" / "self.md")
    expected["loop/inside.md"] = None
    expected["loop/self.md"] = (None, "symbolic link loop: 'self.md' never leads to a file")
    if os.geteuid() != 0:  # root reads anything
        locked = root / "unreadable.md"
        locked.write_text(FRONT + "Officials said 1,200 homes were destroyed.\n", encoding="utf-8")
        locked.chmod(0)
        expected["unreadable.md"] = (None, "cannot read the file: permission denied")
    return expected


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The bad inputs and the generated ones, in one directory; what each file must end as."""
    root = tmp_path_factory.mktemp("bad") / "bad"
    shutil.copytree(BAD, root)
    expected: dict[str, tuple[int | None, str] | None] = {name: None for name in CHECKED}
    expected.update(FAILED)
    expected.update(write_generated(root))
    yield root, expected
    (root / "fifty-megabytes.md").unlink()
    if (root / "unreadable.md").exists():
        (root / "unreadable.md").chmod(0o600)


@pytest.fixture(scope="module")
def outputs(corpus, tmp_path_factory):
    """lint (JUnit, JSON, text) and claims (JSON, JSON Lines) over the corpus, run once."""
    root, _ = corpus
    cache = str(tmp_path_factory.mktemp("cache"))
    common = ["--jobs", "1", "--cache-dir", cache]
    return {
        "junit": run("lint", str(root), "--format", "junit", *common),
        "json": run("lint", str(root), "--format", "json", *common),
        "text": run("lint", str(root), "--no-color", *common),
        "claims": run("claims", str(root), "--format", "json", *common),
        "jsonl": run("claims", str(root), "--format", "jsonl", *common),
    }


def rel(root: Path, path: str) -> str:
    return Path(path).relative_to(root).as_posix()


def test_the_directory_holds_every_case():
    assert sorted(p.name for p in BAD.iterdir()) == sorted(set(FAILED) | set(CHECKED))
    assert max(p.stat().st_size for p in BAD.iterdir()) < 100_000  # big inputs are generated


def test_every_file_is_either_checked_or_failed_with_its_reason(corpus, outputs):
    root, expected = corpus
    junit = ET.fromstring(outputs["junit"].stdout)
    checked = {rel(root, s.get("name")) for s in junit if s.get("name") != "checker: inputs not checked"}
    failures = json.loads(outputs["json"].stdout)["failures"]
    failed = {rel(root, f["path"]): (f["line"], f["message"]) for f in failures}
    assert len(failed) == len(failures)  # one failure a file
    assert checked.isdisjoint(failed)
    assert checked | set(failed) == set(expected)
    assert checked == {name for name, end in expected.items() if end is None}
    for name, end in expected.items():
        if end is not None and end[1]:
            assert failed[name] == end, name
        elif end is not None:
            assert failed[name][1], name  # a reason, whatever it is
    claims = json.loads(outputs["claims"].stdout)
    with_claims = {rel(root, c["path"]) for c in claims["claims"]}
    assert with_claims == checked  # every checked file has figures to show
    assert sorted(claims["failures"]) == sorted(
        f"{root}/{name}{f':{line}' if line else ''}: {message}" for name, (line, message) in failed.items())


def test_failures_exit_2_with_a_summary_and_no_traceback(corpus, outputs):
    _, expected = corpus
    n = sum(1 for end in expected.values() if end is not None)
    for result in outputs.values():
        assert result.exit_code == 2
        no_traceback(result)
        assert result.stderr.splitlines()[-1] == f"{n} files could not be checked"
    assert outputs["text"].stdout.splitlines()[-1].endswith(f" {n} inputs could not be read.")
    assert json.loads(outputs["json"].stdout)["summary"]["failures"] == n


def test_line_and_column_point_at_the_figure_in_the_file(corpus, outputs):
    """Whatever the encoding and line endings (CRLF, mixed, a BOM): the file's line `line`,
    from column `col`, starts with the claim's text, and `start:end` is that text."""
    root, _ = corpus
    rows = [json.loads(line) for line in outputs["jsonl"].stdout.split("\n") if line]
    seen = set()
    for row in rows:
        name = rel(root, row["path"])
        if name not in CHECKED:
            continue
        seen.add(name)
        text = (root / name).read_bytes().decode(CHECKED[name]).lstrip("\ufeff")
        assert text[row["start"]:row["end"]] == row["text"], (name, row)
        line = text.split("\n")[row["line"] - 1]
        first = row["text"].split("\n")[0]
        assert line[row["col"] - 1:].startswith(first), (name, row)
    assert seen == set(CHECKED)
    crlf = [r for r in rows if r["path"].endswith("/crlf.md")]
    assert [(r["line"], r["col"], r["text"]) for r in crlf][:2] == [(7, 40, "about 30,000 acres"),
                                                                   (9, 16, "1,200 homes")]


def test_yaml_tags_construct_nothing(corpus, outputs):
    root, _ = corpus
    assert not (root / "pwned.txt").exists() and not Path("pwned.txt").exists()


# --- internal errors: one line, the traceback with --debug --------------------------------------

@pytest.fixture
def three(tmp_path):
    for name in ("a.md", "b.md", "c.md"):
        (tmp_path / name).write_text(FRONT + "Officials said 1,200 homes were destroyed.\n", encoding="utf-8")
    return tmp_path


def boom_for(name: str, original):
    def reader(path, *args, **kwargs):
        if path.endswith(name):
            raise RuntimeError("boom")
        return original(path, *args, **kwargs)
    return reader


@pytest.mark.parametrize("command", ["lint", "claims"])
def test_a_bug_on_one_file_is_one_line_and_the_others_are_checked(three, monkeypatch, command):
    monkeypatch.setattr(readers, "read_markdown", boom_for("b.md", readers.read_markdown))
    result = run(command, str(three), "--jobs", "1", "--no-cache", "--format", "json")
    assert result.exit_code == 2
    no_traceback(result)
    assert result.stderr.splitlines() == [
        f"{three}/b.md: internal error while reading this file (please report it): RuntimeError: boom",
        "1 file could not be checked",
    ]
    out = json.loads(result.stdout)
    if command == "claims":
        assert {Path(c["path"]).name for c in out["claims"]} == {"a.md", "c.md"}


def test_debug_shows_the_traceback_of_a_bug(three, monkeypatch):
    monkeypatch.setattr(readers, "read_markdown", boom_for("b.md", readers.read_markdown))
    result = run("--debug", "claims", str(three), "--jobs", "1", "--no-cache", "--format", "jsonl")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == f"{three}/b.md: internal error while reading this file (please report it): RuntimeError: boom"
    assert lines[1] == "Traceback (most recent call last):"
    assert "in reader" in result.stderr and lines[-2] == "RuntimeError: boom"
    assert {Path(json.loads(c)["path"]).name for c in result.stdout.splitlines()} == {"a.md", "c.md"}


@pytest.fixture
def bad_extraction(monkeypatch):
    """Claim extraction raises on b.md."""
    original = pipeline.article_records

    def records(article, *args, **kwargs):
        if article.path.endswith("b.md"):
            raise ValueError("bad figure")
        return original(article, *args, **kwargs)

    monkeypatch.setattr(pipeline, "article_records", records)


def test_a_bug_in_extraction_is_one_line_and_the_others_are_checked(three, bad_extraction):
    result = run("claims", str(three), "--jobs", "1", "--no-cache", "--format", "jsonl")
    assert result.exit_code == 2
    no_traceback(result)
    assert result.stderr.splitlines() == [
        f"{three}/b.md: internal error while extracting claims (please report it): ValueError: bad figure",
        "1 file could not be checked",
    ]
    assert {Path(json.loads(c)["path"]).name for c in result.stdout.splitlines()} == {"a.md", "c.md"}


def test_junit_does_not_pass_a_file_whose_extraction_failed(three, bad_extraction):
    result = run("lint", str(three), "--jobs", "1", "--no-cache", "--format", "junit")
    assert result.exit_code == 2
    suites = {s.get("name"): s for s in ET.fromstring(result.stdout)}
    assert set(suites) == {f"{three}/a.md", f"{three}/c.md", "checker: inputs not checked"}
    assert suites["checker: inputs not checked"].find("testcase").get("file") == f"{three}/b.md"


@pytest.mark.parametrize("debug", [False, True])
def test_a_bug_outside_the_files_is_one_line_or_a_traceback_with_debug(three, monkeypatch, capsys, debug):
    def broken(*args, **kwargs):
        raise KeyError("rule")

    monkeypatch.setattr("checker.project.lint", broken)
    with pytest.raises(SystemExit) as exit_:
        main((["--debug"] if debug else []) + ["lint", str(three), "--jobs", "1", "--no-cache"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    if debug:
        assert err.startswith("Traceback (most recent call last):") and err.endswith("KeyError: 'rule'\n")
    else:
        assert err == "checker: internal error: KeyError: 'rule' (run with --debug for details)\n"


def test_a_file_that_cannot_be_read_is_a_failure(three, monkeypatch):
    """As root, chmod 000 does not stop reading: the refusal is simulated."""
    real_open = open

    def guarded(path, *args, **kwargs):
        if str(path).endswith("b.md"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(pipeline, "open", guarded, raising=False)
    result = run("lint", str(three), "--jobs", "1", "--no-cache", "--format", "json")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["failures"] == [
        {"path": f"{three}/b.md", "line": None, "message": "cannot read the file: permission denied"}]


# --- determinism: the same input, the same bytes ------------------------------------------------

@pytest.fixture
def archive(tmp_path, monkeypatch):
    """Four copies of the bundled story and four bad files: 20 files, enough for two workers."""
    monkeypatch.chdir(tmp_path)
    for i in range(1, 5):
        shutil.copytree(STORY, tmp_path / "archive" / f"desk{i}")
    for name in ("empty.md", "nul-byte.md", "fm-invalid-yaml.md", "crlf.md"):
        shutil.copy(BAD / name, tmp_path / "archive" / name)
    return sorted(str(p.relative_to(tmp_path)) for p in (tmp_path / "archive").rglob("*.md"))


def test_same_output_whatever_the_order_of_the_files_and_the_jobs(archive):
    shuffled = list(archive)
    random.Random(7).shuffle(shuffled)
    orders = {"directory": ["archive"], "reversed": archive[::-1], "shuffled": shuffled}
    for command, fmt in (("lint", "json"), ("claims", "jsonl")):
        outputs = {}
        for order, paths in orders.items():
            for jobs in ("1", "2"):
                result = run(command, *paths, "--format", fmt, "--jobs", jobs, "--no-cache")
                assert result.exit_code == 2, result.stderr
                outputs[order, jobs] = (result.stdout, result.stderr)
        first = outputs["directory", "1"]
        assert len(first[1].splitlines()) == 4  # three failures and the count
        assert all(out == first for out in outputs.values()), command
