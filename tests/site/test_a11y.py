"""WCAG 2.2 AA on the example site, in a real headless Chromium (issue 19): axe-core finds no
critical or serious violation on any page type (the whole document: Material's header, tabs,
search and footer too, in the light and the dark palette), every page declares its language
and offers a skip link, and a keyboard alone reaches search and the systems table's filter and
sort, with the result count announced."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.a11y import axe_source, axe_violations, blocking
from tests.site.conftest import Site
from tests.site.test_browser import ARGS, CHROMIUM, Browser
from tests.site.test_readable import PALETTE

pytestmark = pytest.mark.browser

sync_api = pytest.importorskip("playwright.sync_api")


def pages(site: Site) -> list[str]:
    """Home, the systems index, each example's system page, each register (the NIST matrix,
    the 600-1 page, the EU AI Act view and obligations among them, and the standalone SoA),
    both gaps pages, and the standalone export documents published beside each system."""
    out = ["index.html", "systems/index.html"]
    out += sorted(
        p.relative_to(site.site).as_posix() for p in (site.site / "systems").glob("*/index.html")
    )
    out += sorted(
        p.relative_to(site.site).as_posix() for p in (site.site / "registers").glob("*.html")
    )
    out += ["gaps/index.html", "gaps/by-system.html"]
    out += sorted(
        p.relative_to(site.site).as_posix()
        for p in (site.site / "systems").glob("*/exports/*.html")
    )
    return out


@pytest.fixture(scope="module")
def browser(example_server: str) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        # the standalone export documents carry a strict Content-Security-Policy (no script at
        # all); bypassing it lets axe be injected there too, and nothing else runs on them
        context = chromium.new_context(bypass_csp=True, viewport={"width": 1366, "height": 900})
        # the standalone documents name no icon; Chromium's own favicon request is not theirs
        context.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
        page = context.new_page()
        b = Browser(page, example_server)
        yield b
        chromium.close()
    assert not b.errors, f"console errors: {b.errors}"


def test_the_page_list_covers_every_page_type(example_site: Site) -> None:
    listed = pages(example_site)
    for must in (
        "registers/nist-ai-rmf.html",
        "registers/nist-ai-600-1.html",
        "registers/eu-ai-act.html",
        "registers/eu-ai-act-obligations.html",
        "registers/harms.html",
        "systems/claims-triage/index.html",
        "registers/soa.html",
    ):
        assert must in listed
    assert len([p for p in listed if p.startswith("systems/") and p.count("/") == 2]) == len(
        list((example_site.root / "systems").glob("*.yaml"))
    )


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_axe_finds_no_critical_or_serious_wcag_22_violation(
    browser: Browser, example_site: Site, scheme: str
) -> None:
    source = axe_source()
    if source is None:
        pytest.skip("axe-playwright-python (a test dependency) is not installed")
    found = {}
    for path in pages(example_site):
        browser.open(path)
        browser.page.evaluate(PALETTE, scheme)
        bad = blocking(axe_violations(browser.page, source))
        if bad:
            found[path] = bad
    assert not found, found


def test_every_page_declares_its_language_and_has_a_skip_link(
    browser: Browser, example_site: Site
) -> None:
    for path in pages(example_site):
        browser.open(path)
        page = browser.page
        assert page.evaluate("document.documentElement.lang") == "en", path
        skip = page.locator("a.md-skip")
        assert skip.count() == 1, path
        target = skip.get_attribute("href") or ""
        assert target.startswith("#"), path
        assert page.evaluate("(id) => !!document.getElementById(id)", target[1:]), path


def _tab_to(page: object, selector: str, limit: int = 80) -> int:
    """Press Tab until the element matching `selector` has the focus; the presses it took."""
    for n in range(1, limit + 1):
        page.keyboard.press("Tab")  # type: ignore[attr-defined]
        if page.evaluate(f"document.activeElement.matches({selector!r})"):  # type: ignore[attr-defined]
            return n
    raise AssertionError(f"{selector} not reached with {limit} presses of Tab")


def test_the_keyboard_alone_reaches_search_and_the_systems_filter(browser: Browser) -> None:
    browser.open("systems/index.html")
    page = browser.page
    # the first Tab lands on the skip link, and it is visible once focused
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    assert page.locator("a.md-skip").is_visible()

    # search: typed into, results listed
    _tab_to(page, ".md-search__input")
    page.keyboard.type("claims")
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    assert "Claims" in page.locator(".md-search-result").inner_text()
    page.keyboard.press("Escape")

    # the table filter: typed into, the table narrows and the count is announced
    browser.open("systems/index.html")
    status = page.locator("[data-filter-status]").first
    assert status.get_attribute("aria-live") == "polite"
    total = page.locator("table[data-aigov-table] tbody tr").count()
    _tab_to(page, "[data-filter='text']")
    page.keyboard.type("claims")
    shown = page.locator("table[data-aigov-table] tbody tr:not([hidden])").count()
    assert 0 < shown < total
    assert status.inner_text().startswith(f"{shown} of {total}")
    # and the focus is visible where it is
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    shadow = page.evaluate("getComputedStyle(document.activeElement).boxShadow")
    assert outline != "none" or shadow != "none"

    # sort: a column header is reached with Tab and sorted with Enter, aria-sort says how
    _tab_to(page, "th.aigov-sortable")
    header = page.evaluate("document.activeElement.textContent.trim()")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.getAttribute('aria-sort')") == "ascending", header
    page.keyboard.press(" ")
    assert page.evaluate("document.activeElement.getAttribute('aria-sort')") == "descending"
