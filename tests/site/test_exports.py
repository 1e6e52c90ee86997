"""The site's exports, from the real build of the example site: the home page offers the
inventory, each system page links every export of its system, and what is linked is there."""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup
from openpyxl import load_workbook

from aigov.exports.cyclonedx import validate_bom
from aigov.exports.registry import all_kinds, kind_title
from tests.conftest import REPO
from tests.site.conftest import Site

SYSTEMS = sorted(p.stem for p in (REPO / "systems").glob("*.yaml"))


def _links(site: Site, page: str) -> dict[str, str]:
    soup = BeautifulSoup((site.site / page).read_text("utf-8"), "html.parser")
    return {a.get_text(" ", strip=True): str(a["href"]) for a in soup.find_all("a", href=True)}


def test_the_home_page_offers_the_inventory_and_its_links_resolve(example_site: Site) -> None:
    links = _links(example_site, "index.html")
    assert links["Inventory (CSV)"] == "registers/inventory.csv"
    assert links["Inventory (Excel)"] == "registers/inventory.xlsx"
    data = (example_site.site / "registers/inventory.csv").read_text("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(data)))
    assert sorted(r["ID"] for r in rows) == SYSTEMS
    for row in rows:
        for column in ("Card", "Impact assessment"):
            target = urlsplit(urljoin("registers/inventory.csv", row[column]))
            page = example_site.site / target.path
            assert page.is_file(), row[column]
            if target.fragment:
                assert f'id="{target.fragment}"' in page.read_text("utf-8")
    sheet = load_workbook(example_site.site / "registers/inventory.xlsx").active
    assert sheet is not None and sheet.max_row == len(SYSTEMS) + 1


def test_every_system_page_links_every_export_of_its_system(example_site: Site) -> None:
    for system in SYSTEMS:
        page = f"systems/{system}/index.html"
        text = (example_site.site / page).read_text("utf-8")
        for kind in all_kinds():
            assert kind_title(kind) in text, (system, kind)
        soup = BeautifulSoup(text, "html.parser")
        data = {a.get_text(strip=True): a["href"] for a in soup.select("ul.aigov-data-exports a")}
        href = str(data["CycloneDX ML-BOM"])  # with the compliance documents, in its own list
        bom = (example_site.site / f"systems/{system}" / href).read_text("utf-8")
        assert validate_bom(bom) == []  # the site writes it without the check; this is it
        assert json.loads(bom)["metadata"]["component"]["properties"][0]["value"] == system
