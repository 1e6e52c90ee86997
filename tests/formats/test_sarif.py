"""SARIF output validates against the official SARIF 2.1.0 schema and annotates YAML lines."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest

from aigov.checks import all_rules
from aigov.formats import ReportContext
from aigov.formats.sarif import render
from tests.conftest import run_aigov

SCHEMA = json.loads((Path(__file__).parent / "fixtures" / "sarif-schema-2.1.0.json").read_text())
VALIDATOR = jsonschema.Draft4Validator(
    SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
)


@pytest.fixture(scope="module")
def log(checked_repo):
    context = ReportContext("check", checked_repo.files, False, {"fail_on": "error"})
    return json.loads(render(checked_repo.diagnostics, context))


def test_the_schema_fixture_is_a_valid_draft4_schema_that_rejects_bad_logs():
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    assert not VALIDATOR.is_valid({"version": "2.1.0"})  # runs are required
    assert not VALIDATOR.is_valid({"version": "2.0.0", "runs": []})


def test_output_validates_against_sarif_2_1_0(log):
    errors = sorted(VALIDATOR.iter_errors(log), key=lambda e: list(e.path))
    assert errors == [], [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def test_schema_catches_a_broken_region(log):
    broken = copy.deepcopy(log)
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    assert not VALIDATOR.is_valid(broken)


def test_every_result_has_a_rule_a_level_and_a_yaml_region(log, checked_repo):
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids))
    assert {r.id for r in all_rules()} <= set(ids)
    assert len(run["results"]) == len(checked_repo.diagnostics) > 0
    for result, diag in zip(run["results"], checked_repo.diagnostics, strict=True):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == diag.code
        assert (
            result["level"]
            == {"error": "error", "warning": "warning", "info": "note"}[diag.severity.value]
        )
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"].startswith("systems/")
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        if diag.line:
            assert location["region"] == {"startLine": diag.line, "startColumn": diag.column}
        assert diag.message in result["message"]["text"]


def test_rule_metadata_is_in_the_driver(log):
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    eval003 = rules["AIG-EVAL-003"]
    assert (
        eval003["shortDescription"]["text"] == "The latest production results meet their thresholds"
    )
    assert eval003["defaultConfiguration"]["level"] == "error"
    assert "MEASURE 4.3" in eval003["properties"]["tags"]
    assert "```yaml" in eval003["help"]["markdown"]
    schema_rule = next(r for rid, r in rules.items() if rid.startswith("AIG-SCHEMA"))
    assert schema_rule["shortDescription"]["text"]


def test_fingerprints_do_not_depend_on_the_line(log):
    prints = [r["partialFingerprints"]["aigovFinding/v1"] for r in log["runs"][0]["results"]]
    assert len(prints) == len(set(prints))


def test_cli_writes_valid_sarif(checked_repo):
    run = run_aigov("check", "--format", "sarif", "--today", "2026-11-15", cwd=checked_repo.root)
    assert run.returncode == 1
    log = json.loads(run.stdout)
    assert VALIDATOR.is_valid(log)
    assert log["runs"][0]["tool"]["driver"]["name"] == "aigov"
