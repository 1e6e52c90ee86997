"""Annex IV from the bundled examples: every item 1(a)-9 in the Act's order, the high-risk
example complete, the early-stage one an honest table of gaps, standards stated."""

from __future__ import annotations

import pytest

from aigov.exports.annex_iv import NO_HARMONISED_STANDARD, item_ids
from aigov.exports.document import Coverage, Gap, Quote

from .conftest import EARLY, EXAMPLES, Build

ANNEX_IV_ORDER = [
    "1(a)", "1(b)", "1(c)", "1(d)", "1(e)", "1(f)", "1(g)", "1(h)",
    "2(a)", "2(b)", "2(c)", "2(d)", "2(e)", "2(f)", "2(g)", "2(h)",
    "3", "4", "5", "6", "7", "8", "9",
]  # fmt: skip


def test_the_data_lists_every_item_in_order() -> None:
    assert item_ids() == ANNEX_IV_ORDER


@pytest.mark.parametrize("system", EXAMPLES)
def test_every_item_has_a_coverage_row_and_a_section_in_order(build: Build, system: str) -> None:
    doc = build("annex-iv", system)
    assert [c.item for c in doc.coverage] == ANNEX_IV_ORDER
    assert [
        s.item
        for s in doc.sections
        if s.level == 3 or s.item in ("3", "4", "5", "6", "7", "8", "9")
    ] == ANNEX_IV_ORDER
    for section in doc.sections:
        if section.item in ANNEX_IV_ORDER:
            assert isinstance(section.blocks[0], Quote)  # the Act's wording first
    for c in doc.coverage:
        if c.status == Coverage.NOT_APPLICABLE:
            assert c.reason


def test_the_high_risk_example_is_complete(build: Build) -> None:
    doc = build("annex-iv", "claims-triage")
    open_items = [
        c.item for c in doc.coverage if c.status not in (Coverage.SUPPLIED, Coverage.NOT_APPLICABLE)
    ]
    assert open_items == []
    gaps = [
        b
        for s in doc.sections
        for b in s.blocks
        if isinstance(b, Gap) and b.status == Coverage.MISSING
    ]
    assert [g.text for g in gaps] == []


def test_the_early_stage_example_shows_its_gaps(build: Build) -> None:
    doc = build("annex-iv", EARLY)
    counts = doc.coverage_counts()
    assert counts["missing"] + counts["unknown"] >= 12, counts
    by_id = {c.item: c for c in doc.coverage}
    assert by_id["2(a)"].status == Coverage.UNKNOWN  # approach.strategy: unknown, on purpose
    assert by_id["2(g)"].status == Coverage.MISSING
    assert "not in the record" in by_id["2(g)"].note


def test_standards_say_none_is_cited_when_none_is(build: Build) -> None:
    for system in EXAMPLES:
        doc = build("annex-iv", system)
        item7 = next(c for c in doc.coverage if c.item == "7")
        assert item7.note.startswith(NO_HARMONISED_STANDARD)
        section = next(s for s in doc.sections if s.item == "7")
        assert any(NO_HARMONISED_STANDARD in getattr(b, "text", "") for b in section.blocks)


def test_test_results_carry_dates_and_signatories(build: Build) -> None:
    doc = build("annex-iv", "claims-triage")
    section = next(s for s in doc.sections if s.item == "2(g)")
    tables = {getattr(b, "caption", ""): b for b in section.blocks if b.kind == "table"}
    results = tables["Test results, dated (test logs)"]
    assert all(row[0][:4] == "2026" for row in results.rows)  # type: ignore[attr-defined]
    signoffs = next(t for c, t in tables.items() if c.startswith("Sign-offs"))
    assert ("Ingrid Dahl", "Risk") in {(r[1], r[2]) for r in signoffs.rows}  # type: ignore[attr-defined]


def test_evidence_files_are_referenced(build: Build) -> None:
    doc = build("annex-iv", "claims-triage")
    refs = [r for s in doc.sections for b in s.blocks if b.kind == "evidence" for r in b.refs]  # type: ignore[attr-defined]
    assert "evidence/claims-triage/model-validation-2026-08.md" in {r.path for r in refs}
