"""`--lang` and aigov.yaml's `language:` as users run them (issue 19)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, run_aigov


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "systems", tmp_path / "systems")
    shutil.copytree(REPO / "evidence", tmp_path / "evidence")
    shutil.copytree(REPO / "components", tmp_path / "components")
    (tmp_path / "aigov.yaml").write_text("version: 1\nlanguage: nl\n")
    return tmp_path


def test_the_policy_language_and_the_lang_option(repo: Path) -> None:
    dutch = run_aigov("card", "claims-triage", "--format", "html", cwd=repo)
    assert dutch.returncode in (0, 1), dutch.stderr
    assert '<html lang="nl">' in dutch.stdout
    assert "Effectbeoordeling" in dutch.stdout
    german = run_aigov("card", "claims-triage", "--format", "html", "--lang", "de", cwd=repo)
    assert '<html lang="de">' in german.stdout
    assert "Folgenabschätzung" in german.stdout and "Effectbeoordeling" not in german.stdout
    # record text stays as written
    record = (repo / "systems" / "claims-triage.yaml").read_text(encoding="utf-8")
    assert "name: Health and life claims triage" in record
    assert "Health and life claims triage" in german.stdout


def test_an_unknown_language_is_a_usage_error(repo: Path) -> None:
    run = run_aigov("card", "claims-triage", "--lang", "fr", cwd=repo)
    assert run.returncode == 2
    assert "fr" in run.stderr and "Traceback" not in run.stderr
