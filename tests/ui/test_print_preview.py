"""The print preview shows a PDF from memory, prints it page by page and saves it where the user chose."""

from __future__ import annotations

from datetime import date

from beratung_desktop.domain.statistics import Period
from beratung_desktop.services import printing
from beratung_desktop.ui.print_preview import PrintPreviewDialog
from beratung_desktop.ui.qt import QtCore, QtGui, QtWidgets
from tests import factories


def _pdf(session) -> bytes:
    client = factories.add_client(session)
    case = factories.add_case(session, client)
    factories.add_consultation(session, case)
    return printing.monthly_summary_pdf(session, Period.month(2024, 3), language="en", today=date(2024, 4, 1))


def test_preview_shows_every_page(qtbot, session):
    pdf = _pdf(session)
    dialog = PrintPreviewDialog(pdf, "Monthly summary", "summary-2024-03.pdf")
    qtbot.addWidget(dialog)
    dialog.show()
    import io

    from pypdf import PdfReader

    expected = len(PdfReader(io.BytesIO(pdf)).pages)
    assert expected >= 2 and dialog.page_count == expected
    assert dialog.document.status() == dialog.document.Status.Ready
    dialog.zoom_in()
    assert dialog.view.zoomFactor() > 0


def test_save_as_writes_where_the_user_chose(qtbot, session, tmp_path, monkeypatch):
    pdf = _pdf(session)
    events = []
    dialog = PrintPreviewDialog(pdf, "Monthly summary", "summary.pdf", on_printed=events.append)
    qtbot.addWidget(dialog)
    target = tmp_path / "chosen" / "my summary"
    target.parent.mkdir()
    monkeypatch.setattr(
        QtWidgets.QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "PDF documents (*.pdf)"))
    )
    saved = dialog.save_as()
    assert saved == str(target) + ".pdf"
    assert (tmp_path / "chosen" / "my summary.pdf").read_bytes() == pdf
    assert sorted(p.name for p in target.parent.iterdir()) == ["my summary.pdf"]
    assert events == ["save"]


def test_cancelled_save_writes_nothing(qtbot, session, tmp_path, monkeypatch):
    dialog = PrintPreviewDialog(_pdf(session), "x", "x.pdf")
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    assert dialog.save_as() is None


def test_render_to_a_pdf_printer(qtbot, session, tmp_path):
    from beratung_desktop.ui.qt import QtPrintSupport

    pdf = _pdf(session)
    dialog = PrintPreviewDialog(pdf, "x", "x.pdf")
    qtbot.addWidget(dialog)
    printer = QtPrintSupport.QPrinter(QtPrintSupport.QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QtPrintSupport.QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert dialog.render_to(printer)
    from pypdf import PdfReader

    assert len(PdfReader(str(out)).pages) == dialog.page_count


def test_shortcuts(qtbot, session):
    dialog = PrintPreviewDialog(_pdf(session), "x", "x.pdf")
    qtbot.addWidget(dialog)
    shortcuts = {a.shortcut().toString(QtGui.QKeySequence.SequenceFormat.PortableText) for a in dialog.actions()}
    assert {"Ctrl+P", "Ctrl+S"} <= shortcuts
    dialog.show()
    qtbot.keyClick(dialog, QtCore.Qt.Key.Key_Escape)
    assert not dialog.isVisible()
