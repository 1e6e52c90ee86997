"""The organisation's policy file: what it changes, and clear errors when it is broken."""

from __future__ import annotations

from pathlib import Path

import pytest

from aigov.checks import CheckOptions, PolicyError, default_policy, load_policy
from aigov.checks.engine import check_loaded
from aigov.diagnostics import Severity
from aigov.model import ReviewRole, RiskTier, Stage
from tests.conftest import run_aigov

from .conftest import FIXTURES, TODAY, load

POLICY = FIXTURES / "policy"


def findings(name: str, policy_dir: str = "valid"):
    folder = POLICY / policy_dir
    loaded = load(folder / name)
    return check_loaded(loaded, CheckOptions(TODAY, load_policy(folder)))


def test_no_file_means_the_default_policy(tmp_path: Path):
    assert load_policy(tmp_path) is default_policy()


def test_a_file_of_comments_only_is_the_default_policy():
    assert load_policy(POLICY / "comments-only") == default_policy()


def test_policy_switches_a_rule_off():
    codes = {d.code for d in findings("production-without-cost.yaml")}
    assert "AIG-METRIC-003" not in codes
    default = check_loaded(
        load(POLICY / "valid" / "production-without-cost.yaml"), CheckOptions(TODAY)
    )
    assert "AIG-METRIC-003" in {d.code for d in default}


def test_policy_changes_a_severity_and_the_review_cadence():
    by_code = {d.code: d for d in findings("production-without-cost.yaml")}
    stale = by_code["AIG-EVAL-004"]
    assert stale.severity == Severity.ERROR
    assert "the review cadence is 30 days" in stale.message


def test_policy_changes_where_a_rule_applies_and_its_severity():
    by_code = {d.code: d for d in findings("high-pilot.yaml")}
    assert by_code["AIG-USE-005"].severity == Severity.ERROR


def test_policy_requires_extra_fields_for_a_tier():
    policy_findings = [d for d in findings("high-pilot.yaml") if d.code == "AIG-POLICY-001"]
    assert [d.field for d in policy_findings] == ["impact_assessment.fundamental_rights_assessment"]
    assert "AI policy §4.2" in policy_findings[0].message


def test_policy_sets_signoff_roles_per_tier_and_stage():
    policy = load_policy(POLICY / "valid")
    assert policy.required_roles(RiskTier.HIGH, Stage.PILOT) == (
        ReviewRole.LEGAL,
        ReviewRole.ETHICS,
    )
    # stages the policy does not mention keep the defaults
    assert ReviewRole.RISK in policy.required_roles(RiskTier.HIGH, Stage.PRODUCTION)
    missing = [d.message for d in findings("high-pilot.yaml") if d.code == "AIG-SIGNOFF-001"]
    assert missing[-1] == "no ethics sign-off, which a high-tier system at pilot needs"
    # the legal approval is required too (by the policy) but bound to no content: it does not count
    assert [m for m in missing[:-1] if "legal sign-off" in m and "not bound" in m] == missing[:-1]


def test_policy_default_cadence_makes_a_review_overdue():
    overdue = [d for d in findings("high-pilot.yaml") if d.code == "AIG-LIFE-003"]
    assert overdue and "cadence 30 days" in overdue[0].message


BROKEN = [
    ("unknown-rule", 4, 3, "'AIG-EVAL-03' is not a rule id; did you mean 'AIG-EVAL-003'?"),
    ("bad-severity", 2, 17, "'fatal', which is not one of: error, warning, info"),
    ("unknown-field", 2, 13, "'impact_assessment.fria' is not a record field"),
    ("unknown-section", 2, 1, "unknown setting 'rule'"),
    ("bad-tier", 2, 3, "'hihg', which is not one of: low, medium, high, critical"),
    ("bad-role", 3, 20, "'lawyer', which is not one of"),
    ("bad-stage-list", 2, 33, "'prod', which is not one of"),
    ("syntax", 3, 16, "not valid YAML"),
]


@pytest.mark.parametrize(("folder", "line", "column", "text"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_policy_is_reported_at_file_line_column(folder, line, column, text):
    with pytest.raises(PolicyError) as caught:
        load_policy(POLICY / folder)
    diags = caught.value.diagnostics
    assert len(diags) == 1
    d = diags[0]
    assert d.path.endswith(f"{folder}/aigov.yaml")
    assert (d.line, d.column) == (line, column)
    assert text in d.message
    assert d.message.startswith("policy file: ")
    assert d.hint


def test_did_you_mean_for_a_misspelt_tier_and_section():
    with pytest.raises(PolicyError) as caught:
        load_policy(POLICY / "bad-tier")
    assert "Did you mean 'high'?" in caught.value.diagnostics[0].hint
    with pytest.raises(PolicyError) as caught:
        load_policy(POLICY / "unknown-section")
    assert "Did you mean 'rules'?" in caught.value.diagnostics[0].hint


def test_check_exits_2_on_a_broken_policy_and_says_where():
    run = run_aigov(
        "check", "--root", str(POLICY / "unknown-rule"), str(FIXTURES / "tiers" / "minimal.yaml")
    )
    assert run.returncode == 2
    assert "unknown-rule/aigov.yaml:4:3: AIG-CONFIG" in run.stderr
    assert "nothing was checked" in run.stderr
    assert run.stdout == ""


def test_check_uses_an_explicit_config_file():
    run = run_aigov(
        "check",
        "--config",
        str(POLICY / "valid" / "aigov.yaml"),
        "--today",
        TODAY.isoformat(),
        str(POLICY / "valid" / "high-pilot.yaml"),
    )
    assert run.returncode == 1
    assert "AIG-POLICY-001" in run.stdout and "AI policy §4.2" in run.stdout
    missing = run_aigov("check", "--config", str(POLICY / "nowhere.yaml"), str(POLICY / "valid"))
    assert missing.returncode == 2 and "nowhere.yaml" in missing.stderr


def test_controls_claimed_without_evidence_weigh_by_tier():
    from aigov.checks.policy import Policy

    default = Policy()
    assert [default.tier_severity("AIG-CTRL-003", t) for t in RiskTier] == [
        Severity.INFO,
        Severity.WARNING,
        Severity.ERROR,
        Severity.ERROR,
    ]
    assert default.tier_severity("AIG-EVAL-004", RiskTier.HIGH) is None  # not tiered
    mine = Policy.model_validate(
        {"rules": {"AIG-CTRL-003": {"severity_by_tier": {"medium": "error"}}}}
    )
    assert mine.tier_severity("AIG-CTRL-003", RiskTier.MEDIUM) == Severity.ERROR
    assert mine.tier_severity("AIG-CTRL-003", RiskTier.LOW) == Severity.INFO
    flat = Policy.model_validate({"rules": {"AIG-CTRL-003": "warning"}})
    assert flat.tier_severity("AIG-CTRL-003", RiskTier.HIGH) is None  # one severity for all tiers
