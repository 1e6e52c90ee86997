"""NIST AI RMF coverage by control status: a subcategory is covered only by a control that is
implemented or verified; planned, in-progress or status-less controls are shown apart and
cover nothing.

Interim: the same signature as `aigov.checks.coverage` on the assure branch (see
notes/assure-api.md); once that lands, callers import it from there and this module goes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from aigov.model import Control, ControlStatus, Record

IN_PLACE = (ControlStatus.IMPLEMENTED, ControlStatus.VERIFIED)


@dataclass(frozen=True)
class SubcategoryCoverage:
    subcategory: str  # as the control writes it, normalised ("GOVERN 5.1")
    planned: tuple[Control, ...]  # planned, in_progress or no status: not covering
    in_place: tuple[Control, ...]  # implemented or verified: covering

    @property
    def covered(self) -> bool:
        return bool(self.in_place)

    @property
    def state(self) -> Literal["covered", "planned"]:
        return "covered" if self.in_place else "planned"


def nist_coverage(controls: Iterable[Control]) -> dict[str, SubcategoryCoverage]:
    """Subcategory id → its controls split by status, sorted by id; only subcategories some
    control names appear (unknown ids are kept: callers check them against the catalogue)."""
    planned: dict[str, list[Control]] = {}
    in_place: dict[str, list[Control]] = {}
    for ctl in controls:
        for sub in dict.fromkeys(ctl.nist):
            bucket = in_place if ctl.status in IN_PLACE else planned
            bucket.setdefault(sub, []).append(ctl)
            (planned if bucket is in_place else in_place).setdefault(sub, [])
    return {
        sub: SubcategoryCoverage(sub, tuple(planned[sub]), tuple(in_place[sub]))
        for sub in sorted(planned)
    }


def record_coverage(record: Record) -> dict[str, SubcategoryCoverage]:
    """nist_coverage of the record's own controls (empty when it has none)."""
    if record.controls is None:
        return {}
    return nist_coverage(c for _, c in record.controls.all())
