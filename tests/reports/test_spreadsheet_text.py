"""No text the app writes into a CSV or XLSX file can become a live formula (issue 11, 18.5)."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from beratung_desktop.reports.spreadsheet_text import csv_text, xlsx_row

HOSTILE = ['=HYPERLINK("http://x","y")', "+cmd|'/c calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("text", HOSTILE)
def test_csv_text_defuses_formula_starts(text: str):
    assert csv_text(text) == "'" + text
    assert csv_text("Syrien") == "Syrien" and csv_text("") == ""


def test_xlsx_row_writes_explicit_strings_and_keeps_numbers():
    book = Workbook()
    xlsx_row(book.active, [*HOSTILE[:5], 3, 2.5])
    buffer = io.BytesIO()
    book.save(buffer)
    sheet_xml = zipfile.ZipFile(buffer).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml
    cells = next(iter(load_workbook(buffer).active.iter_rows(values_only=True)))
    assert list(cells) == [*HOSTILE[:5], 3, 2.5]  # (XML keeps no bare CR)
