"""`aigov serve`'s first pass after a save: the saved record's own pages before the rest."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from aigov.site import build
from aigov.site.base import BuildOptions
from aigov.site.quickpass import MOST, QuickPass


def _options(root: Path) -> BuildOptions:
    return BuildOptions(
        root=root,
        today=dt.date(2026, 10, 1),
        render=False,
        site_dir=root.parent / "preview",
        built_at=dt.datetime(2026, 10, 1, 9, 0, tzinfo=dt.UTC),
    )


def _docs(root: Path) -> Path:
    return root / ".aigov-build" / "docs"


def test_the_first_pass_writes_only_the_saved_records_pages(fixture_repo: Path) -> None:
    options = _options(fixture_repo)
    build.build_site(options)  # the preview's full build
    harms = (_docs(fixture_repo) / "registers" / "harms.md").read_text()
    assert "Beta help chat" in harms
    record = fixture_repo / "systems" / "beta-chat.yaml"
    record.write_text(record.read_text().replace("Beta help chat", "Beta opening-hours chat"))

    quick = build.first_pass(options)

    assert quick is not None
    written = quick.write.written
    assert "systems/beta-chat/index.md" in written
    assert all(p.startswith("systems/beta-chat/") for p in written), written
    assert quick.write.removed == []
    page = (_docs(fixture_repo) / "systems" / "beta-chat" / "index.md").read_text()
    assert "Beta opening-hours chat" in page
    # the portfolio's pages wait for the full pass, which follows
    assert (_docs(fixture_repo) / "registers" / "harms.md").read_text() == harms
    full = build.build_site(options)
    assert "registers/harms.md" in full.write.written
    assert "Beta opening-hours chat" in (_docs(fixture_repo) / "registers" / "harms.md").read_text()
    # after the full pass, nothing has changed: no first pass to run
    assert build.first_pass(options) is None


def test_a_new_or_removed_record_needs_the_full_pass(fixture_repo: Path) -> None:
    options = _options(fixture_repo)
    build.build_site(options)
    systems = fixture_repo / "systems"
    copy = (systems / "beta-chat.yaml").read_text().replace("id: beta-chat", "id: gamma-chat")
    (systems / "gamma-chat.yaml").write_text(copy)
    assert build.first_pass(options) is None
    build.build_site(options)
    (systems / "gamma-chat.yaml").unlink()
    assert build.first_pass(options) is None


def test_no_first_pass_before_a_full_build(tmp_path: Path, fixture_repo: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(fixture_repo, other)
    build._QUICK.shown = {}  # a preview that has not built yet
    assert build.first_pass(_options(other)) is None
    assert not (other / ".aigov-build").exists()


def test_too_many_changed_records_are_left_to_the_full_pass() -> None:
    from dataclasses import dataclass, field

    @dataclass
    class Loaded:
        path: str
        record: object = field(default_factory=object)
        diagnostics: list[object] = field(default_factory=list)

    @dataclass
    class View:
        loaded: Loaded
        problems: list[object] = field(default_factory=list)

    @dataclass
    class Folio:
        systems: list[View]

    before = Folio([View(Loaded(f"systems/s{i}.yaml")) for i in range(MOST + 1)])
    quick = QuickPass()
    quick.remember(before)  # type: ignore[arg-type]
    assert quick.changed(before) == []  # type: ignore[arg-type]
    one = Folio([View(Loaded(v.loaded.path, v.loaded.record)) for v in before.systems])
    one.systems[0] = View(Loaded("systems/s0.yaml"))  # a new record object: the file changed
    assert quick.changed(one) == [one.systems[0]]  # type: ignore[arg-type]
    problem = Folio([View(Loaded(v.loaded.path, v.loaded.record)) for v in before.systems])
    problem.systems[1].problems.append("severity: hihg")  # kept last good, a new problem
    assert quick.changed(problem) == [problem.systems[1]]  # type: ignore[arg-type]
    everything = Folio([View(Loaded(v.loaded.path)) for v in before.systems])
    assert quick.changed(everything) is None  # type: ignore[arg-type]
