"""`aigov approve`, run as a real process: the sign-off lands in the file, nothing else moves."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from aigov.hashing import content_hash
from aigov.project import process_file
from aigov.yamlload import load_file
from tests.conftest import run_aigov

from .conftest import RECORD, GitRepo

LEGAL = ["--role", "legal", "--reviewer", "Jonas Becker"]


def _repo_with(tmp_path: Path, text: str, name: str = "refund-helper") -> Path:
    (tmp_path / "aigov.yaml").write_text("", encoding="utf-8")
    path = tmp_path / "systems" / f"{name}.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


def _approve(root: Path, *args: str) -> tuple[int, str, str]:
    run = run_aigov("approve", "refund-helper", *args, "--root", str(root), cwd=root)
    return run.returncode, run.stdout, run.stderr


def test_only_the_new_signoff_is_added_and_comments_stay(tmp_path: Path) -> None:
    original = RECORD.read_text(encoding="utf-8")
    path = _repo_with(tmp_path, original)
    code, out, err = _approve(
        tmp_path,
        *LEGAL,
        "--decision",
        "approved_with_conditions",
        "--date",
        "2026-03-05",
        "--conditions",
        "Re-review before the German launch",
        "--conditions",
        'Answer "yes": never promise refunds',
    )
    assert code == 0, err
    assert "Recorded legal sign-off (approved with conditions) by Jonas Becker, 2026-03-05" in out
    new = path.read_text(encoding="utf-8")
    digest = content_hash(load_file(path)[0].data)  # type: ignore[union-attr]
    inserted = (
        "  - reviewer: Jonas Becker\n"
        "    role: legal\n"
        "    decision: approved_with_conditions\n"
        "    date: 2026-03-05\n"
        '    conditions: [Re-review before the German launch, "Answer \\"yes\\": never promise refunds"]\n'
        f"    record_hash: {digest}\n"
    )
    anchor = "    date: 2026-02-20\n"
    assert new == original.replace(anchor, anchor + inserted)
    signoff = process_file(path).record.signoffs[-1]  # type: ignore[union-attr]
    assert signoff.conditions == [
        "Re-review before the German launch",
        'Answer "yes": never promise refunds',
    ]
    assert signoff.record_hash == digest and signoff.date == dt.date(2026, 3, 5)


def test_a_record_without_signoffs_gets_the_list_at_the_end(tmp_path: Path) -> None:
    original = RECORD.read_text(encoding="utf-8")
    start = original.index("signoffs:")
    stripped = original[:start] + original[original.index("# Links go last.") :]
    path = _repo_with(tmp_path, stripped)
    code, _, err = _approve(tmp_path, *LEGAL, "--decision", "approved", "--date", "2026-03-05")
    assert code == 0, err
    new = path.read_text(encoding="utf-8")
    assert new.startswith(stripped.rstrip("\n") + "\n\nsignoffs:\n  - reviewer: Jonas Becker\n")
    assert process_file(path).record.signoffs[0].reviewer == "Jonas Becker"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "signoffs",
    [
        "signoffs: [{reviewer: Aoife Brennan, role: privacy, decision: approved, date: 2026-02-20}]\n",
        "signoffs: []\n",
    ],
)
def test_flow_and_empty_signoff_lists_are_edited_round_trip(tmp_path: Path, signoffs: str) -> None:
    original = RECORD.read_text(encoding="utf-8")
    start, end = original.index("signoffs:"), original.index("\n# Links go last.")
    text = original[:start] + signoffs + original[end:]
    path = _repo_with(tmp_path, text)
    before = process_file(path)
    code, _, err = _approve(tmp_path, *LEGAL, "--decision", "approved", "--date", "2026-03-05")
    assert code == 0, err
    after = process_file(path)
    assert after.content_hash == before.content_hash
    assert after.record.signoffs[-1].reviewer == "Jonas Becker"  # type: ignore[union-attr]
    new = path.read_text(encoding="utf-8")
    for comment in ("# the harm legal cares most about", "# shown on the card", "# Links go last."):
        assert comment in new


def test_windows_line_endings_are_kept(tmp_path: Path) -> None:
    text = RECORD.read_text(encoding="utf-8").replace("\n", "\r\n")
    path = _repo_with(tmp_path, text)
    code, _, err = _approve(tmp_path, *LEGAL, "--decision", "approved", "--date", "2026-03-05")
    assert code == 0, err
    raw = path.read_bytes()
    assert b"record_hash: sha256:" in raw
    assert raw.count(b"\n") == raw.count(b"\r\n")


def test_repeating_the_same_approval_writes_nothing(tmp_path: Path) -> None:
    path = _repo_with(tmp_path, RECORD.read_text(encoding="utf-8"))
    assert _approve(tmp_path, *LEGAL, "--decision", "approved", "--date", "2026-03-05")[0] == 0
    once = path.read_bytes()
    code, out, _ = _approve(tmp_path, *LEGAL, "--decision", "approved", "--date", "2026-03-05")
    assert code == 0 and "already recorded" in out and "Nothing written" in out
    assert path.read_bytes() == once


@pytest.mark.parametrize("signoffs", ["block", "flow"])
def test_the_review_memo_is_recorded_with_the_signoff(tmp_path: Path, signoffs: str) -> None:
    """`--evidence` takes a file in the repository or an http(s) link; both land in the new
    sign-off's evidence, checked as AIG-EVIDENCE-001/002 check them, and the content hash
    (which leaves sign-offs out) stays the same."""
    text = RECORD.read_text(encoding="utf-8")
    if signoffs == "flow":  # the round-trip writer handles what line insertion cannot
        start, end = text.index("signoffs:"), text.index("\n# Links go last.")
        text = text[:start] + "signoffs: []\n" + text[end:]
    path = _repo_with(tmp_path, text)
    memo = tmp_path / "evidence" / "refund-helper" / "legal-memo.md"
    memo.parent.mkdir(parents=True)
    memo.write_text("# Legal review\n", encoding="utf-8")
    before = process_file(path)
    memo_arg, link = "./evidence/refund-helper/legal-memo.md", "https://wiki.example.com/legal/42"
    args = (*LEGAL, "--decision", "approved", "--date", "2026-03-05")
    code, _, err = _approve(tmp_path, *args, "--evidence", memo_arg, "--evidence", link)
    assert code == 0, err
    after = process_file(path)
    assert after.content_hash == before.content_hash
    signoff = after.record.signoffs[-1]  # type: ignore[union-attr]
    assert [(e.title, e.path, e.url) for e in signoff.evidence] == [
        ("legal-memo.md", "evidence/refund-helper/legal-memo.md", None),
        (link, None, link),
    ]
    again = _approve(tmp_path, *args, "--evidence", memo_arg, "--evidence", link)
    assert again[0] == 0 and "already recorded" in again[1]


def test_evidence_that_does_not_check_out_records_nothing(tmp_path: Path) -> None:
    path = _repo_with(tmp_path, RECORD.read_text(encoding="utf-8"))
    original = path.read_bytes()
    args = (*LEGAL, "--decision", "approved", "--date", "2026-03-05")
    for bad, said in (
        ("evidence/missing.pdf", "evidence file 'evidence/missing.pdf' does not exist"),
        ("../outside.md", "leaves the governance repository"),
        ("javascript:alert(1)", "is not an http(s) link"),
    ):
        code, _, err = _approve(tmp_path, *args, "--evidence", bad)
        assert code == 1 and "AIG-APPROVE-EVIDENCE" in err and said in err, err
        assert "the sign-off was not recorded" in err
        assert path.read_bytes() == original


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    path = _repo_with(tmp_path, RECORD.read_text(encoding="utf-8"))
    code, out, _ = _approve(tmp_path, *LEGAL, "--decision", "approved", "--dry-run")
    assert code == 0 and out.startswith("Would record legal sign-off")
    assert path.read_text(encoding="utf-8") == RECORD.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--decision", "approved", "--conditions", "x"], "use approved_with_conditions"),
        (["--decision", "approved", "--date", "2026-13-01"], "is not a date"),
        (["--decision", "approved", "--date", "2999-01-01"], "is in the future"),
        (["--decision", "maybe"], "'maybe' is not one of"),
    ],
)
def test_usage_errors_exit_2_and_leave_the_file_alone(
    tmp_path: Path, args: list[str], message: str
) -> None:
    path = _repo_with(tmp_path, RECORD.read_text(encoding="utf-8"))
    code, _, err = _approve(tmp_path, *LEGAL, *args)
    assert code == 2 and message in err
    assert path.read_text(encoding="utf-8") == RECORD.read_text(encoding="utf-8")


def test_conditions_wanted_without_any_is_refused(tmp_path: Path) -> None:
    # not a usage error: open conditions carried from the sign-off it supersedes would count
    path = _repo_with(tmp_path, RECORD.read_text(encoding="utf-8"))
    code, _, err = _approve(tmp_path, *LEGAL, "--decision", "approved_with_conditions")
    assert code == 1 and "needs at least one open condition" in err
    assert path.read_text(encoding="utf-8") == RECORD.read_text(encoding="utf-8")


def test_unknown_system_suggests_the_close_one(tmp_path: Path) -> None:
    _repo_with(tmp_path, RECORD.read_text(encoding="utf-8"))
    run = run_aigov(
        "approve",
        "refund-helpr",
        *LEGAL,
        "--decision",
        "approved",
        "--root",
        str(tmp_path),
        cwd=tmp_path,
    )
    assert run.returncode == 2
    assert (
        "no system 'refund-helpr'" in run.stderr and "Did you mean 'refund-helper'?" in run.stderr
    )


def test_an_invalid_record_is_not_approved(tmp_path: Path) -> None:
    broken = RECORD.read_text(encoding="utf-8").replace("severity: high", "severity: hihg")
    path = _repo_with(tmp_path, broken)
    code, _, err = _approve(tmp_path, *LEGAL, "--decision", "approved")
    assert code == 1
    assert "AIG-SCHEMA-ENUM" in err and "cannot be approved" in err
    assert path.read_text(encoding="utf-8") == broken


def test_revision_is_recorded_when_the_content_is_committed(signed_repo: GitRepo) -> None:
    head = signed_repo.git("rev-parse", "--short", "HEAD")
    code, out, err = _approve(signed_repo.top, *LEGAL, "--decision", "approved")
    assert code == 0, err
    assert f"revision:     {head}" in out and "not committed yet" not in out
    assert process_file(signed_repo.record).record.signoffs[-1].revision == head  # type: ignore[union-attr]


def test_uncommitted_content_is_approved_with_a_note(signed_repo: GitRepo) -> None:
    signed_repo.edit("      severity: high\n", "      severity: critical\n")
    code, out, err = _approve(signed_repo.top, *LEGAL, "--decision", "approved")
    assert code == 0, err
    assert "the approved content is not committed yet" in out
    assert process_file(signed_repo.record).record.signoffs[-1].revision is None  # type: ignore[union-attr]
