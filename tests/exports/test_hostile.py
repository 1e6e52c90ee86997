"""`aigov export` on the hostile corpus (tests/hostile): a record that does not load is refused
with its diagnostics, one that loads is exported, never a traceback, never a live payload."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from aigov.cli import cli
from tests.hostile.corpus import CASES, MARKER, Case, build_repo, can_block_reads

LIGHT = [
    c
    for c in CASES
    if c.cli
    and not c.heavy
    and c.name != "duplicate-id"
    and (c.setup != "unreadable" or can_block_reads())
]


@pytest.fixture(scope="module")
def hostile_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_repo(tmp_path_factory.mktemp("hostile-exports"), LIGHT)


@pytest.mark.parametrize("case", LIGHT, ids=[c.name for c in LIGHT])
def test_export_on_each_light_case(
    case: Case, hostile_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(hostile_repo)
    run = CliRunner().invoke(cli, ["export", "fria", case.place, "--format", "json"])
    assert run.exception is None or isinstance(run.exception, SystemExit), run.exception
    assert not (hostile_repo / MARKER).exists(), "a YAML tag ran code"
    assert "Traceback" not in run.output
    if run.exit_code == 0:
        assert json.loads(run.stdout)["kind"] == "fria"
    else:
        assert run.exit_code == 1, run.output
        assert f"{case.place} does not validate, so nothing was exported" in run.stderr
        for want in case.expect:  # the diagnostics are the report, on standard output
            assert want.code in run.stdout, (case.name, want.code)
