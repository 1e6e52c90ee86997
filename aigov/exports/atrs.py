"""`aigov export atrs`: a record as a UK Algorithmic Transparency Recording Standard record.

The template's fields (v3.0: metadata, tier 1, tier 2's five sections) and the record paths
that answer each are data (`aigov/data/atrs.yaml`). Every field of the template appears in the
result: with the record's text, or listed as missing (a required one is named in `missing`,
never filled with an empty string). Markdown and HTML follow a GOV.UK record page: numbered
headings, the text under each.
"""

from __future__ import annotations

import functools
import html
import json
from dataclasses import dataclass, field
from enum import Enum
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel

from aigov.cards.escape import md_block, md_inline
from aigov.project import LoadedRecord


@functools.cache
def spec() -> dict[str, Any]:
    text = resources.files("aigov.data").joinpath("atrs.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def template_fields() -> list[dict[str, Any]]:
    """Every field of the template, metadata first, in the template's order."""
    out = [dict(f, section="Metadata") for f in spec()["metadata"]]
    for tier in spec()["tiers"]:
        for section in tier["sections"]:
            out += [dict(f, section=section["title"], tier=tier["id"]) for f in section["fields"]]
    return out


@dataclass
class AtrsField:
    id: str
    title: str
    required: bool
    value: str | None  # None: the record does not say
    source: str = ""  # the record path it came from

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "required": self.required,
            "value": self.value,
            "record_field": self.source or None,
        }


@dataclass
class AtrsRecord:
    name: str
    metadata: list[AtrsField]
    tiers: list[tuple[dict[str, Any], list[tuple[dict[str, Any], list[AtrsField]]]]]
    missing: list[AtrsField] = field(default_factory=list)  # required and not given

    def fields(self) -> list[AtrsField]:
        out = list(self.metadata)
        for _, sections in self.tiers:
            for _, fields in sections:
                out += fields
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "standard": "Algorithmic Transparency Recording Standard",
            "atrs_version": spec()["standard_version"],
            "name": self.name,
            "metadata": {f.title: f.to_dict() for f in self.metadata},
            "tiers": [
                {
                    "id": tier["id"],
                    "title": tier["title"],
                    "sections": [
                        {
                            "id": section["id"],
                            "title": section["title"],
                            "fields": [f.to_dict() for f in fields],
                        }
                        for section, fields in sections
                    ],
                }
                for tier, sections in self.tiers
            ],
            "missing": [{"id": f.id, "title": f.title} for f in self.missing],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"


def _values(obj: Any, steps: list[str]) -> list[Any]:
    """Every value at `steps` under `obj`, through lists."""
    if obj is None:
        return []
    if isinstance(obj, list):
        return [v for item in obj for v in _values(item, steps)]
    if not steps:
        return [obj]
    return _values(getattr(obj, steps[0], None), steps[1:])


def _text(value: Any) -> str:
    if isinstance(value, Enum):
        return str(value.value).replace("_", " ")
    if isinstance(value, BaseModel):
        return _model_text(value)
    return str(value)


def _model_text(value: BaseModel) -> str:
    """A nested part of the record in one line: its fields that carry a value."""
    data = value.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    lead = next((data.pop(k) for k in ("name", "description", "title") if k in data), "")
    rest = "; ".join(
        f"{k.replace('_', ' ')}: {', '.join(map(str, v)) if isinstance(v, list) else v}"
        for k, v in data.items()
        if v not in ([], {}, "")
    )
    return f"{lead} ({rest})" if lead and rest else str(lead or rest)


def _answer(loaded: LoadedRecord, spec_field: dict[str, Any]) -> AtrsField:
    record = loaded.record
    found: list[str] = []
    source = ""
    for path in spec_field.get("record") or []:
        values = [v for v in _values(record, path.split(".")) if v not in (None, "", [])]
        if path == "lifecycle.stage" and values:
            values = [spec()["phase"][str(values[0].value)]]
        if values:
            source = source or path
            texts = list(dict.fromkeys(_text(v) for v in values))
            found.append(texts[0] if len(texts) == 1 else "\n".join(f"- {t}" for t in texts))
    if spec_field["title"] == "ATRS version":
        found, source = [spec()["standard_version"]], ""
    value = "\n\n".join(dict.fromkeys(found)) if found else None
    return AtrsField(spec_field["id"], spec_field["title"], bool(spec_field["required"]), value, source)


def export_atrs(loaded: LoadedRecord) -> AtrsRecord:
    """The ATRS record of `loaded` (its record must validate)."""
    assert loaded.record is not None
    metadata = [_answer(loaded, f) for f in spec()["metadata"]]
    tiers = [
        (tier, [(section, [_answer(loaded, f) for f in section["fields"]]) for section in tier["sections"]])
        for tier in spec()["tiers"]
    ]
    result = AtrsRecord(loaded.record.name, metadata, tiers)
    result.missing = [f for f in result.fields() if f.required and f.value is None]
    return result


NOT_STATED = "Not stated in the record."


def _md_text(value: str) -> str:
    blocks = []
    for block in value.split("\n\n"):
        rows = block.split("\n")
        if all(r.startswith("- ") for r in rows):
            blocks.append("\n".join(f"- {md_inline(r[2:])}" for r in rows))
        else:
            blocks.append("\n".join(str(md_block(r)) for r in rows))
    return "\n\n".join(blocks)


def _one_line(value: str) -> str:
    return ", ".join(r[2:] if r.startswith("- ") else r for r in value.split("\n") if r.strip())


def to_markdown(atrs: AtrsRecord) -> str:
    lines = [f"# {md_inline(atrs.name)}", "", f"Algorithmic Transparency Recording Standard v{spec()['standard_version']}", ""]
    for f in atrs.metadata:
        lines.append(
            f"- **{md_inline(f.title)}:** {md_inline(_one_line(f.value)) if f.value else NOT_STATED}"
        )
    for tier, sections in atrs.tiers:
        lines += ["", f"## {md_inline(tier['title'])}"]
        for section, fields in sections:
            lines += ["", f"### {md_inline(section['id'])} {md_inline(section['title'])}"]
            for f in fields:
                lines += ["", f"#### {md_inline(f.id)} {md_inline(f.title)}", ""]
                lines.append(_md_text(f.value) if f.value else f"*{NOT_STATED}*")
    if atrs.missing:
        lines += ["", "## Missing", ""] + [f"- {md_inline(f.id)} {md_inline(f.title)}" for f in atrs.missing]
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
    """The record as a GOV.UK record page's body (govspeak-like HTML: headings, paragraphs)."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{html.escape(atrs.name)}: algorithmic transparency record</title></head><body>",
        f"<h1>{html.escape(atrs.name)}</h1>",
        f"<p>Algorithmic Transparency Recording Standard v{html.escape(spec()['standard_version'])}</p>",
        "<dl>",
    ]
    for f in atrs.metadata:
        value = _one_line(f.value) if f.value else NOT_STATED
        out.append(f"<dt>{html.escape(f.title)}</dt><dd>{html.escape(value)}</dd>")
    out.append("</dl>")
    for tier, sections in atrs.tiers:
        out.append(f"<h2>{html.escape(tier['title'])}</h2>")
        for section, fields in sections:
            out.append(f"<h3>{html.escape(section['id'])} {html.escape(section['title'])}</h3>")
            for f in fields:
                out.append(f"<h4>{html.escape(f.id)} {html.escape(f.title)}</h4>")
                out.append(_html_text(f.value) if f.value else f"<p><em>{NOT_STATED}</em></p>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
