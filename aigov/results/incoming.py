"""What every input kind yields: one value, as the source wrote it, and where it was."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from aigov.diagnostics import Diagnostic
from aigov.hashing import canonical_json


@dataclass(frozen=True)
class Incoming:
    """One result or reading read from a file. `name` is the metric (or monitor) as the
    source calls it; `line`/`column` point into the input file."""

    name: str
    value: int | float
    date: dt.date | None
    source: str  # "mlflow: runs/7f3c.json"
    line: int = 1
    column: int = 1
    dataset: str | None = None
    split: str | None = None
    slice: str | None = None
    component: str | None = None
    task: str | None = None
    # as the source names them (Hugging Face model-index), kept for the round trip
    dataset_name: str | None = None
    dataset_config: str | None = None
    task_name: str | None = None
    metric_name: str | None = None
    run: str | None = None
    threshold: float | None = None
    verified: bool | None = None
    notes: str | None = None


def problem(
    path: str, line: int, col: int, message: str, hint: str, code: str = "AIG-RESULTS"
) -> Diagnostic:
    return Diagnostic(path, line, col, code, message, hint=hint)


def run_digest(kind: str, *parts: Any) -> str:
    """A run id for sources that carry none: the same content gives the same id, so the same
    file added twice is recognised."""
    return f"{kind}:" + hashlib.sha256(canonical_json(parts).encode()).hexdigest()[:12]


def as_number(value: Any) -> int | float | None:
    """A finite number as the source wrote it (an integer stays an integer), or None
    (booleans and text such as "N/A" are not numbers)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, int):
        return value
    return value if value == value and value not in (float("inf"), float("-inf")) else None


def number_text(text: str) -> int | float | str:
    """A CSV cell as the number it writes ("82" an integer, "82.0" a float), else the text."""
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text


def as_date(value: Any) -> dt.date | None:
    """A date from a date, an ISO date or date-time text, or a Unix time in seconds (or
    milliseconds when it is too large for seconds); None when it is none of these."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).date() if value.tzinfo else value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        seconds = value / 1000 if value > 1e11 else value
        try:
            return dt.datetime.fromtimestamp(seconds, dt.UTC).date()
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, str):
        text = value.strip()
        try:
            return dt.date.fromisoformat(text[:10])
        except ValueError:
            return None
    return None
