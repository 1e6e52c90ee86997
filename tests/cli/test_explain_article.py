"""`aigov explain art-27`: an EU AI Act obligation explained from aigov/data/eu-ai-act.yaml."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_aigov


@pytest.mark.parametrize("spelling", ["art-27", "Art. 27", "Article 27"])
def test_art_27_is_explained_from_the_data(spelling: str) -> None:
    run = run_aigov("explain", spelling)
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert out.startswith("Art. 27  Fundamental rights impact assessment")
    assert "consolidated 2026-07-27" in out
    assert "Addressed to: deployer" in out
    assert "Applies from: 2027-12-02 (Art. 113)" in out
    assert "Evidenced by: impact_assessment.fundamental_rights_assessment" in out
    assert "AIG-EU-OBL-001" in out


def test_the_art_50_2_grace_period_is_told() -> None:
    data = json.loads(run_aigov("explain", "art-50-2", "--format", "json").stdout)
    (o,) = data["obligations"]
    assert o["grace"] == {
        "placed_before": "2026-08-02",
        "until": "2026-12-02",
        "article": "Art. 111(4)",
    }


def test_an_unknown_article_is_a_usage_error() -> None:
    run = run_aigov("explain", "art-999")
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
