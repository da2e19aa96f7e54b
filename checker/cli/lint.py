"""`checker lint PATH... [--against REF...]`: check articles, print findings like a linter.

Settings come from the command line, then the configuration file (`checker.yaml` or
`.checker.yaml` from the working directory upward, or `--config FILE`), then the defaults.
After the rules run, inline suppressions drop findings (and report the unused ones), then a
baseline drops the findings it records; what is left is printed in the chosen format.

Exit codes: 0 when no finding reaches --fail-on, 1 when one does, 2 for a usage error, a bad
rule or configuration file, or an input that could not be read (the others are still checked
and printed).
"""
from __future__ import annotations

import dataclasses
import itertools
import os
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import click

from checker import cache, suppressions
from checker.checks import RULE_TYPES, article_keys
from checker.cli.common import (Progress, cache_directory, defaults_from, extraction_options,
                                follow_links_option, input_options, load_gazetteer,
                                refuse_overwriting,
                                report_failures, sorted_failures, split_skipped, write_output)
from checker.cli.rules import (
    EXIT_CONFIG, EXIT_FINDINGS, EXIT_OK, fail, parse_overrides, rules_option, set_option,
)
from checker.config import Config, expand_globs, find_config, parse_config
from checker.findings import SEVERITIES, Finding, reaches, sort_findings
from checker.lint import lint, unknown_selectors
from checker.outputs.text import color_wanted
from checker.readers import comment_scope
from checker.ruleset import Rule, RuleError, apply_overrides, load_rules

FORMATS: tuple[str, ...] = ("text", "json", "jsonl", "rdjsonl", "sarif", "github", "junit")
SUPPRESSION_NAMES = frozenset({"unused-suppression", "suppression"})


def same_file(path: str) -> str:
    """A path compared as the file it names, however it was written."""
    return os.path.realpath(path)


def target_keys(claims, target_paths: set[str]) -> set[str]:
    """Article keys of the claims read from the target files."""
    if claims.empty:
        return set()
    # realpath once a file, not once a claim; and no column-wide string copies (an archive's
    # million paths as new strings cost hundreds of megabytes that are not given back)
    import pandas as pd
    wanted = [p for p in pd.unique(claims["path"]) if same_file(str(p)) in target_paths]
    chosen = claims[claims["path"].isin(wanted)]
    return set(article_keys(chosen[["article", "path"]].drop_duplicates()))


# --- configuration ----------------------------------------------------------------------------

def read_text(path: str, what: str) -> str:
    """A UTF-8 file's text; exit 2 with a clear message when it cannot be read."""
    try:
        with open(path, encoding="utf-8-sig") as fh:
            return fh.read()
    except FileNotFoundError:
        fail(f"{path}: {what} not found")
    except UnicodeDecodeError as e:
        fail(f"{path}: {what} is not UTF-8 text (byte {e.start})")
    except OSError as e:
        fail(f"{path}: cannot read the {what}: {e.strerror or e}")


def load_config(config_file: str | None) -> Config:
    """The named or discovered configuration (empty when there is none); errors exit 2."""
    path = config_file or find_config()
    if path is None:
        return Config()
    try:
        return parse_config(read_text(path, "configuration file"), path)
    except RuleError as exc:
        fail(str(exc))


def configured_rules(config: Config, rule_dirs: Sequence[str], overrides: Sequence[str]) -> list[Rule]:
    """Bundled and user rules, the config's `overrides`, then `--set`; errors exit 2."""
    try:
        rules = load_rules(list(rule_dirs) or list(config.rules))
        if config.overrides:
            rules = apply_overrides(rules, config.overrides, source=str(config.path))
        return apply_overrides(rules, parse_overrides(overrides), source="--set")
    except RuleError as exc:
        fail(str(exc))


def split_names(values: Iterable[str]) -> list[str]:
    return [v.strip() for item in values for v in str(item).split(",") if v.strip()]


def check_selectors(rules: list[Rule], names: Sequence[str], option: str) -> None:
    """Exit 2 when a --select/--ignore name is neither a rule, a rule type nor a suppression."""
    unknown = unknown_selectors(rules, [n for n in names if n not in SUPPRESSION_NAMES])
    if unknown:
        fail(f"{option}: unknown rule or rule type: {', '.join(unknown)} "
             f"(see `checker rules list`)")


def reports_selected(select: Sequence[str], ignore: Sequence[str]) -> bool:
    """Whether `unused-suppression` findings are wanted under --select/--ignore."""
    if set(ignore) & SUPPRESSION_NAMES:
        return False
    return not select or bool(set(select) & SUPPRESSION_NAMES)


def configured_gazetteer(config: Config, files: Sequence[str] = ()):
    """The bundled gazetteer, with the config's entries and files and `--gazetteer` files
    merged over it."""
    gazetteer, _ = load_gazetteer(list(config.gazetteer_files) + list(files), dict(config.gazetteer))
    return gazetteer


def reference_paths(against: Sequence[str], config: Config) -> list[str]:
    """`--against` as given, else the config's `against` globs (each must match something)."""
    if against:
        return list(against)
    found, empty = expand_globs(config.against)
    if empty:
        fail(f"{config.where('against')}: 'against' pattern matches no file or folder: "
             f"{', '.join(empty)}")
    return found


@dataclass(frozen=True)
class Selection:
    """Which rules run (`select` None: all) and whether unused suppressions are reported."""

    select: list[str] | None
    ignore: list[str] | None
    reports: bool


def selection_from(rules: list[Rule], config: Config, select: Sequence[str],
                   ignore: Sequence[str]) -> Selection:
    """--select/--ignore, else the config's; an unknown name exits 2."""
    chosen = split_names(select) if select else list(config.select)
    dropped = split_names(ignore) if ignore else list(config.ignore)
    check_selectors(rules, chosen, "--select" if select else f"{config.where('select')}: select")
    check_selectors(rules, dropped, "--ignore" if ignore else f"{config.where('ignore')}: ignore")
    return Selection(
        select=[n for n in chosen if n not in SUPPRESSION_NAMES] if chosen else None,
        ignore=[n for n in dropped if n not in SUPPRESSION_NAMES] or None,
        reports=reports_selected(chosen, dropped),
    )


# --- reading ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Seen:
    """What lint keeps of an article once its claims are extracted: its file and its inline
    suppressions (None when it has none), so a run over an archive does not hold its texts."""

    path: str
    suppressions: suppressions.Parsed | None


def seen(article: Any) -> Seen:
    """The `Seen` of an article (runs where the article was read, in a worker process)."""
    parsed = None
    if article.line_base == 0 and "<!--" in article.text:
        parsed = suppressions.parse(comment_scope(article.path, article.text))
    return Seen(article.path, parsed if parsed and (parsed.suppressions or parsed.problems) else None)


def listed(paths: Sequence[str], include: Sequence[str], exclude: Sequence[str],
           follow_links: bool = False) -> tuple[list, list]:
    """The article files under `paths` and the inputs that could not be listed."""
    from checker.pipeline import input_files
    if not paths:
        return [], []
    files, failures = input_files(list(paths), tuple(include), tuple(exclude), follow_links)
    return list(files), list(failures)


def changed_targets(ref: str, paths: Sequence[str], files: list[str]) -> list[str]:
    """The files that git says changed since `ref`; errors exit 2."""
    from checker.changed import ChangedError, changed_files
    try:
        changed = changed_files(ref, paths)
    except ChangedError as exc:
        fail(str(exc))
    return [f for f in files if same_file(f) in changed]


def gather(paths: Sequence[str], against: Sequence[str], config: Config,
           changed_since: str | None, follow_links: bool = False) -> tuple[list[str], set[str], list]:
    """(every file to read, the target files, inputs that could not be listed): targets are
    the files under PATHS (those git says changed, with --changed-since); references are the
    other files under PATHS and the --against (or configured) ones."""
    include, exclude = config.include, config.exclude
    files, failures = listed(paths, include, exclude, follow_links)
    targets = changed_targets(changed_since, paths, files) if changed_since else files
    if changed_since and not targets:
        click.echo(f"--changed-since {changed_since}: no article under {', '.join(paths)} "
                   "changed", err=True)
    references, ref_failures = listed(reference_paths(against, config), include, exclude, follow_links)
    real = {f: same_file(f) for f in files}  # realpath once a file: archives are large
    known = set(real.values())
    files = files + [f for f in references if same_file(f) not in known]
    return files, {real[f] for f in targets}, failures + ref_failures


def file_texts(paths: Iterable[str], defaults: Any) -> dict[str, str]:
    """The text of each file that holds exactly one article (not JSON Lines feeds), read
    again for the few files that findings point to."""
    from checker.pipeline import read_articles
    texts = {}
    for path in sorted(set(paths)):
        articles, _ = read_articles(path, defaults)
        if len(articles) == 1:
            texts[path] = articles[0].text
    return texts


def finding_paths(findings: Iterable[Finding]) -> set[str]:
    """The files findings and their related claims point to."""
    paths = set()
    for f in findings:
        paths.add(f.path)
        paths.update(str(c.get("path")) for c in f.related if c.get("path"))
    return paths


# --- the run cache -------------------------------------------------------------------------------

def file_digest(path: str) -> str:
    """sha256 of a file's bytes, or of the reason it cannot be read (then it fails again)."""
    import hashlib
    try:
        with open(path, "rb") as fh:
            return hashlib.sha256(fh.read()).hexdigest()
    except OSError as e:
        return f"unreadable: {e}"


def lint_key(files: list[str], target_files: set[str], rules: list[Rule], selection: Selection,
             defaults: Any, gazetteer: Any) -> str:
    """The cache key of a lint run: every input file's path, role and bytes, the rules, the
    selection, the defaults and the gazetteer (and, in `cache.run_key`, the tool's code)."""
    parts = [repr([(r.id, r.type, r.severity, r.message, r.params, r.settings) for r in rules]),
             repr(selection), repr(defaults), getattr(gazetteer, "fingerprint", "") or ""]
    parts += [f"{f}\0{same_file(f) in target_files}\0{file_digest(f)}" for f in files]
    return cache.run_key(parts)


def read_lint_run(directory: str, key: str, notes: list) -> tuple[list[Finding], list, list[str]] | None:
    """A cached run's findings, failures and target files, or None when there is none. An
    entry that fails its check or does not hold a run is a miss, with a note in `notes`.
    The entry is a header line, then a finding a line."""
    from checker.article import Failure
    try:
        lines = cache.read_lines(directory, key)
        if lines is None:
            return None
        head = next(lines)
        failures = [Failure(**f) for f in head["failures"]]
        findings = [_finding(f) for f in lines]
        return findings, failures, list(head["targets"])
    except cache.Untrusted as e:
        notes.append(cache.untrusted_note(e))
    except (TypeError, KeyError, ValueError, AttributeError, StopIteration):
        notes.append(cache.untrusted_note(cache.Untrusted(cache.entry_path(directory, key),
                                                          "does not hold a lint run")))
    return None


def _finding(record: dict) -> Finding:
    """A Finding from its JSON record, its claims already plain."""
    from checker.findings import ClaimRecord
    return Finding(**{**record, "claims": [ClaimRecord.from_plain(c) for c in record["claims"]],
                      "related": [ClaimRecord.from_plain(c) for c in record["related"]]})


def write_lint_run(directory: str, key: str, findings: list[Finding], failures: list,
                   targets: list[str]) -> None:
    head = {"failures": [dataclasses.asdict(f) for f in failures], "targets": targets}
    cache.write_lines(directory, key, itertools.chain([head], (f.to_record() for f in findings)))


# --- findings after the rules ---------------------------------------------------------------------

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


def render(fmt: str, findings: list[Finding], failures: list, *, rules: list,
           texts: dict[str, str], files: list[str], color: bool) -> str:
    """The findings in format `fmt` (no trailing newline)."""
    from checker.outputs import github, jsonl, junit, rdjsonl, sarif
    from checker.outputs import json as json_output
    from checker.outputs import text as text_output
    if fmt == "text":
        return text_output.render(findings, failures, color=color)
    if fmt == "json":
        return json_output.render(findings, failures)
    if fmt == "jsonl":
        return jsonl.render(findings, failures)
    if fmt == "rdjsonl":
        return rdjsonl.render(findings, failures, texts=texts)
    if fmt == "sarif":
        return sarif.render(findings, failures, rules=rules, texts=texts)
    if fmt == "github":
        return github.render(findings, failures)
    return junit.render(findings, failures, files=files)


def write_chunks(chunks: Iterable[str], output: str | None, color: bool) -> None:
    """Write the output's text, chunk by chunk, and a final newline (nothing when empty) to
    standard output or the file `output`."""
    chunks = (c for c in chunks if c)
    first = next(chunks, None)
    if first is None:
        if output:
            write_output("", output)
        return
    if not output:
        click.echo(first, nl=False, color=color or None)
        for chunk in chunks:
            click.echo(chunk, nl=False, color=color or None)
        click.echo("")
        return
    with open(output, "w", encoding="utf-8") as fh:
        fh.write(first)
        for chunk in chunks:
            fh.write(chunk)
        fh.write("\n")


def append_step_summary(findings: list[Finding], failures: list) -> None:
    """Append the Markdown table to $GITHUB_STEP_SUMMARY when GitHub Actions sets it."""
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if not path:
        return
    from checker.outputs import github
    try:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(github.summary(findings, failures) + "\n")
    except OSError as e:
        click.echo(f"checker: cannot write the job summary to {path}: {e.strerror or e}", err=True)


def write_baseline_file(path: str, findings: list[Finding]) -> None:
    """Write the baseline of `findings`, keyed relative to the file's folder; errors exit 2."""
    from checker import baseline
    root = os.path.dirname(os.path.abspath(path))
    try:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(baseline.render(findings, root))
    except OSError as e:
        fail(f"{path}: cannot write the baseline: {e.strerror or e}")
    n = len(findings)
    click.echo(f"Wrote a baseline of {n} finding{'s' if n != 1 else ''} to {path}.", err=True)


def apply_baseline(path: str, findings: list[Finding]) -> tuple[list[Finding], int]:
    """The findings the baseline file at `path` does not record; a bad file exits 2."""
    from checker import baseline
    if not os.path.exists(path):
        fail(f"{path}: baseline file not found (create it with --write-baseline {path})")
    try:
        known = baseline.parse(read_text(path, "baseline file"))
    except baseline.BaselineError as exc:
        fail(f"{path}: {exc}")
    return baseline.new_findings(findings, known, os.path.dirname(os.path.abspath(path)))


# --- the command --------------------------------------------------------------------------------

@click.command("lint")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--against", multiple=True, type=click.Path(exists=True), metavar="REF",
              help="Reference articles (files or folders): compared with, never reported on. "
                   "A file also given as PATH is checked. Repeatable. [default: the config's "
                   "`against`]")
@rules_option
@click.option("--select", multiple=True, metavar="ID,...",
              help="Apply only these rules (ids or rule types, comma-separated; "
                   "`unused-suppression` reports stale suppression comments).")
@click.option("--ignore", multiple=True, metavar="ID,...",
              help="Skip these rules (ids or rule types, comma-separated).")
@set_option
@click.option("--exit-zero", is_flag=True,
              help="Exit 0 even when findings reach --fail-on (input and rule errors still exit 2).")
@click.option("--fail-on", type=click.Choice(list(reversed(SEVERITIES))), default=None,
              help="Exit 1 when a finding is at least this severe. [default: error]")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="text",
              show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write the findings to FILE instead of standard output.")
@click.option("--no-color", is_flag=True,
              help="No colour in text output (also: the NO_COLOR environment variable).")
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False),
              metavar="FILE", help="Configuration file [default: checker.yaml or .checker.yaml "
                                   "in the working directory or above].")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False), metavar="FILE",
              help="Do not report the findings recorded in FILE (see --write-baseline).")
@click.option("--write-baseline", type=click.Path(dir_okay=False), metavar="FILE",
              help="Record the current findings in FILE and exit 0 (2 if an input failed).")
@click.option("--changed-since", metavar="REF",
              help="Report only on the articles under PATH that git says changed since REF "
                   "(committed, staged, modified or new); every other article under PATH, and "
                   "--against, is the reference.")
@input_options
@extraction_options
@follow_links_option
def lint_command(paths: tuple[str, ...], against: tuple[str, ...], rule_dirs: tuple[str, ...],
                 select: tuple[str, ...], ignore: tuple[str, ...], overrides: tuple[str, ...],
                 exit_zero: bool, fail_on: str | None, fmt: str, output: str | None,
                 no_color: bool, config_file: str | None, baseline_file: str | None,
                 write_baseline: str | None, changed_since: str | None, outlet: str | None,
                 published: str | None, lang: str | None, jobs: int, cache_dir: str | None,
                 no_cache: bool, gazetteer_files: tuple[str, ...], quiet: bool,
                 follow_links: bool) -> None:
    """Check articles for unsourced figures, contradictions and other inconsistencies."""
    config = load_config(config_file)
    rules = configured_rules(config, rule_dirs, overrides)
    selection = selection_from(rules, config, select, ignore)
    fail_on = fail_on or config.fail_on or "error"
    defaults = defaults_from(outlet or config.outlet, published, lang or config.lang)
    if config.aliases:
        defaults = dataclasses.replace(defaults, aliases={**defaults.aliases, **config.aliases})

    from checker.lint import select_rules
    from checker.pipeline import default_jobs, extract_files

    files, target_files, failures = gather(paths, against, config, changed_since, follow_links)
    refuse_overwriting([output or "", write_baseline or ""], files)
    chosen = select_rules(rules, selection.select, selection.ignore)
    findings: list[Finding] = []
    target_paths: list[str] = []
    if target_files:  # nothing to report on (nothing changed): the references need no reading
        gazetteer = configured_gazetteer(config, gazetteer_files)
        cache_at = cache_directory(cache_dir, no_cache)
        key = lint_key(files, target_files, rules, selection, defaults, gazetteer) if cache_at else None
        cached = read_lint_run(cache_at, key, failures) if key else None
        if cached is None:
            progress = Progress(quiet)
            try:
                run = extract_files(files, defaults, gazetteer=gazetteer, cache_dir=cache_at,
                                    cache_extra=gazetteer.fingerprint if gazetteer is not None else "",
                                    jobs=jobs or default_jobs(), keep=seen,
                                    progress=progress.callback)
            finally:
                progress.close()
            targets = [a for a in run.articles if same_file(a.path) in target_files]
            findings = lint(run.claims, rules, target_keys(run.claims, target_files),
                            selection.select, selection.ignore, gazetteer=gazetteer)
            findings = suppress(findings, targets, rules, chosen, selection.reports)
            cached = (findings, list(run.failures), sorted({a.path for a in targets}))
            if key:  # notes about this run's cache entries are not part of the run
                write_lint_run(cache_at, key, findings, [f for f in run.failures
                                                         if not cache.is_untrusted_note(f)],
                               cached[2])
        findings, run_failures, target_paths = cached
        failures += run_failures
    failures, skipped = split_skipped(sorted_failures(failures))

    if write_baseline:
        write_baseline_file(write_baseline, findings)
        report_failures(failures, skipped)
        raise SystemExit(EXIT_CONFIG if failures else EXIT_OK)
    if baseline_file or config.baseline:
        findings, _ = apply_baseline(baseline_file or config.baseline, findings)

    to_stdout = output in (None, "-")
    color = fmt == "text" and to_stdout and color_wanted(no_color, sys.stdout.isatty(), os.environ)
    described = list(chosen) + ([suppressions.RULE] if selection.reports else [])
    texts = file_texts(finding_paths(findings), defaults) if fmt in ("sarif", "rdjsonl") else {}
    if fmt in ("json", "text"):  # written a finding at a time: an archive's findings are many
        from checker.outputs import json as json_output
        from checker.outputs import text as text_output
        chunks = (json_output.chunks(findings, failures) if fmt == "json"
                  else text_output.chunks(findings, failures, color=color))
    else:
        chunks = iter([render(fmt, findings, failures, rules=described, texts=texts,
                              files=target_paths, color=color)])
    try:
        write_chunks(chunks, None if to_stdout else output, color)
    except OSError as e:
        fail(f"{output}: cannot write the output: {e.strerror or e}")
    if fmt == "github":
        append_step_summary(findings, failures)
    report_failures(failures, skipped)
    code = exit_code(findings, failures, fail_on)
    raise SystemExit(EXIT_OK if exit_zero and code == EXIT_FINDINGS else code)


def exit_code(findings: Iterable, failures: Iterable, fail_on: str) -> int:
    """2 when an input failed, else 1 when a finding reaches `fail_on`, else 0."""
    if list(failures):
        return EXIT_CONFIG
    return EXIT_FINDINGS if any(reaches(f.severity, fail_on) for f in findings) else EXIT_OK
