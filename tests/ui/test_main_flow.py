"""The counsellor's main flow through the real main window, by keyboard: new client (Ctrl+N), the
duplicate warning, recording a consultation (Ctrl+R, Ctrl+S), and finding the client again (Ctrl+F)."""

from __future__ import annotations

from beratung_desktop.ui.main_window import MainWindow
from beratung_desktop.ui.qt import Qt, QtCore, QtWidgets
from tests.ui.conftest import ctrl_s


def _on_next_dialog(qtbot, act, failures: list[BaseException]) -> None:
    """Runs `act(dialog)` once the next modal dialog (started by exec()) is active. A dialog still open
    afterwards is rejected, so a failing step ends the test instead of hanging it."""

    def run() -> None:
        dialog = None
        try:
            qtbot.waitUntil(lambda: QtWidgets.QApplication.activeModalWidget() is not None, timeout=3000)
            dialog = QtWidgets.QApplication.activeModalWidget()
            dialog.activateWindow()
            qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
            act(dialog)
        except BaseException as exc:
            failures.append(exc)
        dialog = dialog or QtWidgets.QApplication.activeModalWidget()
        if dialog is not None and dialog.isVisible():
            failures.append(AssertionError(f"{type(dialog).__name__} stayed open"))
            dialog.reject()

    QtCore.QTimer.singleShot(0, run)


def _ctrl(qtbot, window, key, act=None, failures: list[BaseException] | None = None) -> None:
    """Presses Ctrl+key in the active main window; `act` fills the dialog that the key opens."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    if act is not None:
        _on_next_dialog(qtbot, act, failures)
    qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
    assert not failures, failures


def test_new_client_consultation_and_search(qtbot, session, show, settings_store):
    store = settings_store
    window = show(MainWindow(session, store, store.load()))

    def new_client(dialog) -> None:
        qtbot.keyClicks(dialog.given, "Mira")
        qtbot.keyClicks(dialog.family, "Quendel")
        ctrl_s(qtbot, dialog.given)

    failures: list[BaseException] = []
    _ctrl(qtbot, window, Qt.Key.Key_N, new_client, failures)
    assert window.clients.currentWidget() is window.client_page
    assert window.client_page.title.text().startswith("Quendel, Mira")
    client_id = window.client_page.client_id()

    def duplicate(dialog) -> None:
        qtbot.keyClicks(dialog.given, "Mira")
        qtbot.keyClicks(dialog.family, "Quendl")
        qtbot.waitUntil(dialog.duplicates.isVisible, timeout=3000)
        assert "Quendel, Mira" in dialog.duplicates.text.text()
        qtbot.mouseClick(dialog.duplicates.buttons()[0], Qt.MouseButton.LeftButton)  # open the existing one

    window.show_client_list()
    _ctrl(qtbot, window, Qt.Key.Key_N, duplicate, failures)
    assert window.client_page.client_id() == client_id
    assert session.store.clients.count() == 1

    def consultation(dialog) -> None:
        qtbot.keyClick(dialog.topics.chip("housing"), Qt.Key.Key_Space)
        ctrl_s(qtbot, dialog.notes)

    _ctrl(qtbot, window, Qt.Key.Key_R, consultation, failures)
    assert window.client_page.consultations.rowCount() == 1
    assert window.client_page.consultations.item(0, 3).text() == "Housing"

    _ctrl(qtbot, window, Qt.Key.Key_F)
    qtbot.keyClicks(window.client_list.search, "quen")
    qtbot.waitUntil(lambda: window.client_list.model.rowCount() == 1, timeout=2000)
    model = window.client_list.model
    assert model.data(model.index(0, 1)) == "Quendel, Mira"
    assert model.data(model.index(0, 7)), "the last contact shows the new consultation"
