"""`aigov build` end to end on the small fixture portfolio: the real CLI, the real MkDocs."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from aigov.site import BuildOptions, build_site
from tests.site.conftest import Site, build, build_process, copy_fixture

BUILT_AT = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC)

SYSTEM_PAGE = "systems/alpha-screening/index.html"


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_generated_pages_and_the_users_own_settings(fixture_site: Site) -> None:
    site = fixture_site.site
    for page in (
        "index.html",
        "systems/index.html",
        SYSTEM_PAGE,
        "systems/alpha-screening/models/ranker/index.html",
        "systems/beta-chat/index.html",
        "registers/harms/index.html",
        "registers/controls/index.html",
        "registers/nist-ai-rmf/index.html",
        "registers/eu-ai-act/index.html",
        "gaps/index.html",
        "gaps/by-system/index.html",
        "reference/rules/index.html",
        "reference/fields/index.html",
        "reference/about/index.html",
        "handbook/index.html",  # the user's own page, with their own nav entry
        "systems/alpha-screening/alpha-screening.json",
        "systems/alpha-screening/alpha-screening.card.html",
    ):
        assert (site / page).is_file(), page
    cfg = yaml.safe_load((fixture_site.root / ".aigov-build" / "mkdocs.yml").read_text())
    assert cfg["INHERIT"] == "../mkdocs.yml"
    assert cfg["nav"][-1] == {"Handbook": "handbook.md"}
    home = BeautifulSoup((site / "index.html").read_text(), "html.parser")
    assert home.title is not None and "Fixture portfolio" in home.title.text  # their site_name
    card = json.loads((site / "systems/alpha-screening/alpha-screening.json").read_text())
    assert "alpha-screening" in json.dumps(card)
    assert "Built the site from 2 systems" in fixture_site.run.stdout
    assert "findings:" in fixture_site.run.stdout


def test_navigation_never_lists_systems(fixture_site: Site) -> None:
    """Every page carries the nav; listing systems there would make the site quadratic."""
    for page in ("index.html", SYSTEM_PAGE, "registers/harms/index.html"):
        soup = BeautifulSoup((fixture_site.site / page).read_text(), "html.parser")
        nav = soup.select_one("nav.md-nav--primary")
        assert nav is not None
        hrefs = [a["href"] for a in nav.select("a[href]")]
        assert not [h for h in hrefs if "alpha-screening" in h or "beta-chat" in h], page
    index = BeautifulSoup((fixture_site.site / "systems/index.html").read_text(), "html.parser")
    table = index.select_one("#aigov-systems")
    assert table is not None
    linked = {a["href"] for a in table.select("a[href]")}
    assert {"alpha-screening/", "beta-chat/"} <= linked  # one click from the systems index


def test_evidence_markdown_is_shown_as_text_not_run(fixture_site: Site) -> None:
    page = fixture_site.site / "evidence/alpha/memo/index.html"
    soup = BeautifulSoup(page.read_text(), "html.parser")
    assert not [s for s in soup.find_all("script") if "evidence is shown" in s.text]
    assert (
        'alert("evidence is shown as text, never run")' in soup.select_one(".aigov-evidence").text
    )


def test_the_first_edit_after_a_commit_rewrites_only_that_systems_pages(
    fixture_repo: Path,
) -> None:
    """In a git checkout the site says which records have uncommitted changes. A system's
    history page says it of its own record, so saving one record leaves the other systems'
    pages (history included) untouched, as `aigov serve` wants."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Priya Raman",
        "GIT_AUTHOR_EMAIL": "p@example.com",
        "GIT_COMMITTER_NAME": "Priya Raman",
        "GIT_COMMITTER_EMAIL": "p@example.com",
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "records"]):
        subprocess.run(["git", *args], cwd=fixture_repo, env=env, check=True)
    # one build time, as `aigov serve` keeps for a whole preview
    options = BuildOptions(root=fixture_repo, render=False, jobs=1, built_at=BUILT_AT)
    build_site(options)
    docs = fixture_repo / ".aigov-build" / "docs"
    before = _snapshot(docs)
    record = fixture_repo / "systems" / "beta-chat.yaml"
    record.write_text(
        record.read_text().replace("from the public website", "from the website and the app")
    )
    result = build_site(options)
    after = _snapshot(docs)
    changed = {p for p in after if before.get(p) != after[p]}
    assert "systems/beta-chat/history.md" in changed
    assert "with uncommitted changes" in (docs / "systems/beta-chat/history.md").read_text()
    others = {p for p in changed if p.startswith("systems/") and not p.startswith("systems/beta")}
    # the systems index is built from every record: its build line says so now
    assert others == {"systems/index.md"}, others
    assert "with uncommitted changes" in (docs / "systems/index.md").read_text()
    assert "with uncommitted changes" in (docs / "index.md").read_text()  # the portfolio's
    assert "uncommitted" not in (docs / "systems/alpha-screening/index.md").read_text()
    assert sorted(result.write.written) == sorted(changed)


def test_incremental_reproducible_and_safe_rebuilds(fixture_repo: Path) -> None:
    """Unchanged inputs: identical bytes and mtimes. One changed record: only its pages.
    A failing build: the previous site stays as it was."""
    first = build(fixture_repo)
    assert first.returncode == 0, first.stderr
    docs = fixture_repo / ".aigov-build" / "docs"
    before = _snapshot(docs)

    again = build(fixture_repo)
    assert again.returncode == 0, again.stderr
    assert "pages: 0 rewritten" in again.stdout
    assert _snapshot(docs) == before  # same bytes and the same modification times

    record = fixture_repo / "systems" / "beta-chat.yaml"
    record.write_text(
        record.read_text().replace("from the public website", "from the website and the app")
    )
    run = build(fixture_repo)
    assert run.returncode == 0, run.stderr
    after = _snapshot(docs)
    changed = {p for p in after if before.get(p) != after[p]}
    assert "systems/beta-chat/index.md" in changed
    assert all(p.startswith("systems/beta-chat/") for p in changed), changed
    alpha = {p: v for p, v in after.items() if p.startswith("systems/alpha-screening/")}
    assert alpha == {p: v for p, v in before.items() if p.startswith("systems/alpha-screening/")}

    site = fixture_repo / "site"
    built = _snapshot(site)
    (fixture_repo / "mkdocs.yml").write_text("site_name: x\ntheme: {name: no-such-theme}\n")
    failed = build(fixture_repo)
    assert failed.returncode == 2
    assert "error:" in failed.stderr and "previous site" in failed.stderr
    assert "Traceback" not in failed.stderr
    assert _snapshot(site) == built
    assert not [
        p for p in fixture_repo.iterdir() if ".aigov-new" in p.name or ".aigov-old" in p.name
    ]


@pytest.mark.parametrize("target", [".", "systems", "..", ".aigov-build/docs/out"])
def test_refuses_output_folders_it_must_not_replace(fixture_repo: Path, target: str) -> None:
    run = build(fixture_repo, "--site-dir", target)
    assert run.returncode == 2, run.stdout + run.stderr
    assert "refusing to build into" in run.stderr
    assert (fixture_repo / "systems" / "alpha-screening.yaml").is_file()
    assert (fixture_repo / "mkdocs.yml").is_file()


def test_refuses_a_folder_that_is_not_a_site(fixture_repo: Path) -> None:
    notes = fixture_repo / "notes"
    notes.mkdir()
    (notes / "keep.txt").write_text("precious")
    run = build(fixture_repo, "--site-dir", "notes")
    assert run.returncode == 2
    assert "not a built site" in run.stderr
    assert (notes / "keep.txt").read_text() == "precious"


def test_refuses_a_theme_folder_holding_a_404_page(fixture_repo: Path) -> None:
    """A theme's overrides/ folder (a 404.html, a main.html) is not a site: never replaced."""
    overrides = fixture_repo / "overrides"
    overrides.mkdir()
    (overrides / "404.html").write_text("{% extends 'main.html' %}")
    (overrides / "main.html").write_text("{% extends 'base.html' %}")
    (overrides / "sitemap.xml").write_text("<urlset/>")
    run = build_process(fixture_repo, "--site-dir", "overrides")
    assert run.returncode == 2, run.stdout + run.stderr
    assert "error: overrides: overrides holds files that are not a built site" in run.stderr
    assert "no .aigov-site file" in run.stderr and "empty or new folder" in run.stderr
    assert sorted(p.name for p in overrides.iterdir()) == ["404.html", "main.html", "sitemap.xml"]


def test_a_built_site_carries_the_marker_and_is_replaced_next_time(fixture_repo: Path) -> None:
    empty = fixture_repo / "out"
    empty.mkdir()  # an empty folder is fine
    assert build(fixture_repo, "--site-dir", "out").returncode == 0
    marker = (empty / ".aigov-site").read_text(encoding="utf-8")
    assert "built by aigov" in marker
    (empty / "stale.html").write_text("from the previous build")
    run = build(fixture_repo, "--site-dir", "out")
    assert run.returncode == 0, run.stdout + run.stderr
    assert not (empty / "stale.html").exists()
    # a site built before the marker existed: aigov's assets folder and a home page
    (empty / ".aigov-site").unlink()
    assert build(fixture_repo, "--site-dir", "out").returncode == 0
    assert (empty / ".aigov-site").is_file()


def test_an_unreadable_record_is_reported_and_the_rest_is_built(fixture_repo: Path) -> None:
    (fixture_repo / "systems" / "broken.yaml").write_text("id: broken\nname: [unclosed\n")
    run = build(fixture_repo)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "systems/broken.yaml could not be read" in run.stderr
    assert (fixture_repo / "site" / SYSTEM_PAGE).is_file()
    home = (fixture_repo / "site" / "index.html").read_text()
    assert "Records that could not be read" in home and "systems/broken.yaml" in home


def test_fail_on_error_turns_findings_into_exit_1(fixture_site: Site, fixture_repo: Path) -> None:
    assert fixture_site.run.returncode == 0  # findings alone do not fail a build
    run = build(fixture_repo, "--fail-on", "error")
    assert run.returncode == 1
    assert (fixture_repo / "site" / SYSTEM_PAGE).is_file()  # the site is built anyway


def test_the_generated_config_builds_with_plain_mkdocs(fixture_site: Site, tmp_path: Path) -> None:
    """What the benchmark and other engines run: `mkdocs build -f .aigov-build/mkdocs.yml`."""
    out = tmp_path / "plain"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-q",
            "-f",
            ".aigov-build/mkdocs.yml",
            "-d",
            str(out),
        ],
        cwd=fixture_site.root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert (out / SYSTEM_PAGE).is_file()


def test_a_system_page_does_not_grow_with_the_portfolio(tmp_path: Path) -> None:
    """Issue 8: one system's page is the same size (within 10%) at 2 and at 14 systems."""
    sizes = {}
    for n in (2, 14):
        repo = copy_fixture("portfolio", tmp_path / f"n{n}")
        source = (repo / "systems" / "beta-chat.yaml").read_text()
        for i in range(n - 2):
            (repo / "systems" / f"gamma-{i:02d}.yaml").write_text(
                source.replace("id: beta-chat", f"id: gamma-{i:02d}").replace(
                    "Beta help chat", f"Gamma service {i:02d}"
                )
            )
        run = build(repo)
        assert run.returncode == 0, run.stderr
        sizes[n] = (repo / "site" / "systems/beta-chat/index.html").stat().st_size
    assert abs(sizes[14] - sizes[2]) <= 0.10 * sizes[2], sizes


def test_public_edition_leaves_internal_parts_out(fixture_site: Site, tmp_path: Path) -> None:
    assert "quokka-grade" in (fixture_site.site / SYSTEM_PAGE).read_text()  # internal edition
    repo = copy_fixture("portfolio", tmp_path / "repo")
    record = repo / "systems" / "alpha-screening.yaml"
    record.write_text(record.read_text() + "visibility: {internal: [impact_assessment.harms]}\n")
    run = build(repo, "--audience", "public")
    assert run.returncode == 0, run.stderr
    assert "public edition" in run.stdout
    for path in (repo / "site").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".md", ".xml"):
            assert "quokka-grade" not in path.read_text(errors="replace"), path


def test_no_mkdocs_yml_still_builds_an_offline_material_site(tmp_path: Path) -> None:
    repo = copy_fixture("portfolio", tmp_path / "repo")
    (repo / "mkdocs.yml").unlink()
    shutil.rmtree(repo / "docs")
    (repo / ".git").mkdir()  # the repository root marker
    run = build(repo)
    assert run.returncode == 0, run.stderr
    html = (repo / "site" / "index.html").read_text()
    assert "fonts.googleapis" not in html
    assert os.path.isfile(repo / "site" / "search" / "search_index.json")
