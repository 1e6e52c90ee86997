"""The EU AI Act obligations register and timeline, in the built site (real MkDocs)."""

from __future__ import annotations

from bs4 import BeautifulSoup

from tests.site.conftest import Site

PAGE = "registers/eu-ai-act-obligations/index.html"


def _soup(site: Site, page: str = PAGE) -> BeautifulSoup:
    return BeautifulSoup((site.site / page).read_text(), "html.parser")


def test_register_rows_carry_role_article_status_and_date(fixture_site: Site) -> None:
    soup = _soup(fixture_site)
    rows = soup.select("table[data-aigov-filter=aigov-obligations-filter] tbody tr")
    by = {(r.select_one("td a").text, r["data-article"]): r for r in rows}
    # alpha-screening: a deployer of an Annex III 5 system, Art. 26 from 2027-12-02
    row = by[("Alpha loan screening", "art-26-2")]
    assert row["data-role"] == "deployer" and row["data-date"] == "2027-12-02"
    assert row["data-status"] == "not_yet_applicable"
    # beta-chat records no role: its Art. 50(1) obligation waits for it
    assert by[("Beta help chat", "art-50-1")]["data-status"] == "role_unknown"


def test_filters_offer_role_article_status_and_date(fixture_site: Site) -> None:
    form = _soup(fixture_site).select_one("#aigov-obligations-filter")
    assert form is not None
    for key in ("role", "article", "status", "date"):
        select = form.select_one(f"select[data-filter={key}]")
        assert select is not None and len(select.select("option")) > 1, key
    articles = [o.text for o in form.select("select[data-filter=article] option")][1:]
    assert articles.index("Art. 26(2)") < articles.index("Art. 26(11)")


def test_timeline_lists_the_dates_still_to_come(fixture_site: Site) -> None:
    items = _soup(fixture_site).select("#aigov-obligation-timeline li")
    dates = [li["data-date"] for li in items]
    assert "2027-12-02" in dates and "2028-08-02" in dates
    assert "2025-08-02" not in dates  # already past on the build's day
    dec = next(li for li in items if li["data-date"] == "2027-12-02")
    assert "Alpha loan screening" in dec.text


def test_nav_and_the_derivation_page_name_the_text_version(fixture_site: Site) -> None:
    eu = _soup(fixture_site, "registers/eu-ai-act/index.html")
    assert "consolidated 2026-07-27" in eu.text
    nav = eu.select_one("nav.md-nav--primary")
    assert nav is not None
    assert any("eu-ai-act-obligations" in a["href"] for a in nav.select("a[href]"))
