from __future__ import annotations

import click

from aigov.schema import (
    catalog_text,
    component_schema_text,
    organisation_schema_text,
    schema_text,
)


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
@click.option(
    "--component",
    is_flag=True,
    help="Print the schema of a shared component, components/<id>.yaml "
    "(schemas/aigov-component.schema.json).",
)
def command(catalog: bool, organisation: bool, component: bool) -> None:
    """Print the record JSON Schema (draft-07) generated from the record model.

    The committed copy lives in schemas/aigov-record.schema.json; editors pick it up through
    the `# yaml-language-server: $schema=...` line at the top of each record. `--catalog`
    prints the SchemaStore-style catalogue entry, which matches records named
    `systems/<id>.aigov.yaml` by file name. `--organisation` prints the schema of the
    organisation record, `organisation.yaml` (schemas/aigov-organisation.schema.json);
    `--component` that of a shared component, `components/<id>.yaml`
    (schemas/aigov-component.schema.json).
    """
    if catalog:
        click.echo(catalog_text(), nl=False)
    elif organisation:
        click.echo(organisation_schema_text(), nl=False)
    elif component:
        click.echo(component_schema_text(), nl=False)
    else:
        click.echo(schema_text(), nl=False)
