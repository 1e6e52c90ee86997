"""`aigov export nist-profile`: one system against the NIST AI 600-1 Generative AI Profile."""

from __future__ import annotations

from typing import Any

import click

from aigov.cli.export import export_options


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
    from aigov.cli.export import run_system_export

    run_system_export("nist-profile", system, **options)
