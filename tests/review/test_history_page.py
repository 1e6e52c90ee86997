"""The history page in a real site build: stale approvals with their field-level changes,
commits and sign-offs on one timeline, linked from the system page."""

from __future__ import annotations

import datetime as dt

from bs4 import BeautifulSoup

from aigov.model import ReviewDecision, ReviewRole
from aigov.review.approve import approve
from tests.conftest import run_aigov

from .conftest import GitRepo


def test_history_page_shows_what_changed_since_approval(signed_repo: GitRepo) -> None:
    for role, who in (("legal", "Jonas Becker"), ("risk", "Ingrid Dahl")):
        result = approve(
            signed_repo.record,
            display="systems/refund-helper.yaml",
            role=ReviewRole(role),
            reviewer=who,
            decision=ReviewDecision.APPROVED,
            date=dt.date(2026, 3, 5),
        )
        assert result.written
    # the approvals record the revision they read; the commit that records them has the same
    # content (sign-offs are outside the hash) but is not what they approved
    approved = signed_repo.git("rev-parse", "HEAD")
    recorded = signed_repo.commit("Legal and risk approval", date="2026-03-05T09:00:00+01:00")
    signed_repo.edit("      severity: high\n", "      severity: critical\n")
    signed_repo.commit("Severity raised after the pilot review", date="2026-03-20T09:00:00+01:00")
    site = signed_repo.top.parent / "site"
    run = run_aigov(
        "build",
        "--root",
        str(signed_repo.top),
        "--site-dir",
        str(site),
        "--today",
        "2026-03-25",
        "--quiet",
        cwd=signed_repo.top,
    )
    assert run.returncode == 0, run.stderr

    page = BeautifulSoup(
        (site / "systems/refund-helper/history.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    text = " ".join(page.find("article").get_text(" ").split())  # type: ignore[union-attr]
    # one block per stale sign-off, never merged across reviewers
    assert "Changed since the legal approval of 2026-03-05 by Jonas Becker" in text
    assert "Changed since the risk approval of 2026-03-05 by Ingrid Dahl" in text
    assert (
        text.count(f"compared with the approved version {approved[:7]} of 2026-03-01 09:00 UTC")
        == 2
    )
    assert recorded[:7] not in text.split("Timeline")[0]
    assert "Impact assessment › Harms › Wrong refund promise › Severity" in text
    # the theme styles only tables without a class: a classed table renders bare (no borders,
    # no padding, values running into each other)
    tables = page.find("article").find_all("table")  # type: ignore[union-attr]
    assert tables and all(t.get("class") is None for t in tables)
    deleted, inserted = page.find("del"), page.find("ins")
    # an enum value reads as a word (the label table), not as its code
    assert deleted is not None and deleted.get_text() == "High"
    assert inserted is not None and inserted.get_text() == "Critical"
    assert "was: High now: Critical" in text  # reads right when copied
    timeline = [" ".join(li.get_text(" ").split()) for li in page.select("ol.aigov-timeline > li")]
    assert [t.split(" · ")[0] for t in timeline] == [
        "2026-03-20 08:00 UTC",
        "2026-03-05",
        "2026-03-05",
        "2026-03-05 08:00 UTC",  # the sign-offs sit with the commit that recorded them
        "2026-03-01 09:00 UTC",
        "2026-02-20",
    ]  # chronological by the dates shown, newest first
    # the privacy sign-off is dated before the commit that recorded it: both dates shown,
    # and it is dated before the version it approves... it has no hash, so it approves none
    assert "recorded 2026-03-01 09:00 UTC" in timeline[-1]
    assert (
        "Severity raised after the pilot review" in timeline[0]
        and "1 change: 1 changed" in timeline[0]
    )

    system = BeautifulSoup(
        (site / "systems/refund-helper/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    links = [a for a in system.select(".aigov-crumbs a") if a.get_text() == "history"]
    assert links and links[0]["href"] == "history.html"
    badges = [b.get_text() for b in system.select(".aigov-badge--stale")]
    assert badges == [
        "Changed since the legal approval of 2026-03-05 by Jonas Becker",
        "Changed since the risk approval of 2026-03-05 by Ingrid Dahl",
    ]
    # card, site system page and history page name the same approved revision and hash
    card_text = " ".join(system.get_text(" ").split())
    digest = signed_repo.record.read_text(encoding="utf-8").split("record_hash: ")[1].split()[0]
    assert f"revision {approved[:7]} of 2026-03-01 09:00 UTC" in card_text
    # on the card too the hash has a line of its own, next to the reviewer's name
    assert f"Jonas Becker, legal, 2026-03-05: {digest}" in card_text
    history_rows = page.select("table")[0].get_text(" ")
    history_rows = " ".join(history_rows.split())
    assert f"{approved[:7]} of 2026-03-01 09:00 UTC" in history_rows
    # the hash has a full-width row under its sign-off (a 71-character word fits no column)
    assert f"Content hash approved: {digest}" in history_rows
    heading = system.find(id="sign-offs")
    assert heading is not None
    table = heading.find_next("table")
    assert table is not None and approved[:7] in table.get_text()
    assert recorded[:7] not in table.get_text()


def test_the_card_lists_the_changes_since_approval(signed_repo: GitRepo) -> None:
    result = approve(
        signed_repo.record,
        display="systems/refund-helper.yaml",
        role=ReviewRole.LEGAL,
        reviewer="Jonas Becker",
        decision=ReviewDecision.APPROVED,
        date=dt.date(2026, 3, 5),
    )
    assert result.written
    approved = signed_repo.git("rev-parse", "HEAD")
    signed_repo.commit("Legal approval", date="2026-03-05T09:00:00+01:00")
    signed_repo.edit(
        "Tone too formal for distressed customers",
        "Tone too formal for customers whose refund was rejected",
    )
    signed_repo.commit("Reword the tone harm", date="2026-03-20T09:00:00+01:00")
    out = signed_repo.top / "card.html"
    run = run_aigov(
        "card",
        "refund-helper",
        "--format",
        "html",
        "-o",
        str(out),
        "--root",
        str(signed_repo.top),
        cwd=signed_repo.top,
    )
    assert out.exists(), run.stderr
    card = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    banner = next(b for b in card.select(".banner-warning") if "Changed since" in b.get_text())
    text = " ".join(banner.get_text(" ").split())
    assert text.startswith("Changed since the legal approval of 2026-03-05 by Jonas Becker.")
    assert f"compared with the approved version {approved[:7]}" in text
    row = banner.select("table.changes tbody tr")
    assert [r.td.get_text() for r in row] == [
        "Impact assessment › Harms › Tone mismatch › Description"
    ]  # type: ignore[union-attr]
    assert [d.get_text() for d in banner.select("del")] == [
        "Tone too formal for distressed customers"
    ]
    assert [i.get_text() for i in banner.select("ins")] == [
        "Tone too formal for customers whose refund was rejected"
    ]
    md = run_aigov(
        "card", "refund-helper", "--root", str(signed_repo.top), cwd=signed_repo.top
    ).stdout
    assert (
        "| Impact assessment › Harms › Tone mismatch › Description | was: Tone too formal for "
        "distressed customers<br>now: Tone too formal for customers whose refund was rejected |"
        in md
    )


def test_changed_since_approval_says_what_the_change_did_to_the_tier(
    signed_repo: GitRepo,
) -> None:
    result = approve(
        signed_repo.record,
        display="systems/refund-helper.yaml",
        role=ReviewRole.LEGAL,
        reviewer="Jonas Becker",
        decision=ReviewDecision.APPROVED,
        date=dt.date(2026, 3, 5),
    )
    assert result.written
    signed_repo.commit("Legal approval", date="2026-03-05T09:00:00+01:00")
    signed_repo.edit("      likelihood: possible\n", "      likelihood: likely\n")
    signed_repo.commit("Likelihood raised", date="2026-03-20T09:00:00+01:00")
    site = signed_repo.top.parent / "site"
    run = run_aigov(
        "build",
        "--root",
        str(signed_repo.top),
        "--site-dir",
        str(site),
        "--today",
        "2026-03-25",
        "--quiet",
        cwd=signed_repo.top,
    )
    assert run.returncode == 0, run.stderr
    page = BeautifulSoup(
        (site / "systems/refund-helper/history.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    block = page.select_one(".aigov-derived")
    assert block is not None
    lines = [" ".join(li.get_text(" ").split()) for li in block.select("li")]
    assert lines[0] == (
        "Internal risk tier (derived): medium → high — harm 'wrong-refund-promise': likelihood "
        "possible → likely raised the internal tier from medium to high: severity high × "
        "likely is high"
    )
    # a public edition has redacted data: its derived facts would not be the record's
    public = signed_repo.top.parent / "public"
    run = run_aigov(
        "build",
        "--root",
        str(signed_repo.top),
        "--site-dir",
        str(public),
        "--audience",
        "public",
        "--today",
        "2026-03-25",
        "--quiet",
        cwd=signed_repo.top,
    )
    assert run.returncode == 0, run.stderr
    page = BeautifulSoup(
        (public / "systems/refund-helper/history.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    assert page.select_one(".aigov-derived") is None
    text = " ".join(page.get_text(" ").split())
    assert "Changed since the legal approval of 2026-03-05" in text


def test_the_card_says_what_a_change_since_approval_did_to_the_tier(signed_repo: GitRepo) -> None:
    result = approve(
        signed_repo.record,
        display="systems/refund-helper.yaml",
        role=ReviewRole.LEGAL,
        reviewer="Jonas Becker",
        decision=ReviewDecision.APPROVED,
        date=dt.date(2026, 3, 5),
    )
    assert result.written
    signed_repo.commit("Legal approval", date="2026-03-05T09:00:00+01:00")
    signed_repo.edit("      likelihood: possible\n", "      likelihood: likely\n")
    signed_repo.commit("Likelihood raised", date="2026-03-20T09:00:00+01:00")
    run = run_aigov(
        "card", "refund-helper", "--format", "md", "--today", "2026-03-25", cwd=signed_repo.top
    )
    assert run.returncode == 0, run.stderr
    text = " ".join(run.stdout.split())
    assert "What follows from these changes (derived by aigov):" in text
    assert "likelihood possible → likely raised the internal tier from medium to high" in text
