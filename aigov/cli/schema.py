from __future__ import annotations

import click

from aigov.schema import schema_text


@click.command(short_help="Print the JSON Schema for records.")
def command() -> None:
    """Print the record JSON Schema (draft-07) generated from the record model.

    The committed copy lives in schemas/aigov-record.schema.json; editors pick it up through
    the `# yaml-language-server: $schema=...` line at the top of each record.
    """
    click.echo(schema_text(), nl=False)
