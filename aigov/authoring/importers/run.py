"""One import, start to end: read the card, put it into the repository, say what happened.

`run_import` is what `aigov import hf|mct` does between parsing its options and printing: it
either adds the model to an existing record (`into`) or makes a new record (written to
`output`, systems/<id>.yaml by default, or returned for printing when `output` is "-"). It
raises ApplyError (an AigovError) when the card cannot be read, the result would not validate
or a file cannot be written; it never prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

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
from aigov.authoring.importers.hf import with_hub_repo
from aigov.model import Stage, is_slug
from aigov.paths import display_path
from aigov.project import expected_id

Importer = Callable[..., Imported]


@dataclass(frozen=True)
class ImportRequest:
    """What to import and where to put it (the options of `aigov import`)."""

    card: Path
    today: dt.date
    into: str | None = None  # an existing record (id or path) to add the model to
    output: Path | None = None  # the new record's file; Path("-"): print it
    record_id: str | None = None
    component_id: str | None = None
    name: str | None = None
    stage: Stage = Stage.IDEA
    dry_run: bool = False
    hf_repo: str | None = None  # the Hub repository the card is published in (`import hf`)


@dataclass
class ImportOutcome:
    """What happened: the report, a headline, the attachments written and what to show."""

    report: ImportReport
    headline: str
    written: list[str] = field(default_factory=list)
    dry_run: bool = False
    preview: str = ""  # the record text a dry run would have written
    printed: str = ""  # the new record, when it goes to standard output (the report then
    # goes to standard error)


def run_import(importer: Importer, request: ImportRequest, root: Path) -> ImportOutcome:
    """Import `request.card` with `importer` into the repository at `root`."""
    imported = read_card(importer, request)
    try:
        if request.into:
            return _add_to_record(imported, request, root)
        return _new_record(imported, request, root)
    except OSError as exc:
        raise ApplyError(
            f"cannot write: {exc.strerror or exc}", hint="Check the folder's permissions."
        ) from None


def read_card(importer: Importer, request: ImportRequest) -> Imported:
    """The card, mapped; the component renamed when `component_id` says so."""
    shown_card = display_path(request.card)
    try:
        imported = importer(request.card, today=request.today, display=shown_card)
    except CardError as exc:
        where = f"{shown_card}:{exc.line}:{exc.column}" if exc.line else shown_card
        raise ApplyError(f"{where}: {exc.message}", hint=exc.hint) from None
    if request.component_id:
        rename_component(imported, request.component_id)
    if request.hf_repo:
        try:
            with_hub_repo(imported, request.hf_repo)
        except CardError as exc:
            raise ApplyError(exc.message, hint=exc.hint) from None
    return imported


def rename_component(imported: Imported, new_id: str) -> None:
    old = imported.component["id"]
    imported.component["id"] = new_id
    for result in imported.results:
        if result.get("component") == old:
            result["component"] = new_id


def _refuse_invalid(text: str, shown: str, message: str) -> None:
    problems = validate_text(text, shown)
    if problems:
        raise ApplyError(message, problems)


def _add_to_record(imported: Imported, request: ImportRequest, root: Path) -> ImportOutcome:
    assert request.into is not None
    path = find_record(root, request.into)
    rid = path.parent.name if path.name == "system.yaml" else path.stem
    place_attachments(imported, f"evidence/{rid}")
    if imported.record.get("source_document"):
        imported.report.notes.append(
            "The card's source block (source_document) was not written: in an existing record "
            "it describes the whole system, and --into adds only the model. Copy it by hand if "
            "the record was written from this card."
        )
    original, text = merge_into(path, imported, component_id=request.component_id)
    shown = display_path(path)
    check_added(original, text, shown)
    _refuse_invalid(
        text, shown, f"the record would not validate after the import; {shown} was not changed"
    )
    written: list[str] = []
    if not request.dry_run:
        written = write_attachments(root, imported.attachments)
        write_atomic(path, text)
    return ImportOutcome(
        imported.report,
        f"Added model '{imported.component['id']}' to {shown}",
        written,
        request.dry_run,
        text if request.dry_run else "",
    )


def new_record_id(imported: Imported, request: ImportRequest) -> str:
    """--id, else the output file's name when it is a slug, else the component's id."""
    output = request.output
    named = expected_id(output) if output is not None and str(output) != "-" else None
    return (
        request.record_id
        or (named if named and is_slug(named) else None)
        or imported.component["id"]
    )


def _new_record(imported: Imported, request: ImportRequest, root: Path) -> ImportOutcome:
    rid = new_record_id(imported, request)
    target = request.output if request.output is not None else root / "systems" / f"{rid}.yaml"
    to_stdout = str(target) == "-"
    if to_stdout:
        inline_attachments(imported)
        target = root / "systems" / f"{rid}.yaml"
    else:
        place_attachments(imported, f"evidence/{rid}")
    data = new_record_data(
        imported, record_id=rid, stage=request.stage, today=request.today, name=request.name
    )
    text = render_new(data, target, root, request.today)
    shown = "-" if to_stdout else display_path(target)
    _refuse_invalid(
        text, shown, "the imported card does not make a valid record; nothing was written"
    )
    shown_card = display_path(request.card)
    if to_stdout:
        return ImportOutcome(imported.report, f"Record '{rid}' from {shown_card}", printed=text)
    written: list[str] = []
    if not request.dry_run:
        write_new(root, target, text)
        written = write_attachments(root, imported.attachments)
    return ImportOutcome(
        imported.report,
        f"Created {shown} from {shown_card}",
        written,
        request.dry_run,
        text if request.dry_run else "",
    )
