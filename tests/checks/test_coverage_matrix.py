"""A planned control does not cover its NIST subcategory; an implemented or verified one does."""

from __future__ import annotations

from aigov.checks.coverage import nist_coverage
from aigov.model import Control


def _control(ident: str, status: str | None, *subs: str) -> Control:
    data: dict[str, object] = {"id": ident, "title": ident, "nist": list(subs)}
    if status is not None:
        data["status"] = status
    return Control.model_validate(data)


def test_only_implemented_or_verified_controls_cover() -> None:
    cov = nist_coverage(
        [
            _control("policy-draft", "planned", "GOVERN 5.1"),
            _control("no-status", None, "GOVERN 5.1", "MAP 1.1"),
            _control("red-team", "verified", "MEASURE 2.7"),
            _control("ops", "implemented", "MEASURE 2.7", "MEASURE 2.7"),
            _control("wip", "in_progress", "MEASURE 2.7"),
        ]
    )
    assert list(cov) == ["GOVERN 5.1", "MAP 1.1", "MEASURE 2.7"]
    assert not cov["GOVERN 5.1"].covered and cov["GOVERN 5.1"].state == "planned"
    assert [c.id for c in cov["GOVERN 5.1"].planned] == ["policy-draft", "no-status"]
    assert cov["MEASURE 2.7"].covered
    assert [c.id for c in cov["MEASURE 2.7"].in_place] == ["red-team", "ops"]  # once each
    assert [c.id for c in cov["MEASURE 2.7"].planned] == ["wip"]
