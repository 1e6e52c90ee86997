"""Every page says what it is: one build line with the aigov version, the revision and its
date, uncommitted changes, the date its judgements use, and when it was built (the build, not
the commit). A register or evidence page printed on its own keeps its title and that line."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from bs4 import BeautifulSoup

from aigov import __version__
from tests.site.conftest import BUILT_AT, TODAY, Site, build

BUILT_SHOWN = "2026-11-20 12:00 UTC"


def _pages(site: Path, own: tuple[str, ...] = ()) -> list[Path]:
    """Every HTML page MkDocs rendered from a generated page. Left out: the theme's own
    not-found page (no content of any build), the standalone card downloads, which carry the
    card's provenance table instead (checked below), and the repository's own pages (`own`:
    the user's docs/ pages are theirs, not generated)."""
    return sorted(
        p
        for p in site.rglob("*.html")
        if p.name != "404.html"
        and not p.name.endswith(".card.html")
        and p.relative_to(site).as_posix() not in own
    )


def _line(page: Path) -> str:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    lines = soup.select("[data-aigov-build]")
    assert len(lines) == 1, f"{page}: {len(lines)} build lines"
    return " ".join(lines[0].get_text(" ").split())


def test_every_page_of_the_example_build_carries_the_build_line(example_site: Site) -> None:
    pages = _pages(example_site.site)
    kinds = {p.relative_to(example_site.site).parts[0] for p in pages}
    # registers, gaps, the systems index, every evidence page, reference, home, system pages
    assert {"registers", "gaps", "systems", "evidence", "reference", "index.html"} <= kinds
    assert len(pages) >= 50
    for page in pages:
        line = _line(page)
        assert f"Built {BUILT_SHOWN} by aigov {__version__}" in line, (page, line)
        assert f"judged as of {TODAY}" in line, (page, line)
        # the example build runs in a copied folder, not a checkout, and says so
        assert "not a git checkout" in line, (page, line)


def test_the_build_line_names_the_revision_its_date_and_uncommitted_changes(
    fixture_repo: Path,
) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Priya Raman",
        "GIT_AUTHOR_EMAIL": "p@example.com",
        "GIT_COMMITTER_NAME": "Priya Raman",
        "GIT_COMMITTER_EMAIL": "p@example.com",
        "GIT_COMMITTER_DATE": "2026-10-01T08:00:00Z",
        "GIT_AUTHOR_DATE": "2026-10-01T08:00:00Z",
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "records"]):
        subprocess.run(["git", *args], cwd=fixture_repo, env=env, check=True)
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=fixture_repo, capture_output=True, text=True, check=True
    ).stdout.strip()
    run = build(fixture_repo)
    assert run.returncode == 0, run.stdout + run.stderr
    site = fixture_repo / "site"
    pages = _pages(site, own=("handbook/index.html",))  # docs/handbook.md is theirs
    assert len(pages) >= 15
    for page in pages:
        line = _line(page)
        assert f"revision {head[:12]} of 2026-10-01." in line, (page, line)
        assert "uncommitted" not in line  # the checkout is clean
        # built now (the injected build time), not when the revision was committed
        assert f"Built {BUILT_SHOWN}" in line
    card = next(site.rglob("*.card.html")).read_text(encoding="utf-8")
    assert BUILT_AT in card and head[:12] in card and __version__ in card

    # an evidence file the pages show changes, uncommitted: the pages say so
    evidence = fixture_repo / "evidence" / "alpha" / "memo.md"  # cited by alpha-screening
    evidence.write_bytes(evidence.read_bytes() + b"\nAn edit after the commit.\n")
    run = build(fixture_repo)
    assert run.returncode == 0, run.stdout + run.stderr
    home = _line(site / "index.html")
    assert f"revision {head[:12]} of 2026-10-01 with uncommitted changes" in home
