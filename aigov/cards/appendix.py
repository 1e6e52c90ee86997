"""The appendix of a printed card (PDF, DOCX): what the body leaves out so a reviewer reads
decisions, not catalogue text, while nothing is dropped.

- The texts of the NIST AI RMF subcategories the controls cite: the body keeps the ids
  (`MEASURE 2.11`), the appendix gives each text once.
- The optional fields the record leaves empty: the body leaves their "Not provided" rows out,
  one line of the appendix names them all.

Both are found by walking the card context (every section in card order, and the at-a-glance
facts), never by knowing what a section holds: a section added to the card's section list is
covered as it is. The HTML templates mark what moves (`print-hide`) and the appendix
(`print-only`); the stylesheet applies that in print, `docx.py` does the same.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from .values import Fact, Section, Value

SUBCATEGORY_KEYS = frozenset({"id", "known", "text", "category"})


@dataclass(frozen=True)
class Subcategory:
    id: str
    text: str  # "" when the id is not a NIST AI RMF 1.0 subcategory
    category: str = ""


@dataclass
class Appendix:
    """What the printed card's appendix holds; `empty` is true when there is nothing."""

    subcategories: list[Subcategory] = field(default_factory=list)
    empty_fields: list[str] = field(default_factory=list)  # "Data › Claims history › Volume"

    @property
    def empty_by_part(self) -> list[tuple[str, list[str]]]:
        """The empty fields grouped by the part of the card they belong to, in card order:
        ("Data › Holdout claims Q2 2026", ["Retention", "Volume"])."""
        groups: dict[str, list[str]] = {}
        for path in self.empty_fields:
            part, _, label = path.rpartition(" › ")
            groups.setdefault(part, []).append(label)
        return list(groups.items())

    @property
    def empty(self) -> bool:
        return not self.subcategories and not self.empty_fields


def print_appendix(card: dict[str, Any]) -> Appendix:
    """The appendix of `card` (a card context)."""
    appendix = Appendix()
    seen: set[str] = set()
    fields: list[str] = []
    _walk(card.get("glance") or [], ("At a glance",), fields, appendix, seen)
    for sid in card.get("section_order") or []:
        sec = card["sections"][sid]
        _walk(sec, (), fields, appendix, seen)
    appendix.empty_fields = list(dict.fromkeys(fields))
    appendix.subcategories.sort(key=lambda s: _nist_order(s.id))
    return appendix


def _walk(
    node: Any, trail: tuple[str, ...], fields: list[str], out: Appendix, seen: set[str]
) -> None:
    if isinstance(node, Fact):
        if node.value.state == "missing":
            fields.append(" › ".join((*trail, node.label)))
        return
    if isinstance(node, Section):
        here = (*trail, node.title)
        for f in node.facts:
            _walk(f, here, fields, out, seen)
        for value in node.parts.values():
            _walk(value, here, fields, out, seen)
        return
    if isinstance(node, Value):
        return
    if isinstance(node, dict):
        if node.keys() >= SUBCATEGORY_KEYS and isinstance(node["id"], str):
            if node["id"] not in seen:
                seen.add(node["id"])
                text = str(node["text"]) if node["known"] else ""
                out.subcategories.append(Subcategory(node["id"], text, str(node["category"])))
            return
        name = _name(node)
        here = (*trail, name) if name else trail
        for value in node.values():
            _walk(value, here, fields, out, seen)
        return
    if isinstance(node, list | tuple):
        for item in node:
            _walk(item, trail, fields, out, seen)
        return
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        for spec in dataclasses.fields(node):
            _walk(getattr(node, spec.name), trail, fields, out, seen)


def _name(node: dict[str, Any]) -> str:
    """What a reviewer calls a part of a section: its name or title, else its id."""
    for key in ("name", "title", "id"):
        value = node.get(key)
        if isinstance(value, Value):
            value = value.text if value.given else None
        if isinstance(value, str) and value:
            return value
    return ""


def _nist_order(sid: str) -> tuple[int, tuple[int, ...], str]:
    fn, _, num = sid.partition(" ")
    order = {"GOVERN": 0, "MAP": 1, "MEASURE": 2, "MANAGE": 3}.get(fn.upper(), 4)
    try:
        nums = tuple(int(n) for n in num.split("."))
    except ValueError:
        nums = ()
    return (order, nums, sid)
