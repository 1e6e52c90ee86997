"""The published JSON schemas of the exports: up to date with the generator, and every
example's JSON output valid against its kind's schema."""

from __future__ import annotations

import json

import jsonschema
import pytest

from aigov.exports import schema
from aigov.exports.render import render_json

from .conftest import EXAMPLES, KINDS, Build


def test_published_schemas_are_current() -> None:
    assert schema.main(["--check"]) == 0, "run: python -m aigov.exports.schema"


def _validator(kind: str) -> jsonschema.Draft202012Validator:
    path = schema.published_dir() / f"{kind}.schema.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(data)
    return jsonschema.Draft202012Validator(data)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("system", EXAMPLES)
def test_json_validates(build: Build, kind: str, system: str) -> None:
    data = json.loads(render_json(build(kind, system)))
    errors = sorted(_validator(kind).iter_errors(data), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def test_the_schema_refuses_what_it_should(build: Build) -> None:
    data = json.loads(render_json(build("annex-iv", "claims-triage")))
    validator = _validator("annex-iv")
    bad_item = json.loads(json.dumps(data))
    bad_item["coverage"][0]["item"] = "10(z)"
    assert not validator.is_valid(bad_item)
    no_reason = json.loads(json.dumps(data))
    na = next(c for c in no_reason["coverage"] if c["status"] == "not_applicable")
    na["reason"] = ""
    assert not validator.is_valid(no_reason)
    empty = json.loads(json.dumps(data))
    empty["coverage"] = []
    assert not validator.is_valid(empty)
