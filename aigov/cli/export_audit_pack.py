"""`aigov export audit-pack`: the auditor's pack of the whole portfolio."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from aigov.cli.common import root_option, today_option, workspace


@click.command(short_help="The auditor's pack: inventory, records, cards, exports, evidence.")
@click.option(
    "--output",
    "-o",
    "output",
    metavar="PATH",
    default=None,
    help="The pack's folder, or a file ending in .zip. Default: audit-pack-DATE in the current "
    "folder. An existing folder is replaced only when it holds an earlier audit pack.",
)
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    metavar="DATE",
    help="Build the pack from the records as they were on DATE (YYYY-MM-DD): the commit the "
    "main line was at by the end of that day (UTC), judged on that day.",
)
@today_option("Judge reviews and sign-offs as if today were this date (ignored with --as-of).")
@click.option(
    "--pdf",
    is_flag=True,
    help="Also print every card and export as PDF (needs the pdf extra and Chromium; slow).",
)
@click.option(
    "--generated-at",
    default=None,
    metavar="TIMESTAMP",
    help="The cards' and exports' 'generated at' (ISO 8601). Default as for `aigov card`.",
)
@click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Policy file (default: aigov.yaml in the repository root).",
)
@root_option
def command(**options: Any) -> None:
    """One folder (or zip) an auditor can take away: the portfolio inventory (CSV and XLSX)
    and, per system, its record, its system and model cards (Markdown, HTML, JSON), every
    regulatory export (Annex IV, FRIA, EU database, CycloneDX …), the evidence files it cites
    and its sign-off history, with a SHA256SUMS manifest over everything
    (`sha256sum -c SHA256SUMS` verifies it).

    The pack is built in a temporary folder and moved into place: on any error nothing is
    left behind. A record that does not validate stops it (exit 1), with its problems.

    \b
    Examples:
      aigov export audit-pack
      aigov export audit-pack -o audit-2026-q4.zip
      aigov export audit-pack --as-of 2026-06-30 -o pack-2026-06-30/
    """
    from aigov.exports.auditpack import build_pack
    from aigov.paths import display_path
    from aigov.provenance import parse_moment

    as_of_dt: dt.datetime | None = options.get("as_of")
    as_of = as_of_dt.date() if as_of_dt is not None else None
    if as_of is not None and as_of > dt.date.today():
        raise click.BadParameter(
            f"{as_of.isoformat()} is in the future; the pack shows the records as they were",
            param_hint="--as-of",
        )
    generated_at: str | None = options.get("generated_at")
    if generated_at is not None:
        try:
            parse_moment(generated_at)
        except ValueError:
            raise click.BadParameter(
                f"'{generated_at}' is not an ISO 8601 date or time", param_hint="--generated-at"
            ) from None
    ws = workspace(
        options.get("root"),
        today=options.get("today"),
        config=options.get("config"),
        consequence="no audit pack was made",
    )
    day = as_of or ws.today
    output = options.get("output")
    target = Path(output.rstrip("/")) if output else Path(f"audit-pack-{day.isoformat()}")
    result = build_pack(
        ws.root,
        target,
        today=ws.today,
        as_of=as_of,
        config=options.get("config"),
        pdf=options["pdf"],
        generated_at=generated_at,
    )
    for system, kind, why in result.skipped:
        click.echo(f"aigov: {system}: no {kind} export: {why}", err=True)
    where = f" as of {as_of.isoformat()} ({(result.revision or '')[:12]})" if as_of else ""
    click.echo(
        f"Wrote the audit pack of {result.systems} system{'s' if result.systems != 1 else ''}"
        f"{where} to {display_path(result.target)} ({result.files} files; verify with "
        "`sha256sum -c SHA256SUMS`).",
        err=True,
    )
