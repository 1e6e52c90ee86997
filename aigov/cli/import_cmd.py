from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import click

from aigov.authoring.importers.algoritmeregister import import_algoritmeregister
from aigov.authoring.importers.hf import import_hf
from aigov.authoring.importers.mct import import_mct
from aigov.authoring.importers.run import Importer, ImportOutcome, ImportRequest, run_import
from aigov.cli.common import (
    TEXT_OR_JSON,
    color_option,
    format_option,
    resolve_root,
    root_option,
    today_option,
    use_color,
)
from aigov.model import Stage, is_slug


def _options(f: Any) -> Any:
    decorators = [
        click.argument("card", type=click.Path(dir_okay=False, exists=True, path_type=Path)),
        click.option(
            "--into",
            "into",
            metavar="SYSTEM",
            default=None,
            help="Add the model as a component of this existing record (an id or a path) instead "
            "of creating a new record. Comments in the record are kept.",
        ),
        click.option(
            "-o",
            "--output",
            type=click.Path(dir_okay=False, path_type=Path),
            default=None,
            help="Where to write the new record (default: systems/<id>.yaml); - prints it.",
        ),
        click.option(
            "--id",
            "record_id",
            default=None,
            help="Id of the new record (default: from the model's name).",
        ),
        click.option(
            "--component-id",
            default=None,
            help="Id of the model component (default: from the model's name).",
        ),
        click.option(
            "--name", default=None, help="Name of the new record (default: the model's name)."
        ),
        click.option(
            "--stage",
            type=click.Choice([s.value for s in Stage]),
            default="idea",
            show_default=True,
            help="Lifecycle stage of a new record.",
        ),
        today_option("Date for the record and for undated results (default: today)."),
        click.option(
            "--dry-run", is_flag=True, help="Show the report and what would change; write nothing."
        ),
        format_option(choices=TEXT_OR_JSON, help="Format of the report."),
        root_option,
        color_option,
    ]
    for decorator in reversed(decorators):
        f = decorator(f)
    return f


@click.group(short_help="Import a Hugging Face, Model Card Toolkit or Algoritmeregister card.")
def command() -> None:
    """Bring existing model documentation into a record.

    Fields with a home in the record are mapped; everything else is kept verbatim in the
    component's `metadata`, and a report lists where every part of the card went.

    \b
    Examples:
      aigov import hf README.md
      aigov import hf README.md --into support-copilot
      aigov import mct model_card.json -o systems/cats-vs-dogs.yaml
      aigov import algoritmeregister entry.json
    """


@command.command("hf", short_help="Import a Hugging Face model card (README.md).")
@_options
@click.option(
    "--hf-repo",
    metavar="OWNER/NAME",
    default=None,
    help="The Hub repository the card is published in: recorded as the source's id and URL "
    "(https://huggingface.co/OWNER/NAME). Never guessed when not given.",
)
def hf(**kwargs: Any) -> None:
    """Import a Hugging Face model card: README.md with YAML metadata (license, datasets,
    base_model, tags, language, pipeline_tag, model-index…) and Markdown sections."""
    _run(import_hf, **kwargs)


@command.command("mct", short_help="Import a Google Model Card Toolkit JSON card.")
@_options
def mct(**kwargs: Any) -> None:
    """Import a Google Model Card Toolkit card (JSON, schema v0.0.1 or v0.0.2). Embedded charts
    are saved as image files under evidence/<record-id>/."""
    _run(import_mct, **kwargs)


@command.command(
    "algoritmeregister",
    short_help="Import a Dutch Algoritmeregister entry (JSON, standard 0.x or 1.0).",
)
@_options
def algoritmeregister(**kwargs: Any) -> None:
    """Import an entry of the Dutch Algoritmeregister: JSON of publication standard 1.0 (the
    register's field names, or those of the standard's schema.json) or of 0.1 to 0.4. Fields
    the record has no home for are kept verbatim in the model component's
    `metadata.algoritmeregister`, where `aigov export algoritmeregister` reads them back."""
    if kwargs.get("into"):
        raise click.UsageError(
            "an Algoritmeregister entry describes a whole system; import it as a new record "
            "(without --into) and merge by hand what you need"
        )
    _run(import_algoritmeregister, **kwargs)


def _run(
    importer: Importer,
    *,
    card: Path,
    into: str | None,
    output: Path | None,
    record_id: str | None,
    component_id: str | None,
    name: str | None,
    stage: str,
    today: dt.date | None,
    dry_run: bool,
    fmt: str,
    root: Path | None,
    color: bool | None,
    hf_repo: str | None = None,
) -> None:
    colour = use_color(color)
    repo = resolve_root(root)
    if into and output:
        raise click.UsageError(
            "--into adds to an existing record; -o names a new one. Use one of them."
        )
    for label, value in (("--id", record_id), ("--component-id", component_id)):
        if value and not is_slug(value):
            raise click.UsageError(f"{label} '{value}' must be a slug, e.g. support-copilot")
    request = ImportRequest(
        card=card,
        today=today or dt.date.today(),
        into=into,
        output=output,
        record_id=record_id,
        component_id=component_id,
        name=name,
        stage=Stage(stage),
        dry_run=dry_run,
        hf_repo=hf_repo,
    )
    outcome = run_import(importer, request, repo)  # an ApplyError is printed by the CLI
    if outcome.printed:
        click.echo(outcome.printed, nl=False)
    _report(outcome, fmt, colour, err=bool(outcome.printed))


def _report(outcome: ImportOutcome, fmt: str, colour: bool, err: bool = False) -> None:
    report, headline, written = outcome.report, outcome.headline, outcome.written
    dry_run, preview = outcome.dry_run, outcome.preview
    if fmt == "json":
        data = report.to_dict()
        data["result"] = headline
        data["attachments"] = written
        data["dry_run"] = dry_run
        click.echo(json.dumps(data, indent=2, ensure_ascii=False), err=err)
        return
    out: list[str] = []
    title = ("Dry run — nothing written. Would have: " if dry_run else "") + headline
    out.append(click.style(title, bold=True) if colour else title)
    out.append(f"Source: {report.source} ({report.fmt})")

    def block(heading: str, rows: list[Any], explain: str = "") -> None:
        if not rows:
            return
        out.append("")
        out.append(f"{heading} ({len(rows)}){': ' + explain if explain else ''}")
        width = min(44, max(len(r.source) for r in rows) + 2)
        for r in rows:
            target = r.target or "—"
            note = f"  ({r.note})" if r.note else ""
            out.append(f"  {r.source:<{width}} → {target}{note}")

    block("Mapped to record fields", report.mapped)
    block(
        "Kept verbatim in the component's metadata",
        report.kept,
        "the record model has no field for these",
    )
    block("Not imported", report.empty, "they carried no information")
    if written:
        out.append("")
        out.append(f"Saved {len(written)} embedded image(s): " + ", ".join(written))
    if report.notes:
        out.append("")
        out += [f"Note: {n}" for n in report.notes]
    if preview:
        out.append("")
        out.append(preview.rstrip("\n"))
    click.echo("\n".join(out), color=colour, err=err)
