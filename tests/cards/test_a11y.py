"""WCAG 2.2 AA on the cards (issue 19): axe-core in a real headless Chromium finds no critical
or serious violation in the standalone HTML card of each example system and in a model card;
the PDF is tagged, with its language and its title."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from aigov.cards import PdfPrinter, render_card
from tests.a11y import axe_source, axe_violations, blocking
from tests.site.test_browser import ARGS, CHROMIUM

from .conftest import GENERATED_AT, Repo

pytestmark = pytest.mark.browser

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture
def page() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        # one browser per test: Playwright's sync API allows one running instance per thread,
        # and the PDF test opens aigov's own printer
        # the card's Content-Security-Policy forbids scripts; axe is the test's, not the card's
        yield chromium.new_page(viewport={"width": 1366, "height": 900}, bypass_csp=True)
        chromium.close()


def _card(repo: Repo, system: str, fmt: str, model: str | None = None) -> Any:
    return render_card(
        repo.records[system], fmt, root=repo.root, model=model,
        options=repo.options(), checks=repo.checks[system], generated_at=GENERATED_AT,
    )  # fmt: skip


def test_axe_finds_no_critical_or_serious_violation_in_the_html_cards(
    examples: Repo, page: Any
) -> None:
    source = axe_source()
    if source is None:
        pytest.skip("axe-playwright-python (a test dependency) is not installed")
    cards = {sid: str(_card(examples, sid, "html")) for sid in sorted(examples.records)}
    cards["claims-triage --model route-model"] = str(
        _card(examples, "claims-triage", "html", model="route-model")
    )
    found = {}
    for name, html in cards.items():
        assert '<html lang="en">' in html, name
        page.set_content(html)
        bad = blocking(axe_violations(page, source))
        if bad:
            found[name] = bad
    assert not found, found


def test_the_pdf_card_is_tagged_with_its_language_and_title(examples: Repo) -> None:
    with PdfPrinter() as printer:
        loaded = examples.records["claims-triage"]
        html = str(_card(examples, "claims-triage", "html"))
        data = printer.print(html)
    reader = PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en"
    assert reader.metadata is not None and reader.metadata.title
    assert loaded.record is not None
    assert str(loaded.record.name) in reader.metadata.title
