"""`aigov export atrs`: a record as a UK Algorithmic Transparency Recording Standard record.

The template's fields (v3.0: metadata and title information, tier 1, tier 2's owner,
description, decision-making, tool / model / data specification and risk sections) and the
record paths that answer each are data (`aigov/data/atrs.yaml`, checked against the vendored
template table). Every field of the template appears in the result, with the record's text or
as not stated; a required field the record does not answer is listed in `missing`, never filled
with an empty string. The model and data specifications repeat per model component and per data
source, as the template's do. Markdown and HTML follow a GOV.UK record page: numbered headings,
the text under each.
"""

from __future__ import annotations

import functools
import html
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel

from aigov.cards.escape import md_block, md_inline
from aigov.project import LoadedRecord

NOT_STATED = "Not stated in the record."


@functools.cache
def spec() -> dict[str, Any]:
    text = resources.files("aigov.data").joinpath("atrs.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def template_fields() -> list[dict[str, Any]]:
    """Every field of the template, in the template's order."""
    return [dict(f, section=s["id"]) for s in spec()["sections"] for f in s["fields"]]


@dataclass
class AtrsField:
    id: str
    attribute: str
    name: str
    required: bool
    value: str | None  # None: the record does not say
    source: str = ""  # the record path it came from
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "attribute": self.attribute,
            "name": self.name,
            "required": self.required,
            "value": self.value,
            "record_field": self.source or None,
        }


@dataclass
class AtrsItem:
    """One model or data source of a repeated section, or the one body of another section."""

    label: str  # "" for a section that does not repeat
    fields: list[AtrsField]


@dataclass
class AtrsSection:
    id: str
    title: str
    tier: int | None
    items: list[AtrsItem]
    each: str = ""


@dataclass
class AtrsRecord:
    name: str
    sections: list[AtrsSection]
    missing: list[tuple[AtrsField, str]] = field(default_factory=list)  # (field, item label)

    def fields(self) -> list[AtrsField]:
        return [f for s in self.sections for item in s.items for f in item.fields]

    def to_dict(self) -> dict[str, Any]:
        def section(s: AtrsSection) -> dict[str, Any]:
            out: dict[str, Any] = {"id": s.id, "title": s.title, "tier": s.tier}
            if s.each:
                out["items"] = [
                    {"label": i.label, "fields": [f.to_dict() for f in i.fields]} for i in s.items
                ]
            else:
                out["fields"] = [f.to_dict() for f in s.items[0].fields]
            return out

        return {
            "standard": "Algorithmic Transparency Recording Standard",
            "atrs_version": spec()["standard_version"],
            "name": self.name,
            "sections": [section(s) for s in self.sections],
            "missing": [
                {"id": f.id, "attribute": f.attribute, "name": f.name, "item": label or None}
                | ({"note": f.note} if f.note else {})
                for f, label in self.missing
            ],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"


# --- reading the record -------------------------------------------------------------------------


def values_at(obj: Any, steps: list[str]) -> list[Any]:
    """Every value at `steps` under `obj`, through lists."""
    if obj is None:
        return []
    if isinstance(obj, list):
        return [v for item in obj for v in values_at(item, steps)]
    if not steps:
        return [obj]
    return values_at(getattr(obj, steps[0], None), steps[1:])


def as_text(value: Any) -> str:
    if isinstance(value, Enum):
        return str(value.value).replace("_", " ")
    if isinstance(value, BaseModel):
        return _model_text(value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def _model_text(value: BaseModel) -> str:
    """A nested part of the record in one line: its fields that carry a value."""
    data = value.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    lead = next((data.pop(k) for k in ("name", "description", "title", "kind") if k in data), "")
    data.pop("id", None)
    rest = "; ".join(
        f"{k.replace('_', ' ')}: {', '.join(map(str, v)) if isinstance(v, list) else v}"
        for k, v in data.items()
        if v not in ([], {}, "")
    )
    return f"{lead} ({rest})" if lead and rest else str(lead or rest)


def _joined(texts: list[str]) -> str | None:
    texts = list(dict.fromkeys(t for t in texts if t))
    if not texts:
        return None
    return texts[0] if len(texts) == 1 else "\n".join(f"- {t}" for t in texts)


# --- the answers aigov composes (`derive` in the data file) ------------------------------------

Derive = Callable[[LoadedRecord, Any], str | None]


def _standard_version(loaded: LoadedRecord, item: Any) -> str | None:
    return str(spec()["standard_version"])


def _capability(loaded: LoadedRecord, item: Any) -> str | None:
    kinds = values_at(loaded.record, ["approach", "components", "kind"])
    return _joined([spec()["capability"][k.value] for k in kinds])


def _date_archived(loaded: LoadedRecord, item: Any) -> str | None:
    """The date the system was retired; a system in use is not archived (said, not blank)."""
    record = loaded.record
    stage = getattr(getattr(record, "lifecycle", None), "stage", None)
    if stage is None:
        return None
    if stage.value != "retired":
        return "Not archived"
    since = record.lifecycle.stage_since if record and record.lifecycle else None
    return since.isoformat() if since else None


def _supplier_involvement(loaded: LoadedRecord, item: Any) -> str | None:
    components = values_at(loaded.record, ["approach", "components"])
    if not components:
        return None
    external = [c for c in components if c.source is not None and c.source.value != "in_house"]
    if external:
        return "Yes"
    if all(c.source is not None for c in components):
        return "No"
    return None  # a component of unknown source: the record does not say


def _model_performance(loaded: LoadedRecord, item: Any) -> str | None:
    results = values_at(loaded.record, ["evaluations", "results"])
    mine = [r for r in results if r.component in (None, item.id)]
    if len(values_at(loaded.record, ["approach", "components"])) > 1:
        mine = [r for r in results if r.component == item.id]
    lines = []
    for r in mine:
        where = f" on {r.dataset}" if r.dataset else ""
        piece = f" ({r.slice})" if r.slice else ""
        lines.append(f"{r.metric}{piece}{where}: {r.value:g} ({r.date.isoformat()})")
    return _joined(lines)


def _dataset_purposes(loaded: LoadedRecord, item: Any) -> str | None:
    lines = [f"{d}: training" for d in item.training_data]
    lines += [f"{d}: evaluation" for d in item.evaluation_data]
    return _joined(lines)


def _sensitive_attributes(loaded: LoadedRecord, item: Any) -> str | None:
    parts = [as_text(c) for c in item.sensitive_categories]
    if item.personal_data is not None:
        parts.append("personal data" if item.personal_data else "no personal data")
    return _joined(parts)


DERIVE: dict[str, Derive] = {
    "standard_version": _standard_version,
    "capability": _capability,
    "date_archived": _date_archived,
    "external_supplier_involvement": _supplier_involvement,
    "model_performance": _model_performance,
    "dataset_purposes": _dataset_purposes,
    "sensitive_attributes": _sensitive_attributes,
}


def _answer(loaded: LoadedRecord, spec_field: dict[str, Any], base: Any) -> AtrsField:
    found: list[str] = []
    source = ""
    if "derive" in spec_field:
        value = None if base is None else DERIVE[spec_field["derive"]](loaded, base)
    else:
        for path in spec_field.get("record") or []:
            values = [v for v in values_at(base, path.split(".")) if v not in (None, "", [])]
            if path == "lifecycle.stage":
                values = [spec()["phase"][v.value] for v in values]
            text = _joined([as_text(v) for v in values])
            if text:
                source = source or path
                found.append(text)
        value = "\n\n".join(dict.fromkeys(found)) if found else None
    return AtrsField(
        spec_field["id"],
        spec_field["attribute"],
        spec_field["name"],
        bool(spec_field["required"]),
        value,
        source,
        spec_field.get("note", ""),
    )


def _section(loaded: LoadedRecord, s: dict[str, Any]) -> AtrsSection:
    each = s.get("each", "")
    if not each:
        items = [AtrsItem("", [_answer(loaded, f, loaded.record) for f in s["fields"]])]
    else:
        parts = values_at(loaded.record, each.split("."))
        items = [
            AtrsItem(
                getattr(p, "name", "") or getattr(p, "id", ""),
                [_answer(loaded, f, p) for f in s["fields"]],
            )
            for p in parts
        ]
        if not items:  # no model / no data source: the section's fields are all unanswered
            items = [AtrsItem("", [_answer(loaded, f, None) for f in s["fields"]])]
    return AtrsSection(s["id"], s["title"], s.get("tier"), items, each)


def export_atrs(loaded: LoadedRecord) -> AtrsRecord:
    """The ATRS record of `loaded` (its record must validate)."""
    assert loaded.record is not None
    sections = [_section(loaded, s) for s in spec()["sections"]]
    result = AtrsRecord(loaded.record.name, sections)
    result.missing = [
        (f, item.label)
        for s in sections
        for item in s.items
        for f in item.fields
        if f.required and f.value is None
    ]
    return result


# --- Markdown and HTML, as a GOV.UK record page ------------------------------------------------


def _md_text(value: str) -> str:
    blocks = []
    for block in value.split("\n\n"):
        rows = block.split("\n")
        if all(r.startswith("- ") for r in rows):
            blocks.append("\n".join(f"- {md_inline(r[2:])}" for r in rows))
        else:
            blocks.append("\n".join(str(md_block(r)) for r in rows))
    return "\n\n".join(blocks)


def _tier_title(tier: int | None) -> str:
    return "Metadata" if tier is None else f"Tier {tier}"


def to_markdown(atrs: AtrsRecord) -> str:
    version = spec()["standard_version"]
    lines = [
        f"# {md_inline(atrs.name)}",
        "",
        f"Algorithmic Transparency Recording Standard v{version}",
    ]
    for s in atrs.sections:
        lines += ["", f"## {md_inline(s.id)} {md_inline(s.title)} ({_tier_title(s.tier)})"]
        for n, item in enumerate(s.items, 1):
            level = "###"
            if s.each:
                label = item.label or "none in the record"
                lines += ["", f"### {md_inline(s.title)} {n}: {md_inline(label)}"]
                level = "####"
            for f in item.fields:
                lines += ["", f"{level} {md_inline(f.id)} {md_inline(f.name)}", ""]
                lines.append(_md_text(f.value) if f.value else f"*{NOT_STATED}*")
    if atrs.missing:
        lines += ["", "## Required fields the record does not answer", ""]
        for f, label in atrs.missing:
            of = f" ({md_inline(label)})" if label else ""
            lines.append(f"- {md_inline(f.id)} {md_inline(f.name)}{of}")
    return "\n".join(lines) + "\n"


def _html_text(value: str) -> str:
    paragraphs = []
    for block in value.split("\n\n"):
        rows = block.split("\n")
        if all(r.startswith("- ") for r in rows):
            items = "".join(f"<li>{html.escape(r[2:])}</li>" for r in rows)
            paragraphs.append(f"<ul>{items}</ul>")
        else:
            paragraphs.append("<p>" + "<br>".join(html.escape(r) for r in rows) + "</p>")
    return "".join(paragraphs)


def to_html(atrs: AtrsRecord) -> str:
    """A standalone page with the body a GOV.UK record page carries (numbered headings)."""
    version = html.escape(str(spec()["standard_version"]))
    name = html.escape(atrs.name)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{name}: algorithmic transparency record</title></head><body>",
        f"<h1>{name}</h1>",
        f"<p>Algorithmic Transparency Recording Standard v{version}</p>",
    ]
    for s in atrs.sections:
        out.append(f"<h2>{html.escape(s.id)} {html.escape(s.title)} ({_tier_title(s.tier)})</h2>")
        for n, item in enumerate(s.items, 1):
            tag = "h3"
            if s.each:
                label = html.escape(item.label or "none in the record")
                out.append(f"<h3>{html.escape(s.title)} {n}: {label}</h3>")
                tag = "h4"
            for f in item.fields:
                out.append(f"<{tag}>{html.escape(f.id)} {html.escape(f.name)}</{tag}>")
                out.append(_html_text(f.value) if f.value else f"<p><em>{NOT_STATED}</em></p>")
    if atrs.missing:
        out.append("<h2>Required fields the record does not answer</h2><ul>")
        for f, label in atrs.missing:
            of = f" ({html.escape(label)})" if label else ""
            out.append(f"<li>{html.escape(f.id)} {html.escape(f.name)}{of}</li>")
        out.append("</ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
