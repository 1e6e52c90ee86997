"""`aigov export soa` on the example repository: exactly 38 Annex A rows, the JSON valid
against its published schema, every heading in the DOCX and the PDF (real files, a real
process, a real PDF reader)."""

from __future__ import annotations

import io
import json
import shutil
import unicodedata
from pathlib import Path

import docx
import jsonschema
import pytest
from pypdf import PdfReader

from aigov.exports.render import render_export
from aigov.exports.schema import published_dir, schema_for, schema_text
from aigov.exports.soa import build_from
from aigov.workspace import open_repository
from tests.conftest import REPO, run_aigov

STAMP = "2026-12-01T09:00:00Z"


def _example_doc():
    from aigov.exports.soa import load_portfolio

    ws = open_repository(REPO, today=None)
    return build_from(load_portfolio(ws, STAMP))


def test_the_example_soa_has_38_rows_each_declared_with_an_owner() -> None:
    soa, doc = _example_doc()
    assert len(soa.rows) == 38 and len(doc.coverage) == 38
    assert [c.item for c in doc.coverage] == [r.control.id for r in soa.rows]
    assert all(r.declared.value in ("applicable", "excluded") and r.owner for r in soa.rows)
    excluded = [r for r in soa.rows if r.declared.value == "excluded"]
    assert [r.control.id for r in excluded] == ["A.10.4"] and excluded[0].justification
    policy = next(r for r in soa.rows if r.control.id == "A.2.2")
    assert ("organisation", "ctl-group-ai-policy") in [
        (i.where, i.control_id) for i in policy.implementations
    ]


def test_json_output_validates_against_the_published_schema() -> None:
    run = run_aigov("export", "soa", "--format", "json", "--generated-at", STAMP)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    published = json.loads((published_dir() / "soa.schema.json").read_text("utf-8"))
    assert published == schema_for("soa")  # the committed schema is current
    jsonschema.validate(data, published)
    assert len(data["data"]["controls"]) == 38 and len(data["coverage"]) == 38
    assert data["system"] == {"id": None, "name": "Portfolio"}


def test_the_schema_refuses_a_short_soa_and_an_unjustified_exclusion() -> None:
    _soa, doc = _example_doc()
    data = json.loads(render_export(doc, "json"))
    schema = json.loads(schema_text("soa"))
    short = {**data, "data": {**data["data"], "controls": data["data"]["controls"][:37]}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(short, schema)
    rows = [dict(c) for c in data["data"]["controls"]]
    rows[-1]["justification"] = ""
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**data, "data": {**data["data"], "controls": rows}}, schema)


def test_undeclared_controls_show_as_missing_in_the_coverage(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(REPO / "systems", repo / "systems")
    shutil.copy(REPO / "organisation.yaml", repo / "organisation.yaml")
    (repo / "aigov.yaml").write_text("version: 1\n", encoding="utf-8")
    run = run_aigov("export", "soa", "--root", str(repo), "--generated-at", STAMP)
    assert run.returncode == 0, run.stderr
    assert "38 missing" in run.stdout
    # each control's coverage row and its section's finding say so
    assert run.stdout.count("Not declared in aigov.yaml") == 2 * 38


def test_a_bad_declaration_is_a_positioned_error_and_nothing_is_exported(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "systems").mkdir(parents=True)
    (repo / "aigov.yaml").write_text(
        "version: 1\nsoa:\n  A.6.2.44: {status: applicable, owner: x}\n", encoding="utf-8"
    )
    run = run_aigov("export", "soa", "--root", str(repo))
    assert run.returncode == 2 and run.stdout == ""
    assert "aigov.yaml:3:3" in run.stderr and "Did you mean 'A.6.2.4'?" in run.stderr


def test_docx_holds_every_heading() -> None:
    _soa, doc = _example_doc()
    word = docx.Document(io.BytesIO(render_export(doc, "docx")))  # type: ignore[arg-type]
    headings = [p.text for p in word.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    for heading in doc.headings():
        assert heading in headings
    assert sum(h.startswith("A.") for h in headings) == 38 + 9  # controls and groups


def test_pdf_holds_every_heading(tmp_path: Path) -> None:
    out = tmp_path / "soa.pdf"
    run = run_aigov(
        "export", "soa", "-f", "pdf", "-o", str(out), "--generated-at", STAMP, timeout=300
    )
    if run.returncode != 0 and "Chromium" in run.stderr:
        pytest.skip("no Chromium for the PDF printer")
    assert run.returncode == 0, run.stderr
    pages = PdfReader(str(out)).pages
    # NFKC: the PDF's text has ligatures ("speciﬁcation")
    text = unicodedata.normalize("NFKC", " ".join(p.extract_text() or "" for p in pages))
    text = " ".join(text.split())
    _soa, doc = _example_doc()
    for heading in doc.headings():
        assert " ".join(heading.split()) in text, heading
