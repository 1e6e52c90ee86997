"""What an export is built from, and how a record field's state becomes a coverage status.

`ExportInputs` bundles the loaded record (already the edition for the audience), its check
summary and obligations report, the provenance and the day. Builders are pure functions of it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aigov.exports.document import Coverage
from aigov.obligations.engine import evidence_of

if TYPE_CHECKING:
    from aigov.checks.summary import CheckSummary
    from aigov.model import Control, Record
    from aigov.obligations.engine import ObligationReport
    from aigov.project import LoadedRecord


@dataclass(frozen=True)
class ExportInputs:
    loaded: LoadedRecord
    summary: CheckSummary | None
    today: dt.date
    provenance: dict[str, Any] = field(default_factory=dict)
    # the other records of the portfolio, for documents over all of them (the SoA)
    portfolio: tuple[LoadedRecord, ...] = ()
    # organisation.yaml's controls, which apply to every system (the 600-1 profile counts them)
    organisation_controls: tuple[Control, ...] = ()

    @property
    def record(self) -> Record:
        if self.loaded.record is None:  # the CLI refuses invalid records before this
            raise ValueError(f"{self.loaded.path}: the record does not validate")
        return self.loaded.record

    @property
    def obligations(self) -> ObligationReport | None:
        return self.summary.obligations if self.summary is not None else None

    @property
    def audience(self) -> str:
        return self.loaded.edition.audience.value

    @property
    def withheld_fields(self) -> tuple[str, ...]:
        return tuple(w.field for w in self.loaded.edition.withheld)


@dataclass(frozen=True)
class FieldState:
    path: str
    status: Coverage
    reason: str = ""  # why not applicable


def _withheld(inputs: ExportInputs, path: str) -> bool:
    """Whether the public edition left `path` (or a parent of it) out. List items are named by
    position in the edition's paths; a withheld item under `path` does not withhold it."""
    for w in inputs.withheld_fields:
        plain = ".".join(p for p in w.split(".") if not p.isdigit())
        if path in (plain, w) or path.startswith(plain + "."):
            return True
    return False


def field_state(inputs: ExportInputs, path: str) -> FieldState:
    """The state of one dotted record field (no list steps): supplied, unknown, not
    applicable (with the record's reason), missing, or withheld from this edition."""
    if _withheld(inputs, path):
        return FieldState(path, Coverage.WITHHELD)
    ev = evidence_of(inputs.record, inputs.loaded.answers, path)
    status = {
        "given": Coverage.SUPPLIED,
        "unknown": Coverage.UNKNOWN,
        "not_applicable": Coverage.NOT_APPLICABLE,
        "missing": Coverage.MISSING,
    }[ev.status]
    return FieldState(path, status, ev.justification)


# how the states of several fields combine into one item's: any supplied field supplies
# the item unless `all_of` is asked; then the weakest state wins
_ORDER = [
    Coverage.MISSING,
    Coverage.WITHHELD,
    Coverage.UNKNOWN,
    Coverage.NOT_APPLICABLE,
    Coverage.SUPPLIED,
]


def combine(states: list[FieldState], *, all_of: bool = False) -> FieldState:
    """One state for an item evidenced by several fields. Default: supplied when any field
    is; else the first not-applicable one (its reason), else unknown, withheld, missing.
    `all_of`: the weakest state of them all."""
    if not states:
        return FieldState("", Coverage.MISSING)
    if all_of:
        return min(states, key=lambda s: _ORDER.index(s.status))
    for wanted in (
        Coverage.SUPPLIED,
        Coverage.NOT_APPLICABLE,
        Coverage.UNKNOWN,
        Coverage.WITHHELD,
    ):
        for s in states:
            if s.status == wanted:
                return s
    return states[0]
