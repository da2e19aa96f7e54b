"""Markdown and plain-text articles: front matter, then markup blanked out by spaces.

`mask_markdown` returns a string of exactly the same length as its input in which every piece of
markup (heading and list markers, emphasis, link syntax, code, HTML, URLs...) is replaced by
spaces, so that offsets in the body are offsets in the file. Line breaks (`\\n` and `\\r`) are
never touched. Every pattern is linear-time: no nested quantifiers that could backtrack.

Not blanked on purpose: indented (4-space) code blocks, since news prose is often indented, and
HTML entities such as `&nbsp;` (they cannot be replaced without changing the length).
"""
from __future__ import annotations

import bisect
import re

from ..article import Article, Failure
from .frontmatter import Defaults, MetadataError, extract_metadata, make_article, parse_front_matter

__all__ = ["read_markdown", "mask_markdown", "blank", "comment_scope"]

_NOT_EOL = re.compile(r"[^\r\n]")


def blank(s: str) -> str:
    """`s` with every character except `\\r` and `\\n` replaced by a space."""
    if "\r" in s:
        return _NOT_EOL.sub(" ", s)
    return "\n".join([" " * len(line) for line in s.split("\n")])  # ten times the regex's speed


def _blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """Blank the (start, end) spans of `text`; spans may overlap or be unsorted."""
    if not spans:
        return text
    spans.sort()
    out: list[str] = []
    pos = 0
    for start, end in spans:
        start = max(start, pos)
        if end <= start:
            continue
        out.append(text[pos:start])
        out.append(blank(text[start:end]))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _lines(text: str):
    """Yield (start, end) of each line, `end` before the line break (`\\r\\n` or `\\n`)."""
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        if nl < 0:
            yield pos, n
            return
        end = nl - 1 if nl > pos and text[nl - 1] == "\r" else nl
        yield pos, end
        pos = nl + 1


# ------------------------------------------------------------------ block-level passes

# `[ \t]*(?:>[ \t]?)*[ \t]*` written so that no two `[ \t]*` meet (a run of n spaces would be
# split n^2/2 ways before failing)
_FENCE_OPEN = re.compile(r"[ \t]*(?:(?:>[ \t]?)+[ \t]*)?(`{3,}|~{3,})([^\n]*)")
_FENCE_CLOSE = re.compile(r"[ \t]*(?:(?:>[ \t]?)+[ \t]*)?(`{3,}|~{3,})[ \t]*")


def _mask_fences(text: str) -> str:
    if "```" not in text and "~~~" not in text:
        return text  # no fence can open
    spans: list[tuple[int, int]] = []
    open_at = -1
    fence = ""
    for start, end in _lines(text):
        if open_at < 0:
            m = _FENCE_OPEN.match(text, start, end)
            if m and not (m.group(1)[0] == "`" and "`" in m.group(2)):
                open_at, fence = start, m.group(1)
        else:
            m = _FENCE_CLOSE.fullmatch(text, start, end)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                spans.append((open_at, end))
                open_at = -1
    if open_at >= 0:  # an unclosed fence runs to the end of the document, as in CommonMark
        spans.append((open_at, len(text)))
    return _blank_spans(text, spans)


_RAW_BLOCK = re.compile(r"<(script|style)\b[^>]*>", re.IGNORECASE)
_RAW_CLOSE = {"script": re.compile(r"</script\s*>", re.IGNORECASE), "style": re.compile(r"</style\s*>", re.IGNORECASE)}


def _comment_spans(text: str) -> list[tuple[int, int]]:
    """`<!-- ... -->` (to the end if unclosed)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    while True:
        i = text.find("<!--", pos)
        if i < 0:
            break
        j = text.find("-->", i + 4)
        end = len(text) if j < 0 else j + 3
        spans.append((i, end))
        pos = end
    return spans


def _raw_spans(text: str) -> list[tuple[int, int]]:
    """`<script>` / `<style>` blocks and templating tags `{{ ... }}` / `{% ... %}` (Hugo
    shortcodes, Liquid), in a text whose comments are blanked."""
    spans: list[tuple[int, int]] = []
    pos = 0
    while True:
        m = _RAW_BLOCK.search(text, pos)
        if not m:
            break
        c = _RAW_CLOSE[m.group(1).lower()].search(text, m.end())
        end = len(text) if c is None else c.end()
        spans.append((m.start(), end))
        pos = end
    for opener, closer in (("{{", "}}"), ("{%", "%}")):
        pos = 0
        while True:
            i = text.find(opener, pos)
            if i < 0:
                break
            j = text.find(closer, i + 2)
            if j < 0:
                break
            gap = _BLANK_LINE.search(text, i, j)
            if gap:  # a template tag never spans a paragraph break
                pos = gap.end()
                continue
            spans.append((i, j + 2))
            pos = j + 2
    return spans


def _mask_comments_and_raw(text: str) -> str:
    """Blank comments, then `<script>` / `<style>` blocks and templating tags."""
    text = _blank_spans(text, _comment_spans(text))
    return _blank_spans(text, _raw_spans(text)) if "<" in text or "{" in text else text


_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_PLACEHOLDER = "\ue000"


def _protect_escapes(text: str) -> tuple[str, dict[int, str]]:
    """Blank the backslash of `\\*`-style escapes and hide the escaped character from later passes."""
    saved: dict[int, str] = {}
    if "\\" not in text:
        return text, saved

    def repl(m: re.Match) -> str:
        saved[m.start() + 1] = m.group(1)
        return " " + _PLACEHOLDER

    return _ESCAPE.sub(repl, text), saved


def _restore_escapes(text: str, saved: dict[int, str]) -> str:
    if not saved:
        return text
    chars = list(text)
    for i, ch in saved.items():
        if chars[i] == _PLACEHOLDER:
            chars[i] = ch
    return "".join(chars)


_BACKTICKS = re.compile(r"``*")  # (`+, with a literal first character the scan can jump to)
_BLANK_LINE = re.compile(r"\n[ \t]*\r?\n")


def _mask_code_spans(text: str) -> str:
    return _blank_spans(text, _code_spans(text))


def _code_spans(text: str) -> list[tuple[int, int]]:
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)] if "`" in text else []
    if not runs:
        return []
    blank_lines = [m.start() for m in _BLANK_LINE.finditer(text)]
    by_len: dict[int, list[int]] = {}
    for start, end in runs:
        by_len.setdefault(end - start, []).append(start)
    spans: list[tuple[int, int]] = []
    covered = 0
    for start, end in runs:
        if start < covered:
            continue
        k = end - start
        same = by_len[k]
        idx = bisect.bisect_right(same, start)
        if idx >= len(same):
            continue
        close = same[idx]
        b = bisect.bisect_right(blank_lines, start)
        if b < len(blank_lines) and blank_lines[b] < close:
            continue  # a code span never crosses a paragraph break
        spans.append((start, close + k))
        covered = close + k
    return spans


_BLOCKQUOTE = re.compile(r"(?:[ \t]*>)+[ \t]?")
_ATX = re.compile(r"[ \t]{0,3}(#{1,6})(?=[ \t]|$)")
_ATX_CLOSE = re.compile(r"(?<![ \t])[ \t]+#+[ \t]*$")  # tried only where a run of spaces starts
_BULLET = re.compile(r"[ \t]*([-*+])(?=[ \t]|$)")
_ORDERED = re.compile(r"[ \t]*(\d{1,9})[.)](?=[ \t]|$)")
_TASK = re.compile(r"[ \t]+\[[ xX]\](?=[ \t]|$)")
_RULE = re.compile(r"[ \t]*(?:(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|(?:-[ \t]*){2,}|(?:=[ \t]*){2,})")
_REF_DEF = re.compile(r"[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S")
_FOOTNOTE_DEF = re.compile(r"[ \t]{0,3}\[\^[^\]\s]+\]:")
_TABLE_SEP = re.compile(r"[ \t|:\-]+")


def _mask_blocks(text: str) -> str:
    """Line-start markup: blockquote `>`, headings, list markers, rules, reference definitions, tables."""
    spans: list[tuple[int, int]] = []
    prev_blank = True
    in_list = False
    in_table = False
    prev_line: tuple[int, int] | None = None
    for start, end in _lines(text):
        if text[start:start + 1].isalpha():  # prose: no line-start markup begins with a letter
            if prev_blank:
                in_list = False
            if in_table and "|" in text[start:end]:
                _blank_pipes(text, (start, end), spans)
            else:
                in_table = False
            prev_blank = False
            prev_line = (start, end)
            continue
        if start == end:  # an empty line
            prev_blank, in_table = True, False
            prev_line = None
            continue
        pos = start
        m = _BLOCKQUOTE.match(text, pos, end)
        if m:
            spans.append((pos, m.end()))
            pos = m.end()
        is_blank = not text[pos:end].strip()
        if is_blank:
            prev_blank, in_table = True, False
            prev_line = None
            continue
        indented = text.startswith(("    ", "\t"), start)
        if prev_blank and not indented:
            in_list = False
        line_start_is_item = False
        if _REF_DEF.match(text, pos, end) and not _FOOTNOTE_DEF.match(text, pos, end):
            spans.append((pos, end))
        elif m := _FOOTNOTE_DEF.match(text, pos, end):
            spans.append((pos, m.end()))
        elif _RULE.fullmatch(text, pos, end):
            spans.append((pos, end))  # thematic break or setext underline
        elif m := _ATX.match(text, pos, end):
            spans.append((m.start(1), m.end(1)))
            c = _ATX_CLOSE.search(text, m.end(1), end)
            if c:
                spans.append((c.start(), c.end()))
        else:
            m = _BULLET.match(text, pos, end)
            if m:
                spans.append((m.start(1), m.end(1)))
                line_start_is_item = True
            else:
                m = _ORDERED.match(text, pos, end)
                # "1500. That is..." inside a paragraph is not a list (CommonMark: only "1."
                # may interrupt a paragraph), so a number is a marker only where a list can be.
                if m and (int(m.group(1)) == 1 or prev_blank or in_list):
                    spans.append((m.start(1), m.end(0)))
                    line_start_is_item = True
            if m and line_start_is_item:
                t = _TASK.match(text, m.end(), end)
                if t:
                    spans.append((t.start(), t.end()))
            sep = _TABLE_SEP.fullmatch(text, pos, end)
            if sep and "-" in sep.group(0) and "|" in sep.group(0) and prev_line is not None:
                spans.append((pos, end))
                _blank_pipes(text, prev_line, spans)
                in_table = True
            elif in_table and "|" in text[pos:end]:
                _blank_pipes(text, (pos, end), spans)
            else:
                in_table = False
        if line_start_is_item:
            in_list = True
        prev_blank = False
        prev_line = (pos, end)
    return _blank_spans(text, spans)


def _blank_pipes(text: str, line: tuple[int, int], spans: list[tuple[int, int]]) -> None:
    start, end = line
    i = text.find("|", start, end)
    while i >= 0:
        spans.append((i, i + 1))
        i = text.find("|", i + 1, end)


# ------------------------------------------------------------------ inline passes

_DEST = (  # spaces, an optional destination and spaces: never two `[ \t]*` side by side
    r"\([ \t]*(?:(?:<[^<>\n]*>|(?:[^()\s]|\([^()\s]*\))+)[ \t]*)?"
    r"""(?:(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\))[ \t]*)?\)"""
)
_FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]+\]")
_IMAGE = re.compile(r"!\[[^\[\]]*\](?:" + _DEST + r"|\[[^\[\]]*\])")
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<![A-Za-z][^<>]*>|<\?[^<>]*\?>")
_LINK = re.compile(r"\[([^\[\]]*)\](" + _DEST + r"|\[[^\[\]]*\])")
# `\b(?:https?://|ftp://|www\.)[^\s<>\"'\[\]{}|\\^`]+` ignoring case, and `\*+|_+|~~+`, written with
# their first character in front (`\b` as a look-behind after it) so that the scans jump between
# candidate characters instead of trying every position
_URL = re.compile(r"[hHfFwW](?<![\w][hHfFwW])(?:(?<=[hH])[tT][tT][pP][sSſ]?://|(?<=[fF])[tT][pP]://"
                  r"|(?<=[wW])[wW][wW]\.)[^\s<>\"'\[\]{}|\\^`]+")
_WWW = re.compile(r"[wW][wW][wW]\.")
_EMPHASIS = re.compile(r"[*_~](?:(?<=\*)\**|(?<=_)_*|(?<=~)~+)")


def _mask_inline(text: str) -> str:
    # (each pass only where the character its matches start with is in the text at all)
    spans: list[tuple[int, int]] = []
    for rx in ((_FOOTNOTE_REF, _IMAGE) if "[" in text else ()) + ((_AUTOLINK, _HTML_TAG) if "<" in text else ()):
        spans.extend(m.span() for m in rx.finditer(text))
    text = _blank_spans(text, spans)
    spans = []
    for m in _LINK.finditer(text) if "[" in text else ():
        spans.append((m.start(), m.start() + 1))  # "["
        spans.append((m.end(1), m.end()))  # "](url)" or "][ref]"
    text = _blank_spans(text, spans)
    spans = []
    # every URL has `://` or `www.` (a quick test: most articles have none)
    for m in _URL.finditer(text) if "://" in text or (("w." in text or "W." in text)
                                                      and _WWW.search(text)) else ():
        end = m.end()
        url = m.group(0)
        while url and (url[-1] in ".,;:!?*_'\"" or (url[-1] == ")" and url.count("(") < url.count(")"))):
            url = url[:-1]
            end -= 1
        spans.append((m.start(), end))
    text = _blank_spans(text, spans)
    spans = []
    n = len(text)
    for m in _EMPHASIS.finditer(text) if "*" in text or "_" in text or "~" in text else ():
        s, e = m.span()
        before = text[s - 1] if s > 0 else " "
        after = text[e] if e < n else " "
        if before.isspace() and after.isspace():
            continue  # "5 * 3", a lone "_" between words
        if m.group(0)[0] == "_" and before.isalnum() and after.isalnum():
            continue  # snake_case and other intraword underscores
        spans.append((s, e))
    return _blank_spans(text, spans)


_HARD_BREAK = re.compile(r"\\(?=\r?\n)")


def mask_markdown(text: str, start: int = 0) -> str:
    """Blank `text[:start]` (front matter) and all Markdown markup; the result has `len(text)`."""
    head = blank(text[:start])
    body = text[start:]
    body = _mask_fences(body)
    body = _mask_comments_and_raw(body)
    body, saved = _protect_escapes(body)
    body = _mask_code_spans(body)
    body = _mask_blocks(body)
    body = _mask_inline(body)
    body = _restore_escapes(body, saved)
    if "\\" in body:
        body = _HARD_BREAK.sub(" ", body)
    return head + body


def comment_scope(text: str, start: int, markup: bool = True) -> str:
    """`text` with what is not the article's own markup blanked: the front matter (before
    `start`) and, in Markdown, code blocks, code spans, `<script>` and `<style>`. An HTML
    comment left in it is one the author wrote as a comment, not one quoted in code or in a
    title, so only those may be `<!-- checker: … -->` suppressions. Same length as `text`."""
    head = blank(text[:start])
    body = text[start:]
    if not markup:
        return head + body
    body = _mask_fences(body)
    without_comments = _blank_spans(body, _comment_spans(body))  # what the reader sees
    raw = _raw_spans(without_comments)
    code = _code_spans(_blank_spans(without_comments, list(raw)))
    return head + _blank_spans(body, raw + code)


_FIRST_HEADING = re.compile(r"^[ \t]{0,3}#[ \t]+([^\r\n]+)", re.MULTILINE)


def read_markdown(
    path: str, text: str, defaults: Defaults, *, markup: bool = True
) -> tuple[list[Article], list[Failure]]:
    """Read a decoded Markdown (or, with `markup=False`, plain-text) file into one Article."""
    try:
        fm = parse_front_matter(text)
        md = extract_metadata(fm.fields, fm.lines, defaults)
    except MetadataError as e:
        return [], [Failure(path, e.line, e.message)]
    body = mask_markdown(text, fm.end) if markup else blank(text[: fm.end]) + text[fm.end:]
    title = None
    if md.title is None and markup:
        m = _FIRST_HEADING.search(text, fm.end)
        if m:
            title = " ".join(body[m.start(1): m.end(1)].split()) or None
    result = make_article(path, text, body, md, defaults, title=title)
    return ([result], []) if isinstance(result, Article) else ([], [result])
