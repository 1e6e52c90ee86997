"""The NIST AI 600-1 action-level view in the built example site (real MkDocs): each
generative system's actions for its own 600-1 risks, filterable by system, risk and state."""

from __future__ import annotations

from bs4 import BeautifulSoup

from aigov.catalog import genai_profile
from tests.site.conftest import Site


def _soup(site: Site, page: str) -> BeautifulSoup:
    path = site.site / page
    if not path.exists():  # use_directory_urls: false in the example's mkdocs.yml
        path = site.site / (page.removesuffix("/index.html") + ".html")
    return BeautifulSoup(path.read_text(), "html.parser")


def test_the_page_lists_each_generative_systems_actions_for_its_risks(example_site: Site) -> None:
    soup = _soup(example_site, "registers/nist-ai-600-1/index.html")
    rows = soup.select("#aigov-genai-actions tbody tr")
    copilot = [r for r in rows if r["data-system"] == "support-copilot"]
    tagged = {
        "confabulation",
        "data-privacy",
        "harmful-bias-or-homogenization",
        "human-ai-configuration",
        "information-integrity",
        "information-security",
    }
    expected = [a.id for a in genai_profile().for_risks(tagged)]
    assert [r["data-action"] for r in copilot] == expected
    for r in copilot:  # each row names only the system's risks the action lists
        assert set(r["data-risks"].split()) <= tagged and r["data-risks"]
    weekly = next(r for r in copilot if r["data-action"] == "MS-2.5-003")
    assert weekly["data-state"] == "in_place" and "ctl-weekly-eval" in weekly.text
    assert any(r["data-state"] == "gap" for r in copilot)
    # a system with no generative help and no tag is not on the page
    assert not [r for r in rows if r["data-system"] == "fraud-scoring"]


def test_the_filters_offer_system_risk_and_state(example_site: Site) -> None:
    form = _soup(example_site, "registers/nist-ai-600-1/index.html").select_one(
        "#aigov-genai-filter"
    )
    assert form is not None
    risk = form.select_one("select[data-filter=risks]")
    assert risk is not None and risk.has_attr("data-multi")
    assert len(risk.select("option")) == 1 + 12
    systems = [o["value"] for o in form.select("select[data-filter=system] option")][1:]
    assert "support-copilot" in systems


def test_the_matrix_page_and_the_nav_link_the_action_view(example_site: Site) -> None:
    matrix = _soup(example_site, "registers/nist-ai-rmf/index.html")
    assert any("nist-ai-600-1" in a["href"] for a in matrix.select(".aigov-lede a[href]"))
    nav = matrix.select_one("nav.md-nav--primary")
    assert nav is not None and any("nist-ai-600-1" in a["href"] for a in nav.select("a[href]"))
