"""`aigov export nist-profile SYSTEM` on the examples: the generative example's 600-1 risks,
actions and gaps; a system with no generative help says why the profile does not apply; the
JSON validates against its published schema; the DOCX holds every heading."""

from __future__ import annotations

import io
import json

import docx
import jsonschema
import pytest

from aigov.exports.build import inputs_for, load_system
from aigov.exports.nist_profile import build
from aigov.exports.render import render_export
from aigov.exports.schema import published_dir, schema_for
from aigov.workspace import open_repository
from tests.conftest import REPO, run_aigov

STAMP = "2026-12-01T09:00:00Z"
SYSTEMS = sorted(p.stem for p in (REPO / "systems").glob("*.yaml"))


def _doc(system: str):
    ws = open_repository(REPO)
    loaded = load_system(ws, system)
    org = ws.organisation
    inputs = inputs_for(loaded, root=ws.root, today=ws.today, generated_at=STAMP)
    return build(inputs, org.controls if org is not None else ())


@pytest.mark.parametrize("system", SYSTEMS)
def test_every_example_exports_json_valid_against_the_published_schema(system: str) -> None:
    run = run_aigov("export", "nist-profile", system, "-f", "json", "--generated-at", STAMP)
    assert run.returncode == 0, run.stderr
    published = json.loads((published_dir() / "nist-profile.schema.json").read_text("utf-8"))
    assert published == schema_for("nist-profile")
    jsonschema.validate(json.loads(run.stdout), published)


def test_the_generative_example_lists_its_risks_actions_and_gaps() -> None:
    doc = _doc("support-copilot")
    data = doc.data
    assert data is not None and data["generative"] is True
    assert [r["id"] for r in data["risks"]] == [
        "confabulation",
        "data-privacy",
        "harmful-bias-or-homogenization",
        "human-ai-configuration",
        "information-integrity",
        "information-security",
    ]
    confab = data["risks"][0]
    row = next(a for a in confab["actions"] if a["id"] == "MS-2.5-003")
    assert [c["id"] for c in row["controls"]] == ["ctl-weekly-eval"] and row["state"] == "in_place"
    # the organisation's inventory carries out GV-1.6-001 (an information-security action)
    security = next(r for r in data["risks"] if r["id"] == "information-security")
    inventory = next(a for a in security["actions"] if a["id"] == "GV-1.6-001")
    assert inventory["controls"][0]["organisation"] is True
    counts = data["counts"]
    assert counts["gap"] > 0 and counts["in_place"] > 0
    assert counts["actions"] == counts["in_place"] + counts["planned"] + counts["gap"]
    assert len(doc.coverage) == counts["actions"]


def test_a_system_without_generative_help_or_tags_says_why() -> None:
    doc = _doc("fraud-scoring")
    [item] = doc.coverage
    assert item.status.value == "not_applicable" and "generate" in item.reason


def test_docx_holds_every_heading() -> None:
    doc = _doc("support-copilot")
    word = docx.Document(io.BytesIO(render_export(doc, "docx")))  # type: ignore[arg-type]
    headings = [p.text for p in word.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    for heading in doc.headings():
        assert heading in headings
    assert "1. CBRN Information or Capabilities" not in headings  # only the system's risks
