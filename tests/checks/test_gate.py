"""Gate checklists: "what is still missing before this system can move to STAGE?"."""

from __future__ import annotations

import json
import re

from aigov.checks import CheckOptions, gate_checklist
from aigov.diagnostics import Severity
from aigov.model import Stage
from tests.conftest import REPO, run_aigov

from .conftest import FIXTURES, TODAY, load

OPTIONS = CheckOptions(TODAY)
EARLY = FIXTURES / "gate" / "early-idea.yaml"


def by_rule(stage: Stage):
    return {item.rule.id: item for item in gate_checklist(load(EARLY), stage, OPTIONS)}


def test_idea_fails_its_feasibility_gate_and_says_why():
    items = by_rule(Stage.FEASIBILITY)
    blocking = {rid for rid, item in items.items() if item.blocking}
    # the impact assessment and the before/after framing are there …
    assert items["AIG-USE-001"].status == "done"
    assert items["AIG-IMPACT-001"].status == "missing"  # harms yes, but no date
    # … the accountable person is a known unknown, and an unknown still blocks
    assert items["AIG-OWN-001"].status == "unknown"
    assert "known gap" in items["AIG-OWN-001"].messages[0]
    # the declared tier is missing, and the Annex III use makes the derived tier high
    assert items["AIG-TIER-003"].status == "missing"
    assert {"AIG-OWN-001", "AIG-IMPACT-001"} <= blocking
    assert all(items[r].severity == Severity.ERROR for r in blocking)


def test_not_applicable_items_carry_their_justification(fixture_path):
    pinned = load(fixture_path("AIG-OPS-003", "pass-retraining-not-applicable-pinned-model.yaml"))
    items = {i.rule.id: i for i in gate_checklist(pinned, Stage.PRODUCTION, OPTIONS)}
    retraining = items["AIG-OPS-003"]
    assert retraining.status == "not_applicable" and retraining.done and not retraining.blocking
    assert retraining.justification.startswith("We call a pinned vendor model")
    assert items["AIG-OPS-004"].status == "missing" and items["AIG-OPS-004"].blocking


def test_later_gates_ask_for_more():
    feasibility = by_rule(Stage.FEASIBILITY)
    production = by_rule(Stage.PRODUCTION)
    assert set(feasibility) < set(production)
    for rid in ("AIG-OPS-001", "AIG-EVAL-002", "AIG-OPS-003", "AIG-SIGNOFF-001"):
        assert rid in production and rid not in feasibility
    assert production["AIG-SIGNOFF-001"].status == "missing"
    assert any("legal sign-off" in m for m in production["AIG-SIGNOFF-001"].messages)


def test_checklist_items_point_at_the_record():
    for item in gate_checklist(load(EARLY), Stage.MVP, OPTIONS):
        assert len(item.diagnostics) == len(item.messages)
        for d in item.diagnostics:
            assert d.code == item.rule.id and d.line >= 1 and d.path.endswith("early-idea.yaml")
        data = item.to_dict()
        assert data["rule"] == item.rule.id and data["blocking"] == item.blocking


def test_gate_cli_text_and_exit_code():
    run = run_aigov("check", "--gate", "feasibility", "--today", TODAY.isoformat(), str(EARLY))
    assert run.returncode == 1, run.stderr
    out = run.stdout
    assert "early-idea" in out and "idea → feasibility: not ready" in out
    assert "✗ AIG-IMPACT-001" in out and "? AIG-OWN-001" in out
    assert re.search(
        r"✓ done: (AIG-[A-Z]+(?:-[A-Z]+)?-\d{3}, )*AIG-USE-001\b", out
    )  # one line per owner
    assert "fix: " in out
    assert out.rstrip().endswith(
        "Gate 'feasibility': 0 of 1 system ready to move (ready: no error-level item left open)."
    )


def test_gate_cli_json():
    run = run_aigov(
        "check", "--gate", "mvp", "--format", "json", "--today", TODAY.isoformat(), str(EARLY)
    )
    assert run.returncode == 1
    payload = json.loads(run.stdout)
    assert payload["gate"] == "mvp"
    (system,) = payload["systems"]
    assert system["id"] == "early-idea" and system["stage"] == "idea" and system["ready"] is False
    statuses = {i["rule"]: i["status"] for i in system["items"]}
    assert statuses["AIG-FEAS-001"] == "missing" and statuses["AIG-USE-001"] == "done"


def test_gate_passes_when_nothing_blocks(fixture_path):
    ready = fixture_path("completeness", "complete-idea.yaml")
    run = run_aigov("check", "--gate", "idea", "--today", TODAY.isoformat(), str(ready))
    assert run.returncode == 0, run.stdout
    assert "ready: all" in run.stdout


def test_a_gate_message_speaks_of_the_target_stage_not_the_records_own():
    # the example idea has a pending feasibility decision; checked for the pilot gate, the
    # finding must not claim the system is already at pilot
    idea = load(REPO / "systems" / "candidate-screening-assistant.yaml")
    assert idea.record is not None and idea.record.stage == Stage.IDEA
    items = {i.rule.id: i for i in gate_checklist(idea, Stage.PILOT, OPTIONS)}
    (message,) = [m for m in items["AIG-FEAS-002"].messages if "pending" in m]
    assert (
        message
        == "a system at pilot needs a go from its feasibility sprint, but the decision is 'pending'"
    )


def test_a_pending_gate_into_the_target_stage_is_named_as_such():
    pilot = load(REPO / "systems" / "claims-triage.yaml")
    assert pilot.record is not None and pilot.record.stage == Stage.PILOT
    items = {i.rule.id: i for i in gate_checklist(pilot, Stage.PRODUCTION, OPTIONS)}
    assert items["AIG-LAUNCH-002"].messages == (
        "entering production needs a go decision, but the gate 'production-go' says 'pending'",
    )


def test_launch_002_title_message_and_fix_name_the_same_stage():
    """Title, message and fix all speak of the stage being entered (the gate's), never of the
    record's current stage when the checklist is for the next one."""
    idea = load(REPO / "systems" / "candidate-screening-assistant.yaml")
    item = {i.rule.id: i for i in gate_checklist(idea, Stage.PILOT, OPTIONS)}["AIG-LAUNCH-002"]
    assert item.messages == ("no go/no-go gate recorded for entering pilot",)
    for text in (item.rule.title, item.rule.hint):
        assert "being entered" in text and "current stage" not in text
