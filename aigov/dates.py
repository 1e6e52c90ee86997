"""Date arithmetic that holds over the whole range a record may write (0001-01-01 to 9999-12-31).

`date + timedelta` raises OverflowError past date.max or date.min; one record that writes
`last_review: 9999-12-31` must not make a command fail, so every date that is added to goes
through here.
"""

from __future__ import annotations

import datetime as dt


def add_days_clamped(day: dt.date, days: int) -> dt.date:
    """`day` plus `days` (negative: minus), held at date.max / date.min instead of overflowing."""
    ordinal = day.toordinal() + days
    return dt.date.fromordinal(min(max(ordinal, dt.date.min.toordinal()), dt.date.max.toordinal()))
