"""The PDF's dates are the card's provenance date, without a browser."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader, PdfWriter

from aigov.cards.pdf import pdf_date, set_pdf_dates

WHEN = dt.datetime(2026, 9, 1, tzinfo=dt.UTC)


def test_pdf_date_is_utc() -> None:
    assert pdf_date("2026-09-01T00:00:00Z") == "D:20260901000000+00'00'"
    assert pdf_date("2026-09-01T02:30:00+02:00") == "D:20260901003000+00'00'"


def test_chromium_dates_are_replaced_in_place() -> None:
    data = (
        b"%PDF-1.4\n1 0 obj <</CreationDate (D:20261203155919+00'00')"
        b" /ModDate (D:20261203155919+00'00')>> endobj\n"
    )
    out = set_pdf_dates(data, "2026-09-01T00:00:00Z")
    assert len(out) == len(data)  # no offset moves
    assert out.count(b"(D:20260901000000+00'00')") == 2


def test_other_producers_get_an_incremental_update() -> None:
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    writer.add_metadata({"/Title": "Card", "/CreationDate": "D:20200101000000Z"})
    buf = io.BytesIO()
    writer.write(buf)
    meta = PdfReader(io.BytesIO(set_pdf_dates(buf.getvalue(), WHEN))).metadata
    assert meta is not None and meta.title == "Card"
    assert meta.creation_date == WHEN and meta.modification_date == WHEN
