"""What the record model says about each field, read from the pydantic model itself.

Descriptions, examples, allowed values and constraints live once, in `aigov/model/`; the
questionnaire, the placeholders `aigov new` writes, `aigov explain` and `aigov fmt`'s
canonical key order all read them from here, so nothing is duplicated.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from functools import cache
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from aigov.model import Record, unwrap


@dataclass(frozen=True)
class FieldDoc:
    """One field of the record model, described for people."""

    path: str  # dotted, without list indices: "impact_assessment.harms.severity"
    name: str
    description: str
    required: bool
    is_list: bool
    base: Any  # the item type: str, int, an Enum, a BaseModel subclass, ...
    examples: tuple[Any, ...] = ()
    constraints: tuple[tuple[str, Any], ...] = ()
    owner: type[BaseModel] = Record
    choices: tuple[str, ...] = field(default=())

    @property
    def model(self) -> type[BaseModel] | None:
        """The nested model (of the list items, for a list), if this field is a section."""
        return self.base if _is_model(self.base) else None

    @property
    def is_section(self) -> bool:
        return self.model is not None

    @property
    def is_mapping(self) -> bool:
        return typing.get_origin(self.base) is dict or self.base is dict

    @property
    def example(self) -> Any:
        return self.examples[0] if self.examples else None

    @property
    def kind(self) -> str:
        """A short machine word for the value: text, bool, int, float, date, choice, section, mapping."""
        if self.model is not None:
            return "section"
        if self.choices:
            return "choice"
        if self.is_mapping:
            return "mapping"
        return {str: "text", bool: "bool", int: "int", float: "float", dt.date: "date"}.get(
            self.base, "text"
        )

    @property
    def type_label(self) -> str:
        """The type in words, e.g. 'list of text', 'one of: low, medium, high, critical'."""
        one = self._one_label()
        return f"list of {one}" if self.is_list else one

    def _one_label(self) -> str:
        if self.model is not None:
            return f"{self.model.__name__} (a mapping of fields)"
        if self.choices:
            return "one of: " + ", ".join(self.choices)
        if self.is_mapping:
            return "free-form mapping"
        label = {
            str: "text",
            bool: "yes/no (true or false)",
            int: "whole number",
            float: "number",
            dt.date: "date (YYYY-MM-DD)",
        }.get(self.base, getattr(self.base, "__name__", str(self.base)))
        limits = dict(self.constraints)
        if "ge" in limits and "le" in limits:
            label += f" from {limits['ge']} to {limits['le']}"
        elif "ge" in limits:
            label += f", at least {limits['ge']}"
        if "pattern" in limits:
            label = "slug (lowercase letters, digits and hyphens)"
        return label

    def children(self) -> list[FieldDoc]:
        model = self.model
        return [] if model is None else list(model_fields(model, self.path))


# --- reading the model ---------------------------------------------------------------------


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _choices(tp: Any) -> tuple[str, ...]:
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tuple(str(m.value) for m in tp)
    if typing.get_origin(tp) is typing.Literal:
        return tuple(str(a) for a in typing.get_args(tp))
    return ()


def _constraints(info: FieldInfo) -> tuple[tuple[str, Any], ...]:
    out = []
    for meta in info.metadata:
        for name in ("ge", "le", "gt", "lt", "min_length", "max_length", "pattern"):
            value = getattr(meta, name, None)
            if value is not None:
                out.append((name, value))
    return tuple(out)


def _doc(owner: type[BaseModel], name: str, info: FieldInfo, prefix: str) -> FieldDoc:
    base, is_list = unwrap(info.annotation)
    examples: tuple[Any, ...] = tuple(info.examples or ())
    if is_list:  # L() stores [[item]]; show the item
        examples = tuple(e[0] if isinstance(e, list) and e else e for e in examples)
    return FieldDoc(
        path=f"{prefix}.{name}" if prefix else name,
        name=name,
        description=(info.description or "").strip(),
        required=info.is_required(),
        is_list=is_list,
        base=base,
        examples=examples,
        constraints=_constraints(info),
        owner=owner,
        choices=_choices(base),
    )


def model_fields(model: type[BaseModel], prefix: str = "") -> Iterator[FieldDoc]:
    """The fields of `model`, in the model's order (the canonical order of a record)."""
    for name, info in model.model_fields.items():
        yield _doc(model, name, info, prefix)


@cache
def _index() -> dict[str, FieldDoc]:
    out: dict[str, FieldDoc] = {}

    def visit(model: type[BaseModel], prefix: str, depth: int) -> None:
        for doc in model_fields(model, prefix):
            out[doc.path] = doc
            if doc.model is not None and depth < 8:
                visit(doc.model, doc.path, depth + 1)

    visit(Record, "", 0)
    return out


def all_fields() -> list[FieldDoc]:
    """Every field of the record, depth first, in canonical order."""
    return list(_index().values())


_INDEX_RE = re.compile(r"\[\d+\]|\.\d+(?=\.|$)")


def normalise_path(path: str) -> str:
    """'impact_assessment.harms[0].severity' / '...harms.0.severity' → '...harms.severity'."""
    return _INDEX_RE.sub("", path.strip().strip("."))


def field_doc(path: str) -> FieldDoc | None:
    return _index().get(normalise_path(path))


def suggest(path: str, limit: int = 5) -> list[str]:
    """Field paths close to a mistyped one: same last name first, then similar spellings."""
    wanted = normalise_path(path)
    paths = list(_index())
    leaf = wanted.rsplit(".", 1)[-1]
    same_leaf = [p for p in paths if p.rsplit(".", 1)[-1] == leaf]
    close = difflib.get_close_matches(wanted, paths, n=limit, cutoff=0.6)
    near = set(difflib.get_close_matches(leaf, {leaf_of(p) for p in paths}, n=3, cutoff=0.75))
    leaf_close = [p for p in paths if leaf_of(p) in near]
    out: list[str] = []
    for p in [*same_leaf, *close, *leaf_close]:
        if p not in out:
            out.append(p)
    return out[:limit]


def leaf_of(path: str) -> str:
    return path.rsplit(".", 1)[-1]


def key_order(model: type[BaseModel]) -> list[str]:
    return list(model.model_fields)


def section_at(path: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model of the mapping found at a data path (list indices skipped), or None."""
    current: type[BaseModel] = Record
    for step in path:
        if isinstance(step, int):
            continue
        info = current.model_fields.get(step)
        if info is None:
            return None
        base, _ = unwrap(info.annotation)
        if not _is_model(base):
            return None
        current = base
    return current
