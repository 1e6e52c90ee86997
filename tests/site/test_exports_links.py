"""The site links each system's compliance documents (aigov.exports): the files are there,
the JSON validates against its published schema, the HTML opens with its coverage table."""

from __future__ import annotations

import json

import jsonschema
from bs4 import BeautifulSoup

from aigov.exports import schema
from aigov.exports.build import SITE_FORMATS, SITE_KINDS
from tests.site.conftest import Site

COVERAGE_TITLE = {
    "annex-iv": "Coverage of Annex IV",
    "fria": "Coverage of Art. 27",
    "eu-database": "Coverage of Annex VIII",
}


def test_every_system_page_links_its_exports(example_site: Site) -> None:
    systems = sorted(p.stem for p in (example_site.root / "systems").glob("*.yaml"))
    assert systems
    for system_id in systems:
        folder = example_site.site / "systems" / system_id
        page = BeautifulSoup((folder / "index.html").read_text(encoding="utf-8"), "html.parser")
        links = {a["href"] for a in page.select("ul.aigov-exports a")}
        for kind in SITE_KINDS:
            for fmt in SITE_FORMATS:
                href = f"exports/{kind}.{fmt}"
                assert href in links, (system_id, href)
                assert (folder / href).is_file()
            data = json.loads((folder / f"exports/{kind}.json").read_text(encoding="utf-8"))
            published = json.loads(
                (schema.published_dir() / f"{kind}.schema.json").read_text(encoding="utf-8")
            )
            jsonschema.validate(data, published)
            html = (folder / f"exports/{kind}.html").read_text(encoding="utf-8")
            assert f"<h2>{COVERAGE_TITLE[kind]}</h2>" in html
