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
from functools import cache
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from aigov.fieldmodel.titles import field_title
from aigov.fieldmodel.walk import Slot, choices, every_field, is_model, model_at, names_only, slots
from aigov.i18n import N_, _
from aigov.model import Record

#: a field's base type in words (`FieldDoc.type_label`)
_BASE_WORDS: dict[Any, str] = {
    str: N_("text"),
    bool: N_("yes/no (true or false)"),
    int: N_("whole number"),
    float: N_("number"),
    dt.date: N_("date (YYYY-MM-DD)"),
}


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
        return self.base if is_model(self.base) else None

    @property
    def title(self) -> str:
        """What people call the field ("Kind of AI help"), from `aigov.fieldmodel.titles`."""
        return field_title(self.name)

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
        """The type in words, e.g. 'list of text', 'one of: low, medium, high, critical' (in the
        language aigov writes in; the codes stay as they are)."""
        one = self._one_label()
        return _("list of {type}").format(type=one) if self.is_list else one

    def _one_label(self) -> str:
        if self.model is not None:
            return _("{model} (a mapping of fields)").format(model=self.model.__name__)
        if self.choices:
            return _("one of: {choices}").format(choices=", ".join(self.choices))
        if self.is_mapping:
            return _("free-form mapping")
        words = _BASE_WORDS.get(self.base)
        label = _(words) if words else getattr(self.base, "__name__", str(self.base))
        limits = dict(self.constraints)
        if "ge" in limits and "le" in limits:
            label += _(" from {low} to {high}").format(low=limits["ge"], high=limits["le"])
        elif "ge" in limits:
            label += _(", at least {low}").format(low=limits["ge"])
        if "pattern" in limits:
            label = _("slug (lowercase letters, digits and hyphens)")
        return label

    def children(self) -> list[FieldDoc]:
        model = self.model
        return [] if model is None else list(model_fields(model, self.path))


# --- reading the model ---------------------------------------------------------------------


def _constraints(info: FieldInfo) -> tuple[tuple[str, Any], ...]:
    out = []
    for meta in info.metadata:
        for name in ("ge", "le", "gt", "lt", "min_length", "max_length", "pattern"):
            value = getattr(meta, name, None)
            if value is not None:
                out.append((name, value))
    return tuple(out)


def _doc(here: Slot, prefix: str) -> FieldDoc:
    info = here.info
    examples: tuple[Any, ...] = tuple(info.examples or ())
    if here.is_list:  # L() stores [[item]]; show the item
        examples = tuple(e[0] if isinstance(e, list) and e else e for e in examples)
    return FieldDoc(
        path=f"{prefix}.{here.name}" if prefix else here.name,
        name=here.name,
        description=(info.description or "").strip(),
        required=info.is_required(),
        is_list=here.is_list,
        base=here.base,
        examples=examples,
        constraints=_constraints(info),
        owner=here.owner,
        choices=choices(here.base),
    )


def model_fields(model: type[BaseModel], prefix: str = "") -> Iterator[FieldDoc]:
    """The fields of `model`, in the model's order (the canonical order of a record)."""
    for here in slots(model):
        yield _doc(here, prefix)


@cache
def _index() -> dict[str, FieldDoc]:
    out: dict[str, FieldDoc] = {}
    for trail in every_field(Record, max_depth=8):
        doc = _doc(trail[-1], ".".join(s.name for s in trail[:-1]))
        out[doc.path] = doc
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
    return model_at(names_only(path))
