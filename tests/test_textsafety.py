"""Spreadsheet cells: what would start a formula is prefixed, controls are removed."""

from __future__ import annotations

import pytest

from aigov.textsafety import csv_text, spreadsheet_cell


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1+2", "@SUM(A1)", "\t=1"])
def test_a_cell_that_would_start_a_formula_is_prefixed(text: str) -> None:
    assert spreadsheet_cell(text) == "'" + text


def test_plain_text_controls_and_line_breaks() -> None:
    assert spreadsheet_cell("Rachel Moreau") == "Rachel Moreau"
    assert spreadsheet_cell("a\nb\x1b[31m\ufffe") == "a b[31m"
    assert spreadsheet_cell(None) == ""
    assert csv_text([["=x", "y"]]) == "'=x,y\r\n"
