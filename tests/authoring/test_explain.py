"""aigov explain: meaning, type, allowed values, an example and the rules that need a field."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from aigov.authoring.explain import example_for, explain
from aigov.authoring.fields import all_fields, field_doc
from aigov.checks.registry import all_rules
from aigov.cli import cli
from aigov.model import Harm, Record
from aigov.yamlload import load_text


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["explain", *args, "--no-color"])
    return result.exit_code, result.output


def test_harms_in_words() -> None:
    code, out = run("impact_assessment.harms")
    assert code == 0, out
    assert Record.model_fields["impact_assessment"] is not None
    assert field_doc("impact_assessment.harms").description in out  # type: ignore[union-attr]
    assert "list of Harm" in out
    for name in Harm.model_fields:
        assert f"  {name}" in out
    assert "- id: wrong-refund-promise" in out  # the model's own example
    # rules that read the harms register, from the rule registry
    reading = [
        r.id for r in all_rules() if any(f.startswith("impact_assessment.harms") for f in r.fields)
    ]
    assert reading
    for rid in reading:
        assert rid in out


def test_a_choice_field_lists_the_allowed_values_and_accepts_list_positions() -> None:
    code, out = run("impact_assessment.harms[0].severity")
    assert code == 0
    assert "Allowed   low, medium, high, critical" in out
    assert "severity: high" in out


def test_every_field_has_a_valid_example() -> None:
    """The example `explain` prints is valid YAML for that spot of a record."""
    for doc in all_fields():
        text = example_for(doc)
        data = load_text(text, doc.path).data
        for part in doc.path.split(".")[:-1]:
            data = data[part]
            if isinstance(data, list):
                data = data[0]
        assert doc.name in data, doc.path


def test_examples_of_sections_validate_against_the_model() -> None:
    record = {"schema_version": 1, "id": "x", "name": "X"}
    for path in (
        "impact_assessment",
        "controls",
        "metrics",
        "evaluations",
        "launch",
        "operations",
        "use_case",
    ):
        data = load_text(example_for(field_doc(path)), path).data  # type: ignore[arg-type]
        Record.model_validate({**record, **data})


def test_unknown_field_suggests_close_ones() -> None:
    code, out = run("impact_assesment.harm")
    assert code == 2
    assert "Did you mean" in out and "impact_assessment.harms" in out


def test_controls_lists_nist_subcategories() -> None:
    code, out = run("controls", "--nist")
    assert code == 0
    assert (
        out.count("GOVERN ") + out.count("MAP ") + out.count("MEASURE ") + out.count("MANAGE ")
        >= 72
    )
    assert "MEASURE 2.11" in out
    code, only = run("controls.measure", "--nist")
    assert "MEASURE 2.11" in only and "GOVERN 1.1 " not in only


def test_a_nist_id_is_explained() -> None:
    code, out = run("measure 2.11")
    assert code == 0
    assert "MEASURE 2.11" in out and "Fairness" in out


def test_json_output() -> None:
    _code, out = run("use_case.autonomy", "--format", "json")
    data = json.loads(out)
    assert data["allowed"] == ["copilot", "autopilot"]
    assert data["required"] is False
    assert any(r["id"] == "AIG-USE-004" for r in data["rules"])


def test_sections_without_a_field() -> None:
    code, out = run()
    assert code == 0
    for name in Record.model_fields:
        assert f"  {name}" in out


@pytest.mark.parametrize("path", ["id", "lifecycle.review_cadence_days"])
def test_constraints_are_shown(path: str) -> None:
    e = explain(path)
    assert e.doc.constraints


def test_rule_field_patterns_with_wildcards_are_understood() -> None:
    code, out = run("controls.govern.evidence")
    assert code == 0
    assert "AIG-EVIDENCE-001" in out
    from aigov.authoring.explain import expand_pattern

    for rule in all_rules():
        for pattern in rule.fields:
            assert expand_pattern(pattern), (rule.id, pattern)


def test_a_name_offers_every_field_it_names() -> None:
    code, out = run("threshold")
    assert code == 0, out
    assert "No field is called exactly 'threshold'" in out
    for path in (
        "evaluations.results.threshold",
        "operations.monitoring.threshold",
        "metrics.guardrail.threshold",
    ):
        assert re.search(rf"^  {re.escape(path)} ", out, re.M), path
    code, typo = run("threshhold")  # a typo offers the same list
    assert code == 0 and "evaluations.results.threshold" in typo
    code, out = run("threshold", "--format", "json")
    assert "evaluations.results.threshold" in {f["field"] for f in json.loads(out)}


def test_a_name_only_one_field_has_is_explained_and_namesakes_are_named() -> None:
    code, out = run("rollback")
    assert code == 0 and out.startswith("operations.rollback — ")
    code, out = run("owner")
    assert code == 0 and out.startswith("owner — ")
    assert "Other fields with this name:" in out and "data.sources.owner" in out
