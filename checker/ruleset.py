"""Rule files: read safely, validate every key, and report every problem at its line.

A rule file is one YAML mapping:

```yaml
id: unsourced-figure            # lowercase letters, digits, '-', '_', '.'
type: unsourced                 # a rule type of checker.checks (see `checker rules show`)
severity: warning               # error | warning | info
message: "unsourced figure: {text}{credits}"   # {field} placeholders, nothing else
description: |                  # what the rule flags and why
  ...
params:                         # optional: the rule type's settings, validated by type
  min_value: 0
examples:                       # at least one; `checker rules test` runs them
  - text: "Some 3,000 soldiers were moved to Russia."
    lang: en
    published: 2024-10-21      # optional, like outlet
    flag: 1                     # number of findings, or a list of strings the flagged text holds
  - text: "..."
    lang: it
    against:                    # optional: reference snippets, read but never reported on
      - {text: "...", lang: en, outlet: Daily Ledger}
    pass: true                  # no finding at all
```

Files are read with a SafeLoader subclass that records the line of every key, so each error
names `path:line`. Aliases are allowed but their expansion is bounded, and files over 1 MB are
refused. Message templates are rendered with `str.format_map`; placeholders must be plain
field names of the rule type (no attribute or index access, no format spec), checked at load.
A later rule with the same id replaces an earlier one, so a user directory can replace a
bundled rule; `apply_overrides` changes a rule's severity or some params without copying it.
"""
from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import difflib
import gc
import re
import string
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

from checker import checks
from checker.findings import SEVERITIES

MAX_RULE_BYTES = 1_000_000
MAX_YAML_NODES = 10_000  # a rule file has a few hundred nodes; aliases may not expand past this
MAX_FLOW_DEPTH = 200  # `[[[…` / `{{{…`: PyYAML's scanner is quadratic in this depth

RULE_KEYS: tuple[str, ...] = ("id", "type", "severity", "message", "description", "params",
                              "examples")
REQUIRED_KEYS: tuple[str, ...] = ("id", "type", "severity", "message", "description", "examples")
SNIPPET_KEYS: tuple[str, ...] = ("text", "lang", "published", "outlet")
EXAMPLE_KEYS: tuple[str, ...] = SNIPPET_KEYS + ("against", "flag", "pass")
OVERRIDE_KEYS: tuple[str, ...] = ("severity", "params")
SEVERITY_CHOICES = tuple(reversed(SEVERITIES))  # as written in messages: error, warning, info
RULE_ID = re.compile(r"[a-z0-9][a-z0-9._-]*\Z")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


# --- errors -----------------------------------------------------------------------------------

class RuleError(Exception):
    """A problem with a rule file (or a rule override), at `path:line`."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        super().__init__(path, line, message)
        self.path, self.line, self.message = path, line, message

    @property
    def errors(self) -> list[RuleError]:
        return [self]

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class RuleErrors(RuleError):
    """Every problem found while loading rules; `errors` lists them in file order."""

    def __init__(self, errors: Iterable[RuleError]) -> None:
        found = [e for err in errors for e in err.errors]
        first = found[0]
        super().__init__(first.path, first.line, first.message)
        self._errors = found

    @property
    def errors(self) -> list[RuleError]:
        return list(self._errors)

    def __str__(self) -> str:
        return "\n".join(RuleError.__str__(e) for e in self._errors)


def suggest(word: Any, choices: Iterable[str], what: str) -> str:
    """'(did you mean 'x'? valid keys: a, b)' for a misspelling among `choices`."""
    choices = list(choices)
    close = difflib.get_close_matches(str(word), choices, n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return f"({hint}valid {what}: {', '.join(choices) or 'none'})"


def _show(value: Any) -> str:
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, bool):
        return str(value).lower()
    if value is None:
        return "null"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return str(value)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's garbage collector off while a large YAML document (a gazetteer, front matter)
    is read or built: it would rescan the hundreds of thousands of objects made so far, again
    and again (10 s instead of 1 for a gazetteer of 100,000 entries). They hold no cycles."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


# --- YAML with line numbers -------------------------------------------------------------------

class LineMap(dict):
    """A YAML mapping that remembers its line and the line of each of its keys (1-based)."""

    line: int = 0
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line) if hasattr(self, "key_lines") else self.line


class _Loader(yaml.SafeLoader):
    """SafeLoader building LineMaps and noting duplicate keys."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[int, str]] = []

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """As SafeLoader's, but a value its tag cannot hold (`!!int x`, `2024-02-30`) is a
        ConstructorError at the node, not a ValueError from deep inside PyYAML."""
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError, IndexError) as exc:
            tag = str(node.tag).rsplit(":", 1)[-1]
            value = ""
            if isinstance(node.value, str):
                value = " " + _show(node.value if len(node.value) <= 40 else node.value[:39] + "…")
            raise yaml.constructor.ConstructorError(
                None, None, f"invalid {tag} value{value} ({exc})", node.start_mark) from None


def _construct_map(loader: _Loader, node: yaml.MappingNode):
    if not isinstance(node, yaml.MappingNode):  # `!!map x`
        raise yaml.constructor.ConstructorError(None, None, f"expected a mapping, but found {node.id}",
                                                node.start_mark)
    data = LineMap()
    data.line = node.start_mark.line + 1
    data.key_lines = {}
    yield data
    loader.flatten_mapping(node)
    seen: set[str] = set()
    for key_node, _ in node.value:
        if isinstance(key_node, yaml.ScalarNode):
            key = loader.construct_object(key_node)
            if isinstance(key, (str, int, float, bool)) or key is None:
                if key in seen:
                    loader.duplicates.append((key_node.start_mark.line + 1, f"duplicate key '{key}'"))
                seen.add(key)
                data.key_lines.setdefault(key, key_node.start_mark.line + 1)
    data.update(loader.construct_mapping(node))


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)


def _expanded_size(root: yaml.Node, limit: int = MAX_YAML_NODES) -> int:
    """How many nodes the document has once every alias is expanded (counted up to `limit`
    + 1); -1 for a cycle."""
    sizes: dict[int, int] = {}
    active: set[int] = set()

    def size(node: yaml.Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in active:
            return -1
        active.add(key)
        total = 1
        if isinstance(node, yaml.SequenceNode):
            children = node.value
        elif isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        else:
            children = []
        for child in children:
            sub = size(child)
            if sub < 0:
                return -1
            total = min(total + sub, limit + 1)  # stop counting past the limit
        active.discard(key)
        sizes[key] = total
        return total

    return size(root)


def _yaml_problem(exc: yaml.MarkedYAMLError) -> tuple[int | None, str]:
    """The line and message of a YAML syntax error.

    The line is where the parser stopped, except at the end of the file (an unclosed quote or
    bracket), where the line the construct started at is the one to fix.
    """
    problem, context = exc.problem or "syntax error", exc.context
    mark, start = exc.problem_mark, exc.context_mark
    if start is not None and (mark is None or "end of stream" in problem):
        mark = start
    line = mark.line + 1 if mark else None
    if context and start is not None and start.line + 1 != line:
        problem += f" ({context} at line {start.line + 1})"
    elif context:
        problem = f"{context}: {problem}"
    return line, f"invalid YAML: {problem}"


def _flow_depth_error(text: str) -> tuple[int, str] | None:
    """The line where `[` and `{` nest deeper than MAX_FLOW_DEPTH (counted over the whole text,
    quotes and comments included: a bound, checked before PyYAML spends quadratic time)."""
    depth = 0
    for m in _BRACKETS.finditer(text):
        depth = depth + 1 if m.group() in "[{" else max(0, depth - 1)
        if depth > MAX_FLOW_DEPTH:
            return (text.count("\n", 0, m.start()) + 1,
                    f"invalid YAML: '[' and '{{' nested more than {MAX_FLOW_DEPTH} deep")
    return None


_BRACKETS = re.compile(r"[\[\]{}]")


def _reader_problem(exc: yaml.reader.ReaderError, text: str) -> tuple[int, str]:
    """The line and message of a character YAML does not allow (NUL, other controls)."""
    char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
    return (text.count("\n", 0, max(0, exc.position)) + 1,
            f"invalid YAML: character U+{char:04X} is not allowed ({exc.reason})")


def load_yaml(text: str, path: str) -> Any:
    """Parse one YAML document safely: mappings become LineMaps; RuleErrors on any problem."""
    if deep := _flow_depth_error(text):
        raise RuleError(path, *deep)
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:
        raise RuleError(path, *_reader_problem(exc, text)) from None
    try:
        node = loader.get_single_node()
        if node is None:
            raise RuleError(path, 1, "the file is empty; a rule file is one YAML mapping")
        size = _expanded_size(node)
        if size < 0:
            raise RuleError(path, node.start_mark.line + 1, "YAML aliases refer to themselves")
        if size > MAX_YAML_NODES:
            raise RuleError(path, node.start_mark.line + 1,
                            f"YAML aliases expand to more than {MAX_YAML_NODES:,} nodes")
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        raise RuleError(path, *_yaml_problem(exc)) from None
    except yaml.reader.ReaderError as exc:
        raise RuleError(path, *_reader_problem(exc, text)) from None
    except yaml.YAMLError as exc:
        raise RuleError(path, None, f"invalid YAML: {exc}") from None
    except RecursionError:
        raise RuleError(path, loader.get_mark().line + 1, "invalid YAML: nested too deeply") from None
    finally:
        loader.dispose()
    if loader.duplicates:
        raise RuleErrors(RuleError(path, line, msg) for line, msg in loader.duplicates)
    return data


# --- the rule model ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Snippet:
    """A short article an example runs: its text and what its front matter would say."""

    text: str
    lang: str
    published: str | None = None
    outlet: str | None = None


@dataclass(frozen=True)
class Example:
    """A snippet a rule must flag (`flag`: a count or strings of the flagged text) or pass."""

    snippet: Snippet
    against: tuple[Snippet, ...] = ()
    flag: int | tuple[str, ...] | None = None  # None: must pass with no finding
    line: int = 0

    @property
    def expects_pass(self) -> bool:
        return self.flag is None


_FORMATTER = string.Formatter()


class _Fields(dict):
    """Template values: a placeholder without a value renders empty, never raises."""

    def __missing__(self, key: str) -> str:
        return ""


@dataclass(frozen=True)
class Rule:
    """A validated rule: its YAML fields, its type's settings, and where it was read from."""

    id: str
    type: str
    severity: str
    message: str
    description: str
    params: Mapping[str, Any]
    settings: Any
    examples: tuple[Example, ...]
    path: str
    line: int = 1
    key_lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)

    def render(self, fields: Mapping[str, Any]) -> str:
        """The message with `{field}`s filled from `fields` (missing ones empty). A field
        that comes out empty takes one of the spaces around it along: '{figure} {subject}
        contradicts' reads '1.1 meter contradicts' when nothing is counted, not
        '1.1 meter  contradicts'."""
        values = _Fields({k: "" if v is None else v for k, v in fields.items()})
        out = ""
        after_empty = False
        for literal, name, spec, conversion in _FORMATTER.parse(self.message):
            if after_empty and literal.startswith(" ") and (out == "" or out.endswith(" ")):
                literal = literal[1:]
            out += literal
            if name is None:
                after_empty = False
                continue
            value = _FORMATTER.convert_field(_FORMATTER.get_field(name, (), values)[0], conversion)
            text = _FORMATTER.format_field(value, spec or "")
            out += text
            after_empty = text == ""
        return out[:-1] if after_empty and out.endswith(" ") else out

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


# --- validation -------------------------------------------------------------------------------

class _Problems:
    """Errors of one file, collected rather than raised one by one."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.errors: list[RuleError] = []

    def add(self, line: int | None, message: str) -> None:
        self.errors.append(RuleError(self.path, line, message))


def _line(mapping: Any, key: Any = None) -> int:
    if isinstance(mapping, LineMap):
        return mapping.line_of(key) if key is not None else mapping.line
    return 0


def template_errors(message: str, fields: Mapping[str, str] | None) -> list[str]:
    """What is wrong with a message template; `fields` None accepts any plain name."""
    try:
        parsed = list(string.Formatter().parse(message))
    except ValueError as exc:
        return [f"'message' is not a valid template: {exc} (write '{{{{' and '}}}}' for braces)"]
    errors = []
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if name == "" or name.isdigit():
            errors.append("'message' placeholders need a field name, not '{" + name + "}'")
        elif not name.isidentifier():
            errors.append(f"'message' placeholder '{{{name}}}' is not a plain field name "
                          "(attribute and index access are not allowed)")
        elif spec or conversion:
            errors.append(f"'message' placeholder '{{{name}}}' may not have a format spec or "
                          "conversion; write '{" + name + "}'")
        elif fields is not None and name not in fields:
            errors.append(f"'message' placeholder '{{{name}}}' is not a field of this rule type "
                          + suggest(name, fields, "fields"))
    return errors


def _misspelled(data: Mapping, keys: Iterable[str]) -> set[str]:
    """The valid keys that unknown keys of `data` look like misspellings of."""
    keys = list(keys)
    return {m for k in data if k not in keys for m in difflib.get_close_matches(str(k), keys, n=1)}


def _as_date(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _snippet(data: Any, where: str, line: int, problems: _Problems,
             keys: tuple[str, ...]) -> Snippet | None:
    if not isinstance(data, Mapping):
        problems.add(line, f"{where} must be a mapping with 'text' and 'lang', not {_show(data)}")
        return None
    ok = True
    for key in data:
        if key not in keys:
            problems.add(_line(data, key), f"unknown key '{key}' in {where} " + suggest(key, keys, "keys"))
            ok = False
    misspelled = _misspelled(data, keys)
    for key in ("text", "lang"):
        if key not in data and key in misspelled:
            ok = False
        elif key not in data:
            problems.add(_line(data), f"{where} is missing '{key}'")
            ok = False
        elif not isinstance(data[key], str) or not data[key].strip():
            problems.add(_line(data, key), f"{where}.{key} must be a non-empty string, not {_show(data[key])}")
            ok = False
    published = _as_date(data.get("published"))
    if published is not None and not (isinstance(published, str) and DATE.match(published)):
        problems.add(_line(data, "published"),
                     f"{where}.published must be a date YYYY-MM-DD, not {_show(published)}")
        ok = False
    outlet = data.get("outlet")
    if outlet is not None and not isinstance(outlet, str):
        problems.add(_line(data, "outlet"), f"{where}.outlet must be a string, not {_show(outlet)}")
        ok = False
    if not ok:
        return None
    return Snippet(text=data["text"], lang=data["lang"], published=published, outlet=outlet)


def _example(data: Any, index: int, line: int, problems: _Problems) -> Example | None:
    where = f"examples[{index}]"
    before = len(problems.errors)
    snippet = _snippet(data, where, line, problems, EXAMPLE_KEYS)
    if not isinstance(data, Mapping):
        return None
    against: list[Snippet] = []
    refs = data.get("against", [])
    if not isinstance(refs, list):
        problems.add(_line(data, "against"), f"{where}.against must be a list of snippets, not {_show(refs)}")
    else:
        for j, ref in enumerate(refs):
            s = _snippet(ref, f"{where}.against[{j}]", _line(data, "against"), problems, SNIPPET_KEYS)
            if s is not None:
                against.append(s)
    flag: int | tuple[str, ...] | None = None
    has_flag, has_pass = "flag" in data, "pass" in data
    if not (has_flag or has_pass) and _misspelled(data, EXAMPLE_KEYS) & {"flag", "pass"}:
        pass  # the unknown key error already says it
    elif has_flag == has_pass:
        problems.add(_line(data), f"{where} must have either 'flag' or 'pass: true'")
    elif has_pass and data["pass"] is not True:
        problems.add(_line(data, "pass"), f"{where}.pass must be true, not {_show(data['pass'])}")
    elif has_flag:
        value = data["flag"]
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            flag = value
        elif (isinstance(value, list) and value
              and all(isinstance(v, str) and v for v in value)):
            flag = tuple(value)
        else:
            problems.add(_line(data, "flag"), f"{where}.flag must be a number of findings (1 or "
                                              f"more) or a list of strings, not {_show(value)}")
    if snippet is None or len(problems.errors) > before:
        return None
    return Example(snippet=snippet, against=tuple(against), flag=flag, line=_line(data))


def _examples(data: Any, line: int, problems: _Problems) -> tuple[Example, ...]:
    if not isinstance(data, list) or not data:
        problems.add(line, f"'examples' must be a non-empty list of snippets to flag or pass, not {_show(data)}")
        return ()
    out = []
    for i, item in enumerate(data):
        example = _example(item, i, _line(item) or line, problems)
        if example is not None:
            out.append(example)
    return tuple(out)


def _validate_settings(module: Any, params: Mapping[str, Any], lines: Any, problems: _Problems,
                       fallback_line: int) -> Any:
    settings, errors = checks.settings_from_dict(module.Settings, params)
    for err in errors:
        key = err.name.split(".")[0]
        known = isinstance(lines, Mapping) and key in lines
        problems.add(_line(lines, key) if known else fallback_line, err.message)
    return settings


def _severity_error(value: Any) -> str | None:
    if value in SEVERITY_CHOICES:
        return None
    return f"'severity' must be one of {', '.join(SEVERITY_CHOICES)}, not {_show(value)}"


def parse_rule(data: Any, path: str) -> Rule:
    """Validate one rule mapping read from `path`; RuleErrors listing every problem."""
    problems = _Problems(path)
    if not isinstance(data, Mapping):
        raise RuleError(path, _line(data) or 1, f"a rule file must be one YAML mapping, not {_show(data)}")
    rule_id = data.get("id")
    name = rule_id if isinstance(rule_id, str) else Path(path).stem
    misspelled = _misspelled(data, RULE_KEYS)  # a required key written wrong: one error, not two
    for key in data:
        if key not in RULE_KEYS:
            problems.add(_line(data, key), f"unknown key '{key}' in rule '{name}' " + suggest(key, RULE_KEYS, "keys"))
    for key in REQUIRED_KEYS:
        if key not in data and key not in misspelled:
            problems.add(_line(data), f"rule '{name}' is missing required key '{key}'")
    if "id" in data and not (isinstance(rule_id, str) and RULE_ID.match(rule_id)):
        problems.add(_line(data, "id"), "'id' must be lowercase letters, digits, '-', '_' or '.', "
                                        f"not {_show(rule_id)}")
    for key in ("message", "description"):
        if key in data and not (isinstance(data[key], str) and data[key].strip()):
            problems.add(_line(data, key), f"'{key}' must be a non-empty string, not {_show(data[key])}")
    if "severity" in data and (msg := _severity_error(data["severity"])):
        problems.add(_line(data, "severity"), msg)

    module = None
    type_name = data.get("type")
    if "type" in data:
        try:
            module = checks.rule_type(type_name) if isinstance(type_name, str) else None
        except KeyError:
            module = None
        if module is None:
            problems.add(_line(data, "type"), f"unknown rule type {_show(type_name)} "
                         + suggest(type_name, checks.available_types(), "types"))

    params = data.get("params")
    if params is None:
        params = {}
    if not isinstance(params, Mapping):
        problems.add(_line(data, "params"), f"'params' must be a mapping, not {_show(params)}")
        params = {}
    settings = None
    if module is not None:
        settings = _validate_settings(module, params, params, problems, _line(data, "params"))
    if isinstance(data.get("message"), str):
        fields = checks.message_fields(module) if module is not None else None
        for msg in template_errors(data["message"], fields):
            problems.add(_line(data, "message"), msg)

    examples = _examples(data["examples"], _line(data, "examples"), problems) if "examples" in data else ()
    if problems.errors:
        raise RuleErrors(sorted(problems.errors, key=lambda e: e.line or 0))
    return Rule(id=rule_id, type=type_name, severity=data["severity"], message=data["message"],
                description=data["description"].strip(), params=dict(params), settings=settings,
                examples=examples, path=path, line=_line(data) or 1,
                key_lines=dict(getattr(data, "key_lines", {})))


def parse_rule_text(text: str, path: str) -> Rule:
    """Read and validate the text of one rule file."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_RULE_BYTES:
        raise RuleError(path, None, f"rule file is larger than {MAX_RULE_BYTES // 1_000_000} MB")
    return parse_rule(load_yaml(text, path), path)


def _read(source: Path | Traversable, path: str) -> str:
    try:
        if isinstance(source, Path) and source.stat().st_size > MAX_RULE_BYTES:
            raise RuleError(path, None, f"rule file is larger than {MAX_RULE_BYTES // 1_000_000} MB")
        data = source.read_bytes()
    except OSError as exc:
        raise RuleError(path, None, f"cannot read rule file: {exc.strerror or exc}") from None
    if len(data) > MAX_RULE_BYTES:
        raise RuleError(path, None, f"rule file is larger than {MAX_RULE_BYTES // 1_000_000} MB")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RuleError(path, None, f"rule file is not UTF-8 text (byte {exc.start})") from None


def load_rule_file(path: str | Path) -> Rule:
    """Read and validate one rule file."""
    return parse_rule_text(_read(Path(path), str(path)), str(path))


def bundled_rules_dir() -> Traversable:
    """The rules shipped with the package (the top-level `rules/` folder in a source tree)."""
    try:
        return resources.files("checker.bundled_rules")
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / "rules"


def _rule_files(source: Path | Traversable) -> list[Path | Traversable]:
    if source.is_file():
        return [source]
    return sorted((f for f in source.iterdir() if f.name.endswith((".yaml", ".yml")) and f.is_file()),
                  key=lambda f: f.name)


def load_rules(dirs: Iterable[str | Path] = (), *, bundled: bool = True) -> list[Rule]:
    """The bundled rules, then those of each directory (or file) in `dirs`, in that order.

    A later rule with the id of an earlier one replaces it in place. Every problem in every
    file is collected and raised together as RuleErrors.
    """
    sources: list[tuple[Path | Traversable, str]] = []
    if bundled:
        base = bundled_rules_dir()
        sources += [(f, _display(f)) for f in _rule_files(base)]
    errors: list[RuleError] = []
    for d in dirs:
        p = Path(d)
        if not p.exists():
            errors.append(RuleError(str(d), None, "no such rules directory"))
            continue
        sources += [(f, str(f)) for f in _rule_files(p)]
    rules: dict[str, Rule] = {}
    for source, shown in sources:
        try:
            rule = parse_rule_text(_read(source, shown), shown)
        except RuleError as exc:
            errors.append(exc)
            continue
        rules[rule.id] = rule
    if errors:
        raise RuleErrors(errors)
    return list(rules.values())


def _display(f: Path | Traversable) -> str:
    """A bundled rule's path as a user can find it: relative to the working directory if inside."""
    try:
        return str(Path(str(f)).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(f)


def apply_overrides(rules: Iterable[Rule], overrides: Mapping[str, Any], *,
                    source: str = "<overrides>") -> list[Rule]:
    """Rules with some severities or params changed: {rule id: {severity?, params?}}.

    Params are merged into the rule's own and validated against its type like a rule file;
    an unknown rule id, key, severity or param is an error naming `source` and its line.
    """
    rules = list(rules)
    by_id = {r.id: i for i, r in enumerate(rules)}
    problems = _Problems(source)
    if not isinstance(overrides, Mapping):
        raise RuleError(source, _line(overrides) or None,
                        f"rule overrides must be a mapping of rule ids, not {_show(overrides)}")
    for rule_id, change in overrides.items():
        line = _line(overrides, rule_id) or None
        if rule_id not in by_id:
            problems.add(line, f"no rule '{rule_id}' to override " + suggest(rule_id, by_id, "rules"))
            continue
        if not isinstance(change, Mapping):
            problems.add(line, f"the override of '{rule_id}' must be a mapping with 'severity' "
                               f"or 'params', not {_show(change)}")
            continue
        for key in change:
            if key not in OVERRIDE_KEYS:
                problems.add(_line(change, key) or line, f"unknown key '{key}' in the override of "
                             f"'{rule_id}' " + suggest(key, OVERRIDE_KEYS, "keys"))
        rule = rules[by_id[rule_id]]
        severity = change.get("severity", rule.severity)
        if msg := _severity_error(severity):
            problems.add(_line(change, "severity") or line, msg)
        params = change.get("params", {})
        if not isinstance(params, Mapping):
            problems.add(_line(change, "params") or line, f"'params' must be a mapping, not {_show(params)}")
            continue
        before = len(problems.errors)
        merged = {**rule.params, **params}
        settings = _validate_settings(checks.rule_type(rule.type), merged, params, problems,
                                      _line(change, "params") or line)
        if len(problems.errors) == before:
            rules[by_id[rule_id]] = dataclasses.replace(rule, severity=severity, params=merged,
                                                        settings=settings)
    if problems.errors:
        raise RuleErrors(problems.errors)
    return rules

