"""The inventory: CSV and XLSX with the same cells, record text never a formula, styled
frozen header, the same bytes for the same portfolio."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from aigov.exports.governance import governance_facts
from aigov.exports.inventory import Links, header, inventory_csv, inventory_rows, inventory_xlsx
from aigov.review.signoffs import signoff_states
from aigov.workspace import open_repository
from tests.conftest import REPO

FORMULAS = REPO / "tests/exports/fixtures/formula-cells"


def _rows(root=FORMULAS, today=dt.date(2026, 12, 4)) -> list[list[str]]:
    ws = open_repository(root, today=today)
    facts = []
    for r in ws.load().valid_records:
        tier = r.check_summary.tier if r.check_summary else None
        states = signoff_states(r, root, today=today)
        facts.append(governance_facts(r, tier, states, ws.policy))
    return inventory_rows(facts, lambda s: Links(f"cards/{s}.html#impact", f"cards/{s}.html"))


def test_record_text_that_starts_a_formula_stays_text_in_csv_and_xlsx() -> None:
    rows = _rows()
    parsed = list(csv.reader(io.StringIO(inventory_csv(rows).decode("utf-8-sig"))))
    assert parsed[0] == header()
    name, team, accountable = parsed[1][1], parsed[1][2], parsed[1][3]
    assert name.startswith("'=HYPERLINK(") and team.startswith("'+cmd")
    assert accountable.startswith("'@SUM")
    sheet = load_workbook(io.BytesIO(inventory_xlsx(rows))).active
    assert sheet is not None
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row]
    assert cells and all(c.data_type != "f" for c in cells)
    assert sheet["B2"].value == name and sheet["C2"].value == team


def test_the_workbook_has_a_styled_frozen_header_widths_and_links() -> None:
    sheet = load_workbook(io.BytesIO(inventory_xlsx(_rows()))).active
    assert sheet is not None
    assert [c.value for c in sheet[1]] == header()
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["B"].width == 36
    card = sheet.cell(row=2, column=len(header()))
    assert card.hyperlink is not None and card.hyperlink.target == "cards/formula-cells.html"


def test_the_same_portfolio_gives_the_same_bytes() -> None:
    rows = _rows()
    data = inventory_xlsx(rows)
    assert data == inventory_xlsx(rows)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        core = zf.read("docProps/core.xml").decode()
        assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in zf.infolist())
    assert "1980-01-01T00:00:00Z</dcterms:modified>" in core  # never the time of saving
    assert inventory_csv(rows) == inventory_csv(rows)


def test_the_examples_rows_say_stage_review_and_sign_off_state() -> None:
    rows = {r[0]: dict(zip(header(), r, strict=True)) for r in _rows(REPO)}
    fraud = rows["fraud-scoring"]
    assert fraud["Stage"] == "production" and fraud["Deployed since"] == "2025-11-03"
    assert fraud["Last review"] == "2026-09-30" and fraud["Next review due"] == "2026-12-29"
    assert fraud["Sign-off state"].startswith(("complete", "incomplete"))
    assert rows["candidate-screening-assistant"]["Deployed since"] == ""


def test_hostile_record_text_gives_a_workbook_that_opens(tmp_path: Path) -> None:
    """Controls, odd code points and markup in record text: the XLSX still opens (openpyxl
    refuses control characters XML cannot hold) and holds no formula."""
    from tests.exports.test_hostile import LIGHT
    from tests.hostile.corpus import build_repo

    rows = _rows(build_repo(tmp_path / "hostile", LIGHT))
    assert len(rows) > 10
    sheet = load_workbook(io.BytesIO(inventory_xlsx(rows))).active
    assert sheet is not None and sheet.max_row == len(rows) + 1
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    parsed = list(csv.reader(io.StringIO(inventory_csv(rows).decode("utf-8-sig"))))
    assert len(parsed) == len(rows) + 1  # no record text broke a row in two
