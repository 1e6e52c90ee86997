"""The check's sign-off verdicts travel with the record's summary, and later stages use them
only while they hold: they equal fresh verdicts, and a forged sign-off is caught on every
path (the check, the card, the site build)."""

from __future__ import annotations

import datetime as dt
import os
import pickle
from pathlib import Path

import pytest

from aigov.audience import redact
from aigov.project import LoadedRecord
from aigov.review import signoffs as signoffs_module
from aigov.review.git import Repo
from aigov.review.signoffs import Verified, signoff_states, signoff_verdicts
from aigov.review.verify import Trust, verify_signoffs
from aigov.workspace import open_repository
from tests.conftest import run_aigov

from .conftest import GitRepo
from .test_trust import JONAS, POLICY, _approve, _assert_invalid, _edit_and_commit, legal  # noqa: F401 (fixture)

TODAY = dt.date(2026, 3, 20)


def _checked(repo: GitRepo) -> LoadedRecord:
    project = open_repository(repo.top.resolve(), today=TODAY).load(jobs=1)
    (loaded,) = project.records
    return loaded


def _no_fresh_verification(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("verified again instead of using the check's verdicts")

    monkeypatch.setattr(signoffs_module, "verify_signoffs", refuse)


def test_the_checks_verdicts_are_the_fresh_ones_and_are_reused(
    legal: GitRepo,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    loaded = _checked(legal)
    carried = loaded.check_summary.verified if loaded.check_summary else None
    assert isinstance(carried, Verified)
    fresh = verify_signoffs(loaded.source, loaded.data, Repo(legal.top.resolve()))
    assert list(carried.verdicts) == fresh
    assert Trust.COMMITTED in [v.trust for v in fresh]
    # they survive the trip from a worker process
    assert pickle.loads(pickle.dumps(loaded)).check_summary.verified == carried
    _no_fresh_verification(monkeypatch)
    assert signoff_verdicts(loaded) == fresh
    assert [s.verdict for s in signoff_states(loaded, legal.top, today=TODAY)] == fresh
    assert signoff_verdicts(redact(loaded, "public")) == fresh


def test_verdicts_do_not_outlive_the_commit_they_were_made_for(
    legal: GitRepo,  # noqa: F811
) -> None:
    """A commit after the check (here: a forged decision by someone else) is read afresh."""
    loaded = _checked(legal)
    assert loaded.check_summary is not None and loaded.check_summary.verified is not None
    _edit_and_commit(legal, "decision: approved", "decision: rejected")
    now = _checked(legal)
    assert any("edited after it was made" in v.invalid for v in signoff_verdicts(now))
    # the record checked before the commit is not answered from its old verdicts either
    assert signoffs_module._carried(loaded, None) is None
    assert signoffs_module._carried(now, None) == signoff_verdicts(now)


def test_a_public_copy_reuses_them_only_while_the_file_is_unchanged(
    legal: GitRepo,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    loaded = _checked(legal)
    public = redact(loaded, "public")
    later = loaded.source.stat().st_mtime_ns + 5_000_000_000
    os.utime(loaded.source, ns=(later, later))
    _no_fresh_verification(monkeypatch)
    with pytest.raises(AssertionError, match="verified again"):
        signoff_verdicts(public)


def test_a_forged_signoff_is_invalid_in_the_check_the_card_and_the_site(
    signed_repo: GitRepo, tmp_path: Path
) -> None:
    """A rejection turned into an approval by someone else: the check, the card and the
    built site (whose pages use the check's verdicts) all say it was edited."""
    signed_repo.write("aigov.yaml", POLICY)
    _approve(signed_repo, decision="rejected")
    signed_repo.commit("Legal rejection", author=JONAS)
    _edit_and_commit(signed_repo, "decision: rejected", "decision: approved")
    _assert_invalid(signed_repo, "decision")  # the check's findings and the card
    out = tmp_path / "site"
    run = run_aigov(
        "build", "--root", str(signed_repo.top), "--today", "2026-03-20", "--site-dir", str(out),
        cwd=signed_repo.top, env=signed_repo.env,
    )  # fmt: skip
    assert run.returncode in (0, 1), run.stdout + run.stderr
    pages = [p.read_text("utf-8") for p in out.rglob("*.html") if "refund-helper" in str(p)]
    assert pages and any("edited after it was made" in page for page in pages)
