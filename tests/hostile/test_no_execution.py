"""Nothing from a custom tag is ever executed.

The payload files in the corpus are live: PyYAML's unsafe loader really runs them (proved
here in a throw-away process). aigov loads the same files through its loader here, and through
every command in test_commands.py, and the marker file they would create never appears.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from aigov.project import load_project
from tests.hostile.corpus import CASES, CORPUS, MARKER, build_repo

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


def test_every_command_run_checks_for_the_marker() -> None:
    """The command runs over the corpus (test_commands.py) include both payloads and assert
    the marker never appears: validate, check and build as processes, card in-process."""
    from tests.hostile import test_commands

    source = Path(test_commands.__file__).read_text()
    assert source.count("MARKER).exists()") >= 3
    assert {c.file for c in TAG_CASES} >= set(PAYLOADS)
