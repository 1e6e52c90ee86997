"""aigov export atrs: every field of the vendored v3.0 template table is in aigov's field list
with the same number, name and required flag, and every required field of an export is either
answered from the record or reported as not answered; Markdown and HTML escape record text."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest

from aigov.authoring.scaffold import init_repository
from aigov.exports.atrs import NOT_STATED, export_atrs, template_fields, to_html, to_markdown
from aigov.exports.build import load_system
from aigov.paths import schemas_dir
from aigov.workspace import open_repository
from tests.conftest import REPO, run_aigov

TODAY = dt.date(2026, 12, 4)
PARTIAL = REPO / "tests" / "fixtures" / "algoritmeregister" / "partial-public-body.yaml"


def vendored_rows() -> list[tuple[str, str, str, bool]]:
    """(reference number, attribute, name, required) of every row of the template table."""
    text = (schemas_dir() / "vendor" / "atrs" / "template_table_v3.0.md").read_text("utf-8")
    rows = []
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) > 3 and re.fullmatch(r"\d+(\.\d+)+", cells[0]):
            clean = [re.sub(r"<br>$", "", c) for c in cells]
            rows.append((clean[0], clean[1], clean[2], clean[-1] == "TRUE"))
    return rows


def test_field_list_is_the_template_table() -> None:
    ours = [(f["id"], f["attribute"], f["name"], f["required"]) for f in template_fields()]
    assert len(ours) == 65
    assert ours == vendored_rows()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    init_repository(tmp_path)
    shutil.copy(REPO / "systems" / "claims-triage.yaml", tmp_path / "systems")
    shutil.copy(PARTIAL, tmp_path / "systems")
    return tmp_path


@pytest.mark.parametrize("system", ["claims-triage", "partial-public-body"])
def test_every_required_field_is_answered_or_reported(repo: Path, system: str) -> None:
    loaded = load_system(open_repository(repo, today=TODAY, audience="public"), system)
    atrs = export_atrs(loaded)
    missing = {(f.id, label) for f, label in atrs.missing}
    required = [
        (f, i.label) for s in atrs.sections for i in s.items for f in i.fields if f.required
    ]
    assert required
    for f, label in required:
        assert (f.value is not None and f.value.strip()) or (f.id, label) in missing, f.id
    data = json.loads(atrs.to_json())
    assert {m["id"] for m in data["missing"]} == {f.id for f, _ in atrs.missing}
    every_id = {f["id"] for f in template_fields()}
    shown = {f.id for f in atrs.fields()}
    assert shown == every_id  # every template field appears, answered or not
    if system == "partial-public-body":
        assert ("1.4", "") in missing  # no contact in the record
        assert ("2.4.3.1", "") in missing  # no data source at all: the section is unanswered
    else:
        assert ("1.1", "") not in missing
        phase = next(f for f in atrs.fields() if f.id == "0.13")
        assert phase.value == "Beta/Pilot"


def test_markdown_and_html_escape_record_text(repo: Path) -> None:
    path = repo / "systems" / "partial-public-body.yaml"
    path.write_text(path.read_text().replace("Signaleert", "<script>alert(1)</script> *Signaleert"))
    loaded = load_system(
        open_repository(repo, today=TODAY, audience="public"), "partial-public-body"
    )
    atrs = export_atrs(loaded)
    page = to_html(atrs)
    assert "<script>" not in page and "&lt;script&gt;" in page
    md = to_markdown(atrs)
    assert "<script>" not in md
    for f in template_fields():
        assert f"{f['id']} {f['name']}" in md and f"{f['id']} {f['name']}" in page
    assert NOT_STATED in md


def test_cli_reports_what_is_not_answered(repo: Path) -> None:
    out = repo / "atrs.json"
    run = run_aigov(
        "export", "atrs", "partial-public-body", "-f", "json", "-o", str(out), "--root", str(repo)
    )
    assert run.returncode == 0, run.stderr
    assert "not answered: 1.4 Contact email" in run.stderr
    assert json.loads(out.read_text())["atrs_version"] == "3.0"
