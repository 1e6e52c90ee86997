"""Readable labels for record fields, derived from the record model.

A reviewer reads "Impact assessment › Harms › Wrong refund promise › Severity", not
`impact_assessment.harms[2].severity`. Field names become titles (with the acronyms a reader
expects: EU AI Act, NIST, MVP …); list items are named by what people call them (a metric's
name, a control's title, a harm's id), never by position.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from aigov.model import Record, unwrap

SEP = " › "

# words that are not simply capitalised
_WORDS = {
    "ai": "AI",
    "eu": "EU",
    "nist": "NIST",
    "mvp": "MVP",
    "sla": "SLA",
    "id": "ID",
    "url": "URL",
    "co2": "CO₂",
    "iii": "III",
    "i": "I",
    "gpai": "GPAI",
    "dpia": "DPIA",
    "fria": "FRIA",
    "hf": "HF",
}

# whole field names whose title is better written by hand
_TITLES = {
    "signoffs": "Sign-offs",
    "co2_eq_kg": "CO₂-equivalent (kg)",
    "response_time_days": "Response time (days)",
    "review_cadence_days": "Review cadence (days)",
    "gpai": "General-purpose AI model",
    "annex_i_product": "Annex I product",
    "annex_iii_area": "Annex III area",
    "eu_ai_act": "EU AI Act",
    "nist": "NIST AI RMF subcategories",
    "red_team": "Red team",
    "sla": "SLA",
    "mvp": "MVP",
    "ai_help": "Kind of AI help",
    "decisions_about_people": "Decisions about people",
    "stop_ship_criteria": "Stop-ship criteria",
    "out_of_scope_uses": "Out-of-scope uses",
    "use_case": "Use case",
    "record_hash": "Approved content hash",
    "schema_version": "Schema version",
    "version_date": "Version date",
    "stage_since": "In stage since",
    "last_review": "Last review",
    "pipeline_tag": "Pipeline tag",
}

# fields that name a list item, in order of preference
_NAME_FIELDS = ("name", "title", "signal")


def field_title(name: str) -> str:
    """`impact_assessment` → "Impact assessment"; `eu_ai_act` → "EU AI Act"."""
    if name in _TITLES:
        return _TITLES[name]
    words = [w for w in re.split(r"[_\s]+", name) if w]
    if not words:
        return name
    out = [_WORDS.get(w.lower(), w) for w in words]
    first = out[0]
    out[0] = first if first in _WORDS.values() else first[:1].upper() + first[1:]
    return " ".join(out)


def humanize_id(ident: str) -> str:
    """`wrong-refund-promise` → "Wrong refund promise"; dates and numbers keep their hyphens."""
    parts = ident.split("-")
    words: list[str] = []
    for part in parts:
        if words and (part[:1].isdigit() and words[-1][-1:].isdigit()):
            words[-1] += "-" + part
        else:
            words.append(part)
    text = " ".join(_WORDS.get(w, w) for w in words)
    return text[:1].upper() + text[1:]


def short(value: Any, limit: int = 60) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def item_name(item: Any, index: int | None = None) -> str:
    """What a person calls one list item."""
    if isinstance(item, dict):
        for key in _NAME_FIELDS:
            value = item.get(key)
            if isinstance(value, str) and value.strip():
                return short(value)
        if {"role", "reviewer"} <= item.keys():
            role = field_title(str(item.get("role", "")))
            when = f" ({item['date']})" if item.get("date") else ""
            return f"{role} sign-off by {item.get('reviewer')}{when}"
        if "metric" in item:
            extra = [str(item[k]) for k in ("slice", "dataset", "component") if item.get(k)]
            when = str(item.get("date", ""))
            inside = ", ".join([when, *extra]) if when else ", ".join(extra)
            return f"{item['metric']} ({inside})" if inside else str(item["metric"])
        if "stage" in item and "date" in item:
            return f"{field_title(str(item['stage']))} ({item['date']})"
        ident = item.get("id")
        if isinstance(ident, str) and ident:
            return humanize_id(ident)
        for key in ("risk", "text", "description", "summary", "path", "url"):
            value = item.get(key)
            if isinstance(value, str) and value.strip():
                return short(value, 48)
    elif isinstance(item, str | int | float) and not isinstance(item, bool):
        return short(item, 48)
    return f"item {index + 1}" if index is not None else "item"


@lru_cache(maxsize=4096)
def model_at(path: tuple[str, ...]) -> type[BaseModel] | None:
    """The model class of the value at a path of field names (list positions left out)."""
    current: Any = Record
    for step in path:
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(step)
        if field is None:
            return None
        current = unwrap(field.annotation)[0]
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def field_order(path: tuple[str, ...]) -> list[str]:
    """Field names of the model at `path`, in the order the model declares them."""
    model = model_at(path)
    return list(model.model_fields) if model else []


def label(path: Sequence[str | int], data: Any = None) -> str:
    """The readable label of the field at `path` (list positions are indexes into `data`).

    Without `data`, list items are shown by position ("item 3").
    """
    parts: list[str] = []
    node = data
    for step in path:
        if isinstance(step, int):
            item = node[step] if isinstance(node, list) and 0 <= step < len(node) else None
            parts.append(item_name(item, step) if item is not None else f"item {step + 1}")
            node = item
        else:
            parts.append(field_title(step))
            node = node.get(step) if isinstance(node, dict) else None
    return SEP.join(parts) if parts else "The record"
