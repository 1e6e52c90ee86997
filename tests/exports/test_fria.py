"""The FRIA from the bundled examples: the Art. 27(1) test explained from the obligations
engine, items (a)-(f), reuse and notification, and the IAMA/FRAIA mapping."""

from __future__ import annotations

import pytest

from aigov.exports.document import Coverage, Gap
from aigov.exports.fria import item_ids

from .conftest import EARLY, EXAMPLES, Build


def test_items_in_order() -> None:
    assert item_ids() == ["27(1)", "(a)", "(b)", "(c)", "(d)", "(e)", "(f)", "27(2)", "27(3)"]


@pytest.mark.parametrize("system", EXAMPLES)
def test_every_example_has_the_test_every_item_and_the_iama(build: Build, system: str) -> None:
    doc = build("fria", system)
    assert [c.item for c in doc.coverage] == item_ids()
    titles = [s.title for s in doc.sections]
    assert titles[0] == "Is a FRIA required? (Art. 27(1))"
    assert titles[-1] == "The same in the IAMA / FRAIA structure"
    iama = doc.sections[-1].blocks[1]
    assert [row[0] for row in iama.rows][:2] == ["1.1", "1.2"]  # type: ignore[attr-defined]


def test_claims_triage_is_required_and_complete(build: Build) -> None:
    doc = build("fria", "claims-triage")
    assert {c.status for c in doc.coverage} == {Coverage.SUPPLIED}
    test = doc.sections[0].blocks[1]
    rows = {r.key: r.value for r in test.rows}  # type: ignore[attr-defined]
    assert rows["Annex III point"] == "5(c)"
    assert rows["Point 5(b) (creditworthiness) or 5(c) (life and health insurance)"] == "yes"
    assert "applies from 2027-12-02" in doc.coverage[0].note
    reuse = next(s for s in doc.sections if s.id == "fria-reuse")
    assert any("both provider and deployer" in getattr(b, "text", "") for b in reuse.blocks)


def test_a_private_employer_needs_none_and_says_why(build: Build) -> None:
    doc = build("fria", EARLY)
    first = doc.coverage[0]
    assert first.status == Coverage.NOT_APPLICABLE
    assert "public services" in first.reason and "5(b)" in first.reason
    notification = next(c for c in doc.coverage if c.item == "27(3)")
    assert notification.status == Coverage.NOT_APPLICABLE
    # the items are still filled from the record, and its gaps are named
    by_id = {c.item: c for c in doc.coverage}
    assert by_id["(b)"].status == Coverage.MISSING
    assert by_id["(f)"].status in (Coverage.MISSING, Coverage.UNKNOWN)
    gaps = [b for s in doc.sections for b in s.blocks if isinstance(b, Gap)]
    assert any("Contestability: marked unknown" in g.text for g in gaps)


def test_a_system_with_no_deployer_role_is_explained(build: Build) -> None:
    doc = build("fria", "support-copilot")
    assert doc.coverage[0].status == Coverage.NOT_APPLICABLE
    assert "not high-risk" in doc.coverage[0].reason
