"""`aigov export atrs`: one system as a UK Algorithmic Transparency Recording Standard record."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from aigov.cli.common import root_option, today_option, workspace
from aigov.cli.export import deliver, target_for


@click.command(
    short_help="UK Algorithmic Transparency Recording Standard (v3) record of one system."
)
@click.argument("system")
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["json", "md", "html"]),
    default="md",
    show_default=True,
    help="json: every template field with its value (or null) and the missing list; md / "
    "html: the record as a GOV.UK record page carries it.",
)
@click.option(
    "--output",
    "-o",
    "output",
    metavar="PATH",
    default=None,
    help="Write to this file (atomically).",
)
@click.option(
    "--audience",
    type=click.Choice(["internal", "public"]),
    default="public",
    show_default=True,
    help="An ATRS record is published: public leaves out what `visibility` marks internal.",
)
@today_option("Judge dates as if today were this date (YYYY-MM-DD).")
@click.option("--config", type=click.Path(dir_okay=False, path_type=Path), default=None)
@root_option
def command(system: str, fmt: str, output: str | None, audience: str, **options: Any) -> None:
    """The record SYSTEM as an ATRS v3.0 record: metadata, tier 1 (summary) and tier 2
    (owner and responsibility, description and rationale, decision-making process, tool
    specification, risks and impact assessments). Every template field is shown; required
    fields the record does not answer are listed as missing (on standard error too).

    \b
    Examples:
      aigov export atrs benefits-triage
      aigov export atrs benefits-triage -f json -o atrs/benefits-triage.json
    """
    from aigov.exports.atrs import export_atrs, to_html, to_markdown
    from aigov.exports.build import load_system

    ws = workspace(
        options.get("root"),
        today=options.get("today"),
        audience=audience,
        config=options.get("config"),
        consequence="nothing was exported",
    )
    loaded = load_system(ws, system)
    atrs = export_atrs(loaded)
    text = atrs.to_json() if fmt == "json" else to_markdown(atrs) if fmt == "md" else to_html(atrs)
    for f, label in atrs.missing:
        of = f" of {label}" if label else ""
        note = f"; {f.note}" if f.note else ""
        click.echo(f"not answered: {f.id} {f.name}{of} (required by the template{note})", err=True)
    deliver(text, target_for(output, f"{loaded.id}-atrs", fmt), "the ATRS record")
