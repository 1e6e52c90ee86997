"""The scan that keeps a public site from being published when it shows withheld text: its
markers, its matching (page text, attributes, both search index formats), and a real public
build on each engine that fails and leaves the previous site in place."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from aigov.edition import Withheld
from aigov.site.leakscan import Marker, scan_site, withheld_markers, without_fixed_text
from tests.conftest import engine_params
from tests.site.conftest import build_process, copy_example_repo

SECRET = "The nine customers were contacted and the 30-day window was honoured for them"


def _markers(full: dict, public: dict, paths: list[tuple]) -> list[Marker]:
    withheld = [Withheld(p, "Field " + ".".join(map(str, p)), "internal") for p in paths]
    return withheld_markers([("systems/a.yaml", full, public, withheld)])


def test_markers_are_withheld_lines_not_ids_names_or_what_is_public_anyway() -> None:
    full = {
        "id": "a",
        "notes": "Line one of the withheld note, long enough\nshort line\nThe shared sentence in both editions",
        "owner": "Priya Raman",
        "items": [{"id": "mon-feature-drift", "text": "a withheld item text of some length"}],
        "summary": "The shared sentence in both editions",
    }
    public = {"id": "a", "summary": "The shared sentence in both editions", "items": []}
    markers = _markers(full, public, [("notes",), ("owner",), ("items", 0)])
    assert sorted(m.text for m in markers) == [
        "a withheld item text of some length",
        "line one of the withheld note, long enough",
    ]
    assert {m.field for m in markers} == {"Field notes", "Field items.0"}
    # aigov's own pages (the rules' examples) may hold the same words
    fixed = ["<p>Example: A withheld item text of some length</p>"]
    assert [m.text for m in without_fixed_text(markers, fixed)] == [
        "line one of the withheld note, long enough"
    ]


def _site(tmp_path: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    return tmp_path


MARKER = Marker(" ".join(SECRET.casefold().split()), "systems/a.yaml", "Operations › Incidents")


@pytest.mark.parametrize(
    ("rel", "text"),
    [
        # the page text, split by tags and entities, its case changed
        (
            "systems/a/index.html",
            "<p>The nine <em>customers</em> were contacted and the 30&#8209;day window</p>",
        ),
        (
            "systems/a/index.html",
            "<li>the NINE customers were\n contacted and the 30-day "
            "window was <b>honoured</b> for them</li>",
        ),
        (
            "systems/a/index.html",
            '<a title="The nine customers were contacted and the 30-day '
            'window was honoured for them">x</a>',
        ),
        # MkDocs' and ProperDocs' search index, and Zensical's
        ("search/search_index.json", json.dumps({"docs": [{"text": "<p>" + SECRET + "</p>"}]})),
        ("search.json", json.dumps({"items": [{"text": SECRET.replace(" ", "\u00a0", 2)}]})),
    ],
)
def test_a_withheld_text_is_found_in_pages_and_either_search_index(
    tmp_path: Path, rel: str, text: str
) -> None:
    site = _site(tmp_path, {"index.html": "<p>Portfolio</p>", rel: text})
    index = "search.json" if rel == "search.json" else "search/search_index.json"
    hits, scanned = scan_site(site, [MARKER], Counter({"customers": 3}), index)
    expected = "30&#8209;" not in text  # a different character: no longer the same text
    assert bool(hits) is expected, text
    assert scanned == 2
    if hits:
        assert hits[0].path == rel and hits[0].code == "AIG-SITE-LEAK"
        assert "Operations › Incidents" in hits[0].message
        assert SECRET.lower() not in (hits[0].message + hits[0].hint).lower()  # logs stay clean


def test_theme_assets_are_not_scanned_and_a_clean_site_passes(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {
            "index.html": "<p>Nothing withheld here</p>",
            "assets/javascripts/bundle.js": SECRET,
            "assets/stylesheets/x.css": SECRET,
        },
    )
    assert scan_site(site, [MARKER], Counter(), "search.json") == ([], 1)


@pytest.fixture(scope="module")
def leaking_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples with a page of the user's own quoting an incident that support-copilot
    withholds from the public edition (`visibility: internal: [operations.incidents]`)."""
    root = copy_example_repo(tmp_path_factory.mktemp("leaking") / "repo")
    assert SECRET.split(" honoured")[0] in (root / "systems" / "support-copilot.yaml").read_text()
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "lessons.md").write_text(
        f"# Lessons learnt\n\nFrom the July incident: {SECRET.lower()}.\n", encoding="utf-8"
    )
    return root


@pytest.mark.slow
@pytest.mark.parametrize("engine", engine_params())
def test_a_public_build_that_shows_withheld_text_fails_and_keeps_the_previous_site(
    leaking_repo: Path, engine: str
) -> None:
    site = leaking_repo / f"site-{engine}"
    site.mkdir()
    (site / ".aigov-site").write_text("built by aigov\n", encoding="utf-8")
    (site / "index.html").write_text("the previous site\n", encoding="utf-8")
    run = build_process(leaking_repo, "--audience", "public", "--engine", engine, "-d", str(site))
    assert run.returncode == 2, run.stdout + run.stderr
    assert "AIG-SITE-LEAK" in run.stderr or "withheld content" in run.stderr
    assert "lessons.html" in run.stderr and "Operations › Incidents" in run.stderr
    assert "honoured" not in run.stderr + run.stdout  # the finding never quotes the text
    assert (site / "index.html").read_text(encoding="utf-8") == "the previous site\n"
    assert not list(leaking_repo.glob(f".site-{engine}.aigov-*"))  # no staging folder left
