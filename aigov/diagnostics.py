"""Diagnostics: every problem aigov reports is one of these small, sortable values."""

from __future__ import annotations

import dataclasses
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at one place: `path:line:col: code message` plus a hint on how to fix it.

    `line` and `column` are 1-based; 0 means "the whole file". `field` is the dotted path
    inside the record when the problem belongs to a field.
    """

    path: str
    line: int
    column: int
    code: str
    message: str
    severity: Severity = Severity.ERROR
    hint: str = ""
    field: str = ""
    system: str = ""
    extra: tuple[tuple[str, Any], ...] = dataclasses.field(default=(), compare=False)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.value
        data["extra"] = dict(self.extra)
        return data

    @property
    def location(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.column}"
        return self.path


def count_by_severity(diags: list[Diagnostic]) -> dict[str, int]:
    counts = {s.value: 0 for s in Severity}
    for d in diags:
        counts[d.severity.value] += 1
    return counts


def worst(diags: list[Diagnostic]) -> Severity | None:
    if not diags:
        return None
    return max((d.severity for d in diags), key=lambda s: s.rank)
