"""Shared helpers for the checks tests: load a fixture record with its node tree, and check it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from aigov.checks import CheckOptions, Policy, default_policy, load_policy
from aigov.checks.engine import check_loaded
from aigov.diagnostics import Diagnostic
from aigov.project import LoadedRecord, process_file

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
TODAY = dt.date(2026, 11, 15)


def load(path: Path) -> LoadedRecord:
    """Load and validate one record, keeping the node tree so positions work."""
    loaded = process_file(path, keep_doc=True)
    problems = [d for d in loaded.diagnostics if d.code != "AIG-ID-FILENAME"]
    assert loaded.record is not None and loaded.valid, "\n".join(
        f"{d.location}: {d.code} {d.message}" for d in problems
    )
    return loaded


def policy_for(path: Path) -> Policy:
    """The fixture folder's own aigov.yaml, if it has one."""
    return load_policy(path.parent) if (path.parent / "aigov.yaml").exists() else default_policy()


def options_for(path: Path, today: dt.date = TODAY) -> CheckOptions:
    return CheckOptions(today=today, policy=policy_for(path))


def check(path: Path, today: dt.date = TODAY) -> tuple[LoadedRecord, list[Diagnostic]]:
    loaded = load(path)
    return loaded, check_loaded(loaded, options_for(path, today))


@pytest.fixture
def fixture_path():
    def find(*parts: str) -> Path:
        path = FIXTURES.joinpath(*parts)
        assert path.exists(), path
        return path

    return find
