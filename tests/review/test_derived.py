"""What a change did to the derived facts: tiers, readiness, findings, with the reason."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import jsonschema
import yaml

from aigov.checks import CheckOptions
from aigov.review.derived import derived_changes
from tests.conftest import REPO, run_aigov

from .conftest import RECORD, GitRepo

TODAY = dt.date(2026, 3, 15)
RAISED = (
    "harm 'wrong-refund-promise': likelihood possible → likely raised the internal tier from "
    "medium to high: severity high × likely is high"
)


def _versions() -> tuple[Any, Any]:
    text = RECORD.read_text(encoding="utf-8")
    assert "      likelihood: possible\n" in text
    likely = text.replace("      likelihood: possible\n", "      likelihood: likely\n", 1)
    return yaml.safe_load(text), yaml.safe_load(likely)


def test_a_likelihood_change_that_moves_the_tier_names_it_and_why() -> None:
    old, new = _versions()
    changes = {c.fact: c for c in derived_changes(old, new, CheckOptions(TODAY))}
    tier = changes["internal_tier"]
    assert (tier.old, tier.new, tier.reason) == ("medium", "high", RAISED)
    # high-tier rules now apply: more findings, named by rule
    findings = changes["findings"]
    assert findings.new > findings.old and "new errors: " in findings.reason
    # the declared tier is now below the derived one, and high-risk oversight rules apply
    assert "AIG-TIER-002" in findings.reason and "AIG-OVS-004" in findings.reason


def test_the_way_back_lowers_it_and_says_what_the_tier_follows_now() -> None:
    old, new = _versions()
    changes = {c.fact: c for c in derived_changes(new, old, CheckOptions(TODAY))}
    assert changes["internal_tier"].reason.startswith(
        "harm 'wrong-refund-promise': likelihood likely → possible lowered the internal tier "
        "from high to medium: severity high × possible is medium"
    )


def test_a_change_that_derives_nothing_new_says_nothing() -> None:
    old, _ = _versions()
    renamed = {**old, "name": "Refund reply helper"}
    assert derived_changes(old, renamed, CheckOptions(TODAY)) == []


def test_aigov_diff_names_the_tier_change_and_its_reason(signed_repo: GitRepo) -> None:
    signed_repo.edit("      likelihood: possible\n", "      likelihood: likely\n")
    run = run_aigov("diff", "refund-helper", "--root", str(signed_repo.top), cwd=signed_repo.top)
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "What follows from it (derived by aigov):" in out
    assert f"Internal risk tier (derived): medium → high — {RAISED}" in out
    # the derived facts come before the field changes
    assert out.index("Internal risk tier") < out.index("Likelihood")
    run = run_aigov(
        "diff",
        "refund-helper",
        "--format",
        "json",
        "--root",
        str(signed_repo.top),
        cwd=signed_repo.top,
    )
    data = json.loads(run.stdout)
    schema = json.loads((REPO / "schemas" / "aigov-diff.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    (tier,) = [d for d in data["derived"] if d["fact"] == "internal_tier"]
    assert tier == {
        "fact": "internal_tier",
        "label": "Internal risk tier (derived)",
        "old": "medium",
        "new": "high",
        "reason": RAISED,
    }


def test_an_eu_section_with_only_profiling_makes_the_tier_undetermined_not_minimal() -> None:
    """#20: answering `profiling: true` alone moves "not assessed" to "undetermined"."""
    base = {"schema_version": 1, "id": "x", "name": "X", "lifecycle": {"stage": "idea"}}
    profiled = {**base, "impact_assessment": {"eu_ai_act": {"profiling": True}}}
    changes = {c.fact: c for c in derived_changes(base, profiled, CheckOptions(TODAY))}
    tier = changes["eu_ai_act_tier"]
    assert (tier.old, tier.new) == (None, "undetermined")
    assert tier.reason.startswith("The EU AI Act tier is undetermined")
