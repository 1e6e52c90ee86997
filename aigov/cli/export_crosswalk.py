"""`aigov export crosswalk`: the sourced crosswalk as an SSSOM mapping set (TSV)."""

from __future__ import annotations

from pathlib import Path

import click

from aigov.cli.export import deliver, target_for


@click.command(short_help="Crosswalk NIST AI RMF / AI 600-1 / ISO 42001 / AI Act as SSSOM TSV.")
@click.option(
    "--output",
    "-o",
    "output",
    metavar="PATH",
    default=None,
    help="Write to this file (atomically). Default: standard output.",
)
def command(output: str | None) -> None:
    """The crosswalk aigov ships (aigov/data/crosswalk.yaml) between NIST AI RMF 1.0
    subcategories, NIST AI 600-1 actions, ISO/IEC 42001 Annex A ids and EU AI Act
    provisions, as SSSOM TSV: one row per pair, each with the published document that states
    it (mapping_source) and mapping_justification semapv:ManualMappingCuration.

    \b
    Examples:
      aigov export crosswalk > crosswalk.sssom.tsv
      aigov export crosswalk -o exports/
    """
    from aigov.crosswalk import sssom_tsv

    target = target_for(output, "crosswalk", "md")
    if target is not None and output is not None and target.name != Path(output).name:
        target = target.with_name("crosswalk.sssom.tsv")  # -o DIR/: the name inside DIR
    deliver(sssom_tsv(), target, "the crosswalk (SSSOM TSV)")
