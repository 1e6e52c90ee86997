"""Shared, session-scoped inputs for the card tests.

Records are copied into a temporary folder that is not a git repository and loaded with that
folder as the working directory, so paths, revisions and dates in the cards do not depend on
the machine, the checkout or the clock.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from aigov.cards import PdfPrinter
from aigov.cards.context import CardOptions, CheckInputs, check_inputs
from aigov.checks import CheckOptions, load_policy, make_checker
from aigov.project import LoadedRecord, load_project

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
FIXTURES = HERE / "fixtures"
GENERATED_AT = "2026-09-01T00:00:00Z"
TODAY = dt.date(2026, 9, 1)


@contextlib.contextmanager
def chdir(path: Path) -> Iterator[None]:
    old = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


@dataclass
class Repo:
    """A governance repository loaded with checks, as `aigov card` loads it."""

    root: Path
    records: dict[str, LoadedRecord]
    checks: dict[str, CheckInputs]
    check_options: CheckOptions

    def options(self, **kw: object) -> CardOptions:
        return CardOptions(today=TODAY, **kw)  # type: ignore[arg-type]


def load_repo(root: Path) -> Repo:
    with chdir(root):
        policy = load_policy(root, None)
        options = CheckOptions(today=TODAY, policy=policy)
        project = load_project(root=root, checker=make_checker(options), jobs=1)
    records = {r.id: r for r in project.records if r.record is not None}
    checks = {k: check_inputs(r, options) for k, r in records.items()}
    return Repo(root, records, checks, options)


def copy_repo(src_systems: Path, dest: Path, extra: tuple[str, ...] = ()) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(src_systems, dest / "systems")
    for name in extra:
        src = src_systems.parent / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        elif src.is_file():
            shutil.copy2(src, dest / name)
    (dest / "aigov.yaml").touch(exist_ok=True)  # marks the root
    return dest


@pytest.fixture(scope="session")
def examples(tmp_path_factory: pytest.TempPathFactory) -> Repo:
    """The bundled example records (systems/ at the repository root), with their evidence."""
    root = copy_repo(
        REPO / "systems",
        tmp_path_factory.mktemp("examples") / "repo",
        ("evidence", "components", "aigov.yaml"),
    )
    return load_repo(root)


@pytest.fixture(scope="session")
def fixtures(tmp_path_factory: pytest.TempPathFactory) -> Repo:
    """The card fixtures (tests/cards/fixtures/systems)."""
    root = copy_repo(FIXTURES / "systems", tmp_path_factory.mktemp("fixtures") / "repo")
    return load_repo(root)


@pytest.fixture(scope="session")
def generated_at() -> str:
    return GENERATED_AT


@pytest.fixture(scope="module")
def printer() -> Iterator[PdfPrinter]:
    """One headless Chromium per test module. Not per session: Playwright's sync API allows one
    running instance per thread, and the site's browser tests may share this worker."""
    with PdfPrinter() as p:
        yield p
