"""Putting an imported card into the governance repository: a new record, or a model component
added to an existing record (ruamel.yaml round-trip, so the record's comments are kept)."""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from aigov import SCHEMA_VERSION
from aigov.answers import NOT_APPLICABLE, UNKNOWN, split_answers
from aigov.authoring.atomic import TargetExists, write_atomic
from aigov.authoring.fields import field_doc
from aigov.authoring.fmt import FormatError, format_text
from aigov.authoring.importers import Attachment, Imported, ReportLine
from aigov.authoring.recorddata import merge, slug
from aigov.authoring.roundtrip import RoundTrip
from aigov.authoring.skeleton import canonical, render_record
from aigov.diagnostics import Diagnostic
from aigov.errors import AigovError
from aigov.model import (
    ComponentSource,
    DataSource,
    EvalResult,
    ModelComponent,
    Stage,
)
from aigov.paths import SCHEMA_FILE, display_path
from aigov.validate import validate_document
from aigov.yamlload import LoadError, load_text


class ApplyError(AigovError):
    """The import cannot be done: `message`, the `diagnostics` behind it (exit 1 when there
    are some: the result would not validate), a `hint`."""

    def __init__(self, message: str, diagnostics: list[Diagnostic] | None = None, hint: str = ""):
        super().__init__(message, diagnostics=diagnostics or [], hint=hint)


@dataclass
class Applied:
    path: Path | None  # None: printed, not written
    text: str
    created: bool  # a new record (False: added to an existing one)
    component_id: str
    attachments: list[str] = field(default_factory=list)  # repo-relative paths written


def detect_format(path: Path) -> str:
    """'mct' for a JSON card, 'hf' for a Markdown card."""
    return "mct" if path.suffix.lower() == ".json" else "hf"


def find_record(root: Path, system: str) -> Path:
    """A record given by id or by path."""
    from aigov.locate import NotFound, locate

    try:
        return locate(system, root)
    except NotFound as exc:
        raise ApplyError(
            str(exc),
            hint="Give the record's id (systems/<id>.yaml) or its path; `aigov import` without "
            "--into creates a new record instead.",
        ) from None


# --- the component --------------------------------------------------------------------------


def _source_guess(component: dict[str, Any]) -> None:
    """A card published with a base model was fine-tuned from it."""
    if "source" not in component and component.get("base_model"):
        component["source"] = ComponentSource.FINE_TUNED.value


def _check_pieces(imported: Imported) -> None:
    """Every imported piece must fit the model on its own: catch mapping bugs early."""
    ModelComponent.model_validate(split_answers(imported.component)[0])
    for result in imported.results:
        EvalResult.model_validate(split_answers(result)[0])  # `date: unknown` is an answer
    for source in imported.sources:
        DataSource.model_validate(split_answers(source)[0])


# --- attachments ----------------------------------------------------------------------------


def place_attachments(imported: Imported, folder: str) -> list[str]:
    return [a.place(folder) for a in imported.attachments]


def inline_attachments(imported: Imported) -> None:
    """When nothing is written to disk, the images stay in the metadata as base64."""
    for a in imported.attachments:
        if a.ref is not None:
            a.ref.pop("file", None)
            a.ref["image"] = base64.b64encode(a.content).decode("ascii")
    if imported.attachments:
        imported.report.notes.append(
            f"{len(imported.attachments)} embedded image(s) stay in the metadata as base64 because "
            "the record is printed, not written."
        )
    imported.attachments = []


def write_attachments(root: Path, attachments: list[Attachment]) -> list[str]:
    written = []
    for a in attachments:
        rel = a.ref.get("file") if a.ref else None
        if not rel:
            continue
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            write_atomic(target, a.content, overwrite=False)
        except TargetExists:
            if target.read_bytes() != a.content:
                stem, suffix = target.stem, target.suffix
                n = 2
                while (target.parent / f"{stem}-{n}{suffix}").exists():
                    n += 1
                target = target.parent / f"{stem}-{n}{suffix}"
                write_atomic(target, a.content, overwrite=False)
                rel = str(Path(rel).parent / target.name)
                if a.ref is not None:
                    a.ref["file"] = rel
        written.append(rel)
    return written


# --- a new record ---------------------------------------------------------------------------


def new_record_data(
    imported: Imported, *, record_id: str, stage: Stage, today: dt.date, name: str | None = None
) -> dict[str, Any]:
    _source_guess(imported.component)
    _check_pieces(imported)
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "id": record_id,
        "name": name or imported.record.get("name") or record_id,
        # the card does not say since when the system is at this stage: unknown, not today
        "lifecycle": {"stage": stage.value, "stage_since": "unknown"},
    }
    extra = {k: v for k, v in imported.record.items() if k != "name"}
    data = merge(data, extra)
    data["approach"] = {"components": [imported.component]}
    if imported.sources:
        data["data"] = {"sources": imported.sources}
    if imported.results:
        data["evaluations"] = {"results": imported.results}
    for key in sorted(extra):
        imported.report.mapped.append(ReportLine(f"(card) {key}", key, "used for the new record"))
    imported.report.notes.append(
        "lifecycle.stage_since is written as `unknown`: the card does not say since when the "
        "system is at its stage (it is not the day of the import)."
    )
    return data


def render_new(data: dict[str, Any], path: Path, root: Path, today: dt.date) -> str:
    schema_ref = Path(
        os.path.relpath(root / "schemas" / SCHEMA_FILE, path.resolve().parent)
    ).as_posix()
    from aigov.authoring.questionnaire import next_gate

    stage = Stage(data["lifecycle"]["stage"])
    return render_record(
        data, gate=next_gate(stage).value, today=today, schema_ref=schema_ref, origin="aigov import"
    )


def validate_text(text: str, shown: str) -> list[Diagnostic]:
    try:
        doc = load_text(text, shown)
    except LoadError as exc:  # pragma: no cover - our own output always parses
        return [Diagnostic(shown, exc.line, exc.column, exc.code, exc.message, hint=exc.hint)]
    record, _, diags = validate_document(doc)
    if record is None:
        return diags
    return [d for d in diags if d.severity.value == "error"]


def write_new(root: Path, path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        write_atomic(path, text, overwrite=False)
    except TargetExists:
        raise ApplyError(
            f"{display_path(path)} already exists; aigov import never overwrites a record",
            hint="Use --into to add the model to that record, or -o for another file.",
        ) from None


# --- into an existing record (ruamel round-trip) ------------------------------------------------


def _to_ruamel(value: Any, path: str) -> Any:
    """Plain data → ruamel nodes in canonical key order; multi-line text as `|` blocks."""
    doc = field_doc(path) if path else None
    model = doc.model if doc is not None else None
    if isinstance(value, dict):
        ordered = canonical(value, model) if model is not None else value
        out = CommentedMap()
        for key, item in ordered.items():
            out[key] = _to_ruamel(item, f"{path}.{key}" if model is not None else "")
        return out
    if isinstance(value, list):
        seq = CommentedSeq()
        for item in value:
            seq.append(_to_ruamel(item, path))
        return seq
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value.rstrip(" ") if value.endswith(" ") else value)
    return value


def _section(root_map: Any, key: str, what: str, notes: list[str] | None = None) -> Any:
    current = root_map.get(key)
    if current is None or current == UNKNOWN:
        if current == UNKNOWN and notes is not None:
            notes.append(f"'{key}' was `unknown` in the record; it now holds {what}.")
        new = CommentedMap()
        if key in root_map:
            root_map[key] = new
        else:
            _insert_canonical(root_map, key, new)
        return new
    if isinstance(current, dict) and set(current) == {NOT_APPLICABLE}:
        raise ApplyError(
            f"the record says {key} does not apply ({current[NOT_APPLICABLE]!r}), so it cannot take {what}",
            hint=f"Remove `{key}: {{not_applicable: ...}}` from the record first.",
        )
    if not isinstance(current, dict):
        raise ApplyError(f"'{key}' in the record is not a mapping, so it cannot take {what}")
    return current


def _list(owner: Any, key: str, what: str) -> Any:
    current = owner.get(key)
    if current is None or current == UNKNOWN:
        seq = CommentedSeq()
        if key in owner:
            owner[key] = seq
        else:
            owner[key] = seq
        return seq
    if isinstance(current, dict) and set(current) == {NOT_APPLICABLE}:
        raise ApplyError(f"the record marks '{key}' as not applicable, so it cannot take {what}")
    if not isinstance(current, list):
        raise ApplyError(f"'{key}' in the record is not a list, so it cannot take {what}")
    return current


def _insert_canonical(mapping: CommentedMap, key: str, value: Any) -> None:
    from aigov.model import Record

    order = list(Record.model_fields)
    position = len(mapping)
    if key in order:
        later = [
            i for i, k in enumerate(mapping) if k in order and order.index(k) > order.index(key)
        ]
        if later:
            position = later[0]
    mapping.insert(position, key, value)


def _comments(text: str) -> Counter[str]:
    return Counter(line.strip() for line in text.split("\n") if line.lstrip().startswith("#"))


def merge_into(
    path: Path, imported: Imported, *, component_id: str | None = None
) -> tuple[str, str]:
    """The record's new text with the component (and its results and sources) added."""
    _source_guess(imported.component)
    original = path.read_text("utf-8")
    try:
        edit = RoundTrip(original)
    except Exception as exc:  # ruamel raises many kinds; the record must load first
        raise ApplyError(
            f"{display_path(path)} cannot be read as YAML ({type(exc).__name__}); fix it first",
            hint="`aigov validate` shows where.",
        ) from None
    data = edit.data
    if not isinstance(data, dict):
        raise ApplyError(f"{display_path(path)} is not a record (its top level is not a mapping)")
    component = dict(imported.component)
    notes = imported.report.notes
    approach = _section(data, "approach", "a model component", notes)
    components = _list(approach, "components", "a model component")
    taken = {c.get("id") for c in components if isinstance(c, dict)}
    wanted = component_id or component["id"]
    if wanted in taken:
        raise ApplyError(
            f"the record already has a component '{wanted}'",
            hint="Give the imported model another id with --component-id, or edit the existing component.",
        )
    component["id"] = wanted
    for result in imported.results:
        result["component"] = wanted
    _check_pieces(Imported(component, imported.results, imported.sources))
    components.append(_to_ruamel(component, "approach.components"))
    if imported.sources:
        data_section = _section(data, "data", "data sources", notes)
        sources = _list(data_section, "sources", "data sources")
        known: dict[str, Any] = {str(s.get("id")): s for s in sources if isinstance(s, dict)}
        renames: dict[str, str] = {}
        for source in imported.sources:
            sid = source["id"]
            if sid in known and known[sid].get("name") == source.get("name"):
                continue  # the same data source is already listed
            if sid in known:
                new_id = slug(sid, set(known))
                renames[sid] = new_id
                source = {**source, "id": new_id}
            sources.append(_to_ruamel(source, "data.sources"))
            known[source["id"]] = source
        for field_name in ("training_data", "evaluation_data"):
            ids = component.get(field_name)
            if ids and renames:
                components[-1][field_name] = CommentedSeq(renames.get(i, i) for i in ids)
    if imported.results:
        evaluations = _section(data, "evaluations", "evaluation results", notes)
        results = _list(evaluations, "results", "evaluation results")
        for result in imported.results:
            results.append(_to_ruamel(result, "evaluations.results"))
    text = edit.dump()
    # ruamel keeps comments but not always their indentation: put it in canonical layout
    with contextlib.suppress(FormatError, LoadError):
        text = format_text(text, display=display_path(path))
    if _comments(original) - _comments(text):
        raise ApplyError(  # pragma: no cover - a ruamel regression; never write a lossy file
            f"adding the component would lose comments in {display_path(path)}; nothing was written"
        )
    return original, text


def check_added(original: str, text: str, shown: str) -> None:
    """The new text holds the old data unchanged, plus the additions."""
    try:
        before = load_text(original, shown).data
        after = load_text(text, shown).data
    except LoadError as exc:  # pragma: no cover
        raise ApplyError(
            f"the updated record does not parse ({exc.message}); nothing was written"
        ) from None
    for key, value in before.items():
        if key in ("approach", "data", "evaluations"):
            continue
        if after.get(key) != value:  # pragma: no cover - guards against a ruamel surprise
            raise ApplyError(f"updating the record would change '{key}'; nothing was written")
