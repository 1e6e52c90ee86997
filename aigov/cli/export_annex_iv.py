"""`aigov export annex-iv`: the Annex IV technical documentation of one system."""

from __future__ import annotations

from typing import Any

import click

from aigov.cli.export import export_options, run_system_export


@click.command(short_help="EU AI Act Annex IV technical documentation of one system.")
@click.argument("system")
@export_options
def command(system: str, **options: Any) -> None:
    """The technical documentation of Annex IV, items 1 to 9 in order, filled from the record
    SYSTEM (an id or a record file), with a coverage table first and the evidence files each
    item rests on.

    \b
    Examples:
      aigov export annex-iv claims-triage
      aigov export annex-iv claims-triage --format docx -o exports/
      aigov export annex-iv claims-triage --format json --audience public
    """
    run_system_export("annex-iv", system, **options)
