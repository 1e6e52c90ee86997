"""The example site in a real headless Chromium, served over http on 127.0.0.1 as an auditor
would open it: it renders, search finds systems, the table filters and sorts, no console
errors, and no request leaves the site. Every test runs on the site each engine built
(mkdocs, properdocs, zensical: the `engine` parameter)."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.site.conftest import Site

pytestmark = pytest.mark.browser

sync_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


class Browser:
    """One page, with every request and console error recorded."""

    def __init__(self, page: Any, base: str) -> None:
        self.page = page
        self.base = base
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def open(self, path: str) -> Any:
        response = self.page.goto(f"{self.base}/{path}")
        assert response is not None and response.ok, path
        self.page.wait_for_load_state("networkidle")
        return response


@pytest.fixture(scope="module")
def browser(engine_server: str) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = chromium.new_page(viewport={"width": 1366, "height": 900})
        b = Browser(page, engine_server)
        yield b
        outside = [u for u in b.requests if not u.startswith(engine_server)]
        chromium.close()
    assert not outside, f"requests outside the site: {outside}"
    assert not b.errors, f"console errors: {b.errors}"


def _records(site: Site) -> dict[str, dict[str, Any]]:
    out = {}
    for path in sorted((site.root / "systems").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out[data["id"]] = data
    return out


def _unique_harm_word(records: dict[str, dict[str, Any]], site: Site) -> tuple[str, str]:
    """A word from one system's harm register that no other record file contains."""
    texts = {sid: (site.root / "systems" / f"{sid}.yaml").read_text().lower() for sid in records}
    for sid, data in records.items():
        for harm in (data.get("impact_assessment") or {}).get("harms") or []:
            for word in re.findall(r"[A-Za-z]{8,}", str(harm.get("description", ""))):
                w = word.lower()
                if all(w not in t for other, t in texts.items() if other != sid):
                    return sid, word
    pytest.fail("the examples have no harm word unique to one system")


def _shot(artifacts_dir: Path, name: str, engine: str) -> str:
    return str(artifacts_dir / (f"{name}.png" if engine == "mkdocs" else f"{name}-{engine}.png"))


def test_home_renders_and_nothing_leaves_the_site(
    browser: Browser, engine_site: Site, artifacts_dir: Path, engine: str
) -> None:
    browser.open("index.html")
    page = browser.page
    assert page.locator("h1").first.inner_text() == "Portfolio"
    kpis = page.locator(".aigov-kpi")
    assert kpis.count() >= 5
    assert page.locator("svg.aigov-heatmap").count() == 2
    tabs = page.locator(".md-tabs__link").all_inner_texts()
    assert [t.strip() for t in tabs][:5] == [
        "Portfolio",
        "Systems",
        "Registers",
        "Gaps",
        "Reference",
    ]
    page.wait_for_timeout(600)  # let the theme's fade-in finish before the picture
    page.screenshot(path=_shot(artifacts_dir, "site-home", engine), full_page=True)


def test_a_system_page_renders(
    browser: Browser, engine_site: Site, artifacts_dir: Path, engine: str
) -> None:
    records = _records(engine_site)
    system_id = "support-copilot" if "support-copilot" in records else sorted(records)[0]
    browser.open(f"systems/{system_id}/index.html")
    page = browser.page
    assert page.locator("h1").first.inner_text() == records[system_id]["name"]
    assert page.locator(".aigov-badge").count() >= 3
    assert page.locator("svg.aigov-bar").first.is_visible()
    page.wait_for_timeout(600)
    page.screenshot(path=_shot(artifacts_dir, "site-system", engine), full_page=True)


def test_search_for_a_harm_finds_the_right_system(
    browser: Browser, engine_site: Site, engine: str
) -> None:
    records = _records(engine_site)
    system_id, word = _unique_harm_word(records, engine_site)
    browser.open("index.html")
    page = browser.page
    if engine == "zensical":  # its own search: a button opening a dialog (in a shadow root)
        page.locator(".md-search__button").first.click()
        box = page.locator("input[role=combobox]")
        results = page.locator("ol[role=listbox] a[role=option]")
    else:
        page.locator("label.md-search__icon, .md-search__input").first.click()
        box = page.locator("input.md-search__input")
        results = page.locator(".md-search-result__item a")
    box.press_sequentially(word)  # keystrokes, as a person
    results.first.wait_for(state="attached", timeout=20_000)
    hrefs = _settled_hrefs(results)
    assert hrefs, f"no result for {word!r}"
    assert f"systems/{system_id}/" in hrefs[0], (word, hrefs)
    assert all(f"systems/{system_id}/" in h for h in hrefs), (word, hrefs)


def _settled_hrefs(results: Any, tries: int = 40) -> list[str]:
    """The result links once the list stops changing: the engines re-render results as each
    keystroke arrives, so links read one by one may belong to a list already replaced."""
    read = "els => els.map(e => e.getAttribute('href') || '')"
    last: list[str] = results.evaluate_all(read)
    for _ in range(tries):
        time.sleep(0.25)
        now: list[str] = results.evaluate_all(read)
        if now == last and now:
            return now
        last = now
    return last


def test_the_systems_table_filters_and_sorts(browser: Browser, engine_site: Site) -> None:
    records = _records(engine_site)
    browser.open("systems/index.html")
    page = browser.page
    rows = page.locator("#aigov-systems tbody tr")
    visible = page.locator("#aigov-systems tbody tr:not([hidden])")
    assert rows.count() == len(records)
    form = page.locator("#aigov-systems-filter")
    assert form.is_visible()  # shown once the script runs

    target_id = sorted(records)[0]
    name = records[target_id]["name"]
    form.locator('input[type="search"]').fill(name)
    assert visible.count() == 1
    assert visible.first.locator("a").first.inner_text() == name
    assert form.locator("output").inner_text() == f"1 of {len(records)} systems"

    form.locator('button[type="reset"]').click()
    page.wait_for_function(
        f"document.querySelectorAll('#aigov-systems tbody tr:not([hidden])').length == {len(records)}"
    )
    tier = rows.first.get_attribute("data-tier")
    expected = sum(1 for r in rows.all() if r.get_attribute("data-tier") == tier)
    form.locator('select[name="tier"]').select_option(tier)
    assert visible.count() == expected
    assert all(r.get_attribute("data-tier") == tier for r in visible.all())
    form.locator('button[type="reset"]').click()

    header = page.locator("#aigov-systems thead th", has_text="Open errors")
    header.click()
    header.click()  # descending: most errors first
    assert header.get_attribute("aria-sort") == "descending"
    counts = [
        int(c) for c in page.locator("#aigov-systems tbody tr td:last-child").all_inner_texts()
    ]
    assert counts == sorted(counts, reverse=True)


def test_the_table_takes_filters_from_the_address(browser: Browser, engine_site: Site) -> None:
    """The home page links tier × stage counts as systems/index.html?tier=…&stage=…."""
    browser.open("systems/index.html?stage=production")
    page = browser.page
    visible = page.locator("#aigov-systems tbody tr:not([hidden])")
    n = sum(
        1
        for d in _records(engine_site).values()
        if (d.get("lifecycle") or {}).get("stage") == "production"
    )
    assert visible.count() == n
    assert page.locator('#aigov-systems-filter select[name="stage"]').input_value() == "production"


def test_the_coverage_matrix_shows_all_72_subcategories(browser: Browser) -> None:
    browser.open("registers/nist-ai-rmf.html")
    rows = browser.page.locator("#aigov-nist-matrix tr[data-subcategory]")
    assert rows.count() == 72
    assert rows.first.get_attribute("data-subcategory") == "GOVERN 1.1"
    assert browser.page.locator("#aigov-nist-matrix tr.aigov-gap").count() > 0


def _declared_categories(data: dict[str, Any]) -> set[str]:
    section = data.get("data") or {}
    found = set(section.get("sensitive_categories") or [])
    for source in section.get("sources") or []:
        found.update(source.get("sensitive_categories") or [])
    return found


def test_the_systems_table_filters_by_data_category_from_the_keyboard(
    browser: Browser, engine_site: Site
) -> None:
    """An auditor asks which systems process financial data: the rows left are exactly the
    systems whose record (or one of its data sources) declares `finance`, and the change is
    announced in the form's live region."""
    records = _records(engine_site)
    finance = {sid for sid, d in records.items() if "finance" in _declared_categories(d)}
    assert 0 < len(finance) < len(records)  # the examples make the filter mean something
    browser.open("systems/index.html")
    page = browser.page
    form = page.locator("#aigov-systems-filter")
    select = form.locator('select[name="category"]')
    assert select.locator("option").all_inner_texts()[0] == "any"
    select.focus()  # reached by Tab like every other control of the form
    options = [o.get_attribute("value") for o in select.locator("option").all()]
    for _ in range(options.index("finance")):
        page.keyboard.press("ArrowDown")
    assert select.input_value() == "finance"
    visible = page.locator("#aigov-systems tbody tr:not([hidden])")
    shown = {
        r.locator("td").first.locator("a").first.get_attribute("href") or "" for r in visible.all()
    }
    assert {h.split("/")[-2] for h in shown} == finance
    status = form.locator("output")
    assert status.get_attribute("aria-live") == "polite"
    assert status.inner_text() == f"{len(finance)} of {len(records)} systems"
    form.locator('button[type="reset"]').click()


@pytest.mark.parametrize(
    ("name", "attribute"),
    [("eu", "data-eu"), ("oversight", "data-oversight"), ("signoff", "data-signoff")],
)
def test_each_new_filter_keeps_the_rows_that_match(
    browser: Browser, name: str, attribute: str
) -> None:
    browser.open("systems/index.html")
    page = browser.page
    select = page.locator(f'#aigov-systems-filter select[name="{name}"]')
    values = [v for v in (o.get_attribute("value") for o in select.locator("option").all()) if v]
    assert values, name
    rows = page.locator("#aigov-systems tbody tr")
    for value in values:
        select.select_option(value)
        expected = [r for r in rows.all() if value in (r.get_attribute(attribute) or "").split(" ")]
        visible = page.locator("#aigov-systems tbody tr:not([hidden])")
        assert 0 < visible.count() == len(expected), (name, value)
    select.select_option("")


def test_a_nist_cell_is_a_link_that_reaches_the_evidence(browser: Browser) -> None:
    """From the matrix, by keyboard: a cell link has an accessible name saying which system,
    which subcategory and what is in place; following it lists that system's controls for the
    subcategory with their status, and the evidence link opens the evidence itself."""
    browser.open("registers/nist-ai-rmf.html")
    page = browser.page
    cell = page.locator(
        '#aigov-nist-matrix tr[data-subcategory="GOVERN 1.3"] td.aigov-cell--done a'
    ).first
    label = cell.get_attribute("aria-label") or ""
    assert label.startswith("GOVERN 1.3, ") and "implemented or verified" in label, label
    system_name = label.removeprefix("GOVERN 1.3, ").split(":")[0]
    cell.focus()
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == label
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "registers/nist-ai-rmf-controls.html#govern-1-3-" in page.url
    target = page.locator(page.url.split("#", 1)[1].join(["tbody#", ""]))
    assert target.locator("td").first.inner_text().startswith(system_name)
    assert target.locator(".aigov-badge").first.inner_text() in ("Implemented", "Verified")
    evidence = target.locator("a.aigov-evidence").first
    title = evidence.inner_text()
    with page.expect_navigation():
        evidence.click()
    assert "/evidence/" in page.url, page.url
    assert title and page.locator("article").first.inner_text()


def test_the_uncovered_subcategories_are_listed_and_downloadable(
    browser: Browser, engine_site: Site
) -> None:
    import csv

    browser.open("registers/nist-ai-rmf.html")
    page = browser.page
    gaps = page.locator('#aigov-nist-matrix tr[data-state]:not([data-state="covered"])')
    listed = page.locator("#aigov-nist-uncovered tbody tr")
    assert listed.count() == gaps.count() > 0
    planned = page.locator('#aigov-nist-matrix tr[data-state="planned"]')
    # a subcategory served only by planned controls is not covered (GOVERN 5.1 in the examples)
    assert planned.count() >= 1
    csv_path = engine_site.site / "registers" / "nist-ai-rmf-uncovered.csv"
    with csv_path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["subcategory"] for r in rows] == [
        r.get_attribute("data-subcategory") for r in listed.all()
    ]
    link = page.locator('a[download][href$="nist-ai-rmf-uncovered.csv"]').first
    assert link.is_visible()


def test_organisation_wide_controls_count_for_every_system(
    browser: Browser, engine_site: Site
) -> None:
    """organisation.yaml's GOVERN policies have their own column and cover the subcategory in
    every system's column; the cell leads to the policy and its evidence."""
    org = yaml.safe_load((engine_site.root / "organisation.yaml").read_text("utf-8"))
    sub = org["controls"][0]["nist"][0]
    records = _records(engine_site)
    browser.open("registers/nist-ai-rmf.html")
    page = browser.page
    row = page.locator(f'#aigov-nist-matrix tr[data-subcategory="{sub}"]')
    assert row.get_attribute("data-state") == "covered"
    assert page.locator("#aigov-nist-matrix thead th.aigov-col--org").count() == 1
    inherited = row.locator("td.aigov-cell--inherited a")
    mine = row.locator("td.aigov-cell--done:not(.aigov-cell--org)")
    assert inherited.count() + mine.count() == len(records)  # every system counts it
    label = inherited.first.get_attribute("aria-label") or ""
    assert label.endswith("covered by organisation-wide controls"), label
    with page.expect_navigation():
        inherited.first.click()
    target = page.locator(page.url.split("#", 1)[1].join(["tbody#", ""]))
    assert org["controls"][0]["title"] in target.inner_text()
    assert "organisation-wide" in target.inner_text()
    with page.expect_navigation():
        target.locator("a.aigov-evidence").first.click()
    assert page.url.split("?")[0].endswith(org["controls"][0]["evidence"][0]["path"][:-3] + ".html")
