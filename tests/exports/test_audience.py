"""Audience rules: a public export leaves out what the record's `visibility` marks, says so,
and its coverage table calls those parts withheld rather than missing."""

from __future__ import annotations

import pytest

from aigov.exports.document import Coverage
from aigov.exports.render import render_export

from .conftest import KINDS, Build

RED_TEAM = "Product Security with the Special Investigations Unit"  # launch.red_team (internal)
DISPARITY_NOTE = "translation boilerplate"  # harms.biased-routing.notes (internal)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_public_edition_leaves_internal_parts_out(build: Build, kind: str, fmt: str) -> None:
    text = render_export(build(kind, "claims-triage", "public"), fmt)
    assert isinstance(text, str)
    assert RED_TEAM not in text
    assert DISPARITY_NOTE not in text


def test_internal_edition_keeps_them(build: Build) -> None:
    text = render_export(build("annex-iv", "claims-triage"), "md")
    assert isinstance(text, str) and RED_TEAM in text


def test_withheld_is_said_not_hidden(build: Build) -> None:
    doc = build("annex-iv", "claims-triage", "public")
    assert doc.audience == "public"
    assert doc.withheld  # the edition names what it left out
    item = next(c for c in doc.coverage if c.item == "2(h)")
    assert item.status == Coverage.SUPPLIED  # the cybersecurity measures are public
    section = next(s for s in doc.sections if s.item == "2(h)")
    assert any(getattr(b, "status", None) == Coverage.WITHHELD for b in section.blocks)
    text = render_export(doc, "md")
    assert isinstance(text, str) and "Public edition" in text
