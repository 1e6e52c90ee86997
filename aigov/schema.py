"""The JSON Schema for records, generated from the record model (draft-07 for editors)."""

from __future__ import annotations

import json
from typing import Any

from aigov import SCHEMA_VERSION
from aigov.model import Record
from aigov.paths import SCHEMA_FILE

SCHEMA_ID = f"https://aigov.dev/schemas/v{SCHEMA_VERSION}/{SCHEMA_FILE}"
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
    schema = Record.model_json_schema(ref_template="#/definitions/{model}", mode="validation")
    definitions = schema.pop("$defs", {})
    for node in [schema, *definitions.values()]:
        _allow_answers(node)
    definitions.update(_ANSWER_DEFS)
    out: dict[str, Any] = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        "title": "aigov AI system record",
        "description": "One AI system's governance record. Generated from aigov's record model; do not edit.",
    }
    out.update({k: v for k, v in schema.items() if k != "title"})
    out["definitions"] = dict(sorted(definitions.items()))
    cleaned = _clean(out)
    cleaned["title"] = "aigov AI system record"
    return cleaned


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


def schema_text() -> str:
    return json.dumps(record_schema(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
