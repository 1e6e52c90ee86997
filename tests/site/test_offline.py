"""The example site opened from disk (`file://`), as the README tells an auditor to open a
copy from a folder or a zip: search finds a system and its result opens the page, with no
request leaving the folder and no console error."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.site.conftest import Site
from tests.site.test_browser import ARGS, CHROMIUM

pytestmark = pytest.mark.browser

sync_api = pytest.importorskip("playwright.sync_api")


class FileBrowser:
    def __init__(self, page: Any, site: Path) -> None:
        self.page = page
        self.base = site.as_uri()
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def open(self, path: str) -> None:
        self.page.goto(f"{self.base}/{path}")
        self.page.wait_for_load_state("load")

    def search(self, words: str) -> list[str]:
        page = self.page
        page.locator("label.md-search__icon, .md-search__input").first.click()
        page.locator("input.md-search__input").press_sequentially(words)
        results = page.locator(".md-search-result__item a")
        results.first.wait_for(state="attached", timeout=20_000)
        return [a.get_attribute("href") or "" for a in results.all()]


@pytest.fixture(scope="module")
def from_disk(example_site: Site) -> Iterator[FileBrowser]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = chromium.new_page(viewport={"width": 1366, "height": 900})
        b = FileBrowser(page, example_site.site)
        yield b
        chromium.close()
    outside = [u for u in b.requests if not u.startswith(b.base)]
    assert not outside, f"requests outside the site folder: {outside}"
    assert not b.errors, f"console errors: {b.errors}"


def test_the_built_site_is_made_for_file_urls(example_site: Site) -> None:
    site = example_site.site
    assert (
        (site / "search" / "search_index.js").read_text(encoding="utf-8").startswith("var __index")
    )
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'src="assets/aigov/iframe-worker.js"' in home
    assert "unpkg" not in home
    assert 'href="systems/index.html"' in home  # no directory URLs: a folder has no index lookup


def test_search_from_disk_finds_a_system_and_opens_it(from_disk: FileBrowser) -> None:
    from_disk.open("index.html")
    hrefs = from_disk.search("Claims triage")
    assert hrefs and hrefs[0].startswith(from_disk.base + "/systems/claims-triage/index.html"), (
        hrefs
    )
    from_disk.page.locator(".md-search-result__item a").first.click()
    from_disk.page.wait_for_load_state("load")
    assert from_disk.page.url.startswith(from_disk.base + "/systems/claims-triage/index.html")
    assert from_disk.page.locator("h1").first.inner_text() == "Health and life claims triage"


def test_search_from_a_page_deeper_in_the_folder(from_disk: FileBrowser) -> None:
    """The worker and index are found relative to the page, not to the site's root."""
    from_disk.open("systems/claims-triage/index.html")
    hrefs = from_disk.search("support copilot")
    assert any("/systems/support-copilot/index.html" in h for h in hrefs), hrefs


def test_searching_a_fact_no_system_declares_says_so(from_disk: FileBrowser) -> None:
    from_disk.open("index.html")
    hrefs = from_disk.search("biometric")
    assert "registers/facts.html" in hrefs[0], hrefs
    texts = from_disk.page.locator(".md-search-result__item").all_inner_texts()
    assert any("No system declares biometric data" in t for t in texts), texts
