"""PDF through a real rendering engine: headless Chromium driven by Playwright.

Optional: install the `pdf` extra (`pip install 'aigov[pdf]'`) and a Chromium. aigov looks for
the browser in `AIGOV_CHROMIUM`, then `chromium`, `chromium-browser`, `google-chrome` on the
PATH, then Playwright's own download (`playwright install chromium`). When none works,
`PdfUnavailable` says exactly what to install; the CLI turns it into exit code 2.

The page loads the standalone HTML card with every network request refused, so the PDF can
never fetch anything; the card's print stylesheet does the layout. Paper: A4 or Letter.

The PDF is tagged (a structure tree for screen readers, its language from the HTML `lang`), has
an outline (bookmarks from the headings) and the HTML `<title>` as its title. Chromium stamps the
PDF with the time of printing; `set_pdf_dates` replaces both dates with the card's provenance
date, so printing the same card twice gives the same bytes' dates.

Every page's footer names the system, revision, content hash and date (`footer.py`). The table
of contents gets page numbers by printing twice (or more, until they hold still): the first
print's named destinations (one per anchor the contents link to, read with pypdf) say where
each section starts, the numbers are written into the page and it is printed again. The same
loop keeps headings off the foot of a page where the stylesheet's `break-after: avoid` is not
enough: a heading that is the last line of a page starts the next one, and the page is printed
again (`orphaned_headings`).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
from typing import Any

from markupsafe import escape

from aigov.errors import SetupError
from aigov.i18n import N_, _

from .footer import Footer

PAPER_SIZES = ("A4", "Letter")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


class PdfUnavailable(SetupError):
    """The PDF engine (Playwright or Chromium) is not available in this environment."""


def find_chromium() -> str | None:
    """A Chromium executable on this machine, or None to let Playwright use its own."""
    configured = os.environ.get("AIGOV_CHROMIUM")
    if configured:
        return configured
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


MAX_PRINTS = 5  # first print, then page numbers and heading breaks until they hold still
#: the running footer's page number, after the card's title, revision, hash and date
PAGE_OF = N_("Page {page} of {total}")


def _footer(footer: Footer) -> str:
    parts = "".join(f"<span>{escape(p)}</span>" for p in footer.parts[1:] if p)
    return (
        '<div style="font-family: system-ui, sans-serif; font-size: 7pt; color: #5b6675; '
        "width: 100%; padding: 0 15mm; display: flex; flex-wrap: wrap; column-gap: 1.2em; "
        'justify-content: space-between;">'
        f"<span>{escape(footer.title)}</span>{parts}"
        "<span>"
        + str(escape(_(PAGE_OF))).format(
            page='<span class="pageNumber"></span>', total='<span class="totalPages"></span>'
        )
        + "</span></div>"
    )


# Mark every link of the table of contents with a page-number slot (two digits wide, so the
# numbers fill it without moving the lines); the ids they link to, in order.
_MARK_TOC = """() => {
  const ids = [];
  for (const a of document.querySelectorAll('nav a[href^="#"]')) {
    const id = decodeURIComponent(a.getAttribute('href').slice(1));
    if (!id || !document.getElementById(id)) continue;
    let slot = a.parentElement.querySelector(':scope > .page');
    if (!slot) {
      slot = document.createElement('span');
      slot.className = 'page';
      slot.dataset.target = id;
      slot.textContent = '00';
      slot.style.visibility = 'hidden';
      a.parentElement.append(' ', slot);  // after the entry's state ("empty")
    }
    ids.push(id);
  }
  return ids;
}"""
_FILL_TOC = """(pages) => {
  let changed = false;
  for (const slot of document.querySelectorAll('nav .page[data-target]')) {
    const n = pages[slot.dataset.target];
    if (n === undefined) continue;
    const text = String(n);
    if (slot.textContent !== text || slot.style.visibility) changed = true;
    slot.textContent = text;
    slot.style.visibility = '';
  }
  return changed;
}"""
# The headings in document order: Chromium's outline lists the same ones, in the same order.
_HEADINGS = """() => Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6'))
  .filter((h) => h.innerText.trim() && h.getClientRects().length)
  .map((h) => h.innerText.replace(/\\s+/g, ' ').trim())"""
_BREAK_BEFORE = """(index) => {
  const hs = Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6'))
    .filter((h) => h.innerText.trim() && h.getClientRects().length);
  const h = hs[index];
  if (h) { h.style.breakBefore = 'page'; }
}"""


class PdfPrinter:
    """One headless Chromium for many PDFs (starting it is the slow part):

    with PdfPrinter() as printer:
        for html in pages:
            data = printer.print(html, footer=footer_for(title, provenance))
    """

    def __init__(self, executable: str | None = None):
        self.executable = executable
        self._pw: Any = None
        self._browser: Any = None

    def __enter__(self) -> PdfPrinter:
        try:
            from playwright.sync_api import Error as PlaywrightError
            from playwright.sync_api import sync_playwright
        except ImportError as exc:
            raise PdfUnavailable(
                "PDF output needs Playwright: pip install 'aigov[pdf]' (and a Chromium: "
                "your system's chromium package, or `playwright install chromium`)"
            ) from exc
        exe = self.executable or find_chromium()
        self._pw = sync_playwright().start()
        try:
            self._browser = self._pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        except PlaywrightError as exc:
            self._pw.stop()
            where = exe or "Playwright's bundled Chromium"
            raise PdfUnavailable(
                f"could not start Chromium ({where}): {str(exc).splitlines()[0]}. Install "
                "your system's chromium package or run `playwright install chromium`; set "
                "AIGOV_CHROMIUM to use a browser elsewhere."
            ) from exc
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self._browser is not None:
                self._browser.close()
        finally:
            if self._pw is not None:
                self._pw.stop()
            self._browser = self._pw = None

    def new_page(self, **options: Any) -> Any:
        """A Playwright page of this browser with every network request refused (for
        screenshots and layout checks); close it when done."""
        if self._browser is None:
            raise RuntimeError("use PdfPrinter as a context manager")
        page = self._browser.new_page(**options)
        page.route("**/*", _refuse)
        return page

    def print(
        self,
        html: str,
        *,
        footer: Footer | None = None,
        paper: str = "A4",
        created: str | dt.datetime | None = None,
    ) -> bytes:
        """Render a standalone HTML document to PDF bytes: with a `footer` on every page (and
        the page number), page numbers in its table of contents and no heading at the foot of
        a page; `created` (the card's provenance date) becomes its creation and modification
        date. Without a footer the document is printed once, as it is."""
        if paper not in PAPER_SIZES:
            raise ValueError(f"paper must be one of {', '.join(PAPER_SIZES)}")
        if self._browser is None:
            raise RuntimeError("use PdfPrinter as a context manager")
        from playwright.sync_api import Error as PlaywrightError

        page = self._browser.new_page()
        try:
            page.route("**/*", _refuse)
            page.set_content(html, wait_until="load")
            options: dict[str, Any] = {
                "format": paper,
                "print_background": True,
                "tagged": True,
                "outline": True,
                "prefer_css_page_size": False,
                "margin": {"top": "16mm", "bottom": "18mm", "left": "15mm", "right": "15mm"},
            }
            data: bytes
            if footer is None:
                data = page.pdf(**options)
            else:
                options.update(
                    display_header_footer=True,
                    header_template="<span></span>",
                    footer_template=_footer(footer),
                )
                data = _print_laid_out(page, options)
            return set_pdf_dates(data, created) if created is not None else data
        except PlaywrightError as exc:  # pragma: no cover - depends on the browser
            raise PdfUnavailable(f"Chromium failed to render the PDF: {exc}") from exc
        finally:
            page.close()


def _print_laid_out(page: Any, options: dict[str, Any]) -> bytes:
    """Print, then number the contents and move orphaned headings, until nothing changes."""
    try:
        from pypdf import PdfReader
    except ImportError as exc:
        raise PdfUnavailable(
            "PDF output needs pypdf to number the table of contents: pip install 'aigov[pdf]'"
        ) from exc
    page.emulate_media(media="print")  # measure headings as they are laid out in print
    toc = page.evaluate(_MARK_TOC)
    data: bytes = page.pdf(**options)
    for _attempt in range(MAX_PRINTS - 1):
        reader = PdfReader(io.BytesIO(data))
        changed = bool(toc) and page.evaluate(_FILL_TOC, destination_pages(reader))
        headings = page.evaluate(_HEADINGS)
        for index in orphaned_headings(reader, headings):
            page.evaluate(_BREAK_BEFORE, index)
            changed = True
        if not changed:
            break
        data = page.pdf(**options)
    return data


def destination_pages(reader: Any) -> dict[str, int]:
    """The page number (from 1) of every named destination of a PDF (pypdf `PdfReader`)."""
    pages: dict[str, int] = {}
    for name, dest in reader.named_destinations.items():
        number = reader.get_destination_page_number(dest)
        if number is not None and number >= 0:
            pages[str(name).removeprefix("/")] = number + 1
    return pages


def outline_entries(reader: Any) -> list[tuple[str, int]]:
    """The outline (bookmarks) of a PDF in document order: (title, page from 1)."""
    out: list[tuple[str, int]] = []

    def walk(items: Any) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                out.append(
                    (
                        " ".join(str(item.title).split()),
                        reader.get_destination_page_number(item) + 1,
                    )
                )

    walk(reader.outline)
    return out


def page_lines(reader: Any) -> list[list[str]]:
    """The text lines of every page, the running footer left out (it has "Page N of M")."""
    pages = []
    for p in reader.pages:
        lines = [" ".join(line.split()) for line in (p.extract_text() or "").splitlines()]
        body = [line for line in lines if line]
        while (
            body
            and not _FOOTER_END.search(body[-1])
            and len(body) > 1
            and _FOOTER_END.search(body[-2])
        ):
            body.pop()  # a footer wrapped onto two lines
        if body and _FOOTER_END.search(body[-1]):
            body.pop()
        pages.append(body)
    return pages


class _FooterEnd:
    """The end of a running footer, "Page 3 of 12", in the language of the page."""

    def search(self, line: str) -> re.Match[str] | None:
        head, _sep, rest = _(PAGE_OF).partition("{page}")
        middle, _sep, tail = rest.partition("{total}")
        pattern = rf"{re.escape(head)}\d+{re.escape(middle)}\d+{re.escape(tail)}$"
        return re.search(pattern, line)


_FOOTER_END = _FooterEnd()


def orphaned_headings(reader: Any, headings: list[str]) -> list[int]:
    """Indexes into `headings` (the document's headings in order, as the outline lists them)
    of the ones that are the last line of a page while the page after goes on."""
    outline = outline_entries(reader)
    if [t for t, _ in outline] != headings:
        return []  # the outline and the headings do not pair up: nothing is moved
    lines = page_lines(reader)
    found = []
    for index, (title, number) in enumerate(outline):
        if number >= len(lines) or not lines[number - 1]:
            continue  # the last page, or a page without text
        last = lines[number - 1][-1]
        if last == title or (
            title.endswith(last) and len(last) >= 3 and _starts_a_line(lines[number - 1], title)
        ):
            found.append(index)
    return found


def _starts_a_line(lines: list[str], title: str) -> bool:
    """Whether the title's text is the end of the page: its lines are the page's last ones
    (a heading wrapped onto two lines)."""
    tail = ""
    for line in reversed(lines):
        tail = f"{line} {tail}".strip()
        if tail == title:
            return True
        if len(tail) > len(title):
            return False
    return False


def html_to_pdf(
    html: str,
    *,
    footer: Footer | None = None,
    paper: str = "A4",
    executable: str | None = None,
    created: str | dt.datetime | None = None,
) -> bytes:
    """Render one standalone HTML document to PDF bytes. Raises PdfUnavailable."""
    if paper not in PAPER_SIZES:
        raise ValueError(f"paper must be one of {', '.join(PAPER_SIZES)}")
    with PdfPrinter(executable) as printer:
        return printer.print(html, footer=footer, paper=paper, created=created)


def pdf_date(when: str | dt.datetime) -> str:
    """A PDF date string in UTC (D:YYYYMMDDHHmmSS+00'00') for an ISO 8601 time."""
    moment = when if isinstance(when, dt.datetime) else dt.datetime.fromisoformat(when)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).strftime("D:%Y%m%d%H%M%S+00'00'")


# Chromium (Skia) writes both dates as literal strings of this one shape, in UTC.
_SKIA_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}\+00'00'\)")


def set_pdf_dates(data: bytes, when: str | dt.datetime) -> bytes:
    """The PDF with /CreationDate and /ModDate set to `when`.

    Chromium's dates are replaced in place by strings of the same length, so no offset in the
    file moves and the structure tree and outline stay untouched. Another producer's PDF is
    rewritten with pypdf as an incremental update, when pypdf is installed."""
    stamp = pdf_date(when)
    replaced, count = _SKIA_DATE.subn(
        lambda m: b"/" + m.group(1) + b" (" + stamp.encode("ascii") + b")", data
    )
    if count:
        return replaced
    try:
        from pypdf import PdfWriter
    except ImportError:  # pragma: no cover - Chromium's own format is handled above
        return data
    writer = PdfWriter(io.BytesIO(data), incremental=True)
    writer.add_metadata({"/CreationDate": stamp, "/ModDate": stamp})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _refuse(route: Any) -> None:
    route.abort()
