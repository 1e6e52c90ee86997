"""The committed JSON Schema is generated from the model, current, draft-07, and documented."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from aigov.model import Record
from aigov.paths import SCHEMA_FILE, schemas_dir
from aigov.schema import record_schema, schema_text
from aigov.yamlload import load_file

REPO = Path(__file__).resolve().parent.parent


def test_committed_schema_is_current() -> None:
    committed = (REPO / "schemas" / SCHEMA_FILE).read_text("utf-8")
    assert committed == schema_text(), "run: aigov schema > schemas/aigov-record.schema.json"


def test_schema_is_a_valid_draft_07_schema_with_an_id() -> None:
    schema = record_schema()
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert schema["$id"].endswith(SCHEMA_FILE)
    jsonschema.Draft7Validator.check_schema(schema)
    text = json.dumps(schema)
    for keyword in ("$defs", "prefixItems", "unevaluatedProperties", "dependentRequired"):
        assert keyword not in text, f"{keyword} is not draft-07"


def _fields(model: type, prefix: str = "") -> list[tuple[str, object]]:
    out = []
    for name, field in model.model_fields.items():
        out.append((prefix + name, field))
    return out


def _all_models() -> set[type]:
    seen: set[type] = set()
    todo = [Record]
    from pydantic import BaseModel

    from aigov.model import unwrap

    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for field in model.model_fields.values():
            inner = unwrap(field.annotation)[0]
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                todo.append(inner)
    return seen


@pytest.mark.parametrize(
    "model", sorted(_all_models(), key=lambda m: m.__name__), ids=lambda m: m.__name__
)
def test_every_field_has_a_description_for_the_product_manager(model: type) -> None:
    missing = [name for name, field in model.model_fields.items() if not field.description]
    assert missing == [], f"{model.__name__}: fields without description: {missing}"


def test_full_fixture_validates_with_jsonschema_too() -> None:
    doc, diags = load_file(REPO / "tests" / "fixtures" / "full-record.yaml")
    assert doc is not None and not diags
    jsonschema.Draft7Validator(record_schema(), format_checker=jsonschema.FormatChecker()).validate(
        doc.data
    )


def test_unknown_and_not_applicable_are_accepted_by_the_schema() -> None:
    validator = jsonschema.Draft7Validator(record_schema())
    base = {"schema_version": 1, "id": "x", "name": "x"}
    assert validator.is_valid({**base, "operations": "unknown"})
    assert validator.is_valid({**base, "operations": {"not_applicable": "never deployed"}})
    assert not validator.is_valid({**base, "operations": {"not_applicable": ""}})
    assert not validator.is_valid({**base, "id": "unknown", "name": {"not_applicable": "x"}})


def test_schemas_dir_resolves() -> None:
    assert (schemas_dir() / SCHEMA_FILE).is_file()
