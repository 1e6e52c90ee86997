"""The cards in a real headless Chromium: PDF text and page sizes, a screenshot for the
artefacts, and the print layout on A4 and Letter widths."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from aigov.cards import PdfPrinter, render_card

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
            "1 Model details",
            "7 Quantitative analyses",
            "Precision at top 10%",
            "9 Caveats and recommendations",
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
