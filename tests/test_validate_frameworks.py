"""Records cite ISO/IEC 42001 Annex A ids and NIST AI 600-1 action ids on controls and 600-1
GAI risks on harms; a wrong id is a positioned error with a "did you mean"."""

from __future__ import annotations

from pathlib import Path

from aigov.organisation import load_organisation
from tests.test_validate import check, only

BODY = """\
controls:
  measure:
    - id: ctl-eval
      title: Groundedness evaluation before each release
      nist: [MEASURE 2.5]
      iso_42001: [a.6.2.4, A.6.2.6]
      nist_600_1: [ms-2.5-001]
impact_assessment:
  harms:
    - id: made-up-answer
      description: The copilot states a wrong policy as fact
      gai_risks: [confabulation, information-integrity]
      mitigations: [ctl-eval]
"""


def test_good_framework_ids_pass_and_are_normalised() -> None:
    record, _answers, diags = check(BODY)
    assert diags == []
    ctl = record.controls.measure[0]  # type: ignore[attr-defined]
    assert ctl.iso_42001 == ["A.6.2.4", "A.6.2.6"] and ctl.nist_600_1 == ["MS-2.5-001"]


def test_a_wrong_annex_a_id_is_positioned_with_a_guess() -> None:
    d = only(BODY.replace("A.6.2.6", "A.6.26"))
    assert (d.code, d.line, d.column) == ("AIG-REF-FRAMEWORK", 9, 28)
    assert d.field == "controls.measure.0.iso_42001.1"
    assert "Annex A" in d.message and d.hint.startswith("Did you mean 'A.6.2.6'?")


def test_a_wrong_600_1_action_id_is_positioned_with_a_guess() -> None:
    d = only(BODY.replace("ms-2.5-001", "MS-2.5-01"))
    assert (d.code, d.line) == ("AIG-REF-FRAMEWORK", 10)
    assert "600-1 action" in d.message and d.hint.startswith("Did you mean 'MS-2.5-001'?")


def test_a_wrong_gai_risk_is_positioned_with_a_guess() -> None:
    d = only(BODY.replace("confabulation,", "confabulations,"))
    assert (d.code, d.line, d.column) == ("AIG-REF-FRAMEWORK", 15, 19)
    assert d.hint.startswith("Did you mean 'confabulation'?")


def test_an_organisation_control_with_a_wrong_annex_a_id(tmp_path: Path) -> None:
    (tmp_path / "organisation.yaml").write_text(
        "schema_version: 1\nname: Org\ncontrols:\n"
        "  - id: ctl-policy\n    title: AI policy\n    nist: [GOVERN 1.2]\n"
        "    iso_42001: [A.2.2, A.22.3]\n",
        encoding="utf-8",
    )
    loaded = load_organisation(tmp_path)
    assert loaded is not None
    [d] = loaded.diagnostics
    assert (d.code, d.line, d.column) == ("AIG-REF-FRAMEWORK", 7, 24)
