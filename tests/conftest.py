"""Shared fixtures: the repository root and a way to run the real `aigov` command."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTIFACTS = REPO / "test-artifacts"


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


def run_aigov(
    *args: str, cwd: Path | None = None, timeout: float = 120, env: dict[str, str] | None = None
) -> Run:
    """Run `python -m aigov ARGS` as a real process, the way users and CI do."""
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    proc = subprocess.run(
        [sys.executable, "-m", "aigov", *args],
        cwd=cwd or REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=full_env,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


ENGINES = ("mkdocs", "properdocs", "zensical")


def engine_params() -> list[object]:
    """The three engines as parameters; one that is not installed is skipped, saying how
    to install it (CI installs all three: `pip install -e '.[test]'`)."""
    from aigov.site.engines import installed

    return [
        pytest.param(
            e,
            marks=pytest.mark.skipif(
                not installed(e), reason=f"{e} is not installed (pip install -e '.[engines]')"
            ),
        )
        for e in ENGINES
    ]


@pytest.fixture
def aigov_run():
    return run_aigov


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
