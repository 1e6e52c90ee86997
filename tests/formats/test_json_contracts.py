"""The JSON outputs are a published interface: each names its format, version and shipped schema,
and every JSON output of the example records validates against that schema."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any, get_args

import jsonschema
import pytest
import yaml

from aigov.checks.engine import ChecklistStatus
from aigov.diagnostics import Severity
from aigov.formats.contract import VERSIONS, format_name, schema_file, schema_id
from aigov.model import RiskTier, Stage
from aigov.model.vocab import EUTier
from aigov.obligations.engine import Applies
from aigov.obligations.engine import Status as ObligationState
from aigov.paths import schemas_dir
from aigov.review.diff import Kind
from tests.conftest import REPO, run_aigov

TODAY = "2026-09-01"
EXAMPLES = sorted(p.stem for p in (REPO / "systems").glob("*.yaml"))
NAMES = sorted(VERSIONS)


def schema(name: str) -> dict[str, Any]:
    return json.loads((REPO / "schemas" / schema_file(name)).read_text(encoding="utf-8"))


def validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        schema(name), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def assert_valid(name: str, text: str) -> dict[str, Any]:
    data = json.loads(text)
    errors = sorted(validator(name).iter_errors(data), key=lambda e: list(e.absolute_path))
    assert errors == [], [f"{list(e.absolute_path)}: {e.message[:200]}" for e in errors[:5]]
    assert data["$schema"] == schema_id(name)
    assert data["format"] == format_name(name)
    assert data["format_version"] == VERSIONS[name]
    return data


def components(system: str) -> list[str]:
    data = yaml.safe_load((REPO / "systems" / f"{system}.yaml").read_text(encoding="utf-8"))
    return [c["id"] for c in (data.get("approach") or {}).get("components") or []]


# --- the schemas themselves --------------------------------------------------------------


def _property_maps(node: Any) -> list[dict[str, Any]]:
    """Every `properties` map of the schema (conditions under `if` name no new keys)."""
    found = []
    if isinstance(node, dict):
        if isinstance(node.get("properties"), dict):
            found.append(node["properties"])
        for key, value in node.items():
            if key != "if":
                found += _property_maps(value)
    elif isinstance(node, list):
        for value in node:
            found += _property_maps(value)
    return found


@pytest.mark.parametrize("name", NAMES)
def test_each_schema_is_a_documented_draft_2020_12_schema(name: str) -> None:
    doc = schema(name)
    jsonschema.Draft202012Validator.check_schema(doc)
    assert doc["$id"] == schema_id(name)
    assert doc["title"] and doc["description"]
    undocumented = [
        key
        for props in _property_maps(doc)
        for key, sub in props.items()
        if "description" not in sub and "$ref" not in sub
    ]
    assert undocumented == []
    assert (schemas_dir() / schema_file(name)).is_file()  # ships where the package finds it


def _enums(doc: dict[str, Any]) -> dict[str, list[str]]:
    return {k: v["enum"] for k, v in doc["$defs"].items() if "enum" in v}


def test_the_schemas_enums_are_the_programs_vocabularies() -> None:
    check = _enums(schema("check"))
    assert check["severity"] == [s.value for s in Severity]
    assert check["stage"] == [s.value for s in Stage]
    assert check["tier"] == [t.value for t in RiskTier]
    assert check["euTier"] == [t.value for t in EUTier]
    item = schema("check")["$defs"]["checklistItem"]["properties"]["status"]
    assert item["enum"] == list(get_args(ChecklistStatus))
    change = schema("diff")["$defs"]["change"]["properties"]["kind"]
    assert change["enum"] == list(get_args(Kind))
    obligation = schema("check")["$defs"]["obligation"]["properties"]
    assert obligation["applies"]["enum"] == list(get_args(Applies))
    assert obligation["status"]["enum"] == list(get_args(ObligationState))


def test_the_card_builder_and_the_contract_agree_on_the_card_version() -> None:
    from aigov.cards.builder import CARD_FORMAT_VERSION

    assert VERSIONS["card"] == CARD_FORMAT_VERSION


# --- every output of the examples --------------------------------------------------------


def test_check_json_validates_and_keeps_its_keys() -> None:
    run = run_aigov("check", "--format", "json", "--today", TODAY)
    data = assert_valid("check", run.stdout)
    old_keys = {"tool", "version", "command", "files", "summary", "diagnostics"}
    assert old_keys | {"fail_on", "today", "systems"} <= set(data)
    assert {s["id"] for s in data["systems"]} == set(EXAMPLES)


@pytest.mark.parametrize("stage", ["pilot", "production"])
def test_check_gate_json_validates(stage: str) -> None:
    run = run_aigov("check", "--format", "json", "--today", TODAY, "--gate", stage)
    data = assert_valid("check", run.stdout)
    assert data["gate"] == stage and len(data["systems"]) == len(EXAMPLES)


def test_check_and_validate_json_of_invalid_and_hostile_records_validate(checked_repo) -> None:
    for args in (("check", "--today", TODAY), ("validate",), ("check", "--gate", "mvp")):
        run = run_aigov(*args, "--format", "json", cwd=checked_repo.root)
        data = assert_valid("check" if args[0] == "check" else "validate", run.stdout)
        assert any(d["severity"] == "error" for d in data["diagnostics"])


def test_validate_json_validates() -> None:
    data = assert_valid("validate", run_aigov("validate", "--format", "json").stdout)
    assert data["command"] == "validate" and len(data["files"]) == len(EXAMPLES)


def test_rules_json_validates_as_a_list_and_as_one_rule() -> None:
    listed = assert_valid("rules", run_aigov("rules", "--format", "json").stdout)
    assert len(listed["rules"]) > 40
    filtered = run_aigov("rules", "--format", "json", "--stage", "idea", "--tier", "low")
    assert 0 < len(assert_valid("rules", filtered.stdout)["rules"]) < len(listed["rules"])
    one = assert_valid("rules", run_aigov("rules", "AIG-EVAL-003", "--format", "json").stdout)
    assert one["id"] == "AIG-EVAL-003" and one["policy"]["enabled"] is True


@pytest.mark.parametrize("system", EXAMPLES)
def test_card_json_of_every_system_and_model_card_validates(system: str) -> None:
    run = run_aigov("card", system, "--format", "json", "--today", TODAY)
    assert run.returncode == 0, run.stderr
    assert assert_valid("card", run.stdout)["kind"] == "system"
    for model in components(system):
        run = run_aigov("card", system, "--model", model, "--format", "json", "--today", TODAY)
        assert run.returncode == 0, run.stderr
        card = assert_valid("card", run.stdout)
        assert card["kind"] == "model" and card["component"]["id"] == model


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@pytest.mark.parametrize("system", EXAMPLES)
def test_diff_json_between_two_revisions_and_two_files_validates(
    system: str, tmp_path: Path
) -> None:
    repo = tmp_path / "repo"
    (repo / "systems").mkdir(parents=True)
    record = repo / "systems" / f"{system}.yaml"
    text = (REPO / "systems" / f"{system}.yaml").read_text(encoding="utf-8")
    record.write_text(text, encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "Add the record")
    edited = text.replace("\nname: ", "\nname: Renamed ", 1) + "tags: [contract-test]\n"
    if "\ntags:" in text:
        edited = text.replace("\nname: ", "\nname: Renamed ", 1)
    record.write_text(edited, encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "Rename")
    run = run_aigov("diff", system, "HEAD~1", "HEAD", "--format", "json", cwd=repo)
    assert run.returncode == 0, run.stderr
    data = assert_valid("diff", run.stdout)
    assert data["changes"] and data["from"]["commit"]["subject"] == "Add the record"
    old = tmp_path / "old.yaml"
    old.write_text(text, encoding="utf-8")
    run = run_aigov("diff", "--files", str(old), str(record), "--format", "json", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert any(c["field"] == "name" for c in assert_valid("diff", run.stdout)["changes"])


# --- the schemas are strict enough to catch a broken output ------------------------------


def test_the_schemas_reject_what_consumers_must_not_get() -> None:
    check = json.loads(run_aigov("check", "--format", "json", "--today", TODAY).stdout)
    v = validator("check")
    assert v.is_valid(check)
    broken = json.loads(json.dumps(check))
    broken["diagnostics"][0]["severity"] = "fatal"
    assert not v.is_valid(broken)
    assert not v.is_valid({**check, "surprise": 1})
    assert not v.is_valid({k: val for k, val in check.items() if k != "format_version"})
    assert not v.is_valid({**check, "format_version": 2})
    for field, value in (("eu_ai_act_status", "guessed"), ("status", "done")):
        broken = json.loads(json.dumps(check))
        system = next(s for s in broken["systems"] if (s["obligations"] or {}).get("obligations"))
        if field == "status":
            system["obligations"]["obligations"][0]["status"] = value
        else:
            system["tier"][field] = value
        assert not v.is_valid(broken), field
    card = json.loads(run_aigov("card", "support-copilot", "--format", "json").stdout)
    assert not validator("card").is_valid({**card, "kind": "dataset"})
    assert not validator("card").is_valid({**card, "component": {}})  # a system card has none
