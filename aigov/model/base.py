"""Building blocks of the record model: the slug pattern, field helpers, the base class."""

from __future__ import annotations

import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

SLUG = r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$"
_SLUG_RE = re.compile(SLUG)


def F(description: str, example: Any = None, **kw: Any) -> Any:
    """An optional field with the description and example a product manager sees in the editor."""
    examples = [example] if example is not None else None
    return Field(default=kw.pop("default", None), description=description, examples=examples, **kw)


def L(description: str, example: Any = None, *, title: str | None = None) -> Any:
    """An optional list field (defaults to empty)."""
    examples = [[example]] if example is not None else None
    field: Any = Field(
        default_factory=list, description=description, examples=examples, title=title
    )
    return field


class Base(BaseModel):
    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=False, validate_default=False, allow_inf_nan=False
    )


def is_slug(value: str) -> bool:
    return bool(_SLUG_RE.match(value))


def unwrap(annotation: Any) -> tuple[Any, bool]:
    """The type a field holds, through `X | None` and `list[X]`, and whether it is a list:
    `list[Harm] | None` → (Harm, True). A union of several types is returned as it is."""
    tp, is_list = annotation, False
    while True:
        origin = typing.get_origin(tp)
        if origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp, is_list
            tp = args[0]
        elif origin is list:
            tp, is_list = typing.get_args(tp)[0], True
        else:
            return tp, is_list
