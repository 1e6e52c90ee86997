"""Dates: arithmetic that holds over the whole range a record may write (0001-01-01 to 9999-12-31).

`date + timedelta` raises OverflowError past date.max or date.min; one record that writes
`last_review: 9999-12-31` must not make a command fail, so every date that is added to goes
through here. Partial dates (`PartialDate`: "2024", "2022-09") are kept as the source wrote
them and are ordered by the period they name; this module is the one place they are read.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated

from pydantic import PlainSerializer, PlainValidator, WithJsonSchema


def add_days_clamped(day: dt.date, days: int) -> dt.date:
    """`day` plus `days` (negative: minus), held at date.max / date.min instead of overflowing."""
    ordinal = day.toordinal() + days
    return dt.date.fromordinal(min(max(ordinal, dt.date.min.toordinal()), dt.date.max.toordinal()))


# Partial dates: a source may say only "2024" or "September 2022". They are kept as written
# (never filled up to a day the source did not give) and ordered by the period they name.

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=False)
class PartialDate:
    """A year, a year and month, or a full date, as the source gave it."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        dt.date(self.year, self.month or 1, self.day or 1)  # raises on an impossible date

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """`2024`, "2024", "2022-09", "2022-09-01" or a date; anything else is a ValueError."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 9999:
            return cls(value)
        if isinstance(value, str):
            m = _PARTIAL.match(value.strip())
            if m:
                year, month, day = (int(g) if g else None for g in m.groups())
                assert year is not None
                try:
                    return cls(year, month, day)
                except ValueError as exc:
                    raise ValueError(f"'{value}' is not a date: {exc}") from None
        raise ValueError(
            "write a date as YYYY-MM-DD, or as YYYY-MM or YYYY when only that is known"
        )

    @property
    def is_full(self) -> bool:
        return self.day is not None

    @property
    def earliest(self) -> dt.date:
        """The first day of the period."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> dt.date:
        """The last day of the period."""
        if self.day is not None and self.month is not None:
            return dt.date(self.year, self.month, self.day)
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def isoformat(self) -> str:
        """As written: "2024", "2022-09" or "2022-09-01"."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def sort_key(self) -> tuple[dt.date, dt.date]:
        """Periods ordered by their first day, then by their last: 2024 sorts before
        2024-01-05, and 2024-01-01 before 2024 (the shorter period first on a tie)."""
        return (self.earliest, self.latest)

    def __lt__(self, other: PartialDate) -> bool:
        return self.sort_key() < other.sort_key()

    def __le__(self, other: PartialDate) -> bool:
        return self.sort_key() <= other.sort_key()

    def __gt__(self, other: PartialDate) -> bool:
        return self.sort_key() > other.sort_key()

    def __ge__(self, other: PartialDate) -> bool:
        return self.sort_key() >= other.sort_key()

    def __str__(self) -> str:
        return self.isoformat()


def _validate_partial(value: object) -> PartialDate:
    return PartialDate.parse(value)


#: The field type for a date that may be partial. In YAML: 2024-09-01, "2022-09" or 2024.
PartialDateField = Annotated[
    PartialDate,
    PlainValidator(_validate_partial),
    PlainSerializer(lambda d: d.isoformat(), return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"},
                {"type": "integer", "minimum": 1, "maximum": 9999},
            ],
            "description": "YYYY-MM-DD, or YYYY-MM or YYYY when the source gives only that.",
        }
    ),
]
