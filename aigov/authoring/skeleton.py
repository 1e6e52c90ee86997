"""A new record as text: the answers given, and a commented placeholder for every other field.

The text is in canonical order and layout (what `aigov fmt` produces), starts with the
`yaml-language-server` line that gives editors completion, and reads back as exactly the data
it was made from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from aigov.authoring import yamltext
from aigov.authoring.fields import FieldDoc, model_fields
from aigov.model import Record
from aigov.paths import SCHEMA_FILE

COMMENT_WIDTH = 100
MAX_DEPTH = 4


@dataclass(frozen=True)
class Notes:
    """What a placeholder says beyond the model: a kind's tip, who answers the field ("for
    legal"), and the kind's examples (None: the model's own examples are shown)."""

    tips: dict[str, str] = field(default_factory=dict)
    owners: dict[str, str] = field(default_factory=dict)
    examples: dict[str, str] | None = None

    def example(self, doc: FieldDoc) -> Any:
        if self.examples is not None:
            return self.examples.get(doc.path)
        return doc.example


def _shown(example: Any) -> str:
    return (
        yamltext.comment_text(example, 60) if isinstance(example, str) else yamltext.scalar(example)
    )


def _describe(doc: FieldDoc, notes: Notes) -> str:
    text = doc.description
    owner = notes.owners.get(doc.path)
    if owner:
        text = f"[{owner}] {text}"
    example = notes.example(doc)
    if doc.choices and not all(c in text for c in doc.choices):
        text = f"{text} {'Any' if doc.is_list else 'One'} of: {', '.join(doc.choices)}."
    if doc.is_list and doc.choices:
        picked = [example] if example in doc.choices else list(doc.choices[:2])
        text = f"{text} A list, e.g. [{', '.join(picked)}]"
    elif doc.is_list and doc.model is None and example is None:
        text = f"{text} A list: one `- item` per line."
    elif doc.is_mapping:
        text = f"{text} A mapping: one `name: value` per line below it."
    elif example is not None and not doc.is_section and not doc.choices and not doc.is_list:
        text = f"{text} e.g. {_shown(example)}"
    tip = notes.tips.get(doc.path, "")
    if tip:
        text = f"{text} Tip: {tip}"
    return yamltext.comment_text(text)


def _placeholder(doc: FieldDoc, indent: int, depth: int, notes: Notes) -> list[str]:
    """Commented lines standing for a field that has no answer yet, in the shape its answer
    takes: a section's fields below it, a list's `- ` items."""
    pad = " " * indent
    lines = [f"{pad}# {doc.name}:  # {_describe(doc, notes)}"]
    model = doc.model
    example = notes.example(doc)
    if model is None and doc.is_list and not doc.choices and example is not None:
        item = " ".join(example.split()) if isinstance(example, str) else example
        lines.append(f"{pad}#   - {yamltext.scalar(item)}")
    if model is None or depth >= MAX_DEPTH:
        return lines
    children = list(model_fields(model, doc.path))
    if doc.is_list:
        for i, child in enumerate(children):
            lead = "  - " if i == 0 else "    "
            lines += _child_placeholder(child, pad, lead, depth, notes)
    else:
        for child in children:
            lines += _child_placeholder(child, pad, "  ", depth, notes)
    return lines


def _child_placeholder(child: FieldDoc, pad: str, lead: str, depth: int, notes: Notes) -> list[str]:
    inner = _placeholder(child, 0, depth + 1, notes)
    first = inner[0][2:]  # drop "# "
    out = [f"{pad}# {lead}{first}"]
    for line in inner[1:]:
        out.append(f"{pad}# {' ' * len(lead)}{line[2:]}")
    return out


def _section(
    model: type[BaseModel],
    data: dict[str, Any],
    indent: int,
    prefix: str,
    notes: Notes,
    depth: int,
) -> list[str]:
    lines: list[str] = []
    pad = " " * indent
    for doc in model_fields(model, prefix):
        if indent == 0 and doc.is_section:
            lines.append("")
        if doc.name not in data:
            if doc.is_mapping:
                continue
            lines += _placeholder(doc, indent, depth, notes)
            continue
        value = canonical(data[doc.name], doc.model) if doc.model is not None else data[doc.name]
        answer = isinstance(value, dict) and set(value) == {"not_applicable"}
        if (
            doc.model is not None
            and not doc.is_list
            and isinstance(value, dict)
            and value
            and not answer
        ):
            lines.append(f"{pad}{doc.name}:")
            lines += _section(
                doc.model, value, indent + yamltext.INDENT, doc.path, notes, depth + 1
            )
        else:
            inline, rest = yamltext.value_lines(value, indent)
            lines.append(f"{pad}{doc.name}:{inline}")
            lines += rest
    return lines


def canonical(value: Any, model: type[BaseModel] | None) -> Any:
    """`value` with mapping keys in the model's order (recursively), for canonical text."""
    if model is None:
        return value
    if isinstance(value, list):
        return [canonical(v, model) for v in value]
    if not isinstance(value, dict) or set(value) == {"not_applicable"}:
        return value
    out: dict[str, Any] = {}
    for doc in model_fields(model):
        if doc.name in value:
            out[doc.name] = canonical(value[doc.name], doc.model)
    for key, item in value.items():
        if key not in out:
            out[key] = item
    return out


def header(
    name: str, gate: str, today: dt.date, schema_ref: str, origin: str = "aigov new"
) -> list[str]:
    title = yamltext.comment_text(name, 60)
    return [
        f"# yaml-language-server: $schema={schema_ref}",
        f"# {title}: AI governance record, started with `{origin}` on {today.isoformat()}.",
        "# Fill in the commented fields as you learn more; `unknown` is an honest answer, and",
        '# {not_applicable: "why"} records a field that does not apply. `aigov explain FIELD` says',
        f"# what a field means; `aigov check --gate {gate}` lists what the next stage still needs.",
        "",
    ]


def render_record(
    data: dict[str, Any],
    *,
    gate: str,
    today: dt.date,
    tips: dict[str, str] | None = None,
    schema_ref: str = f"../schemas/{SCHEMA_FILE}",
    origin: str = "aigov new",
    owners: dict[str, str] | None = None,
    examples: dict[str, str] | None = None,
) -> str:
    """The record's text; `owners` marks placeholders "[for legal]", `examples` (a kind's)
    stand in for the model's examples, which come from several domains."""
    notes = Notes(tips or {}, owners or {}, examples)
    lines = header(str(data.get("name", data.get("id", "record"))), gate, today, schema_ref, origin)
    ordered = {k: data[k] for k in Record.model_fields if k in data}
    lines += _section(Record, ordered, 0, "", notes, 0)
    while lines and not lines[-1]:
        lines.pop()
    # blank line between top-level sections only; placeholders of a section stay together
    out: list[str] = []
    for line in lines:
        if line == "" and out and out[-1] == "":
            continue
        out.append(line)
    return "\n".join(out) + "\n"
