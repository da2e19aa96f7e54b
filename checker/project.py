"""A run over paths with settings that follow the files: which configuration each article is
read and checked with, which files are targets and which references, and the findings.

As in ruff and Vale, every article has the settings of the configuration nearest to it
(`checker.yaml`, `.checker.yaml` or a `pyproject.toml` with `[tool.checker]`, in its folder or
the first folder above that has one; `checker.config.find_config`), whatever the working
directory: `checker lint examples/newsroom/content` from a repository's root reads the
newsroom's `checker.yaml`. `Options.config_file` (`--config FILE`) forces one file for every
article. The command line's options replace the configurations' values.

- A PATH's configuration (the nearest to the folder given, or to a file's folder) says which
  files inside it are read (`include`, `exclude`).
- A file's own configuration says how it is read (`defaults`, `front_matter`, `gazetteer`),
  whether it is a target or a reference.
- A target's configuration says how it is checked: its rules, `select`, `ignore`,
  `overrides`, references (`against`), `trust`, `fail_on` and `baseline`. Targets of one
  configuration are checked together: against every target of the run and their own
  configuration's references.

This module and `checker.pipeline` are the only ones besides the CLI that read files: the
configuration and gazetteer files here, the articles there.
"""
from __future__ import annotations

import dataclasses
import hashlib
import itertools
import os
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from checker import suppressions
from checker.article import Failure, NoArticles
from checker.checks import RULE_TYPES, article_keys
from checker.config import FRONT_MATTER_FIELDS, Config, config_in, expand_globs, parse_config
from checker.findings import Finding, sort_findings
from checker.lint import lint, select_rules, unknown_selectors, with_stories
from checker.pipeline import Extraction, extract_files, listed_files
from checker.readers import Defaults
from checker.ruleset import Rule, apply_overrides, load_rules
from checker.trust import Trust

SUPPRESSION_NAMES = frozenset({"unused-suppression", "suppression"})


class SettingsError(ValueError):
    """A setting that cannot be used (an unknown rule name, a file that cannot be read): one
    line that names it; the CLI exits 2."""


@dataclass(frozen=True)
class Options:
    """What the caller (the command line, or Python) sets for the whole run; an empty value
    leaves each configuration's own."""

    config_file: str | None = None
    rule_dirs: tuple[str, ...] = ()
    overrides: Mapping[str, Any] = field(default_factory=dict)  # `--set`, parsed
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    against: tuple[str, ...] = ()
    outlet: str | None = None
    published: str | None = None
    lang: str | None = None
    gazetteer_files: tuple[str, ...] = ()
    fail_on: str | None = None
    follow_links: bool = False  # read what symbolic links out of a checked folder point to


def same_file(path: str) -> str:
    """A path compared as the file it names, however it was written."""
    return os.path.realpath(path)


def real_paths(files: Iterable[str]) -> dict[str, str]:
    """`same_file` of each file: a file or folder that is not a link is its parent's real path
    joined with its name, so each costs one `lstat` rather than one a folder of its path (an
    archive has 100,000 files in 20,000 folders)."""
    folders: dict[str, str] = {}

    def real(path: str) -> str:
        parent, name = os.path.split(path)
        if not name or name in (".", "..") or parent == path or os.path.islink(path):
            return same_file(path or ".")
        found = folders.get(parent)
        if found is None:
            found = folders[parent] = real(parent) if parent else same_file(".")
        return os.path.join(found, name)

    return {f: real(f) for f in files}


def shown_path(path: str) -> str:
    """`path` relative to the working directory when that is shorter to read."""
    relative = os.path.relpath(path)
    return relative if len(relative) < len(path) else path


# --- configurations ------------------------------------------------------------------------------

def read_text(path: str, what: str) -> str:
    """A UTF-8 file's text; SettingsError with a clear message when it cannot be read."""
    try:
        with open(path, encoding="utf-8-sig") as fh:
            return fh.read()
    except FileNotFoundError:
        raise SettingsError(f"{path}: {what} not found") from None
    except UnicodeDecodeError as e:
        raise SettingsError(f"{path}: {what} is not UTF-8 text (byte {e.start})") from None
    except OSError as e:
        raise SettingsError(f"{path}: cannot read the {what}: {e.strerror or e}") from None


def read_config(path: str) -> Config:
    """The configuration in the file at `path`; RuleErrors for what is wrong in it."""
    return parse_config(read_text(path, "configuration file"), path)


class Configs:
    """The configuration in force in each folder: the nearest file, each read once; or the
    one `forced` file everywhere. A folder with none above it has the empty configuration."""

    def __init__(self, forced: str | None = None) -> None:
        self.forced = read_config(forced) if forced else None
        self._folders: dict[str, Config] = {}
        self._files: dict[str, Config] = {}
        self._paths: dict[str, Config] = {}  # each path asked about, once

    def of(self, path: str) -> Config:
        """The configuration of a file (its folder's) or of a folder."""
        if self.forced is not None:
            return self.forced
        found = self._paths.get(path)
        if found is None:
            folder = path if os.path.isdir(path) else os.path.dirname(path)
            found = self._paths[path] = self._of_folder(os.path.abspath(folder or "."))
        return found

    def _of_folder(self, folder: str) -> Config:
        found = self._folders.get(folder)
        if found is None:
            own = config_in(folder)
            parent = os.path.dirname(folder)
            if own:
                found = self._parsed(shown_path(own))
            else:
                found = Config() if parent == folder else self._of_folder(parent)
            self._folders[folder] = found
        return found

    def _parsed(self, path: str) -> Config:
        if path not in self._files:
            self._files[path] = read_config(path)
        return self._files[path]


# --- what a configuration sets, with the caller's options over it ------------------------------

@dataclass(frozen=True)
class Selection:
    """Which rules run (`select` None: all) and whether unused suppressions are reported."""

    select: list[str] | None
    ignore: list[str] | None
    reports: bool


def split_names(values: Iterable[str]) -> list[str]:
    return [v.strip() for item in values for v in str(item).split(",") if v.strip()]


def check_selectors(rules: list[Rule], names: Sequence[str], where: str) -> None:
    """SettingsError when a select/ignore name is neither a rule, a rule type nor a suppression."""
    unknown = unknown_selectors(rules, [n for n in names if n not in SUPPRESSION_NAMES])
    if unknown:
        raise SettingsError(f"{where}: unknown rule or rule type: {', '.join(unknown)} "
                            f"(see `checker rules list`)")


def selection_from(rules: list[Rule], config: Config, select: Sequence[str],
                   ignore: Sequence[str]) -> Selection:
    """`select`/`ignore` given by the caller, else the configuration's."""
    chosen = split_names(select) if select else list(config.select)
    dropped = split_names(ignore) if ignore else list(config.ignore)
    check_selectors(rules, chosen, "--select" if select else f"{config.where('select')}: select")
    check_selectors(rules, dropped, "--ignore" if ignore else f"{config.where('ignore')}: ignore")
    return Selection(
        select=[n for n in chosen if n not in SUPPRESSION_NAMES] if chosen else None,
        ignore=[n for n in dropped if n not in SUPPRESSION_NAMES] or None,
        reports=reports_selected(chosen, dropped),
    )


def reports_selected(select: Sequence[str], ignore: Sequence[str]) -> bool:
    """Whether `unused-suppression` findings are wanted under select/ignore."""
    if set(ignore) & SUPPRESSION_NAMES:
        return False
    return not select or bool(set(select) & SUPPRESSION_NAMES)


def configured_rules(config: Config, options: Options) -> list[Rule]:
    """Bundled and user rules, the configuration's `overrides`, then the caller's."""
    rules = load_rules(list(options.rule_dirs) or list(config.rules))
    if config.overrides:
        rules = apply_overrides(rules, config.overrides, source=str(config.path))
    return apply_overrides(rules, options.overrides, source="--set")


def gazetteer_entries(files: Iterable[tuple[str, bytes]]) -> dict[str, dict]:
    """The entries of gazetteer files (path and bytes), merged in order; SettingsError with
    `path:line: what is wrong`."""
    import yaml

    from checker.gazetteer import GazetteerError, load_gazetteer_yaml
    entries: dict[str, dict] = {}
    for path, data in files:
        try:  # a gazetteer may be large: no node limit, unlike rule and config files
            loaded = load_gazetteer_yaml(data) or {}
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None)
            raise SettingsError(f"{path}{f':{mark.line + 1}' if mark else ''}: invalid YAML in "
                                f"gazetteer: {getattr(e, 'problem', None) or e}") from None
        except GazetteerError as e:
            raise SettingsError(f"{path}{f':{e.line}' if e.line else ''}: {e.message}") from None
        if not isinstance(loaded, dict) or not all(isinstance(v, (dict, type(None))) for v in loaded.values()):
            raise SettingsError(f"{path}: a gazetteer maps each source name to "
                                "{aliases: [...], part_of: ..., kind: ...}")
        entries.update({str(k): dict(v or {}) for k, v in loaded.items()})
    return entries


def compiled_gazetteers() -> str:
    """Where compiled gazetteers are kept: `$CHECKER_GAZETTEER_CACHE`, else the user's cache
    folder (beside the lemma tries)."""
    import os

    from platformdirs import user_cache_dir
    return os.environ.get("CHECKER_GAZETTEER_CACHE") or os.path.join(
        user_cache_dir("newsroom-checker"), "gazetteers")


def load_gazetteer(files: Iterable[str], inline: Mapping[str, dict] | None = None):
    """The bundled gazetteer with `inline` entries (a configuration's) and the user's files
    merged over it, and a hash of those files' bytes. Compiled once for each content and kept,
    signed like the claims cache, in the user's cache folder: a gazetteer of 100,000 entries
    is then read in a fraction of a second instead of parsed and built again."""
    import hashlib
    import json

    from checker import cache
    from checker.gazetteer import Gazetteer, default_gazetteer, is_compiled, merged_gazetteer
    from checker.ruleset import collector_paused
    files = list(files)
    if not files and not inline:
        return default_gazetteer(), ""
    read: list[tuple[str, bytes]] = []
    digest = hashlib.sha256()
    for path in files:
        try:
            with open(path, "rb") as fh:
                read.append((path, fh.read()))
        except OSError as e:
            raise SettingsError(f"{path}: cannot read the gazetteer file: {e.strerror or e}") from None
        digest.update(read[-1][1])
    key = hashlib.sha256("\0".join([cache.code_fingerprint(),
                                    json.dumps(dict(inline or {}), sort_keys=True, default=str),
                                    digest.hexdigest()]).encode()).hexdigest()
    folder = compiled_gazetteers()
    try:
        with collector_paused():  # a million objects at once: no collection in the middle
            compiled = cache.read(folder, key, is_compiled)
    except cache.Untrusted:
        compiled = None
    if compiled is not None:
        return Gazetteer.from_compiled(compiled), digest.hexdigest()
    gazetteer = merged_gazetteer({**(inline or {}), **gazetteer_entries(read)})
    gazetteer.__dict__["_fingerprint"] = key  # what it is made of: no need to hash its entries
    cache.write(folder, key, gazetteer.compiled())
    return gazetteer, digest.hexdigest()


def configured_gazetteer(config: Config, files: Sequence[str] = ()):
    """The bundled gazetteer, with the configuration's entries and files and the caller's
    files merged over it."""
    return load_gazetteer(list(config.gazetteer_files) + list(files), dict(config.gazetteer))[0]


def configured_defaults(config: Config, options: Options) -> Defaults:
    """How the files under `config` are read: metadata they lack, their front-matter keys."""
    defaults = Defaults(outlet=options.outlet or config.outlet, published=options.published,
                        lang=(options.lang or config.lang or "").lower() or None)
    if config.aliases:
        defaults = dataclasses.replace(defaults, aliases={**defaults.aliases, **config.aliases})
    return defaults


@dataclass
class Scope:
    """One configuration's share of a run: the files it reads and, for its targets, how they
    are checked."""

    config: Config
    defaults: Defaults
    gazetteer: Any
    options: Options
    targets: list[str] = field(default_factory=list)  # files checked with these settings
    references: list[str] = field(default_factory=list)  # what they are checked against
    trust: Trust | None = None  # the ranks of the run's files under the `trust` list
    _rules: list[Rule] | None = None
    _selection: Selection | None = None

    @property
    def rules(self) -> list[Rule]:
        if self._rules is None:
            self._rules = configured_rules(self.config, self.options)
        return self._rules

    @property
    def selection(self) -> Selection:
        if self._selection is None:
            self._selection = selection_from(self.rules, self.config, self.options.select,
                                             self.options.ignore)
        return self._selection

    def check(self) -> None:
        """Load the rules and the selection now: their errors come before anything is read."""
        select_rules(self.rules, self.selection.select, self.selection.ignore)

    @property
    def chosen(self) -> list[Rule]:
        """The rules that run."""
        return select_rules(self.rules, self.selection.select, self.selection.ignore)

    @property
    def fail_on(self) -> str:
        return self.options.fail_on or self.config.fail_on or "error"

    @property
    def trust_severity(self) -> str:
        return self.config.trust_severity or "info"


class Settings:
    """The scopes of a run: one for each configuration met, made when first asked for."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.configs = Configs(options.config_file)
        self._scopes: dict[str | None, Scope] = {}

    def scope(self, path: str) -> Scope:
        """The scope of the configuration in force for a file or folder."""
        config = self.configs.of(path)
        found = self._scopes.get(config.path)
        if found is None:
            found = Scope(config, configured_defaults(config, self.options),
                          configured_gazetteer(config, self.options.gazetteer_files), self.options)
            self._scopes[config.path] = found
        return found

    def scopes(self) -> list[Scope]:
        return list(self._scopes.values())


def explain(path: str, options: Options = Options()) -> list[tuple[str, str, str]]:
    """The settings in force for the file or folder `path`: (setting, value, where it comes
    from: `file:line`, the option that forced it, or `default`), then one row a rule."""
    scope = Settings(options).scope(path)
    config = scope.config

    def origin(key: str) -> str:
        line = config.line_of(key)
        return f"{config.path}:{line}" if line else "default"

    def listed(values: Iterable[str], empty: str) -> str:
        return ", ".join(values) or empty

    where = ("--config" if options.config_file else "the nearest above the file"
             if config.path else "none above the file")
    rows = [("configuration", config.path or "none", where),
            ("rules", listed(config.rules, "bundled"), origin("rules")),
            ("select", listed(config.select, "all"), origin("select")),
            ("ignore", listed(config.ignore, "none"), origin("ignore")),
            ("against", listed(map(shown_path, config.against), "none"), origin("against")),
            ("include", listed(config.include, "all article files"), origin("include")),
            ("exclude", listed(config.exclude, "none") + " (README, LICENSE, CHANGELOG always)",
             origin("exclude")),
            ("defaults.lang", scope.defaults.lang or "from the front matter, else detected",
             origin("defaults.lang")),
            ("defaults.outlet", scope.defaults.outlet or "from the front matter",
             origin("defaults.outlet"))]
    rows += [(f"front_matter.{name}", listed(scope.defaults.keys_for(name), ""),
              origin(f"front_matter.{name}")) for name in FRONT_MATTER_FIELDS]
    gazetteer = list(map(shown_path, config.gazetteer_files)) + sorted(config.gazetteer)
    rows += [("fail_on", scope.fail_on, origin("fail_on")),
             ("baseline", shown_path(config.baseline) if config.baseline else "none",
              origin("baseline")),
             ("gazetteer", "bundled" + "".join(f" + {g}" for g in gazetteer), origin("gazetteer")),
             ("trust", listed(map(shown_path, config.trust), "none"), origin("trust")),
             ("trust_severity", scope.trust_severity, origin("trust_severity"))]
    chosen = {r.id for r in scope.chosen}
    for rule in sorted(scope.rules, key=lambda r: r.id):
        change = config.overrides.get(rule.id) if isinstance(config.overrides, Mapping) else None
        params = (change or {}).get("params") if isinstance(change, Mapping) else None
        value = rule.severity + "".join(f", {k}={rule.params.get(k)!r}" for k in params or ())
        value += "" if rule.id in chosen else " (not selected)"
        rows.append((f"rule {rule.id}", value,
                     origin(f"overrides.{rule.id}") if change else rule.path))
    return rows


# --- which files ---------------------------------------------------------------------------------

def list_paths(paths: Sequence[str], settings: Settings) -> tuple[list[str], list[Failure]]:
    """The article files under `paths`, each folder walked with the `include` and `exclude`
    of its configuration; NoArticles for a path that holds none."""
    files: list[str] = []
    failures: list[Failure] = []
    for path in paths:
        config = settings.scope(path).config
        try:
            found, failed = listed_files([path], config.include, config.exclude,
                                         follow_links=settings.options.follow_links)
        except NoArticles as e:
            if config.include or config.exclude:
                raise NoArticles(f"{e} (with the include and exclude of {config.path})") from None
            raise
        files += found
        failures += failed
    return (unique_files(files, {f: same_file(f) for f in files}) if len(paths) > 1 else files,
            failures)


def unique_files(files: Iterable[str], real: Mapping[str, str]) -> list[str]:
    """Each file once, by what it names (`real`: its real path), first mention first."""
    taken: set[str] = set()
    out = []
    for f in files:
        if real[f] not in taken:
            taken.add(real[f])
            out.append(f)
    return out


def reference_paths(scope: Scope) -> list[str]:
    """The caller's `against`, else the configuration's globs (each must match something)."""
    if scope.options.against:
        return list(scope.options.against)
    found, empty = expand_globs(scope.config.against)
    if empty:
        raise SettingsError(f"{scope.config.where('against')}: 'against' pattern matches no "
                            f"file or folder: {', '.join(empty)}")
    return found


def list_references(scope: Scope, settings: Settings) -> tuple[list[str], list[Failure]]:
    """The reference files of a scope's targets."""
    paths = reference_paths(scope)
    try:
        return list_paths(paths, settings)
    except NoArticles as e:
        if scope.options.against:
            raise NoArticles(f"--against {e}") from None
        raise NoArticles(f"{scope.config.where('against')}: against: {e}") from None


def changed_targets(ref: str, paths: Sequence[str], files: list[str]) -> list[str]:
    """The files that git says changed since `ref`."""
    from checker.changed import ChangedError, changed_files
    try:
        changed = changed_files(ref, paths)
    except ChangedError as exc:
        raise SettingsError(str(exc)) from None
    return [f for f in files if same_file(f) in changed]


def trust_of(scope: Scope, real: Mapping[str, str]) -> Trust | None:
    """The trust ranks of a run's files (`real`: each file's real path) under a scope's
    `trust` list (None: no list)."""
    config = scope.config
    if not config.trust:
        return None
    ranks: dict[str, int] = {}
    for rank, pattern in enumerate(config.trust):
        found, empty = expand_globs((pattern,))
        if empty:
            raise SettingsError(f"{config.where('trust')}: 'trust' pattern matches no file or "
                                f"folder: {pattern}")
        roots = [same_file(p) for p in found]
        for f, r in real.items():
            if f not in ranks and any(r == root or r.startswith(root.rstrip(os.sep) + os.sep)
                                      for root in roots):
                ranks[f] = rank
    return Trust(ranks=ranks, severity=scope.trust_severity,
                 names=tuple(shown_path(p) for p in config.trust))


# --- reading and checking --------------------------------------------------------------------------

@dataclass(frozen=True)
class Seen:
    """What lint keeps of an article once its claims are extracted: its file and its inline
    suppressions (None when it has none), so a run over an archive does not hold its texts."""

    path: str
    suppressions: suppressions.Parsed | None


def seen(article: Any) -> Seen:
    """The `Seen` of an article (runs where the article was read, in a worker process)."""
    from checker.readers import comment_scope
    parsed = None
    if article.line_base == 0 and "<!--" in article.text:
        parsed = suppressions.parse(comment_scope(article.path, article.text))
    return Seen(article.path, parsed if parsed and (parsed.suppressions or parsed.problems) else None)


@dataclass(frozen=True)
class Outline(Seen):
    """What a report of an archive keeps of an article: its `Seen` and the article without
    its text (its metadata), so that the report does not hold every article's text."""

    article: Any = None


def outline(article: Any) -> Outline:
    """The `Outline` of an article (runs where the article was read, in a worker process)."""
    bare = dataclasses.replace(article, text="", body="", anchors=())
    return Outline(article.path, seen(article).suppressions, bare)


def reading_groups(files: list[str], settings: Settings) -> list[tuple[Scope, list[str]]]:
    """`files` grouped by the configuration they are read with, in the order first met."""
    groups: dict[str | None, tuple[Scope, list[str]]] = {}
    for f in files:
        scope = settings.scope(f)
        groups.setdefault(scope.config.path, (scope, []))[1].append(f)
    return list(groups.values())


def extract_with_settings(files: list[str], settings: Settings, *, jobs: int = 1,
                          cache_dir: str | None = None, keep: Callable | None = None,
                          index: bool = False,
                          progress: Callable[[int, int], None] | None = None) -> Extraction:
    """Extract `files`, each read with its own configuration's settings; claims, kept articles
    and failures in the order of `files` (and, with `index`, each item's index entry)."""
    runs = []
    done = 0
    for scope, group in reading_groups(files, settings):
        def step(n: int, _total: int, base: int = done) -> None:
            progress(base + n, len(files))
        runs.append(extract_files(group, scope.defaults, gazetteer=scope.gazetteer, jobs=jobs,
                                  cache_dir=cache_dir, cache_extra=scope.gazetteer.fingerprint,
                                  keep=keep, index=index, progress=step if progress else None))
        done += len(group)
    return merged_extractions(runs, files)


def merged_extractions(runs: list[Extraction], files: list[str]) -> Extraction:
    """The extractions of groups of `files` as one: claims and kept articles in the order of
    `files`, as one extraction of them all gives them."""
    if len(runs) == 1:
        return runs[0]
    from checker.claims import concat_frames
    position = {f: i for i, f in enumerate(files)}
    claims = concat_frames([r.claims for r in runs])
    if not claims.empty:  # back in the order of the files, as one extraction gives them
        order = claims["path"].map(position).to_numpy().argsort(kind="stable")
        claims = claims.iloc[order].reset_index(drop=True)
    kept = sorted((k for r in runs for k in r.articles), key=lambda k: position.get(k.path, 0))
    return Extraction(claims, kept, [x for r in runs for x in r.failures], list(files),
                      [e for r in runs for e in r.index])


def read_paths(paths: Sequence[str], options: Options = Options(), *, jobs: int = 1,
               cache_dir: str | None = None, keep: Callable | None = None,
               progress: Callable[[int, int], None] | None = None) -> Extraction:
    """The claims of the articles under `paths`, each read with its own configuration's
    settings; the failures of listing first. NoArticles for a path without articles."""
    settings = Settings(options)
    files, failures = list_paths(paths, settings)
    run = extract_with_settings(files, settings, jobs=jobs, cache_dir=cache_dir, keep=keep,
                                progress=progress)
    run.failures[:0] = failures
    return run


def target_keys(claims: pd.DataFrame, target_paths: set[str],
                real: Mapping[str, str] | None = None) -> set[str]:
    """Article keys of the claims read from the target files (real paths; `real` gives the
    real path of the files it knows)."""
    if claims.empty:
        return set()
    # realpath once a file, not once a claim; and no column-wide string copies (an archive's
    # million paths as new strings cost hundreds of megabytes that are not given back)
    real = real or {}
    wanted = [p for p in pd.unique(claims["path"])
              if (real.get(str(p)) or same_file(str(p))) in target_paths]
    chosen = claims[claims["path"].isin(wanted)]
    return set(article_keys(chosen[["article", "path"]].drop_duplicates()))


def suppress(findings: list[Finding], targets: list[Seen], rules: list[Rule], selected: list[Rule],
             want_reports: bool) -> list[Finding]:
    """Findings without the suppressed ones, plus `unused-suppression` reports (if wanted)."""
    counts = Counter(t.path for t in targets)
    parsed = {t.path: t.suppressions for t in targets if t.suppressions and counts[t.path] == 1}
    if not parsed:
        return findings
    known = {r.id for r in rules} | {r.type for r in rules} | set(RULE_TYPES)
    active = {r.id for r in selected} | {r.type for r in selected}
    kept, _, reports = suppressions.apply(findings, parsed, known=known, active=active)
    return sort_findings(kept + reports) if want_reports else kept


def check_scope(claims: pd.DataFrame, scope: Scope, real: Mapping[str, str],
                kept: Sequence[Seen] | None, *, jobs: int = 1) -> list[Finding]:
    """The findings of a scope's targets: its rules, trust and suppressions (of `kept`); the
    rules of a large run in `jobs` processes."""
    reals = {real[f] for f in scope.targets}
    findings = lint(claims, scope.rules, target_keys(claims, reals, real), scope.selection.select,
                    scope.selection.ignore, gazetteer=scope.gazetteer, trust=scope.trust,
                    jobs=jobs)
    if kept is None:
        return findings
    targets = [s for s in kept if real.get(s.path, s.path) in reals]
    return suppress(findings, targets, scope.rules, scope.chosen, scope.selection.reports)


def claims_of(claims: pd.DataFrame, files: Iterable[str]) -> pd.DataFrame:
    """The claims read from `files`."""
    return claims[claims["path"].isin(set(files))] if not claims.empty else claims


# --- the run -----------------------------------------------------------------------------------------

@dataclass
class Plan:
    """What a run reads: every file once (targets first) and its real path, each checking
    scope, and the paths that could not be listed."""

    files: list[str]
    real: dict[str, str]
    scopes: list[Scope]
    failures: list[Failure]
    settings: Settings

    @property
    def targets(self) -> list[str]:
        return [f for s in self.scopes for f in s.targets]


def plan(paths: Sequence[str], options: Options = Options(), *,
         changed_since: str | None = None) -> Plan:
    """Which files a run reads and how each target is checked. SettingsError, RuleError or
    NoArticles for what makes the run impossible."""
    settings = Settings(options)
    files, failures = list_paths(paths, settings)
    targets = changed_targets(changed_since, paths, files) if changed_since else files
    scopes: dict[str | None, Scope] = {}
    for f in targets:
        scope = settings.scope(f)
        scopes.setdefault(scope.config.path, scope).targets.append(f)
    everything = list(files)
    for scope in scopes.values():
        references, failed = list_references(scope, settings)
        scope.references = references
        everything += references
        failures += failed
        scope.check()
    real = real_paths(everything)  # once a file: archives are large
    for scope in scopes.values():
        scope.trust = trust_of(scope, real)
    return Plan(unique_files(everything, real), real, list(scopes.values()), failures, settings)


@dataclass
class LintRun:
    """What a lint run found: findings of every target, sorted; the inputs that failed; the
    target files read; the claims and what was kept of each article (`keep`), when read."""

    findings: list[Finding]
    failures: list[Failure]
    targets: list[str]
    claims: pd.DataFrame | None = None
    articles: list = field(default_factory=list)
    stories: dict[str, str] | None = None  # article key → story id, read from the run cache
    index: list | None = None  # each item's `pipeline.index_entry`, when read through a cache


def lint_plan(run_plan: Plan, *, jobs: int = 1, cache_dir: str | None = None,
              keep: Callable | None = seen, progress: Callable[[int, int], None] | None = None,
              stories: bool = False, index: bool = False) -> LintRun:
    """Read the plan's files and check its targets, scope by scope (the failures are those
    of reading; the plan holds those of listing). `keep` says what of each article comes
    back (`seen`: its inline suppressions; `pipeline.whole_article`: all of it); with
    `keep=None` inline suppressions are not read. With `stories`, the claims come back with
    the `story` column the rules used (one scope) or one computed after (several); with
    `index` (and `cache_dir`), what a report needs to read the claims again without reading
    the files (`write_lint_run`)."""
    if not run_plan.targets:
        return LintRun([], [], [])
    run = extract_with_settings(run_plan.files, run_plan.settings, jobs=jobs, cache_dir=cache_dir,
                                keep=keep, index=index and bool(cache_dir), progress=progress)
    if stories and len(run_plan.scopes) == 1:  # the stories lint would compute, computed once
        run.claims = with_stories(run.claims, run_plan.scopes[0].gazetteer)
    kept = [a if isinstance(a, Seen) else seen(a) for a in run.articles] if keep else None
    findings: list[Finding] = []
    every_target = run_plan.targets
    for scope in run_plan.scopes:
        claims = (run.claims if len(run_plan.scopes) == 1
                  else claims_of(run.claims, itertools.chain(every_target, scope.references)))
        findings += check_scope(claims, scope, run_plan.real, kept, jobs=jobs)
    read = {a.path for a in run.articles}
    targets = sorted({f for f in every_target if keep is None or f in read})
    if stories and len(run_plan.scopes) > 1:
        run.claims = with_stories(run.claims, run_plan.scopes[0].gazetteer)
    return LintRun(sort_findings(findings), list(run.failures), targets, run.claims, run.articles,
                   index=run.index if index and cache_dir else None)


# --- the run cache -------------------------------------------------------------------------------

def file_digest(path: str) -> str:
    """sha256 of a file's bytes, or of the reason it cannot be read (then it fails again)."""
    try:
        with open(path, "rb") as fh:
            return hashlib.sha256(fh.read()).hexdigest()
    except OSError as e:
        return f"unreadable: {e}"


def _scope_key(scope: Scope) -> str:
    return repr([(r.id, r.type, r.severity, r.message, r.params, r.settings) for r in scope.rules]
                + [scope.selection, scope.defaults, scope.gazetteer.fingerprint or "", scope.trust])


def lint_key(run_plan: Plan) -> str:
    """The cache key of a lint run: every file's path, role, bytes and reading settings, each
    scope's rules, selection, gazetteer and trust (and, in `cache.run_key`, the tool's code)."""
    from checker import cache
    settings = run_plan.settings
    parts = [_scope_key(s) + repr(sorted(s.targets)) + repr(s.references) for s in run_plan.scopes]
    targets = {run_plan.real[f] for f in run_plan.targets}
    readings: dict[int, str] = {}  # how each scope reads its files, written once a scope
    for f in run_plan.files:
        reading = settings.scope(f)
        how = readings.get(id(reading))
        if how is None:
            how = readings[id(reading)] = f"{reading.defaults!r}\0{reading.gazetteer.fingerprint or ''}"
        parts.append(f"{f}\0{run_plan.real[f] in targets}\0{file_digest(f)}\0{how}")
    return cache.run_key(parts)


def read_lint_run(directory: str, key: str, notes: list[Failure]) -> LintRun | None:
    """A cached run, or None. An entry that fails its check or does not hold a run is a miss,
    with a note in `notes`. The entry is a header line, then a finding a line."""
    from checker import cache
    from checker.ruleset import collector_paused
    try:
        lines = cache.read_lines(directory, key)
        if lines is None:
            return None
        head = next(lines)
        failures = [Failure(**f) for f in head["failures"]]
        shared: dict = {}
        with collector_paused():  # hundreds of thousands of findings, and no cycle among them
            findings = [_finding(f, shared) for f in lines]
        del shared
        stories = head.get("stories")
        return LintRun(findings, failures, list(head["targets"]),
                       stories=dict(stories) if isinstance(stories, dict) else None)
    except cache.Untrusted as e:
        notes.append(cache.untrusted_note(e))
    except (TypeError, KeyError, ValueError, AttributeError, StopIteration):
        notes.append(cache.untrusted_note(cache.Untrusted(cache.entry_path(directory, key),
                                                          "does not hold a lint run")))
    return None


def _finding(record: dict, shared: dict | None = None) -> Finding:
    """A Finding from its JSON record, its claims already plain; with `shared`, a claim
    listed by many findings is one record (as in the run that wrote them), not one each."""
    from checker.findings import CLAIM_FIELDS, ClaimRecord

    def claim(plain: dict) -> ClaimRecord:
        values = tuple(map(plain.get, CLAIM_FIELDS))
        if shared is None:
            return ClaimRecord(values)
        try:
            found = shared.get(values)
        except TypeError:  # a value that is not plain (a hand-edited entry): not shared
            return ClaimRecord(values)
        if found is None:
            # one string object for each path, outlet, sentence… however many claims repeat it
            found = shared[values] = ClaimRecord(tuple(
                [shared.setdefault(v, v) if type(v) is str else v for v in values]))
        return found
    return Finding(**{**record, "claims": [claim(c) for c in record["claims"]],
                      "related": [claim(c) for c in record["related"]]})


def index_key(key: str) -> str:
    """The key of the entry that holds a lint run's index (`LintRun.index`), beside the run's."""
    return "files-" + key.removeprefix("run-")


def read_index(directory: str, key: str, notes: list[Failure]) -> dict[str, list] | None:
    """The index of a cached lint run (`pipeline.index_entry` of each item it read) by file, or
    None when there is none; an entry that fails its check is a miss, with a note in `notes`."""
    from checker import cache
    from checker.ruleset import collector_paused
    try:
        lines = cache.read_lines(directory, index_key(key))
        if lines is None:
            return None
        index: dict[str, list] = {}
        with collector_paused():  # a line a file, and no cycle among them
            for entry in lines:
                index.setdefault(entry[0] if isinstance(entry[0], str) else entry[0][0],
                                 []).append(entry)
        return index
    except cache.Untrusted as e:
        notes.append(cache.untrusted_note(e))
    except (TypeError, IndexError, KeyError):
        notes.append(cache.untrusted_note(cache.Untrusted(
            cache.entry_path(directory, index_key(key)), "does not hold a run's index")))
    return None


def write_lint_run(directory: str, key: str, run: LintRun) -> None:
    """Store a run, and its index when it has one; notes about this run's own cache entries
    are not part of it."""
    from checker import cache
    if run.index is not None:
        cache.write_lines(directory, index_key(key), run.index)
    failures = [f for f in run.failures if not cache.is_untrusted_note(f)]
    head = {"failures": [dataclasses.asdict(f) for f in failures], "targets": run.targets}
    claims = run.claims
    if claims is not None and "story" in claims.columns and len(claims):
        # the stories the rules used, for a report of the same run (computed once, kept)
        head["stories"] = dict(zip(claims["article"].astype(object), claims["story"].astype(object)))
    cache.write_lines(directory, key, itertools.chain([head], (f.to_record() for f in run.findings)))


def lint_paths(paths: Sequence[str], options: Options = Options(), *,
               changed_since: str | None = None, jobs: int = 1, cache_dir: str | None = None,
               progress: Callable[[int, int], None] | None = None) -> tuple[LintRun, Plan]:
    """Check the articles under `paths` with the settings that follow them, through the run
    cache when `cache_dir` is given; the run and its plan."""
    run_plan = plan(paths, options, changed_since=changed_since)
    key = lint_key(run_plan) if cache_dir and run_plan.targets else None
    notes: list[Failure] = []
    run = read_lint_run(cache_dir, key, notes) if key else None
    if run is None:
        # with the stories the rules computed, which the run cache keeps for `checker report`
        run = lint_plan(run_plan, jobs=jobs, cache_dir=cache_dir, progress=progress,
                        stories=bool(key) and len(run_plan.scopes) == 1, index=bool(key))
        if key:
            write_lint_run(cache_dir, key, run)
    return (dataclasses.replace(run, failures=list(run_plan.failures) + notes + run.failures),
            run_plan)


# --- the report ---------------------------------------------------------------------------------

def checked_run(run_plan: Plan, *, jobs: int = 1, cache_dir: str | None = None,
                keep: Callable = seen, stories: bool = False) -> tuple[LintRun, list[Failure]]:
    """`lint_plan` with its claims and kept articles, through the caches when `cache_dir` is
    given: the claims from the claims cache, and the findings from the run cache when `checker
    lint` (or an earlier report) checked the same files with the same settings; the run and
    the cache's notes. Then a report that keeps only `outline`s does not read the files: the
    claims come from the claims cache through the run's index (`read_with_index`)."""
    key = lint_key(run_plan) if cache_dir and run_plan.targets else None
    notes: list[Failure] = []
    cached = read_lint_run(cache_dir, key, notes) if key else None
    if cached is None:
        run = lint_plan(run_plan, jobs=jobs, cache_dir=cache_dir, keep=keep, stories=stories,
                        index=bool(key))
        if key:
            write_lint_run(cache_dir, key, run)
        return run, notes
    index = read_index(cache_dir, key, notes) if keep is outline else None
    read = (read_with_index(run_plan, index, jobs=jobs, cache_dir=cache_dir, keep=keep)
            if index is not None else
            extract_with_settings(run_plan.files, run_plan.settings, jobs=jobs,
                                  cache_dir=cache_dir, keep=keep))
    claims = read.claims
    if stories and not claims.empty and run_plan.scopes:
        claims = (claims.assign(story=claims["article"].map(cached.stories))
                  if cached.stories is not None and set(cached.stories) >= set(claims["article"])
                  else with_stories(claims, run_plan.scopes[0].gazetteer))
    return LintRun(cached.findings, list(read.failures), cached.targets, claims, read.articles), notes


def read_with_index(run_plan: Plan, index: Mapping[str, list], *, jobs: int = 1,
                    cache_dir: str | None = None, keep: Callable | None = None) -> Extraction:
    """`extract_with_settings` of the plan's files from a cached run's index: the claims from
    the claims cache, the articles without their text; only a file whose claims are not all in
    the cache (or that the index does not hold) is read again."""
    from checker.pipeline import entries_to_read, read_indexed
    runs = []
    for scope, group in reading_groups(run_plan.files, run_plan.settings):
        entries = [e for f in group for e in (index.get(f) or entries_to_read(f))]
        runs.append(read_indexed(entries, scope.defaults, gazetteer=scope.gazetteer, jobs=jobs,
                                 cache_dir=cache_dir, cache_extra=scope.gazetteer.fingerprint,
                                 keep=keep))
    return merged_extractions(runs, run_plan.files)


@dataclass
class ReportRun:
    """A discrepancy report and what it was made of."""

    report: Any
    claims: pd.DataFrame
    findings: list[Finding]
    failures: list[Failure]
    files: list[str] = field(default_factory=list)  # every file read (targets, references)


def report_paths(paths: Sequence[str], options: Options = Options(), *,
                 title: str = "Discrepancy report", timestamp: str | None = None,
                 jobs: int = 1, threshold: int | None = None,
                 cache_dir: str | None = None) -> ReportRun:
    """The report of the articles under `paths` and their references, with the findings
    `lint_paths` gives for them (the same settings, suppressions and trust; through the same
    caches when `cache_dir` is given). A report of more than `threshold` articles
    (`report.archive.ARCHIVE_ARTICLES`) is an archive report: it keeps no article's text."""
    from checker.compare import quantity_groups
    from checker.gazetteer import default_gazetteer
    from checker.pipeline import collector_frozen, whole_article
    from checker.report import build_report
    from checker.report.archive import ARCHIVE_ARTICLES, build_archive, is_archive
    threshold = ARCHIVE_ARTICLES if threshold is None else threshold
    run_plan = plan(paths, options)
    many = is_archive(len(run_plan.files), threshold)  # keep no text: the archive layout shows none
    run, notes = checked_run(run_plan, jobs=jobs, cache_dir=cache_dir,
                             keep=outline if many else whole_article, stories=many)
    articles = [a.article if isinstance(a, Outline) else a for a in run.articles]
    failures = list(run_plan.failures) + notes + run.failures
    claims = run.claims if run.claims is not None else pd.DataFrame()
    targets = target_keys(claims, {run_plan.real[f] for f in run_plan.targets}, run_plan.real)
    references = set(article_keys(claims)) - targets if not claims.empty else set()
    gazetteer = run_plan.scopes[0].gazetteer if run_plan.scopes else default_gazetteer()
    failed = [f for f in failures if not f.skipped]
    with collector_frozen():  # the claims and findings read live on: no collection walks them
        groups = quantity_groups(claims, gazetteer, jobs=jobs)
        if is_archive(len(articles), threshold):
            if "story" not in claims.columns:  # a feed of many articles read as few files
                claims = with_stories(claims, gazetteer)
            story_of = (dict(zip(claims["article"], claims["story"].astype(str)))
                        if "story" in claims.columns else {})
            report = build_archive(claims, run.findings, articles, failed, groups,
                                   story_of=story_of, title=title, timestamp=timestamp,
                                   references=references, threshold=threshold)
        else:
            report = build_report(claims, run.findings, articles, failed, groups, title=title,
                                  timestamp=timestamp, references=references)
    return ReportRun(report, claims, run.findings, failures, list(run_plan.files))
