"""`aigov rules`: the list, one rule explained, filters, JSON, and the policy's effect."""

from __future__ import annotations

import json
from pathlib import Path

from aigov.checks import all_rules
from tests.conftest import run_aigov

POLICY = Path(__file__).resolve().parent.parent / "checks" / "fixtures" / "policy"


def test_list_shows_every_rule_grouped():
    run = run_aigov("rules")
    assert run.returncode == 0
    for rule in all_rules():
        assert rule.id in run.stdout
    assert "\nEvaluations\n" in run.stdout
    assert run.stdout.rstrip().endswith("`aigov rules ID` explains one.")


def test_explain_one_rule():
    run = run_aigov("rules", "aig-eval-003")
    assert run.returncode == 0
    out = run.stdout
    assert out.startswith("AIG-EVAL-003: The latest production results meet their thresholds")
    for heading in ("Applies to", "Why", "Serves", "How to fix", "Example"):
        assert f"\n{heading}\n" in out
    assert "NIST AI RMF MEASURE 4.3: Measurable performance improvements" in out
    assert "EU AI Act Art. 15(1)" in out
    assert "production; all tiers; when evaluation results are recorded" in out


def test_unknown_rule_suggests_the_closest():
    run = run_aigov("rules", "AIG-EVAL-03")
    assert run.returncode == 2
    assert "Did you mean AIG-EVAL-003?" in run.stderr


def test_filters_by_stage_and_tier():
    idea = run_aigov("rules", "--stage", "idea").stdout
    assert "AIG-USE-001" in idea and "AIG-OPS-001" not in idea
    low = run_aigov("rules", "--stage", "production", "--tier", "low").stdout
    assert "AIG-OPS-005" not in low and "AIG-OPS-001" in low


def test_json_and_policy_effect():
    run = run_aigov("rules", "--format", "json", "--root", str(POLICY / "valid"))
    rules = {r["id"]: r for r in json.loads(run.stdout)["rules"]}
    assert len(rules) == len(all_rules())
    assert rules["AIG-METRIC-003"]["policy"]["enabled"] is False
    assert rules["AIG-EVAL-004"]["policy"]["severity"] == "error"
    assert rules["AIG-EVAL-004"]["severity"] == "warning"
    text = run_aigov("rules", "--root", str(POLICY / "valid")).stdout
    assert "adjusted by your policy" in text
    explained = run_aigov("rules", "AIG-METRIC-003", "--root", str(POLICY / "valid")).stdout
    assert "switched off by your policy" in explained


def test_the_tier_rule_explains_the_algorithm():
    out = run_aigov("rules", "AIG-TIER-002").stdout
    assert "\nHow it works\n" in out
    assert "| high     | medium | medium | medium | high     | critical |" in out
    assert "Art. 6(3) derogation" in out


def test_a_rule_weighed_by_tier_says_so():
    run = run_aigov("rules", "AIG-CTRL-003")
    assert run.returncode == 0
    assert (
        "Severity: warning — by tier: low info, medium warning, high error, critical error"
        in run.stdout
    )
    assert "by tier" not in run_aigov("rules", "AIG-EVAL-003").stdout
