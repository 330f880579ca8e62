"""Text cells that a spreadsheet program shows as text and never runs as a formula.

Every CSV and XLSX file the app writes puts its text through here: a client named
`=HYPERLINK("http://x","y")`, a country code `+cmd|'/c calc'!A0` from another office's package or a
label starting with `@` would otherwise become a live formula when the file is opened in Excel or
LibreOffice (CSV/formula injection).

- CSV has no cell types, so a text that starts with = + - @, a tab or a carriage return gets a
  leading apostrophe (the OWASP recommendation; Excel and LibreOffice hide it and show the text).
  Numbers are written as numbers by the callers and never pass through here.
- XLSX cells are written with the explicit string type, so the text is kept exactly as it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# openpyxl loads with the first spreadsheet written, not with every CSV or PDF that uses `csv_text`.
if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PREFIX = "'"


def csv_text(text: str) -> str:
    """`text` as a CSV cell that no spreadsheet program evaluates."""
    return PREFIX + text if text.startswith(FORMULA_STARTS) else text


def xlsx_row(sheet: Worksheet, values: list[Any]) -> None:
    """Appends a row; every text value becomes an explicit string cell, numbers stay numbers."""
    from openpyxl.cell.cell import Cell

    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell, Cell) and isinstance(cell.value, str):
            cell.data_type = "s"
