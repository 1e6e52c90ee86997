"""What a sign-off binds: time, comment, scope, valid-until, tracked conditions carried from one
approval to the next, the evidence files it rests on, and the date it was given."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from aigov.model import ConditionStatus
from aigov.project import process_file
from aigov.review import Status, signoff_states
from tests.conftest import run_aigov

from .conftest import GitRepo

LEGAL = ["--role", "legal", "--reviewer", "Jonas Becker"]


def _approve(repo: GitRepo, *args: str) -> tuple[int, str, str]:
    run = run_aigov("approve", "refund-helper", *args, "--root", str(repo.top), cwd=repo.top)
    return run.returncode, run.stdout, run.stderr


def _legal(repo: GitRepo, today: dt.date | None = None) -> object:
    states = signoff_states(process_file(repo.record), repo.top, today=today)
    return [s for s in states if s.role == "legal"]


def _codes(repo: GitRepo, today: str) -> dict[str, list[str]]:
    run = run_aigov(
        "check", "--format", "json", "--root", str(repo.top), "--today", today, cwd=repo.top
    )
    out: dict[str, list[str]] = {}
    for d in json.loads(run.stdout)["diagnostics"]:
        out.setdefault(str(d["code"]), []).append(str(d["message"]))
    return out


def test_approve_records_time_comment_scope_valid_until_and_evidence(signed_repo: GitRepo) -> None:
    code, out, err = _approve(
        signed_repo,
        *LEGAL,
        "--decision",
        "approved",
        "--comment",
        "Fine for the pilot",
        "--scope",
        "Pilot in Germany",
        "--valid-until",
        "2099-06-30",
    )
    assert code == 0, err
    assert "UTC" in out and "scope:       Pilot in Germany" in out
    (legal,) = _legal(signed_repo)  # type: ignore[misc]
    s = legal.signoff
    assert s.time is not None and s.when.endswith(" UTC")
    assert (s.comment, s.scope, s.valid_until) == (
        "Fine for the pilot",
        "Pilot in Germany",
        dt.date(2099, 6, 30),
    )
    # the control's evidence file is bound by its checksum
    assert list(s.evidence_hashes) == ["evidence/refund-helper/send-flow.md"]
    assert s.evidence_hashes["evidence/refund-helper/send-flow.md"].startswith("sha256:")
    assert legal.lapses == []


def test_an_approval_past_its_valid_until_is_stale(signed_repo: GitRepo) -> None:
    code, _, err = _approve(
        signed_repo, *LEGAL, "--decision", "approved", "--date", "2026-03-05",
        "--valid-until", "2026-06-30",
    )  # fmt: skip
    assert code == 0, err
    (before,) = _legal(signed_repo, dt.date(2026, 6, 30))  # type: ignore[misc]
    assert not before.lapses
    (after,) = _legal(signed_repo, dt.date(2026, 7, 1))  # type: ignore[misc]
    assert after.status == Status.STALE
    assert [lapse.text for lapse in after.lapses] == ["the approval expired on 2026-06-30"]
    assert after.change_summary == "the approval expired on 2026-06-30"
    found = _codes(signed_repo, "2026-07-01")
    assert any("expired on 2026-06-30" in m for m in found["AIG-SIGNOFF-002"])


def test_an_evidence_change_stales_the_signoff_citing_it(signed_repo: GitRepo) -> None:
    memo = signed_repo.write("evidence/refund-helper/legal-memo.md", "# Legal memo\nFine.\n")
    code, _, err = _approve(
        signed_repo, *LEGAL, "--decision", "approved", "--date", "2026-03-05",
        "--evidence", "evidence/refund-helper/legal-memo.md",
    )  # fmt: skip
    assert code == 0, err
    (legal,) = _legal(signed_repo)  # type: ignore[misc]
    assert set(legal.signoff.evidence_hashes) == {
        "evidence/refund-helper/legal-memo.md",
        "evidence/refund-helper/send-flow.md",
    }
    assert not legal.lapses
    memo.write_text("# Legal memo\nFine.\nOne more line.\n", encoding="utf-8")
    (legal,) = _legal(signed_repo)  # type: ignore[misc]
    assert legal.status == Status.STALE
    assert (
        legal.change_summary
        == "evidence evidence/refund-helper/legal-memo.md changed since approval"
    )
    found = _codes(signed_repo, "2026-03-20")
    assert any(
        "evidence evidence/refund-helper/legal-memo.md changed since approval" in m
        for m in found["AIG-SIGNOFF-002"]
    )


def test_signoffs_without_evidence_checksums_are_not_stale_for_it(signed_repo: GitRepo) -> None:
    # an old sign-off has no checksums: changing the control's evidence is not an error
    text = signed_repo.record.read_text(encoding="utf-8")
    assert "evidence_hashes" not in text
    signed_repo.write("evidence/refund-helper/send-flow.md", "# Send flow, v2\n")
    states = signoff_states(process_file(signed_repo.record), signed_repo.top)
    assert all(not s.lapses for s in states)


def test_open_conditions_are_carried_forward_or_recorded_closed(signed_repo: GitRepo) -> None:
    code, _, err = _approve(
        signed_repo, *LEGAL, "--decision", "approved_with_conditions", "--date", "2026-03-05",
        "--condition", "Pilot limited to Germany", "--condition", "FRIA updated before NL launch",
    )  # fmt: skip
    assert code == 0, err
    # approving without conditions would let the open ones lapse: refused
    code, _, err = _approve(signed_repo, *LEGAL, "--decision", "approved", "--date", "2026-03-06")
    assert code == 1 and "open conditions" in err and "--condition-met" in err
    # closing a condition that is not open is refused too
    code, _, err = _approve(
        signed_repo, *LEGAL, "--decision", "approved_with_conditions", "--date", "2026-03-06",
        "--condition-met", "Something else",
    )  # fmt: skip
    assert code == 1 and "is not an open condition" in err
    code, out, err = _approve(
        signed_repo, *LEGAL, "--decision", "approved_with_conditions", "--date", "2026-03-06",
        "--condition-met", "Pilot limited to Germany",
    )  # fmt: skip
    assert code == 0, err
    assert "Pilot limited to Germany (met)" in out
    assert "FRIA updated before NL launch (open)" in out
    first, second = _legal(signed_repo)  # type: ignore[misc]
    assert first.superseded_by == second.index
    items = {c.text: c.status for c in second.signoff.condition_items}
    assert items == {
        "Pilot limited to Germany": ConditionStatus.MET,
        "FRIA updated before NL launch": ConditionStatus.OPEN,
    }
    assert second.open_conditions == ["FRIA updated before NL launch"]
    found = _codes(signed_repo, "2026-03-20")
    assert "AIG-SIGNOFF-012" not in found
    # the plain sentences of the first sign-off stay valid (open conditions)
    assert first.signoff.conditions == ["Pilot limited to Germany", "FRIA updated before NL launch"]


def test_a_signoff_dated_before_the_version_it_approves_is_flagged(signed_repo: GitRepo) -> None:
    # the record was first committed on 2026-03-01; a sign-off dated 2026-02-25 approves it
    code, _, err = _approve(signed_repo, *LEGAL, "--decision", "approved", "--date", "2026-02-25")
    assert code == 0, err
    signed_repo.commit(
        "Legal approval",
        date="2026-03-02T09:00:00+01:00",
        author="Jonas Becker <jonas@example.com>",
    )
    (legal,) = _legal(signed_repo)  # type: ignore[misc]
    assert legal.backdated.startswith("dated 2026-02-25, before the version it approves (")
    assert "first committed 2026-03-01 09:00 UTC" in legal.backdated
    found = _codes(signed_repo, "2026-03-20")
    (message,) = found["AIG-SIGNOFF-010"]
    assert message.startswith(
        "the legal sign-off by Jonas Becker of 2026-02-25 is dated 2026-02-25"
    )
    # one dated the day of the commit is not flagged
    risk = ["--role", "risk", "--reviewer", "Ingrid Dahl", "--decision", "approved"]
    code, _, err = _approve(signed_repo, *risk, "--date", "2026-03-01")
    assert code == 0, err
    signed_repo.commit(
        "Risk approval", date="2026-03-03T09:00:00+01:00", author="Ingrid Dahl <ingrid@example.com>"
    )
    states = signoff_states(process_file(signed_repo.record), signed_repo.top)
    assert [s.backdated for s in states if s.role == "risk"] == [""]


def test_date_only_signoffs_stay_valid(tmp_path: Path) -> None:
    from aigov.model import SignOff

    s = SignOff.model_validate(
        {"reviewer": "A", "role": "legal", "decision": "approved", "date": "2026-03-05"}
    )
    assert s.time is None and s.when == "2026-03-05"
    timed = s.model_copy(update={"time": dt.time(10, 14)})
    assert timed.when == "2026-03-05 10:14 UTC"
