from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from aigov.authoring.atomic import write_atomic
from aigov.authoring.importers import CardError, Imported, ImportReport
from aigov.authoring.importers.apply import (
    ApplyError,
    check_added,
    find_record,
    inline_attachments,
    merge_into,
    new_record_data,
    place_attachments,
    render_new,
    validate_text,
    write_attachments,
    write_new,
)
from aigov.authoring.importers.hf import import_hf
from aigov.authoring.importers.mct import import_mct
from aigov.cli.common import (
    color_option,
    emit,
    resolve_root,
    root_option,
    today_option,
    use_color,
)
from aigov.diagnostics import Diagnostic
from aigov.formats import ReportContext
from aigov.model import Stage, is_slug
from aigov.paths import display_path
from aigov.project import expected_id

Importer = Callable[..., Imported]


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
        click.option(
            "--format",
            "-f",
            "fmt",
            type=click.Choice(["text", "json"]),
            default="text",
            show_default=True,
            help="Format of the report.",
        ),
        root_option,
        color_option,
    ]
    for decorator in reversed(decorators):
        f = decorator(f)
    return f


@click.group(short_help="Import a Hugging Face or Model Card Toolkit card.")
def command() -> None:
    """Bring existing model documentation into a record.

    Fields with a home in the record are mapped; everything else is kept verbatim in the
    component's `metadata`, and a report lists where every part of the card went.

    \b
    Examples:
      aigov import hf README.md
      aigov import hf README.md --into support-copilot
      aigov import mct model_card.json -o systems/cats-vs-dogs.yaml
    """


@command.command("hf", short_help="Import a Hugging Face model card (README.md).")
@_options
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


def _fail(
    message: str, hint: str = "", diagnostics: list[Diagnostic] | None = None, colour: bool = False
) -> None:
    if diagnostics:
        emit(diagnostics, "text", ReportContext("import", [], colour))
    click.echo(f"aigov import: {message}", err=True)
    if hint:
        click.echo(f"  {hint}", err=True)
    raise SystemExit(1 if diagnostics else 2)


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
) -> None:
    colour = use_color(color)
    repo = resolve_root(root)
    day = today or dt.date.today()
    shown_card = display_path(card)
    if into and output:
        raise click.UsageError(
            "--into adds to an existing record; -o names a new one. Use one of them."
        )
    for label, value in (("--id", record_id), ("--component-id", component_id)):
        if value and not is_slug(value):
            raise click.UsageError(f"{label} '{value}' must be a slug, e.g. support-copilot")
    try:
        imported = importer(card, today=day, display=shown_card)
    except CardError as exc:
        where = f"{shown_card}:{exc.line}:{exc.column}" if exc.line else shown_card
        _fail(f"{where}: {exc.message}", exc.hint)
        return
    if component_id:
        old = imported.component["id"]
        imported.component["id"] = component_id
        for result in imported.results:
            if result.get("component") == old:
                result["component"] = component_id
    try:
        if into:
            path = find_record(repo, into)
            rid = path.parent.name if path.name == "system.yaml" else path.stem
            folder = f"evidence/{rid}"
            place_attachments(imported, folder)
            original, text = merge_into(path, imported, component_id=component_id)
            shown = display_path(path)
            check_added(original, text, shown)
            problems = validate_text(text, shown)
            if problems:
                _fail(
                    f"the record would not validate after the import; {shown} was not changed",
                    diagnostics=problems,
                    colour=colour,
                )
            written: list[str] = []
            if not dry_run:
                written = write_attachments(repo, imported.attachments)
                write_atomic(path, text)
            _report(
                imported.report,
                fmt,
                colour,
                f"Added model '{imported.component['id']}' to {shown}",
                written,
                dry_run,
                text if dry_run else "",
            )
            return
        named = expected_id(output) if output is not None and str(output) != "-" else None
        rid = record_id or (named if named and is_slug(named) else None) or imported.component["id"]
        target = output if output is not None else repo / "systems" / f"{rid}.yaml"
        to_stdout = str(target) == "-"
        if to_stdout:
            inline_attachments(imported)
            target = repo / "systems" / f"{rid}.yaml"
        else:
            place_attachments(imported, f"evidence/{rid}")
        data = new_record_data(imported, record_id=rid, stage=Stage(stage), today=day, name=name)
        text = render_new(data, target, repo, day)
        shown = "-" if to_stdout else display_path(target)
        problems = validate_text(text, shown)
        if problems:
            _fail(
                "the imported card does not make a valid record; nothing was written",
                diagnostics=problems,
                colour=colour,
            )
        if to_stdout:
            click.echo(text, nl=False)
            _report(
                imported.report,
                fmt,
                colour,
                f"Record '{rid}' from {shown_card}",
                [],
                False,
                "",
                err=True,
            )
            return
        written = []
        if not dry_run:
            write_new(repo, target, text)
            written = write_attachments(repo, imported.attachments)
        _report(
            imported.report,
            fmt,
            colour,
            f"Created {shown} from {shown_card}",
            written,
            dry_run,
            text if dry_run else "",
        )
    except ApplyError as exc:
        _fail(exc.message, exc.hint, exc.diagnostics, colour)
    except OSError as exc:
        _fail(f"cannot write: {exc.strerror or exc}", "Check the folder's permissions.")


def _report(
    report: ImportReport,
    fmt: str,
    colour: bool,
    headline: str,
    written: list[str],
    dry_run: bool,
    preview: str,
    err: bool = False,
) -> None:
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
