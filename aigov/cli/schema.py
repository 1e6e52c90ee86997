from __future__ import annotations

import click

from aigov.schema import catalog_text, organisation_schema_text, schema_text


@click.command(short_help="Print the JSON Schema for records.")
@click.option(
    "--catalog",
    is_flag=True,
    help="Print the schema catalogue entry (schemas/catalog.json) instead.",
)
@click.option(
    "--organisation",
    is_flag=True,
    help="Print the schema of organisation.yaml (schemas/aigov-organisation.schema.json).",
)
def command(catalog: bool, organisation: bool) -> None:
    """Print the record JSON Schema (draft-07) generated from the record model.

    The committed copy lives in schemas/aigov-record.schema.json; editors pick it up through
    the `# yaml-language-server: $schema=...` line at the top of each record. `--catalog`
    prints the SchemaStore-style catalogue entry, which matches records named
    `systems/<id>.aigov.yaml` by file name. `--organisation` prints the schema of the
    organisation record, `organisation.yaml` (schemas/aigov-organisation.schema.json).
    """
    if catalog:
        click.echo(catalog_text(), nl=False)
    elif organisation:
        click.echo(organisation_schema_text(), nl=False)
    else:
        click.echo(schema_text(), nl=False)
