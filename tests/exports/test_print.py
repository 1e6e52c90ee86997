"""The exports as Word and PDF: python-docx opens the DOCX and finds every section heading;
pypdf reads the PDF and finds them too."""

from __future__ import annotations

import io
import unicodedata

import docx
import pytest
from pypdf import PdfReader

from aigov.exports.render import render_export

from .conftest import EXAMPLES, KINDS, Build


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("system", EXAMPLES)
def test_docx_holds_every_heading(build: Build, kind: str, system: str) -> None:
    doc = build(kind, system)
    data = render_export(doc, "docx")
    assert isinstance(data, bytes)
    word = docx.Document(io.BytesIO(data))
    headings = [
        _norm(p.text)
        for p in word.paragraphs
        if p.style is not None and p.style.name.startswith(("Heading", "Title"))
    ]
    for heading in doc.headings():
        assert _norm(heading) in headings, heading
    assert word.core_properties.title == doc.title


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
def test_pdf_holds_every_heading(build: Build, printer: object, kind: str) -> None:
    doc = build(kind, "claims-triage")
    data = render_export(doc, "pdf", printer=printer)  # type: ignore[arg-type]
    reader = PdfReader(io.BytesIO(data))
    text = _norm(" ".join(page.extract_text() or "" for page in reader.pages))
    for heading in doc.headings():
        assert _norm(heading) in text, heading
    assert len(reader.pages) > 1
    assert reader.metadata is not None and reader.metadata.title == doc.title


@pytest.fixture(scope="module")
def printer():  # type: ignore[no-untyped-def]
    from aigov.cards import PdfPrinter

    with PdfPrinter() as p:
        yield p
