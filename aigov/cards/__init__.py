"""Cards: system cards and model cards rendered from a validated record.

One context, many formats. `system_card_context` / `model_card_context` turn a loaded record
(plus provenance and, optionally, what `aigov check` derived) into plain data; templates in
`templates/` render it as Markdown or standalone HTML, `render_json` serialises it, `pdf`
prints the HTML with headless Chromium, `docx` turns the same HTML into a Word document for
redlining, and `hf` exports a Hugging Face README.

The simplest call (what `aigov card` does):

    from aigov.cards import render_card
    text = render_card(loaded, "html", root=root)                 # system card
    text = render_card(loaded, "md", root=root, model="fraud-scorer")   # model card
    data = render_card(loaded, "pdf", root=root)                  # bytes
    data = render_card(loaded, "docx", root=root)                 # bytes

For many records (the site), build contexts yourself and reuse one `GitInfo`:

    from aigov.provenance import GitInfo, provenance_for
    from aigov.cards.context import CardOptions, CheckInputs, system_card_context
    from aigov.cards.render import render_markdown, render_html, render_json

The template context is documented in `templates/README.md`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from aigov.errors import AigovError
from aigov.project import LoadedRecord
from aigov.provenance import GitInfo, provenance_for

from .context import (
    CardOptions,
    CheckInputs,
    check_inputs,
    component_ids,
    find_component,
    model_card_context,
    rating,
    system_card_context,
)
from .docx import DocxUnavailable, html_to_docx
from .escape import FILTERS, md_block, md_inline, safe_url
from .footer import Footer, footer_for
from .hf import export_notes, front_matter, hf_metadata, model_index
from .pdf import PAPER_SIZES, PdfPrinter, PdfUnavailable, html_to_pdf
from .render import TemplateError, render_html, render_json, render_markdown

FORMATS = ("md", "html", "json", "pdf", "docx", "hf")

__all__ = [
    "FILTERS",
    "FORMATS",
    "PAPER_SIZES",
    "CardError",
    "CardOptions",
    "CheckInputs",
    "DocxUnavailable",
    "Footer",
    "PdfPrinter",
    "PdfUnavailable",
    "TemplateError",
    "card_context",
    "check_inputs",
    "component_ids",
    "find_component",
    "footer_for",
    "front_matter",
    "hf_metadata",
    "html_to_docx",
    "html_to_pdf",
    "md_block",
    "md_inline",
    "model_card_context",
    "model_index",
    "rating",
    "render_card",
    "render_html",
    "render_json",
    "render_markdown",
    "safe_url",
    "system_card_context",
]


class CardError(AigovError):
    """The card cannot be built from this record (invalid record, unknown model)."""


def with_shared_model(loaded: LoadedRecord, root: Path, model: str) -> LoadedRecord | None:
    """The record with the shared model component `model` (components/<id>.yaml, one it
    `uses:`) among its model components, so the model card of a shared model is rendered
    like any other, with this system's results for it; None when it uses no such model."""
    from dataclasses import replace

    from aigov.components import load_components
    from aigov.model import Approach, ModelComponent, ModelComponentFile

    rec = loaded.record
    if rec is None or not any(u.component == model for u in rec.uses):
        return None
    found = load_components(root).by_id.get(model)
    shared = found.component if found else None
    if not isinstance(shared, ModelComponentFile):
        return None
    use = next(u for u in rec.uses if u.component == model)
    fields = shared.model_dump(exclude={"schema_version", "type", "summary"}, exclude_unset=True)
    if use.role and not fields.get("role"):
        fields["role"] = use.role
    approach = rec.approach or Approach()
    merged = approach.model_copy(
        update={"components": [*approach.components, ModelComponent.model_validate(fields)]}
    )
    return replace(loaded, record=rec.model_copy(update={"approach": merged}))


def card_context(
    loaded: LoadedRecord,
    *,
    root: Path,
    model: str | None = None,
    options: CardOptions | None = None,
    checks: CheckInputs | None = None,
    generated_at: dt.datetime | str | None = None,
    git: GitInfo | None = None,
) -> dict[str, Any]:
    """The context of the system card, or of the model card for `model` (id or name)."""
    if loaded.record is None:
        raise CardError(f"{loaded.path}: the record does not validate, so no card can be built")
    prov = provenance_for(
        loaded.path,
        loaded.source,
        loaded.content_hash,
        root=root,
        generated_at=generated_at,
        git=git,
    )
    if model is None:
        return system_card_context(loaded, prov, options=options, checks=checks)
    component = find_component(loaded.record, model)
    if component is None:
        loaded = with_shared_model(loaded, root, model) or loaded
        component = find_component(loaded.record, model) if loaded.record else None
    if component is None:
        known = ", ".join(component_ids(loaded)) or "none"
        raise CardError(f"{loaded.path}: no model component '{model}' (components: {known})")
    return model_card_context(loaded, component.id, prov, options=options, checks=checks)


def render_card(
    loaded: LoadedRecord,
    fmt: str,
    *,
    root: Path,
    model: str | None = None,
    options: CardOptions | None = None,
    checks: CheckInputs | None = None,
    generated_at: dt.datetime | str | None = None,
    git: GitInfo | None = None,
    user_templates: Path | None = None,
    paper: str = "A4",
    flavor: str = "mkdocs",
    printer: PdfPrinter | None = None,
) -> str | bytes:
    """Render one card in `fmt` (md, html, json, pdf, docx, hf). `pdf` and `docx` return bytes.

    `hf` needs a model: `model`, or the record's only component. `user_templates` defaults to
    `<root>/templates`. Pass an open `PdfPrinter` to print many PDFs with one browser.
    Raises CardError, TemplateError, PdfUnavailable.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown card format '{fmt}' (one of {', '.join(FORMATS)})")
    templates = user_templates if user_templates is not None else root / "templates"
    if fmt == "hf" and model is None:
        ids = component_ids(loaded)
        if len(ids) != 1:
            raise CardError(
                f"{loaded.path}: the Hugging Face export is per model; choose one with --model "
                f"({', '.join(ids) if ids else 'the record lists no model components'})"
            )
        model = ids[0]
    card = card_context(
        loaded,
        root=root,
        model=model,
        options=options,
        checks=checks,
        generated_at=generated_at,
        git=git,
    )
    if fmt == "md":
        return render_markdown(card, user_dir=templates, flavor=flavor)
    if fmt == "json":
        return render_json(card)
    if fmt == "hf":
        assert loaded.record is not None and model is not None
        component = find_component(loaded.record, model)
        assert component is not None
        card["hf"] = export_notes(loaded.record, component)
        from .render import render_template, tidy_markdown

        body = render_template("hf_model_card.md.j2", "md", templates, card=card, flavor="plain")
        return front_matter(hf_metadata(loaded, component)) + "\n" + tidy_markdown(body)
    html = render_html(card, user_dir=templates)
    if fmt == "html":
        return html
    footer = footer_for(card["title"], card["provenance"])
    created = card["provenance"]["generated_at"]
    if fmt == "docx":
        return html_to_docx(html, footer=footer, paper=paper, created=created)
    if printer is not None:
        return printer.print(html, footer=footer, paper=paper, created=created)
    return html_to_pdf(html, footer=footer, paper=paper, created=created)
