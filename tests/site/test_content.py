"""What the example site holds, read from the built HTML and search index (no browser)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import yaml
from bs4 import BeautifulSoup

from aigov.catalog import nist
from tests.hostile.poison import get, string_paths
from tests.site.conftest import Site


def _records(root: Path) -> dict[str, dict[str, Any]]:
    out = {}
    for path in sorted((root / "systems").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out[data["id"]] = data
    return out


def _soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def _searchable_fields(data: dict[str, Any]) -> list[tuple[str, str]]:
    """Record fields people search by: name, summary, owner, harms, controls, models, data."""
    out = [("name", data["name"]), ("summary", data.get("summary"))]
    out.append(("owner", (data.get("owner") or {}).get("team")))
    ia = data.get("impact_assessment") or {}
    out += [("harm", h.get("description")) for h in ia.get("harms") or [] if isinstance(h, dict)]
    for fn in ("govern", "map", "measure", "manage"):
        out += [("control", c.get("title")) for c in (data.get("controls") or {}).get(fn) or []]
    for c in (data.get("approach") or {}).get("components") or []:
        out.append(("model", c.get("name")))
    for s in (data.get("data") or {}).get("sources") or []:
        if isinstance(s, dict):
            out.append(("data source", s.get("name")))
    return [(k, v) for k, v in out if isinstance(v, str) and v.strip()]


def _index_entries(site: Path) -> list[tuple[str, str]]:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = []
    for doc in index["docs"]:
        text = html.unescape(re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"]))
        entries.append((doc["location"], " ".join(text.split())))
    return entries


def test_every_system_has_its_page_one_click_from_the_index(example_site: Site) -> None:
    records = _records(example_site.root)
    index = _soup(example_site.site, "systems/index.html")
    rows = index.select("#aigov-systems tbody tr")
    assert len(rows) == len(records)
    for system_id, data in records.items():
        assert (example_site.site / "systems" / system_id / "index.html").is_file()
        link = index.select_one(f'#aigov-systems a[href="{system_id}/index.html"]')
        assert link is not None and link.text == data["name"]


def test_the_coverage_matrix_lists_all_72_subcategories(example_site: Site) -> None:
    soup = _soup(example_site.site, "registers/nist-ai-rmf.html")
    rows = soup.select("#aigov-nist-matrix tr[data-subcategory]")
    assert [r["data-subcategory"] for r in rows] == [s.id for s in nist().subcategories]
    assert len(rows) == 72
    functions = [th.text.split(" — ")[0] for th in soup.select("#aigov-nist-matrix th.aigov-fn")]
    assert functions == ["GOVERN", "MAP", "MEASURE", "MANAGE"]
    # gaps are highlighted: exactly the rows no implemented or verified control covers (a
    # planned control, counted in brackets, covers nothing)
    for row in rows:
        covered = int(row.select("td")[1].text.split()[0])
        assert ("aigov-gap" in row["class"]) == (covered == 0), row["data-subcategory"]
        assert (row["data-state"] == "covered") == (covered > 0)


def test_search_indexes_record_text_only_on_the_systems_own_pages(example_site: Site) -> None:
    """Registers, tables and gaps repeat record text; they stay out of the index, so a search
    for a system's name, owner, harm, control, model or data source lands on that system's
    own pages, and its free-text fields are indexed once. (A card may quote a field where it
    refers to it — a harm's mitigating control by its title — and two fields may hold the
    same words, such as a team owning both the system and a data source.)"""
    entries = _index_entries(example_site.site)
    for system_id, data in _records(example_site.root).items():
        for kind, value in _searchable_fields(data):
            needle = " ".join(value.split())
            where = [loc for loc, text in entries if needle in text]
            assert where, f"{system_id} {kind} {needle!r} is not in the search index"
            mine = [w for w in where if not w.startswith("reference/")]  # aigov's own prose
            assert all(w.startswith(f"systems/{system_id}/") for w in mine), (kind, where)
            if kind in ("summary", "harm"):
                assert len(mine) == 1, f"{system_id} {kind} {needle!r} indexed {len(where)}x"
    indexed_pages = {loc.split("#")[0] for loc, _ in entries}
    # the facts page is indexed on purpose: its answers are aigov's sentences, not record text
    repeats = [p for p in indexed_pages if p.startswith(("registers/", "gaps/", "systems/index"))]
    assert repeats == ["registers/facts.html"]


def _text_fields(data: Any) -> list[tuple[str, str]]:
    """Every string in a record with its field path, whitespace collapsed."""
    return [(".".join(map(str, p)), " ".join(get(data, p).split())) for p in string_paths(data)]


def test_no_record_field_is_indexed_twice(example_site: Site) -> None:
    """Cards repeat fields where they refer to them: a control's title where a harm names it,
    metric and dataset names over results, the system's users and intended use in every model
    card, old and new values in a stale sign-off's diff. On the site those repetitions stay
    out of the search index, so each field is found once, where the record shows it in full.
    Checked for every string of 20 characters or more that no other field of the record
    holds or contains (two fields with the same words may both be indexed)."""
    entries = _index_entries(example_site.site)
    checked = 0
    for system_id, data in _records(example_site.root).items():
        mine = [text for loc, text in entries if loc.startswith(f"systems/{system_id}/")]
        fields = _text_fields(data)
        texts = [v for _, v in fields]
        for path, value in fields:
            if len(value) < 20 or texts.count(value) > 1:
                continue
            if any(value in other and value != other for other in texts):
                continue
            checked += 1
            count = sum(text.count(value) for text in mine)
            assert count <= 1, f"{system_id} {path} {value[:40]!r} is indexed {count} times"
    assert checked > 400  # the examples hold several hundred such fields


def test_pages_request_nothing_outside_the_site(example_site: Site) -> None:
    """Offline: no web fonts, CDN scripts or analytics in any page or stylesheet."""
    external = re.compile(r"^(https?:)?//", re.IGNORECASE)
    for page in example_site.site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in (
            ("script", "src"),
            ("link", "href"),
            ("img", "src"),
            ("iframe", "src"),
            ("source", "src"),
            ("video", "src"),
            ("audio", "src"),
            ("object", "data"),
        ):
            for el in soup.find_all(tag):
                value = el.get(attr)
                if value and not (tag == "link" and el.get("rel") == ["canonical"]):
                    assert not external.match(value), f"{page}: <{tag} {attr}={value}>"
        for style in soup.find_all(style=True):
            assert "url(http" not in style["style"].replace(" ", "")
    for css in example_site.site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", text), css
        assert "@import" not in text or "//" not in text.split("@import", 1)[1][:80], css


def test_home_counts_match_the_records(example_site: Site) -> None:
    records = _records(example_site.root)
    soup = _soup(example_site.site, "index.html")
    values = {
        k.select_one(".aigov-kpi__label").text: k.select_one(".aigov-kpi__value").text
        for k in soup.select(".aigov-kpi")
    }
    assert values["systems"] == str(len(records))
    tier_rows = soup.select(".md-content table")[0]
    total = tier_rows.select("tr")[-1].select("td")[-1].text
    assert total == str(len(records))


def test_every_system_page_shows_its_pictures_and_card(example_site: Site) -> None:
    for system_id, data in _records(example_site.root).items():
        soup = _soup(example_site.site, f"systems/{system_id}/index.html")
        assert soup.select_one("h1").text == data["name"]
        assert soup.select_one("svg.aigov-bar") is not None  # completeness
        if (data.get("impact_assessment") or {}).get("harms"):
            assert soup.select("svg.aigov-heatmap")  # before and after controls
        assert soup.select_one("#findings") is not None
        assert soup.find("a", href=f"{system_id}.card.html") is not None
        assert soup.find("a", href=f"{system_id}.json") is not None


def test_trend_charts_for_results_over_time(example_site: Site) -> None:
    """A measurement taken more than once gets a trend chart in the evaluation section: one
    per series as `aigov check` judges them (metric, dataset, split, slice, model; a model's
    series taken over by a newer system-level result of the same measurement)."""
    from aigov.checks.facts import result_series
    from aigov.model import EvalResult

    for system_id, data in _records(example_site.root).items():
        results = (data.get("evaluations") or {}).get("results") or []
        typed = [EvalResult.model_validate(r) for r in results if isinstance(r, dict)]
        repeated = [s for s in result_series(typed).values() if len(s) > 1]
        soup = _soup(example_site.site, f"systems/{system_id}/index.html")
        assert len(soup.select("svg.aigov-trend:not(.aigov-monitor-trend)")) == len(repeated), (
            system_id
        )


def test_rule_and_field_reference(example_site: Site) -> None:
    from aigov.checks import all_rules

    rules = _soup(example_site.site, "reference/rules.html")
    for rule in all_rules():
        assert rules.find(id=rule.id.lower()) is not None, rule.id
    fields = _soup(example_site.site, "reference/fields.html")
    for path in ("impact-assessment-harms-severity", "controls-measure-nist", "lifecycle-stage"):
        row = fields.find(id=path)
        assert row is not None and row.select("td")[2].text.strip(), path


def test_derived_tags_are_worded_apart_from_the_records_own(example_site: Site) -> None:
    """A system page carries the record's tags as written plus the tags aigov derives (risk
    tier, EU AI Act tier, stage), which cannot be mistaken for a record's tag."""
    for system_id, data in _records(example_site.root).items():
        page = example_site.root / ".aigov-build" / "docs" / "systems" / system_id / "index.md"
        meta = yaml.safe_load(page.read_text(encoding="utf-8").split("---\n")[1])
        stage = data["lifecycle"]["stage"]
        own = list(data.get("tags") or [])
        assert f"stage {stage}" in meta["tags"]
        assert all(t in meta["tags"] for t in own)
        assert (stage in meta["tags"]) == (stage in own)


def test_a_monitor_with_readings_gets_a_trend_with_its_limit(fixture_repo: Path) -> None:
    """A monitor read twice or more (what `aigov results add` appends) gets a trend chart on
    the system page, its limit dashed, and the numbers in words for screen readers."""
    from tests.site.conftest import build

    path = fixture_repo / "systems" / "beta-chat.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data["operations"] = {
        "monitoring": [
            {
                "id": "mon-answer-rate",
                "kind": "quality",
                "signal": "Share of questions answered",
                "limit": 0.8,
                "readings": [
                    {"value": 0.91, "date": "2026-09-01"},
                    {"value": 0.86, "date": "2026-10-01"},
                    {"value": 0.78, "date": "2026-11-01"},
                ],
            },
            {
                "id": "mon-cost",
                "kind": "cost",
                "signal": "Cost per answer",
                "limit": 0.05,
                "direction": "lower_is_better",
                "readings": [{"value": 0.02, "date": "2026-11-01"}],
            },
        ]
    }
    path.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    run = build(fixture_repo)
    assert run.returncode == 0, run.stdout + run.stderr
    soup = _soup(fixture_repo / "site", "systems/beta-chat/index.html")
    charts = soup.select("svg.aigov-monitor-trend")
    assert len(charts) == 1  # the cost monitor has one reading: no trend
    chart = charts[0]
    assert chart["role"] == "img"
    words = chart.find("title").text
    assert words == chart["aria-label"]
    assert words == (
        "Monitor: Share of questions answered: 0.91 on 2026-09-01 → 0.78 on 2026-11-01; "
        "limit 0.8 (at least)"
    )
    assert any(t.text == "limit 0.8" for t in chart.find_all("text"))
    assert len(chart.find_all("circle")) == 3
    assert "0.78 (misses the limit)" in [
        c.find("title").text.split(": ", 1)[1] for c in chart.find_all("circle")
    ]
    assert not soup.select("svg.aigov-trend:not(.aigov-monitor-trend)")  # no evaluation series
    heading = chart.find_previous(["h2", "h3"])
    assert heading is not None and "operat" in heading.text.lower(), heading  # under operations
