"""The dotted-path grammar of visibility rules: parsing a record's `visibility:` block and
explaining a path that names no real field.

    visibility:
      internal: [operations.incidents, impact_assessment.harms.wrong-refund-promise.notes]
      confidential: [data.data_protection_note]

Paths are dotted field names. A list step may be an item's `id` (`harms.wrong-refund-promise`),
a position (`harms.0`), `*` for every item, or left out (`harms.notes` means every harm's
notes). `*` in place of a field name means every field there.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from aigov.i18n import _
from aigov.model import Record, unwrap

LEVELS = ("internal", "confidential")
ALWAYS_PUBLIC = ("schema_version", "id", "name")  # identify the system: every audience sees them
OK = ("", "")


@dataclass(frozen=True)
class Rule:
    """One entry of a record's visibility block."""

    path: str
    steps: tuple[str, ...]
    level: str  # internal or confidential
    index: int  # position in its visibility list


def rules_of(data: Any) -> list[Rule]:
    """The visibility rules written in a record's data (tolerant of malformed entries)."""
    vis = data.get("visibility") if isinstance(data, dict) else None
    if not isinstance(vis, dict):
        return []
    out = []
    for level in LEVELS:
        entries = vis.get(level)
        if not isinstance(entries, list):
            continue
        for i, entry in enumerate(entries):
            if isinstance(entry, str) and entry.strip():
                steps = tuple(s.strip() for s in entry.strip().strip(".").split("."))
                out.append(Rule(entry, steps, level, i))
    return out


def through_item(
    steps: tuple[str, ...],
    index: int,
    ident: Any,
    ids: Collection[Any],
    item_fields: Collection[str],
) -> tuple[str, ...] | None:
    """What remains of `steps`, a path below a list, for the item at `index` whose id is
    `ident` (`ids`: every item's id; `item_fields`: the items' field names, empty when
    unknown): the rest after an item step (`*`, the position, the id), the steps unchanged
    when they start with a field name (it applies to every item), None otherwise."""
    if not steps:
        return None
    head = steps[0]
    if head == "*" or head == str(index) or (ident is not None and head == ident):
        return steps[1:]
    if head not in ids and not head.isdigit() and (head in item_fields or not item_fields):
        return steps
    return None


def explain_path(steps: tuple[str, ...], data: Any) -> tuple[str, str]:
    """(problem, hint) when a visibility path names no real field of the record `data`;
    ("", "") when it does."""
    reserved = _reserved(steps)
    if reserved is not None:
        return reserved
    model: Any = Record
    node = data
    in_list = False
    for depth, step in enumerate(steps):
        if in_list:
            in_list = False
            items = node if isinstance(node, list) else []
            named, item = _item(step, items)
            if named:
                node = item
                continue
            problem = _not_item_nor_field(step, items, model, ".".join(steps[:depth]))
            if problem is not None:
                return problem
            node = None  # a field name right after a list: every item
        if step == "*":
            return OK  # every field here (`*` alone: everything but id and name)
        if not _is_model(model):
            return OK  # free-form mapping (component metadata): anything below is fine
        fld = model.model_fields.get(step)
        if fld is None:
            return _not_a_field(step, model, ".".join(steps[:depth]) or _("the record"))
        model, in_list = unwrap(fld.annotation)
        node = node.get(step) if isinstance(node, dict) else None
    return OK


def _reserved(steps: tuple[str, ...]) -> tuple[str, str] | None:
    """The problem with a path that is empty or marks what every audience must see."""
    if not steps or any(not s for s in steps):
        return (
            _("is empty or has an empty step"),
            _("Write dotted field names, e.g. operations.incidents."),
        )
    if steps[0] in ALWAYS_PUBLIC:
        return (
            _("marks '{field}', which every audience sees (it identifies the system)").format(
                field=steps[0]
            ),
            _("Remove it; id, name and schema_version are always shown."),
        )
    if steps[0] == "visibility":
        return (
            _("marks the visibility rules themselves"),
            _("Remove it; public builds never show them."),
        )
    return None


def _is_model(model: Any) -> bool:
    return isinstance(model, type) and issubclass(model, BaseModel)


def _item(step: str, items: list[Any]) -> tuple[bool, Any]:
    """(True, the item or None) when `step` is an item step (`*`, a position, an item id)."""
    ids = [x.get("id") for x in items if isinstance(x, dict)]
    if step == "*":
        return True, items[0] if items else None
    if step.isdigit():
        return True, items[int(step)] if int(step) < len(items) else None
    if step in ids:
        return True, items[ids.index(step)]
    return False, None


def _not_item_nor_field(
    step: str, items: list[Any], model: Any, where: str
) -> tuple[str, str] | None:
    """The problem with a step after a list that is neither an item id nor an item field."""
    fields = model.model_fields if _is_model(model) else {}
    if step in fields:
        return None
    known = [str(i) for i in (x.get("id") for x in items if isinstance(x, dict)) if i]
    guess = difflib.get_close_matches(step, [*known, *fields], n=1, cutoff=0.6)
    return (
        _("has '{step}', which is neither an item id in {where} nor one of its fields").format(
            step=step, where=where
        ),
        _did_you_mean(guess)
        + (
            _("Item ids there: {ids}.").format(ids=", ".join(known))
            if known
            else _("Use an item id, a position or *.")
        ),
    )


def _not_a_field(step: str, model: type[BaseModel], where: str) -> tuple[str, str]:
    names = list(model.model_fields)
    guess = difflib.get_close_matches(step, names, n=1, cutoff=0.6)
    return (
        _("has '{step}', which is not a field of {where}").format(step=step, where=where),
        _did_you_mean(guess) + _("Fields there: {fields}.").format(fields=", ".join(names)),
    )


def _did_you_mean(guess: list[str]) -> str:
    """ "Did you mean 'x'? " before a hint, or nothing without a close match."""
    return _("Did you mean '{name}'? ").format(name=guess[0]) if guess else ""
