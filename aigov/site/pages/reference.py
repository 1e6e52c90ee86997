"""The reference pages: the rules, the record's fields, and about this site."""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections import Counter
from dataclasses import dataclass
from enum import Enum
from typing import Any

from pydantic import BaseModel

from aigov.i18n import N_, gettext
from aigov.model import Record
from aigov.site.pages.core import Pages, front_matter


def rules_reference(pages: Pages) -> None:
    sections: dict[str, list[Any]] = {}
    for rule in pages.inputs.rules:
        sections.setdefault(gettext(getattr(rule, "section_title", "Rules")), []).append(rule)
    open_counts = Counter(d.code for _, d in pages.pf.findings)
    pages.render(
        "reference/rules.md",
        "site/rules.md.j2",
        front_matter(gettext("Rule reference")),
        sections=list(sections.items()),
        open_counts=open_counts,
        by_tier={r.id: _by_tier(pages, r.id) for r in pages.inputs.rules},
    )


def _by_tier(pages: Pages, rule_id: str) -> str:
    """'low info, medium warning, …' when the policy weighs the rule by tier, else ''."""
    from aigov.checks.policy import default_policy

    policy = next((v.policy for v in pages.pf.systems if v.policy is not None), None)
    found = (policy or default_policy()).severities_by_tier(rule_id)
    return ", ".join(f"{t.value} {s.value}" for t, s in found.items())


def fields_reference(pages: Pages) -> None:
    pages.render(
        "reference/fields.md",
        "site/fields.md.j2",
        front_matter(gettext("Record fields")),
        sections=field_reference(),
    )


def about(pages: Pages) -> None:
    pages.render(
        "reference/about.md",
        "site/about.md.j2",
        front_matter(gettext("About this site")),
    )


@dataclass(frozen=True)
class FieldDoc:
    path: str
    type: str
    description: str
    example: str
    required: bool


def field_reference() -> list[dict[str, Any]]:
    """One section per top-level part of the record, each field with type and meaning."""
    top: list[FieldDoc] = []
    sections: list[dict[str, Any]] = []
    for name, info in Record.model_fields.items():
        model = _model_of(info.annotation)
        doc = _doc(name, info)
        if model is None:
            top.append(doc)
            continue
        fields = [doc]
        _walk(model, name + ("[]" if _is_list(info.annotation) else ""), fields, depth=0)
        sections.append({"title": _section_title(name, info.description or ""), "fields": fields})
    return [{"title": gettext("Identity"), "fields": top}, *sections]


def _section_title(name: str, description: str) -> str:
    words = name.replace("_", " ")
    special = {"eu ai act": "EU AI Act", "signoffs": "Sign-offs"}
    return gettext(special.get(words, words[:1].upper() + words[1:]))


def _walk(model: type[BaseModel], prefix: str, out: list[FieldDoc], depth: int) -> None:
    if depth > 6:
        return
    for name, info in model.model_fields.items():
        path = f"{prefix}.{name}"
        out.append(_doc(path, info))
        inner = _model_of(info.annotation)
        if inner is not None:
            _walk(inner, path + ("[]" if _is_list(info.annotation) else ""), out, depth + 1)


def _doc(path: str, info: Any) -> FieldDoc:
    example = ""
    if info.examples:
        value = info.examples[0]
        if isinstance(value, list) and len(value) == 1:
            value = value[0]
        if not isinstance(value, dict | list):
            example = str(value.value if isinstance(value, Enum) else value)
    return FieldDoc(
        path=path,
        type=_type_name(info.annotation),
        description=info.description or "",
        example=example,
        required=info.is_required(),
    )


def _args(tp: Any) -> tuple[Any, ...]:
    return tuple(a for a in typing.get_args(tp) if a is not type(None))


def _is_list(tp: Any) -> bool:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return any(_is_list(a) for a in _args(tp))
    return origin is list


def _model_of(tp: Any) -> type[BaseModel] | None:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType, list):
        for arg in _args(tp):
            found = _model_of(arg)
            if found is not None:
                return found
        return None
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp
    return None


def _type_name(tp: Any) -> str:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return gettext(" or ").join(_type_name(a) for a in _args(tp))
    if origin is list:
        inner = _args(tp)
        if not inner:
            return gettext("list")
        return gettext("list of {type}").format(type=_type_name(inner[0]))
    if origin is dict:
        return gettext("mapping")
    if origin is typing.Literal:
        return gettext("one of: {values}").format(
            values=", ".join(str(a) for a in typing.get_args(tp))
        )
    if isinstance(tp, type) and issubclass(tp, Enum):
        return gettext("one of: {values}").format(values=", ".join(str(m.value) for m in tp))
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return gettext("section")
    names = {
        str: N_("text"),
        int: N_("whole number"),
        float: N_("number"),
        bool: N_("yes/no"),
        dt.date: N_("date"),
    }
    name = names.get(tp)
    return gettext(name) if name else getattr(tp, "__name__", str(tp))
