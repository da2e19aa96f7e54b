"""The `checker` command line: the only place that reads arguments, prints and exits."""
from __future__ import annotations

import sys
import traceback

import click

from checker import __version__
from checker.cli.claims import claims_command
from checker.cli.config import config_group
from checker.cli.init import init_command
from checker.cli.lint import lint_command
from checker.cli.report import report_command
from checker.cli.rules import rules_group
from checker.cli.common import EXIT_ERROR


def _ask_for_debug(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """`--debug` anywhere on the line (`checker --debug lint`, `checker lint a.md --debug`)
    turns on tracebacks for the whole run."""
    if value:
        ctx.find_root().ensure_object(dict)["debug"] = True


def debug_option() -> click.Option:
    return click.Option(["--debug"], is_flag=True, expose_value=False, is_eager=True,
                        callback=_ask_for_debug,
                        help="Show a traceback when something goes wrong.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="checker")
def cli() -> None:
    """Check figures, dates and sources in news articles, across articles and outlets."""


def _with_debug(command: click.Command) -> None:
    """Give `command` and its subcommands the `--debug` flag."""
    command.params.append(debug_option())
    for sub in getattr(command, "commands", {}).values():
        _with_debug(sub)


for _command in (claims_command, lint_command, report_command, rules_group, config_group,
                 init_command):
    cli.add_command(_command)
_with_debug(cli)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI; an unexpected error is one line, or a traceback with --debug."""
    args = sys.argv[1:] if argv is None else argv
    state: dict = {}  # the root context's object: `--debug` marks it wherever it was given
    try:
        cli.main(args=args, prog_name="checker", standalone_mode=False, obj=state)
    except click.exceptions.Exit as e:
        sys.exit(e.exit_code)
    except click.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(EXIT_ERROR)
    except click.ClickException as e:
        e.show()
        sys.exit(EXIT_ERROR)
    except SystemExit:
        raise
    except BrokenPipeError:
        sys.exit(EXIT_ERROR)
    except Exception as e:
        if state.get("debug"):
            traceback.print_exc()
        else:
            from checker.outputs.safe import printable
            click.echo(printable(f"checker: internal error: {type(e).__name__}: {e} (run with --debug for details)"),
                       err=True)
        sys.exit(EXIT_ERROR)
    sys.exit(0)
