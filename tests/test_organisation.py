"""organisation.yaml is loaded and validated like a system record: problems at file:line:col,
GOVERN controls only, and `aigov validate` reports them (real files on disk)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from aigov.organisation import load_organisation
from aigov.paths import ORGANISATION_SCHEMA_FILE
from aigov.schema import organisation_schema, organisation_schema_text
from aigov.yamlload import load_file
from tests.conftest import REPO, run_aigov

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "organisation"


def _repo(tmp_path: Path, fixture: str) -> Path:
    root = tmp_path / "repo"
    (root / "systems").mkdir(parents=True)
    (root / "aigov.yaml").write_text("# test\n", encoding="utf-8")
    shutil.copy(FIXTURES / fixture, root / "organisation.yaml")
    return root


def _line_of(path: Path, text: str) -> int:
    return next(i for i, ln in enumerate(path.read_text().splitlines(), 1) if text in ln)


def test_a_valid_organisation_record_loads(tmp_path: Path) -> None:
    loaded = load_organisation(_repo(tmp_path, "valid.yaml"))
    assert loaded is not None and loaded.diagnostics == []
    assert loaded.organisation is not None and loaded.organisation.name == "Fixture Insurance"
    assert [c.id for c in loaded.controls] == ["ctl-ai-policy", "ctl-training"]


def test_no_organisation_file_is_no_organisation(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    assert load_organisation(root) is None


def test_a_misspelt_field_is_named_at_its_position_with_a_guess(tmp_path: Path) -> None:
    root = _repo(tmp_path, "misspelt-field.yaml")
    loaded = load_organisation(root)
    assert loaded is not None and loaded.organisation is None
    [d] = loaded.diagnostics
    assert (d.code, d.line, d.column) == ("AIG-SCHEMA-KEY", 4, 1)
    assert "contrls" in d.message and "Did you mean 'controls'?" in (d.hint or "")


def test_an_organisation_control_cites_govern_subcategories_only(tmp_path: Path) -> None:
    root = _repo(tmp_path, "measure-control.yaml")
    loaded = load_organisation(root)
    assert loaded is not None and loaded.organisation is None  # errors: not used
    found = {(d.code, d.field): d for d in loaded.diagnostics}
    measure = found[("AIG-ORG-GOVERN", "controls.0.nist.1")]
    line = _line_of(root / "organisation.yaml", "MEASURE 2.11")
    assert measure.line == line and measure.column > 1
    assert "MEASURE 2.11" in measure.message
    assert ("AIG-REF-NIST", "controls.0.nist.2") in found


def test_aigov_validate_reports_the_organisation_file(tmp_path: Path) -> None:
    root = _repo(tmp_path, "bad-status.yaml")
    run = run_aigov("validate", cwd=root)
    assert run.returncode == 1, run.stdout + run.stderr
    out = run.stdout + run.stderr
    status_line = _line_of(root / "organisation.yaml", "status: done")
    assert f"organisation.yaml:{status_line}:" in out and "controls.0.status" in out
    assert "organisation.yaml:2:1" in out and "'name' is required" in out
    assert "Traceback" not in out


def test_the_committed_organisation_schema_is_current_and_valid() -> None:
    committed = (REPO / "schemas" / ORGANISATION_SCHEMA_FILE).read_text("utf-8")
    assert committed == organisation_schema_text(), (
        "run: aigov schema --organisation > schemas/aigov-organisation.schema.json"
    )
    jsonschema.Draft7Validator.check_schema(organisation_schema())
    catalog = json.loads((REPO / "schemas" / "catalog.json").read_text("utf-8"))
    urls = [entry["url"] for entry in catalog["schemas"]]
    assert organisation_schema()["$id"] in urls


@pytest.mark.parametrize("path", [REPO / "organisation.yaml", FIXTURES / "valid.yaml"])
def test_the_example_and_the_valid_fixture_satisfy_the_schema(path: Path) -> None:
    doc, diags = load_file(path)  # as aigov reads it: dates stay text, as in the schema
    assert doc is not None and not diags
    jsonschema.Draft7Validator(organisation_schema()).validate(doc.data)


@pytest.mark.parametrize("fixture", ["misspelt-field.yaml", "bad-status.yaml"])
def test_the_schema_refuses_what_validation_refuses(fixture: str) -> None:
    data = yaml.safe_load((FIXTURES / fixture).read_text("utf-8"))
    assert list(jsonschema.Draft7Validator(organisation_schema()).iter_errors(data))


def test_the_example_organisation_is_valid_and_its_evidence_exists() -> None:
    loaded = load_organisation(REPO)
    assert loaded is not None and loaded.diagnostics == [] and loaded.organisation is not None
    for ctl in loaded.controls:
        assert all(s.startswith("GOVERN ") for s in ctl.nist)
        if ctl.status is not None and ctl.status.value in ("implemented", "verified"):
            assert ctl.evidence, ctl.id
        for ev in ctl.evidence:
            assert ev.path and (REPO / ev.path).is_file(), ev.path
