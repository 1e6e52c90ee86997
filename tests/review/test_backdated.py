"""When a sign-off counts as dated before the version it approves: by day, and with a recorded
time (minutes) against the commit's time (seconds): the same minute is not before."""

from __future__ import annotations

from aigov.review.git import Commit
from aigov.review.verify import backdated


def _commit(sha: str, date: str) -> Commit:
    return Commit(sha, sha[:7], "Maintainer", "m@example.com", date, "Edit", "systems/x.yaml")


CONTENT = _commit("a" * 40, "2026-12-03T19:38:27+00:00")
SIGNOFF = _commit("b" * 40, "2026-12-03T19:39:05+00:00")


def test_the_same_minute_as_the_commit_is_not_before_it() -> None:
    entry = {"date": "2026-12-03", "time": "19:38"}
    assert backdated(entry, CONTENT, SIGNOFF) == ""


def test_a_minute_earlier_is_before_it() -> None:
    entry = {"date": "2026-12-03", "time": "19:37"}
    assert backdated(entry, CONTENT, SIGNOFF).startswith("dated 2026-12-03 19:37 UTC, before")


def test_a_day_earlier_without_a_time_is_before_it() -> None:
    assert backdated({"date": "2026-12-02"}, CONTENT, SIGNOFF).startswith("dated 2026-12-02,")
    assert backdated({"date": "2026-12-03"}, CONTENT, SIGNOFF) == ""
