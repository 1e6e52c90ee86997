"""A record's history: git commits and sign-offs on one timeline, evaluation trends."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from aigov.audience import redact_data
from aigov.model import ReviewDecision, ReviewRole
from aigov.project import process_file
from aigov.review import Status, history
from aigov.review.approve import approve

from .conftest import RECORD, GitRepo


def _approve(repo: GitRepo, role: str, who: str, when: str) -> None:
    result = approve(
        repo.record,
        display="systems/refund-helper.yaml",
        role=ReviewRole(role),
        reviewer=who,
        decision=ReviewDecision.APPROVED,
        date=dt.date.fromisoformat(when),
    )
    assert result.written, result.diagnostics


def test_timeline_holds_commits_and_signoffs_newest_first(signed_repo: GitRepo) -> None:
    _approve(signed_repo, "legal", "Jonas Becker", "2026-03-05")
    signed_repo.commit(
        "Legal approval",
        date="2026-03-05T09:00:00+01:00",
        author="Jonas Becker <jonas@example.com>",
    )
    signed_repo.edit("      severity: high\n", "      severity: critical\n")
    signed_repo.commit("Raise severity after the pilot", date="2026-03-20T09:00:00+01:00")
    signed_repo.edit("    - English only\n", "    - English and German\n")  # not committed

    hist = history(process_file(signed_repo.record), signed_repo.top)
    assert hist.available and hist.reason == ""
    assert [c.commit.subject for c in hist.commits] == [
        "Raise severity after the pilot",
        "Legal approval",
        "Add refund helper record",
    ]
    raise_, approval, created = hist.commits
    assert created.created and created.summary == "record created"
    assert approval.changes == [] and approval.summary == "sign-off recorded"
    assert approval.signoffs_added == ["Legal: Jonas Becker (approved, 2026-03-05)"]
    assert approval.commit.author == "Jonas Becker"
    assert [c.label for c in raise_.changes] == [
        "Impact assessment › Harms › Wrong refund promise › Severity"
    ]
    assert (
        created.approved_by == ["legal"]
        and approval.approved_by == ["legal"]
        and raise_.approved_by == []
    )

    assert hist.uncommitted is not None
    assert {c.label for c in hist.uncommitted} == {"Documentation › Limitations"}

    kinds = [(e.kind, e.title) for e in hist.timeline]
    assert kinds == [
        ("uncommitted", "Uncommitted changes"),
        ("commit", "Raise severity after the pilot"),
        ("signoff", "Legal approved by Jonas Becker"),
        ("commit", "Legal approval"),
        ("commit", "Add refund helper record"),
        # dated 2026-02-20, recorded in the first commit: it sits at its own date
        ("signoff", "Privacy approved by Aoife Brennan"),
    ]
    legal = next(s for s in hist.signoffs if s.role == "legal")
    assert legal.status == Status.STALE
    # the revision the sign-off records, not the later commit with the same content
    assert legal.approved is not None
    assert legal.approved.commit.subject == "Add refund helper record"
    assert {c.label for c in legal.changes or []} == {
        "Impact assessment › Harms › Wrong refund promise › Severity",
        "Documentation › Limitations",
    }


def test_evaluation_results_form_a_trend(signed_repo: GitRepo) -> None:
    hist = history(process_file(signed_repo.record), signed_repo.top)
    (trend,) = hist.trends
    assert trend.title == "groundedness (policy-400)"
    assert [(p.date, p.value, p.passes) for p in trend.points] == [
        ("2026-01-10", 0.72, None),
        ("2026-03-01", 0.88, None),
    ]


def test_public_history_never_shows_internal_fields(signed_repo: GitRepo) -> None:
    signed_repo.edit(
        "evaluations:\n",
        "visibility:\n  internal: [impact_assessment.harms.severity]\n\nevaluations:\n",
    )
    signed_repo.commit("Keep severities internal", date="2026-03-15T09:00:00+01:00")
    signed_repo.edit("      severity: high\n", "      severity: critical\n")
    signed_repo.edit("Tone too formal", "Tone far too formal")
    signed_repo.commit("Severity and tone", date="2026-03-16T09:00:00+01:00")
    loaded = process_file(signed_repo.record)
    internal = history(loaded, signed_repo.top)
    public = history(loaded, signed_repo.top, transform=lambda d: redact_data(d).data)
    assert [c.label for c in internal.commits[0].changes] == [
        "Impact assessment › Harms › Wrong refund promise › Severity",
        "Impact assessment › Harms › Tone mismatch › Description",
    ]
    assert [c.label for c in public.commits[0].changes] == [
        "Impact assessment › Harms › Tone mismatch › Description"
    ]


def test_without_git_the_history_says_why(tmp_path: Path) -> None:
    path = tmp_path / "refund-helper.yaml"
    path.write_text(RECORD.read_text(encoding="utf-8"), encoding="utf-8")
    hist = history(process_file(path), None)
    assert not hist.available and "not a git repository" in hist.reason
    assert [e.kind for e in hist.timeline] == ["signoff"]
    assert hist.trends and hist.commits == []


def test_a_superseded_signoff_reads_as_superseded_not_stale(signed_repo: GitRepo) -> None:
    jonas = "Jonas Becker <jonas@example.com>"  # the reviewer commits their own sign-off
    _approve(signed_repo, "legal", "Jonas Becker", "2026-03-05")
    signed_repo.commit("Legal approval", date="2026-03-05T09:00:00+01:00", author=jonas)
    signed_repo.edit("      severity: high\n", "      severity: critical\n")
    signed_repo.commit("Raise severity", date="2026-03-20T09:00:00+01:00")
    _approve(signed_repo, "legal", "Jonas Becker", "2026-03-22")
    signed_repo.commit("Legal approval again", date="2026-03-22T09:00:00+01:00", author=jonas)

    from aigov.site.pages.history import context

    hist = history(process_file(signed_repo.record), signed_repo.top)
    legal = {
        e.date: e for e in hist.timeline if e.kind == "signoff" and e.title.startswith("Legal")
    }
    old, new = legal["2026-03-05"], legal["2026-03-22"]
    assert old.signoff is not None and old.signoff.status == Status.STALE
    assert old.detail == "Superseded by the legal sign-off of 2026-03-22"
    assert new.detail.startswith("current")
    page = context(hist)
    shown = {t["date"]: t["signoff"]["superseded"] for t in page["timeline"] if "signoff" in t}
    assert shown["2026-03-05"] == "Superseded by the legal sign-off of 2026-03-22"
    assert shown["2026-03-22"] == ""
    assert page["stale_groups"] == []
