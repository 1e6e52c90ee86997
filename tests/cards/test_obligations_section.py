"""The system card's "EU AI Act obligations" section, as `aigov card` prints it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, run_aigov

FIXTURE = REPO / "tests" / "cards" / "fixtures" / "obligations" / "recruitment-deployer.yaml"


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("obligations-card")
    (root / "aigov.yaml").write_text("version: 1\n")
    (root / "systems").mkdir()
    shutil.copy(FIXTURE, root / "systems")
    return root


def _section(md: str) -> str:
    return md.split("EU AI Act obligations", 1)[1].split("\n## ", 1)[0]


def test_markdown_lists_role_tier_and_each_obligation_with_its_date(repo: Path) -> None:
    run = run_aigov("card", "recruitment-deployer", "--today", "2027-12-03", cwd=repo)
    assert run.returncode == 0, run.stderr
    sec = _section(run.stdout)
    assert "**Role under the Act:** Deployer" in sec
    assert "High, route Annex III (Art. 6(2))" in sec
    assert "consolidated 2026-07-27" in sec
    row = next(line for line in sec.splitlines() if line.startswith("| **Art. 26(6)**"))
    assert "2027-12-02" in row and "| Missing |" in row and "Logging: Missing" in row
    row = next(line for line in sec.splitlines() if line.startswith("| **Art. 26(7)**"))
    assert "| Given |" in row
    assert "Operations › Incidents: Not applicable (no incident so far)" in sec


def test_before_the_date_it_says_not_yet_applicable(repo: Path) -> None:
    run = run_aigov("card", "recruitment-deployer", "--today", "2026-12-03", cwd=repo)
    sec = _section(run.stdout)
    row = next(line for line in sec.splitlines() if line.startswith("| **Art. 26(6)**"))
    assert "| Not yet applicable |" in row


def test_public_edition_withholds_the_evidence_it_leaves_out(repo: Path) -> None:
    run = run_aigov(
        "card", "recruitment-deployer", "--today", "2027-12-03", "--audience", "public", cwd=repo
    )
    assert run.returncode == 0, run.stderr
    sec = _section(run.stdout)
    row = next(line for line in sec.splitlines() if line.startswith("| **Art. 26(2)**"))
    assert "Human oversight: Withheld" in row
    assert "A recruiter reviews" not in run.stdout


def test_json_card_carries_the_section(repo: Path) -> None:
    run = run_aigov(
        "card", "recruitment-deployer", "--today", "2027-12-03", "--format", "json", cwd=repo
    )
    card = json.loads(run.stdout)
    sec = card["sections"]["obligations"]
    rows = {o["id"]: o for o in sec["obligations"]}
    assert rows["art-26-6"]["applies_from"] == "2027-12-02"
    assert rows["art-26-6"]["status"] == "missing"
    assert sec["text"]["id"] == "2024-1689-2026-07-27"
