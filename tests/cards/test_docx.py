"""The Word card: opened with python-docx, it holds every section of the card, the sign-offs
as a table a reviewer can redline, the audience's edition only, and the same bytes twice."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest

from aigov.cards import card_context, render_card
from aigov.cards.decision import APPENDIX_TITLE
from tests.conftest import REPO, run_aigov

from .changed_repo import NEW_CAVEAT, OLD_CAVEAT, SENTINEL, make_changed_repo
from .conftest import GENERATED_AT, Repo

EXAMPLES = sorted(p.stem for p in (REPO / "systems").glob("*.yaml"))


def _docx(repo: Repo, system: str, model: str | None = None) -> bytes:
    data = render_card(
        repo.records[system],
        "docx",
        root=repo.root,
        model=model,
        options=repo.options(),
        checks=repo.checks[system],
        generated_at=GENERATED_AT,
    )
    assert isinstance(data, bytes)
    return data


def _card(repo: Repo, system: str, model: str | None = None) -> dict[str, Any]:
    return card_context(
        repo.records[system],
        root=repo.root,
        model=model,
        options=repo.options(),
        checks=repo.checks[system],
        generated_at=GENERATED_AT,
    )


def headings(document: Any) -> list[str]:
    return [
        p.text
        for p in document.paragraphs
        if p.style is not None and p.style.name.startswith(("Heading", "Title"))
    ]


def table_texts(document: Any) -> list[str]:
    """The text of every table, nested tables included, one string per table."""
    out: list[str] = []

    def walk(tables: Any) -> None:
        for t in tables:
            out.append("\n".join(c.text for row in t.rows for c in row.cells))
            for row in t.rows:
                for c in row.cells:
                    walk(c.tables)

    walk(document.tables)
    return out


def all_text(data: bytes) -> str:
    """Every text node of every part of the DOCX (body, tables, footers, properties)."""
    import re

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "\n".join(
            re.sub(r"<[^>]+>", "", z.read(n).decode("utf-8"))
            for n in z.namelist()
            if n.endswith(".xml")
        )


@pytest.mark.parametrize("system", EXAMPLES)
def test_the_system_card_docx_holds_every_section_heading(examples: Repo, system: str) -> None:
    document = docx.Document(io.BytesIO(_docx(examples, system)))
    found = headings(document)
    card = _card(examples, system)
    wanted = [f"{t['number']} {t['title']}" for t in card["toc"]]
    assert [w for w in wanted if w not in found] == []
    assert APPENDIX_TITLE in found and "Provenance" in found
    # the sections keep the card's order
    positions = [found.index(w) for w in wanted]
    assert positions == sorted(positions)
    assert found[0] == examples.records[system].record.name  # type: ignore[union-attr]


@pytest.mark.parametrize("system", [s for s in EXAMPLES if s != "candidate-screening-assistant"])
def test_every_signoff_is_a_row_of_a_table(examples: Repo, system: str) -> None:
    record = examples.records[system].record
    assert record is not None and record.signoffs
    document = docx.Document(io.BytesIO(_docx(examples, system)))
    tables = [t for t in table_texts(document) if "Reviewer" in t]
    assert tables, "no sign-off table"
    for so in record.signoffs:
        assert any(so.reviewer in t and so.date.isoformat() in t for t in tables), so.reviewer
    card = _card(examples, system)
    # a signature page, when the card has one, is a section like every other
    for item in card["toc"]:
        if "signature" in item["id"]:
            assert f"{item['number']} {item['title']}" in headings(document)


def test_a_model_card_docx_holds_its_sections(examples: Repo) -> None:
    document = docx.Document(io.BytesIO(_docx(examples, "claims-triage", "notes-classifier")))
    card = _card(examples, "claims-triage", "notes-classifier")
    found = headings(document)
    assert [t["title"] for t in card["toc"] if f"{t['number']} {t['title']}" not in found] == []


def test_the_footer_names_system_revision_hash_and_date(examples: Repo) -> None:
    document = docx.Document(io.BytesIO(_docx(examples, "claims-triage")))
    footer = document.sections[0].footer.paragraphs[0].text
    card = _card(examples, "claims-triage")
    assert card["title"] in footer
    assert card["provenance"]["content_hash"][:20] in footer
    assert "Generated 2026-09-01" in footer and "Page" in footer
    assert "Revision" in footer


def test_the_same_card_gives_the_same_bytes(examples: Repo) -> None:
    assert _docx(examples, "support-copilot") == _docx(examples, "support-copilot")
    with zipfile.ZipFile(io.BytesIO(_docx(examples, "support-copilot"))) as z:
        assert {i.date_time for i in z.infolist()} == {(2026, 9, 1, 0, 0, 0)}


def test_links_are_hyperlinks_and_changes_read_was_and_now(marked: Path, tmp_path: Path) -> None:
    out = tmp_path / "card.docx"
    run = run_aigov("card", "full-record", "-f", "docx", "-o", str(out), cwd=marked)
    assert run.returncode == 0, run.stderr
    document = docx.Document(str(out))
    assert any(r.is_external for r in document.part.rels.values())
    text = all_text(out.read_bytes())
    assert "was: " in text and "now: " in text
    assert NEW_CAVEAT in text and OLD_CAVEAT in text


@pytest.fixture(scope="module")
def marked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository whose legal approval is stale and whose incidents are internal."""
    return make_changed_repo(tmp_path_factory.mktemp("docx") / "governance")


def test_a_public_docx_never_holds_a_withheld_field(marked: Path, tmp_path: Path) -> None:
    for audience in ("internal", "public"):
        out = tmp_path / f"{audience}.docx"
        run = run_aigov(
            "card", "full-record", "-f", "docx", "--audience", audience, "-o", str(out),
            cwd=marked,
        )  # fmt: skip
        assert run.returncode == 0, run.stderr
        assert "Wrote the system card of full-record" in run.stderr
    assert SENTINEL in all_text((tmp_path / "internal.docx").read_bytes())
    public = all_text((tmp_path / "public.docx").read_bytes())
    assert SENTINEL.lower() not in public.lower()
    assert "Withheld from this edition" in public


def test_the_docx_follows_the_print_rules(examples: Repo) -> None:
    """As in the PDF: the NIST texts and empty optional fields are in the appendix only."""
    document = docx.Document(io.BytesIO(_docx(examples, "claims-triage")))
    assert "Appendix" in headings(document)
    body = [p.text for p in document.paragraphs]
    line = next(t for t in body if "optional fields are empty" in t)
    assert "Data › New claims at intake: Description, Representativeness" in line
    rows = [
        (row.cells[0].text, row.cells[-1].text)
        for t in document.tables
        for row in t.rows
        if len(row.cells) >= 2
    ]
    assert ("Volume", "Not provided") not in rows
    nist = [r for r in rows if r[0] == "MEASURE 2.11"]
    assert nist and nist[0][1].startswith("Fairness and bias")
    assert sum("Fairness and bias – as identified" in t for t in table_texts(document)) == 1
