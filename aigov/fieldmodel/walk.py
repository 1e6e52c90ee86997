"""The one walker over the record model: which field a path of names reaches, and what it holds.

Everything that reads the model's shape (validation messages, rule and policy paths, review
labels, `aigov explain`, the questionnaire, field titles) goes through these few functions
instead of following `model_fields` and `unwrap` by itself.
"""

from __future__ import annotations

import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from typing import Any, TypeGuard

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from aigov.model import Record, unwrap


def is_model(tp: Any) -> TypeGuard[type[BaseModel]]:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


@dataclass(frozen=True)
class Slot:
    """One field of one model: its name, its pydantic info and the type of what it holds."""

    owner: type[BaseModel]
    name: str
    info: FieldInfo
    base: Any  # through `X | None` and `list[X]`: the item type of a list
    is_list: bool

    @property
    def model(self) -> type[BaseModel] | None:
        """The nested model (of the items, for a list), if the field holds a mapping of fields."""
        return self.base if is_model(self.base) else None


def _slot(owner: type[BaseModel], name: str, info: FieldInfo) -> Slot:
    base, is_list = unwrap(info.annotation)
    return Slot(owner, name, info, base, is_list)


def slots(model: type[BaseModel]) -> Iterator[Slot]:
    """The fields of `model`, in the order the model declares them (a record's canonical order)."""
    for name, info in model.model_fields.items():
        yield _slot(model, name, info)


def slot(model: type[BaseModel], name: Any) -> Slot | None:
    info = model.model_fields.get(name) if isinstance(name, str) else None
    return None if info is None else _slot(model, name, info)


def names_only(path: Iterable[str | int]) -> tuple[str, ...]:
    """A data path without its list positions: `("harms", 2, "severity")` → `("harms", "severity")`."""
    return tuple(step for step in path if not isinstance(step, int))


def type_at(names: Iterable[Any], root: type[BaseModel] = Record) -> Any:
    """The type held at a path of field names (the item type for a list), or None if the path
    leaves the model. Strip list positions first (`names_only`)."""
    current: Any = root
    for name in names:
        found = slot(current, name) if is_model(current) else None
        if found is None:
            return None
        current = found.base
    return current


def model_at(names: Iterable[Any], root: type[BaseModel] = Record) -> type[BaseModel] | None:
    """The model of the mapping at a path of field names, or None if it is not one."""
    tp = type_at(names, root)
    return tp if is_model(tp) else None


def field_names(names: Iterable[Any], root: type[BaseModel] = Record) -> list[str]:
    """The field names of the mapping at a path, in the model's order ([] if it is no mapping)."""
    model = model_at(names, root)
    return list(model.model_fields) if model else []


def every_field(
    root: type[BaseModel] = Record, *, max_depth: int = 8
) -> Iterator[tuple[Slot, ...]]:
    """Every field under `root`, depth first in the model's order, as the trail of slots that
    leads to it (the field is the last); nested models are entered down to `max_depth`."""

    def visit(model: type[BaseModel], trail: tuple[Slot, ...]) -> Iterator[tuple[Slot, ...]]:
        for here in slots(model):
            yield (*trail, here)
            if here.model is not None and len(trail) < max_depth:
                yield from visit(here.model, (*trail, here))

    yield from visit(root, ())


def choices(tp: Any) -> tuple[str, ...]:
    """The values a closed vocabulary (an Enum or a Literal) allows, as text; () for other types."""
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tuple(str(m.value) for m in tp)
    if typing.get_origin(tp) is typing.Literal:
        return tuple(str(a) for a in typing.get_args(tp))
    return ()
