"""The bundled examples carry roles and show the obligations the issue asks for."""

from __future__ import annotations

import datetime as dt

import pytest

from aigov.checks import CheckOptions, load_policy
from aigov.checks.engine import check_loaded
from aigov.checks.summary import CheckSummary
from aigov.obligations.engine import ObligationReport
from aigov.project import load_project
from tests.conftest import REPO

TODAY = dt.date(2026, 11, 26)  # the examples' today (tests/test_examples.py)


@pytest.fixture(scope="module")
def reports() -> dict[str, ObligationReport]:
    options = CheckOptions(TODAY, load_policy(REPO))
    out = {}
    for loaded in load_project(root=REPO).records:
        check_loaded(loaded, options)
        summary = loaded.check_summary
        assert isinstance(summary, CheckSummary) and summary.obligations is not None
        out[loaded.id] = summary.obligations
    return out


def test_every_example_records_its_roles(reports: dict[str, ObligationReport]) -> None:
    assert reports and all(r.roles and not r.role_unknown for r in reports.values())


@pytest.mark.parametrize("system", ["claims-triage", "candidate-screening-assistant"])
def test_annex_iii_obligations_from_2027_12_02(
    reports: dict[str, ObligationReport], system: str
) -> None:
    report = reports[system]
    assert report.route == "annex_iii"
    annex_iii = [i for i in report.relevant if i.applies == "not_yet_applicable"]
    assert annex_iii and {i.applies_from for i in annex_iii} == {dt.date(2027, 12, 2)}
    assert any(i.obligation.id.startswith("art-26") for i in annex_iii)


def test_claims_triage_as_deployer_of_annex_iii_5c_needs_its_fria(
    reports: dict[str, ObligationReport],
) -> None:
    fria = next(i for i in reports["claims-triage"].relevant if i.obligation.id == "art-27")
    assert fria.evidence_status == "given"


def test_support_copilot_art_50_obligations_are_in_force(
    reports: dict[str, ObligationReport],
) -> None:
    items = {i.obligation.id: i for i in reports["support-copilot"].relevant}
    assert items["art-50-1"].applies == "applicable" and items["art-50-1"].status == "given"
    # put into service before 2026-08-02: the Art. 111(4) grace period runs to 2026-12-02
    assert items["art-50-2"].applies_from == dt.date(2026, 12, 2)
    assert items["art-50-2"].evidence_status == "given"
