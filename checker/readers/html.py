"""HTML articles: the text of `<article>` (else `<main>`, else `<body>`), parsed with selectolax.

`text` is the decoded HTML source and `body` the extracted prose, blocks separated by blank
lines and runs of whitespace collapsed. `anchors` map body offsets back to source offsets: each
DOM text node is located in the source by scanning the source's own text runs (outside tags,
comments, scripts) with entities and CRLF decoded, so a word in the body maps to the same word in
the file, also after `&amp;` or a line break. A node that cannot be located is anchored at the
current source position; anchors are always monotonic. Nothing here recurses: 10,000 nested
elements are fine.
"""
from __future__ import annotations

import bisect
import html as _html
import json
import re
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from ..article import Article, Failure
from .frontmatter import Defaults, Metadata, make_article, normalize_date

__all__ = ["read_html", "extract_html", "looks_like_html"]

SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "svg",
    "math", "iframe", "object", "embed", "canvas", "button", "select", "textarea", "input", "head",
    "title", "meta", "link", "dialog", "audio", "video", "map",
})
BLOCK_TAGS = frozenset({
    "address", "article", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hgroup", "hr", "li",
    "main", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "ul", "body", "center", "legend", "menu",
})
# Excluded elements whose content is not text in the source (raw text, or not rendered at all).
_NO_TEXT_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
                           "canvas", "head", "title", "meta", "link", "textarea", "select", "audio", "video"})
_PRE_TAGS = frozenset({"pre", "listing", "plaintext"})
_RAW_TEXT = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title"})
_ROOT_TAGS = ("article", "main", "body")

_TAG = re.compile(r"""<(/?)([A-Za-z][^\t\n\f\r />]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_TAG_LOOSE = re.compile(r"<(/?)([A-Za-z][^\t\n\f\r />]*)[^>]*>")
_DECODE = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)|\r\n?")
_WORDS = re.compile(r"[ \t\n\r\f]+|[^ \t\n\r\f]+")
_ANY_WORDS = re.compile(r"[ \t\n\r\f]+|\s+|\S+")  # also splits at no-break spaces, kept as text
_HTML_START = re.compile(r"<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.IGNORECASE)

_WINDOW = 200_000
_MAX_MISSES = 100

# lexbor's tree builder is quadratic on some structures (each start tag scans the stack of open
# elements; each <option> scans its <select>): past these limits a file is refused, not parsed.
# Each start tag costs the number of elements open beyond FREE_DEPTH (Chromium caps the tree
# depth at 512); 10,000 nested elements cost 4.5e7 of MAX_DEPTH_WORK (0.2 s of parsing).
FREE_DEPTH = 512
MAX_DEPTH_WORK = 100_000_000
MAX_OPTIONS = 5_000
# elements never left open: void elements, and those whose end tag may be omitted
_NOT_LEFT_OPEN = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "frame", "basefont", "bgsound", "image", "p", "li", "dt", "dd",
    "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "caption",
    "rb", "rt", "rtc", "rp", "html", "head", "body", "a", "nobr",
})


def comment_scope(src: str) -> str:
    """`src` with its tags (attribute values included) and the contents of raw-text elements
    (`<script>`, `<style>`, `<title>`, `<textarea>`, ...) blanked, comments kept: a `<!-- … -->`
    left in it is a comment of the page, not text that only looks like one. Same length."""
    from .markdown import _blank_spans
    spans: list[tuple[int, int]] = []
    n = len(src)
    pos = 0
    while (j := src.find("<", pos)) >= 0:
        if src.startswith("<!--", j):
            k = src.find("-->", j + 4)
            pos = n if k < 0 else k + 3
            continue
        nxt = src[j + 1: j + 2]
        if not (nxt.isascii() and nxt.isalpha() or nxt == "/"):
            pos = j + 1  # a literal "<"
            continue
        m = _TAG.match(src, j) or _TAG_LOOSE.match(src, j)
        if m is None:  # "<p" running to the end of the file: no comment after it counts
            spans.append((j, n))
            break
        end = m.end()
        name = m.group(2).lower()
        if not m.group(1) and name in _RAW_TEXT:
            c = re.compile(r"</" + re.escape(name) + r"[\s/>]", re.IGNORECASE).search(src, end)
            end = n if c is None else (src.find(">", c.start()) + 1 or n)
        spans.append((j, end))
        pos = end
    return _blank_spans(src, spans)


def looks_like_html(text: str) -> bool:
    """True when `text` starts like an HTML document (doctype, `<html>`, `<head>` or `<body>`)."""
    head = text[:4096].lstrip()
    while head.startswith(("<!--", "<?xml")):  # leading comments and an XML declaration
        end = head.find("-->" if head.startswith("<!--") else "?>")
        if end < 0:
            return False
        head = head[end + 3 if head.startswith("<!--") else end + 2:].lstrip()
    return bool(_HTML_START.match(head))


class _SourceText:
    """The source's text runs, decoded and concatenated (NUL between runs), mapped back to source."""

    def __init__(self, src: str) -> None:
        self.src = src
        self._parts: list[str] = []
        self.seg_dec: list[int] = []
        self.seg_src: list[int] = []
        self.tags: dict[str, list[int]] = {t: [] for t in _ROOT_TAGS}
        self.length = 0
        self._open: dict[str, int] = {}  # elements left open, by name (see `problem`)
        self._depth = self._work = self._options = self._foreign = 0
        self.problem: tuple[int, str] | None = None  # (source offset, why lexbor must not parse it)
        self._scan()
        self.dec = "".join(self._parts)

    def _emit(self, s: str, src_pos: int) -> None:
        if not s:
            return
        if not (self.seg_dec and self.seg_src[-1] + (self.length - self.seg_dec[-1]) == src_pos):
            self.seg_dec.append(self.length)
            self.seg_src.append(src_pos)
        self._parts.append(s)
        self.length += len(s)

    def _run(self, a: int, b: int) -> None:
        if a >= b:
            return
        src = self.src
        pos = a
        for m in _DECODE.finditer(src, a, b):
            self._emit(src[pos:m.start()], pos)
            tok = m.group(0)
            self._emit("\n" if tok[0] == "\r" else _html.unescape(tok), m.start())
            pos = m.end()
        self._emit(src[pos:b], pos)
        self._emit("\x00", b)  # a text node never spans two runs

    def _scan(self) -> None:
        src = self.src
        n = len(src)
        run_start = 0
        pos = 0
        while True:
            j = src.find("<", pos)
            if j < 0:
                self._run(run_start, n)
                return
            nxt = src[j + 1: j + 2]
            if src.startswith("<!--", j):
                k = src.find("-->", j + 4)
                end = n if k < 0 else k + 3
                self._run(run_start, j)
            elif nxt in ("!", "?") or (nxt == "/" and not src[j + 2: j + 3].isalpha()):
                k = src.find(">", j + 2)
                end = n if k < 0 else k + 1
                self._run(run_start, j)
            elif nxt.isascii() and nxt.isalpha() or nxt == "/":
                m = _TAG.match(src, j) or _TAG_LOOSE.match(src, j)
                self._run(run_start, j)
                if m is None:  # "<p" running to the end of the file: the tokenizer drops it
                    return
                end = m.end()
                name = m.group(2).lower()
                self._count(name, not m.group(1), m.group(0).endswith("/>"), j)
                if self.problem is not None:
                    return  # the file is refused: no need to read further
                if not m.group(1):
                    if name in self.tags:
                        self.tags[name].append(self.length)
                    if name in _RAW_TEXT:
                        c = re.compile(r"</" + re.escape(name) + r"[\s/>]", re.IGNORECASE).search(src, end)
                        end = n if c is None else (src.find(">", c.start()) + 1 or n)
            else:
                pos = j + 1  # a literal "<" in text
                continue
            run_start = pos = end

    def _count(self, name: str, start: bool, self_closing: bool, pos: int) -> None:
        """Track the elements left open and the <option>s; set `problem` past a limit."""
        if start and name == "option":
            self._options += 1
            if self._options > MAX_OPTIONS:
                self.problem = (pos, f"the HTML has more than {MAX_OPTIONS:,} <option> elements")
        if name in _NOT_LEFT_OPEN or (self_closing and (self._foreign or name in ("svg", "math"))):
            return  # `/>` closes an element only in SVG and MathML
        if name in ("svg", "math"):
            self._foreign += 1 if start else -1 if self._foreign else 0
        if start:
            self._open[name] = self._open.get(name, 0) + 1
            self._depth += 1
            self._work += max(0, self._depth - FREE_DEPTH)
            if self._work > MAX_DEPTH_WORK:
                self.problem = (pos, f"the HTML has {self._depth:,} elements open at once, too "
                                     "many to parse (nested or unclosed tags)")
        elif self._open.get(name):
            self._open[name] -= 1
            self._depth -= 1

    def to_src(self, d: int) -> int:
        """Source offset of decoded offset `d`."""
        if not self.seg_dec:
            return 0
        i = bisect.bisect_right(self.seg_dec, d) - 1
        if i < 0:
            return self.seg_src[0]
        return self.seg_src[i] + (d - self.seg_dec[i])

    def breaks(self, a: int, b: int) -> list[int]:
        """Decoded offsets in (a, b) where the mapping to the source jumps."""
        i = bisect.bisect_right(self.seg_dec, a)
        j = bisect.bisect_left(self.seg_dec, b)
        return self.seg_dec[i:j]


class _Builder:
    """Accumulates the body and its anchors; separators are never anchored."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.anchors: list[tuple[int, int]] = []
        self.pending_break = False
        self.pending_space = False

    def block(self) -> None:
        self.pending_break = True

    def space(self) -> None:
        self.pending_space = True

    def add(self, s: str, src: int | None) -> None:
        if self.length:
            if self.pending_break:
                self.parts.append("\n\n")
                self.length += 2
            elif self.pending_space:
                self.parts.append(" ")
                self.length += 1
        self.pending_break = self.pending_space = False
        if src is not None:
            if self.anchors:
                b, t = self.anchors[-1]
                # never before the end of what is already mapped: the mapping stays monotonic
                src = max(src, t + (self.length - b))
                if t + (self.length - b) != src:
                    if b == self.length:
                        self.anchors[-1] = (b, src)
                    else:
                        self.anchors.append((self.length, src))
            else:
                self.anchors.append((self.length, src))
        self.parts.append(s)
        self.length += len(s)


class _Aligner:
    """Finds each DOM text node in the decoded source text, moving forward only."""

    def __init__(self, source: _SourceText, start: int) -> None:
        self.source = source
        self.cursor = start
        self.misses = 0

    def find(self, s: str, window: int) -> int:
        """Decoded offset of `s` at or after the cursor (moving the cursor past it), or -1."""
        j = self.source.dec.find(s, self.cursor, self.cursor + window + len(s))
        if j >= 0:
            self.cursor = j + len(s)
        return j

    def node_window(self) -> int:
        # After many misses the page's DOM and source disagree a lot: stop scanning far ahead.
        return _WINDOW if self.misses < _MAX_MISSES else 2_000


def _add_mapped(builder: _Builder, source: _SourceText, piece: str, d: int) -> None:
    """Add `piece`, found at decoded offset `d`, anchoring wherever its source mapping jumps."""
    bounds = [0] + [c - d for c in source.breaks(d, d + len(piece))] + [len(piece)]
    for x, y in zip(bounds, bounds[1:]):
        builder.add(piece[x:y], source.to_src(d + x))


def _emit_text(builder: _Builder, aligner: _Aligner, t: str, pre: bool) -> None:
    if not t:
        return
    if not t.strip(" \t\n\r\f"):
        if pre:
            builder.add(t, None)
        elif builder.length:
            builder.space()
        return
    source = aligner.source
    stripped = t.strip()
    lead = len(t) - len(t.lstrip())
    j = aligner.find(stripped, aligner.node_window())
    if j >= 0:  # the usual case: the whole node, entities and line breaks decoded, is in the source
        d0 = j - lead
        if pre:
            _add_mapped(builder, source, t, d0)
            return
        for m in _WORDS.finditer(t):
            if t[m.start()] in " \t\n\r\f":
                builder.space()
            else:
                _add_mapped(builder, source, m.group(0), d0 + m.start())
        return
    # The parser moved or merged text (misnested tags, tables): place each word on its own,
    # looking only a little ahead; a word not found is placed after the last one found.
    aligner.misses += 1
    for word in [t] if pre else _ANY_WORDS.findall(t):
        if not pre and word.strip(" \t\n\r\f") == "":
            builder.space()
            continue
        k = aligner.find(word, 2_000)
        if k >= 0:
            _add_mapped(builder, source, word, k)
        else:
            builder.add(word, source.to_src(aligner.cursor))


def _choose_root(tree: LexborHTMLParser):
    """The `<article>` with the most text, else the first `<main>`, else `<body>`; and its tag index."""
    articles = tree.css("article")
    if articles:
        best, best_len = 0, -1
        for i, node in enumerate(articles):
            n = len(node.text(deep=True, separator="", strip=False).strip())
            if n > best_len:
                best, best_len = i, n
        return articles[best], "article", best
    main = tree.css_first("main")
    if main is not None:
        return main, "main", 0
    body = tree.body
    if body is not None:
        return body, "body", 0
    return tree.root, "html", 0


def _walk(root, builder: _Builder, aligner: _Aligner) -> None:
    """Iterative depth-first walk of `root`'s subtree, appending its visible text.

    The text of excluded elements with visible text (nav, aside...) is not appended but is
    still located in the source, so that later text is never matched inside it.
    """
    pre = 0
    hidden = 0
    stack: list[Any] = []
    node = root.child
    while True:
        if node is None:
            if not stack:
                return
            parent, was_hidden = stack.pop()
            tag = parent.tag
            if was_hidden:
                hidden -= 1
            elif not hidden:
                if tag in BLOCK_TAGS:
                    builder.block()
                if tag in _PRE_TAGS:
                    pre -= 1
            node = parent.next
            continue
        tag = node.tag
        if tag == "-text":
            text = node.text_content or ""
            if hidden:
                if text.strip():
                    aligner.find(text.strip(), 10_000)
            else:
                _emit_text(builder, aligner, text, pre > 0)
            node = node.next
            continue
        if tag is None or tag.startswith("-") or tag in _NO_TEXT_TAGS:
            node = node.next
            continue
        attrs = node.attributes
        hides = tag in SKIP_TAGS or "hidden" in attrs or (attrs.get("aria-hidden") or "").lower() == "true"
        if not hides and not hidden:
            if tag in BLOCK_TAGS:
                builder.block()
            if tag in _PRE_TAGS:
                pre += 1
        child = node.child
        if child is not None:
            stack.append((node, hides))
            if hides:
                hidden += 1
            node = child
        else:
            if not hides and not hidden:
                if tag in BLOCK_TAGS:
                    builder.block()
                if tag in _PRE_TAGS:
                    pre -= 1
            node = node.next


# ------------------------------------------------------------------ metadata

_ARTICLE_TYPES = re.compile(r"Article$|BlogPosting$|Report$|^WebPage$")


def _json_ld(tree: LexborHTMLParser) -> tuple[dict[str, Any], dict[str, dict]]:
    """The first schema.org article object in the page's JSON-LD, and all objects by @id."""
    found: dict[str, Any] | None = None
    by_id: dict[str, dict] = {}
    budget = 10_000
    for script in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(script.text(deep=True, separator="", strip=False))
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack and budget > 0:
            budget -= 1
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                if isinstance(item.get("@id"), str):
                    by_id.setdefault(item["@id"], item)
                types = item.get("@type")
                types = types if isinstance(types, list) else [types]
                is_article = any(isinstance(t, str) and _ARTICLE_TYPES.search(t) for t in types)
                if found is None and is_article and ("WebPage" not in types or "datePublished" in item):
                    found = item
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(reversed(graph))
    return found or {}, by_id


def _ld_text(value: Any, by_id: dict[str, dict], key: str = "name") -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        if key not in value and isinstance(value.get("@id"), str):
            value = by_id.get(value["@id"], value)
        value = value.get(key)
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        s = str(value).strip()
        return s or None
    return None


def _first(*values: str | None) -> str | None:
    for v in values:
        if v and v.strip():
            return " ".join(v.split())
    return None


def _metadata(tree: LexborHTMLParser, root) -> Metadata:
    metas: dict[str, str] = {}
    for m in tree.css("meta"):
        a = m.attributes
        key = a.get("property") or a.get("name") or a.get("itemprop") or a.get("http-equiv")
        content = a.get("content")
        if key and content and content.strip():
            metas.setdefault(key.strip().lower(), content.strip())
    ld, by_id = _json_ld(tree)

    def meta(*keys: str) -> str | None:
        return _first(*(metas.get(k) for k in keys))

    outlet = _first(meta("og:site_name"), _ld_text(ld.get("publisher"), by_id), meta("application-name"),
                    meta("publisher", "dc.publisher", "dcterms.publisher"))
    date_candidates = [
        meta("article:published_time"), meta("og:article:published_time"), _ld_text(ld.get("datePublished"), by_id),
        meta("datepublished"),
        meta("date", "pubdate", "publishdate", "publish-date", "publish_date", "dc.date.issued", "dcterms.issued",
             "dc.date", "dcterms.date", "sailthru.date", "parsely-pub-date", "article.published",
             "originalpublicationdate", "citation_publication_date"),
    ]
    for sel in ("time[itemprop=datePublished]", "time[pubdate]"):
        node = tree.css_first(sel)
        if node is not None:
            date_candidates.append(node.attributes.get("datetime") or node.text())
    for scope in (root, tree.root):
        node = scope.css_first("time[datetime]") if scope is not None else None
        if node is not None:
            date_candidates.append(node.attributes.get("datetime"))
    published = None
    for value in date_candidates:
        if value:
            published = normalize_date(value)
            if published:
                break
    html_node = tree.css_first("html")
    root_attrs = root.attributes if root is not None else {}
    html_attrs = html_node.attributes if html_node is not None else {}
    lang_sources = (
        (root_attrs.get("lang"), f"<{root.tag} lang>" if root is not None else ""),
        (html_attrs.get("lang"), "<html lang>"),
        (html_attrs.get("xml:lang"), "<html xml:lang>"),
        (meta("content-language"), '<meta http-equiv="content-language">'),
        (meta("og:locale"), '<meta property="og:locale">'),
        (meta("dc.language", "language"), '<meta name="language">'),
        (_ld_text(ld.get("inLanguage"), by_id), "JSON-LD inLanguage"),
    )
    lang, lang_origin = None, "HTML metadata"
    for value, origin in lang_sources:
        if value and value.strip():
            lang, lang_origin = value.strip().split(",")[0].strip(), origin
            break
    h1 = root.css_first("h1") if root is not None else None
    title_node = tree.css_first("title")
    title = _first(meta("og:title"), meta("twitter:title"), _ld_text(ld.get("headline"), by_id),
                   title_node.text() if title_node is not None else None, h1.text() if h1 is not None else None)
    canonical = None
    for link in tree.css("link[rel]"):
        if "canonical" in (link.attributes.get("rel") or "").lower().split():
            canonical = link.attributes.get("href")
            if canonical:
                break
    url = _first(canonical, meta("og:url"), _ld_text(ld.get("url"), by_id),
                 _ld_text(ld.get("mainEntityOfPage"), by_id, "@id"))
    extra = []
    for key, value in (
        ("author", meta("author", "article:author", "dc.creator") or _ld_text(ld.get("author"), by_id)),
        ("description", meta("description", "og:description")),
        ("keywords", meta("keywords", "news_keywords")),
        ("section", meta("article:section")),
    ):
        if value:
            extra.append((key, value))
    return Metadata(outlet=outlet, published=published, lang=lang, lang_origin=lang_origin, title=title,
                    url=url, meta=tuple(extra))


class HTMLStructureError(ValueError):
    """HTML the parser must not be given: `why`, at source offset `offset`."""

    def __init__(self, offset: int, why: str) -> None:
        super().__init__(f"{why} (at offset {offset})")
        self.offset, self.why = offset, why


def extract_html(text: str) -> tuple[str, tuple[tuple[int, int], ...], Metadata, str]:
    """Parse HTML source: (body, anchors, metadata, root tag name the body came from).

    Raises HTMLStructureError for a structure the parser would take quadratic time on.
    """
    source = _SourceText(text)
    if source.problem:
        raise HTMLStructureError(*source.problem)
    tree = LexborHTMLParser(text)
    root, root_tag, index = _choose_root(tree)
    positions = source.tags.get(root_tag, [])
    start = positions[index] if index < len(positions) else 0
    builder = _Builder()
    _walk(root, builder, _Aligner(source, start))
    body = "".join(builder.parts)
    return body, tuple(builder.anchors), _metadata(tree, root), root_tag


def read_html(path: str, text: str, defaults: Defaults) -> tuple[list[Article], list[Failure]]:
    """Read a decoded HTML file into one Article (body = extracted text, anchors into the source)."""
    try:
        body, anchors, md, root_tag = extract_html(text)
    except HTMLStructureError as e:
        return [], [Failure(path, text.count("\n", 0, e.offset) + 1,
                            f"not read: {e.why}")]
    if not body.strip():
        return [], [Failure(path, None, f"empty article (no text in <{root_tag}>)")]
    result = make_article(path, text, body, md, defaults, anchors=anchors)
    return ([result], []) if isinstance(result, Article) else ([], [result])
