"""`aigov check --format sarif` carries EU AI Act obligation findings, and their rules cite the
articles."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import REPO, run_aigov

FIXTURE = REPO / "tests/checks/fixtures/AIG-EU-OBL-001/fail-chatbot-without-disclosure.yaml"


def test_sarif_result_and_rule_cite_the_article(tmp_path: Path) -> None:
    (tmp_path / "aigov.yaml").write_text("version: 1\n")
    (tmp_path / "systems").mkdir()
    shutil.copy(FIXTURE, tmp_path / "systems")
    run = run_aigov("check", "--format", "sarif", "--today", "2026-12-03", cwd=tmp_path)
    assert run.returncode == 1, run.stderr
    sarif = json.loads(run.stdout)
    (sarif_run,) = sarif["runs"]
    results = [r for r in sarif_run["results"] if r["ruleId"] == "AIG-EU-OBL-001"]
    assert results
    assert any(
        "Art. 50(1)" in r["message"]["text"] and "2026-08-02" in r["message"]["text"]
        for r in results
    )
    rule = next(r for r in sarif_run["tool"]["driver"]["rules"] if r["id"] == "AIG-EU-OBL-001")
    assert "EU AI Act Art. 50" in json.dumps(rule)
