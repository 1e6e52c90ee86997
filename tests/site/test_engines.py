"""The engines: MkDocs on every core gives the same site as MkDocs alone, and the preview's
MkDocs session re-renders only what changed while search keeps every page."""

from __future__ import annotations

import json
import re
from pathlib import Path

from aigov.site.base import BuildOptions
from aigov.site.build import build_site
from aigov.site.engines import MkDocsSession, describe, run_mkdocs
from tests.site.conftest import TODAY


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def _options(root: Path, site: Path) -> BuildOptions:
    import datetime as dt

    return BuildOptions(
        root=root,
        render=False,
        site_dir=site,
        today=dt.date.fromisoformat(TODAY),
        built_at=dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC),
    )


def test_mkdocs_on_every_core_builds_the_same_site_byte_for_byte(fixture_repo: Path) -> None:
    result = build_site(_options(fixture_repo, fixture_repo / "unused"))
    serial, parallel = fixture_repo / "serial", fixture_repo / "parallel"
    assert run_mkdocs(result.config_file, serial, parallel=False) == []
    assert run_mkdocs(result.config_file, parallel, parallel=True) == []
    assert _files(serial) == _files(parallel)
    assert len(_files(parallel)) > 20


def test_the_preview_renders_only_what_changed_and_search_keeps_every_page(
    fixture_repo: Path,
) -> None:
    site = fixture_repo / "preview"
    options = _options(fixture_repo, site)
    session = MkDocsSession(site)
    result = build_site(options)
    assert session.build(result.config_file, user_config=result.user_config) == []
    index = site / "search" / "search_index.json"
    before = json.loads(index.read_text(encoding="utf-8"))["docs"]
    handbook = site / "handbook" / "index.html"  # the user's own page: unchanged by a record
    stamp = handbook.stat().st_mtime_ns

    record = next((fixture_repo / "systems").glob("*.yaml"))
    record_id = re.search(r"(?m)^id: (\S+)", record.read_text(encoding="utf-8"))
    assert record_id is not None
    text = record.read_text(encoding="utf-8")
    record.write_text(re.sub(r"(?m)^name: .*$", "name: Renamed in the preview", text, count=1))
    result = build_site(options)
    warnings = session.build(
        result.config_file, user_config=result.user_config, removed=bool(result.write.removed)
    )
    assert warnings == []  # MkDocs' note on dirty builds is not the user's problem
    page = site / "systems" / record_id.group(1) / "index.html"
    assert "Renamed in the preview" in page.read_text(encoding="utf-8")
    assert handbook.stat().st_mtime_ns == stamp  # not rendered again
    after = json.loads(index.read_text(encoding="utf-8"))["docs"]
    locations = [d["location"] for d in after]
    assert len(locations) == len(set(locations))  # no page indexed twice
    assert {d["location"] for d in before} == set(locations)  # and none lost
    assert any("Renamed in the preview" in d["title"] + d["text"] for d in after)


def test_each_engine_is_named_with_its_version() -> None:
    from importlib.metadata import version

    assert describe("mkdocs").startswith(f"MkDocs {version('mkdocs')} (Material ")
    assert describe("zensical").startswith("Zensical ")
    assert "Material" not in describe("zensical")
