"""`aigov new`: gather answers (questionnaire, answers file, flags), write the new record, and
say what its next gate still needs. Nothing here prints."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aigov import SCHEMA_VERSION
from aigov.answers import UNKNOWN
from aigov.authoring import keepable
from aigov.authoring.atomic import TargetExists, write_atomic
from aigov.authoring.questionnaire import (
    Kind,
    all_sections,
    expand_dotted,
    merge,
    next_gate,
    set_path,
)
from aigov.authoring.skeleton import render_record
from aigov.diagnostics import Diagnostic
from aigov.errors import AigovError
from aigov.i18n import N_, _
from aigov.model import Stage, is_slug
from aigov.paths import SCHEMA_FILE, display_path
from aigov.project import FOLDER_RECORD, LoadedRecord, discover, process_file
from aigov.validate import validate_document
from aigov.yamlload import Document, LoadError, decode, load_file, load_text


class NewError(AigovError):
    """The record cannot be created; `diagnostics` (if any) say where and why (exit 1 when
    there are some, 2 otherwise)."""

    def __init__(self, message: str, diagnostics: list[Diagnostic] | None = None, hint: str = ""):
        super().__init__(message, diagnostics=diagnostics or [], hint=hint)


@dataclass
class NewRecord:
    path: Path
    text: str
    loaded: LoadedRecord
    gate: Stage
    answered: int
    open_fields: int
    notes: list[str] = field(default_factory=list)


def record_path(root: Path, record_id: str) -> Path:
    return root / "systems" / f"{record_id}.yaml"


def check_new_id(root: Path, record_id: str) -> Path:
    """Where the record goes; NewError if the id is not a slug or is already taken."""
    if not is_slug(record_id):
        raise NewError(
            _("'{id}' is not a valid record id").format(id=record_id),
            hint=_(
                "Use lowercase letters, digits and hyphens, starting and ending with a letter or "
                "digit, e.g. support-copilot."
            ),
        )
    systems = root / "systems"
    for candidate in (
        systems / f"{record_id}.yaml",
        systems / f"{record_id}.yml",
        systems / record_id / FOLDER_RECORD,
    ):
        if candidate.exists() or candidate.is_symlink():
            raise NewError(
                _(_EXISTS).format(file=display_path(candidate)),
                hint=_("Edit that file, or choose another id."),
            )
    if systems.is_dir():
        files, _skipped = discover([systems], root)
        for path in files:
            loaded = process_file(path)
            if loaded.record is not None and loaded.record.id == record_id:
                raise NewError(
                    _("{file} already uses the id '{id}'").format(file=loaded.path, id=record_id),
                    hint=_("Every system needs its own id; choose another."),
                )
    return record_path(root, record_id)


def default_name(record_id: str) -> str:
    return record_id.replace("-", " ").capitalize()


def base_data(record_id: str, stage: Stage, today: dt.date) -> dict[str, Any]:
    """What every new record holds; no date she did not give (the questionnaire offers one)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "id": record_id,
        "lifecycle": {"stage": stage.value},
    }


def read_answers(path: Path) -> tuple[dict[str, Any], Document]:
    """An answers file: a YAML mapping shaped like (part of) a record; dotted keys allowed."""
    refused = _unkeepable_characters(path)  # first: YAML would misread a raw NEL as a break
    if refused:
        raise NewError(_(_UNKEEPABLE).format(file=display_path(path)), refused)
    doc, diags = load_file(path, display_path(path))
    if doc is None:
        raise NewError(
            _("cannot read the answers file {file}").format(file=display_path(path)), diags
        )
    if not isinstance(doc.data, dict):  # pragma: no cover - the loader refuses other tops
        raise NewError(
            _("{file} must be a mapping of record fields").format(file=display_path(path))
        )
    refused = keepable.in_values(doc)  # an escape such as "\N" or "\uFFFE" in double quotes
    if refused:
        raise NewError(_(_UNKEEPABLE).format(file=display_path(path)), refused)
    return expand_dotted(doc.data), doc


_UNKEEPABLE = N_(
    "the answers file {file} holds text a record cannot keep as written; nothing was written"
)
_EXISTS = N_("{file} already exists; aigov new never overwrites a record")


def _unkeepable_characters(path: Path) -> list[Diagnostic]:
    """What the written record could not keep as written, where it stands in the file: NEL
    and the line separators were folded into a space (YAML reads them as line breaks), an
    escaped U+FFFE made the new record unreadable. [] when the file cannot be read or decoded
    (the loader then says why)."""
    try:
        text = decode(path.read_bytes())
    except (OSError, LoadError):
        return []
    return keepable.in_text(text, display_path(path))


def parse_setting(text: str) -> tuple[str, Any]:
    """`--set FIELD=VALUE`: VALUE is read as YAML (`[a, b]`, `true`, `2026-03-31`, text)."""
    if "=" not in text:
        raise NewError(
            _("--set {text} needs the form FIELD=VALUE, e.g. use_case.autonomy=copilot").format(
                text=repr(text)
            )
        )
    key, raw = text.split("=", 1)
    key = key.strip()
    try:
        value = load_text(f"value: {raw.strip()}\n", "--set").data["value"] if raw.strip() else None
    except (LoadError, TypeError):
        value = raw.strip()
    return key, value


def assemble(
    record_id: str,
    *,
    stage: Stage,
    today: dt.date,
    kind: Kind | None = None,
    answers: dict[str, Any] | None = None,
    settings: dict[str, Any] | None = None,
    with_kind_record: bool = True,
) -> dict[str, Any]:
    """Base fields < the kind's record values < the answers file < flags.

    with_kind_record=False (the questionnaire will run): the kind's values for fields the
    questionnaire asks are offered as defaults instead of written; the others are written."""
    data = base_data(record_id, stage, today)
    if kind is not None:
        asked = {q.path for s in all_sections() for q in s.questions}
        values = kind.record if with_kind_record else _without(kind.record, asked)
        data = merge(data, values)
    if answers:
        data = merge(data, answers)
    for key, value in (settings or {}).items():
        set_path(data, key, value)
    data["schema_version"] = SCHEMA_VERSION
    data["id"] = record_id
    return data


def _without(data: dict[str, Any], paths: set[str], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        path = f"{prefix}.{key}" if prefix else key
        if path in paths:
            continue
        if isinstance(value, dict):
            inner = _without(value, paths, path)
            if inner:
                out[key] = inner
        else:
            out[key] = value
    return out


def validate_data(
    data: dict[str, Any], display: str, doc: Document | None = None
) -> list[Diagnostic]:
    """Validate record data; positions point into `doc` (e.g. the answers file) when given."""
    target = Document(display, data, doc.root if doc is not None else None)
    _, _, diags = validate_document(target)
    return [d for d in diags if d.severity.value == "error"]


def count_answers(data: Any) -> int:
    if isinstance(data, dict):
        if set(data) == {"not_applicable"}:
            return 1
        return sum(count_answers(v) for v in data.values())
    if isinstance(data, list):
        return 1
    return 1


def create(
    root: Path,
    data: dict[str, Any],
    *,
    today: dt.date,
    tips: dict[str, str] | None = None,
    owners: dict[str, str] | None = None,
    examples: dict[str, str] | None = None,
) -> NewRecord:
    """Write `data` as systems/<id>.yaml (never overwriting) and load it back.

    `owners` marks placeholders with who answers them ("for legal"); `examples` (the kind's)
    replace the model's examples in the placeholders."""
    record_id = str(data["id"])
    path = check_new_id(root, record_id)
    lifecycle = data.get("lifecycle")
    stage = (
        Stage(str(lifecycle.get("stage", "idea"))) if isinstance(lifecycle, dict) else Stage.IDEA
    )
    gate = next_gate(stage)
    schema_ref = Path(os.path.relpath(root / "schemas" / SCHEMA_FILE, path.parent)).as_posix()
    text = render_record(
        data,
        gate=gate.value,
        today=today,
        tips=tips,
        schema_ref=schema_ref,
        owners=owners,
        examples=examples,
    )
    shown = display_path(path)
    try:
        doc = load_text(text, shown)
    except LoadError as exc:  # pragma: no cover - the writer's output always parses
        raise NewError(f"internal error: the new record does not parse ({exc.message})") from None
    record, _answers, diags = validate_document(doc)
    if record is None or any(d.severity.value == "error" for d in diags):
        raise NewError(_("the answers do not make a valid record; nothing was written"), diags)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        write_atomic(path, text, overwrite=False)
    except TargetExists:
        raise NewError(_(_EXISTS).format(file=shown)) from None
    loaded = process_file(path, keep_doc=True)
    answered = count_answers({k: v for k, v in data.items() if k not in ("schema_version", "id")})
    open_fields = sum(
        1 for line in text.splitlines() if line.lstrip().startswith("# ") and ":  # " in line
    )
    notes = []
    if not (root / "schemas" / SCHEMA_FILE).exists():
        notes.append(
            _(
                "{schema} does not exist yet, so editors cannot complete fields; `aigov init` (or "
                "`aigov schema > schemas/aigov-record.schema.json`) adds it."
            ).format(schema=schema_ref)
        )
    return NewRecord(path, text, loaded, gate, answered, open_fields, notes)


def checklist(
    loaded: LoadedRecord, gate: Stage, root: Path, today: dt.date
) -> tuple[list[Any] | None, str]:
    """The gate checklist for the new record, or (None, why) when the checks are unavailable."""
    try:
        from aigov.checks import CheckOptions, gate_checklist
        from aigov.checks.policy import PolicyError, load_policy
    except Exception as exc:  # pragma: no cover - depends on the installation
        return None, f"the governance checks are not available ({exc})"
    try:
        policy = load_policy(root)
    except PolicyError as exc:
        return None, _("aigov.yaml has problems ({error}); run `aigov check` for details").format(
            error=exc
        )
    return gate_checklist(loaded, gate, CheckOptions(today=today, policy=policy, root=root)), ""


__all__ = ["UNKNOWN", "NewError", "NewRecord", "assemble", "check_new_id", "checklist", "create"]
