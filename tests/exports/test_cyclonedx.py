"""The CycloneDX ML-BOM: every example's BOM validates against the official CycloneDX 1.6
JSON Schema (cyclonedx-python-lib's), says what the record says, and is the same bytes when
exported twice."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from aigov.exports import cyclonedx
from aigov.exports.context import system_context
from aigov.project import LoadedRecord
from aigov.workspace import open_repository
from tests.conftest import REPO, run_aigov

TODAY = dt.date(2026, 12, 4)
EXAMPLES = sorted(p.stem for p in (REPO / "systems").glob("*.yaml"))


@pytest.fixture(scope="module")
def examples() -> dict[str, LoadedRecord]:
    ws = open_repository(REPO, today=TODAY)
    return {r.id: r for r in ws.load().records}


def _bom_text(loaded: LoadedRecord) -> str:
    ws = open_repository(REPO, today=TODAY)
    ctx = system_context(
        loaded, root=REPO, today=TODAY, policy=ws.policy, generated_at="2026-12-04T09:00:00Z"
    )
    return cyclonedx.render(ctx)


@pytest.mark.parametrize("system", EXAMPLES)
def test_every_examples_bom_validates_against_the_official_schema(
    examples: dict[str, LoadedRecord], system: str
) -> None:
    text = _bom_text(examples[system])
    assert cyclonedx.validate_bom(text) == []
    bom = json.loads(text)
    assert bom["specVersion"] == "1.6" and bom["bomFormat"] == "CycloneDX"
    assert bom["metadata"]["component"]["type"] == "application"
    assert bom["metadata"]["timestamp"] == "2026-12-04T09:00:00Z"


def test_the_validator_refuses_what_the_schema_refuses() -> None:
    """A validator that passes everything would make the test above worthless."""
    bad = {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "components": [{}]}
    assert cyclonedx.validate_bom(json.dumps(bad))
    wrong_serial = {"bomFormat": "CycloneDX", "specVersion": "1.6", "serialNumber": "x"}
    assert cyclonedx.validate_bom(json.dumps(wrong_serial))


def test_the_bom_carries_models_data_and_governance(examples: dict[str, LoadedRecord]) -> None:
    bom = json.loads(_bom_text(examples["fraud-scoring"]))
    props = {p["name"]: p["value"] for p in bom["metadata"]["component"]["properties"]}
    assert props["aigov:system:id"] == "fraud-scoring"
    assert props["aigov:lifecycle:stage"] == "production"
    assert props["aigov:eu-ai-act:tier"] in ("minimal", "limited", "high")
    assert "aigov:oversight:mode" in props
    assert props["aigov:signoff:legal:decision"].startswith("approved")
    assert props["aigov:record:content-hash"] == examples["fraud-scoring"].content_hash
    by_ref = {c["bom-ref"]: c for c in bom["components"]}
    model = by_ref["aigov:fraud-scoring/model/order-risk-model"]
    assert model["type"] == "machine-learning-model"
    card = model["modelCard"]
    assert {"ref": "aigov:fraud-scoring/data/order-history"} in card["modelParameters"]["datasets"]
    assert card["quantitativeAnalysis"]["performanceMetrics"]
    assert card["considerations"]["technicalLimitations"]
    fairness = card["considerations"]["fairnessAssessments"]
    assert any("proxies for nationality" in f["harms"] for f in fairness)
    data = by_ref["aigov:fraud-scoring/data/order-history"]
    assert data["type"] == "data" and data["data"][0]["sensitiveData"] == ["finance"]
    system_deps = next(d for d in bom["dependencies"] if d["ref"] == "aigov:fraud-scoring")
    assert set(system_deps["dependsOn"]) == set(by_ref)


def test_the_same_record_gives_the_same_bytes_and_a_changed_one_a_new_serial(
    examples: dict[str, LoadedRecord],
) -> None:
    loaded = examples["support-copilot"]
    first, second = _bom_text(loaded), _bom_text(loaded)
    assert first == second
    bom = json.loads(first)
    assert bom["serialNumber"] == cyclonedx.serial_number(bom)
    bom["metadata"]["component"]["name"] = "Renamed"
    assert cyclonedx.serial_number(bom) != json.loads(first)["serialNumber"]


def test_the_cli_writes_the_bom_and_an_invalid_record_exits_1(tmp_path: Path) -> None:
    run = run_aigov(
        "export", "cyclonedx", "fraud-scoring", "--today", "2026-12-04", "-o", f"{tmp_path}/"
    )
    assert run.returncode == 0, run.stderr
    written = tmp_path / "fraud-scoring-cyclonedx.cdx.json"
    assert cyclonedx.validate_bom(written.read_text("utf-8")) == []
    broken = REPO / "tests/exports/fixtures/broken-record"
    run = run_aigov("export", "cyclonedx", "broken-record", "--root", str(broken))
    assert run.returncode == 1
    assert "broken-record.yaml:6:10: AIG-SCHEMA-ENUM" in run.stdout + run.stderr


def test_hostile_records_give_a_valid_bom_or_their_diagnostics(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Record text of every shape the hostile corpus holds stays data: a record that loads
    gives a BOM the official schema accepts (a URL or licence the schema would refuse is left
    out or named, never written as it is), one that does not is refused with exit 1 or 2."""
    from click.testing import CliRunner

    from aigov.cli import cli
    from tests.exports.test_hostile import LIGHT
    from tests.hostile.corpus import MARKER, build_repo

    repo = build_repo(tmp_path / "hostile", LIGHT)
    monkeypatch.chdir(repo)
    exported = 0
    for case in LIGHT:
        run = CliRunner().invoke(cli, ["export", "cyclonedx", case.place, "--today", "2026-12-04"])
        assert run.exception is None or isinstance(run.exception, SystemExit), case.name
        assert "Traceback" not in run.output, case.name
        if run.exit_code == 0:
            exported += 1
            assert cyclonedx.validate_bom(run.stdout) == [], case.name
        else:
            assert run.exit_code in (1, 2), case.name
    assert exported and not (repo / MARKER).exists()
