"""Field-by-field diffs: labels from the model, items matched by id, formatting ignored; and
`aigov diff` on real git history."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from aigov.review.diff import diff, show, word_diff
from aigov.review.labels import field_title, humanize_id, label
from aigov.yamlload import load_file
from tests.conftest import run_aigov

from .conftest import RECORD, GitRepo


@pytest.fixture(scope="module")
def base() -> dict[str, Any]:
    doc, diags = load_file(RECORD)
    assert doc is not None, diags
    return doc.data  # type: ignore[no-any-return]


def _kinds(changes: list[Any]) -> list[tuple[str, str]]:
    return [(c.kind, c.label) for c in changes]


# --- the diff itself ----------------------------------------------------------------------------


def test_identical_data_has_no_changes(base: dict[str, Any]) -> None:
    assert diff(base, copy.deepcopy(base)) == []


def test_a_harm_inserted_at_the_top_is_one_addition_not_a_shift(base: dict[str, Any]) -> None:
    new = copy.deepcopy(base)
    new["impact_assessment"]["harms"].insert(
        0,
        {
            "id": "privacy-leak",
            "description": "Draft quotes another customer's data",
            "severity": "high",
        },
    )
    changes = diff(base, new)
    assert _kinds(changes) == [("added", "Impact assessment › Harms › Privacy leak")]
    assert changes[0].new["description"] == "Draft quotes another customer's data"
    assert changes[0].path == ("impact_assessment", "harms", 0)


def test_changes_inside_items_are_labelled_by_the_item(base: dict[str, Any]) -> None:
    new = copy.deepcopy(base)
    new["impact_assessment"]["harms"].reverse()
    new["impact_assessment"]["harms"][1]["severity"] = "critical"
    new["controls"]["manage"][0]["status"] = "verified"
    del new["impact_assessment"]["harms"][0]["severity"]
    changes = diff(base, new)
    assert _kinds(changes) == [
        ("removed", "Impact assessment › Harms › Tone mismatch › Severity"),
        ("changed", "Impact assessment › Harms › Wrong refund promise › Severity"),
        ("reordered", "Impact assessment › Harms"),
        ("changed", "Controls › Manage › Agent reviews and sends every draft › Status"),
    ]
    assert (changes[1].old, changes[1].new) == ("high", "critical")
    assert changes[2].new == ["Tone mismatch", "Wrong refund promise"]


def test_evaluation_results_are_matched_by_metric_and_date(base: dict[str, Any]) -> None:
    new = copy.deepcopy(base)
    results = new["evaluations"]["results"]
    results.insert(
        0, {"metric": "groundedness", "value": 0.91, "date": "2026-04-01", "dataset": "policy-400"}
    )
    results[2]["value"] = 0.89
    changes = diff(base, new)
    assert _kinds(changes) == [
        ("added", "Evaluations › Results › groundedness (2026-04-01, policy-400)"),
        ("changed", "Evaluations › Results › groundedness (2026-03-01, policy-400) › Value"),
    ]
    results[1], results[2] = results[2], results[1]
    assert _kinds(diff(base, new))[-1] == ("reordered", "Evaluations › Results")


def test_plain_lists_show_added_and_removed_items(base: dict[str, Any]) -> None:
    new = copy.deepcopy(base)
    new["documentation"]["limitations"] = [
        "English only",
        "No attachments",
        "Does not read attachments",
    ]
    changes = diff(base, new)
    assert [(c.kind, c.label, c.old, c.new) for c in changes] == [
        ("added", "Documentation › Limitations", None, "No attachments"),
        (
            "reordered",
            "Documentation › Limitations",
            base["documentation"]["limitations"],
            new["documentation"]["limitations"],
        ),
    ]


def test_explicit_answers_read_as_words(base: dict[str, Any]) -> None:
    new = copy.deepcopy(base)
    new["owner"]["team"] = "unknown"
    new["lifecycle"]["stage_since"] = {"not_applicable": "never launched"}
    changes = diff(base, new)
    assert [(c.label, show(c.old), show(c.new)) for c in changes] == [
        ("Owner › Team", "Support Engineering", "unknown (not yet answered)"),
        ("Lifecycle › In stage since", "2026-03-02", "not applicable: never launched"),
    ]


def test_signoffs_can_be_left_out(base: dict[str, Any]) -> None:
    new = copy.deepcopy(base)
    new["signoffs"].append(
        {"reviewer": "Jonas Becker", "role": "legal", "decision": "approved", "date": "2026-03-05"}
    )
    assert _kinds(diff(base, new)) == [
        ("added", "Sign-offs › Legal sign-off by Jonas Becker (2026-03-05)")
    ]
    assert diff(base, new, exclude=("signoffs",)) == []


def test_labels_come_from_the_model() -> None:
    assert field_title("eu_ai_act") == "EU AI Act"
    assert field_title("annex_iii_area") == "Annex III area"
    assert field_title("ai_disclosure") == "AI disclosure"
    assert field_title("human_oversight") == "Human oversight"
    assert humanize_id("inc-2026-07-02") == "Inc 2026-07-02"
    assert (
        label(("impact_assessment", "eu_ai_act", "annex_iii_area"))
        == "Impact assessment › EU AI Act › Annex III area"
    )
    assert (
        label(("approach", "components", 1, "license"))
        == "Approach › Components › item 2 › License"
    )


def test_word_redline_marks_only_the_edited_words() -> None:
    ops = word_diff(
        "Drafts replies for agents to send", "Drafts replies for agents to edit and send"
    )
    assert ops == [
        ("equal", "Drafts replies for agents to "),
        ("insert", "edit and "),
        ("equal", "send"),
    ]


# --- aigov diff on real git history -------------------------------------------------------------


@pytest.fixture
def history_repo(signed_repo: GitRepo) -> GitRepo:
    """Three more commits: a content change, a formatting-only change, a rename."""
    signed_repo.edit("      severity: high\n", "      severity: critical\n")
    signed_repo.edit(
        "    - id: tone-mismatch\n",
        "    - id: privacy-leak\n      description: Draft quotes another customer's data\n      severity: high\n"
        "    - id: tone-mismatch\n",
    )
    signed_repo.commit("Raise severity, add privacy harm", date="2026-03-10T09:00:00+01:00")
    signed_repo.edit("    # the harm legal cares most about\n", "")
    signed_repo.edit(
        "      mitigations: [ctl-human-send]\n", "      mitigations:\n        - ctl-human-send\n"
    )
    signed_repo.commit("Reformat", date="2026-03-11T09:00:00+01:00")
    return signed_repo


def _diff(repo: GitRepo, *args: str) -> Any:
    return run_aigov("diff", *args, "--root", str(repo.top), cwd=repo.top)


def test_diff_between_two_revisions_as_json(history_repo: GitRepo) -> None:
    run = _diff(history_repo, "refund-helper", "HEAD~2", "HEAD~1", "--format", "json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["from"]["commit"]["subject"] == "Add refund helper record"
    assert data["to"]["commit"]["subject"] == "Raise severity, add privacy harm"
    assert [(c["kind"], c["label"]) for c in data["changes"]] == [
        ("changed", "Impact assessment › Harms › Wrong refund promise › Severity"),
        ("added", "Impact assessment › Harms › Privacy leak"),
    ]
    assert data["changes"][0] == {
        "kind": "changed",
        "label": "Impact assessment › Harms › Wrong refund promise › Severity",
        "field": "impact_assessment.harms.0.severity",
        "old": "high",
        "new": "critical",
    }


def test_formatting_only_commit_shows_no_change(history_repo: GitRepo) -> None:
    run = _diff(history_repo, "refund-helper", "HEAD~1", "HEAD")
    assert run.returncode == 0, run.stderr
    assert "No changes in content" in run.stdout
    assert _diff(history_repo, "refund-helper", "HEAD~1", "HEAD", "--exit-code").returncode == 0
    assert _diff(history_repo, "refund-helper", "HEAD~2", "HEAD", "--exit-code").returncode == 1


def test_default_compares_the_last_commit_with_the_working_copy(history_repo: GitRepo) -> None:
    assert "No changes in content" in _diff(history_repo, "refund-helper").stdout
    history_repo.edit(
        "Tone too formal for distressed customers",
        "Tone too formal for upset customers who write in about a rejected refund",
    )
    run = _diff(history_repo, "systems/refund-helper.yaml")
    assert run.returncode == 0, run.stderr
    assert "to:   working copy" in run.stdout
    assert "Impact assessment › Harms › Tone mismatch › Description" in run.stdout
    assert (
        "    Tone too formal for [-distressed-]{+upset+} customers{+ who write in about a rejected refund+}"
        in run.stdout
    )


def test_diff_follows_a_renamed_record(history_repo: GitRepo) -> None:
    history_repo.git("mv", "systems/refund-helper.yaml", "systems/refund-advisor.yaml")
    path = history_repo.top / "systems" / "refund-advisor.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("id: refund-helper", "id: refund-advisor"),
        encoding="utf-8",
    )
    history_repo.commit("Rename to refund advisor", date="2026-03-12T09:00:00+01:00")
    run = _diff(history_repo, "refund-advisor", "HEAD~3", "--format", "json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["from"]["path"] == "systems/refund-helper.yaml"
    labels = [c["label"] for c in data["changes"]]
    assert "ID" in labels and "Impact assessment › Harms › Privacy leak" in labels


def test_two_files(tmp_path: Path) -> None:
    a = tmp_path / "a.yaml"
    b = tmp_path / "b.yaml"
    a.write_text(RECORD.read_text(encoding="utf-8"), encoding="utf-8")
    b.write_text(
        RECORD.read_text(encoding="utf-8").replace("English only", "English and Dutch"),
        encoding="utf-8",
    )
    run = run_aigov("diff", "--files", str(a), str(b), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "2 changes: 1 added, 1 removed" in run.stdout
    assert "Documentation › Limitations\n  removed: English only" in run.stdout
    assert "Documentation › Limitations\n  added: English and Dutch" in run.stdout


def test_a_version_that_does_not_load_is_reported(tmp_path: Path) -> None:
    a = tmp_path / "a.yaml"
    b = tmp_path / "b.yaml"
    a.write_text(RECORD.read_text(encoding="utf-8"), encoding="utf-8")
    b.write_text("schema_version: 1\nid: [unclosed\n", encoding="utf-8")
    run = run_aigov("diff", "--files", str(a), str(b), cwd=tmp_path)
    assert run.returncode == 1
    assert "b.yaml:3:1:" in run.stderr and "AIG-YAML-SYNTAX" in run.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["refund-helper", "no-such-rev"], "'no-such-rev' is not a commit"),
        (["refund-helper", "--bad"], "No such option"),
        (["nope"], "no system 'nope'"),
        ([], "name a system"),
    ],
)
def test_usage_problems_exit_2(signed_repo: GitRepo, args: list[str], message: str) -> None:
    run = _diff(signed_repo, *args)
    assert run.returncode == 2
    assert message in run.stderr


def test_outside_git_says_so(tmp_path: Path) -> None:
    (tmp_path / "aigov.yaml").write_text("", encoding="utf-8")
    (tmp_path / "systems").mkdir()
    (tmp_path / "systems" / "refund-helper.yaml").write_text(
        RECORD.read_text(encoding="utf-8"), encoding="utf-8"
    )
    run = run_aigov(
        "diff",
        "refund-helper",
        "--root",
        str(tmp_path),
        cwd=tmp_path,
        env={"GIT_CEILING_DIRECTORIES": str(tmp_path.parent)},
    )
    assert run.returncode == 2
    assert "not inside a git repository" in run.stderr
