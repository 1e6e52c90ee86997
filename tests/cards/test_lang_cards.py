"""The cards and documents in Dutch and German (issue 19): the section headings are the
catalogue's translations of the English ones, the page declares its language, record text is as
written, no English aigov label is left (the English catalogue's strings searched for in each
card's and each Annex IV and FRIA document's visible text, record text allowed), dates are the
language's, and a screenshot of each is saved with the test artefacts."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from aigov.cards import PdfPrinter, render_card
from aigov.cards.builder import component_ids
from aigov.exports.build import build_export, inputs_for
from aigov.exports.render import render_export
from aigov.i18n import catalogue, gettext, use_language

from .conftest import GENERATED_AT, REPO, TODAY, Repo, copy_repo, load_repo

pytestmark = pytest.mark.browser


def _html(repo: Repo, system: str, lang: str) -> str:
    with use_language(lang):
        return str(
            render_card(
                repo.records[system], "html", root=repo.root, options=repo.options(),
                checks=repo.checks[system], generated_at=GENERATED_AT,
            )
        )  # fmt: skip


def _record_text(root: Path) -> str:
    """Every record, component and evidence file's text: what a document may quote as is."""
    files = [*(root / "systems").glob("*.yaml"), *(root / "components").rglob("*.yaml")]
    files += [p for p in (root / "evidence").rglob("*") if p.is_file()]
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in files)


def english_left(html: str, lang: str, records: str) -> set[str]:
    """The English catalogue's strings (those the language translates differently) that the
    page shows as a whole text and no record file contains."""
    english = {m for m, t in catalogue(lang).items() if t != m}
    soup = BeautifulSoup(html, "html.parser")
    left = set()
    for node in soup.find_all(string=True):
        if node.parent is None or node.parent.name in ("script", "style", "code", "title"):
            continue
        text = " ".join(node.split()).rstrip(":").strip()
        if text in english and text not in records:
            left.add(text)
    return left


def _documents(repo: Repo, lang: str) -> dict[str, str]:
    """Every example's system card (HTML and Markdown, as HTML), model cards, Annex IV and FRIA
    documents in `lang`, by name."""
    out: dict[str, str] = {}
    with use_language(lang):
        for system, loaded in sorted(repo.records.items()):
            kw = dict(root=repo.root, options=repo.options(), checks=repo.checks[system])
            kw["generated_at"] = GENERATED_AT
            out[f"{system}.html"] = str(render_card(loaded, "html", **kw))  # type: ignore[arg-type]
            md = str(render_card(loaded, "md", **kw))  # type: ignore[arg-type]
            out[f"{system}.md"] = markdown.markdown(md, extensions=["tables"])
            for model in component_ids(loaded)[:1]:
                card = str(render_card(loaded, "html", model=model, **kw))  # type: ignore[arg-type]
                out[f"{system}.{model}.html"] = card
            inputs = inputs_for(loaded, root=repo.root, today=TODAY, generated_at=GENERATED_AT)
            for kind in ("annex-iv", "fria"):
                doc = build_export(kind, inputs)
                out[f"{system}.{kind}.html"] = str(render_export(doc, "html"))
                md = str(render_export(doc, "md"))
                out[f"{system}.{kind}.md"] = markdown.markdown(md, extensions=["tables"])
    return out


@pytest.mark.parametrize("lang", ["nl", "de"])
def test_no_english_aigov_label_is_left_in_the_dutch_and_german_documents(
    tmp_path: Path, lang: str
) -> None:
    # loaded and checked in the language, as `aigov card --lang` does: the checks' and the
    # obligations' words are written while loading
    root = copy_repo(REPO / "systems", tmp_path / "repo", ("evidence", "components", "aigov.yaml"))
    with use_language(lang):
        repo = load_repo(root)
    records = _record_text(root)
    left: dict[str, list[str]] = {}
    for name, html in _documents(repo, lang).items():
        for text in english_left(html, lang, records):
            left.setdefault(text, []).append(name)
    assert not left, {k: v[:2] for k, v in sorted(left.items())}


def test_the_scan_finds_an_english_label() -> None:
    """The scan is real: an English label the catalogue translates is found, record text is
    not."""
    html = "<p>Open gaps</p><p>Claims Data Science</p><td>Not approved</td>"
    assert english_left(html, "nl", records="Claims Data Science") == {"Open gaps", "Not approved"}


@pytest.mark.parametrize(("lang", "day"), [("nl", "7 september 2026"), ("de", "7. September 2026")])
def test_dates_in_a_card_are_the_languages(examples: Repo, lang: str, day: str) -> None:
    html = _html(examples, "claims-triage", lang)
    assert day in html  # the stage's start, lifecycle.stage_since
    assert "since 2026-09-07" not in html and "seit 2026-09-07" not in html


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


def test_a_dutch_pdf_declares_dutch_and_its_title_and_footer_are_dutch(
    examples: Repo, printer: PdfPrinter
) -> None:
    import io

    from pypdf import PdfReader

    with use_language("nl"):
        pdf = render_card(
            examples.records["claims-triage"], "pdf", root=examples.root,
            options=examples.options(), checks=examples.checks["claims-triage"],
            generated_at=GENERATED_AT, printer=printer,
        )  # fmt: skip
    assert isinstance(pdf, bytes)
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.trailer["/Root"].get("/Lang") == "nl"
    assert reader.metadata is not None
    assert reader.metadata.title == "Systeemkaart: Health and life claims triage"
    last = (reader.pages[1].extract_text() or "").splitlines()[-1]
    assert last.startswith("Pagina 2 van "), last
