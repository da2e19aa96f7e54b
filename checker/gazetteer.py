"""The source gazetteer: one canonical name for the many ways a source is written.

`National Intelligence Service (NIS)`, `il NIS` and `South Korea's spy agency` are all `NIS`;
`Seul`, `Seoul` and `autorità sudcoreane` are `South Korea`, and NIS is part of South Korea,
so the two never conflict. Bundled entries live in `checker/data/sources.yaml`; users add
their own with the same shape.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from checker.language import APOSTROPHES, fold
from checker.ruleset import collector_paused

_ACRONYM = re.compile(r"\(\s*([A-Z][A-Z0-9.&-]{1,9})\s*\)")
MAX_GAZETTEER_NODES = 1_000_000  # a gazetteer may be large; its aliases may not multiply it past this


class GazetteerError(ValueError):
    """A gazetteer entry of the wrong shape; `line` is its 1-based line in the file when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


# An alias and a text are compared as tokens: runs of word characters, single other characters,
# and runs of white space (any run matches the one space of an alias, as `phrase_pattern` does)
_TOKEN = re.compile(r"(?P<word>\w+)|(?P<space>\s+)|[^\w\s]")
_APOSTROPHE = str.maketrans({a: "'" for a in APOSTROPHES})


def _as_written(token: str) -> str:
    return token.translate(_APOSTROPHE)


@dataclass(frozen=True)
class AliasIndex:
    """Aliases keyed by their normalised tokens: a dictionary look-up a candidate, whatever the
    size of the gazetteer. A candidate starts only at a token some alias starts with, and grows
    only up to the length of the longest alias."""

    names: dict[str, str]
    firsts: frozenset[str]
    longest: int
    normalise: Callable[[str], str]

    @classmethod
    def build(cls, aliases: dict[str, str], normalise: Callable[[str], str]) -> AliasIndex:
        """The index of `{normalised alias: canonical name}`."""
        firsts = frozenset(m.group() for m in map(_TOKEN.match, aliases) if m is not None)
        return cls(aliases, firsts, max(map(len, aliases), default=0), normalise)

    def matches(self, tokens: list[tuple[int, int, str, str | None]]) -> Iterator[tuple[int, int, str]]:
        """(start, end, canonical name) of the aliases in a tokenised text, as a search for
        the alternation of every alias, longest first, between non-word characters would find
        them: leftmost, the longest alias at each place, never overlapping."""
        names, firsts, longest, normalise = self.names, self.firsts, self.longest, self.normalise
        n = len(tokens)
        i = 0
        while i < n:
            start, _, token, kind = tokens[i]
            if kind == "space" or (kind is None and i and tokens[i - 1][3] == "word") \
                    or normalise(token) not in firsts:
                i += 1  # an alias starts after a non-word character (or at the start)
                continue
            key, found = "", None
            for j in range(i, n):
                token, kind = tokens[j][2], tokens[j][3]
                key += " " if kind == "space" else normalise(token)
                if len(key) > longest:
                    break
                name = names.get(key) if kind != "space" else None
                if name is not None and (kind == "word" or j + 1 == n or tokens[j + 1][3] != "word"):
                    found = (j, name)
            if found is None:
                i += 1
                continue
            j, name = found
            yield start, tokens[j][1], name
            i = j + 1


@dataclass(eq=False)
class Gazetteer:
    """Canonical sources with their kind and parent, and an index of their aliases: exact ones
    (short or all capitals, matched as written) and the others (matched ignoring case)."""

    entries: dict[str, dict]
    exact: AliasIndex
    folded: AliasIndex
    _parents: dict[str, str] = field(default_factory=dict)

    def resolve(self, text: str) -> str | None:
        """The canonical name of the longest alias written in `text`, if any."""
        tokens = [(m.start(), m.end(), m.group(), m.lastgroup) for m in _TOKEN.finditer(text)]
        best: tuple[int, str] | None = None
        for index in (self.exact, self.folded):
            for start, end, name in index.matches(tokens):
                if best is None or end - start > best[0]:
                    best = (end - start, name)
        return best[1] if best else None

    def ancestors(self, name: str) -> list[str]:
        chain, seen = [], set()
        while name and name not in seen:
            seen.add(name)
            chain.append(name)
            name = (self.entries.get(name) or {}).get("part_of")
        return chain

    def related(self, a: str, b: str) -> bool:
        """True when two canonical sources are one, or one belongs to the other or both to one."""
        if a == b:
            return True
        return bool(set(self.ancestors(a)) & set(self.ancestors(b)))

    @property
    def fingerprint(self) -> str:
        """A hash of the entries, so cached claims are not reused under another gazetteer."""
        import hashlib
        import json
        cached = self.__dict__.get("_fingerprint")
        if cached is None:
            text = json.dumps(self.entries, sort_keys=True, default=str)
            cached = self.__dict__["_fingerprint"] = hashlib.sha256(text.encode()).hexdigest()
        return cached

    def known(self, name: str | None) -> bool:
        return bool(name) and name in self.entries

    def compiled(self) -> dict[str, Any]:
        """The gazetteer as JSON-ready data that `from_compiled` turns back into it without
        building anything again (for a cache: 100,000 entries take seconds to build)."""
        return {"entries": self.entries, "fingerprint": self.fingerprint,
                **{kind: {"names": index.names, "firsts": sorted(index.firsts), "longest": index.longest}
                   for kind, index in (("exact", self.exact), ("folded", self.folded))}}

    @classmethod
    def from_compiled(cls, data: Mapping[str, Any]) -> Gazetteer:
        """The gazetteer `compiled` described."""
        def index(part: Mapping[str, Any], normalise: Callable[[str], str]) -> AliasIndex:
            return AliasIndex(part["names"], frozenset(part["firsts"]), part["longest"], normalise)
        with collector_paused():
            gazetteer = cls(data["entries"], index(data["exact"], _as_written), index(data["folded"], fold))
        gazetteer.__dict__["_fingerprint"] = data["fingerprint"]
        return gazetteer


def is_compiled(data: Any) -> bool:
    """Whether data has the shape `Gazetteer.compiled` gives."""
    def is_index(part: Any) -> bool:
        return (isinstance(part, dict) and isinstance(part.get("names"), dict)
                and isinstance(part.get("firsts"), list) and isinstance(part.get("longest"), int))
    return (isinstance(data, dict) and isinstance(data.get("fingerprint"), str)
            and isinstance(data.get("entries"), dict) and is_index(data.get("exact"))
            and is_index(data.get("folded")))


def _is_exact(alias: str) -> bool:
    # short or all-capital aliases (US, UN, NIS) only match as written: "us" is a pronoun
    return len(alias) <= 3 or alias.isupper()


def entry_problem(entry: Any) -> tuple[str, str] | None:
    """(the field, what is wrong with it) for a gazetteer entry of the wrong shape, else None.
    `aliases: "xyz"` is not the three aliases x, y and z, and `aliases: 5` is no list at all."""
    from checker.ruleset import _show
    if entry is None:
        return None
    if not isinstance(entry, Mapping):
        return "", f"must be a mapping {{aliases: [...], part_of: ..., kind: ...}}, not {_show(entry)}"
    aliases = entry.get("aliases")
    if aliases is not None:
        if not isinstance(aliases, list):
            return "aliases", f"'aliases' must be a list of names, not {_show(aliases)}"
        bad = next((a for a in aliases if isinstance(a, (bool, list, dict)) or a is None), False)
        if bad is not False:
            return "aliases", f"'aliases' must be a list of names; {_show(bad)} is not a name"
    for key in ("part_of", "kind"):
        value = entry.get(key)
        if value is not None and not isinstance(value, str):
            return key, f"'{key}' must be a name, not {_show(value)}"
    return None


def build_gazetteer(entries: dict[str, dict]) -> Gazetteer:
    """Compile a gazetteer from `{canonical: {aliases: [...], part_of: ..., kind: ...}}`;
    GazetteerError names the first entry of the wrong shape."""
    with collector_paused():
        return _build(entries)


def _build(entries: dict[str, dict]) -> Gazetteer:
    alias_of: dict[str, str] = {}
    exact: dict[str, str] = {}
    for name, entry in entries.items():
        problem = entry_problem(entry)
        if problem:
            raise GazetteerError(f"gazetteer entry {str(name)!r}: {problem[1]}")
        for alias in [name] + list((entry or {}).get("aliases") or []):
            alias = " ".join(str(alias).split())
            if not alias:
                continue
            if _is_exact(alias):
                exact[_as_written(alias)] = name
            else:
                alias_of[fold(alias)] = name
    return Gazetteer(entries, AliasIndex.build(exact, _as_written), AliasIndex.build(alias_of, fold))


@functools.lru_cache(maxsize=1)
def bundled_entries() -> dict[str, dict]:
    text = resources.files("checker.data").joinpath("sources.yaml").read_text("utf-8")
    return yaml.safe_load(text) or {}


@functools.lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The bundled gazetteer, compiled once."""
    return build_gazetteer(bundled_entries())


def load_gazetteer_yaml(text: str | bytes) -> Any:
    """A user's gazetteer file, read safely like `yaml.safe_load`; every problem is a
    yaml.YAMLError (marked where the place is known): aliases that refer to themselves or expand
    past MAX_GAZETTEER_NODES nodes (a "billion laughs"), `[`/`{` nested too deep, a value its tag
    cannot hold (`2024-02-30`), nesting too deep to build; an entry of the wrong shape is a
    GazetteerError at its line.

    A gazetteer may hold 100,000 entries: it is read with libyaml and the garbage collector
    paused (which otherwise rescans the growing node graph, ten times the parse); only a file
    that fails is read again by the rule loader's reader, whose messages users see."""
    from checker import ruleset  # the rule loader's reader: one place that knows YAML's traps
    shown = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    deep = ruleset._flow_depth_error(shown)
    if deep:
        raise yaml.YAMLError(f"{deep[1]} (line {deep[0]})")
    with collector_paused():
        read = _read_fast(text) if _FastLoader is not None else None
        node, loaded = read if read is not None else _read_carefully(text, shown)
        if isinstance(loaded, dict):
            _check_entries(node, loaded)
        return loaded


if hasattr(yaml, "CSafeLoader"):
    class _FastLoader(yaml.CSafeLoader):
        """libyaml's parser with PyYAML's safe constructors."""
else:  # PyYAML built without libyaml
    _FastLoader = None


def _read_fast(text: str | bytes) -> tuple[yaml.Node | None, Any] | None:
    """(node, value) read by libyaml, or None when anything is wrong (then read carefully)."""
    from checker import ruleset
    loader = _FastLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        anchors = b"&" in text if isinstance(text, bytes) else "&" in text  # else no alias either
        if anchors and not 0 <= ruleset._expanded_size(node, MAX_GAZETTEER_NODES) <= MAX_GAZETTEER_NODES:
            return None
        return node, loader.construct_document(node)
    except (yaml.YAMLError, ValueError, TypeError, KeyError, AttributeError, OverflowError,
            IndexError, RecursionError):
        return None
    finally:
        loader.dispose()


def _read_carefully(text: str | bytes, shown: str) -> tuple[yaml.Node | None, Any]:
    """(node, value) read by the rule loader's reader, or the yaml.YAMLError users see."""
    from checker import ruleset
    try:
        loader = ruleset._Loader(text)
    except yaml.reader.ReaderError as exc:  # NUL and other characters YAML does not allow
        line, problem = ruleset._reader_problem(exc, shown)
        mark = yaml.Mark("<gazetteer>", exc.position, line - 1, 0, None, None)
        raise yaml.constructor.ConstructorError(
            None, None, problem.removeprefix("invalid YAML: "), mark) from None
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        if not 0 <= ruleset._expanded_size(node, MAX_GAZETTEER_NODES) <= MAX_GAZETTEER_NODES:
            raise yaml.constructor.ConstructorError(
                None, None, f"YAML aliases refer to themselves or expand to more than "
                f"{MAX_GAZETTEER_NODES:,} nodes", node.start_mark)
        return node, loader.construct_document(node)
    except RecursionError:
        raise yaml.YAMLError("nested too deeply") from None
    finally:
        loader.dispose()


def _check_entries(node: yaml.Node, loaded: dict) -> None:
    """GazetteerError at the line of the first entry (or its field) of the wrong shape."""
    if not isinstance(node, yaml.MappingNode):
        return
    for key_node, value_node in node.value:
        name = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if name not in loaded:
            continue
        problem = entry_problem(loaded[name])
        if problem is None:
            continue
        field_name, message = problem
        mark = key_node.start_mark
        if isinstance(value_node, yaml.MappingNode):
            mark = next((k.start_mark for k, _ in value_node.value
                         if isinstance(k, yaml.ScalarNode) and k.value == field_name), mark)
        raise GazetteerError(f"gazetteer entry {name!r}: {message}", mark.line + 1)


def merged_gazetteer(extra: dict[str, dict]) -> Gazetteer:
    """The bundled gazetteer with a user's entries merged over it."""
    with collector_paused():
        entries = {k: dict(v or {}) for k, v in bundled_entries().items()}
        for name, entry in extra.items():
            base = entries.setdefault(name, {})
            base.update({k: v for k, v in (entry or {}).items() if k != "aliases"})
            base["aliases"] = list(base.get("aliases") or []) + list((entry or {}).get("aliases") or [])
        return build_gazetteer(entries)


def acronym(text: str) -> str | None:
    """An acronym given in parentheses: `National Intelligence Service (NIS)` → `NIS`."""
    m = _ACRONYM.search(text)
    return m.group(1) if m else None
