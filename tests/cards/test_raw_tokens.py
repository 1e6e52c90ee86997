"""No card shows a raw vocabulary code: every example, every card, every format a person reads.

The codes come from the schema itself (the model's Enums and Literals, through the one model
walker), so a new vocabulary value is covered the day it is added. The scanner is
`tests/cards/rawtokens.py`, shared with every renderer's tests (a new format applies it to
the text its reader sees)."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from aigov.cards import PdfPrinter, render_card

from .conftest import GENERATED_AT, Repo
from .rawtokens import html_text, raw_tokens, schema_tokens


def cards(repo: Repo) -> list[tuple[str, str | None]]:
    """(system, model) for every system card and model card of the repository."""
    out: list[tuple[str, str | None]] = []
    for system, loaded in sorted(repo.records.items()):
        out.append((system, None))
        approach = loaded.record.approach if loaded.record else None
        out += [(system, c.id) for c in (approach.components if approach else [])]
    return out


def render(repo: Repo, system: str, model: str | None, fmt: str) -> str:
    return str(
        render_card(
            repo.records[system], fmt, root=repo.root, model=model, options=repo.options(),
            checks=repo.checks[system], generated_at=GENERATED_AT,
        )
    )  # fmt: skip


def test_the_scanner_finds_codes_and_leaves_words_alone() -> None:
    assert {"essential_services", "lower_is_better", "approved_with_conditions"} <= schema_tokens()
    assert raw_tokens("Annex III area 'essential\\_services'") == ["essential_services"]
    assert raw_tokens("<td>lower_is_better</td> and approved_with_conditions.") == [
        "lower_is_better",
        "approved_with_conditions",
    ]
    assert raw_tokens("High risk, in pilot; approved with conditions; human review") == []
    assert raw_tokens("a flag called claims_triage_v2") == []  # not a code of the schema
    assert html_text('<p class="gap-not_applicable">Not applicable</p>').strip() == "Not applicable"


def test_no_markdown_or_html_card_shows_a_raw_code(examples: Repo) -> None:
    found = {}
    for system, model in cards(examples):
        for fmt in ("md", "html"):
            text = render(examples, system, model, fmt)
            tokens = raw_tokens(html_text(text) if fmt == "html" else text)
            if tokens:
                found[f"{system}/{model or 'system'}.{fmt}"] = tokens
    assert found == {}


@pytest.mark.browser
def test_no_pdf_card_shows_a_raw_code(examples: Repo, printer: PdfPrinter) -> None:
    found = {}
    # every system card and each system's first model card (printing is slow)
    firsts = {s: m for s, m in reversed(cards(examples)) if m is not None}
    for system, model in [(s, None) for s in firsts] + list(firsts.items()):
        pdf = printer.print(render(examples, system, model, "html"))
        text = " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
        tokens = raw_tokens(text)
        if tokens:
            found[f"{system}/{model or 'system'}.pdf"] = tokens
    assert found == {}
