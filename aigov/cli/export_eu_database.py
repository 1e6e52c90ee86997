"""`aigov export eu-database`: the EU database registration data (Annex VIII) of one system."""

from __future__ import annotations

from typing import Any

import click

from aigov.cli.export import export_options, run_system_export


@click.command(short_help="EU database registration data (Annex VIII) of one system.")
@click.argument("system")
@export_options
def command(system: str, **options: Any) -> None:
    """The registration data of Annex VIII for the EU database (Art. 49, Art. 71) from the
    record SYSTEM: Section A (providers), Section B (Art. 6(3) systems) and Section C
    (deployers that are public bodies), whichever apply, as JSON (`--format json`, with a
    schema) or a readable page.

    \b
    Examples:
      aigov export eu-database claims-triage --format json -o claims-triage.eu-db.json
      aigov export eu-database claims-triage --format html -o eu-db.html
    """
    run_system_export("eu-database", system, **options)
