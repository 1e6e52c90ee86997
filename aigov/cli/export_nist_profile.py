"""`aigov export nist-profile`: one system against the NIST AI 600-1 Generative AI Profile."""

from __future__ import annotations

from typing import Any

import click

from aigov.cli.common import workspace
from aigov.cli.export import export_options
from aigov.cli.export_soa import generated_at, render_and_deliver


@click.command(short_help="NIST AI 600-1 Generative AI Profile of one system.")
@click.argument("system")
@export_options
def command(system: str, **options: Any) -> None:
    """The system SYSTEM (an id or a record file) against NIST AI 600-1: the GAI risks its
    harms are tagged with (`gai_risks`), the profile's suggested actions for each, which
    controls (the record's and organisation.yaml's) carry each out (`nist_600_1`), and the
    gaps.

    \b
    Examples:
      aigov export nist-profile support-copilot
      aigov export nist-profile support-copilot --format pdf -o exports/
    """
    from aigov.exports.build import inputs_for, load_system
    from aigov.exports.nist_profile import build

    stamp = generated_at(options)
    ws = workspace(
        options.get("root"),
        today=options.get("today"),
        audience=options.get("audience", "internal"),
        config=options.get("config"),
        consequence="nothing was exported",
    )
    loaded = load_system(ws, system)
    inputs = inputs_for(loaded, root=ws.root, today=ws.today, generated_at=stamp)
    org = ws.organisation
    doc = build(inputs, org.controls if org is not None else ())
    render_and_deliver(doc, f"{loaded.id}-nist-profile", ws.root, options)
