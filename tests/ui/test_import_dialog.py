"""Import list from the GUI: preview with encoding and counts, every bad row listed, then the import."""

from __future__ import annotations

from pathlib import Path

from beratung_desktop.ui.reports_page import ReportsPage

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "import-example.xlsx"


def test_example_file_imports_from_the_gui(qtbot, session, show):
    page = show(ReportsPage(session))
    dialog = page.open_import()
    dialog.check(EXAMPLE)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20000)
    assert "XLSX" in dialog.summary.text() and "12 new clients" in dialog.summary.text()
    assert dialog.import_button.isEnabled() and session.store.clients.count() == 0
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None and dialog.report.written, timeout=20000)
    assert session.store.clients.count() == 12
    assert dialog.summary.text().startswith("Imported:")


def test_bad_rows_are_listed_and_import_is_not_offered(qtbot, session, show, tmp_path):
    path = tmp_path / "liste.csv"
    path.write_bytes(
        "Klientennummer;Vorname;Nachname;Dienst;Datum;Minuten;Themen\n"
        "K-1;Jörg;Weiß;MBE;03/01/2024;45;Wohnen\n"
        "K-2;C;D;MBE;01.03.2024;inf;Wohnen\n".encode("cp1252")
    )
    dialog = show(ReportsPage(session)).open_import()
    dialog.check(path)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20000)
    assert "Windows-1252" in dialog.summary.text()
    rows = [[dialog.problems.item(r, c).text() for c in range(4)] for r in range(dialog.problems.rowCount())]
    assert [(r[1], r[2]) for r in rows] == [("2", "Datum"), ("3", "Minuten")]
    assert not dialog.import_button.isEnabled()
    assert session.store.clients.count() == 0
