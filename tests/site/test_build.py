"""`aigov build` end to end on the small fixture portfolio: the real CLI, the real MkDocs."""

from __future__ import annotations

import datetime as dt
import importlib
import json
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from aigov.site import BuildOptions, build_site
from tests.site.conftest import Site, build, build_process, copy_example_repo, copy_fixture

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


def _git(root: Path, *args: str) -> None:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("GIT_")},
        "GIT_AUTHOR_NAME": "Priya Raman",
        "GIT_AUTHOR_EMAIL": "p@example.com",
        "GIT_COMMITTER_NAME": "Priya Raman",
        "GIT_COMMITTER_EMAIL": "p@example.com",
        "GIT_AUTHOR_DATE": "2026-11-01T10:00:00+00:00",
        "GIT_COMMITTER_DATE": "2026-11-01T10:00:00+00:00",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(root),
    }
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def _slow_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    """Page generation with its fast paths off: the diff walks every node, JSON goes through
    `json.dumps`' own indenting encoder, short texts are escaped afresh every time, the
    standalone HTML card's context is built again rather than made from the page card's."""
    import aigov.site.cards as site_cards
    import aigov.textsafety as textsafety
    from aigov.cards.context import system_card_context

    review_diff = importlib.import_module(
        "aigov.review.diff"
    )  # `aigov.review.diff` is a function too
    monkeypatch.setattr(review_diff, "same", lambda a, b: False)
    monkeypatch.setattr(textsafety, "_indented_json", lambda value, options: None)
    monkeypatch.setattr(textsafety, "MEMO_LENGTH", -1)
    built: list[tuple[Any, ...]] = []

    def context(loaded: Any, prov: Any, *, options: Any, checks: Any) -> dict[str, Any]:
        built.append((loaded, prov, options, checks))
        return system_card_context(loaded, prov, options=options, checks=checks)

    def standalone(card: dict[str, Any]) -> dict[str, Any]:
        loaded, prov, options, checks = built[-1]
        plain = replace(options, model_href=None, system_href=None)
        return system_card_context(loaded, prov, options=plain, checks=checks)

    monkeypatch.setattr("aigov.cards.context.system_card_context", context)
    monkeypatch.setattr(site_cards, "standalone", standalone)


def test_the_fast_paths_generate_the_same_docs_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The examples, in a git repository whose records changed after their sign-offs (history
    pages with diffs, stale approvals), generated with every fast path off and then on: the
    same files, byte for byte."""
    from aigov.site.build import generate_and_write

    slow = copy_example_repo(tmp_path / "slow")
    _git(slow, "init", "-q")
    _git(slow, "add", "-A")
    _git(slow, "commit", "-qm", "records")
    for name in ("claims-triage", "support-copilot"):
        record = slow / "systems" / f"{name}.yaml"
        text = record.read_text(encoding="utf-8")
        record.write_text(text.replace("\nsummary: ", "\nsummary: Revised. ", 1), encoding="utf-8")
    _git(slow, "commit", "-qam", "summaries revised")
    fast = tmp_path / "fast"
    shutil.copytree(slow, fast, symlinks=True)

    def generate(root: Path) -> dict[str, bytes]:
        monkeypatch.setattr("aigov.site.cards._CACHE", {})  # no card kept from the other run
        monkeypatch.setattr("aigov.site.pages.history._HISTORIES", {})
        monkeypatch.chdir(root)  # as the CLI runs: findings name their files relative to it
        options = BuildOptions(
            root=Path("."), render=False, jobs=1, built_at=BUILT_AT, today=dt.date(2026, 11, 20)
        )
        generate_and_write(options)
        folder = root / ".aigov-build"
        return {
            p.relative_to(folder).as_posix(): p.read_bytes()
            for p in folder.rglob("*")
            if p.is_file()
        }

    with monkeypatch.context() as slowed:
        _slow_paths(slowed)
        expected = generate(slow)
    got = generate(fast)
    assert "docs/systems/claims-triage/history.md" in got
    assert "Revised." in got["docs/systems/claims-triage/history.md"].decode()  # a diff is shown
    assert sorted(got) == sorted(expected)
    assert [p for p in sorted(got) if got[p] != expected[p]] == []


def test_the_standalone_card_is_the_card_built_without_model_links(tmp_path: Path) -> None:
    """`standalone(card)` is what building the card again with `model_href=None` gives."""
    from aigov.cards.context import CardOptions, CheckInputs, system_card_context
    from aigov.cards.render import jsonable, render_html
    from aigov.project import load_project
    from aigov.provenance import provenance_for
    from aigov.site.cards import standalone

    root = copy_example_repo(tmp_path / "repo")
    project = load_project(root=root, jobs=1)
    options = CardOptions(
        today=dt.date(2026, 11, 20),
        link_base="../..",
        model_href="systems/{system}/models/{model}.md",
        system_href="systems/{system}/index.md",
    )
    linked = 0
    for loaded in project.records:
        prov = provenance_for(loaded.path, loaded.source, loaded.content_hash, root=root)
        card = system_card_context(loaded, prov, options=options, checks=CheckInputs())
        again = system_card_context(
            loaded,
            prov,
            options=replace(options, model_href=None, system_href=None),
            checks=CheckInputs(),
        )
        linked += sum(1 for row in card["models"] if row["href"])
        assert jsonable(standalone(card)) == jsonable(again), loaded.path
        assert render_html(standalone(card), site=True) == render_html(again, site=True)
    assert linked  # the examples' page cards do link model pages
