"""Completeness: what the applicable rules ask for, how much is filled in, and how it is explained."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from aigov.checks import CheckOptions, completeness, evaluate_loaded
from aigov.checks.registry import NIST_FUNCTIONS, SECTIONS
from aigov.model import Stage
from tests.conftest import REPO

from .conftest import FIXTURES, TODAY, load

OPTIONS = CheckOptions(TODAY)
CASES = FIXTURES / "completeness"


def score(name: str, stage: Stage | None = None):
    return completeness(load(CASES / f"{name}.yaml"), OPTIONS, stage)


def test_not_applicable_with_a_reason_counts_as_filled_and_unknown_does_not():
    missing, unknown, na = (
        score("rollback-missing"),
        score("rollback-unknown"),
        score("rollback-not-applicable"),
    )
    assert missing.overall.total == unknown.overall.total == na.overall.total
    assert unknown.overall.filled == missing.overall.filled
    assert na.overall.filled > missing.overall.filled
    assert (unknown.unknown, unknown.not_applicable) == (
        missing.unknown + 3,  # mechanisms, description, owner
        missing.not_applicable,
    )
    assert na.not_applicable == missing.not_applicable + 3
    assert "marked unknown do not" in unknown.explanation
    assert "not applicable with a reason count as filled" in na.explanation


def test_sections_and_functions_add_up_and_are_named():
    c = score("rollback-missing")
    assert set(c.sections) <= set(SECTIONS)
    assert sum(s.total for s in c.sections.values()) == c.overall.total
    assert sum(s.filled for s in c.sections.values()) == c.overall.filled
    assert list(c.nist) == list(NIST_FUNCTIONS)
    assert all(s.total > 0 for s in c.nist.values())
    ops = c.sections["operations"]
    assert ops.filled < ops.total


def test_percent_and_explanation_agree():
    c = score("rollback-missing")
    assert c.percent == c.overall.filled * 100 // c.overall.total
    assert c.explanation.startswith(f"{c.percent}%: {c.overall.filled} of {c.overall.total} items")
    assert "at production" in c.explanation and f"{c.tier.value}-tier" in c.explanation
    assert c.to_dict()["sections"]["operations"]["total"] == c.sections["operations"].total


def test_a_field_two_rules_ask_for_counts_once():
    """Generative knowledge task: AIG-GEN-002 and AIG-EXP-001 both want source_grounding."""
    c = score("rollback-missing")
    results = evaluate_loaded(load(CASES / "rollback-missing.yaml"), OPTIONS).results
    evaluation_items = [i.path for r in results for i in r.items]
    assert evaluation_items.count("experience.source_grounding") == 2
    assert c.sections["experience"].total == len(
        {p for p in evaluation_items if p.startswith("experience.")}
    )


def test_a_later_stage_expects_more():
    early = score("rollback-missing", Stage.MVP)
    late = score("rollback-missing", Stage.PRODUCTION)
    assert early.overall.total < late.overall.total
    assert early.stage == Stage.MVP


def test_a_complete_idea_is_100_percent_and_one_gap_shows():
    c = score("complete-idea")
    assert (c.stage, c.percent, c.overall.filled, c.overall.total) == (Stage.IDEA, 100, 9, 9)
    assert (
        c.explanation
        == "100%: 9 of 9 items the rules expect of a low-tier system at idea are filled in."
    )
    at_feasibility = score("complete-idea", Stage.FEASIBILITY)
    assert at_feasibility.percent < 100


def test_the_explanation_agrees_in_number():
    idea = completeness(load(REPO / "systems" / "candidate-screening-assistant.yaml"), OPTIONS)
    assert idea.unknown == 1
    assert idea.explanation.endswith("; 1 marked unknown does not.")


def _outside_git(name: str, tmp_path: Path) -> Path:
    """A copy of the fixture where no git history can be asked: only the hashes decide."""
    copy = tmp_path / f"{name}.yaml"
    shutil.copyfile(CASES / f"{name}.yaml", copy)
    return copy


def test_a_stale_signoff_is_not_counted(tmp_path):
    current = completeness(load(_outside_git("signoffs-current", tmp_path)), OPTIONS)
    stale = completeness(load(_outside_git("signoffs-stale", tmp_path)), OPTIONS)
    # privacy (required for a medium-tier pilot) and legal (given, not yet required) both count
    # when they approve this content, and neither does once the record changed after them
    assert (current.sections["signoffs"].filled, current.sections["signoffs"].total) == (2, 2)
    assert (stale.sections["signoffs"].filled, stale.sections["signoffs"].total) == (0, 2)


def own_root(tmp_path: Path, name: str) -> Path:
    """The completeness fixture `name` in a governance repository of its own, with no
    organisation record (the repository these tests live in has one, whose GOVERN controls
    would count for every record under it)."""
    root = tmp_path / "repo"
    (root / "systems").mkdir(parents=True)
    (root / "aigov.yaml").write_text("version: 1\n", encoding="utf-8")
    return Path(shutil.copy(CASES / f"{name}.yaml", root / "systems" / f"{name}.yaml"))


def test_a_planned_control_and_an_unevidenced_claim_are_not_counted(tmp_path: Path):
    shown = score("controls-in-place").sections["controls"]
    planned = own_root(tmp_path, "controls-planned")
    claimed = completeness(load(planned), OPTIONS).sections["controls"]
    # four functions covered, four claims with their evidence
    assert (shown.filled, shown.total) == (8, 8)
    # GOVERN only planned (a plan claims nothing, so it is not asked for evidence), MEASURE
    # verified without evidence: two of seven items are not filled
    assert (claimed.filled, claimed.total) == (5, 7)
    assert completeness(load(planned), OPTIONS).percent < score("controls-in-place").percent


ORG = FIXTURES / "organisation-govern"


def _govern(path: Path) -> tuple[list[str], Any]:
    """AIG-CTRL-001's messages about GOVERN, and the record's completeness."""
    loaded = load(path)
    evaluation = evaluate_loaded(loaded, OPTIONS)
    [ctrl] = [r for r in evaluation.results if r.rule.id == "AIG-CTRL-001"]
    return [f.message for f in ctrl.findings if f.path == ("controls", "govern")], completeness(
        loaded, OPTIONS
    )


def test_organisation_wide_govern_controls_count_for_every_system(tmp_path: Path):
    record = ORG / "systems" / "no-own-govern.yaml"
    messages, governed = _govern(record)
    assert messages == []  # the group AI policy (organisation.yaml, verified) governs it
    controls = governed.sections["controls"]
    assert (controls.filled, controls.total) == (controls.total, controls.total)
    # the same record in a repository without an organisation record has no GOVERN control
    alone = tmp_path / "alone"
    (alone / "systems").mkdir(parents=True)
    (alone / "aigov.yaml").write_text("version: 1\n", encoding="utf-8")
    copy = Path(shutil.copy(record, alone / "systems" / record.name))
    messages, ungoverned = _govern(copy)
    assert [m.split(":")[0] for m in messages] == ["no GOVERN control"]
    assert ungoverned.sections["controls"].filled == controls.filled - 1
    assert ungoverned.nist["GOVERN"].filled < governed.nist["GOVERN"].filled
    assert ungoverned.overall.percent < governed.overall.percent


def test_a_planned_organisation_control_covers_nothing(tmp_path: Path):
    root = tmp_path / "repo"
    shutil.copytree(ORG, root)
    org = root / "organisation.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace("status: verified", "status: planned"))
    messages, _ = _govern(root / "systems" / "no-own-govern.yaml")
    assert messages == [
        "the GOVERN controls are only planned (ctl-group-ai-policy, organisation-wide ones "
        "included): a control covers its function once it is implemented or verified"
    ]


def test_an_organisation_record_with_errors_counts_for_no_system(tmp_path: Path):
    root = tmp_path / "repo"
    shutil.copytree(ORG, root)
    org = root / "organisation.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace("GOVERN 1.4", "MEASURE 2.3"))
    messages, _ = _govern(root / "systems" / "no-own-govern.yaml")
    assert [m.split(":")[0] for m in messages] == ["no GOVERN control"]
