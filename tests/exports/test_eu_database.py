"""The EU database entry: which Annex VIII sections apply (from the obligations engine), every
item filled or saying why not, as data the schema describes."""

from __future__ import annotations

import pytest

from aigov.exports.document import Coverage
from aigov.exports.eu_database import item_ids

from .conftest import EXAMPLES, Build


def test_sections_a_b_c_in_order() -> None:
    ids = item_ids()
    assert ids[0] == "A.1" and ids[12] == "A.13" and ids[13] == "B.1" and ids[-1] == "C.5"
    assert len(ids) == 13 + 9 + 5


def test_claims_triage_registers_under_section_a(build: Build) -> None:
    doc = build("eu-database", "claims-triage")
    assert doc.data is not None
    sections = doc.data["sections"]
    assert sections["A"]["applies"] == "not_yet_applicable"
    assert sections["A"]["applies_from"] == "2027-12-02"
    assert sections["B"]["applies"] == "not_applicable"
    assert sections["C"]["applies"] == "not_applicable"
    items = {i["id"]: i for i in sections["A"]["items"]}
    assert (
        items["A.1"]["value"]
        == "Northwind Mutual Versicherung AG; claims-ai@northwind-mutual.example"
    )
    assert items["A.7"]["value"] == "in service since 2026-09-07"
    assert items["A.10"]["value"] == "DE"
    assert items["A.8"]["status"] == "not_applicable"  # internal control, no notified body
    assert all(i["status"] in ("supplied", "not_applicable") for i in items.values())


@pytest.mark.parametrize("system", EXAMPLES)
def test_no_item_is_silently_empty(build: Build, system: str) -> None:
    doc = build("eu-database", system)
    assert doc.data is not None
    for section in doc.data["sections"].values():
        for item in section["items"]:
            if item["status"] == "supplied":
                assert item["value"], item
            else:
                assert item["value"] is None
            if item["status"] == "not_applicable":
                assert item["reason"]
    assert [c.item for c in doc.coverage] == item_ids()


def test_a_minimal_risk_system_needs_no_registration(build: Build) -> None:
    doc = build("eu-database", "product-recommendations")
    assert {c.status for c in doc.coverage} == {Coverage.NOT_APPLICABLE}
