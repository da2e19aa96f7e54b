"""The input stage: file bytes in, `Article` records and `Failure`s out.

`parse_file` is pure (no file system access): the caller reads the bytes, typically for the
paths `checker.walk.iter_input_files` returns. Every expected problem (undecodable bytes, bad
front matter, unsupported language, empty article) becomes a `Failure` with the file and line.
"""
from __future__ import annotations

import os

from ..article import Article, Failure
from .decode import DecodeError, decode_bytes
from .frontmatter import DEFAULT_ALIASES, Defaults, front_matter_end
from .html import comment_scope as html_comment_scope
from .html import looks_like_html, read_html
from .jsonl import read_jsonl
from .langid import partial_notice, supported_languages
from .markdown import comment_scope as markdown_comment_scope
from .markdown import read_markdown

__all__ = [
    "ARTICLE_EXTENSIONS",
    "comment_scope",
    "DEFAULT_ALIASES",
    "Defaults",
    "file_kind",
    "parse_feed_part",
    "parse_file",
    "supported_languages",
]

MARKDOWN_EXTENSIONS = (".md", ".markdown")
TEXT_EXTENSIONS = (".txt", ".text")
HTML_EXTENSIONS = (".html", ".htm")
JSONL_EXTENSIONS = (".jsonl", ".ndjson")
ARTICLE_EXTENSIONS = frozenset(MARKDOWN_EXTENSIONS + TEXT_EXTENSIONS + HTML_EXTENSIONS + JSONL_EXTENSIONS)


# what `checker report` writes at the top of its HTML and Markdown reports, so that a folder
# that keeps them beside the articles is checked without them
REPORT_MARK_HTML = '<meta name="generator" content="newsroom-checker report">'
REPORT_MARK_MARKDOWN = "<!-- newsroom-checker report -->"
REPORT_MARKS = (REPORT_MARK_HTML.encode(), REPORT_MARK_MARKDOWN.encode())


def is_checker_report(data: bytes) -> bool:
    """Whether a file is a report `checker report` wrote (its mark in the first 2 KB)."""
    head = data[:2048]
    return any(mark in head for mark in REPORT_MARKS)


def file_kind(path: str) -> str | None:
    """`markdown`, `text`, `html`, `jsonl`, `auto` (no extension: sniffed) or None (unsupported)."""
    ext = os.path.splitext(os.path.basename(path))[1].lower()
    if not ext:
        return "auto"
    if ext in MARKDOWN_EXTENSIONS:
        return "markdown"
    if ext in TEXT_EXTENSIONS:
        return "text"
    if ext in HTML_EXTENSIONS:
        return "html"
    if ext in JSONL_EXTENSIONS:
        return "jsonl"
    return None


def _parse(path: str, data: bytes, defaults: Defaults) -> tuple[list[Article], list[Failure]]:
    kind = file_kind(path)
    if kind is None:
        ext = os.path.splitext(path)[1]
        supported = ", ".join(sorted(ARTICLE_EXTENSIONS))
        return [], [Failure(path, None, f"unsupported file type {ext!r} (supported: {supported})")]
    if kind != "jsonl" and is_checker_report(data):
        return [], [Failure(path, None, "skipped: a report written by `checker report`, not an article",
                            skipped=True)]
    try:
        text = decode_bytes(data, html=kind in ("html", "auto")).text
    except DecodeError as e:
        return [], [Failure(path, e.line, e.message)]
    if kind == "auto":
        kind = "html" if looks_like_html(text) else "markdown"
    if kind == "html":
        return read_html(path, text, defaults)
    if kind == "jsonl":
        return read_jsonl(path, text, defaults)
    return read_markdown(path, text, defaults, markup=kind == "markdown")


def comment_scope(path: str, text: str) -> str:
    """The text of an article read from `path` with everything blanked where an HTML comment
    is not the author's comment (front matter, code, scripts, tags): where suppression
    comments are looked for. Same length as `text`, so offsets and lines do not change."""
    kind = file_kind(path)
    if kind == "auto":
        kind = "html" if looks_like_html(text) else "markdown"
    if kind == "html":
        return html_comment_scope(text)
    return markdown_comment_scope(text, front_matter_end(text), markup=kind == "markdown")


def parse_feed_part(path: str, data: bytes, defaults: Defaults | None = None, *, offset: int = 0,
                    first_line: int = 1) -> tuple[list[Article], list[Failure]]:
    """The articles of whole lines of a JSON Lines feed, from their bytes: the part of the file
    that starts at byte `offset`, line `first_line` (a large feed is read in parts, by several
    workers). Lines and offsets in failures are the file's."""
    defaults = defaults if defaults is not None else Defaults()
    try:
        text = decode_bytes(data, offset=offset, first_line=first_line).text
    except DecodeError as e:
        return [], [Failure(path, e.line, e.message)]
    try:
        return read_jsonl(path, text, defaults, first_line)
    except Exception as e:  # a bug, not an input problem: one line (the traceback with --debug)
        return [], [Failure.internal(path, "reading this file", e, line=first_line)]


def parse_file(path: str, data: bytes, defaults: Defaults | None = None) -> tuple[list[Article], list[Failure]]:
    """Turn one file's bytes into Articles and Failures, choosing the reader by extension.

    Markdown (`.md .markdown`, and files without an extension), plain text (`.txt .text`), HTML
    (`.html .htm`) and JSON Lines (`.jsonl .ndjson`); never raises for any input bytes.
    """
    defaults = defaults if defaults is not None else Defaults()
    try:
        articles, failures = _parse(path, data, defaults)
    except Exception as e:  # a bug, not an input problem: one line (the traceback with --debug)
        return [], [Failure.internal(path, "reading this file", e)]
    notices = {partial_notice(a.lang or "") for a in articles} - {None}
    return articles, failures + [Failure(path, None, n, notice=True) for n in sorted(notices)]
