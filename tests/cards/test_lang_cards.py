"""The cards in Dutch and German (issue 19): the section headings are the catalogue's
translations of the English ones, the page declares its language, record text is as written,
and a screenshot of each is saved with the test artefacts."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from aigov.cards import PdfPrinter, render_card
from aigov.i18n import gettext, use_language

from .conftest import GENERATED_AT, Repo

pytestmark = pytest.mark.browser


def _html(repo: Repo, system: str, lang: str) -> str:
    with use_language(lang):
        return str(
            render_card(
                repo.records[system], "html", root=repo.root, options=repo.options(),
                checks=repo.checks[system], generated_at=GENERATED_AT,
            )
        )  # fmt: skip


def _headings(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [" ".join(h.get_text(" ", strip=True).split()) for h in soup.select("h2, h3")]


@pytest.mark.parametrize("lang", ["nl", "de"])
def test_a_card_in_dutch_and_german_has_translated_headings(
    examples: Repo, printer: PdfPrinter, artifacts_dir: Path, lang: str
) -> None:
    english = _html(examples, "claims-triage", "en")
    translated = _html(examples, "claims-triage", lang)
    assert f'<html lang="{lang}">' in translated
    en_heads, tr_heads = _headings(english), _headings(translated)
    assert len(en_heads) == len(tr_heads)
    changed = 0
    for en, tr in zip(en_heads, tr_heads, strict=True):
        _number, _, title = en.partition(" ") if en[:1].isdigit() else ("", "", en)
        expected = gettext(title, lang)
        if expected != title:
            assert tr.endswith(expected), (en, tr, expected)
            changed += 1
    assert changed >= 0.6 * len(en_heads), (changed, len(en_heads))
    # record text stays as written
    name = examples.records["claims-triage"].record
    assert name is not None and str(name.name) in translated

    page = printer.new_page(viewport={"width": 1100, "height": 1400}, device_scale_factor=1)
    try:
        page.set_content(translated, wait_until="load")
        assert page.evaluate("document.documentElement.lang") == lang
        shot = artifacts_dir / f"system-card-claims-triage-{lang}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 50_000
        print(f"screenshot: {shot}")
    finally:
        page.close()
