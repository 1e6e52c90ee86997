"""`aigov export fria`: the Art. 27 fundamental-rights impact assessment of one system."""

from __future__ import annotations

from typing import Any

import click

from aigov.cli.export import export_options, run_system_export


@click.command(short_help="Art. 27 fundamental-rights impact assessment (FRIA) of one system.")
@click.argument("system")
@export_options
def command(system: str, **options: Any) -> None:
    """The fundamental-rights impact assessment of Art. 27, items (a) to (f), from the record
    SYSTEM: whether Art. 27 applies and why (deployer type, public body, Annex III point),
    reuse of a provider's assessment, the notification status, and the same content in the
    structure of the Dutch FRAIA/IAMA where the record holds what it asks.

    \b
    Examples:
      aigov export fria claims-triage
      aigov export fria claims-triage --format docx -o exports/
    """
    run_system_export("fria", system, **options)
