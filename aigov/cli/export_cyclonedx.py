"""`aigov export cyclonedx`: the CycloneDX 1.6 ML-BOM of one system."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from aigov.cli.common import root_option, today_option, workspace
from aigov.cli.export import deliver, target_for


@click.command(short_help="CycloneDX 1.6 ML-BOM (JSON) of one system.")
@click.argument("system")
@click.option(
    "--output",
    "-o",
    "output",
    metavar="PATH",
    default=None,
    help="Write to this file (atomically); '-o DIR/' writes DIR/SYSTEM-cyclonedx.cdx.json. "
    "Default: standard output.",
)
@click.option(
    "--audience",
    type=click.Choice(["internal", "public"]),
    default="internal",
    show_default=True,
    help="public leaves out what the record's `visibility` marks internal or confidential.",
)
@today_option("Judge sign-offs and review dates as if today were this date (YYYY-MM-DD).")
@click.option(
    "--generated-at",
    default=None,
    metavar="TIMESTAMP",
    help="The BOM's metadata.timestamp (ISO 8601). Default: SOURCE_DATE_EPOCH, else the "
    "commit time of HEAD when the record is committed, else the record file's time.",
)
@click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Policy file (default: aigov.yaml in the repository root).",
)
@root_option
def command(system: str, **options: Any) -> None:
    """The CycloneDX 1.6 bill of materials of SYSTEM (a record id or file), as JSON: the
    system as an application component, each model component with its model card
    (parameters, datasets, performance metrics, considerations), each data source and test
    set as a data component, and the governance facts (EU AI Act tier, Annex III area,
    oversight, sign-offs, review dates) as `aigov:` properties. The BOM is checked against
    the official CycloneDX JSON Schema before it is written; exporting the same record twice
    gives the same bytes (the serial number is derived from the content).

    \b
    Examples:
      aigov export cyclonedx fraud-scoring
      aigov export cyclonedx fraud-scoring -o boms/
      aigov export cyclonedx support-copilot --audience public -o support-copilot.cdx.json
    """
    from aigov.exports import cyclonedx
    from aigov.exports.build import load_system
    from aigov.exports.context import system_context
    from aigov.provenance import parse_moment

    generated_at: str | None = options.get("generated_at")
    if generated_at is not None:
        try:
            parse_moment(generated_at)
        except ValueError:
            raise click.BadParameter(
                f"'{generated_at}' is not an ISO 8601 date or time", param_hint="--generated-at"
            ) from None
    today: dt.date | None = options.get("today")
    ws = workspace(
        options.get("root"),
        today=today,
        audience=options["audience"],
        config=options.get("config"),
        consequence="nothing was exported",
    )
    loaded = load_system(ws, system)
    ctx = system_context(
        loaded, root=ws.root, today=ws.today, policy=ws.policy, generated_at=generated_at
    )
    text = cyclonedx.render(ctx)
    target = target_for(options.get("output"), f"{loaded.id}-cyclonedx", "json")
    if target is not None and target.name == f"{loaded.id}-cyclonedx.json":
        target = target.with_name(f"{loaded.id}-cyclonedx{cyclonedx.FILE_SUFFIX}")
    deliver(text, target, f"the CycloneDX BOM of {loaded.id}")
