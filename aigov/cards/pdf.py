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


def _footer(title: str, content_hash: str) -> str:
    return (
        '<div style="font-family: system-ui, sans-serif; font-size: 7.5pt; color: #5b6675; '
        'width: 100%; padding: 0 15mm; display: flex; justify-content: space-between;">'
        f"<span>{escape(title)}</span>"
        f"<span>{escape(content_hash[:23])}…</span>"
        '<span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span>'
        "</div>"
    )


class PdfPrinter:
    """One headless Chromium for many PDFs (starting it is the slow part):

    with PdfPrinter() as printer:
        for html in pages:
            data = printer.print(html, title=..., content_hash=...)
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
        title: str = "",
        content_hash: str = "",
        paper: str = "A4",
        created: str | dt.datetime | None = None,
    ) -> bytes:
        """Render a standalone HTML document to PDF bytes (footer with title, hash, pages);
        `created` (the card's provenance date) becomes its creation and modification date."""
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
            if title or content_hash:
                options.update(
                    display_header_footer=True,
                    header_template="<span></span>",
                    footer_template=_footer(title, content_hash),
                )
            data: bytes = page.pdf(**options)
            return set_pdf_dates(data, created) if created is not None else data
        except PlaywrightError as exc:  # pragma: no cover - depends on the browser
            raise PdfUnavailable(f"Chromium failed to render the PDF: {exc}") from exc
        finally:
            page.close()


def html_to_pdf(
    html: str,
    *,
    title: str = "",
    content_hash: str = "",
    paper: str = "A4",
    executable: str | None = None,
    created: str | dt.datetime | None = None,
) -> bytes:
    """Render one standalone HTML document to PDF bytes. Raises PdfUnavailable."""
    if paper not in PAPER_SIZES:
        raise ValueError(f"paper must be one of {', '.join(PAPER_SIZES)}")
    with PdfPrinter(executable) as printer:
        return printer.print(
            html, title=title, content_hash=content_hash, paper=paper, created=created
        )


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
