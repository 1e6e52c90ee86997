"""An `ExportDocument` in each format: Markdown, standalone HTML, JSON, PDF and DOCX.

Markdown and HTML come from `templates/exports/document.{md,html}.j2` through the cards'
Jinja environments (`aigov.cards.render`: autoescaped, record text escaped by the Markdown
filters of `aigov.cards.escape`), so a governance repository overrides them the same way.
PDF and DOCX are printed from the HTML by the cards' printer (`aigov.cards.pdf`) and Word
writer (`aigov.cards.docx`), so they hold every section. JSON names its kind's schema
(`schemas/exports/<kind>.schema.json`, `aigov.exports.schema`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from aigov.exports.document import COVERAGE_LABELS, ExportDocument
from aigov.templating import tidy_markdown
from aigov.textsafety import json_text

if TYPE_CHECKING:
    from aigov.cards.pdf import PdfPrinter

FORMATS = ("md", "html", "pdf", "docx", "json")
TEXT_FORMATS = frozenset({"md", "html", "json"})
SUFFIX = {"md": ".md", "html": ".html", "pdf": ".pdf", "docx": ".docx", "json": ".json"}
SCHEMA_BASE = "https://aigov.dev/schemas/exports"
FORMAT_VERSION = 1


def schema_url(kind: str) -> str:
    return f"{SCHEMA_BASE}/v{FORMAT_VERSION}/{kind}.schema.json"


def _context(doc: ExportDocument, link_base: str) -> dict[str, Any]:
    return {
        "doc": doc,
        "labels": {k.value: v for k, v in COVERAGE_LABELS.items()},
        "link_base": link_base,  # prefixed to repository-relative evidence paths
    }


def render_markdown(
    doc: ExportDocument, *, user_dir: Path | None = None, link_base: str = ""
) -> str:
    from aigov.cards.render import render_template

    text = render_template("exports/document.md.j2", "md", user_dir, **_context(doc, link_base))
    return tidy_markdown(text)


def render_html(doc: ExportDocument, *, user_dir: Path | None = None, link_base: str = "") -> str:
    from aigov.cards.render import render_template

    return render_template("exports/document.html.j2", "html", user_dir, **_context(doc, link_base))


def render_json(doc: ExportDocument) -> str:
    data = {
        "$schema": schema_url(doc.kind),
        "format": f"aigov-export-{doc.kind}",
        "format_version": FORMAT_VERSION,
        **doc.to_dict(),
    }
    return json_text(data, sort_keys=True, indent=2) + "\n"


def _footer(doc: ExportDocument) -> Any:
    from aigov.cards.footer import footer_for

    return footer_for(doc.title, doc.provenance)


def render_export(
    doc: ExportDocument,
    fmt: str,
    *,
    user_dir: Path | None = None,
    paper: str = "A4",
    printer: PdfPrinter | None = None,
    link_base: str = "",
) -> str | bytes:
    """`doc` in `fmt`; pdf and docx return bytes. `link_base` is prefixed to the evidence
    files' repository-relative paths (the way from the output to the repository root).
    Raises PdfUnavailable (no Chromium) and TemplateError (a broken template override)."""
    if fmt == "md":
        return render_markdown(doc, user_dir=user_dir, link_base=link_base)
    if fmt == "json":
        return render_json(doc)
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format '{fmt}' (one of {', '.join(FORMATS)})")
    html = render_html(doc, user_dir=user_dir, link_base=link_base)
    if fmt == "html":
        return html
    created = doc.provenance.get("generated_at") or None
    if fmt == "docx":
        from aigov.cards.docx import html_to_docx

        return html_to_docx(html, footer=_footer(doc), paper=paper, created=created)
    if printer is not None:
        return printer.print(html, footer=_footer(doc), paper=paper, created=created)
    from aigov.cards.pdf import html_to_pdf

    return html_to_pdf(html, footer=_footer(doc), paper=paper, created=created)
