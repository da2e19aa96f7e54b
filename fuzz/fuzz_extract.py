#!/usr/bin/env python3
"""Fuzz the reader and the extractor: file bytes → `parse_file` → `article_records`.

    .venv/bin/pip install atheris
    mkdir -p /tmp/fuzz-new && .venv/bin/python fuzz/fuzz_extract.py /tmp/fuzz-new fuzz/corpus \\
        -atheris_runs=100000 -timeout=20 -rss_limit_mb=4096

Each input is read as every kind of article file (Markdown, plain text, HTML, JSON Lines and a
file without an extension, which is sniffed) with a default language picked from the input's
length, and every article read is extracted. Expected problems are `Failure`s (undecodable
bytes, bad front matter, no language, an empty article); anything else is a bug: an exception
from extraction, a Failure that reports an internal error, or a claim whose span is not inside
its article or whose text is not the text at its span.

`check_input(data)` is the whole per-input check and needs no atheris, so the test suite runs it
over the seed corpus (`tests/test_fuzz_corpus.py`).
"""
from __future__ import annotations

import sys

NAMES = ("fuzz.md", "fuzz.txt", "fuzz.html", "fuzz.jsonl", "fuzz")
LANGS = ("en", "it", "es")


class FuzzFinding(AssertionError):
    """A bug found by the fuzzer (not an expected Failure of a bad input)."""


def check_article(article, records: list[dict]) -> None:
    """Every claim lies inside its article; outside HTML its text is the file text at its span."""
    for r in records:
        start, end = r["start"], r["end"]
        if not 0 <= start <= end <= len(article.text):
            raise FuzzFinding(f"claim span {start}:{end} outside the text ({len(article.text)} chars): {r['text']!r}")
        if not article.anchors and article.text[start:end] != r["text"]:
            raise FuzzFinding(f"claim text {r['text']!r} is not the text at {start}:{end}: "
                              f"{article.text[start:end]!r}")
        if r["line"] < 1 or r["col"] < 1:
            raise FuzzFinding(f"claim position {r['line']}:{r['col']} of {r['text']!r}")


def check_input(data: bytes) -> int:
    """Read `data` as each kind of file and extract it; the number of claims. Raises on a bug."""
    from checker.claims import article_records  # imported here so the fuzzer can instrument them
    from checker.readers import Defaults, parse_file

    defaults = Defaults(lang=LANGS[len(data) % len(LANGS)])
    claims = 0
    for name in NAMES:
        articles, failures = parse_file(name, data, defaults)
        for f in failures:
            if "internal error" in f.message:
                raise FuzzFinding(f"{name}: {f}")
        for article in articles:
            records = article_records(article)
            check_article(article, records)
            claims += len(records)
    return claims


def test_one_input(data: bytes) -> None:
    """The fuzz target: the input's bytes are the whole file (no bytes are spent on choices,
    so the seed corpus is plain articles and every mutation is a mutation of a file)."""
    check_input(data)


def main(argv: list[str]) -> None:
    import atheris  # only the fuzzer needs it

    with atheris.instrument_imports(include=["checker"]):  # coverage feedback from the checker only
        import checker.claims  # noqa: F401
        import checker.readers  # noqa: F401
        from checker.pipeline import warm_up
    warm_up()  # language data loaded once, not in the first inputs
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
