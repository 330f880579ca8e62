"""The organisation's CSV and XLSX reports hold no live formula, whatever arrived (issue 11, 18.5)."""

from __future__ import annotations

import csv
import io
import zipfile

from openpyxl import load_workbook

from beratung_desktop.domain.statistics import Period
from beratung_desktop.exchange import record_schema
from beratung_desktop.services import organisation_report
from tests.reports.test_spreadsheet_text import HOSTILE

from .hostile import client_row, import_one, signed


def test_organisation_report_of_unchecked_old_imports_holds_no_formula(world, monkeypatch):
    """Records an older installation stored without the schema check still come out as text."""
    monkeypatch.setattr(record_schema.RecordChecker, "check", lambda *args: None)
    rows = [client_row(id=f"{n:032x}", country_of_origin=text) for n, text in enumerate(HOSTILE[:2])]
    consultations = [
        {
            "id": f"{n + 10:032x}",
            "version": 1,
            "updated_at": "2024-03-05T10:00:00",
            "deleted": False,
            "case_id": f"{n + 20:032x}",
            "client_id": row["id"],
            "counsellor_id": "e" * 32,
            "day": "2024-03-05",
            "minutes": 30,
            "form": "in_person",
            "topics": [],
            "interpreter_used": False,
        }
        for n, row in enumerate(rows)
    ]
    cases = [
        {
            "id": f"{n + 20:032x}",
            "version": 1,
            "updated_at": "2024-03-05T10:00:00",
            "deleted": False,
            "client_id": row["id"],
            "service": "mbe",
            "counsellor_id": "e" * 32,
            "opened": "2024-03-01",
        }
        for n, row in enumerate(rows)
    ]
    records = {"clients": rows, "cases": cases, "consultations": consultations}
    assert import_one(world, signed(world, records)).status == "imported"
    monkeypatch.undo()
    period = Period.month(2024, 3)
    text = organisation_report.summary_file(world.org, period, "csv", "en").decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text), delimiter=";") for cell in row]
    for hostile in HOSTILE[:2]:
        assert "'" + hostile in cells
        assert hostile not in cells
    data = organisation_report.summary_file(world.org, period, "xlsx", "en")
    assert "<f>" not in zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    values = [v for row in load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True) for v in row]
    assert set(HOSTILE[:2]) <= set(values)
