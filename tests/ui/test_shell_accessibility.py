"""Screen readers: every input of the shell (main window pages, client page, wizard, unlock screen) has an
accessible name; buttons are named by their text."""

from __future__ import annotations

from beratung_desktop.storage.keyslots import TEST_KDF
from beratung_desktop.ui.main_window import MainWindow
from beratung_desktop.ui.qt import QtWidgets
from beratung_desktop.ui.setup_wizard import SetupWizard
from beratung_desktop.ui.unlock_screen import UnlockScreen
from tests import factories

INPUTS = (
    QtWidgets.QLineEdit,
    QtWidgets.QAbstractSpinBox,
    QtWidgets.QComboBox,
    QtWidgets.QAbstractButton,
    QtWidgets.QAbstractItemView,
    QtWidgets.QProgressBar,
)
COMPOUND = (
    QtWidgets.QAbstractSpinBox,
    QtWidgets.QComboBox,
    QtWidgets.QScrollBar,
    QtWidgets.QTabBar,
    QtWidgets.QAbstractItemView,
    QtWidgets.QLineEdit,
    QtWidgets.QToolBar,
)


def _unnamed(root: QtWidgets.QWidget) -> list[str]:
    missing = []
    for w in root.findChildren(QtWidgets.QWidget):
        if not isinstance(w, INPUTS) or not w.isVisibleTo(root) or isinstance(w.parentWidget(), COMPOUND):
            continue
        if w.objectName().startswith("qt_") or isinstance(w, QtWidgets.QScrollBar):
            continue
        if w.accessibleName() or (isinstance(w, QtWidgets.QAbstractButton) and w.text().strip("&")):
            continue
        missing.append(f"{type(w).__name__} {w.objectName()!r}")
    return missing


def test_main_window_pages_and_client_page(qtbot, session, show, settings_store):
    client = factories.add_client(session)
    factories.add_case(session, client)
    store = settings_store
    window = show(MainWindow(session, store, store.load()))
    window.show_client_list()
    assert _unnamed(window.client_list) == []
    window.open_client(client.id)
    for index in range(window.client_page.tabs.count()):
        window.client_page.tabs.setCurrentIndex(index)
        assert _unnamed(window.client_page) == [], window.client_page.tabs.tabText(index)
    window.show_page("settings")
    assert _unnamed(window.settings_page) == []


def test_wizard_and_unlock_screen(qtbot, tmp_path, show):
    wizard = show(SetupWizard(tmp_path / "new", kdf=TEST_KDF))
    for page in (wizard.office_page, wizard.user_page, wizard.password_page):
        assert _unnamed(page) == []
    screen = show(UnlockScreen(["anna"], lambda u, p: None))
    assert _unnamed(screen) == []
