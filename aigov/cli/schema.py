from __future__ import annotations

import click

from aigov.schema import catalog_text, schema_text


@click.command(short_help="Print the JSON Schema for records.")
@click.option(
    "--catalog",
    is_flag=True,
    help="Print the schema catalogue entry (schemas/catalog.json) instead.",
)
def command(catalog: bool) -> None:
    """Print the record JSON Schema (draft-07) generated from the record model.

    The committed copy lives in schemas/aigov-record.schema.json; editors pick it up through
    the `# yaml-language-server: $schema=...` line at the top of each record. `--catalog`
    prints the SchemaStore-style catalogue entry, which matches records named
    `systems/<id>.aigov.yaml` by file name.
    """
    click.echo(catalog_text() if catalog else schema_text(), nl=False)
