"""A new record as text: the answers given, and a commented placeholder for every other field.

The text is in canonical order and layout (what `aigov fmt` produces), starts with the
`yaml-language-server` line that gives editors completion, and reads back as exactly the data
it was made from.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel

from aigov.authoring import yamltext
from aigov.authoring.fields import FieldDoc, model_fields
from aigov.model import Record
from aigov.paths import SCHEMA_FILE

COMMENT_WIDTH = 100
MAX_DEPTH = 4


def _describe(doc: FieldDoc, tip: str = "") -> str:
    text = doc.description
    if doc.choices and not all(c in text for c in doc.choices):
        text = f"{text} One of: {', '.join(doc.choices)}."
    if doc.example is not None and not doc.is_section and not doc.choices:
        example = doc.example
        shown = (
            yamltext.comment_text(example, 60)
            if isinstance(example, str)
            else yamltext.scalar(example)
        )
        text = f"{text} e.g. {shown}"
    if tip:
        text = f"{text} Tip: {tip}"
    return yamltext.comment_text(text)


def _placeholder(doc: FieldDoc, indent: int, depth: int, tips: dict[str, str]) -> list[str]:
    """Commented lines standing for a field that has no answer yet."""
    pad = " " * indent
    lines = [f"{pad}# {doc.name}:  # {_describe(doc, tips.get(doc.path, ''))}"]
    model = doc.model
    if model is None or depth >= MAX_DEPTH:
        return lines
    children = [c for c in model_fields(model, doc.path) if not c.is_mapping]
    if doc.is_list:
        for i, child in enumerate(children):
            lead = "  - " if i == 0 else "    "
            lines += _child_placeholder(child, pad, lead, depth, tips)
    else:
        for child in children:
            lines += _child_placeholder(child, pad, "  ", depth, tips)
    return lines


def _child_placeholder(
    child: FieldDoc, pad: str, lead: str, depth: int, tips: dict[str, str]
) -> list[str]:
    inner = _placeholder(child, 0, depth + 1, tips)
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
    tips: dict[str, str],
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
            lines += _placeholder(doc, indent, depth, tips)
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
            lines += _section(doc.model, value, indent + yamltext.INDENT, doc.path, tips, depth + 1)
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
) -> str:
    lines = header(str(data.get("name", data.get("id", "record"))), gate, today, schema_ref, origin)
    ordered = {k: data[k] for k in Record.model_fields if k in data}
    lines += _section(Record, ordered, 0, "", tips or {}, 0)
    while lines and not lines[-1]:
        lines.pop()
    # blank line between top-level sections only; placeholders of a section stay together
    out: list[str] = []
    for line in lines:
        if line == "" and out and out[-1] == "":
            continue
        out.append(line)
    return "\n".join(out) + "\n"
