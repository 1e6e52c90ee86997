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


# --- what editors show: hover, enum descriptions, snippets, and the catalogue entry ----------


def _walk(node: object, path: str = "") -> list[tuple[str, dict[str, object]]]:
    """Every schema object in the schema, with its JSON pointer-ish path."""
    found: list[tuple[str, dict[str, object]]] = []
    if isinstance(node, dict):
        found.append((path, node))
        for key, value in node.items():
            found += _walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _walk(value, f"{path}[{i}]")
    return found


def test_every_described_field_has_a_markdown_description_with_its_example() -> None:
    schema = record_schema()
    props = [
        (f"{path}/{name}", prop)
        for path, node in _walk(schema)
        if isinstance(node.get("properties"), dict) and not path.endswith("/properties")
        for name, prop in node["properties"].items()  # type: ignore[union-attr]
    ]
    described = [(p, prop) for p, prop in props if prop.get("description")]
    assert len(described) > 300
    for path, prop in described:
        md = prop.get("markdownDescription")
        assert isinstance(md, str) and md.startswith(prop["description"]), path
        if prop.get("examples"):
            assert "Example" in md, path
    assert schema["properties"]["id"]["markdownDescription"].endswith("Example: `support-copilot`")


def test_every_enum_has_a_description_per_value() -> None:
    enums = [(p, n) for p, n in _walk(record_schema()) if "enum" in n]
    assert len(enums) >= 30
    for path, node in enums:
        values = node["enum"]
        for key in ("enumDescriptions", "markdownEnumDescriptions"):
            docs = node.get(key)
            assert isinstance(docs, list) and len(docs) == len(values), (path, key)  # type: ignore[arg-type]
            assert all(isinstance(d, str) and d.strip() for d in docs), (path, key)
    stage = record_schema()["definitions"]["Stage"]
    assert stage["markdownEnumDescriptions"][stage["enum"].index("pilot")].startswith("**Pilot**")


def _list_item_definitions(schema: dict[str, object]) -> set[str]:
    """The object definitions some array holds (the lists of harms, controls …)."""
    names = {
        str(node["items"]["$ref"]).rsplit("/", 1)[1]  # type: ignore[index]
        for _, node in _walk(schema)
        if node.get("type") == "array"
        and isinstance(node.get("items"), dict)
        and "$ref" in node["items"]  # type: ignore[operator]
    }
    return {n for n in names if schema["definitions"][n].get("type") == "object"}  # type: ignore[index]


def _fill(value: object) -> object:
    """A snippet body with its tab stops replaced by their placeholder text."""
    import re

    if isinstance(value, str):

        def text(m: re.Match[str]) -> str:
            return re.sub(r"\\(.)", r"\1", m.group(1))

        return re.sub(r"\$\{\d+:((?:\\.|[^}\\])*)\}", text, value)
    if isinstance(value, list):
        return [_fill(v) for v in value]
    if isinstance(value, dict):
        return {k: _fill(v) for k, v in value.items()}
    return value


def test_every_kind_of_list_item_has_a_snippet_that_validates() -> None:
    schema = record_schema()
    items = _list_item_definitions(schema)
    for name in ("Harm", "Control", "Metric", "SignOff", "EvalResult", "Person"):
        assert name in items
    for name in sorted(items):
        definition = schema["definitions"][name]
        snippets = definition.get("defaultSnippets")
        assert snippets, f"{name}: no defaultSnippets"
        snippet = snippets[0]
        assert snippet["label"] and snippet["description"]
        body = snippet["body"]
        assert set(definition.get("required", [])) <= set(body), name
        assert any("${1:" in str(v) for v in body.values()), f"{name}: no tab stop"
        one = {"definitions": schema["definitions"], "allOf": [{"$ref": f"#/definitions/{name}"}]}
        jsonschema.Draft7Validator(one).validate(_fill(body))


def test_catalogue_entry_is_current_and_matches_only_the_specific_naming() -> None:
    import fnmatch

    from aigov.schema import SCHEMA_ID, catalog_text

    committed = (REPO / "schemas" / "catalog.json").read_text("utf-8")
    assert committed == catalog_text(), "run: aigov schema --catalog > schemas/catalog.json"
    entry = json.loads(committed)["schemas"][0]
    assert entry["url"] == SCHEMA_ID == record_schema()["$id"]
    patterns = entry["fileMatch"]

    def matches(name: str) -> bool:
        return any(fnmatch.fnmatch(name, p) for p in patterns)

    assert matches("support-copilot.aigov.yaml") and matches("x.aigov.yml")
    for generic in ("support-copilot.yaml", "system.yaml", "aigov.yaml", "docker-compose.yml"):
        assert not matches(generic), generic


def test_a_record_named_for_the_catalogue_works_end_to_end(tmp_path: Path) -> None:
    from tests.conftest import run_aigov

    repo = tmp_path / "gov"
    assert run_aigov("init", str(repo), cwd=tmp_path).returncode == 0
    new = run_aigov("new", "demo-bot", "--name", "Demo bot", cwd=repo)
    assert new.returncode == 0, new.stdout + new.stderr
    plain = repo / "systems" / "demo-bot.yaml"
    named = repo / "systems" / "demo-bot.aigov.yaml"
    plain.rename(named)
    text = named.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=")  # editors without the catalogue
    validate = run_aigov("validate", cwd=repo)
    assert validate.returncode == 0, validate.stdout + validate.stderr
    card = run_aigov("card", "demo-bot", cwd=repo)
    assert card.returncode == 0, card.stderr
    assert "Demo bot" in card.stdout
    doc, diags = load_file(named)
    assert doc is not None and not diags
    jsonschema.Draft7Validator(record_schema()).validate(doc.data)
