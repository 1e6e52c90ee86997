"""`aigov export algoritmeregister`: one system as a Dutch Algoritmeregister entry (JSON)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from aigov.cli.common import root_option, today_option, workspace
from aigov.cli.export import deliver, target_for


@click.command(short_help="Dutch Algoritmeregister entry (publication standard 1.0) of one system.")
@click.argument("system")
@click.option(
    "--form",
    type=click.Choice(["register", "standard"]),
    default="register",
    show_default=True,
    help="register: the field names of the register's own configuration (what its editor, "
    "downloads and API use); standard: the names of the publication standard's schema.json.",
)
@click.option(
    "--output",
    "-o",
    "output",
    metavar="PATH",
    default=None,
    help="Write the JSON to this file (atomically); default: standard output.",
)
@click.option(
    "--audience",
    type=click.Choice(["internal", "public"]),
    default="public",
    show_default=True,
    help="A register entry is public: what the record's `visibility` marks internal or "
    "confidential is left out (a required field left out is an error).",
)
@today_option("Judge tiers and dates as if today were this date (YYYY-MM-DD).")
@click.option("--config", type=click.Path(dir_okay=False, path_type=Path), default=None)
@root_option
def command(system: str, form: str, output: str | None, audience: str, **options: Any) -> None:
    """The record SYSTEM as an entry of the Dutch Algoritmeregister, validated against the
    register's vendored field configuration (or the standard's schema.json with --form
    standard). The record's text is used as written; status, publication category and
    impact-assessment names take the register's permitted values. A field the register
    requires that the record does not give is an error naming the record field to fill
    (exit 1, nothing written).

    \b
    Examples:
      aigov export algoritmeregister benefits-triage
      aigov export algoritmeregister benefits-triage --form standard -o register/entry.json
    """
    from aigov.exports.algoritmeregister import export_algoritmeregister
    from aigov.exports.build import load_system

    ws = workspace(
        options.get("root"),
        today=options.get("today"),
        audience=audience,
        config=options.get("config"),
        consequence="nothing was exported",
    )
    loaded = load_system(ws, system)
    entry = export_algoritmeregister(loaded, form)  # an ExportError is printed by the CLI
    for note in entry.notes:
        click.echo(f"note: {note}", err=True)
    deliver(
        entry.to_json(),
        target_for(output, f"{loaded.id}-algoritmeregister", "json"),
        "the Algoritmeregister entry",
    )
