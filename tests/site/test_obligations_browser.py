"""The EU AI Act obligations register of the example site in a real headless Chromium: it
filters by role, article, status and date, and the examples show what the issue asks."""

from __future__ import annotations

import pytest

from tests.site.conftest import Site
from tests.site.test_browser import Browser, browser  # noqa: F401  (the module's browser fixture)

pytestmark = pytest.mark.browser

PAGE = "registers/eu-ai-act-obligations.html"
ROWS = "table[data-aigov-filter=aigov-obligations-filter] tbody tr"


def test_the_register_filters_by_role_article_status_and_date(
    browser: Browser,  # noqa: F811
    example_site: Site,
) -> None:
    browser.open(PAGE)
    page = browser.page
    form = page.locator("#aigov-obligations-filter")
    assert form.is_visible()
    visible = page.locator(f"{ROWS}:not([hidden])")
    total = page.locator(ROWS).count()
    assert total > 0

    form.locator('select[name="status"]').select_option("given")
    given = visible.all()
    assert given and all(r.get_attribute("data-status") == "given" for r in given)
    # the support copilot's Art. 50(1) obligation is in force and evidenced
    texts = [r.inner_text() for r in given]
    assert any("Support reply copilot" in t and "Art. 50(1)" in t for t in texts)
    form.locator('button[type="reset"]').click()

    form.locator('select[name="date"]').select_option("2027-12-02")
    form.locator('select[name="role"]').select_option("deployer")
    rows = visible.all()
    assert rows and all(
        r.get_attribute("data-date") == "2027-12-02" and r.get_attribute("data-role") == "deployer"
        for r in rows
    )
    names = {r.locator("td a").first.inner_text() for r in rows}
    assert {"Candidate screening assistant", "Health and life claims triage"} <= names
    form.locator('select[name="article"]').select_option("art-27")
    assert [r.locator("td a").first.inner_text() for r in visible.all()] == [
        "Health and life claims triage"
    ]
    assert f"of {total} obligations" in form.locator("output").inner_text()
    form.locator('button[type="reset"]').click()
