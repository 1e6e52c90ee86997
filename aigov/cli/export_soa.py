"""`aigov export soa`: the ISO/IEC 42001 Statement of Applicability over the whole portfolio."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from aigov.cli.common import workspace
from aigov.cli.export import export_options, render_and_deliver


@click.command(short_help="ISO/IEC 42001 Statement of Applicability of the whole portfolio.")
@export_options
def command(**options: Any) -> None:
    """The Statement of Applicability (ISO/IEC 42001 clause 6.1.3) over every record: all 38
    Annex A controls by id and short title, each applicable or excluded as aigov.yaml
    declares it (`soa:`), with its owner, the justification, and the controls and evidence
    of the records and of organisation.yaml whose `iso_42001` names it. A control aigov.yaml
    does not declare is reported as undeclared.

    \b
    Examples:
      aigov export soa
      aigov export soa --format docx -o exports/
      aigov export soa --format json --audience public
    """
    from aigov.exports.soa import build_from, load_portfolio

    stamp = generated_at(options)
    ws = workspace(
        options.get("root"),
        today=options.get("today"),
        audience=options.get("audience", "internal"),
        config=options.get("config"),
        consequence="nothing was exported",
    )
    _soa, doc = build_from(load_portfolio(ws, stamp))
    render_and_deliver(doc, ws, "soa", options)


def generated_at(options: dict[str, Any]) -> str | None:
    """--generated-at checked, else now (unless SOURCE_DATE_EPOCH pins it), as the other
    exports do."""
    from aigov.provenance import iso_utc, parse_moment, source_date_epoch

    given: str | None = options.get("generated_at")
    if given is not None:
        try:
            parse_moment(given)
        except ValueError:
            raise click.BadParameter(
                f"'{given}' is not an ISO 8601 date or time", param_hint="--generated-at"
            ) from None
        return given
    return None if source_date_epoch() is not None else iso_utc(dt.datetime.now(dt.UTC))
