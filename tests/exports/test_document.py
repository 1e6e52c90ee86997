"""The export document value and its text renderers: coverage never silently empty, record
text escaped per format, every heading in every format."""

from __future__ import annotations

import io
import json

import docx
import pytest

from aigov.exports.document import (
    Bullets,
    Coverage,
    CoverageItem,
    Evidence,
    EvidenceRef,
    ExportDocument,
    Gap,
    Paragraph,
    Row,
    Rows,
    Section,
    Table,
)
from aigov.exports.render import render_export

HOSTILE = "<script>alert(1)</script> *bold* | pipe"


def _doc() -> ExportDocument:
    return ExportDocument(
        kind="annex-iv",
        title="Technical documentation",
        system_id="demo",
        system_name="Demo system",
        audience="internal",
        source="Regulation (EU) 2024/1689, Annex IV (EUR-Lex)",
        coverage=(
            CoverageItem(
                "1(a)", "Intended purpose", Coverage.SUPPLIED, ("use_case.intended_uses",)
            ),
            CoverageItem(
                "1(f)", "Product photographs", Coverage.NOT_APPLICABLE, reason="no product"
            ),
            CoverageItem("2(c)", "System architecture", Coverage.MISSING, ("approach.components",)),
        ),
        sections=(
            Section(
                "item-1",
                "1. General description",
                (
                    Paragraph(HOSTILE),
                    Rows((Row("Provider", "Acme"), Row("Version", "", Coverage.UNKNOWN))),
                    Table(("Metric", "Value"), (("recall", HOSTILE),)),
                    Bullets((HOSTILE,)),
                    Evidence((EvidenceRef("Report", "evidence/report.md", "2026-01-01"),)),
                    Gap(Coverage.MISSING, "No architecture given."),
                ),
            ),
            Section("item-1a", "1(a) Intended purpose", (Paragraph("x"),), level=3, item="1(a)"),
        ),
        provenance={"aigov_version": "0", "record_path": "systems/demo.yaml"},
    )


def test_not_applicable_needs_a_reason() -> None:
    with pytest.raises(ValueError, match="reason"):
        CoverageItem("1(f)", "Photographs", Coverage.NOT_APPLICABLE)


def test_table_rows_match_columns() -> None:
    with pytest.raises(ValueError):
        Table(("a", "b"), (("only one",),))


def test_markdown_escapes_record_text_and_lists_coverage() -> None:
    text = render_export(_doc(), "md")
    assert isinstance(text, str)
    assert "<script>" not in text
    assert "| 1(f) | Product photographs | not applicable: no product |" in text
    assert "| 2(c) | System architecture | missing |" in text
    assert "## 1\\. General description" in text and "### 1(a) Intended purpose" in text
    assert "1 supplied · 1 not applicable · 1 missing" in text


def test_html_escapes_and_docx_holds_every_heading() -> None:
    doc = _doc()
    html = render_export(doc, "html")
    assert isinstance(html, str) and "<script>alert" not in html
    data = render_export(doc, "docx")
    assert isinstance(data, bytes)
    word = docx.Document(io.BytesIO(data))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    for heading in doc.headings():
        assert heading in headings


def test_json_carries_coverage_counts() -> None:
    data = json.loads(render_export(_doc(), "json"))
    assert data["coverage_counts"]["missing"] == 1
    assert data["$schema"].endswith("/annex-iv.schema.json")
    assert next(s["title"] for s in data["sections"]) == "1. General description"
