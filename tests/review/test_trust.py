"""Sign-offs are verified, not believed: each attack a product manager with write access could
try, through the real CLI, in real git repositories (see README, "Safe on any input")."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import run_aigov

from .conftest import RECORD, GitRepo

JONAS = "Jonas Becker <jonas@example.com>"
POLICY = "signoffs:\n  medium:\n    pilot: [legal]\n"


def _approve(repo: GitRepo, *extra: str, decision: str = "approved") -> None:
    run = run_aigov(
        "approve",
        "refund-helper",
        "--role",
        "legal",
        "--reviewer",
        "Jonas Becker",
        "--decision",
        decision,
        "--date",
        "2026-03-05",
        "--root",
        str(repo.top),
        *extra,
        cwd=repo.top,
        env=repo.env,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def _findings(repo: GitRepo) -> dict[str, list[dict[str, object]]]:
    run = run_aigov(
        "check", "--format", "json", "--root", str(repo.top), "--today", "2026-03-20",
        cwd=repo.top, env=repo.env,
    )  # fmt: skip
    assert run.returncode in (0, 1), run.stderr
    out: dict[str, list[dict[str, object]]] = {}
    for d in json.loads(run.stdout)["diagnostics"]:
        out.setdefault(str(d["code"]), []).append(d)
    return out


def _card(repo: GitRepo) -> str:
    run = run_aigov(
        "card", "refund-helper", "--root", str(repo.top), "--today", "2026-03-20",
        cwd=repo.top, env=repo.env,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    return run.stdout


def _legal_row(card: str) -> str:
    return next(line for line in card.splitlines() if line.startswith("| **Jonas Becker**"))


@pytest.fixture
def legal(signed_repo: GitRepo) -> GitRepo:
    """Jonas Becker's legal approval, committed by Jonas Becker himself."""
    signed_repo.write("aigov.yaml", POLICY)
    signed_repo.commit("Policy: legal signs pilots")
    _approve(signed_repo)
    signed_repo.commit("Legal approval", author=JONAS)
    return signed_repo


def test_the_reviewers_own_commit_makes_a_current_signoff(legal: GitRepo) -> None:
    found = _findings(legal)
    assert "AIG-SIGNOFF-001" not in found and "AIG-SIGNOFF-003" not in found
    assert "Yes (hash matches)" in _legal_row(_card(legal))


def _edit_and_commit(repo: GitRepo, old: str, new: str) -> None:
    repo.edit(old, new)
    repo.commit("Tidy the record")  # committed by Priya Raman, the product manager


def _assert_invalid(repo: GitRepo, *changed: str) -> None:
    found = _findings(repo)
    (invalid,) = found["AIG-SIGNOFF-003"]
    assert invalid["severity"] == "error"
    assert "was edited after it was made" in str(invalid["message"])
    for name in changed:
        assert name in str(invalid["message"])
    assert any("does not count" in str(d["message"]) for d in found["AIG-SIGNOFF-001"])
    row = _legal_row(_card(repo))
    assert "Invalid: the sign-off was edited after it was made" in row
    assert "hash matches" not in row


def test_changing_a_rejection_into_an_approval_makes_it_invalid(signed_repo: GitRepo) -> None:
    signed_repo.write("aigov.yaml", POLICY)
    _approve(signed_repo, decision="rejected")
    signed_repo.commit("Legal rejection", author=JONAS)
    _edit_and_commit(signed_repo, "decision: rejected", "decision: approved")
    _assert_invalid(signed_repo, "decision")


def test_deleting_the_conditions_of_an_approval_makes_it_invalid(signed_repo: GitRepo) -> None:
    signed_repo.write("aigov.yaml", POLICY)
    _approve(
        signed_repo,
        "--conditions",
        "Pilot limited to Germany",
        decision="approved_with_conditions",
    )
    signed_repo.commit("Legal approval with conditions", author=JONAS)
    text = signed_repo.record.read_text(encoding="utf-8")
    assert "conditions: [Pilot limited to Germany]\n" in text
    _edit_and_commit(signed_repo, "    conditions: [Pilot limited to Germany]\n", "")
    _assert_invalid(signed_repo, "conditions")


def test_pasting_a_recomputed_hash_after_a_content_change_makes_it_invalid(
    legal: GitRepo,
) -> None:
    from aigov.hashing import content_hash
    from aigov.yamlload import load_file

    def hash_now() -> str:
        doc, _ = load_file(legal.record)
        assert doc is not None
        return content_hash(doc.data)

    old_hash = hash_now()
    legal.edit("      severity: high\n", "      severity: low\n")
    legal.edit(old_hash, hash_now())
    legal.commit("Severity low after the workshop")
    _assert_invalid(legal, "record_hash")


def test_an_edit_in_the_working_copy_is_invalid_too(legal: GitRepo) -> None:
    legal.edit("decision: approved", "decision: approved_with_conditions\n    conditions: [x]")
    found = _findings(legal)
    assert "edited after it was made" in str(found["AIG-SIGNOFF-003"][0]["message"])
    assert "in the working copy" in str(found["AIG-SIGNOFF-003"][0]["message"])


def test_a_signoff_committed_by_someone_else_does_not_count(signed_repo: GitRepo) -> None:
    signed_repo.write("aigov.yaml", POLICY)
    _approve(signed_repo)
    signed_repo.commit("Legal approval (Jonas said yes in the meeting)")  # by Priya Raman
    found = _findings(signed_repo)
    (missing,) = found["AIG-SIGNOFF-001"]
    assert missing["severity"] == "error"
    assert "committed by Priya Raman" in str(missing["message"])
    assert "not by Jonas Becker" in str(missing["message"])
    row = _legal_row(_card(signed_repo))
    assert "Unverified" in row and "hash matches" not in row


def test_outside_git_a_signoff_is_unverified_never_hash_matches(tmp_path: Path) -> None:
    (tmp_path / "systems").mkdir()
    record = tmp_path / "systems" / "refund-helper.yaml"
    record.write_text(RECORD.read_text(encoding="utf-8"), encoding="utf-8")
    repo = GitRepo.__new__(GitRepo)  # only its top and environment: no `git init`
    repo.top, repo.env = tmp_path, {"HOME": str(tmp_path)}
    _approve(repo)
    card = _card(repo)
    assert "hash matches" not in card
    assert "Unverified: the record is not in a git repository" in _legal_row(card)


def _ssh_key(folder: Path) -> Path:
    key = folder / "jonas_ed25519"
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "jonas", "-f", str(key)],
        check=True,
        capture_output=True,
    )
    return key


@pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="ssh-keygen is not installed")
def test_a_signed_signoff_is_verified_with_the_allowed_signers_file(
    signed_repo: GitRepo, tmp_path_factory: pytest.TempPathFactory
) -> None:
    key = _ssh_key(tmp_path_factory.mktemp("keys"))
    public = key.with_suffix(".pub").read_text(encoding="utf-8").split()
    signed_repo.write(
        ".aigov/allowed_signers", f'"Jonas Becker" namespaces="git" {public[0]} {public[1]}\n'
    )
    signed_repo.write("aigov.yaml", POLICY + "signoff_trust:\n  medium: signed\n")
    signed_repo.commit("Policy: signed legal sign-offs; Jonas's key")

    # unsigned, though committed by Jonas himself: not enough for this policy
    _approve(signed_repo)
    signed_repo.commit("Legal approval", author=JONAS)
    (unsigned,) = _findings(signed_repo)["AIG-SIGNOFF-001"]
    assert "not signed" in str(unsigned["message"])
    signed_repo.git("reset", "-q", "--hard", "HEAD~1")  # that approval never happened

    # `aigov approve --sign` makes the signed commit itself (committed by Priya's checkout,
    # signed with Jonas's key)
    signed_repo.git("config", "gpg.format", "ssh")
    signed_repo.git("config", "user.signingkey", str(key))
    run = run_aigov(
        "approve", "refund-helper", "--role", "legal", "--reviewer", "Jonas Becker",
        "--decision", "approved", "--date", "2026-03-06", "--sign",
        cwd=signed_repo.top, env=signed_repo.env,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    assert "signed commit:" in run.stdout
    assert signed_repo.git("status", "--porcelain") == ""
    found = _findings(signed_repo)
    assert "AIG-SIGNOFF-001" not in found and "AIG-SIGNOFF-003" not in found
    assert "Yes (hash matches)" in _legal_row(_card(signed_repo))

    # a key not in the allowed signers file proves nothing
    signed_repo.write(".aigov/allowed_signers", "")
    assert "AIG-SIGNOFF-001" in _findings(signed_repo)


def test_approve_sign_outside_git_says_why(tmp_path: Path) -> None:
    (tmp_path / "systems").mkdir()
    record = tmp_path / "systems" / "refund-helper.yaml"
    record.write_text(RECORD.read_text(encoding="utf-8"), encoding="utf-8")
    run = run_aigov(
        "approve", "refund-helper", "--role", "legal", "--reviewer", "Jonas Becker",
        "--decision", "approved", "--sign", "--root", str(tmp_path), cwd=tmp_path,
    )  # fmt: skip
    assert run.returncode == 1
    assert "AIG-APPROVE-SIGN" in run.stderr and "not in a git repository" in run.stderr
    assert "Jonas Becker" not in record.read_text(encoding="utf-8")


def test_in_a_repository_without_commits_a_signoff_is_pending_not_a_git_error(
    git_repo: GitRepo,
) -> None:
    git_repo.write("systems/refund-helper.yaml", RECORD.read_text(encoding="utf-8"))
    git_repo.write("evidence/refund-helper/send-flow.md", "# Send flow\n")
    git_repo.write("aigov.yaml", POLICY)
    _approve(git_repo)
    findings = _findings(git_repo)
    messages = " ".join(str(d["message"]) for ds in findings.values() for d in ds)
    assert "could not be read" not in messages
    assert "AIG-SIGNOFF-003" not in findings
    assert "not committed yet" in _legal_row(_card(git_repo))


def test_approve_says_when_the_person_at_the_keyboard_is_not_the_reviewer(
    signed_repo: GitRepo,
) -> None:
    signed_repo.write("aigov.yaml", POLICY)
    run = run_aigov(
        "approve", "refund-helper", "--role", "legal", "--reviewer", "Jonas Becker",
        "--decision", "approved", "--date", "2026-03-05", "--root", str(signed_repo.top),
        cwd=signed_repo.top, env=signed_repo.env,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "git commits here as Priya Raman" in run.stdout
    assert "this sign-off will not count: Jonas Becker commits it" in run.stdout
    signed_repo.git("config", "user.name", "Jonas Becker")
    again = run_aigov(
        "approve", "refund-helper", "--role", "legal", "--reviewer", "Jonas Becker",
        "--decision", "approved", "--date", "2026-03-06", "--root", str(signed_repo.top),
        cwd=signed_repo.top, env=signed_repo.env,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert "git commits here as" not in again.stdout
