"""The facts page answers what an auditor asks of the portfolio, naming the systems or saying
that none declares the fact, and the answers are in the search index (real builds)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.site.conftest import Site, build, copy_fixture


@pytest.fixture(scope="module")
def facts_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = copy_fixture("facts", tmp_path_factory.mktemp("facts") / "repo")
    run = build(root)
    assert run.returncode in (0, 1), run.stdout + run.stderr
    assert (root / "site" / "registers" / "facts.html").is_file(), run.stdout + run.stderr
    return Site(root, run)


def _answers(site: Path) -> dict[str, str]:
    """Each answer's heading id → its sentence, as the built page shows it."""
    soup = BeautifulSoup((site / "registers" / "facts.html").read_text("utf-8"), "html.parser")
    out = {}
    for h3 in soup.select("article h3[id]"):
        sentence = h3.find_next_sibling("p")
        assert sentence is not None, h3
        out[str(h3["id"])] = " ".join(sentence.get_text(" ").split())
    return out


def _indexed(site: Path) -> dict[str, str]:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return {
        d["location"]: " ".join(html.unescape(re.sub(r"<[^>]+>", " ", d["text"])).split())
        for d in index["docs"]
    }


def test_each_fact_names_the_systems_that_declare_it(facts_site: Site) -> None:
    answers = _answers(facts_site.site)
    # biometric data declared by one data source only still counts for the system
    assert answers["biometrics"].startswith("1 system declares biometric data: Office door")
    assert answers["special-category"].startswith("1 system declares special-category")
    assert answers["children"].startswith("1 system declares data about children: Homework")
    assert answers["health"] == "No system declares health data."
    assert answers["oversight-none"].startswith("1 system with this oversight: Office door")
    assert answers["oversight-unknown"].startswith("1 system with this oversight: Homework")
    assert answers["oversight-human-in-the-loop"] == "No system has this oversight."
    assert answers["personal-data-not-stated"].startswith("1 system declares nothing about")


def test_a_fact_no_system_declares_is_searchable_as_such(example_site: Site) -> None:
    """The examples declare no biometric data and none about children: search says so."""
    indexed = _indexed(example_site.site)
    assert indexed["registers/facts.html#biometrics"] == "No system declares biometric data."
    assert indexed["registers/facts.html#children"] == "No system declares data about children."
    # the answer is indexed; the names are not (a search for a name lands on its system)
    assert indexed["registers/facts.html#finance"] == "3 systems declare financial data:"
    page = (example_site.site / "registers" / "facts.html").read_text("utf-8")
    for name in ("Health and life claims triage", "Online store fraud scoring"):
        assert name in page


def test_the_facts_page_is_in_the_navigation(example_site: Site) -> None:
    home = (example_site.site / "index.html").read_text("utf-8")
    assert 'href="registers/facts.html"' in home
