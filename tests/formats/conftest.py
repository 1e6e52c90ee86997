"""A small governance repository checked once per session: findings, a schema error, a clean file."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from aigov.checks import CheckOptions, make_checker
from aigov.diagnostics import Diagnostic
from aigov.project import load_project

CHECKS = Path(__file__).resolve().parent.parent / "checks" / "fixtures"
TODAY = dt.date(2026, 11, 15)

BROKEN = """schema_version: 1
id: broken-record
name: Broken
lifecycle:
  stage: prod
"""

# Only a warning: the problem starts from the technology.
WARNING_ONLY = (
    (CHECKS / "completeness" / "complete-idea.yaml")
    .read_text()
    .replace("id: complete-idea", "id: warning-only")
    .replace(
        "problem: Urgent health claims wait a median 3.4 days in the general queue.",
        "problem: We need an AI feature for claims because competitors have one.",
    )
)

# Record text is untrusted: control characters and markup must not break the XML or JSON.
HOSTILE = """schema_version: 1
id: hostile-text
name: "Bell \\a and <script>&amp;</script> ]]> in a name"
lifecycle: {stage: mvp}
owner: {team: "Team \\x1b[31m red", accountable: "O'Brien & <Sons>", contact: a@example.com}
"""


@dataclass
class Checked:
    root: Path
    diagnostics: list[Diagnostic]
    files: list[str]


@pytest.fixture(scope="session")
def checked_repo(tmp_path_factory: pytest.TempPathFactory) -> Checked:
    root = tmp_path_factory.mktemp("repo")
    (root / "aigov.yaml").write_text("version: 1\n")
    systems = root / "systems"
    systems.mkdir()
    for rel in (
        "AIG-EVAL-003/fail-latest-result-below-threshold.yaml",
        "AIG-OPS-004/fail-rollback-unknown.yaml",
        "completeness/complete-idea.yaml",
        "gate/early-idea.yaml",
    ):
        shutil.copy(CHECKS / rel, systems / Path(rel).name)
    (systems / "broken-record.yaml").write_text(BROKEN)
    (systems / "hostile-text.yaml").write_text(HOSTILE)
    (systems / "warning-only.yaml").write_text(WARNING_ONLY)
    here = os.getcwd()
    os.chdir(root)  # paths are shown relative to the working directory, as in CI
    try:
        project = load_project(root=root, checker=make_checker(CheckOptions(TODAY)))
    finally:
        os.chdir(here)
    return Checked(root, project.all_diagnostics, [r.path for r in project.records])
