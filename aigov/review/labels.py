"""Readable labels for record fields: re-exported from `aigov.fieldmodel`, where field and
section titles and the model walker live (kept so `aigov.review.labels` stays importable)."""

from __future__ import annotations

from functools import lru_cache

from pydantic import BaseModel

from aigov.fieldmodel import walk
from aigov.fieldmodel.titles import SEP, field_title, humanize_id, item_name, label, short

__all__ = [
    "SEP",
    "field_order",
    "field_title",
    "humanize_id",
    "item_name",
    "label",
    "model_at",
    "short",
]


@lru_cache(maxsize=4096)
def model_at(path: tuple[str, ...]) -> type[BaseModel] | None:
    """The model class of the value at a path of field names (list positions left out)."""
    return walk.model_at(path)


def field_order(path: tuple[str, ...]) -> list[str]:
    """Field names of the model at `path`, in the order the model declares them."""
    model = model_at(path)
    return list(model.model_fields) if model else []
