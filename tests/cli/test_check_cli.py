"""`aigov check` as users and CI run it: grouped text, formats, exit codes, time travel."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import run_aigov

CHECKS = Path(__file__).resolve().parent.parent / "checks" / "fixtures"
TODAY = "2026-11-15"


def _repo(tmp_path: Path, *fixtures: str) -> Path:
    (tmp_path / "aigov.yaml").write_text("version: 1\n")
    systems = tmp_path / "systems"
    systems.mkdir()
    for rel in fixtures:
        shutil.copy(CHECKS / rel, systems / Path(rel).name)
    return tmp_path


def test_text_groups_findings_by_system_with_a_summary(tmp_path: Path):
    root = _repo(
        tmp_path,
        "completeness/complete-idea.yaml",
        "gate/early-idea.yaml",
        "AIG-EVAL-003/fail-latest-result-below-threshold.yaml",
    )
    run = run_aigov("check", "--today", TODAY, cwd=root)
    assert run.returncode == 1
    blocks = run.stdout.strip().split("\n\n")
    assert len(blocks) == 4  # three systems and the summary
    assert blocks[0].startswith(
        "== complete-idea (systems/complete-idea.yaml): idea, tier low, 100% complete; no findings"
    )
    early = blocks[1].splitlines()
    assert early[0].startswith(
        "== early-idea (systems/early-idea.yaml): idea, tier high (EU AI Act: high)"
    )
    assert all(
        line.startswith("systems/early-idea.yaml:") or line.startswith("    hint: ")
        for line in early[1:]
    )
    regressed = blocks[2]
    # the date in brackets: it may be partial ("2024") or "date unknown"
    assert "AIG-EVAL-003 latest groundedness on weekly-sample is 0.79 (2026-11-09)" in regressed
    assert regressed.count("AIG-EVAL-003") == 1
    assert "in 3 records (2 with errors)." in blocks[3]


def test_clean_repo_exits_0(tmp_path: Path):
    root = _repo(tmp_path, "completeness/complete-idea.yaml")
    run = run_aigov("check", "--today", TODAY, cwd=root)
    assert run.returncode == 0, run.stdout
    assert run.stdout.rstrip().endswith("All good: 1 record checked, no problems.")


def test_fail_on_warning(tmp_path: Path):
    root = _repo(tmp_path, "AIG-USE-003/fail-after-repeats-before.yaml")
    (root / "systems" / "fail-after-repeats-before.yaml").write_text(
        (CHECKS / "completeness" / "complete-idea.yaml")
        .read_text()
        .replace("id: complete-idea", "id: fail-after-repeats-before")
        .replace(
            "after: The model suggests a queue and an urgency; the handler confirms it.",
            "after: Intake staff sort claims into queues by hand.",
        )
    )
    assert run_aigov("check", "--today", TODAY, cwd=root).returncode == 0
    strict = run_aigov("check", "--today", TODAY, "--fail-on", "warning", cwd=root)
    assert strict.returncode == 1
    assert "AIG-USE-003" in strict.stdout


def test_today_is_injectable(tmp_path: Path):
    root = _repo(tmp_path, "AIG-LIFE-003/fail-review-overdue.yaml")
    before = run_aigov("check", "--today", "2026-06-01", cwd=root)
    after = run_aigov("check", "--today", TODAY, cwd=root)
    assert "AIG-LIFE-003" not in before.stdout
    assert "AIG-LIFE-003 review overdue by 108 days" in after.stdout
    bad = run_aigov("check", "--today", "15/11/2026", cwd=root)
    assert bad.returncode == 2 and "--today" in bad.stderr


def test_quiet_lists_only_systems_with_findings(tmp_path: Path):
    root = _repo(tmp_path, "completeness/complete-idea.yaml", "gate/early-idea.yaml")
    run = run_aigov("check", "-q", "--today", TODAY, cwd=root)
    assert "complete-idea" not in run.stdout and "early-idea" in run.stdout


def test_json_has_findings_and_per_system_scores(tmp_path: Path):
    root = _repo(tmp_path, "completeness/complete-idea.yaml", "gate/early-idea.yaml")
    run = run_aigov("check", "--format", "json", "--today", TODAY, cwd=root)
    assert run.returncode == 1
    payload = json.loads(run.stdout)
    assert payload["command"] == "check" and payload["today"] == TODAY
    systems = {s["id"]: s for s in payload["systems"]}
    assert systems["complete-idea"]["completeness"]["percent"] == 100
    early = systems["early-idea"]
    assert early["tier"]["eu_ai_act"] == "high" and early["tier"]["reasons"]
    assert early["errors"] == sum(
        1
        for d in payload["diagnostics"]
        if d["system"] == "early-idea" and d["severity"] == "error"
    )
    assert {"GOVERN", "MAP", "MEASURE", "MANAGE"} == set(early["completeness"]["nist"])


def test_github_annotations(tmp_path: Path):
    root = _repo(tmp_path, "AIG-EVAL-003/fail-latest-result-below-threshold.yaml")
    run = run_aigov("check", "--format", "github", "--today", TODAY, cwd=root)
    line = next(x for x in run.stdout.splitlines() if "AIG-EVAL-003" in x)
    assert line.startswith(
        "::error file=systems/fail-latest-result-below-threshold.yaml,line=11,col="
    )


def test_colour_on_request(tmp_path: Path):
    root = _repo(tmp_path, "gate/early-idea.yaml")
    run = run_aigov("check", "--color", "--today", TODAY, cwd=root)
    assert "\x1b[" in run.stdout
    plain = run_aigov("check", "--today", TODAY, cwd=root)
    assert "\x1b[" not in plain.stdout


def test_check_and_validate_take_a_system_id_as_card_and_diff_do(tmp_path: Path):
    root = _repo(tmp_path, "gate/early-idea.yaml", "completeness/complete-idea.yaml")
    by_id = run_aigov("check", "early-idea", "--today", TODAY, cwd=root)
    by_path = run_aigov("check", "systems/early-idea.yaml", "--today", TODAY, cwd=root)
    assert by_id.stdout == by_path.stdout and "complete-idea" not in by_id.stdout
    assert run_aigov("validate", "complete-idea", cwd=root).returncode == 0
    typo = run_aigov("check", "early-idee", cwd=root)
    assert typo.returncode == 2
    assert "no system 'early-idee'" in typo.stderr and "Did you mean 'early-idea'?" in typo.stderr


def test_gate_examples_and_why_on_request(tmp_path: Path):
    root = _repo(tmp_path, "gate/early-idea.yaml")
    plain = run_aigov("check", "early-idea", "--gate", "feasibility", "--today", TODAY, cwd=root)
    assert "example:" not in plain.stdout and "why:" not in plain.stdout
    assert plain.stdout.index("Next:") < plain.stdout.index("Product manager (")
    # within a group the blocking items come first, an unknown one before a missing warning
    out = plain.stdout
    assert out.index("? AIG-OWN-001") < out.index("✗ AIG-USE-004")
    assert "Legend: ✗ missing" in plain.stdout
    assert "answered `unknown`" in plain.stdout and "still block" in plain.stdout
    run = run_aigov(
        "check",
        "early-idea",
        "--gate",
        "feasibility",
        "--examples",
        "--why",
        "--today",
        TODAY,
        cwd=root,
    )
    assert "        example:\n          owner:\n" in run.stdout
    assert (
        "why: internal tier high: A high-risk system under the EU AI Act is at least high"
        in run.stdout
    )
    assert "why: EU AI Act tier high: It is high-risk under Art. 6(2)" in run.stdout
