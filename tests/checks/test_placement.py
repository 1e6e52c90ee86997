"""Where a finding about a missing field points: its placeholder, else its parent key."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from aigov.authoring.new import assemble, create
from aigov.authoring.questionnaire import kinds
from aigov.authoring.scaffold import init_repository
from aigov.checks import CheckOptions, gate_checklist
from aigov.checks.placement import Placer
from aigov.model import Stage

from .conftest import FIXTURES, TODAY, load

PLACEMENT = FIXTURES / "placement"


def _fresh_record(root: Path) -> Path:
    """A record as `aigov new support-copilot --like generative-assistant --stage mvp` writes it."""
    init_repository(root)
    day = dt.date(2026, 12, 3)
    data = assemble(
        "support-copilot",
        stage=Stage.MVP,
        today=day,
        kind=kinds()["generative-assistant"],
        settings={"name": "Support copilot", "owner.team": "Support"},
    )
    return create(root, data, today=day).path


def test_no_finding_on_a_fresh_record_points_at_its_first_key(tmp_path: Path):
    path = _fresh_record(tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    first_key = next(i for i, line in enumerate(lines, 1) if line and not line.startswith("#"))
    loaded = load(path)
    items = gate_checklist(loaded, Stage.PILOT, CheckOptions(TODAY, root=tmp_path))
    diags = [d for item in items for d in item.diagnostics]
    assert len(diags) > 30  # a fresh record misses most of what a pilot needs
    assert [d for d in diags if d.line == first_key] == []
    for d in diags:
        assert d.field, d
        text = lines[d.line - 1]
        steps = [s for s in d.field.split(".") if not s.isdigit()]
        # the line is the placeholder of the field (or of the deepest part of it the file
        # has), or an existing key on the field's way
        named = [
            s
            for s in steps
            if re.match(rf" *# +(- )?{s}:", text) or re.match(rf" *(- )?{s}:", text)
        ]
        assert named, f"{d.code} {d.field} points at line {d.line}: {text!r}"
        assert text[d.column - 1 :].startswith(f"{named[-1]}:"), (d.field, d.column, text)


def test_a_missing_field_with_a_placeholder_points_at_the_placeholder(tmp_path: Path):
    path = _fresh_record(tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    placer = Placer(load(path).doc, path)
    line, col = placer.position(("owner", "accountable"))
    assert lines[line - 1].startswith("  # accountable:") and col == 5
    line, _ = placer.position(("feasibility", "baseline"))
    assert lines[line - 1].startswith("#   baseline:")
    line, _ = placer.position(("lifecycle", "last_review"))
    assert lines[line - 1].startswith("  # last_review:")


def test_nested_placeholders_under_a_commented_section():
    path = PLACEMENT / "nested-placeholder-under-commented-section.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    placer = Placer(load(path).doc, path)
    line, col = placer.position(("operations", "rollback", "owner"))
    assert lines[line - 1] == "#     owner:  # Who can trigger a rollback." and col == 7
    line, _ = placer.position(("operations", "monitoring", 0, "owner"))
    assert lines[line - 1] == "#       owner:  # Who acts on it."
    # a field without a placeholder of its own: the deepest placeholder on its way
    line, _ = placer.position(("operations", "incidents"))
    assert lines[line - 1].startswith("# operations:")
    # a top-level field missing without a placeholder: the document's start (nothing nearer)
    assert placer.position(("documentation",)) == (1, 1)


def test_without_placeholders_a_missing_field_points_at_its_parent_key():
    path = PLACEMENT / "owner-without-contact-no-placeholders.yaml"
    placer = Placer(load(path).doc, path)
    assert placer.position(("owner", "contact")) == (4, 1)
    assert placer.position(("owner", "team")) == (5, 9)  # an existing field: the value
