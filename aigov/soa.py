"""The ISO/IEC 42001 Statement of Applicability (clause 6.1.3) over the whole portfolio.

One row per Annex A control (all 38, in the standard's order): what the organisation declared
for it in `aigov.yaml` (`soa:` — applicable or excluded, the justification, the owner), and the
controls of the records and of `organisation.yaml` that name it in `iso_42001`, with their
status and evidence. A control the policy does not declare is `undeclared`, never silently
applicable; an applicable control nothing implements, and an excluded one that records still
claim, are findings of their row.

Pure: records and policy in, a typed value out. The export (`aigov/exports/soa.py`) renders it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from aigov.catalog import IsoControl, iso42001
from aigov.checks.policy import SoaEntry
from aigov.model import Control, Record


class Declared(StrEnum):
    APPLICABLE = "applicable"
    EXCLUDED = "excluded"
    UNDECLARED = "undeclared"


class RowState(StrEnum):
    IMPLEMENTED = "implemented"  # applicable; every implementing control is in place
    PARTLY = "partly_implemented"  # applicable; some implementing controls are not yet in place
    NOT_IMPLEMENTED = "not_implemented"  # applicable; no control implements it
    EXCLUDED = "excluded"  # excluded, and no record claims it
    CONFLICT = "excluded_but_claimed"  # excluded, yet controls say they implement it
    UNDECLARED = "undeclared"  # aigov.yaml does not say


IN_PLACE = frozenset({"implemented", "verified"})


@dataclass(frozen=True)
class EvidenceItem:
    title: str
    link: str  # the repository path or the URL; "" when the record gives neither
    date: str  # YYYY-MM-DD or ""


@dataclass(frozen=True)
class Implementation:
    """A control that names the Annex A control in its `iso_42001` list."""

    system_id: str  # "" for an organisation-wide control (organisation.yaml)
    system_name: str
    control_id: str
    title: str
    function: str  # govern, map, measure, manage
    status: str  # the control's status, "" when the record does not say
    owner: str
    evidence: tuple[EvidenceItem, ...]

    @property
    def in_place(self) -> bool:
        return self.status in IN_PLACE

    @property
    def where(self) -> str:
        return self.system_id or "organisation"


@dataclass(frozen=True)
class SoaRow:
    control: IsoControl
    declared: Declared
    owner: str
    justification: str
    implementations: tuple[Implementation, ...]

    @property
    def state(self) -> RowState:
        if self.declared == Declared.UNDECLARED:
            return RowState.UNDECLARED
        if self.declared == Declared.EXCLUDED:
            return RowState.CONFLICT if self.implementations else RowState.EXCLUDED
        if not self.implementations:
            return RowState.NOT_IMPLEMENTED
        if all(i.in_place for i in self.implementations):
            return RowState.IMPLEMENTED
        return RowState.PARTLY

    @property
    def finding(self) -> str:
        """What an auditor would ask about this row, in one sentence; "" when nothing."""
        n = len(self.implementations)
        return {
            RowState.UNDECLARED: "Not declared in aigov.yaml (soa:): say whether it applies.",
            RowState.NOT_IMPLEMENTED: "Declared applicable, but no control names it in iso_42001.",
            RowState.PARTLY: f"{sum(not i.in_place for i in self.implementations)} of {n} "
            "implementing controls are not implemented or verified yet.",
            RowState.CONFLICT: f"Declared excluded, yet {n} control(s) name it in iso_42001.",
        }.get(self.state, "")

    def evidence(self) -> list[tuple[Implementation, EvidenceItem]]:
        return [(i, e) for i in self.implementations for e in i.evidence]


@dataclass(frozen=True)
class StatementOfApplicability:
    standard: str
    source: str
    rows: tuple[SoaRow, ...]
    systems: tuple[str, ...]  # the record ids it was built from

    def counts(self) -> dict[str, int]:
        out = {s.value: 0 for s in RowState}
        for row in self.rows:
            out[row.state.value] += 1
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "standard": self.standard,
            "source": self.source,
            "systems": list(self.systems),
            "counts": self.counts(),
            "controls": [_row_dict(r) for r in self.rows],
        }


def _row_dict(row: SoaRow) -> dict[str, Any]:
    return {
        "id": row.control.id,
        "title": row.control.title,
        "group": row.control.group_id,
        "declared": row.declared.value,
        "owner": row.owner,
        "justification": row.justification,
        "state": row.state.value,
        "finding": row.finding,
        "implemented_by": [
            {
                "system": i.system_id or None,
                "control": i.control_id,
                "title": i.title,
                "function": i.function,
                "status": i.status or None,
                "owner": i.owner or None,
                "evidence": [
                    {"title": e.title, "link": e.link or None, "date": e.date or None}
                    for e in i.evidence
                ],
            }
            for i in row.implementations
        ],
    }


def _evidence(ctl: Control) -> tuple[EvidenceItem, ...]:
    return tuple(
        EvidenceItem(e.title, e.path or e.url or "", e.date.isoformat() if e.date else "")
        for e in ctl.evidence
    )


def _implementation(system_id: str, name: str, function: str, ctl: Control) -> Implementation:
    status = ctl.status.value if ctl.status is not None else ""
    return Implementation(
        system_id, name, ctl.id, ctl.title, function, status, ctl.owner or "", _evidence(ctl)
    )


def implementations(
    records: Iterable[Record], organisation_controls: Sequence[Control] = ()
) -> dict[str, list[Implementation]]:
    """Annex A id → the controls that name it, organisation-wide ones first, then by record
    (in the order given) and function."""
    found: dict[str, list[Implementation]] = {}
    for ctl in organisation_controls:
        for ident in dict.fromkeys(ctl.iso_42001):
            found.setdefault(ident, []).append(_implementation("", "", "govern", ctl))
    for rec in records:
        if rec.controls is None:
            continue
        for function, ctl in rec.controls.all():
            for ident in dict.fromkeys(ctl.iso_42001):
                found.setdefault(ident, []).append(_implementation(rec.id, rec.name, function, ctl))
    return found


def build_soa(
    records: Sequence[Record],
    declarations: dict[str, SoaEntry],
    organisation_controls: Sequence[Control] = (),
) -> StatementOfApplicability:
    """The SoA: exactly one row per Annex A control of the shipped catalogue."""
    annex = iso42001()
    found = implementations(records, organisation_controls)
    rows = []
    for control in annex.controls:
        entry = declarations.get(control.id)
        declared = Declared(entry.status) if entry is not None else Declared.UNDECLARED
        rows.append(
            SoaRow(
                control,
                declared,
                entry.owner if entry is not None else "",
                entry.justification.strip() if entry is not None else "",
                tuple(found.get(control.id, ())),
            )
        )
    return StatementOfApplicability(
        annex.standard, annex.source, tuple(rows), tuple(r.id for r in records)
    )
