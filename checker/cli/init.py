"""`checker init [FILE]`: write a commented starter configuration.

The file is written only when it does not exist yet, unless `--force`: a configuration a
newsroom has tuned is never overwritten by accident. Exit 2 when it exists or cannot be
written.
"""
from __future__ import annotations

import os

import click

from checker.cli.rules import EXIT_OK, fail

STARTER = """\
# checker configuration: every article in this folder and below it is read and checked with
# it (unless a folder nearer the article has its own), whatever the working directory; or use
# `--config FILE`. Every key is optional; options given on the command line replace these
# values. Paths and globs are relative to this file's folder.
# Run `checker rules list` for the rule ids, `checker rules show ID` for one rule, and
# `checker config show PATH` for the settings a file gets and where each is set.

# Reference articles: compared with, never reported on (files, folders or globs).
# With `checker lint --changed-since REF`, every unchanged article under PATH is a reference too.
against: []
#  - archive/
#  - "wires/**/*.md"

# Globs for the files read inside PATH folders (matched against the path under the folder
# and against the file name). README, CHANGELOG and LICENSE files are always skipped.
include: ["*.md"]
exclude: []
#  - "drafts/*"
#  - "_index.md"

# Metadata for articles whose front matter does not say.
defaults: {}
#  lang: en                 # it, en, es
#  outlet: The Harbour Courier

# Which front-matter keys hold what (the first found wins; the field's own name is always read).
front_matter: {}
#  published: [date, publishDate, pubdate]
#  outlet: [publisher, site_name]

# Rules: extra rule directories, which rules run, and per-rule changes.
rules: []
select: []                  # rule ids or rule types; empty: all
ignore: []
#  - name-variant
overrides: {}
#  unsourced-figure: {severity: info}
#  contradicting-figures: {params: {tolerance: 0.02}}

# Exit 1 when a finding is at least this severe: error, warning or info.
fail_on: error

# Findings recorded here are not reported (adopt the tool on an archive; write the file with
# `checker lint . --write-baseline .checker-baseline.json`).
# baseline: .checker-baseline.json

# Extra source names for attribution (files in the shape of the bundled gazetteer, or entries).
# gazetteer: [sources.yaml]

# References in order of trust, most trusted first: a figure that contradicts a reference but
# agrees with a more trusted one is reported with `trust_severity` and says so.
# trust: [wires/, archive/]
# trust_severity: info
"""


@click.command("init")
@click.argument("path", default="checker.yaml", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="Overwrite the file if it exists.")
def init_command(path: str, force: bool) -> None:
    """Write a commented starter configuration to PATH (default: ./checker.yaml)."""
    if os.path.exists(path) and not force:
        fail(f"{path} already exists; use --force to overwrite it")
    try:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(STARTER)
    except OSError as e:
        fail(f"{path}: cannot write the configuration: {e.strerror or e}")
    click.echo(f"Wrote {path}. Edit it, then run `checker lint PATH`.")
    raise SystemExit(EXIT_OK)
