"""The configuration file: `checker.yaml`, `.checker.yaml` or the `[tool.checker]` table of a
`pyproject.toml`, the nearest one to each article (`checker.project` finds it per file), or
named with `--config FILE`.

```yaml
rules: [newsroom-rules/]          # rule directories, read after the bundled rules
select: [contradiction, date-conflict]   # rule ids or types; default: all
ignore: [name-variant]
overrides:                        # per rule: severity and params, as `--set` does
  unsourced-figure: {severity: info}
  contradicting-figures: {params: {tolerance: 0.02}}
against: ["archive/**/*.md", wires/]   # reference articles (globs): compared with, not reported
include: ["*.md"]                 # globs for files inside PATH directories
exclude: ["drafts/*", "_index.md"]
defaults: {lang: en, outlet: The Harbour Courier}   # for files whose metadata does not say
front_matter:                     # which keys hold what, first found wins
  published: [date, publishDate, pubdate]
  outlet: [publisher]
fail_on: warning                  # error | warning | info
baseline: .checker-baseline.json
gazetteer: [sources.yaml]         # extra source entries: files, or a mapping written here
trust: [wires/, archive/]         # references in order of trust, most trusted first
trust_severity: info              # a contradiction that a more trusted reference overrules
```

In `pyproject.toml` the same keys go in a `[tool.checker]` table (`[tool.checker.defaults]`,
`[tool.checker.overrides.unsourced-figure]` for the mappings).

Every key is optional. Relative paths and globs are relative to the file's folder. The file
is validated like a rule file (safe YAML, line numbers): an unknown key, a wrong type or a
bad value is an error naming the file, the line and the valid choices, with a suggestion for
misspellings. Options given on the command line replace the file's values; `--set`
overrides apply after the file's `overrides`.

`front_matter` replaces the default list of keys for each field it names (the field's own
name, such as `published`, is always accepted); fields: outlet, published, lang, title, url,
id, text.

`find_config` looks at names in folders (and reads a `pyproject.toml` to see whether it has
a `[tool.checker]` table); `parse_config` is pure: its caller reads the file.
"""
from __future__ import annotations

import glob
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from checker.findings import SEVERITIES
from checker.gazetteer import entry_problem
from checker.language import known_language
from checker.readers import DEFAULT_ALIASES, supported_languages
from checker.ruleset import LineMap, RuleError, RuleErrors, load_yaml, suggest

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

CONFIG_NAMES: tuple[str, ...] = ("checker.yaml", ".checker.yaml", "pyproject.toml")
CONFIG_KEYS: tuple[str, ...] = ("rules", "select", "ignore", "overrides", "against", "include",
                                "exclude", "defaults", "front_matter", "fail_on", "baseline",
                                "gazetteer", "trust", "trust_severity")
# a pyproject.toml configures the checker only when it has this table
_TOOL_TABLE = re.compile(r"^[ \t]*\[[ \t]*tool[ \t]*\.[ \t]*[\"']?checker[\"']?[ \t]*[\].]", re.MULTILINE)
DEFAULTS_KEYS: tuple[str, ...] = ("lang", "outlet")
FRONT_MATTER_FIELDS: tuple[str, ...] = tuple(DEFAULT_ALIASES)
SEVERITY_CHOICES = tuple(reversed(SEVERITIES))
MAX_CONFIG_BYTES = 1_000_000


@dataclass(frozen=True)
class Config:
    """A validated configuration; paths already joined to the config file's folder."""

    path: str | None = None
    rules: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    overrides: Mapping[str, Any] = field(default_factory=dict)
    against: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    lang: str | None = None
    outlet: str | None = None
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    fail_on: str | None = None
    baseline: str | None = None
    gazetteer_files: tuple[str, ...] = ()
    gazetteer: Mapping[str, Any] = field(default_factory=dict)
    trust: tuple[str, ...] = ()
    trust_severity: str | None = None
    # the line of each key; nested ones dotted: `defaults.lang`, `overrides.unsourced-figure`
    key_lines: Mapping[str, int] = field(default_factory=dict, compare=False)

    def line_of(self, key: str) -> int | None:
        return self.key_lines.get(key)

    def where(self, key: str) -> str:
        """`path:line` of a key, for messages about its value."""
        line = self.line_of(key)
        return f"{self.path}:{line}" if line else str(self.path)


def find_config(start: str = ".") -> str | None:
    """The configuration of the folder `start`: its `checker.yaml`, else its `.checker.yaml`,
    else its `pyproject.toml` if that has a `[tool.checker]` table, else the first folder
    above that has one of them (as ruff finds `ruff.toml` and `pyproject.toml`).

    The path is relative to the working directory when that is shorter to read.
    """
    here = os.path.abspath(start)
    while True:
        found = config_in(here)
        if found:
            relative = os.path.relpath(found)
            return relative if len(relative) < len(found) else found
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


def config_in(folder: str) -> str | None:
    """The configuration file of `folder` itself, or None."""
    for name in CONFIG_NAMES:
        candidate = os.path.join(folder, name)
        if os.path.isfile(candidate) and (name != "pyproject.toml" or _has_tool_table(candidate)):
            return candidate
    return None


def _has_tool_table(path: str) -> bool:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            return _TOOL_TABLE.search(fh.read(MAX_CONFIG_BYTES)) is not None
    except OSError:
        return False


class _Problems:
    def __init__(self, path: str) -> None:
        self.path = path
        self.errors: list[RuleError] = []

    def add(self, line: int | None, message: str) -> None:
        self.errors.append(RuleError(self.path, line or None, message))


def _line(data: Any, key: Any = None) -> int | None:
    if isinstance(data, LineMap):
        return data.line_of(key) if key is not None else data.line
    return None


def _show(value: Any) -> str:
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "null"
    return repr(value) if isinstance(value, str) else str(value)


def _strings(data: Mapping, key: str, problems: _Problems, *, commas: bool = False) -> tuple[str, ...]:
    """A string or a list of strings (comma-separated items split when `commas`)."""
    value = data.get(key)
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(v, str) and v.strip() for v in items):
        problems.add(_line(data, key), f"'{key}' must be a string or a list of strings, "
                                       f"not {_show(value)}")
        return ()
    if commas:
        return tuple(p.strip() for v in items for p in v.split(",") if p.strip())
    return tuple(v.strip() for v in items)


def _joined(base: str, paths: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(p if os.path.isabs(p) else os.path.normpath(os.path.join(base, p)) for p in paths)


def _defaults(data: Mapping, problems: _Problems) -> dict[str, str]:
    value = data.get("defaults")
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        problems.add(_line(data, "defaults"), f"'defaults' must be a mapping with "
                                              f"{' and '.join(DEFAULTS_KEYS)}, not {_show(value)}")
        return {}
    out: dict[str, str] = {}
    for key, item in value.items():
        line = _line(value, key)
        if key not in DEFAULTS_KEYS:
            problems.add(line, f"unknown key '{key}' in 'defaults' " + suggest(key, DEFAULTS_KEYS, "keys"))
        elif not isinstance(item, str) or not item.strip():
            problems.add(line, f"'defaults.{key}' must be a non-empty string, not {_show(item)}")
        elif key == "lang" and item.strip().lower() not in supported_languages() \
                and not known_language(item.strip().lower()):
            problems.add(line, f"'defaults.lang': unknown language {item!r} "
                               + suggest(item, supported_languages(), "languages"))
        else:
            out[key] = item.strip().lower() if key == "lang" else item.strip()
    return out


def _aliases(data: Mapping, problems: _Problems) -> dict[str, tuple[str, ...]]:
    value = data.get("front_matter")
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        problems.add(_line(data, "front_matter"), "'front_matter' must map fields to lists of "
                                                  f"keys, not {_show(value)}")
        return {}
    out: dict[str, tuple[str, ...]] = {}
    for name, keys in value.items():
        line = _line(value, name)
        if name not in FRONT_MATTER_FIELDS:
            problems.add(line, f"unknown field '{name}' in 'front_matter' "
                               + suggest(name, FRONT_MATTER_FIELDS, "fields"))
            continue
        keys = [keys] if isinstance(keys, str) else keys
        if not isinstance(keys, list) or not all(isinstance(k, str) and k.strip() for k in keys):
            problems.add(line, f"'front_matter.{name}' must be a list of keys, not {_show(keys)}")
            continue
        out[name] = tuple(k.strip() for k in keys)
    return out


def _gazetteer(data: Mapping, base: str, problems: _Problems) -> tuple[tuple[str, ...], dict]:
    """Gazetteer files (strings) or inline entries (a mapping of source → entry)."""
    value = data.get("gazetteer")
    if value is None:
        return (), {}
    if isinstance(value, Mapping):
        for name, entry in value.items():
            problem = entry_problem(entry)
            if problem:
                field_name, message = problem
                line = _line(entry, field_name) if field_name else None
                problems.add(line or _line(value, name), f"gazetteer entry '{name}': {message}")
                return (), {}
        return (), {str(k): dict(v or {}) for k, v in value.items()}
    files = _strings(data, "gazetteer", problems)
    return _joined(base, files), {}


def parse_config(text: str, path: str) -> Config:
    """A validated Config from the text of the file at `path` (YAML, or the `[tool.checker]`
    table of a `.toml` file); RuleErrors lists every problem."""
    if len(text.encode("utf-8", "replace")) > MAX_CONFIG_BYTES:
        raise RuleError(path, None, f"the file is larger than {MAX_CONFIG_BYTES:,} bytes")
    if not text.strip():
        return Config(path=path)
    if path.endswith(".toml"):
        data = tool_table(text, path)
    else:
        try:
            data = load_yaml(text, path)
        except RuleError as exc:
            if exc.message.startswith("the file is empty"):  # only comments: nothing configured
                return Config(path=path)
            raise
    if data is None:
        return Config(path=path)
    if not isinstance(data, Mapping):
        raise RuleError(path, _line(data) or 1, f"a configuration is a YAML mapping of keys "
                                                f"({', '.join(CONFIG_KEYS)}), not {_show(data)}")
    problems = _Problems(path)
    for key in data:
        if key not in CONFIG_KEYS:
            problems.add(_line(data, key), f"unknown key '{key}' in the configuration "
                                           + suggest(key, CONFIG_KEYS, "keys"))
    base = os.path.dirname(path)
    overrides = data.get("overrides") or {}
    if not isinstance(overrides, Mapping):
        problems.add(_line(data, "overrides"), "'overrides' must map rule ids to "
                                               f"{{severity, params}}, not {_show(overrides)}")
        overrides = {}
    fail_on = data.get("fail_on")
    if fail_on is not None and fail_on not in SEVERITY_CHOICES:
        problems.add(_line(data, "fail_on"), f"'fail_on' must be one of "
                                             f"{', '.join(SEVERITY_CHOICES)}, not {_show(fail_on)} "
                                             + suggest(fail_on, SEVERITY_CHOICES, "severities"))
        fail_on = None
    baseline = data.get("baseline")
    if baseline is not None and not (isinstance(baseline, str) and baseline.strip()):
        problems.add(_line(data, "baseline"), f"'baseline' must be a file name, not {_show(baseline)}")
        baseline = None
    trust_severity = data.get("trust_severity")
    if trust_severity is not None and trust_severity not in SEVERITY_CHOICES:
        problems.add(_line(data, "trust_severity"),
                     f"'trust_severity' must be one of {', '.join(SEVERITY_CHOICES)}, not "
                     f"{_show(trust_severity)} " + suggest(str(trust_severity), SEVERITY_CHOICES,
                                                           "severities"))
        trust_severity = None
    defaults = _defaults(data, problems)
    gazetteer_files, gazetteer = _gazetteer(data, base, problems)
    config = Config(
        path=path,
        rules=_joined(base, _strings(data, "rules", problems)),
        select=_strings(data, "select", problems, commas=True),
        ignore=_strings(data, "ignore", problems, commas=True),
        overrides=overrides,
        against=_joined(base, _strings(data, "against", problems)),
        include=_strings(data, "include", problems),
        exclude=_strings(data, "exclude", problems),
        lang=defaults.get("lang"),
        outlet=defaults.get("outlet"),
        aliases=_aliases(data, problems),
        fail_on=fail_on,
        baseline=_joined(base, (baseline,))[0] if baseline else None,
        gazetteer_files=gazetteer_files,
        gazetteer=gazetteer,
        trust=_joined(base, _strings(data, "trust", problems)),
        trust_severity=trust_severity,
        key_lines=_key_lines(data),
    )
    if problems.errors:
        raise RuleErrors(sorted(problems.errors, key=lambda e: e.line or 0))
    return config


def _key_lines(data: Mapping) -> dict[str, int]:
    """The line of each key, and of each key of the mappings `defaults`, `front_matter` and
    `overrides` under a dotted name (`defaults.lang`): where `config show` says a value is set."""
    lines = {k: _line(data, k) for k in data if isinstance(k, str)}
    for outer in ("defaults", "front_matter", "overrides"):
        inner = data.get(outer)
        if isinstance(inner, Mapping):
            lines.update({f"{outer}.{k}": _line(inner, k) or lines.get(outer) for k in inner})
    return {k: v for k, v in lines.items() if v}


# --- pyproject.toml -----------------------------------------------------------------------------

_TOML_POSITION = re.compile(r"\(at line (\d+), column \d+\)")
_TOML_HEADER = re.compile(r"^[ \t]*\[\[?([^\]]+)\]\]?")
_TOML_KEY = re.compile(r"""^[ \t]*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:[ \t]*\.[ \t]*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)[ \t]*=""")


def tool_table(text: str, path: str) -> LineMap | None:
    """The `[tool.checker]` table of a pyproject.toml, its mappings LineMaps that know the line
    of each key (so errors point into the file as they do in YAML); None when there is none."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        where = _TOML_POSITION.search(message)
        raise RuleError(path, int(where.group(1)) if where else None,
                        f"invalid TOML: {message[:where.start()].strip() if where else message}"
                        ) from None
    table = document.get("tool", {}).get("checker") if isinstance(document.get("tool"), dict) else None
    if table is None:
        return None
    return _with_lines(table, _toml_lines(text), ("tool", "checker"))


def _toml_keys(dotted: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in re.findall(
        r"""[ \t]*(?:"[^"]*"|'[^']*'|[^.]+)""", dotted))


def _toml_lines(text: str) -> dict[tuple[str, ...], int]:
    """The line where each key is set, by its full path (`("tool", "checker", "against")`):
    `key = ` lines under their table's header, and `[table]` headers themselves."""
    lines: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), start=1):
        header = _TOML_HEADER.match(line)
        if header:
            table = _toml_keys(header.group(1))
            for end in range(1, len(table) + 1):  # `[a.b.c]` also opens a.b where nothing did
                lines.setdefault(table[:end], number)
            continue
        key = _TOML_KEY.match(line)
        if key:
            lines.setdefault(table + _toml_keys(key.group(1)), number)
    return lines


def _with_lines(value: Any, lines: Mapping[tuple[str, ...], int], at: tuple[str, ...]) -> Any:
    """`value` with every table a LineMap holding its keys' lines."""
    if isinstance(value, list):
        return [_with_lines(v, lines, at) for v in value]
    if not isinstance(value, dict):
        return value
    out = LineMap({k: _with_lines(v, lines, at + (k,)) for k, v in value.items()})
    out.line = lines.get(at, 0)
    out.key_lines = {k: lines[at + (k,)] for k in value if at + (k,) in lines}
    return out


def expand_globs(patterns: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """Paths matching each pattern (recursive `**`; a plain path is itself), and the patterns
    that match nothing."""
    found: dict[str, None] = {}  # insertion-ordered set
    empty: list[str] = []
    for pattern in patterns:
        if any(c in pattern for c in "*?["):
            matches = sorted(glob.glob(pattern, recursive=True))
        else:
            matches = [pattern] if os.path.exists(pattern) else []
        if not matches:
            empty.append(pattern)
        found.update(dict.fromkeys(matches))
    return list(found), empty
