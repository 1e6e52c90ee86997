"""What the export builders share: the items of the Act as data, a coverage item from an
item's record fields, and record values as plain text (labels for codes, ISO dates).

Nothing here formats for a medium; templates escape the text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from enum import Enum
from functools import cache
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel

from aigov.exports.document import (
    Coverage,
    CoverageItem,
    EvidenceRef,
    Gap,
    Row,
    Rows,
)
from aigov.exports.inputs import ExportInputs, FieldState, combine, field_state
from aigov.fieldmodel.titles import field_title, value_label
from aigov.i18n import _
from aigov.model import Record

DOCUMENTS_FILE = "eu-ai-act-documents.yaml"


@cache
def documents() -> dict[str, Any]:
    """aigov/data/eu-ai-act-documents.yaml: the items of Annex IV, Art. 27, Annex VIII, IAMA."""
    text = resources.files("aigov.data").joinpath(DOCUMENTS_FILE).read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def act_source() -> str:
    return str(documents()["source"]["act"])


# --- values as text -------------------------------------------------------------------------


def text(value: Any, field: str | None = None) -> str:
    """A record value as plain text: codes by their label, dates as YYYY-MM-DD, lists joined."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, Enum):
        return value_label(value, field)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "; ".join(t for t in (text(v, field) for v in value) if t)
    if isinstance(value, BaseModel):  # a list item: by what people call it
        for name in ("name", "title", "id", "description"):
            found = getattr(value, name, None)
            if isinstance(found, str) and found:
                return found
        return ""
    return str(value)


def value_at(record: Record, path: str) -> Any:
    current: Any = record
    for step in path.split("."):
        if current is None:
            return None
        current = getattr(current, step, None)
    return current


def state_words(state: FieldState) -> str:
    """What a coverage status says about one field, in words."""
    name = field_title(state.path.rsplit(".", 1)[-1]) if state.path else _("the item")
    match state.status:
        case Coverage.UNKNOWN:
            return _("{field}: marked unknown in the record").format(field=name)
        case Coverage.NOT_APPLICABLE:
            return _("{field}: not applicable ({reason})").format(field=name, reason=state.reason)
        case Coverage.WITHHELD:
            return _("{field}: withheld from this edition").format(field=name)
        case Coverage.MISSING:
            return _("{field}: not in the record ({path})").format(field=name, path=state.path)
    return name


def row(inputs: ExportInputs, key: str, path: str, *, value: str | None = None) -> Row:
    """One key-value row for a record field: its value, or what stands in for it."""
    state = field_state(inputs, path)
    if state.status == Coverage.SUPPLIED:
        shown = (
            value
            if value is not None
            else text(value_at(inputs.record, path), path.rsplit(".", 1)[-1])
        )
        return Row(key, shown)
    if state.status == Coverage.NOT_APPLICABLE:
        return Row(key, state.reason, Coverage.NOT_APPLICABLE)
    if state.status == Coverage.MISSING:
        return Row(key, _("add {path}").format(path=path), Coverage.MISSING)
    return Row(key, "", state.status)


def rows(inputs: ExportInputs, pairs: Iterable[tuple[str, str]]) -> Rows:
    return Rows(tuple(row(inputs, key, path) for key, path in pairs))


def gap(states: Iterable[FieldState]) -> Gap | None:
    """A Gap block naming every field of an item the record does not supply; None when all
    are supplied."""
    open_ = [s for s in states if s.status != Coverage.SUPPLIED]
    if not open_:
        return None
    worst = min(
        open_,
        key=lambda s: [
            Coverage.MISSING,
            Coverage.WITHHELD,
            Coverage.UNKNOWN,
            Coverage.NOT_APPLICABLE,
        ].index(s.status),
    )
    return Gap(worst.status, "; ".join(state_words(s) for s in open_) + ".")


# --- coverage -------------------------------------------------------------------------------


def item_states(inputs: ExportInputs, spec: dict[str, Any]) -> list[FieldState]:
    """The states of an item's fields; an `optional` field only when the record gives it (its
    absence is an answer, not a gap)."""
    optional = set(spec.get("optional", []))
    states = [field_state(inputs, f) for f in spec.get("fields", [])]
    return [s for s in states if s.path not in optional or s.status == Coverage.SUPPLIED]


def coverage_item(
    inputs: ExportInputs,
    spec: dict[str, Any],
    *,
    override: FieldState | None = None,
    note: str = "",
) -> CoverageItem:
    """The coverage of one item from its record fields (data), or `override` when the builder
    knows better (an item that does not apply to this system, with why)."""
    states = item_states(inputs, spec)
    state = override or combine(states, all_of=bool(spec.get("all_of")))
    if state.status == Coverage.SUPPLIED and not override:
        missing = [s for s in states if s.status != Coverage.SUPPLIED]
        if missing:
            partly = _("partly: {fields}").format(fields="; ".join(state_words(s) for s in missing))
            note = f"{note}; {partly}" if note else partly
    if not note and state.status in (Coverage.MISSING, Coverage.UNKNOWN, Coverage.WITHHELD):
        note = "; ".join(state_words(s) for s in states if s.status != Coverage.SUPPLIED)
    return CoverageItem(
        item=str(spec["id"]),
        title=str(spec["title"]),
        status=state.status,
        fields=tuple(spec.get("fields", [])),
        note=note,
        reason=state.reason if state.status == Coverage.NOT_APPLICABLE else "",
    )


def not_applicable(reason: str, path: str = "") -> FieldState:
    return FieldState(path, Coverage.NOT_APPLICABLE, reason)


# --- what the record holds, gathered ----------------------------------------------------------


def controls_of(record: Record) -> Iterator[tuple[str, Any]]:
    """(NIST function, control) for every control of the record."""
    if record.controls is None:
        return
    for function in ("govern", "map", "measure", "manage"):
        for control in getattr(record.controls, function, []) or []:
            yield function, control


def evidence_refs(record: Record) -> list[EvidenceRef]:
    """Every evidence file or link the record cites, with the field that cites it."""
    out: list[EvidenceRef] = []

    def add(items: Iterable[Any], cited_by: str) -> None:
        for e in items or []:
            where = e.path or e.url or ""
            date = text(getattr(e, "date", None))
            out.append(EvidenceRef(e.title, where, date, cited_by))

    for function, control in controls_of(record):
        add(control.evidence, f"controls.{function}.{control.id}")
    if record.evaluations is not None:
        for r in record.evaluations.results:
            add(r.evidence, f"evaluations.results ({r.metric}, {r.date_text})")
    if record.operations is not None:
        for incident in record.operations.incidents:
            add(incident.evidence, f"operations.incidents.{incident.id}")
    for s in record.signoffs:
        add(s.evidence, f"signoffs ({s.reviewer}, {s.date.isoformat()})")
    return out


def metrics_of(record: Record) -> list[tuple[str, Any]]:
    """(layer, metric) for every metric of the record's metrics stack."""
    stack = record.metrics
    if stack is None:
        return []
    out = []
    for layer in ("business", "user_experience", "model_quality", "guardrail", "operational"):
        for m in getattr(stack, layer, []) or []:
            out.append((layer, m))
    return out


def number(value: float | int | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"
