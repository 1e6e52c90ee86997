"""Dotted field paths over the record model: `operations.rollback`, `approach.components.*.license`.

Used to validate the paths named in rules.yaml and in an organisation's policy, and to expand
`*` over the list items of one record.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from aigov.fieldmodel.walk import is_model, slot, slots
from aigov.model import Record
from aigov.yamlload import FieldPath

WILDCARD = "*"


def model_path_error(path: str) -> str | None:
    """None when `path` names a field of the record model, else why not (for messages).

    `*` after a list means every item; `*` after a section means any of its fields (so
    `controls.*.*.evidence` is the evidence of every control in every function)."""
    parts = path.split(".") if path else []
    if not parts:
        return "the path is empty"
    return _path_error(Record, False, parts, 0)


def _path_error(current: Any, in_list: bool, parts: list[str], i: int) -> str | None:
    if i == len(parts):
        return None
    part = parts[i]
    where = ".".join(parts[:i]) or "the record"
    if part == WILDCARD or part.isdigit():
        if in_list:
            return _path_error(current, False, parts, i + 1)
        if part == WILDCARD and is_model(current):
            errors = []
            for inner in slots(current):
                error = _path_error(inner.base, inner.is_list, parts, i + 1)
                if error is None:
                    return None
                errors.append(error)
            return errors[0] if errors else f"'{where}' has no fields"
        return f"'{where}' is not a list, so '{part}' cannot follow it"
    if in_list:
        return f"'{where}' is a list; write '{where}.*.{part}' to mean every item"
    if not is_model(current):
        return f"'{where}' has no fields"
    found = slot(current, part)
    if found is None:
        known = ", ".join(current.model_fields)
        return f"'{part}' is not a field of {where} (fields: {known})"
    return _path_error(found.base, found.is_list, parts, i + 1)


def expand(record: Any, pattern: str) -> list[FieldPath]:
    """Concrete paths for `pattern` in this record; `*` becomes each list index that exists."""
    paths: list[tuple[tuple[str | int, ...], Any]] = [((), record)]
    for part in pattern.split("."):
        nxt: list[tuple[tuple[str | int, ...], Any]] = []
        for prefix, value in paths:
            if part == WILDCARD:
                if isinstance(value, list):
                    nxt.extend(((*prefix, i), item) for i, item in enumerate(value))
                elif isinstance(value, BaseModel):
                    nxt.extend(
                        ((*prefix, name), getattr(value, name)) for name in type(value).model_fields
                    )
            elif part.isdigit():
                idx = int(part)
                child = value[idx] if isinstance(value, list) and idx < len(value) else None
                nxt.append(((*prefix, idx), child))
            else:
                child = getattr(value, part, None) if value is not None else None
                nxt.append(((*prefix, part), child))
        paths = nxt
    return [p for p, _ in paths]
