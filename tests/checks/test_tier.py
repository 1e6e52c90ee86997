"""Risk tiers: the derivation matches the documented algorithm, case by case and cell by cell."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import aigov.checks.tier as tier_module
from aigov.checks import derive_tier
from aigov.checks.tier import MATRIX, harm_tier
from aigov.model import Likelihood, RiskTier, Severity

from .conftest import FIXTURES, load
from .test_rules import expectations

CASES = sorted((FIXTURES / "tiers").glob("*.yaml"))


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_tier_case(path: Path):
    expect = expectations(path)
    assessment = derive_tier(load(path))
    if "internal" in expect:
        assert assessment.internal.value == expect["internal"], assessment.reasons
    if "eu" in expect:
        got = assessment.eu.value if assessment.eu else "none"
        assert got == expect["eu"], assessment.reasons
    if "reason" in expect:
        assert any(expect["reason"] in r for r in assessment.reasons), assessment.reasons
    assert assessment.reasons, "every tier comes with its reasons"


def test_matrix_in_the_docstring_is_the_matrix_in_the_code():
    """The documented table is the algorithm, so reviewers can trust the explanation."""
    doc = tier_module.__doc__ or ""
    rows = re.findall(r"^\s*\| (low|medium|high|critical)\s*\|(.+)\|\s*$", doc, re.M)
    assert len(rows) == 4
    for severity, cells in rows:
        documented = [c.strip() for c in cells.split("|")]
        assert documented == [t.value for t in MATRIX[Severity(severity)]]


@pytest.mark.parametrize("severity", list(Severity))
@pytest.mark.parametrize("likelihood", list(Likelihood))
def test_matrix_follows_the_score_bands(severity: Severity, likelihood: Likelihood):
    score = severity.score * likelihood.score
    band = (
        RiskTier.LOW
        if score <= 4
        else RiskTier.MEDIUM
        if score <= 9
        else RiskTier.HIGH
        if score <= 14
        else RiskTier.CRITICAL
    )
    floor = {Severity.HIGH: RiskTier.MEDIUM, Severity.CRITICAL: RiskTier.HIGH}.get(
        severity, RiskTier.LOW
    )
    expected = band if band.order >= floor.order else floor
    assert harm_tier(severity, likelihood) == expected


def test_declared_higher_tier_is_the_effective_one(fixture_path):
    assessment = derive_tier(
        load(fixture_path("AIG-TIER-002", "pass-declared-higher-than-derived.yaml"))
    )
    assert assessment.internal == RiskTier.LOW
    assert assessment.effective == RiskTier.HIGH
    assert not assessment.internal_under_declared


def test_declared_lower_tier_is_flagged_not_used(fixture_path):
    assessment = derive_tier(
        load(fixture_path("AIG-TIER-002", "fail-declared-low-derived-high.yaml"))
    )
    assert assessment.effective == RiskTier.HIGH
    assert assessment.internal_under_declared
    data = assessment.to_dict()
    assert data["declared_internal"] == "low" and data["internal"] == "high"


def test_an_undetermined_tier_says_so_and_is_not_not_assessed():
    undetermined = derive_tier(load(FIXTURES / "tiers" / "profiling-only-is-undetermined.yaml"))
    assert undetermined.eu is None and undetermined.eu_status == "undetermined"
    assert undetermined.to_dict()["eu_ai_act_status"] == "undetermined"
    assert undetermined.why_eu().startswith("The EU AI Act tier is undetermined")
    none = derive_tier(load(FIXTURES / "tiers" / "no-impact-assessment.yaml"))
    assert none.eu is None and none.eu_status == "not_assessed"
