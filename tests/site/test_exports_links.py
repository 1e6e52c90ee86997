"""The site links each system's compliance documents (aigov.exports): the files are there,
the JSON validates against its published schema, the HTML opens with its coverage table."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import yaml
from bs4 import BeautifulSoup

from aigov.exports import schema
from aigov.exports.build import SITE_FORMATS, SITE_KINDS
from tests.site.conftest import BUILD_ENV, TODAY, Site

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


def _cli_export(root: Path, *args: str) -> None:
    """`aigov export ...` in this process, as a user runs it in the repository the site was
    built from, with the build's day and time."""
    from click.testing import CliRunner

    from aigov.cli import cli

    old = Path.cwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(
            cli, ["export", *args, "--today", TODAY], catch_exceptions=False, env=BUILD_ENV
        )
    finally:
        os.chdir(old)
    assert result.exit_code == 0, result.stderr


def test_generative_systems_publish_the_600_1_profile_as_the_cli_writes_it(
    example_site: Site,
) -> None:
    generative = []
    for path in sorted((example_site.root / "systems").glob("*.yaml")):
        ai_help = yaml.safe_load(path.read_text(encoding="utf-8"))["use_case"]["ai_help"]
        folder = example_site.site / "systems" / path.stem
        page = BeautifulSoup((folder / "index.html").read_text(encoding="utf-8"), "html.parser")
        links = {a["href"] for a in page.select("ul.aigov-exports a")}
        if "generate" not in ai_help:
            assert "exports/nist-profile.html" not in links, path.stem
            continue
        generative.append(path.stem)
        # the CLI writes from the same depth below the repository as the site's exports
        # folder is below the docs root, so evidence links read the same
        out = example_site.root / "cli-out" / path.stem / "exports"
        for fmt in SITE_FORMATS:
            assert f"exports/nist-profile.{fmt}" in links, path.stem
            target = out / f"nist-profile.{fmt}"
            _cli_export(example_site.root, "nist-profile", path.stem, "-f", fmt, "-o", str(target))
            published = (folder / f"exports/nist-profile.{fmt}").read_text(encoding="utf-8")
            assert published == target.read_text(encoding="utf-8"), (path.stem, fmt)
    assert generative  # the examples hold generative systems


def test_organisation_controls_count_in_the_published_profile(example_site: Site) -> None:
    data = json.loads(
        (example_site.site / "systems/support-copilot/exports/nist-profile.json").read_text(
            encoding="utf-8"
        )
    )
    text = json.dumps(data)
    org = example_site.root / "organisation.yaml"
    assert org.is_file()
    assert '"organisation": true' in text  # a control of organisation.yaml carries an action


def test_home_page_links_the_statement_of_applicability_as_the_cli_writes_it(
    example_site: Site,
) -> None:
    home = BeautifulSoup(
        (example_site.site / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    hrefs = {a["href"] for a in home.select(".aigov-inventory a")}
    assert {"registers/soa.html", "registers/soa.json"} <= hrefs
    for fmt in ("html", "json"):
        target = example_site.root / "cli-out" / f"soa.{fmt}"
        _cli_export(example_site.root, "soa", "-f", fmt, "-o", str(target))
        published = (example_site.site / f"registers/soa.{fmt}").read_text(encoding="utf-8")
        assert published == target.read_text(encoding="utf-8"), fmt
    data = json.loads((example_site.site / "registers/soa.json").read_text(encoding="utf-8"))
    published_schema = json.loads(
        (schema.published_dir() / "soa.schema.json").read_text(encoding="utf-8")
    )
    jsonschema.validate(data, published_schema)
