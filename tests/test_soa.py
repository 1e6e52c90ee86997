"""The ISO/IEC 42001 Statement of Applicability over a portfolio: 38 rows, each declared or
reported undeclared, with the controls and evidence that implement it."""

from __future__ import annotations

from pathlib import Path

from aigov.checks import load_policy
from aigov.organisation import load_organisation
from aigov.project import load_project
from aigov.soa import Declared, RowState, build_soa

REPO = Path(__file__).resolve().parent / "fixtures" / "soa"


def _soa():
    project = load_project(None, root=REPO)
    records = [r.record for r in project.records if r.record is not None]
    assert len(records) == 2, project.all_diagnostics()
    org = load_organisation(REPO)
    assert org is not None and org.diagnostics == []
    return build_soa(records, load_policy(REPO).soa, org.controls)


def test_the_soa_has_exactly_the_38_annex_a_rows_in_order() -> None:
    soa = _soa()
    assert len(soa.rows) == 38
    assert [r.control.id for r in soa.rows][:3] == ["A.2.2", "A.2.3", "A.2.4"]
    assert soa.rows[-1].control.id == "A.10.4"
    assert len(soa.to_dict()["controls"]) == 38


def test_undeclared_controls_are_reported_not_silently_applicable() -> None:
    rows = {r.control.id: r for r in _soa().rows}
    assert rows["A.3.2"].declared == Declared.UNDECLARED
    assert rows["A.3.2"].state == RowState.UNDECLARED and "Not declared" in rows["A.3.2"].finding
    assert sum(r.declared == Declared.UNDECLARED for r in rows.values()) == 34


def test_implementations_come_from_records_and_the_organisation_with_evidence() -> None:
    rows = {r.control.id: r for r in _soa().rows}
    policy = rows["A.2.2"]
    assert [(i.where, i.control_id) for i in policy.implementations] == [
        ("organisation", "ctl-ai-policy")
    ]
    assert policy.state == RowState.IMPLEMENTED
    assert [e.link for _i, e in policy.evidence()] == ["evidence/policy.md"]
    vv = rows["A.6.2.4"]
    assert [(i.system_id, i.control_id) for i in vv.implementations] == [
        ("chat-helper", "ctl-eval"),
        ("scorer", "ctl-backtest"),
    ]
    assert vv.state == RowState.IMPLEMENTED and vv.owner == "Head of Data Science"


def test_partly_implemented_excluded_but_claimed_and_not_implemented() -> None:
    soa = _soa()
    rows = {r.control.id: r for r in soa.rows}
    assert rows["A.6.2.8"].state == RowState.PARTLY  # ctl-logs is only planned
    assert rows["A.10.4"].state == RowState.CONFLICT
    assert "Declared excluded, yet 1 control" in rows["A.10.4"].finding
    assert rows["A.10.4"].justification == "We provide no AI system to customers"
    counts = soa.counts()
    assert counts["implemented"] == 2 and counts["undeclared"] == 34
    assert sum(counts.values()) == 38


def test_an_applicable_control_nothing_implements_is_a_finding() -> None:
    soa = build_soa([], load_policy(REPO).soa, [])
    row = next(r for r in soa.rows if r.control.id == "A.6.2.4")
    assert row.state == RowState.NOT_IMPLEMENTED and "no control names it" in row.finding
