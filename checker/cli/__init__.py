"""The `checker` command line: the only place that reads arguments, prints and exits."""
from __future__ import annotations

import sys
import traceback

import click

from checker import __version__
from checker.cli.claims import claims_command
from checker.cli.init import init_command
from checker.cli.lint import lint_command
from checker.cli.report import report_command
from checker.cli.rules import rules_group
from checker.cli.common import EXIT_ERROR


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="checker")
@click.option("--debug", is_flag=True, help="Show a traceback when something goes wrong.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Check figures, dates and sources in news articles, across articles and outlets."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


cli.add_command(claims_command)


for _command in (lint_command, report_command, rules_group, init_command):
    cli.add_command(_command)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI; an unexpected error is one line, or a traceback with --debug."""
    args = sys.argv[1:] if argv is None else argv
    try:
        cli.main(args=args, prog_name="checker", standalone_mode=False)
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
        if "--debug" in args:
            traceback.print_exc()
        else:
            from checker.outputs.safe import printable
            click.echo(printable(f"checker: internal error: {type(e).__name__}: {e} (run with --debug for details)"),
                       err=True)
        sys.exit(EXIT_ERROR)
    sys.exit(0)
