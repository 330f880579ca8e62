"""Documents and deadlines in the window: add a PDF and a JPEG, view them, a deadline on the start page
marked done, a copy saved out (audited), and a marker inside a document nowhere on disk in plaintext."""

from __future__ import annotations

import os
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

from beratung_desktop.services import deadlines, documents
from beratung_desktop.ui.documents import document_viewer
from beratung_desktop.ui.documents.add_document_dialog import AddDocumentDialog
from beratung_desktop.ui.documents.reminder_dialog import DeadlineReminder
from beratung_desktop.ui.main_window import MainWindow
from beratung_desktop.ui.qt import QtCore, QtGui, QtWidgets
from tests import factories
from tests.document_samples import jpeg, pdf, png


def _window(qtbot, session, settings_store) -> MainWindow:
    window = MainWindow(session, settings_store, settings_store.load())
    qtbot.addWidget(window)
    window.show()
    return window


def _add(tab, path: Path, *, kind: str = "decision", deadline: str = "", due: date | None = None) -> bool:
    dialog = tab.add_files([path])
    assert isinstance(dialog, AddDocumentDialog)
    dialog.kind.set_code(kind)
    dialog.issuer.setText("Ausländerbehörde Kreis")
    if deadline:
        dialog.deadline_kind.set_code(deadline)
        dialog.deadline_due.set_value(due or date.today())
    return dialog.try_save()


def test_add_view_deadline_done_and_save_a_copy(qtbot, session, settings_store, tmp_path, monkeypatch) -> None:
    client = factories.add_client(session, given_name="Amal", family_name="Haddad")
    window = _window(qtbot, session, settings_store)
    window.open_client(client.id)
    tab = window.client_page.documents_tab
    letter, scan = tmp_path / "Bescheid.pdf", tmp_path / "Aufenthaltstitel.jpg"
    letter.write_bytes(pdf())
    scan.write_bytes(jpeg())

    assert _add(tab, letter, deadline="appeal", due=date.today() + timedelta(days=5))
    assert _add(tab, scan, kind="residence_permit")
    assert tab.document_table.rowCount() == 2 and tab.deadline_table.rowCount() == 1
    titles = {tab.document_table.item(r, 3).text() for r in range(2)}
    assert titles == {"Bescheid.pdf", "Aufenthaltstitel.jpg"}

    # Both open in the viewer from memory: the PDF's page through QtPdf, the photo as an image.
    for row, title in enumerate(d.title for d in tab.documents):
        tab.document_table.selectRow(row)
        viewer = tab.view_selected()
        assert viewer is not None and viewer.document_record.title == title
        assert viewer.page_count == 1
        if viewer.pdf is not None:
            qtbot.waitUntil(lambda v=viewer: v.pdf.status() == v.pdf.Status.Ready, timeout=3000)
            assert not viewer.pdf.render(0, QtCore.QSize(200, 280)).isNull()
        else:
            qtbot.waitUntil(lambda v=viewer: v.picture.pixmap() is not None and not v.picture.pixmap().isNull())
        viewer.close()
    assert [e.action for e in session.store.audit.recent(2)] == ["view", "view"]

    # The deadline is on the start page, and done from there.
    window.show_page("start")
    section = window.start_page.deadlines
    assert len(section.items) == 1 and "Haddad" in section.list.item(0).text()
    section.mark_done()
    assert section.items == [] and section.list.count() == 1 and not section.list.item(0).flags()
    assert deadlines.deadlines_of(session, client.id)[0].status == "done"

    # Save a copy out: warned, folder chosen, written, audited.
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(document_viewer, "confirm_unencrypted_copy", lambda parent: True)
    monkeypatch.setattr(QtWidgets.QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(out)))
    window.open_client(client.id)
    tab.document_table.selectRow([d.title for d in tab.documents].index("Bescheid.pdf"))
    copy = tab.save_selected()
    assert copy is not None and copy.read_bytes() == letter.read_bytes()
    entry = session.store.audit.recent(1)[0]
    assert (entry.action, entry.record_type) == ("save_copy", "document")


def test_a_declined_warning_saves_nothing(qtbot, session, settings_store, tmp_path, monkeypatch) -> None:
    client = factories.add_client(session)
    documents.add_document(session, client.id, "a.pdf", pdf(), documents.DocumentDetails(), limit=10**7)
    window = _window(qtbot, session, settings_store)
    window.open_client(client.id)
    monkeypatch.setattr(document_viewer, "confirm_unencrypted_copy", lambda parent: False)
    assert window.client_page.documents_tab.save_selected() is None
    assert session.store.audit.recent(1)[0].action != "save_copy"


def test_a_refused_file_keeps_the_dialog_open_with_the_reason(qtbot, session, settings_store, tmp_path) -> None:
    client = factories.add_client(session)
    window = _window(qtbot, session, settings_store)
    window.open_client(client.id)
    fake = tmp_path / "scan.pdf"
    fake.write_bytes(jpeg())  # a photo named .pdf
    assert not _add(window.client_page.documents_tab, fake)
    dialog = window.client_page.documents_tab.dialog
    assert dialog is not None and dialog.isVisible()
    assert "named like a PDF file, but its content is JPEG" in dialog.banner.text.text()
    assert documents.documents_of(session, client.id) == []


def test_dropped_files_open_one_description_after_the_other(qtbot, session, settings_store, tmp_path) -> None:
    client = factories.add_client(session)
    window = _window(qtbot, session, settings_store)
    window.open_client(client.id)
    tab = window.client_page.documents_tab
    files = [tmp_path / "eins.pdf", tmp_path / "zwei.png"]
    files[0].write_bytes(pdf())
    files[1].write_bytes(png())
    mime = QtCore.QMimeData()
    mime.setUrls([QtCore.QUrl.fromLocalFile(str(p)) for p in files])
    drop = QtGui.QDropEvent(
        QtCore.QPointF(10, 10),
        QtCore.Qt.DropAction.CopyAction,
        mime,
        QtCore.Qt.MouseButton.LeftButton,
        QtCore.Qt.KeyboardModifier.NoModifier,
    )
    tab.dropEvent(drop)
    qtbot.waitUntil(lambda: tab.dialog is not None)
    assert tab.dialog.path.name == "eins.pdf"
    assert tab.dialog.try_save()
    qtbot.waitUntil(lambda: tab.dialog is not None and tab.dialog.path.name == "zwei.png")
    assert tab.dialog.try_save()
    assert sorted(d.title for d in tab.documents) == ["eins.pdf", "zwei.png"]


def test_the_reminder_comes_at_sign_in_and_at_the_first_unlock_of_a_day(qtbot, session) -> None:
    client = factories.add_client(session, family_name="Frist")
    today = date.today()
    deadlines.set_deadline(session, client.id, "appeal", today, "Widerspruch")
    deadlines.set_deadline(session, client.id, "permit_expiry", today - timedelta(days=2))
    deadlines.set_deadline(session, client.id, "authority_appointment", today + timedelta(days=3))
    parent = QtWidgets.QWidget()
    qtbot.addWidget(parent)
    opened: list[str] = []
    reminder = DeadlineReminder(parent, session, opened.append)
    dialog = reminder.remind(today)
    assert dialog is not None and dialog.list.count() == 2
    assert dialog.summary.text() == "1 deadline is due today, 1 is overdue."
    dialog.open_client()
    assert opened == [client.id]
    assert reminder.after_unlock(today) is None  # the same day: no second reminder
    assert reminder.after_unlock(today + timedelta(days=1)) is not None


def _files_changed_since(folder: Path, since: float) -> list[Path]:
    found = []
    for root, _dirs, names in os.walk(folder):
        for name in names:
            path = Path(root) / name
            try:
                if path.is_file() and not path.is_symlink() and path.stat().st_mtime >= since:
                    found.append(path)
            except OSError:
                continue
    return found


def test_a_marker_inside_a_document_is_nowhere_on_disk_in_plaintext(
    qtbot, session, settings_store, tmp_path, data_dir
) -> None:
    marker = f"Klartextmarke{uuid.uuid4().hex[:12]}"
    started = time.time() - 1
    client = factories.add_client(session)
    window = _window(qtbot, session, settings_store)
    window.open_client(client.id)
    tab = window.client_page.documents_tab
    source = tmp_path / "incoming" / "brief.pdf"
    source.parent.mkdir()
    source.write_bytes(pdf(*[f"{marker} Zeile {n}" for n in range(6)]))
    assert marker.encode() in source.read_bytes()  # the sample itself carries it readably
    assert _add(tab, source, deadline="appeal")
    source.unlink()  # the counsellor's own scan; what matters is what the app leaves behind
    viewer = tab.view_selected()
    assert viewer is not None
    qtbot.waitUntil(lambda: viewer.pdf.status() == viewer.pdf.Status.Ready, timeout=3000)
    viewer.pdf.render(0, QtCore.QSize(400, 560))
    viewer.close()
    assert documents.open_document(session, tab.documents[0].id)[1].count(marker.encode()) == 6

    needle = marker.encode()
    places = [data_dir, Path(tempfile.gettempdir())]
    cache = QtCore.QStandardPaths.writableLocation(QtCore.QStandardPaths.StandardLocation.CacheLocation)
    if cache and Path(cache).exists():
        places.append(Path(cache))
    searched = 0
    for place in places:
        for path in _files_changed_since(place, started):
            try:
                content = path.read_bytes()
            except OSError:
                continue
            searched += 1
            assert needle not in content, f"plaintext marker in {path}"
    database = data_dir / "beratung.db"
    assert database.exists() and searched > 2


def test_a_deadline_is_moved_with_a_reason_and_becomes_an_appointment(qtbot, session, settings_store) -> None:
    client = factories.add_client(session, family_name="Termin")
    due = date.today() + timedelta(days=10)
    deadlines.set_deadline(session, client.id, "appeal", due, "Widerspruch")
    window = _window(qtbot, session, settings_store)
    window.open_client(client.id)
    tab = window.client_page.documents_tab
    dialog = tab.move_selected()
    assert dialog is not None
    assert not dialog.try_save()  # no reason given: refused, the dialog stays
    dialog.due.set_value(due + timedelta(days=30))
    dialog.reason.setText("Fristverlängerung bis Januar")
    assert dialog.try_save()
    assert "Fristverlängerung bis Januar" in tab.deadline_table.item(0, 2).text()

    appointment = tab.appointment_from_deadline()
    assert appointment is not None
    assert appointment.start.value().date() == due + timedelta(days=27)
    assert "Widerspruch" in appointment.notes.toPlainText()
    appointment.discard()
