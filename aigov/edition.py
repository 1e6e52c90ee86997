"""Which edition of a record a loaded copy is: who it is for and what was left out of it.

Every `LoadedRecord` carries an `Edition`. A freshly loaded record is the internal edition,
with nothing withheld; `aigov.audience.redact` makes the copy for an audience and gives it the
edition that says so (templates badge confidential parts and list what was withheld).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from aigov.fieldmodel.paths import Rule


class Audience(StrEnum):
    PUBLIC = "public"
    INTERNAL = "internal"


DEFAULT_AUDIENCE = Audience.INTERNAL
AUDIENCES = tuple(a.value for a in Audience)


def parse_audience(value: str | Audience | None) -> Audience:
    if value is None or value == "":
        return DEFAULT_AUDIENCE
    try:
        return Audience(str(value).lower())
    except ValueError:
        raise ValueError(f"unknown audience '{value}': use {' or '.join(AUDIENCES)}") from None


@dataclass(frozen=True)
class Withheld:
    """One part left out of a public output (labelled by field names only, never content)."""

    path: tuple[str | int, ...]
    label: str
    level: str

    @property
    def field(self) -> str:
        return ".".join(str(p) for p in self.path)


@dataclass(frozen=True)
class Edition:
    """Who a loaded record is for. `withheld`: what a public edition left out; `confidential`:
    positional paths of the confidential parts an internal edition shows (for badges);
    `visibility_rules`: the full record's rules, kept by a public edition to redact other
    versions of the record the same way."""

    audience: Audience = DEFAULT_AUDIENCE
    withheld: tuple[Withheld, ...] = ()
    confidential: tuple[tuple[str | int, ...], ...] = ()
    visibility_rules: tuple[Rule, ...] = ()


INTERNAL = Edition()  # a record as loaded: everything in it, nothing marked
