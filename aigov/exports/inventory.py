"""The portfolio inventory an auditor asks for first: one row per system (id, name, owner,
accountable person, stage, tiers, deployed since, last review, next review due, sign-off
state, links to its impact assessment and card), as CSV (the `csv` module) and XLSX
(openpyxl: a real workbook with a styled, frozen header row and set column widths, which a
CSV cannot carry).

Every cell goes through `aigov.textsafety.spreadsheet_cell`, so record text never becomes a
formula in either file. Both files are deterministic: the XLSX's document dates and zip entry
times are fixed, so the same portfolio gives the same bytes (the audit pack's checksums and
the site's "only changed files are rewritten" rely on it).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from aigov.exports.governance import GovernanceFacts
from aigov.textsafety import csv_text, spreadsheet_cell

# (header, width in characters in the XLSX)
COLUMNS: tuple[tuple[str, int], ...] = (
    ("ID", 28),
    ("Name", 36),
    ("Owner (team)", 28),
    ("Accountable person", 22),
    ("Stage", 12),
    ("Internal risk tier", 12),
    ("EU AI Act tier", 12),
    ("Annex III area", 22),
    ("Deployed since", 14),
    ("Last review", 13),
    ("Next review due", 15),
    ("Sign-off state", 48),
    ("Impact assessment", 40),
    ("Card", 40),
)
LINK_COLUMNS = frozenset({"Impact assessment", "Card"})
# the moment an XLSX says it was made: fixed (the workbook's content says what it shows)
FIXED_MOMENT = (1980, 1, 1, 0, 0, 0)
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


@dataclass(frozen=True)
class Links:
    """Where a system's impact assessment and card are, relative to the inventory file (or
    absolute URLs)."""

    impact_assessment: str
    card: str


LinksOf = Callable[[str], Links]


def inventory_rows(facts: Sequence[GovernanceFacts], links_of: LinksOf) -> list[list[str]]:
    """The inventory's rows (without the header), in the order given."""
    rows = []
    for f in facts:
        links = links_of(f.id)
        rows.append(
            [
                f.id,
                f.name,
                f.team,
                f.accountable,
                f.stage,
                f.internal_tier,
                f.eu_tier or "not assessed",
                f.annex_iii_area,
                f.deployed_since.isoformat() if f.deployed_since else "",
                f.last_review.isoformat() if f.last_review else "",
                f.next_review_due.isoformat() if f.next_review_due else "",
                f.signoffs.text,
                links.impact_assessment,
                links.card,
            ]
        )
    return rows


def header() -> list[str]:
    return [name for name, _ in COLUMNS]


def inventory_csv(rows: Sequence[Sequence[str]]) -> bytes:
    """UTF-8 with a byte-order mark (so a spreadsheet reads the accents right), CRLF lines."""
    return ("\ufeff" + csv_text([header(), *map(list, rows)])).encode("utf-8")


def inventory_xlsx(rows: Sequence[Sequence[str]], *, title: str = "AI inventory") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Inventory"
    ws.append(header())
    bold = Font(bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor="1F4E79")
    for cell in ws[1]:
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    links = [i for i, (name, _) in enumerate(COLUMNS) if name in LINK_COLUMNS]
    for row in rows:
        ws.append([spreadsheet_cell(v) for v in row])
        for i in links:
            cell = ws.cell(row=ws.max_row, column=i + 1)
            target = row[i]
            if target and _linkable(target):
                cell.hyperlink = target
                cell.style = "Hyperlink"
    for i, (_, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(ws.max_row, 1)}"
    wb.properties.title = title
    wb.properties.creator = "aigov"
    moment = dt.datetime(*FIXED_MOMENT)
    wb.properties.created = wb.properties.modified = moment
    out = io.BytesIO()
    wb.save(out)
    return _fixed_zip_times(out.getvalue())


def _linkable(target: str) -> bool:
    """A relative path or an http(s) URL (never another scheme)."""
    head = target.split("/", 1)[0]
    return target.startswith(("http://", "https://")) or ":" not in head


def _fixed_zip_times(data: bytes) -> bytes:
    """The workbook with every zip entry dated FIXED_MOMENT (openpyxl stamps them now)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_MOMENT)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl sets `modified` to now on save
                data = _MODIFIED.sub(rb"\g<1>1980-01-01T00:00:00Z\2", data)
            dst.writestr(fixed, data)
    return out.getvalue()
