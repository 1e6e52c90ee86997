"""The registry of a system's exports: a data kind registered with one line is made for every
system (the audit pack and site read it), one the record cannot supply is listed with why,
and a kind whose module is not installed is left out."""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.machinery
import importlib.util
import sys
import types

import pytest

from aigov.errors import AigovError
from aigov.exports import registry
from aigov.exports.build import inputs_for
from aigov.exports.registry import SystemContext, data_kinds, export_files
from aigov.workspace import open_repository
from tests.conftest import REPO

ROOT = REPO / "tests/exports/fixtures/formula-cells"


def _kind(name: str, fail: bool) -> types.ModuleType:
    module = types.ModuleType(name)
    module.__spec__ = importlib.machinery.ModuleSpec(name, None)  # find_spec finds it

    def render(ctx: SystemContext) -> str:
        if fail:
            raise AigovError("the record names no register category", exit_code=1)
        return f"made for {ctx.inputs.loaded.id}\n"

    module.TITLE, module.FILE_SUFFIX, module.render = f"{name} title", ".txt", render  # type: ignore[attr-defined]
    return module


@pytest.fixture
def ctx() -> SystemContext:
    ws = open_repository(ROOT, today=dt.date(2026, 12, 4))
    loaded = ws.load().records[0]
    inputs = inputs_for(loaded, root=ROOT, today=ws.today, generated_at="2026-12-04T00:00:00Z")
    return SystemContext(inputs, ROOT, ws.policy, ())


def test_a_registered_kind_is_made_and_one_the_record_cannot_supply_is_listed(
    ctx: SystemContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, fail in (("test_kind_ok", False), ("test_kind_gap", True)):
        monkeypatch.setitem(sys.modules, name, _kind(name, fail))
        monkeypatch.setitem(registry.DATA_KINDS, name.removeprefix("test_kind_"), name)
    files, skipped = export_files(ctx)
    made = {f.name: f.make() for f in files}
    assert made["formula-cells-ok.txt"] == "made for formula-cells\n"
    assert "formula-cells-cyclonedx.cdx.json" in made
    assert [(s.kind, s.reason) for s in skipped if s.kind in ("ok", "gap")] == [
        ("gap", "the record names no register category")
    ]


def test_a_kind_whose_module_is_not_installed_is_left_out() -> None:
    for kind, name in registry.DATA_KINDS.items():
        needs = getattr(importlib.import_module(name), "REQUIRES", None)
        installed = needs is None or importlib.util.find_spec(needs) is not None
        assert (kind in data_kinds()) == installed, kind
    assert "cyclonedx" in data_kinds()
