"""The Python API: what the commands do, as functions that return pandas frames.

    >>> import checker
    >>> claims = checker.extract_claims("examples/story")            # checker claims
    >>> findings = checker.lint("draft.md", against="wires/")         # checker lint
    >>> findings = checker.report("articles/", output="report.html")  # checker report

Each reads the articles with the settings that follow them (the nearest `checker.yaml`,
`.checker.yaml` or `pyproject.toml` `[tool.checker]`, or `config=`), as the commands do, and
gives the same claims and findings. A path that does not exist raises FileNotFoundError, a
path without articles `checker.NoArticles`, a bad configuration or rule file
`checker.ruleset.RuleError`; files that could not be read are listed in
`frame.attrs["failures"]` (`path:line: message`), so one bad file never hides the others.
"""
from __future__ import annotations

import errno
import os
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from checker.findings import findings_frame

def _paths(paths: Any) -> list[str]:
    """One path or several, as strings; FileNotFoundError for one that does not exist."""
    listed = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    out = [os.fspath(p) for p in listed]
    for path in out:
        if not os.path.lexists(path):
            raise FileNotFoundError(errno.ENOENT, "no such file or directory", path)
    return out


def _options(*, config: str | os.PathLike | None = None, against: Any = (),
             rules: Any = (), select: Iterable[str] = (), ignore: Iterable[str] = (),
             overrides: Mapping[str, Any] | None = None, outlet: str | None = None,
             published: str | None = None, lang: str | None = None, gazetteer: Any = ()):
    """The run's Options; ValueError for a date that is not one."""
    from checker.project import Options
    from checker.readers.frontmatter import normalize_date
    if published and not normalize_date(published):
        raise ValueError(f"published: {published!r} is not a date (expected YYYY-MM-DD)")
    return Options(config_file=os.fspath(config) if config else None,
                   rule_dirs=tuple(_paths(rules)) if rules else (),
                   overrides=dict(overrides or {}), select=tuple(select), ignore=tuple(ignore),
                   against=tuple(_paths(against)) if against else (), outlet=outlet,
                   published=normalize_date(published) if published else None,
                   lang=lang.lower() if lang else None,
                   gazetteer_files=tuple(_paths(gazetteer)) if gazetteer else ())


def _with_failures(frame: pd.DataFrame, failures: Iterable[Any]) -> pd.DataFrame:
    frame.attrs["failures"] = [str(f) for f in failures if not getattr(f, "skipped", False)]
    return frame


def extract_claims(*paths: str | os.PathLike, outlet: str | None = None,
                   published: str | None = None, lang: str | None = None,
                   config: str | os.PathLike | None = None, jobs: int = 1,
                   cache_dir: str | None = None) -> pd.DataFrame:
    """The claims frame of the articles under `paths` (`checker claims`)."""
    from checker.project import read_paths
    run = read_paths(_paths(paths), _options(config=config, outlet=outlet, published=published,
                                             lang=lang), jobs=jobs, cache_dir=cache_dir)
    return _with_failures(run.claims, run.failures)


def lint(paths: Any, *, against: Any = (), config: str | os.PathLike | None = None,
         rules: Any = (), select: Iterable[str] = (), ignore: Iterable[str] = (),
         overrides: Mapping[str, Any] | None = None, outlet: str | None = None,
         published: str | None = None, lang: str | None = None, gazetteer: Any = (),
         jobs: int = 1, cache_dir: str | None = None) -> pd.DataFrame:
    """The findings frame of the articles under `paths` (`checker lint`): one row a finding,
    the columns of the findings contract. `against`: reference articles (else each
    configuration's); `rules`: rule directories; `select`/`ignore`: rule ids or types;
    `overrides`: {rule id: {"severity": ..., "params": {...}}}, as `--set` does."""
    from checker.project import lint_paths
    run, _ = lint_paths(_paths(paths), _options(
        config=config, against=against, rules=rules, select=select, ignore=ignore,
        overrides=overrides, outlet=outlet, published=published, lang=lang,
        gazetteer=gazetteer), jobs=jobs, cache_dir=cache_dir)
    return _with_failures(findings_frame(run.findings), run.failures)


def report(paths: Any, output: str | os.PathLike | None = None, *, fmt: str | None = None,
           title: str = "Discrepancy report", against: Any = (),
           config: str | os.PathLike | None = None, rules: Any = (),
           overrides: Mapping[str, Any] | None = None, outlet: str | None = None,
           published: str | None = None, lang: str | None = None, gazetteer: Any = (),
           jobs: int = 1) -> pd.DataFrame:
    """The findings frame of `checker report`, and the report written to `output` when it is
    given (`.html`, `.md`, `.csv`, `.xlsx` or a folder; `fmt` forces one); the paths
    written are in `frame.attrs["written"]`."""
    from checker.project import report_paths
    from checker.report.files import report_format, write_report
    if output is not None and os.fspath(output) == "-":
        raise ValueError("output: give a file or folder (standard output is the CLI's)")
    chosen = report_format(os.fspath(output), fmt) if output is not None else None
    run = report_paths(_paths(paths), _options(
        config=config, against=against, rules=rules, overrides=overrides, outlet=outlet,
        published=published, lang=lang, gazetteer=gazetteer), title=title, jobs=jobs)
    frame = _with_failures(findings_frame(run.findings), run.failures)
    frame.attrs["written"] = (write_report(run.report, run.claims, run.findings,
                                           os.fspath(output), chosen, _write)
                              if output is not None else [])
    return frame


def _write(data: str | bytes, path: str) -> None:
    if isinstance(data, bytes):
        with open(path, "wb") as fh:
            fh.write(data)
    else:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(data)
