"""Front matter (YAML `---`, TOML `+++`, JSON `{...}` at file start) and article metadata.

`parse_front_matter` finds and parses the block; `extract_metadata` maps its keys, through the
aliases of `Defaults`, onto the article fields (outlet, published, lang, title, url, id), with
dates normalised to `YYYY-MM-DD` and every other key kept in `meta` as a string. Problems are
raised as `MetadataError` carrying the file line, never as a traceback.
"""
from __future__ import annotations

import bisect
import datetime as _dt
import json
import re
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any, Mapping

import yaml

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: the same parser, from PyPI
    import tomli as tomllib  # type: ignore[no-redef]

from ..article import Article, Failure
from ..jsontext import JSONTextError, loads, raw_decode

__all__ = [
    "make_article",
    "DEFAULT_ALIASES",
    "Defaults",
    "FrontMatter",
    "Metadata",
    "MetadataError",
    "parse_front_matter",
    "front_matter_end",
    "extract_metadata",
    "normalize_date",
    "to_meta_string",
]

# aliases may add this many values to a YAML front matter, beyond twice what is written
MAX_EXPANDED_NODES = 10_000

FIELDS = ("outlet", "published", "lang", "title", "url", "id")

DEFAULT_ALIASES: Mapping[str, tuple[str, ...]] = {
    "outlet": ("outlet", "publisher", "source", "site", "site_name", "sitename", "publication",
               "author_org", "organization", "organisation", "newspaper", "agency", "testata"),
    "published": ("published", "date", "publishDate", "publish_date", "pubdate", "datePublished",
                  "date_published", "published_at", "publishedAt", "published_date", "publication_date"),
    "lang": ("lang", "language", "locale", "inLanguage"),
    "title": ("title", "headline"),
    "url": ("url", "link", "canonical", "canonical_url", "canonicalURL", "permalink"),
    "id": ("id", "guid", "uuid", "article_id"),
    "text": ("text", "body", "content", "article_body", "articleBody"),  # JSON Lines only
}


@dataclass(frozen=True)
class Defaults:
    """Values for fields a file does not set (the file's own metadata wins), and key aliases.

    `aliases` maps a canonical field name to the keys accepted for it, in order of preference;
    a field missing from the mapping uses `DEFAULT_ALIASES`, and the canonical name itself is
    always accepted.
    """

    outlet: str | None = None
    published: str | None = None
    lang: str | None = None
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_ALIASES))

    def keys_for(self, name: str) -> tuple[str, ...]:
        """The accepted keys for canonical field `name`, canonical name first."""
        keys = tuple(self.aliases.get(name, DEFAULT_ALIASES.get(name, ())))
        return (name,) + tuple(k for k in keys if k != name)


class MetadataError(ValueError):
    """A front-matter or metadata problem; `line` is the 1-based line in the file (or None)."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True)
class FrontMatter:
    """A parsed front-matter block.

    `fields` maps each top-level key to its value (YAML scalars as written, as strings; lists,
    mappings and TOML/JSON values as Python objects), `lines` maps each key to its file line,
    `end` is the offset in the text where the article body starts, `format` is yaml/toml/json
    ("" when the file has none).
    """

    fields: dict[str, Any]
    lines: dict[str, int]
    end: int
    format: str


@dataclass(frozen=True)
class Metadata:
    """Article fields taken from a file's metadata (None when absent)."""

    outlet: str | None = None
    published: str | None = None
    lang: str | None = None
    lang_origin: str = "front matter"
    lang_line: int | None = None
    title: str | None = None
    url: str | None = None
    id: str | None = None
    meta: tuple[tuple[str, str], ...] = ()


# --------------------------------------------------------------------------- front matter

def _lines(text: str, start: int = 0):
    """Yield (line_number, start, end_without_eol, end_with_eol) from offset `start`."""
    n = len(text)
    lineno = text.count("\n", 0, start) + 1
    pos = start
    while pos < n:
        nl = text.find("\n", pos)
        nxt = n if nl < 0 else nl + 1
        end = nxt - 1 if nl >= 0 else n
        if end > pos and text[end - 1] == "\r":
            end -= 1
        yield lineno, pos, end, nxt
        lineno += 1
        pos = nxt


class _Loader(yaml.SafeLoader):
    """Safe loader whose impossible timestamps (2024-13-45) stay strings for a clear error later."""


def _lenient_timestamp(loader: yaml.SafeLoader, node: Any) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _lenient_timestamp)

if hasattr(yaml, "CSafeLoader"):
    class _FastLoader(yaml.CSafeLoader):
        """libyaml's parser: ten times faster on an archive; errors are re-read by `_Loader`."""

    _FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _lenient_timestamp)
else:  # PyYAML built without libyaml
    _FastLoader = None

_NULL_TAG = "tag:yaml.org,2002:null"


class _LineOf:
    """The file line of a character index in `src`, by bisection over its line breaks: a
    front matter of 30,000 keys is scanned once, not once a key."""

    def __init__(self, src: str, first_line: int) -> None:
        self.breaks = [m.start() for m in re.finditer("\n", src)]
        self.first_line = first_line

    def __call__(self, index: int) -> int:
        return self.first_line + bisect.bisect_left(self.breaks, index)


def _yaml_line(src: str, first_line: int, mark: Any) -> int:
    # From the character index: YAML also breaks lines at a lone \r, U+2028 and U+0085, the
    # file's line numbers (like Article.line_col) count only \n.
    return first_line + src.count("\n", 0, mark.index) if mark is not None else first_line


def _yaml_error(e: Exception, src: str, first_line: int) -> MetadataError:
    mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
    line = _yaml_line(src, first_line, mark)
    problem = getattr(e, "problem", None) or getattr(e, "context", None) or str(e)
    m = re.match(r"could not determine a constructor for the tag '([^']*)'", problem)
    if m:
        tag = m.group(1).replace("tag:yaml.org,2002:", "!!")
        return MetadataError(f"invalid YAML front matter: tag {tag!r} is not allowed (only plain values)", line)
    return MetadataError(f"invalid YAML front matter: {problem}", line)


def _parse_yaml(src: str, first_line: int) -> tuple[dict[str, Any], dict[str, int]]:
    """Front-matter fields and their lines; any problem is reported by the pure-Python loader,
    whose messages and line numbers are the ones users see."""
    simple = _simple_yaml(src, first_line)
    if simple is not None:
        return simple
    from checker.ruleset import collector_paused
    with collector_paused():  # a front matter of 30,000 keys is as large as a gazetteer
        if _FastLoader is not None:
            try:
                return _parse_yaml_with(_FastLoader, src, first_line)
            except _TooLarge:
                raise  # the same message from either loader; the pure-Python one takes minutes
            except MetadataError:
                pass
        return _parse_yaml_with(_Loader, src, first_line)


# The front matter most files have: `key: value` lines, each value plain, "double-quoted"
# without escapes, 'single-quoted' without quotes, or empty; blank lines and `#` comment lines
# between. Anything else (and any character YAML treats specially: tabs, `\r`, controls, the
# YAML 1.1 line breaks, a BOM) is left to PyYAML.
_SIMPLE_LINE = re.compile(
    r"(?P<key>[A-Za-z_][A-Za-z0-9_-]*):"
    r"(?: +(?:\"(?P<dq>[^\"\\]*)\"|'(?P<sq>[^']*)'|(?P<plain>[^ \"'#&*!|>%@`?:,\[\]{}-][^#]*?)))? *"
)
_NOT_SIMPLE = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
# the tags of plain values whose value is the text as written and whose construction cannot
# fail: strings, nulls (None), booleans; dates and whole numbers of the plainest forms only
_PLAIN_TAGS = {"tag:yaml.org,2002:str", _NULL_TAG, "tag:yaml.org,2002:bool"}
_PLAIN_DATE = re.compile(r"\d{4}-\d\d-\d\d")
_PLAIN_INT = re.compile(r"0|[1-9]\d*")
_STR_TAG = "tag:yaml.org,2002:str"


def _plain_tag(value: str) -> str:
    """The tag the loader gives a plain scalar (PyYAML's `Resolver.resolve`, without paths)."""
    implicit = (_FastLoader or _Loader).yaml_implicit_resolvers
    for tag, regexp in implicit.get(value[:1], []) + implicit.get(None, []):
        if regexp.match(value):
            return tag
    return _STR_TAG


def _simple_yaml(src: str, first_line: int) -> tuple[dict[str, Any], dict[str, int]] | None:
    """What `_parse_yaml` gives for a flat front matter of plain `key: value` lines, read
    without PyYAML (a fifth of reading an article); None for any other front matter."""
    if _NOT_SIMPLE.search(src) or (_FastLoader or _Loader).yaml_path_resolvers:
        return None
    fields: dict[str, Any] = {}
    lines: dict[str, int] = {}
    for n, line in enumerate(src.split("\n")):
        if not line.strip(" ") or line[0] == "#":
            continue
        m = _SIMPLE_LINE.fullmatch(line)
        if m is None:
            return None
        key, plain = m.group("key"), m.group("plain")
        if key in fields or _plain_tag(key) not in _PLAIN_TAGS:
            return None  # a duplicate key is an error: PyYAML's message
        if plain is not None:
            if ": " in plain or plain.endswith(":"):
                return None
            tag = _plain_tag(plain)
            if tag == _NULL_TAG:
                plain = None
            elif tag not in _PLAIN_TAGS and not (
                    tag == "tag:yaml.org,2002:timestamp" and _PLAIN_DATE.fullmatch(plain)
                    or tag == "tag:yaml.org,2002:int" and _PLAIN_INT.fullmatch(plain)):
                return None
            fields[key] = plain
        elif m.group("dq") is not None or m.group("sq") is not None:
            fields[key] = m.group("dq") if m.group("dq") is not None else m.group("sq")
        else:
            fields[key] = None  # `key:` alone
        lines[key] = first_line + n
    return fields, lines


def _parse_yaml_with(loader_class: type, src: str, first_line: int) -> tuple[dict[str, Any], dict[str, int]]:
    try:
        loader = loader_class(src)  # the pure-Python reader checks every character here
    except yaml.reader.ReaderError as e:  # NUL, C0/C1 controls, a lone surrogate...
        char = e.character if isinstance(e.character, int) else ord(str(e.character)[:1] or "\0")
        raise MetadataError(f"invalid YAML front matter: character U+{char:04X} is not allowed",
                            first_line + src.count("\n", 0, max(0, e.position))) from None
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, {}
        if not isinstance(node, yaml.MappingNode):
            kind = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
            raise MetadataError(
                f"front matter must be a mapping of 'key: value' lines, not {kind}",
                _yaml_line(src, first_line, node.start_mark),
            )
        _check_size(node, first_line)
        line_of = _LineOf(src, first_line)
        seen: dict[str, int] = {}
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
                line = line_of(key_node.start_mark.index)
                if key_node.value in seen:
                    raise MetadataError(
                        f"duplicate key {key_node.value!r} in front matter (first at line {seen[key_node.value]})", line
                    )
                seen[key_node.value] = line
        loader.flatten_mapping(node)  # resolve `<<:` merge keys
        fields: dict[str, Any] = {}
        lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            # Constructing every node validates its tag: only safe, plain types are accepted.
            key = loader.construct_object(key_node, deep=True)
            value = loader.construct_object(value_node, deep=True)
            if isinstance(key_node, yaml.ScalarNode):
                key = key_node.value
            elif isinstance(key, (list, dict)):
                continue
            if isinstance(value_node, yaml.ScalarNode):
                # Scalars as written: `lang: no` stays "no", `id: 1.10` stays "1.10".
                value = None if value_node.tag == _NULL_TAG else value_node.value
            fields[str(key)] = value
            lines[str(key)] = line_of(key_node.start_mark.index)
        return fields, lines
    except MetadataError:
        raise
    except yaml.YAMLError as e:
        raise _yaml_error(e, src, first_line) from None
    except RecursionError:
        raise MetadataError("invalid YAML front matter: nested too deeply", first_line) from None
    except (ValueError, TypeError, OverflowError, AttributeError) as e:
        raise MetadataError(f"invalid YAML front matter: {e}", first_line) from None
    finally:
        loader.dispose()


class _TooLarge(MetadataError):
    """Front matter whose aliases expand far past what is written."""


def _check_size(node: yaml.Node, first_line: int) -> None:
    """MetadataError when aliases and merge keys (`<<: *previous`, chained) would make the front
    matter grow far past what is written: building it would take minutes and gigabytes."""
    from checker.ruleset import _expanded_size
    written = _written_size(node)
    limit = 2 * written + MAX_EXPANDED_NODES
    if not 0 <= _expanded_size(node, limit) <= limit:
        raise _TooLarge(f"invalid YAML front matter: aliases refer to themselves or expand to "
                            f"more than {limit:,} values (it has {written:,} as written)",
                            first_line)


def _written_size(root: yaml.Node) -> int:
    """How many nodes a YAML document has as written (an alias counts once)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(n for pair in node.value for n in pair)
    return len(seen)


_TOML_POS = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$|\s*\(at end of document\)\s*$")


# `key =` at the start of a TOML line (bare, "basic" or 'literal'), and every JSON string, with
# the `:` that makes it a key: each scanned once, so lines cost one pass however many keys
_TOML_KEY = re.compile(r"""^[ \t]*(?:"((?:[^"\\\n]|\\.)*)"|'([^'\n]*)'|([A-Za-z0-9_-]+))[ \t]*=""",
                       re.MULTILINE)
_JSON_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"(\s*:)?')


def _key_lines(src: str, first_line: int, keys, found) -> dict[str, int]:
    """Best-effort line of each top-level key: where it is first written as a key (`found`
    gives (key as written, offset) pairs), else the first line."""
    first: dict[str, int] = {}
    for key, offset in found:
        first.setdefault(key, offset)
    line_of = _LineOf(src, first_line)
    return {key: line_of(first[key]) if key in first else first_line for key in keys}


def _toml_keys(src: str):
    for m in _TOML_KEY.finditer(src):
        key = next(g for g in m.groups() if g is not None)
        yield key, m.start()


def _json_keys(src: str):
    for m in _JSON_STRING.finditer(src):
        if m.group(2):
            key = m.group(1)
            if "\\" in key:
                try:
                    key = loads(f'"{key}"')
                except JSONTextError:
                    continue
            yield key, m.start()


def _parse_toml(src: str, first_line: int, last_line: int) -> tuple[dict[str, Any], dict[str, int]]:
    try:
        data = tomllib.loads(src)
    except tomllib.TOMLDecodeError as e:
        msg = str(e)
        m = _TOML_POS.search(msg)
        line = last_line
        if m and m.group(1):
            line = first_line + int(m.group(1)) - 1
        raise MetadataError(f"invalid TOML front matter: {msg[:m.start()] if m else msg}", line) from None
    except RecursionError:
        raise MetadataError("invalid TOML front matter: nested too deeply", first_line) from None
    except (ValueError, TypeError) as e:
        raise MetadataError(f"invalid TOML front matter: {e}", first_line) from None
    return dict(data), _key_lines(src, first_line, data, _toml_keys(src))


_SURROGATE = re.compile("[\ud800-\udfff]")


def unpaired_surrogate(data: Any) -> str | None:
    """Why decoded JSON is not text, or None: the first key or string holding half of a
    surrogate pair (an escape such as \\ud800 that JSON allows but that is no character,
    and that no file or report could be written with)."""
    stack = [(None, data)]
    while stack:
        key, value = stack.pop()
        if isinstance(value, dict):
            for k, v in reversed(value.items()):
                if _SURROGATE.search(k):
                    return f"a key holds an unpaired surrogate ({_escape(k)})"
                stack.append((k if key is None else key, v))
        elif isinstance(value, list):
            stack.extend((key, v) for v in reversed(value))
        elif isinstance(value, str) and _SURROGATE.search(value):
            where = f'"{key}"' if key is not None else "a string"
            return f"{where} holds an unpaired surrogate ({_escape(value)}), which is not a character"
    return None


def _escape(text: str) -> str:
    return "\\u%04x" % ord(_SURROGATE.search(text).group())


def _parse_json(text: str) -> tuple[dict[str, Any], dict[str, int], int]:
    try:
        data, end = raw_decode(text)
    except JSONTextError as e:
        raise MetadataError(f"invalid JSON front matter: {e.msg}", e.line or 1) from None
    problem = unpaired_surrogate(data)
    if problem:
        raise MetadataError(f"invalid JSON front matter: {problem}", 1)
    if not isinstance(data, dict):  # pragma: no cover - only called when text starts with '{'
        raise MetadataError("front matter must be a JSON object", 1)
    nl = text.find("\n", end)
    rest_end = len(text) if nl < 0 else nl
    if text[end:rest_end].strip():
        raise MetadataError(
            "unexpected text after the JSON front matter (expected a line break after the closing '}')",
            text.count("\n", 0, end) + 1,
        )
    src = text[:end]
    lines = _key_lines(src, 1, data, _json_keys(src))
    return dict(data), lines, rest_end + 1 if nl >= 0 else len(text)


def _opening(text: str) -> tuple[str, int]:
    """The first line (stripped) and the offset after it."""
    nl = text.find("\n")
    content_start = len(text) if nl < 0 else nl + 1
    return text[:content_start].rstrip("\r\n").rstrip(" \t"), content_start


def _closing(text: str, opener: str, content_start: int) -> tuple[int, int, int] | None:
    """(line number, start, end with its line break) of the line that closes a `---` or
    `+++` block, or None when it is never closed."""
    closers = ("---", "...") if opener == "---" else ("+++",)
    for lineno, start, end, nxt in _lines(text, content_start):
        if text[start:end].rstrip(" \t") in closers:
            return lineno, start, nxt
    return None


def parse_front_matter(text: str) -> FrontMatter:
    """Find and parse front matter at the very start of `text`; raise `MetadataError` on problems."""
    opener, content_start = _opening(text)
    if opener in ("---", "+++"):
        closing = _closing(text, opener, content_start)
        if closing is None:
            raise MetadataError(
                f"front matter opened with {opener!r} is never closed (expected a closing {opener!r} line)", 1
            )
        lineno, start, nxt = closing
        src = text[content_start:start]
        if opener == "---":
            fields, lines = _parse_yaml(src, 2)
            fmt = "yaml"
        else:
            fields, lines = _parse_toml(src, 2, lineno)
            fmt = "toml"
        return FrontMatter(fields, lines, nxt, fmt)
    if opener == "{" or text.startswith('{"'):
        fields, lines, end = _parse_json(text)
        return FrontMatter(fields, lines, end, "json")
    return FrontMatter({}, {}, 0, "")


def front_matter_end(text: str) -> int:
    """Where the front matter of a file that was read ends (0 when it has none), found without
    parsing its values again."""
    opener, content_start = _opening(text)
    if opener in ("---", "+++"):
        closing = _closing(text, opener, content_start)
        return closing[2] if closing else 0
    if opener == "{" or text.startswith('{"'):
        try:
            _, end = raw_decode(text)
        except JSONTextError:
            return 0
        nl = text.find("\n", end)
        return len(text) if nl < 0 else nl + 1
    return 0


# --------------------------------------------------------------------------- values

_ISO_DATE = re.compile(
    r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?[ ]?(?:Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?"
)
_RFC_MONTH = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.IGNORECASE)
DATE_EXAMPLES = "expected a date like 2024-10-19, 2024-10-19T10:00:00+02:00 or Sat, 19 Oct 2024 10:00:00 GMT"


def normalize_date(value: Any) -> str | None:
    """A date, datetime or date string (ISO 8601, RFC 2822) as `YYYY-MM-DD`; None if not a date.

    A datetime keeps the calendar date it was written with (no conversion to UTC).
    """
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    s = str(value).strip()
    if not s or len(s) > 100:
        return None
    try:
        if re.fullmatch(r"\d{8}|\d{4}-\d{2}-\d{2}(?:[T ].*)?|\d{4}-W\d{2}-\d", s):
            return _dt.datetime.fromisoformat(s).date().isoformat()
    except ValueError:
        pass
    m = _ISO_DATE.fullmatch(s)
    if m:
        try:
            return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            return None
    if _RFC_MONTH.search(s):
        try:
            return parsedate_to_datetime(s).date().isoformat()
        except (ValueError, TypeError, IndexError, OverflowError):
            return None
    return None


def _json_scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (_dt.date, _dt.datetime, _dt.time)):
        value = value.isoformat()
    return json.dumps(str(value), ensure_ascii=False)


def to_meta_string(value: Any, limit: int = 2000) -> str:
    """A metadata value as a string: scalars as written, lists/mappings as compact JSON (bounded)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (_dt.date, _dt.datetime, _dt.time)):
        return value.isoformat()
    if isinstance(value, (str, int, float)):
        return str(value)
    # Iterative walk with a size budget: YAML aliases can make a small file expand exponentially,
    # or make a list contain itself.
    out: list[str] = []
    size = 0
    stack: list[Any] = [(value, 0)]
    while stack and size <= limit:
        entry = stack.pop()
        if isinstance(entry, str):
            piece = entry
        else:
            item, depth = entry
            if isinstance(item, (dict, list, tuple, set)) and depth >= 20:
                piece = '"…"'
            elif isinstance(item, dict):
                parts: list[Any] = ["{"]
                for i, (k, v) in enumerate(item.items()):
                    parts.append((", " if i else "") + _json_scalar(str(k)) + ": ")
                    parts.append((v, depth + 1))
                parts.append("}")
                stack.extend(reversed(parts))
                continue
            elif isinstance(item, (list, tuple, set)):
                parts = ["["]
                for i, v in enumerate(item):
                    if i:
                        parts.append(", ")
                    parts.append((v, depth + 1))
                parts.append("]")
                stack.extend(reversed(parts))
                continue
            else:
                piece = _json_scalar(item)
        out.append(piece)
        size += len(piece)
    text = "".join(out)
    return text if size <= limit and not stack else text[:limit] + "…"


def _type_name(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (list, tuple, set)):
        return "a list"
    return type(value).__name__


def _as_text(name: str, key: str, value: Any, line: int | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict) and name == "outlet" and isinstance(value.get("name"), str):
        value = value["name"]  # publisher: {name: ANSA} as in schema.org
    if isinstance(value, (dict, list, tuple, set)):
        shown = to_meta_string(value, 60)
        raise MetadataError(f"{key!r} must be a single value, not {_type_name(value)} (got {shown})", line)
    s = to_meta_string(value).strip()
    return s or None


def _shown(value: Any) -> str:
    s = to_meta_string(value, 60)
    return repr(s)


def extract_metadata(
    fields: Mapping[str, Any],
    lines: Mapping[str, int],
    defaults: Defaults,
    *,
    origin: str = "front matter",
    skip: tuple[str, ...] = (),
) -> Metadata:
    """Map metadata keys (matched case-insensitively through the aliases) onto article fields.

    Unused keys go to `meta` as strings; keys in `skip` are neither fields nor meta. A value of
    the wrong shape, or a `published` value that is not a date, raises `MetadataError`.
    """
    by_lower: dict[str, str] = {}
    for field_key in fields:
        by_lower.setdefault(str(field_key).lower(), field_key)
    used: set[str] = set(skip)
    values: dict[str, Any] = {}
    lang_line: int | None = None
    lang_key: str | None = None
    for name in FIELDS:
        for alias in defaults.keys_for(name):
            found = by_lower.get(alias.lower())
            if found is None or found in used or fields[found] is None:
                continue
            key = found
            line = lines.get(key)
            if name == "published":
                raw = fields[key]
                if isinstance(raw, (dict, list, tuple, set)):
                    _as_text(name, key, raw, line)  # raises the "single value" error
                iso = normalize_date(raw)
                if iso is None:
                    raise MetadataError(f"{key!r}: {_shown(raw)} is not a date ({DATE_EXAMPLES})", line)
                values[name] = iso
            else:
                text = _as_text(name, key, fields[key], line)
                if text is None:
                    continue
                values[name] = text
                if name == "lang":
                    lang_line, lang_key = line, key
            used.add(key)
            break
    meta = tuple((str(k), to_meta_string(v)) for k, v in fields.items() if k not in used and v not in (None, ""))
    lang_origin = origin if lang_key is None else f"{origin} {lang_key!r}"
    return Metadata(
        outlet=values.get("outlet"),
        published=values.get("published"),
        lang=values.get("lang"),
        lang_origin=lang_origin,
        lang_line=lang_line,
        title=values.get("title"),
        url=values.get("url"),
        id=values.get("id"),
        meta=meta,
    )


def make_article(
    path: str,
    text: str,
    body: str,
    md: Metadata,
    defaults: Defaults,
    *,
    title: str | None = None,
    id: str | None = None,
    line_base: int = 0,
    anchors: tuple[tuple[int, int], ...] = (),
    line: int | None = None,
) -> Article | Failure:
    """Fill missing fields from `defaults`, settle the language, and build the Article.

    `title`/`id` are fallbacks used when the metadata has none; `line` is where failures point
    when no better line is known (a JSON Lines record).
    """
    from .langid import resolve_language

    if not body.strip():
        return Failure(path, line, "empty article")
    lang, error = resolve_language(md.lang, md.lang_origin, defaults.lang, body)
    if error:
        return Failure(path, md.lang_line if md.lang and md.lang_line else line, error)
    published = md.published
    if published is None and defaults.published:
        published = normalize_date(defaults.published)
        if published is None:
            return Failure(path, None, f"--published: {defaults.published!r} is not a date ({DATE_EXAMPLES})")
    return Article(
        path=path,
        text=text,
        body=body,
        outlet=md.outlet or defaults.outlet,
        published=published,
        lang=lang,
        title=md.title or title,
        url=md.url,
        id=md.id or id,
        line_base=line_base,
        anchors=anchors,
        meta=md.meta,
    )
