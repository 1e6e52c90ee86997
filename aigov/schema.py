"""The JSON Schema for records, generated from the record model (draft-07 for editors).

Besides draft-07, it carries what the YAML language server and VS Code show (see
aigov.schema_docs): `markdownDescription` on every described field (description and example),
`enumDescriptions` / `markdownEnumDescriptions` for every closed vocabulary, and
`defaultSnippets` for every kind of list item (a harm, a control, a metric, a sign-off …).
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from typing import Any

import yaml
from pydantic import BaseModel

from aigov import SCHEMA_VERSION
from aigov.model import ComponentFile, Organisation, Record, unwrap
from aigov.paths import COMPONENT_SCHEMA_FILE, ORGANISATION_SCHEMA_FILE, SCHEMA_FILE
from aigov.schema_docs import ENUM_DOCS

SCHEMA_ID = f"https://aigov.dev/schemas/v{SCHEMA_VERSION}/{SCHEMA_FILE}"
ORGANISATION_SCHEMA_ID = f"https://aigov.dev/schemas/v{SCHEMA_VERSION}/{ORGANISATION_SCHEMA_FILE}"
COMPONENT_SCHEMA_ID = f"https://aigov.dev/schemas/v{SCHEMA_VERSION}/{COMPONENT_SCHEMA_FILE}"
_ANSWER_DEFS = {
    "Unknown": {
        "const": "unknown",
        "description": "Not known yet. Counts as a known gap: reported, never mistaken for an answer.",
    },
    "NotApplicable": {
        "type": "object",
        "description": "Does not apply to this system; say why. Satisfies the checks that ask for this field.",
        "properties": {
            "not_applicable": {
                "type": "string",
                "minLength": 1,
                "description": "Why it does not apply.",
            }
        },
        "required": ["not_applicable"],
        "additionalProperties": False,
    },
}


def record_schema() -> dict[str, Any]:
    return _model_schema(
        Record,
        SCHEMA_ID,
        "aigov AI system record",
        "One AI system's governance record. Generated from aigov's record model; do not edit.",
        answers=True,
    )


def organisation_schema() -> dict[str, Any]:
    """The schema of `organisation.yaml` (portfolio-wide GOVERN controls)."""
    return _model_schema(
        Organisation,
        ORGANISATION_SCHEMA_ID,
        "aigov organisation record",
        "The organisation's portfolio-wide controls (organisation.yaml). Generated from "
        "aigov's organisation model; do not edit.",
        answers=False,
    )


def component_schema() -> dict[str, Any]:
    """The schema of a shared component file (`components/<id>.yaml`)."""
    return _model_schema(
        ComponentFile,
        COMPONENT_SCHEMA_ID,
        "aigov shared component",
        "A model, dataset or vendor shared by several systems (components/<id>.yaml). "
        "Generated from aigov's component model; do not edit.",
        answers=False,
    )


def _model_schema(
    model: type[BaseModel], schema_id: str, title: str, description: str, *, answers: bool
) -> dict[str, Any]:
    schema = model.model_json_schema(ref_template="#/definitions/{model}", mode="validation")
    definitions = schema.pop("$defs", {})
    if answers:
        for node in [schema, *definitions.values()]:
            _allow_answers(node)
        definitions.update(_ANSWER_DEFS)
    out: dict[str, Any] = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": schema_id,
        "title": title,
        "description": description,
    }
    out.update({k: v for k, v in schema.items() if k != "title"})
    out["definitions"] = dict(sorted(definitions.items()))
    cleaned = _clean(out)
    cleaned["title"] = title
    _describe_markdown(cleaned)
    for name, node in cleaned["definitions"].items():
        _describe_enums(node, name)
    models = _models()
    for name in sorted(_list_item_definitions(cleaned)):
        if name in models:
            cleaned["definitions"][name]["defaultSnippets"] = [_snippet(models[name])]
    return cleaned


def _describe_markdown(node: Any) -> None:
    """`markdownDescription` for every property with a description: the text and its example."""
    if isinstance(node, dict):
        for prop in (node.get("properties") or {}).values():
            if isinstance(prop, dict) and prop.get("description"):
                prop["markdownDescription"] = _markdown(prop["description"], prop.get("examples"))
        for value in node.values():
            _describe_markdown(value)
    elif isinstance(node, list):
        for value in node:
            _describe_markdown(value)


def _markdown(description: str, examples: list[Any] | None) -> str:
    if not examples:
        return description
    example = examples[0]
    if isinstance(example, dict | list):
        text = yaml.safe_dump(example, allow_unicode=True, sort_keys=False).strip()
        return f"{description}\n\nExample:\n\n```yaml\n{text}\n```"
    shown = ("true" if example else "false") if isinstance(example, bool) else example
    return f"{description}\n\nExample: `{shown}`"


def _describe_enums(node: Any, name: str) -> None:
    """Every `enum` in a definition: the definition's own (a vocabulary, ENUM_DOCS[name]) or a
    property's inline one (a Literal, ENUM_DOCS["Definition.property"])."""
    if not isinstance(node, dict):
        return
    if "enum" in node:
        _describe_enum(name, node)
    for prop, sub in (node.get("properties") or {}).items():
        for inner in _enum_nodes(sub):
            _describe_enum(f"{name}.{prop}", inner)


def _enum_nodes(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, dict):
        found = [node] if "enum" in node else []
        for key in ("anyOf", "allOf", "oneOf"):
            for option in node.get(key, []):
                found += _enum_nodes(option)
        if isinstance(node.get("items"), dict):
            found += _enum_nodes(node["items"])
        return found
    return []


def _describe_enum(name: str, node: dict[str, Any]) -> None:
    """One description per value, in `enum` order, for hover and completion."""
    docs = ENUM_DOCS.get(name, {})
    plain, markdown = [], []
    for value in node["enum"]:
        label = _label(str(value))
        meaning = docs.get(str(value))
        plain.append(f"{label}: {meaning}" if meaning else label)
        markdown.append(f"**{label}**: {meaning}" if meaning else f"**{label}**")
    node["enumDescriptions"] = plain
    node["markdownEnumDescriptions"] = markdown


def _label(code: str) -> str:
    from aigov.cards.values import humanize

    return humanize(code)


def _list_item_definitions(node: Any) -> set[str]:
    """Definitions that are the items of some array (the lists a record holds)."""
    found: set[str] = set()
    if isinstance(node, dict):
        items = node.get("items") if node.get("type") == "array" else None
        if isinstance(items, dict) and str(items.get("$ref", "")).startswith("#/definitions/"):
            found.add(items["$ref"].rsplit("/", 1)[1])
        for value in node.values():
            found |= _list_item_definitions(value)
    elif isinstance(node, list):
        for value in node:
            found |= _list_item_definitions(value)
    return found


def _models() -> dict[str, type[BaseModel]]:
    """Every model of the record, by class name (pydantic's definition names)."""
    seen: dict[str, type[BaseModel]] = {}
    todo: list[type[BaseModel]] = [Record, Organisation]
    while todo:
        model = todo.pop()
        if model.__name__ in seen:
            continue
        seen[model.__name__] = model
        for field in model.model_fields.values():
            inner = unwrap(field.annotation)[0]
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                todo.append(inner)
    return seen


SNIPPET_FIELDS = 6
# Written by aigov itself (`aigov approve`), never typed: left out of the snippets.
SNIPPET_SKIP = frozenset(["record_hash", "revision"])


def _snippet(model: type[BaseModel]) -> dict[str, Any]:
    """A completion template for one list item: its required fields, then the optional ones
    with an example, up to SNIPPET_FIELDS; text values are tab stops holding the example."""
    body: dict[str, Any] = {}
    stop = 1
    fields = model.model_fields
    order = [n for n, f in fields.items() if f.is_required()] + [
        n for n, f in fields.items() if not f.is_required() and f.examples
    ]
    for name in order:
        if len(body) >= SNIPPET_FIELDS:
            break
        if name in SNIPPET_SKIP:
            continue
        field = fields[name]
        example = field.examples[0] if field.examples else _placeholder(field.annotation, name)
        if isinstance(example, list):
            example = example[0] if example and not isinstance(example[0], dict | list) else None
            if example is None:
                continue
            body[name] = [f"${{{stop}:{_tab_text(example)}}}"]
        elif isinstance(example, dict):
            continue
        elif isinstance(example, bool | int | float):
            body[name] = example
            continue
        else:
            body[name] = f"${{{stop}:{_tab_text(example)}}}"
        stop += 1
    label = _label(_snake(model.__name__)).lower()
    doc = (model.__doc__ or "").strip().splitlines()[0] if model.__doc__ else ""
    return {"label": f"New {label}", "description": doc or f"A new {label}", "body": body}


def _tab_text(value: Any) -> str:
    """Placeholder text for a snippet tab stop, with the snippet syntax's `$ } \\` escaped."""
    return str(value).replace("\\", "\\\\").replace("$", "\\$").replace("}", "\\}")


def _placeholder(annotation: Any, name: str) -> Any:
    """A valid stand-in for a field without an example: an enum's first value, a zero."""
    inner = unwrap(annotation)[0]
    if isinstance(inner, type) and issubclass(inner, enum.Enum):
        return next(iter(inner)).value
    if inner is bool:
        return False
    if inner in (int, float):
        return 0
    if inner is dt.date:
        return "YYYY-MM-DD"
    return name


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() and i else c.lower() for i, c in enumerate(name))


def _allow_answers(node: dict[str, Any]) -> None:
    """Every optional property may also be `unknown` or `{not_applicable: why}`."""
    required = set(node.get("required", []))
    for name, prop in node.get("properties", {}).items():
        if name in required:
            continue
        description = prop.pop("description", None)
        examples = prop.pop("examples", None)
        default = prop.pop("default", None)
        prop.pop("title", None)  # dropped from the output anyway (see _clean)
        options = prop.pop("anyOf") if _refers(prop) else [prop]
        wrapped: dict[str, Any] = {
            "anyOf": [
                *options,
                {"$ref": "#/definitions/Unknown"},
                {"$ref": "#/definitions/NotApplicable"},
            ]
        }
        if description:
            wrapped["description"] = description
        if examples is not None:
            wrapped["examples"] = examples
        if default is not None:
            wrapped["default"] = default
        node["properties"][name] = wrapped


def _refers(prop: dict[str, Any]) -> bool:
    """`Model | None` and `Enum | None` are one `anyOf` list of references, which the answers
    join; other optional types keep their own `anyOf` nested."""
    options = prop.get("anyOf")
    return set(prop) == {"anyOf"} and any("$ref" in option for option in options or ())


def _clean(node: Any) -> Any:
    """Drop pydantic's auto titles (editors show descriptions) and keep keys stable."""
    if isinstance(node, dict):
        out = {k: _clean(v) for k, v in node.items() if not (k == "title" and isinstance(v, str))}
        if "$ref" in out and len(out) > 1:  # draft-07 ignores siblings of $ref
            out["allOf"] = [{"$ref": out.pop("$ref")}]
        return out
    if isinstance(node, list):
        return [_clean(v) for v in node]
    return node


# What a public schema catalogue (SchemaStore's catalog.json format) needs to associate records
# by file name. `systems/*.yaml` would claim every YAML file in any project's systems/ folder, so
# the catalogue matches the optional `<id>.aigov.yaml` naming, which discovery also accepts.
CATALOG_FILE_MATCH = ["*.aigov.yaml", "*.aigov.yml"]
# `organisation.yaml` is too common a name to claim; the specific naming is also accepted
ORGANISATION_FILE_MATCH = ["organisation.aigov.yaml"]


def catalog() -> dict[str, Any]:
    """The schema catalogue entry for records (schemas/catalog.json)."""
    return {
        "$schema": "https://json.schemastore.org/schema-catalog.json",
        "version": 1,
        "schemas": [
            {
                "name": "aigov AI system record",
                "description": "One AI system's governance record for aigov "
                "(systems/<id>.aigov.yaml).",
                "fileMatch": CATALOG_FILE_MATCH,
                "url": SCHEMA_ID,
            },
            {
                "name": "aigov organisation record",
                "description": "An organisation's portfolio-wide AI governance controls for "
                "aigov (organisation.aigov.yaml).",
                "fileMatch": ORGANISATION_FILE_MATCH,
                "url": ORGANISATION_SCHEMA_ID,
            },
        ],
    }


def catalog_text() -> str:
    return json.dumps(catalog(), indent=2, ensure_ascii=False) + "\n"


def schema_text() -> str:
    return json.dumps(record_schema(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def component_schema_text() -> str:
    return json.dumps(component_schema(), indent=2, ensure_ascii=False) + "\n"


def organisation_schema_text() -> str:
    return json.dumps(organisation_schema(), indent=2, ensure_ascii=False) + "\n"
