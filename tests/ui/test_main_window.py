"""Navigation, shortcuts, settings locked by IT, and the remembered window geometry."""

from __future__ import annotations

import json

from beratung_desktop.ui.main_window import MainWindow
from beratung_desktop.ui.qt import Qt, QtWidgets
from tests import factories


def _window(qtbot, session, settings_store) -> MainWindow:
    store = settings_store
    window = MainWindow(session, store, store.load())
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    return window


def test_ctrl_f_goes_to_search_and_enter_opens_the_client(qtbot, session, settings_store):
    client = factories.add_client(session, given_name="Amal", family_name="Haddad")
    window = _window(qtbot, session, settings_store)
    assert window.current_page() == "start"
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() == "clients"
    assert QtWidgets.QApplication.focusWidget() is window.client_list.search
    window.client_list.search_now("haddad")
    qtbot.keyClick(window.client_list.search, Qt.Key.Key_Return)
    assert window.clients.currentWidget() is window.client_page
    assert window.client_page.client_id() == client.id
    window.client_page.back_button.click()
    assert window.clients.currentWidget() is window.client_list


def test_geometry_is_remembered(qtbot, session, settings_store):
    window = _window(qtbot, session, settings_store)
    window.resize(1040, 690)
    window.close()
    saved = settings_store.load()
    assert saved.window_geometry
    again = _window(qtbot, session, settings_store)
    # The offscreen test screen is 800 px wide, so Qt fits the width to it; the height is kept.
    assert again.size().height() == 690


def test_settings_fixed_by_it_are_shown_locked(qtbot, session, settings_store):
    settings_store.machine_path.write_text(json.dumps({"auto_lock_minutes": 3}), "utf-8")
    window = _window(qtbot, session, settings_store)
    page = window.settings_page
    assert page.auto_lock.value() == 3 and not page.auto_lock.isEnabled()
    assert page.folders["backup_dir"].isEnabled()
    assert not page.locked_note.isHidden()
    assert all(w.accessibleName() for w in (page.language, page.auto_lock, page.folders["data_dir"].edit))


def test_help_lists_every_shortcut_of_the_window_and_its_pages(qtbot, session, settings_store):
    from beratung_desktop.ui.qt import QtGui

    store = settings_store
    window = MainWindow(session, store, store.load())
    qtbot.addWidget(window)
    for key in window.page_keys:
        window.show_page(key)
    window.open_client(factories.add_client(session).id)
    keys = " ".join(k for k, _text in window.help_rows())
    sequences = [s.key() for s in window.findChildren(QtGui.QShortcut)]
    sequences += [a.shortcut() for a in window.findChildren(QtGui.QAction) if not a.shortcut().isEmpty()]
    portable = QtGui.QKeySequence.SequenceFormat.PortableText
    missing = {s.toString(portable) for s in sequences} - {""}
    missing = {m for m in missing if m not in keys and not (m.startswith("Ctrl+") and m[5:].isdigit())}
    assert missing == set()


def test_ctrl_n_on_the_appointments_page_opens_a_new_appointment(qtbot, session, monkeypatch, settings_store):
    store = settings_store
    window = MainWindow(session, store, store.load())
    qtbot.addWidget(window)
    window.show()
    window.show_page("appointments")
    opened = []
    monkeypatch.setattr(window.appointments_view, "new_appointment", lambda: opened.append("appointment"))
    monkeypatch.setattr(window, "open_new_client_dialog", lambda: opened.append("client"))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    window.show_page("start")
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opened == ["appointment", "client"]
