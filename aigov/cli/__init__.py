"""The `aigov` command line: a thin layer that parses arguments, calls the core and formats.

Each command lives in its own module `aigov/cli/<name>.py` exposing `command`; they load
lazily so `aigov validate` never pays for importing the site builder. The core raises an
AigovError when it cannot go on; `report_error` here is the one place that prints it.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from typing import Any

import click

from aigov import __version__
from aigov.cli.common import COLOUR_KEY, print_problem
from aigov.errors import AigovError

COMMANDS: dict[str, tuple[str, str]] = {
    # name: (module, one-line help shown in `aigov --help`)
    "validate": ("validate", "Check records against the schema; report file:line:col problems."),
    "check": ("check", "Run the governance rules: completeness, risk tier, lifecycle gates."),
    "rules": ("rules", "List the rules, or explain one."),
    "card": ("card", "Render a system card or model card (md, html, json, pdf, hf)."),
    "build": ("build", "Build the documentation site into site/."),
    "serve": ("serve", "Preview the site with live reload."),
    "init": ("init", "Create a governance repository."),
    "new": ("new", "Start a record with a guided questionnaire."),
    "fmt": ("fmt", "Put records in canonical order and layout, keeping comments."),
    "import": (
        "import_cmd",
        "Import a Hugging Face or Model Card Toolkit card, or a register entry.",
    ),
    "explain": ("explain", "Explain a record field: meaning, type, example, rules."),
    "approve": ("approve", "Record a sign-off bound to the record's content."),
    "diff": ("diff", "Show what changed in a record, field by field."),
    "schema": ("schema", "Print the JSON Schema for records."),
    "export": (
        "export",
        "Export documents and data: Annex IV, FRIA, EU database, SoA, registers, BOM, audit pack.",
    ),
    "results": ("results", "Append evaluation results and monitoring readings to a record."),
}

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

# commands whose error lines name them ("aigov import: ..."); the others say "aigov: ..."
NAMED_IN_ERRORS = frozenset({"import", "new", "diff"})


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if self._available(name)]

    @staticmethod
    def _available(name: str) -> bool:
        module = COMMANDS[name][0]
        return importlib.util.find_spec(f"aigov.cli.{module}") is not None

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS or not self._available(cmd_name):
            return None
        module = importlib.import_module(f"aigov.cli.{COMMANDS[cmd_name][0]}")
        command: click.Command = module.command
        command.short_help = command.short_help or COMMANDS[cmd_name][1]
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AigovError as err:
            name = ctx.invoked_subcommand or ""
            prog = f"aigov {name}" if name in NAMED_IN_ERRORS else "aigov"
            ctx.exit(report_error(err, prog, colour=ctx.meta.get(COLOUR_KEY, False)))


def report_error(err: AigovError, prog: str = "aigov", *, colour: bool = False) -> int:
    """Print an error the core raised, once, and return its exit code.

    An error about one place (a BuildError's `diagnostic`) prints as `error: where: message`
    with its hint, the way `build` and `serve` print problems. Otherwise: when the records
    have problems (exit 1) the diagnostics are the report, on standard output; when nothing
    could be judged (exit 2) they say why, on standard error. Then `prog: message` and the
    hint."""
    from aigov.formats import ReportContext, render
    from aigov.formats import text as text_format

    single = err.diagnostic
    if single is not None:
        print_problem(single)
        return err.exit_code
    if err.diagnostics and err.exit_code == EXIT_PROBLEMS:
        click.echo(render("text", err.diagnostics, ReportContext(prog, [], colour)), color=colour)
    else:
        for d in err.diagnostics:
            click.echo(text_format.line(d, colour), err=True)
    if err.message:
        click.echo(f"{prog}: {err.message}", err=True)
    if err.hint:
        click.echo(f"  {err.hint}", err=True)
    return err.exit_code


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="aigov")
def cli() -> None:
    """aigov: responsible-AI governance as docs-as-code.

    One YAML record per AI system in systems/. Validate it, check it against your governance
    rules, and publish cards and a documentation site.

    Exit codes: 0 all good, 1 the records have problems, 2 usage or environment error.
    """


def main(argv: list[str] | None = None) -> Any:
    """Entry point: no traceback ever reaches the user."""
    try:
        return cli.main(args=argv, prog_name="aigov", standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("aigov: interrupted", err=True)
        sys.exit(130)
    except (SystemExit, click.exceptions.Exit):
        raise
    except Exception as exc:  # a bug in aigov itself
        if os.environ.get("AIGOV_DEBUG"):
            raise
        click.echo(f"aigov: internal error: {type(exc).__name__}: {exc}", err=True)
        click.echo(
            "This is a bug in aigov, not in your records. Re-run with AIGOV_DEBUG=1 for details "
            "and report it.",
            err=True,
        )
        sys.exit(EXIT_USAGE)
