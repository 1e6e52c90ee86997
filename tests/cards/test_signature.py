"""The signature page closes the system card and the model card: every sign-off and exactly
what it binds (revision, hash, time, scope, conditions with status, valid-until)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from aigov.model import ReviewDecision, ReviewRole
from aigov.review.approve import approve
from tests.conftest import run_aigov
from tests.review.conftest import RECORD, GitRepo

MODEL = """
approach:
  strategy: buy
  components:
    - {id: drafter, name: Reply drafter, kind: llm, source: api, provider: Example AI}
"""


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    if shutil.which("git") is None:  # pragma: no cover - git is part of the test image
        pytest.skip("git is not installed")
    git = GitRepo(tmp_path)
    text = RECORD.read_text(encoding="utf-8").replace("\nsignoffs:", MODEL + "\nsignoffs:", 1)
    git.write("systems/refund-helper.yaml", text)
    git.write("evidence/refund-helper/send-flow.md", "# Send flow\n")
    first = git.commit("Add refund helper record", date="2026-03-01T10:00:00+01:00")
    result = approve(
        git.record,
        display="systems/refund-helper.yaml",
        role=ReviewRole.LEGAL,
        reviewer="Jonas Becker",
        decision=ReviewDecision.APPROVED_WITH_CONDITIONS,
        date=dt.date(2026, 3, 5),
        time=dt.time(10, 14),
        conditions=["Pilot limited to Germany"],
        scope="Pilot in Germany",
        valid_until=dt.date(2027, 3, 31),
        comment="Fine for the pilot",
    )
    assert result.ok and result.written, result.diagnostics
    assert result.revision == first[:7]
    git.commit(
        "Legal approval", date="2026-03-05T11:00:00+01:00", author="Jonas Becker <j@example.com>"
    )
    return git


def _card(repo: GitRepo, *args: str) -> str:
    run = run_aigov(
        "card", "refund-helper", *args, "--root", str(repo.top), "--today", "2026-03-20",
        cwd=repo.top,
    )  # fmt: skip
    assert run.stdout, run.stderr
    return run.stdout


def test_the_system_card_closes_with_the_signature_page(repo: GitRepo) -> None:
    first = repo.git("rev-list", "--max-parents=0", "HEAD")
    digest = repo.record.read_text(encoding="utf-8").split("record_hash: ")[1].split()[0]
    md = _card(repo)
    headings = [line for line in md.splitlines() if line.startswith("## ")]
    numbered = [h for h in headings if h[3:4].isdigit()]
    assert numbered[-1].endswith("Signature page")
    page = md.split("Signature page", 1)[1]
    assert "**2. Legal: Jonas Becker, approved, with conditions**" in page
    for row in (
        "| Signed | 2026-03-05 10:14 UTC",
        f"| Approved version | revision `{first[:7]}` of 2026-03-01 09:00 UTC |",
        f"| Content hash | `{digest}` |",
        "| Scope | Pilot in Germany |",
        "| Conditions | • Pilot limited to Germany — open |",
        "| Valid until | 2027-03-31 |",
        "| Comment | Fine for the pilot |",
        "| Evidence bound | `evidence/refund-helper/send-flow.md` `sha256:",
        "| Binds this content | Yes: this card shows the content it approved |",
    ):
        assert row in page, row
    # the older, date-only privacy sign-off is listed too, as not bound
    assert "**1. Privacy: Aoife Brennan, approved**" in page
    assert "Not bound: no content hash was recorded" in page

    html = BeautifulSoup(_card(repo, "--format", "html"), "html.parser")
    section = html.select("section.signature-page")
    assert len(section) == 1
    text = " ".join(section[0].get_text(" ").split())
    assert f"revision {first[:7]} of 2026-03-01 09:00 UTC" in text
    assert "Pilot limited to Germany — open" in text and digest in text


def test_the_model_card_closes_with_the_signature_page(repo: GitRepo) -> None:
    md = _card(repo, "--model", "drafter")
    numbered = [line for line in md.splitlines() if line.startswith("## ") and line[3:4].isdigit()]
    assert numbered[-1].endswith("Signature page")
    assert "| Signed | 2026-03-05 10:14 UTC" in md


def test_an_edit_shows_on_the_signature_page_as_not_binding(repo: GitRepo) -> None:
    repo.edit("      severity: high\n", "      severity: critical\n")
    page = _card(repo).split("Signature page", 1)[1]
    assert "| Binds this content | No: the record changed after approval |" in page
