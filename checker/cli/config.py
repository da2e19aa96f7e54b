"""`checker config show PATH`: the settings in force for a file, and where each comes from.

Settings follow the files (`checker.project`): the nearest `checker.yaml`, `.checker.yaml`
or `pyproject.toml` `[tool.checker]` above PATH, or `--config FILE`. Each row is a setting,
its value and its origin (`file:line`, or `default`), then one row a rule with its severity,
the params the configuration changes and where.
"""
from __future__ import annotations

import click

from checker.cli.common import options_from, run_options, settings_errors


@click.group("config")
def config_group() -> None:
    """Show the configuration in force for a file."""


@config_group.command("show")
@click.argument("path", type=click.Path(exists=True))
@run_options
def show_command(path: str, config_file: str | None) -> None:
    """The settings in force for PATH (a file or folder) and where each comes from."""
    from checker.project import explain
    with settings_errors():
        rows = explain(path, options_from(config_file=config_file))
    width = max(len(name) for name, _, _ in rows)
    value_width = min(max(len(value) for _, value, _ in rows), 48)
    click.echo(f"settings for {path}")
    for name, value, origin in rows:
        click.echo(f"  {name:<{width}}  {value:<{value_width}}  {origin}".rstrip())
