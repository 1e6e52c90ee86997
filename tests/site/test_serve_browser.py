"""`aigov serve` in a real headless Chromium: a record saved with a mistake keeps its page
(the last good version, HTTP 200) with a banner naming the problem's file:line:col, the
home page lists it, the terminal prints the same diagnostic, and fixing the record brings the
good page back. The preview is a real `aigov serve` process on a free port."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.site.test_browser import ARGS, CHROMIUM
from tests.site.test_serve import _free_port, _wait_for, preview

pytestmark = pytest.mark.browser

sync_api = pytest.importorskip("playwright.sync_api")

RELOAD_MS = 120_000  # a bound against hanging, not a speed requirement


def test_a_record_that_stops_validating_keeps_its_page_with_the_problem(
    fixture_repo: Path,
) -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    record = fixture_repo / "systems" / "beta-chat.yaml"
    good = record.read_text(encoding="utf-8")
    bad = good.replace(
        "severity: low, likelihood: possible", "severity: hihg, likelihood: possible", 1
    )
    assert bad != good
    line_no, line = next((n, t) for n, t in enumerate(bad.splitlines(), 1) if "hihg" in t)
    where = f"systems/beta-chat.yaml:{line_no}:{line.index('hihg') + 1}"
    with preview(fixture_repo, _free_port()) as served:
        url = f"{served.base}/systems/beta-chat/"
        _wait_for(url, "Beta help chat", served.proc)
        with sync_api.sync_playwright() as p:
            chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = chromium.new_page()
            response = page.goto(url)
            assert response is not None and response.status == 200
            assert page.locator(".aigov-kept").count() == 0

            record.write_text(bad, encoding="utf-8")  # the live reload brings the banner
            page.wait_for_selector(".aigov-kept", timeout=RELOAD_MS)
            response = page.reload()
            assert response is not None and response.status == 200
            banner = page.locator(".aigov-kept").inner_text()
            assert "systems/beta-chat.yaml does not validate" in banner
            assert where in banner
            assert "'hihg', which is not an allowed value" in banner
            assert page.locator("h1").first.inner_text() == "Beta help chat"  # last good page
            home = page.goto(f"{served.base}/")
            assert home is not None and home.status == 200
            listed = page.locator(".aigov-kept").inner_text()
            assert where in listed and "'hihg'" in listed

            page.goto(url)
            record.write_text(good, encoding="utf-8")  # fixed: the good page, no banner
            page.wait_for_selector(".aigov-kept", state="detached", timeout=RELOAD_MS)
            response = page.reload()
            assert response is not None and response.status == 200
            assert page.locator(".aigov-kept").count() == 0
            assert page.locator("h1").first.inner_text() == "Beta help chat"
            chromium.close()
    printed = served.stderr
    assert re.search(
        rf"^error: {re.escape(where)}: .*'hihg', which is not an allowed value", printed, re.M
    )
    assert (
        "systems/beta-chat.yaml does not validate; the preview keeps its last good page." in printed
    )
    assert "Traceback" not in printed
