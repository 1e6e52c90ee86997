"""Sign-offs bound to content: what makes one stale, and what does not."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from aigov.hashing import content_hash
from aigov.model import ReviewDecision, ReviewRole
from aigov.project import process_file
from aigov.review import Status, signoff_states, stale_signoffs
from aigov.review.approve import approve
from aigov.yamlload import load_file
from tests.conftest import run_aigov

from .conftest import RECORD, GitRepo

# These records are in plain folders: a sign-off whose hash matches reads as unverified there
# (git history cannot say who made it), never as current; see test_trust.py for git.
MATCHES = Status.UNVERIFIED


def _approve(path: Path, role: str = "legal", when: str = "2026-03-05", **kw: object) -> None:
    result = approve(
        path,
        display=path.name,
        role=ReviewRole(role),
        reviewer=str(kw.get("reviewer", "Jonas Becker")),
        decision=ReviewDecision(str(kw.get("decision", "approved"))),
        date=dt.date.fromisoformat(when),
        conditions=list(kw.get("conditions", [])),  # type: ignore[call-overload]
    )
    assert result.ok and result.written, result.diagnostics


def _legal(path: Path) -> Status:
    states = signoff_states(process_file(path))
    return next(s.status for s in states if s.role == "legal")


@pytest.fixture
def signed(tmp_path: Path) -> Path:
    path = tmp_path / "systems" / "refund-helper.yaml"
    path.parent.mkdir()
    path.write_text(RECORD.read_text(encoding="utf-8"), encoding="utf-8")
    _approve(path)
    assert _legal(path) == MATCHES
    return path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- content changes make a sign-off stale ------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("      severity: high\n", "      severity: critical\n"),  # an enum value
        ("Tone too formal", "Tone far too formal"),  # prose
        ("threshold: 0.85}", "threshold: 0.8}"),  # a number
        ("value: 0.72,", "value: 0.720001,"),  # a tiny change in a result
        ("    - English only\n", ""),  # a list item removed
        ("threshold: 0.85}", "threshold: 0.85, unit: '%'}"),  # a field added
        ("  accountable: Dana Whitfield\n", "  accountable: unknown\n"),  # an explicit answer
    ],
)
def test_content_change_makes_the_signoff_stale(signed: Path, old: str, new: str) -> None:
    _edit(signed, old, new)
    assert _legal(signed) == Status.STALE
    stale = stale_signoffs(process_file(signed))
    assert [s.signoff.reviewer for s in stale] == ["Jonas Becker"]


# --- formatting, comments and key order do not --------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("# the harm legal cares most about\n", "# reworded comment, and a new one\n# here\n"),
        ("   # shown on the card", ""),  # trailing comment removed
        (
            "  team: Support Engineering\n  accountable: Dana Whitfield\n",
            "  accountable: Dana Whitfield\n  team: Support Engineering\n",
        ),  # key order
        ('version: "1.10"', "version: '1.10'"),  # quoting style
        ("summary: Suggests refund", 'summary: "Suggests refund'),  # plain → quoted (same text)
        (
            "      mitigations: [ctl-human-send]\n",
            "      mitigations:\n        - ctl-human-send\n",
        ),  # flow list → block list
        (
            '  - {title: Design doc, url: "https://wiki.example.com/refund-helper"}\n',
            "  - title: Design doc\n    url: https://wiki.example.com/refund-helper\n",
        ),  # flow mapping → block mapping
        ("\nowner:\n", "\n\n\nowner:\n"),  # blank lines
    ],
)
def test_formatting_and_comments_keep_the_signoff_current(signed: Path, old: str, new: str) -> None:
    if new.startswith('summary: "'):
        _edit(
            signed,
            "Suggests refund decisions to support agents.",
            'Suggests refund decisions to support agents."',
        )
        _edit(signed, "summary: Suggests refund", 'summary: "Suggests refund')
    else:
        _edit(signed, old, new)
    doc, diags = load_file(signed)
    assert doc is not None, diags
    assert _legal(signed) == MATCHES


def test_quoting_that_changes_the_type_changes_the_hash(signed: Path) -> None:
    before = content_hash(load_file(signed)[0].data)  # type: ignore[union-attr]
    _edit(signed, 'version: "1.10"', "version: 1.10")  # text "1.10" became the number 1.1
    after = content_hash(load_file(signed)[0].data)  # type: ignore[union-attr]
    assert before != after


def test_rewriting_the_file_in_another_layout_keeps_the_signoff_current(signed: Path) -> None:
    """Same data written by another YAML writer: sorted keys, 4-space indents, block lists,
    every string quoted, no comments. Nothing a reviewer approved has changed."""
    doc = load_file(signed)[0]
    assert doc is not None
    text = yaml.safe_dump(
        doc.data, sort_keys=True, indent=4, default_flow_style=False, allow_unicode=True
    )
    assert text != signed.read_text(encoding="utf-8")
    signed.write_text(text, encoding="utf-8")
    assert content_hash(load_file(signed)[0].data) == content_hash(doc.data)  # type: ignore[union-attr]
    assert _legal(signed) == MATCHES


def test_adding_signoffs_does_not_change_the_hash(signed: Path) -> None:
    before = process_file(signed).content_hash
    _approve(signed, role="risk", reviewer="Ingrid Dahl")
    after = process_file(signed)
    assert after.content_hash == before
    assert {s.role: s.status for s in signoff_states(after)} == {
        "privacy": Status.UNBOUND,
        "legal": MATCHES,
        "risk": MATCHES,
    }


def test_a_newer_signoff_for_the_same_role_supersedes_a_stale_one(signed: Path) -> None:
    _edit(signed, "      severity: high\n", "      severity: critical\n")
    assert len(stale_signoffs(process_file(signed))) == 1
    _approve(signed, when="2026-03-09")
    states = signoff_states(process_file(signed))
    legal = [s for s in states if s.role == "legal"]
    assert [s.status for s in legal] == [Status.STALE, MATCHES]
    assert legal[0].superseded_by == legal[1].index and not legal[0].effective
    assert stale_signoffs(process_file(signed)) == []
    # shown as history, not as a stale approval
    assert legal[0].superseded_note == "Superseded by the legal sign-off of 2026-03-09"
    assert legal[1].superseded_note == ""
    assert legal[0].to_dict()["superseded"] == legal[0].superseded_note


# --- what changed since approval, from git ------------------------------------------------------


def test_stale_signoff_shows_field_level_changes_from_git(signed_repo: GitRepo) -> None:
    approved_sha = signed_repo.git("rev-parse", "HEAD")  # the revision the approval records
    _approve(signed_repo.record)
    signed_repo.commit("Legal approval", date="2026-03-05T09:00:00+01:00")
    signed_repo.edit("      severity: high\n", "      severity: critical\n")
    signed_repo.edit("    - English only\n", "    - English and German only\n")
    signed_repo.commit("Raise severity; German", date="2026-03-20T09:00:00+01:00")

    loaded = process_file(signed_repo.record)
    (legal,) = stale_signoffs(loaded, with_changes=True)
    assert legal.approved is not None and legal.approved.commit.sha == approved_sha
    assert legal.changes is not None
    seen = {(c.kind, c.label) for c in legal.changes}
    assert ("changed", "Impact assessment › Harms › Wrong refund promise › Severity") in seen
    assert ("added", "Documentation › Limitations") in seen
    assert ("removed", "Documentation › Limitations") in seen
    assert legal.headline == "Changed since the legal approval of 2026-03-05 by Jonas Becker"
    assert "3 changes" in legal.change_summary and "Impact assessment" in legal.change_summary


def test_changes_are_unknown_when_the_approved_version_was_never_committed(
    signed_repo: GitRepo,
) -> None:
    signed_repo.edit("    - English only\n", "    - English and German\n")
    _approve(signed_repo.record)  # approves uncommitted content, which is edited again
    signed_repo.edit("      severity: high\n", "      severity: critical\n")
    signed_repo.commit("Approval and a change in one commit")
    (legal,) = stale_signoffs(process_file(signed_repo.record), with_changes=True)
    assert legal.changes is None and legal.approved is None
    assert "changes are unknown" in legal.change_summary


# --- aigov check reports it -------------------------------------------------------------------


def _check(root: Path) -> list[dict[str, object]]:
    run = run_aigov(
        "check", "--format", "json", "--root", str(root), "--today", "2026-03-20", cwd=root
    )
    assert run.returncode in (0, 1), run.stderr
    return [
        d for d in json.loads(run.stdout)["diagnostics"] if str(d["code"]).startswith("AIG-SIGNOFF")
    ]


def test_aigov_check_reports_a_stale_signoff_and_not_a_reformatted_one(signed: Path) -> None:
    root = signed.parent.parent
    (root / "aigov.yaml").write_text("signoffs:\n  medium:\n    pilot: [legal]\n", encoding="utf-8")
    assert _check(root) == []
    _edit(signed, "# the harm legal cares most about\n", "# reworded\n")
    _edit(
        signed,
        "  team: Support Engineering\n  accountable: Dana Whitfield\n",
        "  accountable: Dana Whitfield\n  team: Support Engineering\n",
    )
    assert _check(root) == []
    _edit(signed, "      severity: high\n", "      severity: critical\n")
    found = {d["code"]: d for d in _check(root)}
    # legal is required here, so its stale sign-off is one error (AIG-SIGNOFF-001), not also a warning
    assert "AIG-SIGNOFF-002" not in found
    stale = found["AIG-SIGNOFF-001"]
    assert stale["severity"] == "error"
    assert (
        stale["message"]
        == "the legal sign-off (Jonas Becker, 2026-03-05) no longer counts: it approved an earlier version of the record"
    )
    line = signed.read_text(encoding="utf-8").splitlines()[int(stale["line"]) - 1]  # type: ignore[call-overload]
    assert line.strip().startswith("record_hash: sha256:")
    assert "aigov diff refund-helper" in str(stale["hint"])


def test_a_stale_optional_signoff_is_a_warning(signed: Path) -> None:
    root = signed.parent.parent
    (root / "aigov.yaml").write_text(
        "signoffs:\n  medium:\n    pilot: [privacy]\n", encoding="utf-8"
    )
    _edit(
        signed,
        "Suggests refund decisions to support agents.",
        "Suggests refund decisions to agents.",
    )
    found = {d["code"]: d for d in _check(root)}
    stale = found["AIG-SIGNOFF-002"]
    assert stale["severity"] == "warning"
    assert (
        stale["message"]
        == "legal sign-off by Jonas Becker on 2026-03-05 is stale: the record changed after it was given"
    )
