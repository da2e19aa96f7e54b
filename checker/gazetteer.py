"""The source gazetteer: one canonical name for the many ways a source is written.

`National Intelligence Service (NIS)`, `il NIS` and `South Korea's spy agency` are all `NIS`;
`Seul`, `Seoul` and `autorità sudcoreane` are `South Korea`, and NIS is part of South Korea,
so the two never conflict. Bundled entries live in `checker/data/sources.yaml`; users add
their own with the same shape.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from checker.language import fold, phrase_pattern

_ACRONYM = re.compile(r"\(\s*([A-Z][A-Z0-9.&-]{1,9})\s*\)")
MAX_GAZETTEER_NODES = 1_000_000  # a gazetteer may be large; its aliases may not multiply it past this


@dataclass(eq=False)
class Gazetteer:
    """Canonical sources with their kind and parent, and one pattern over all aliases."""

    entries: dict[str, dict]
    alias_of: dict[str, str]
    exact_alias_of: dict[str, str]
    pattern: re.Pattern
    exact_pattern: re.Pattern
    _parents: dict[str, str] = field(default_factory=dict)

    def resolve(self, text: str) -> str | None:
        """The canonical name of the longest alias written in `text`, if any."""
        best: tuple[int, str] | None = None
        for m in self.exact_pattern.finditer(text):
            name = self.exact_alias_of[m.group()]
            if best is None or len(m.group()) > best[0]:
                best = (len(m.group()), name)
        for m in self.pattern.finditer(text):
            name = self.alias_of.get(" ".join(fold(m.group()).split()))
            if name and (best is None or len(m.group()) > best[0]):
                best = (len(m.group()), name)
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


def _is_exact(alias: str) -> bool:
    # short or all-capital aliases (US, UN, NIS) only match as written: "us" is a pronoun
    return len(alias) <= 3 or alias.isupper()


def build_gazetteer(entries: dict[str, dict]) -> Gazetteer:
    """Compile a gazetteer from `{canonical: {aliases: [...], part_of: ..., kind: ...}}`."""
    alias_of: dict[str, str] = {}
    exact: dict[str, str] = {}
    for name, entry in entries.items():
        for alias in [name] + list((entry or {}).get("aliases") or []):
            alias = str(alias).strip()
            if not alias:
                continue
            if _is_exact(alias):
                exact[alias] = name
            else:
                alias_of[" ".join(fold(alias).split())] = name

    def alt(items, key=lambda a: a):
        items = sorted(items, key=lambda a: (-len(a), a))
        return "|".join(phrase_pattern(key(a)) for a in items) or r"(?!x)x"

    pattern = re.compile(rf"(?<![\w])(?:{alt(alias_of)})(?![\w])", re.IGNORECASE)
    exact_pattern = re.compile(rf"(?<![\w])(?:{alt(exact)})(?![\w])")
    return Gazetteer(entries, alias_of, exact, pattern, exact_pattern)


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
    cannot hold (`2024-02-30`), nesting too deep to build."""
    from checker import ruleset  # the rule loader's reader: one place that knows YAML's traps
    shown = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    deep = ruleset._flow_depth_error(shown)
    if deep:
        raise yaml.YAMLError(f"{deep[1]} (line {deep[0]})")
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
            return None
        if not 0 <= ruleset._expanded_size(node, MAX_GAZETTEER_NODES) <= MAX_GAZETTEER_NODES:
            raise yaml.constructor.ConstructorError(
                None, None, f"YAML aliases refer to themselves or expand to more than "
                f"{MAX_GAZETTEER_NODES:,} nodes", node.start_mark)
        return loader.construct_document(node)
    except RecursionError:
        raise yaml.YAMLError("nested too deeply") from None
    finally:
        loader.dispose()


def merged_gazetteer(extra: dict[str, dict]) -> Gazetteer:
    """The bundled gazetteer with a user's entries merged over it."""
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
