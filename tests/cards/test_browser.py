"""The cards in a real headless Chromium: PDF text and page sizes, a screenshot for the
artefacts, and the print layout on A4 and Letter widths."""

from __future__ import annotations

import datetime as dt
import io
import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from aigov.cards import PdfPrinter, render_card
from aigov.cards.decision import APPENDIX_TITLE

from .conftest import GENERATED_AT, Repo

pytestmark = pytest.mark.browser

A4 = (595, 842)  # points
LETTER = (612, 792)


def html_card(repo: Repo, system: str, model: str | None = None) -> str:
    return str(
        render_card(
            repo.records[system], "html", root=repo.root, model=model,
            options=repo.options(), checks=repo.checks[system], generated_at=GENERATED_AT,
        )
    )  # fmt: skip


def test_pdf_holds_the_card_text_with_a_footer_on_every_page(
    fixtures: Repo, printer: PdfPrinter
) -> None:
    loaded = fixtures.records["property-claims"]
    for paper, size in (("A4", A4), ("Letter", LETTER)):
        data = render_card(
            loaded, "pdf", root=fixtures.root, model="fraud-scorer", paper=paper,
            generated_at=GENERATED_AT, printer=printer,
        )  # fmt: skip
        assert isinstance(data, bytes) and data.startswith(b"%PDF-")
        reader = PdfReader(io.BytesIO(data))
        box = reader.pages[0].mediabox
        assert abs(float(box.width) - size[0]) < 2 and abs(float(box.height) - size[1]) < 2
        pages = [p.extract_text() for p in reader.pages]
        flat = "".join("".join(pages).split()).lower()  # layout decides spaces and case
        for expected in (
            "Model card Fraud risk scorer",
            "1 Decision summary",
            "2 Model details",
            "8 Quantitative analyses",
            "Precision at top 10%",
            "10 Caveats and recommendations",
            "Provenance",
            loaded.content_hash,
            "2026-09-01T00:00:00Z",
        ):
            want = "".join(expected.split()).lower()
            assert want in flat, f"{paper}: {expected!r} not in the PDF text"
        for n, page in enumerate(pages, 1):
            assert f"Page {n} of {len(pages)}" in page
            assert "Model card: Fraud risk scorer" in page


def test_the_card_prints_within_a4_and_letter_widths(examples: Repo, printer: PdfPrinter) -> None:
    html = html_card(examples, "claims-triage")
    page = printer.new_page()
    try:
        page.set_content(html, wait_until="load")
        page.emulate_media(media="print")
        # the printable width of A4 (210 mm - 30 mm margins) and Letter (8.5 in - 30 mm)
        for width_mm in (180, 185.9):
            px = int(width_mm / 25.4 * 96)
            page.set_viewport_size({"width": px, "height": 1200})
            overflow = page.evaluate(
                """(w) => Array.from(document.querySelectorAll('table, pre, p, li, h1, h2, h3'))
                     .filter(e => e.getBoundingClientRect().right > w + 1)
                     .map(e => e.tagName + ': ' + e.textContent.slice(0, 60))"""
                , px)  # fmt: skip
            assert overflow == [], f"content wider than the page at {width_mm} mm: {overflow[:5]}"
    finally:
        page.close()


def test_screenshot_of_a_system_card(
    examples: Repo, printer: PdfPrinter, artifacts_dir: Path
) -> None:
    html = html_card(examples, "support-copilot")
    requests: list[str] = []
    page = printer.new_page(viewport={"width": 1100, "height": 1400}, device_scale_factor=1)
    try:
        page.on("request", lambda r: requests.append(r.url))
        page.on("console", lambda m: requests.append(f"console {m.type}: {m.text}"))
        page.set_content(html, wait_until="load")
        assert page.title() == "System card: Support reply copilot"
        assert page.locator("h1").inner_text() == "Support reply copilot"
        assert page.locator(".banner").count() == 1
        shot = artifacts_dir / "system-card-support-copilot.png"
        page.screenshot(path=str(shot), full_page=True)
        page.screenshot(path=str(artifacts_dir / "system-card-support-copilot-top.png"))
        assert shot.stat().st_size > 50_000
        assert requests == [], f"the card made requests or logged: {requests}"
    finally:
        page.close()


def _pdf(repo: Repo, system: str, printer: PdfPrinter, model: str | None = None) -> bytes:
    data = render_card(
        repo.records[system], "pdf", root=repo.root, model=model, options=repo.options(),
        checks=repo.checks[system], generated_at=GENERATED_AT, printer=printer,
    )  # fmt: skip
    assert isinstance(data, bytes)
    return data


def _outline_titles(outline: list[Any]) -> list[str]:
    titles: list[str] = []
    for item in outline:
        titles += _outline_titles(item) if isinstance(item, list) else [str(item.title)]
    return titles


def _flat(text: str) -> str:
    """Whitespace collapsed and ligatures (the text layer's "ﬀ") spelled out."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


@pytest.mark.parametrize(
    ("system", "model"), [("claims-triage", None), ("property-claims", "fraud-scorer")]
)
def test_pdf_for_legal_is_tagged_with_outline_language_title_and_provenance_date(
    examples: Repo, fixtures: Repo, printer: PdfPrinter, system: str, model: str | None
) -> None:
    repo = fixtures if system == "property-claims" else examples
    data = _pdf(repo, system, printer, model)
    reader = PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and bool(root["/MarkInfo"]["/Marked"])  # tagged
    assert root["/Lang"] == "en"
    card = render_card(repo.records[system], "json", root=repo.root, model=model,
                       generated_at=GENERATED_AT)  # fmt: skip
    title = json.loads(card)["title"]
    meta = reader.metadata
    assert meta is not None and meta.title == title
    when = dt.datetime(2026, 9, 1, tzinfo=dt.UTC)
    assert meta.creation_date == when and meta.modification_date == when
    assert meta["/CreationDate"] == "D:20260901000000+00'00'"
    # the outline: a bookmark for every numbered section, with its number and title
    assert "/Outlines" in root
    titles = _outline_titles(reader.outline)
    toc = json.loads(card)["toc"]
    for item in toc:
        assert f"{item['number']} {item['title']}" in titles
    findings = APPENDIX_TITLE if model is None else "Open findings"
    assert findings in titles and "Provenance" in titles
    # the table of contents' numbers are whole: "10 Evaluation results", not "0 Evaluation"
    text = _flat(" ".join(p.extract_text() for p in reader.pages[:3]))
    for item in toc:
        assert f"{item['number']} {_flat(item['title'])}" in text


def test_pdf_prints_twice_with_the_same_dates(fixtures: Repo, printer: PdfPrinter) -> None:
    first = PdfReader(io.BytesIO(_pdf(fixtures, "property-claims", printer, "fraud-scorer")))
    second = PdfReader(io.BytesIO(_pdf(fixtures, "property-claims", printer, "fraud-scorer")))
    assert first.metadata == second.metadata


def test_first_page_carries_the_title_and_the_decision_summary(
    examples: Repo, printer: PdfPrinter
) -> None:
    for system in ("claims-triage", "support-copilot"):
        reader = PdfReader(io.BytesIO(_pdf(examples, system, printer)))
        first = _flat(reader.pages[0].extract_text())
        name = examples.records[system].record.name  # type: ignore[union-attr]
        assert name in first
        assert "DECISION SUMMARY" in first.upper() and "The system and who answers for it" in first
        body = first.split("Page 1 of")[0]
        assert len(body) > 1100, f"{system}: page 1 is mostly empty ({len(body)} characters)"


def test_toc_numbers_sit_inside_the_page(examples: Repo, printer: PdfPrinter) -> None:
    """No number of the table of contents starts left of the text column (clipped in print)."""
    page = printer.new_page()
    try:
        page.set_content(html_card(examples, "claims-triage"), wait_until="load")
        page.emulate_media(media="print")
        page.set_viewport_size({"width": int(180 / 25.4 * 96), "height": 1200})
        boxes = page.evaluate(
            """() => {
                 const card = document.querySelector('article').getBoundingClientRect();
                 return Array.from(document.querySelectorAll('nav .toc li')).map(li => {
                   const num = li.querySelector('.num');
                   const r = num ? num.getBoundingClientRect() : null;
                   return {text: li.textContent.trim(), left: r ? r.left - card.left : null,
                           marker: getComputedStyle(li).listStyleType};
                 });
               }"""
        )
        assert len(boxes) >= 16
        for box in boxes:
            assert box["marker"] == "none", box  # no list marker outside the column to clip
            assert box["left"] is not None and box["left"] >= 0, box
    finally:
        page.close()


def test_the_decision_summary_of_claims_triage_fits_on_two_a4_pages(
    examples: Repo, printer: PdfPrinter
) -> None:
    """The card's header and its decision summary, printed alone, take at most two pages."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html_card(examples, "claims-triage"), "html.parser")
    for part in soup.select("article.card > section, article.card > nav, article.card > footer"):
        if "decision" not in (part.get("class") or []):
            part.decompose()
    assert soup.select_one("section.decision h3#gaps") is not None
    reader = PdfReader(io.BytesIO(printer.print(str(soup), paper="A4")))
    text = _flat(" ".join(p.extract_text() for p in reader.pages))
    assert "Open gaps" in text and "What you are asked to approve" in text
    assert len(reader.pages) <= 2, f"the decision summary takes {len(reader.pages)} pages"
