"""The bundled examples loaded as `aigov export` loads them, in a temporary copy that is not a
git repository (so provenance does not depend on the checkout), on a fixed day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from aigov.audience import redact
from aigov.cards.context import check_inputs
from aigov.checks import CheckOptions, load_policy, make_checker
from aigov.exports.build import build_export, inputs_for
from aigov.exports.document import ExportDocument
from aigov.project import load_project
from tests.cards.conftest import REPO, Repo, chdir, copy_repo

TODAY = dt.date(2026, 12, 4)
GENERATED_AT = "2026-12-04T00:00:00Z"
EXAMPLES = sorted(p.stem for p in (REPO / "systems").glob("*.yaml"))
KINDS = ("annex-iv", "fria", "eu-database")
HIGH_RISK = ("claims-triage", "candidate-screening-assistant")
EARLY = "candidate-screening-assistant"


@pytest.fixture(scope="session")
def example_repo(tmp_path_factory: pytest.TempPathFactory) -> Repo:
    root = copy_repo(
        REPO / "systems", tmp_path_factory.mktemp("exports") / "repo", ("evidence", "aigov.yaml")
    )
    return load_repo_on(root)


def load_repo_on(root: Path) -> Repo:
    """The records of `root`, checked on the exports' day (the obligations depend on it)."""
    with chdir(root):
        options = CheckOptions(today=TODAY, policy=load_policy(root, None))
        project = load_project(root=root, checker=make_checker(options), jobs=1)
    records = {r.id: r for r in project.records if r.record is not None}
    return Repo(root, records, {k: check_inputs(r, options) for k, r in records.items()}, options)


Build = Callable[..., ExportDocument]


@pytest.fixture(scope="session")
def build(example_repo: Repo) -> Build:
    """build(kind, system, audience="internal") → the ExportDocument."""
    cache: dict[tuple[str, str, str], ExportDocument] = {}

    def _build(kind: str, system: str, audience: str = "internal") -> ExportDocument:
        key = (kind, system, audience)
        if key not in cache:
            loaded = example_repo.records[system]
            if audience == "public":
                loaded = redact(loaded, "public")
            inputs = inputs_for(
                loaded, root=example_repo.root, today=TODAY, generated_at=GENERATED_AT
            )
            cache[key] = build_export(kind, inputs)
        return cache[key]

    return _build
