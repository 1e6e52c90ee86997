"""What people call the parts of a record: field titles, section titles and readable labels.

A reviewer reads "Impact assessment › Harms › Wrong refund promise › Severity", not
`impact_assessment.harms[2].severity`. A field's title is written on the model
(`F(..., title="Sign-offs")`) where it is more than its name in words; otherwise it is derived
from the name, with the acronyms a reader expects (EU AI Act, NIST, MVP …). List items are
named by what people call them (a metric's name, a control's title, a harm's id), never by
position. The check sections (what scores and rules are grouped by) have their titles here too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import Enum
from functools import cache
from importlib import resources
from typing import Any

import yaml

from aigov.fieldmodel.walk import every_field
from aigov.i18n import current as current_language
from aigov.i18n import gettext as _

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
    "iama": "IAMA",
    "deda": "DEDA",
    "hf": "HF",
}

# The check sections, in report order, with their title where it is not the field's title:
# the record's sections, then the evidence files and the organisation's policy.
_SECTIONS: tuple[tuple[str, str | None], ...] = (
    ("owner", "Ownership"),
    ("lifecycle", "Lifecycle and review"),
    ("use_case", None),
    ("feasibility", None),
    ("approach", None),
    ("data", None),
    ("impact_assessment", None),
    ("controls", None),
    ("experience", "Experience design"),
    ("metrics", "Metrics stack"),
    ("evaluations", None),
    ("launch", None),
    ("operations", None),
    ("documentation", None),
    ("signoffs", None),
    ("evidence", "Evidence"),
    ("visibility", "Audience and visibility"),
    ("policy", "Organisation policy"),
)

#: Sections that are checked with a record but are not fields of it.
# Who usually answers a rule's item (rule metadata `owner`), in the order a checklist groups them.
OWNERS: dict[str, str] = {
    "pm": "Product manager",
    "ml_lead": "ML lead",
    "legal": "Legal",
    "privacy": "Privacy",
    "security": "Security",
}

NOT_RECORD_SECTIONS = frozenset({"evidence", "policy"})

# fields that name a list item, in order of preference
_NAME_FIELDS = ("name", "title", "signal")


@cache
def model_titles() -> dict[str, str]:
    """Field name → the title written on the model (`Field(title=...)`), for every field that
    has one. A name means the same wherever it is used, so one title per name (tests check)."""
    out: dict[str, str] = {}
    for trail in every_field():
        here = trail[-1]
        if here.info.title:
            out.setdefault(here.name, here.info.title)
    return out


@cache
def _label_table() -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """aigov/data/labels.yaml: labels of vocabulary values, and per-field overrides."""
    text = resources.files("aigov.data").joinpath("labels.yaml").read_text("utf-8")
    data = yaml.safe_load(text) or {}
    values = {str(k): str(v) for k, v in (data.get("values") or {}).items()}
    by_field = {
        str(f): {str(k): str(v) for k, v in (table or {}).items()}
        for f, table in (data.get("by_field") or {}).items()
    }
    return values, by_field


@cache
def _enum_fields() -> dict[type[Enum], tuple[str, ...]]:
    """Each vocabulary (Enum) of the model → the names of the fields that hold it."""
    out: dict[type[Enum], list[str]] = {}
    for trail in every_field():
        base = trail[-1].base
        if isinstance(base, type) and issubclass(base, Enum):
            names = out.setdefault(base, [])
            if trail[-1].name not in names:
                names.append(trail[-1].name)
    return {k: tuple(v) for k, v in out.items()}


def value_label(value: Enum | str, field: str | None = None) -> str:
    """What people call a value of a closed vocabulary: the one label table
    (aigov/data/labels.yaml), else the code in words. `field` picks a per-field label (an
    Enum finds its own field): `essential_services` as an Annex III area is "Annex III point
    5: access to essential private and public services"."""
    values, by_field = _label_table()
    code = str(value.value) if isinstance(value, Enum) else str(value)
    fields: tuple[str, ...] = (field,) if field else ()
    if not fields and isinstance(value, Enum):
        fields = _enum_fields().get(type(value), ())
    for name in fields:
        found = by_field.get(name, {}).get(code)
        if found:
            return _(found)
    if code in values:
        return _(values[code])
    return _(derived_title(code.replace("-", "_")))


def value_phrase(value: Enum | str, field: str | None = None) -> str:
    """A value's label inside a sentence: its first letter lower-cased unless the first word
    is an acronym or a name ("art. 50" never: "Interacts directly with people (Art. 50(1))"
    → "interacts directly with people (Art. 50(1))")."""
    text = value_label(value, field)
    first = text.split(" ", 1)[0]
    if current_language() == "de":  # German nouns keep their capital inside a sentence
        return text
    if (
        (len(first) > 1 and first.isupper())
        or first in _WORDS.values()
        or first.startswith("Annex")
    ):
        return text
    return text[:1].lower() + text[1:]


def label_codes() -> tuple[set[str], dict[str, set[str]]]:
    """The codes the label table names, overall and per field (for its consistency test)."""
    values, by_field = _label_table()
    return set(values), {f: set(t) for f, t in by_field.items()}


def derived_title(name: str) -> str:
    """The name in words: `impact_assessment` → "Impact assessment"; `eu_ai` → "EU AI"."""
    words = [w for w in re.split(r"[_\s]+", name) if w]
    if not words:
        return name
    out = [_WORDS.get(w.lower(), w) for w in words]
    first = out[0]
    out[0] = first if first in _WORDS.values() else first[:1].upper() + first[1:]
    return " ".join(out)


def field_title(name: str) -> str:
    """The title of a field (or of a value used as one, like a stage or a role):
    `signoffs` → "Sign-offs" (from the model), `impact_assessment` → "Impact assessment"."""
    return _(model_titles().get(name) or derived_title(name))


SECTION_TITLES: dict[str, str] = {key: title or field_title(key) for key, title in _SECTIONS}


def section_title(key: str) -> str:
    """The title of a check section; an unknown key in plain words."""
    return _(SECTION_TITLES.get(key, key.replace("_", " ").capitalize()))


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


def slice_words(text: str, *, capital: bool = False) -> str:
    """An evaluation slice in words: `category=critical-illness` → "category: critical
    illness"; `age=70+,language=nl` → "age: 70+, language: nl". Text without `=` is kept."""
    parts = []
    for part in text.split(","):
        key, eq, val = part.strip().partition("=")
        if not eq:
            parts.append(part.strip())
            continue
        words = humanize_id(val.strip())
        if not words[:2].isupper():
            words = words[:1].lower() + words[1:]
        parts.append(f"{derived_title(key.strip()).lower()}: {words}")
    out = ", ".join(parts)
    return out[:1].upper() + out[1:] if capital else out


def short(value: Any, limit: int = 60) -> str:
    """The text on one line, shortened at a word boundary (never mid-word) with "…"."""
    text = " ".join(str(value).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:  # a very long first word is cut rather than left whole
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


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
            if item.get("slice"):
                extra[0] = slice_words(str(item["slice"]))
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
