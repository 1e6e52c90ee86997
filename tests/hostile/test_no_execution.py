"""Nothing from a custom tag is ever executed.

The payload files in the corpus are live: PyYAML's unsafe loader really runs them (proved
here in a throw-away process). aigov loads the same files, through the loader and through
every command, and the marker file they would create never appears.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from aigov.project import load_project
from tests.hostile.corpus import CASES, CORPUS, MARKER, build_repo
from tests.hostile.test_commands import BUILD, CARD, COMMANDS, Command, run_bounded

PAYLOADS = ["python-object-apply.yaml", "python-object-new.yaml"]
TAG_CASES = [c for c in CASES if c.expect and c.expect[0].code == "AIG-YAML-TAG"]

UNSAFE = "import sys, yaml; yaml.unsafe_load(open(sys.argv[1]).read())"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_payloads_are_live(payload: str, tmp_path: Path) -> None:
    """Without this, a payload with a typo would make the tests below pass for nothing."""
    shutil.copy(CORPUS / payload, tmp_path / payload)
    subprocess.run(
        [sys.executable, "-c", UNSAFE, payload], cwd=tmp_path, capture_output=True, timeout=60
    )
    assert (tmp_path / MARKER).exists(), "yaml.unsafe_load should have run the payload"


def test_loader_refuses_every_tag_without_running_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = build_repo(tmp_path, TAG_CASES)
    monkeypatch.chdir(repo)
    project = load_project(root=repo, jobs=1)
    assert {d.code for d in project.all_diagnostics} == {"AIG-YAML-TAG"}
    assert all(r.record is None for r in project.records)
    assert not (repo / MARKER).exists()


@pytest.mark.parametrize("command", COMMANDS, ids=[c.name for c in COMMANDS])
def test_no_command_runs_a_tag(command: Command, tmp_path: Path) -> None:
    repo = build_repo(tmp_path, TAG_CASES)
    result = run_bounded(command.args(repo, "text"), repo)
    assert result.returncode == 1, result.both
    assert "Traceback" not in result.both
    assert not (repo / MARKER).exists()
    assert not (Path.cwd() / MARKER).exists()


@pytest.mark.skipif(not CARD, reason="aigov card has not landed")
@pytest.mark.parametrize("payload", PAYLOADS)
def test_card_does_not_run_a_tag(payload: str, tmp_path: Path) -> None:
    repo = build_repo(tmp_path, [c for c in TAG_CASES if c.file == payload])
    result = run_bounded(["card", f"systems/{payload}"], repo)
    assert result.returncode == 1, result.both
    assert not (repo / MARKER).exists()


@pytest.mark.skipif(not BUILD, reason="aigov build has not landed")
def test_build_does_not_run_a_tag(tmp_path: Path) -> None:
    repo = build_repo(tmp_path, TAG_CASES)
    result = run_bounded(["build", "--no-progress"], repo)
    assert result.returncode == 1, result.both
    assert "Traceback" not in result.both
    assert not (repo / MARKER).exists()
