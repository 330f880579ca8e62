"""Auto-lock hides every record and window; the right password brings back the unsaved input."""

from __future__ import annotations

import pytest

from beratung_desktop.ui.auto_lock import AutoLock, PrivacyCover
from beratung_desktop.ui.main_window import MainWindow
from beratung_desktop.ui.qt import Qt, QtCore, QtWidgets
from tests.conftest import PASSWORD


@pytest.fixture
def request_stop(request):
    """Stops every AutoLock a test made, also when it fails, so none locks a later test's windows."""

    def register(lock: AutoLock) -> None:
        request.addfinalizer(lock.stop)

    return register


def _unlock(qtbot, lock: AutoLock, password: str) -> None:
    screen = lock.lock_window.screen_widget
    screen.password.setText(password)
    screen.button.click()
    qtbot.waitUntil(lambda: not screen.waiting, timeout=10000)


def test_idle_lock_covers_dialog_and_unlock_restores_typed_text(qtbot, qapp, session, request_stop, settings_store):
    window = MainWindow(session, settings_store, settings_store.load())
    qtbot.addWidget(window)
    window.show()
    lock = AutoLock(qapp, session, minutes=5, check_interval_ms=20)
    request_stop(lock)
    lock.set_idle_seconds(0.2)

    dialog = QtWidgets.QDialog(window)
    dialog.setWindowTitle("Consultation with Amal Haddad")
    edit = QtWidgets.QLineEdit(dialog)
    QtWidgets.QVBoxLayout(dialog).addWidget(edit)
    checked: dict[str, object] = {}

    def while_dialog_runs() -> None:
        qtbot.keyClicks(edit, "half-typed notes")
        qtbot.waitUntil(lambda: lock.is_locked, timeout=3000)
        checked["main_hidden"] = not window.isVisible()
        checked["dialog_covered"] = bool(dialog.findChildren(PrivacyCover)) and not dialog.isEnabled()
        checked["title_neutral"] = "Amal" not in dialog.windowTitle()
        checked["lock_shown"] = lock.lock_window.isVisible()
        _unlock(qtbot, lock, "not the password")
        checked["still_locked"] = lock.is_locked and lock.lock_window.screen_widget.error.isVisible()
        qtbot.waitUntil(lambda: lock.lock_window.screen_widget.button.isEnabled(), timeout=3000)
        with qtbot.waitSignal(lock.unlocked, timeout=10000):
            _unlock(qtbot, lock, PASSWORD)
        checked["text"] = edit.text()
        checked["restored"] = window.isVisible() and dialog.isEnabled() and dialog.isVisible()
        checked["title"] = dialog.windowTitle()
        dialog.accept()

    QtCore.QTimer.singleShot(0, while_dialog_runs)
    result = dialog.exec()
    assert result == QtWidgets.QDialog.DialogCode.Accepted, "the dialog survived the lock"
    assert checked == {
        "main_hidden": True,
        "dialog_covered": True,
        "title_neutral": True,
        "lock_shown": True,
        "still_locked": True,
        "text": "half-typed notes",
        "restored": True,
        "title": "Consultation with Amal Haddad",
    }
    lock.stop()


def test_activity_postpones_the_lock_and_ctrl_l_locks(qtbot, qapp, session, request_stop, settings_store):
    window = MainWindow(session, settings_store, settings_store.load())
    qtbot.addWidget(window)
    window.show()
    lock = AutoLock(qapp, session, minutes=0, check_interval_ms=20)
    request_stop(lock)
    window.lock_requested.connect(lock.lock)
    lock.set_idle_seconds(0.4)
    for _ in range(6):
        qtbot.wait(100)
        qtbot.keyClick(window.client_list.search, "a")
    assert not lock.is_locked
    lock.set_minutes(0)
    window.lock_action.trigger()
    assert lock.is_locked and not window.isVisible()
    with qtbot.waitSignal(lock.unlocked, timeout=10000):
        _unlock(qtbot, lock, PASSWORD)
    assert window.isVisible()
    lock.stop()


def test_lock_during_a_consultation_keeps_the_typed_notes(qtbot, qapp, session, request_stop, settings_store):
    from beratung_desktop.ui.consultations.consultation_dialog import ConsultationDialog
    from tests import factories

    client = factories.add_client(session, given_name="Amal", family_name="Haddad")
    factories.add_case(session, client)
    window = MainWindow(session, settings_store, settings_store.load())
    qtbot.addWidget(window)
    window.show()
    window.open_client(client.id)
    lock = AutoLock(qapp, session, minutes=0, check_interval_ms=20)
    request_stop(lock)
    dialog = ConsultationDialog(session, client, parent=window)
    qtbot.addWidget(dialog)
    seen: dict[str, object] = {}

    def during() -> None:
        qtbot.keyClick(dialog.topics.chip("housing"), Qt.Key.Key_Space)
        dialog.notes.setFocus()
        qtbot.keyClicks(dialog.notes, "Deposit question, continue next week")
        lock.set_idle_seconds(0.1)
        qtbot.waitUntil(lambda: lock.is_locked, timeout=3000)
        seen["hidden"] = not window.isVisible() and not dialog.isEnabled()
        seen["title"] = "Haddad" not in dialog.windowTitle()
        lock.set_minutes(0)
        with qtbot.waitSignal(lock.unlocked, timeout=10000):
            _unlock(qtbot, lock, PASSWORD)
        seen["notes"] = dialog.notes.toPlainText()
        dialog.try_save()

    QtCore.QTimer.singleShot(0, during)
    assert dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted
    assert seen == {"hidden": True, "title": True, "notes": "Deposit question, continue next week"}
    stored = session.store.consultations.for_client(client.id)
    assert [c.notes for c in stored] == ["Deposit question, continue next week"]
