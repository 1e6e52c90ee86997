"""Plain results: a CSV with a header row, or JSON/YAML (a list of objects, or an object with
`results:`), each row one value: metric (or monitor), value, date, and optionally dataset,
split, slice, component, run, threshold, notes."""

from __future__ import annotations

import csv
import io
from typing import Any

from aigov.diagnostics import Diagnostic
from aigov.results.incoming import Incoming, as_date, as_number, number_text, problem
from aigov.yamlload import Document

NAME_KEYS = ("metric", "monitor", "name")
TEXT_KEYS = ("dataset", "split", "slice", "component", "task", "run", "notes")
KNOWN = frozenset({*NAME_KEYS, "value", "date", "threshold", "verified", *TEXT_KEYS})


def rows_from_document(doc: Document) -> list[tuple[dict[str, Any], tuple[int | str, ...]]]:
    data = doc.data
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        return [(r, ("results", i)) for i, r in enumerate(data["results"])]
    if isinstance(data, list):
        return [(r, (i,)) for i, r in enumerate(data)]
    return []


def parse_document(
    doc: Document, source: str, *, line_offset: int = 0, first_line_shift: int = 0
) -> tuple[list[Incoming], list[Diagnostic]]:
    """The rows of a results list; `line_offset` and `first_line_shift` undo what reading a
    top-level list as a mapping moved (aigov.results.read)."""
    out: list[Incoming] = []
    diags: list[Diagnostic] = []
    for row, where in rows_from_document(doc):
        line, col = doc.position(where)
        if line == 1:
            col -= first_line_shift
        line += line_offset
        if not isinstance(row, dict):
            diags.append(problem(doc.path, line, col, "a result must be an object", _HINT))
            continue
        got, diag = _row(row, source, doc.path, line, col)
        if got is not None:
            out.append(got)
        if diag is not None:
            diags.append(diag)
    return out, diags


def parse_csv(text: str, path: str, source: str) -> tuple[list[Incoming], list[Diagnostic]]:
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in reader.fieldnames or []]
    if not any(h in NAME_KEYS for h in header) or "value" not in header:
        return [], [problem(path, 1, 1, "the CSV header needs a metric and a value column", _HINT)]
    out: list[Incoming] = []
    diags: list[Diagnostic] = []
    for row in reader:
        line = reader.line_num
        clean = {k.strip(): (v.strip() if isinstance(v, str) else v) for k, v in row.items() if k}
        clean = {k: v for k, v in clean.items() if v not in ("", None)}
        for key in ("value", "threshold"):
            if key in clean:
                clean[key] = number_text(clean[key])
        got, diag = _row(clean, source, path, line, 1)
        if got is not None:
            out.append(got)
        if diag is not None:
            diags.append(diag)
    return out, diags


_HINT = (
    "Each result needs `metric` (or `monitor`), `value` and `date` (YYYY-MM-DD); `dataset`, "
    "`split`, `slice`, `component`, `run`, `threshold` and `notes` are optional."
)


def _row(
    row: dict[str, Any], source: str, path: str, line: int, col: int
) -> tuple[Incoming | None, Diagnostic | None]:
    name = next((str(row[k]) for k in NAME_KEYS if row.get(k) not in (None, "")), None)
    value = as_number(row.get("value"))
    if name is None or value is None:
        what = "metric" if name is None else "numeric value"
        return None, problem(path, line, col, f"a result without a {what}", _HINT)
    unknown = sorted(set(row) - KNOWN)
    if unknown:
        return None, problem(
            path, line, col, f"unknown column '{unknown[0]}' in a result", _HINT, "AIG-RESULTS-KEY"
        )
    date = as_date(row.get("date")) if row.get("date") is not None else None
    if row.get("date") is not None and date is None:
        return None, problem(path, line, col, f"'{row['date']}' is not a date", _HINT)
    text = {k: str(row[k]) for k in TEXT_KEYS if row.get(k) not in (None, "")}
    verified = row.get("verified")
    return (
        Incoming(
            name,
            value,
            date,
            source,
            line,
            col,
            threshold=_float(as_number(row.get("threshold"))),
            verified=verified if isinstance(verified, bool) else None,
            **text,
        ),
        None,
    )


def _float(value: int | float | None) -> float | None:
    return None if value is None else float(value)
