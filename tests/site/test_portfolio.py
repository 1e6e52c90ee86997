"""The portfolio's per-system view says what is actually missing."""

from __future__ import annotations

from pathlib import Path

from aigov.project import process_file
from aigov.site.portfolio import SystemView

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "review-badge"


def view(name: str) -> SystemView:
    loaded = process_file(FIXTURES / f"{name}.yaml")
    assert loaded.record is not None
    return SystemView(loaded, loaded.record)


def test_review_badge_names_the_missing_last_review_when_the_cadence_is_set():
    shown = view("cadence-without-last-review")
    assert shown.review_due is None
    assert shown.review_missing == "No last review (every 90 d)"


def test_review_badge_without_cadence_or_review():
    assert view("no-review-facts").review_missing == "No review recorded"
