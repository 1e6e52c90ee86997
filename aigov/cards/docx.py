"""A card as a Word document (DOCX), for a legal reviewer to redline.

The DOCX is printed from the card's own HTML, the same document the PDF is printed from, so
every section of the card's section list (the decision summary, the sign-offs, the signature
page, whatever a repository's templates add) arrives with its headings, tables and lists, and
nothing here knows what a section holds. What the audience may not see is already out of the
HTML (a public card is rendered from the redacted record).

Print rules are the PDF's: elements marked `print-hide` (the NIST subcategory texts and empty
optional fields, which the card repeats in its appendix) are left out, `print-only` ones
(the appendix) are kept; struck and inserted text reads "was: … / now: …" as in the PDF's
text layer. Headings are Word's built-in heading styles (kept with the next paragraph, in the
navigation pane and in the table of contents field, which Word fills in on opening); every
page's footer carries the system, revision, content hash, date and page number. Every text run
goes through `textsafety.word_text`. The bytes are reproducible: the document's dates are the
card's generation time, and so are the dates of the parts in the zip file.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, replace
from typing import Any

from aigov.i18n import _
from aigov.textsafety import word_text

from .footer import Footer
from .htmltree import Element, parse_html
from .pdf import PAGE_OF

HEADING_LEVEL = {"h1": 0, "h2": 1, "h3": 2, "h4": 3, "h5": 4, "h6": 5}
BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "caption", "dd", "details", "div", "dl",
        "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "svg",
        "table", "ul", "img", "body", "html",
    }
)  # fmt: skip
SKIPPED = frozenset({"svg", "img", "colgroup", "col", "hr", "button", "input"})
PAGE_SIZES_MM = {"A4": (210, 297), "Letter": (215.9, 279.4)}
_SPACE = re.compile(r"\s+")


class DocxUnavailable(RuntimeError):
    """python-docx is not installed (it is a dependency of aigov; a broken install)."""


@dataclass(frozen=True)
class _Style:
    bold: bool = False
    italic: bool = False
    mono: bool = False
    strike: bool = False
    underline: bool = False
    small: bool = False
    href: str = ""


def hidden_in_print(el: Element) -> bool:
    """Whether the print edition leaves this element out (the PDF's @media print does the
    same through the stylesheet)."""
    classes = el.classes
    return (
        "print-hide" in classes
        or "screen-only" in classes
        or "hidden" in el.attrs
        or el.attrs.get("aria-hidden") == "true"
    )


def html_to_docx(
    html: str, *, footer: Footer, paper: str = "A4", created: str | dt.datetime | None = None
) -> bytes:
    """The standalone HTML card as DOCX bytes. Raises DocxUnavailable."""
    try:
        import docx
    except ImportError as exc:  # pragma: no cover - a dependency of aigov
        raise DocxUnavailable("DOCX output needs python-docx: pip install python-docx") from exc
    from docx.shared import Mm

    document = docx.Document()
    section = document.sections[0]
    width, height = PAGE_SIZES_MM.get(paper, PAGE_SIZES_MM["A4"])
    section.page_width, section.page_height = Mm(width), Mm(height)
    section.left_margin = section.right_margin = Mm(18)
    section.top_margin, section.bottom_margin = Mm(16), Mm(18)
    _footer(section, footer)
    tree = parse_html(html)
    body = next(iter(tree.find_all("body")), tree)
    writer = _Writer(document)
    writer.blocks(body, document)
    moment = _moment(created)
    props = document.core_properties
    props.title = word_text(footer.title)
    props.author = props.last_modified_by = "aigov"
    props.created = props.modified = moment.replace(tzinfo=None)
    props.revision = 1
    out = io.BytesIO()
    document.save(out)
    return _pin_zip_dates(out.getvalue(), moment)


class _Box:
    """Where blocks go: the document body, or a table cell (whose first, empty paragraph
    is used before a new one is added)."""

    def __init__(self, target: Any, fresh: Any = None):
        self.target = target
        self.fresh = fresh

    def add_paragraph(self, style: str | None = None) -> Any:
        if self.fresh is not None:
            paragraph, self.fresh = self.fresh, None
            if style:
                paragraph.style = style
            return paragraph
        return self.target.add_paragraph(style=style)

    def add_table(self, rows: int, cols: int) -> Any:
        self.fresh = None
        if hasattr(self.target, "sections"):  # the document
            return self.target.add_table(rows=rows, cols=cols)
        return self.target.add_table(rows, cols)


class _Writer:
    def __init__(self, document: Any):
        self.document = document
        self.toc_done = False

    # --- blocks -------------------------------------------------------------------------

    def blocks(self, el: Element, target: Any, style: str | None = None, level: int = 0) -> None:
        box = target if isinstance(target, _Box) else _Box(target)
        pending: list[Element | str] = []

        def flush() -> None:
            if any(_shows_text(n) for n in pending):
                paragraph = box.add_paragraph(style)
                self.inline(pending, paragraph, _Style())
                _trim(paragraph)
            pending.clear()

        for child in el.children:
            if isinstance(child, Element) and (child.tag in BLOCK_TAGS or child.tag == "table"):
                flush()
                if not hidden_in_print(child):
                    self.block(child, box, level)
            elif isinstance(child, Element) and hidden_in_print(child):
                continue
            else:
                pending.append(child)
        flush()

    def block(self, el: Element, box: _Box, level: int) -> None:
        tag = el.tag
        if tag in SKIPPED:
            return
        if tag in HEADING_LEVEL:
            n = HEADING_LEVEL[tag]
            paragraph = box.add_paragraph("Title" if n == 0 else f"Heading {min(n, 9)}")
            self.inline(el.children, paragraph, _Style())
            _trim(paragraph)
        elif tag in ("p", "caption", "dt", "dd", "figcaption", "pre", "summary"):
            paragraph = box.add_paragraph()
            self.inline(el.children, paragraph, _Style(bold=tag in ("caption", "dt")))
            _trim(paragraph)
        elif tag in ("ul", "ol"):
            kind = "List Number" if tag == "ol" else "List Bullet"
            name = kind if level == 0 else f"{kind} {min(level + 1, 3)}"
            for item in el.children:
                if isinstance(item, Element) and item.tag == "li" and not hidden_in_print(item):
                    self.blocks(item, box, name, level + 1)
        elif tag == "table":
            self.table(el, box)
        elif tag == "nav" and not self.toc_done and box.fresh is None and _is_body(box):
            self.toc_done = True
            _toc_field(box.add_paragraph())
        else:
            self.blocks(el, box, None, level)

    def table(self, el: Element, box: _Box) -> None:
        rows = [r for r in _rows(el) if not hidden_in_print(r)]
        caption = next(
            (c for c in el.children if isinstance(c, Element) and c.tag == "caption"), None
        )
        if caption is not None:
            self.block(caption, box, 0)
        if not rows:
            return
        cells = [
            [c for c in r.children if isinstance(c, Element) and c.tag in ("td", "th")]
            for r in rows
        ]
        width = max((sum(_span(c) for c in row) for row in cells), default=0)
        if width == 0:
            return
        table = box.add_table(len(rows), width)
        table.style = "Table Grid"
        for i, (tr, row) in enumerate(zip(rows, cells, strict=True)):
            if _in_head(el, tr):
                _repeat_header(table.rows[i])
            col = 0
            for cell_el in row:
                span = _span(cell_el)
                cell = table.cell(i, col)
                if span > 1 and col + span - 1 < width:
                    cell = cell.merge(table.cell(i, col + span - 1))
                inner = _Box(cell, cell.paragraphs[0])
                if cell_el.tag == "th":
                    self.blocks(
                        Element("div", children=[Element("strong", children=cell_el.children)]),
                        inner,
                    )
                else:
                    self.blocks(cell_el, inner)
                col += span

    # --- inline -------------------------------------------------------------------------

    def inline(self, nodes: list[Element | str], paragraph: Any, style: _Style) -> None:
        previous: Element | str = ""
        for node in nodes:
            # two elements side by side (flex items on screen: "Ownership" "100%")
            if (
                isinstance(node, Element)
                and isinstance(previous, Element)
                and previous.text()[-1:].strip()
                and node.text()[:1].strip()
            ):
                self.run(paragraph, " ", style)
            previous = node
            if isinstance(node, str):
                self.run(paragraph, _SPACE.sub(" ", node), style)
                continue
            if hidden_in_print(node) or node.tag in SKIPPED:
                continue
            tag = node.tag
            if tag == "br":
                paragraph.add_run().add_break()
            elif tag in ("strong", "b", "th"):
                self.inline(node.children, paragraph, replace(style, bold=True))
            elif tag in ("em", "i", "cite"):
                self.inline(node.children, paragraph, replace(style, italic=True))
            elif tag in ("code", "kbd", "samp"):
                self.inline(node.children, paragraph, replace(style, mono=True))
            elif tag in ("small", "sub", "sup"):
                self.inline(node.children, paragraph, replace(style, small=True))
            elif tag in ("del", "s"):
                # "was: … now: …" where a change pairs a deletion with an insertion, as the
                # stylesheet writes it into the PDF's text layer (card.css)
                if _sibling_after(nodes, node, "ins"):
                    self.run(paragraph, "was: ", style)
                self.inline(node.children, paragraph, replace(style, strike=True))
            elif tag in ("ins", "u"):
                if _sibling_before(nodes, node, "del"):
                    self.run(paragraph, "now: ", style)
                self.inline(node.children, paragraph, replace(style, underline=True))
            elif tag == "a":
                href = node.attrs.get("href", "")
                external = href.startswith(("http://", "https://", "mailto:"))
                self.inline(node.children, paragraph, replace(style, href=href if external else ""))
            elif tag in ("ul", "ol", "li", "p", "div", "table"):
                self.run(paragraph, " ", style)  # a block inside inline content: a space
                self.inline(node.children, paragraph, style)
            else:
                self.inline(node.children, paragraph, style)

    def run(self, paragraph: Any, text: str, style: _Style) -> None:
        from docx.shared import Pt, RGBColor

        text = word_text(text)
        if not text:
            return
        run = paragraph.add_run(text)
        run.bold = style.bold or None
        run.italic = style.italic or None
        if style.strike:
            run.font.strike = True
        if style.underline or style.href:
            run.underline = True
        if style.mono:
            run.font.name = "Consolas"
        if style.small:
            run.font.size = Pt(8.5)
        if style.href:
            run.font.color.rgb = RGBColor(0x1F, 0x4E, 0x9A)
            _wrap_in_hyperlink(paragraph, run, style.href)


# --- helpers ------------------------------------------------------------------------------


def _shows_text(node: Element | str) -> bool:
    if isinstance(node, str):
        return bool(node.strip())
    if hidden_in_print(node) or node.tag in SKIPPED:
        return False
    return node.tag == "br" or any(_shows_text(c) for c in node.children)


def _sibling_after(nodes: list[Element | str], node: Element, tag: str) -> bool:
    later = nodes[next(i for i, n in enumerate(nodes) if n is node) + 1 :]
    return any(isinstance(n, Element) and n.tag == tag for n in later)


def _sibling_before(nodes: list[Element | str], node: Element, tag: str) -> bool:
    earlier = nodes[: next(i for i, n in enumerate(nodes) if n is node)]
    return any(isinstance(n, Element) and n.tag == tag for n in earlier)


def _trim(paragraph: Any) -> None:
    """Drop the whitespace HTML would not show at the ends of a paragraph."""
    runs = [r for r in paragraph.runs if r.text]
    if runs:
        runs[0].text = runs[0].text.lstrip()
        runs[-1].text = runs[-1].text.rstrip()


def _rows(table: Element) -> list[Element]:
    rows: list[Element] = []
    for child in table.children:
        if isinstance(child, Element):
            if child.tag == "tr":
                rows.append(child)
            elif child.tag in ("thead", "tbody", "tfoot"):
                rows.extend(r for r in child.children if isinstance(r, Element) and r.tag == "tr")
    return rows


def _in_head(table: Element, tr: Element) -> bool:
    return any(
        isinstance(c, Element) and c.tag == "thead" and tr in c.children for c in table.children
    )


def _span(cell: Element) -> int:
    try:
        return max(1, min(int(cell.attrs.get("colspan", "1")), 50))
    except ValueError:
        return 1


def _is_body(box: _Box) -> bool:
    return hasattr(box.target, "sections")


def _el(tag: str, **attrs: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = OxmlElement(tag)
    for key, value in attrs.items():
        el.set(qn(key.replace("_", ":", 1)), value)
    return el


def _repeat_header(row: Any) -> None:
    row._tr.get_or_add_trPr().append(_el("w:tblHeader", w_val="true"))


def _wrap_in_hyperlink(paragraph: Any, run: Any, url: str) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    rel = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = _el("w:hyperlink", r_id=rel)
    run._r.addprevious(link)
    link.append(run._r)


def _field(paragraph: Any, instruction: str, placeholder: str) -> None:
    """A Word field (a table of contents, a page number) with its text until Word updates it."""
    begin, sep, end = (_el("w:fldChar", w_fldCharType=t) for t in ("begin", "separate", "end"))
    instr = _el("w:instrText", xml_space="preserve")
    instr.text = instruction
    paragraph.add_run()._r.append(begin)
    paragraph.add_run()._r.append(instr)
    paragraph.add_run()._r.append(sep)
    paragraph.add_run(placeholder)
    paragraph.add_run()._r.append(end)


def _toc_field(paragraph: Any) -> None:
    paragraph.style = "Normal"
    _field(
        paragraph,
        'TOC \\o "1-2" \\h \\z \\u',
        "Table of contents: Word fills it in when the document is opened (or choose Update Field).",
    )
    settings = paragraph.part.document.settings.element
    settings.append(_el("w:updateFields", w_val="true"))


def _footer(section: Any, footer: Footer) -> None:
    from docx.shared import Pt

    paragraph = section.footer.paragraphs[0]
    parts = [p for p in footer.parts if p]
    # "Page {page} of {total}" in the language, its two numbers Word fields
    before, _sep, rest = _(PAGE_OF).partition("{page}")
    middle, _sep, after = rest.partition("{total}")
    run = paragraph.add_run(word_text(" · ".join(parts)) + " · " + before)
    run.font.size = Pt(7.5)
    _field(paragraph, "PAGE", "1")
    paragraph.add_run(middle).font.size = Pt(7.5)
    _field(paragraph, "NUMPAGES", "1")
    if after:
        paragraph.add_run(after).font.size = Pt(7.5)
    for r in paragraph.runs:
        r.font.size = Pt(7.5)


def _moment(created: str | dt.datetime | None) -> dt.datetime:
    if created is None:
        return dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
    moment = created if isinstance(created, dt.datetime) else dt.datetime.fromisoformat(created)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def _pin_zip_dates(data: bytes, moment: dt.datetime) -> bytes:
    """The same zip with every member dated `moment` (python-docx stamps the time of saving)."""
    stamp = max(moment, dt.datetime(1980, 1, 1, tzinfo=dt.UTC)).timetuple()[:6]
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            pinned = zipfile.ZipInfo(info.filename, date_time=stamp)
            pinned.compress_type = zipfile.ZIP_DEFLATED
            pinned.external_attr = info.external_attr
            dst.writestr(pinned, src.read(info.filename))
    return out.getvalue()
