"""What a set of controls covers of the NIST AI RMF, split by control status.

A control counts as covering its subcategories only once it is in place (`implemented` or
`verified`); a `planned` or `in_progress` control, or one without a status, is a plan. The
completeness score (AIG-CTRL-001) and the site's NIST matrix both read this one split.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from aigov.model import Control, ControlStatus, Record

IN_PLACE = frozenset({ControlStatus.IMPLEMENTED, ControlStatus.VERIFIED})

CoverageState = Literal["covered", "planned"]


def in_place(control: Control) -> bool:
    """The control is implemented or verified (a plan does not cover anything)."""
    return control.status in IN_PLACE


@dataclass(frozen=True)
class SubcategoryCoverage:
    """The controls mapped to one NIST AI RMF subcategory, split by whether they are in place."""

    subcategory: str
    planned: tuple[Control, ...]  # planned, in progress or no status: not covering
    in_place: tuple[Control, ...]  # implemented or verified: covering

    @property
    def covered(self) -> bool:
        return bool(self.in_place)

    @property
    def state(self) -> CoverageState:
        return "covered" if self.in_place else "planned"


def nist_coverage(controls: Iterable[Control]) -> dict[str, SubcategoryCoverage]:
    """Subcategory id → its controls split by status, sorted by id. Only subcategories some
    control names appear; ids are kept as written (normalised by the model), so the caller can
    tell unknown ones apart against the catalogue."""
    planned: dict[str, list[Control]] = {}
    done: dict[str, list[Control]] = {}
    for control in controls:
        bucket = done if in_place(control) else planned
        for sub in dict.fromkeys(control.nist):  # a subcategory named twice counts once
            bucket.setdefault(sub, []).append(control)
            (planned if bucket is done else done).setdefault(sub, [])
    return {
        sub: SubcategoryCoverage(sub, tuple(planned[sub]), tuple(done[sub]))
        for sub in sorted(planned.keys() | done.keys())
    }


def record_coverage(record: Record) -> dict[str, SubcategoryCoverage]:
    """`nist_coverage` of the record's own controls (empty when it has none)."""
    if record.controls is None:
        return {}
    return nist_coverage(c for _, c in record.controls.all())
