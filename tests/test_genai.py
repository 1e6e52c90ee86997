"""One generative system against NIST AI 600-1: its risks (from its harms' tags), the actions
for them, the controls that carry each out, and the gaps."""

from __future__ import annotations

from pathlib import Path

from aigov.catalog import genai_profile
from aigov.genai import profile_report, system_risks
from aigov.organisation import load_organisation
from aigov.project import load_project

REPO = Path(__file__).resolve().parent / "fixtures" / "soa"


def _record(name: str):
    project = load_project([REPO / "systems" / f"{name}.yaml"], root=REPO)
    rec = project.records[0].record
    assert rec is not None, project.records[0].diagnostics
    return rec


def test_the_systems_risks_are_its_harms_tags_in_the_profiles_order() -> None:
    assert system_risks(_record("chat-helper")) == {
        "confabulation": ["made-up-answer"],
        "data-privacy": ["leaks-data"],
    }


def test_actions_per_risk_with_the_controls_that_carry_them_out() -> None:
    rep = profile_report(_record("chat-helper"))
    assert [s.risk.id for s in rep.risks] == ["confabulation", "data-privacy"]
    profile = genai_profile()
    confab = rep.risks[0]
    assert [a.action.id for a in confab.actions] == [
        a.id for a in profile.for_risks({"confabulation"})
    ]
    row = next(a for a in confab.actions if a.action.id == "MS-2.5-001")
    assert [c.control_id for c in row.controls] == ["ctl-eval"] and row.state == "in_place"
    assert len(confab.gaps()) == len(confab.actions) - 1
    counts = rep.counts()
    assert counts["in_place"] == 1 and counts["actions"] == counts["in_place"] + counts["gap"]
    assert rep.untagged_harms == ("rude-reply",) and rep.generative


def test_an_action_cited_for_an_untagged_risk_is_listed_outside(tmp_path: Path) -> None:
    text = (REPO / "systems" / "chat-helper.yaml").read_text("utf-8")
    # MS-2.12-002 lists Environmental Impacts only, which no harm is tagged with
    text = text.replace("nist_600_1: [MS-2.5-001]", "nist_600_1: [MS-2.5-001, MS-2.12-002]")
    (tmp_path / "systems").mkdir()
    (tmp_path / "systems" / "chat-helper.yaml").write_text(text, encoding="utf-8")
    rec = load_project(None, root=tmp_path).records[0].record
    assert rec is not None
    rep = profile_report(rec)
    assert [a.action.id for a in rep.outside] == ["MS-2.12-002"]


def test_organisation_controls_count_for_every_system() -> None:
    org = load_organisation(REPO)
    assert org is not None
    rec = _record("chat-helper")
    # the organisation's verified AI policy carries out GV-1.1-001 (a data-privacy action)
    with_org = profile_report(rec, org.controls)
    row = next(a for a in with_org.risks[1].actions if a.action.id == "GV-1.1-001")
    assert [(c.control_id, c.organisation) for c in row.controls] == [("ctl-ai-policy", True)]
    assert with_org.counts()["in_place"] == profile_report(rec).counts()["in_place"] + 1
    assert profile_report(rec).to_dict()["profile"].startswith("NIST AI 600-1 (2024-07)")
