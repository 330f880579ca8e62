"""The application's start: wizard on an empty folder, unlock screen on an existing store."""

from __future__ import annotations

import sys

import pytest

from beratung_desktop.app import SWITCH_INTERVAL_S
from beratung_desktop.config import user_settings_path
from beratung_desktop.services import accounts
from beratung_desktop.storage.errors import WrongPassword
from beratung_desktop.storage.keyslots import TEST_KDF
from tests.conftest import PASSWORD
from tests.ui.conftest import flush_deleted


def test_empty_folder_starts_the_wizard(started, tmp_path):
    app = started("--data-dir", str(tmp_path / "new"), "--lang", "en")
    assert app.wizard is not None and app.wizard.isVisible()
    assert app.unlock_screen is None and app.main_window is None


def test_the_window_thread_waits_at_most_a_millisecond_for_a_worker_to_yield(started, tmp_path):
    """A report rendering in a worker holds the interpreter lock; the app shortens the switch interval so a
    search on the window thread is not held up for Python's default 5 ms at every hand-over."""
    sys.setswitchinterval(0.005)
    started("--data-dir", str(tmp_path / "new"), "--lang", "en")
    assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL_S) and SWITCH_INTERVAL_S <= 0.001


def test_existing_store_shows_unlock_then_main_window(qtbot, started, new_store, data_dir):
    new_store[0].close()
    app = started("--data-dir", str(data_dir))
    screen = app.unlock_screen
    assert screen is not None and screen.isVisible() and screen.user.currentText() == "anna"
    assert not screen.demo_hint.isVisible()
    screen.password.setText(PASSWORD)
    screen.button.click()
    qtbot.waitUntil(lambda: app.main_window is not None, timeout=10000)
    assert app.main_window.isVisible() and app.session.user.name == "anna"
    assert app.main_window.windowTitle().endswith("Beratungsstelle Test")
    app.main_window.lock_action.trigger()
    assert app.auto_lock.is_locked


def test_unlock_screen_names_the_office_after_the_first_sign_in(qtbot, started, new_store, data_dir):
    new_store[0].close()
    first = started("--data-dir", str(data_dir))
    assert "Beratungsstelle Test" not in first.unlock_screen.subtitle.text()
    first.unlock_screen.password.setText(PASSWORD)
    first.unlock_screen.button.click()
    qtbot.waitUntil(lambda: first.main_window is not None, timeout=10000)
    first.main_window.close()
    first.main_window.deleteLater()
    flush_deleted()
    first.main_window = None
    first.close_session()
    second = started("--data-dir", str(data_dir))
    assert second.unlock_screen.subtitle.text() == "Beratungsstelle Test"


def test_demo_mode_builds_the_demo_store_in_a_worker(qtbot, started, tmp_path, monkeypatch):
    demo = pytest.importorskip("beratung_desktop.services.demo")
    monkeypatch.setattr(demo, "DEMO_CLIENTS", 40)
    original = demo.ensure_demo_store
    monkeypatch.setattr(demo, "ensure_demo_store", lambda folder, **kw: original(folder, clients=40, **kw))
    app = started("--demo", "--data-dir", str(tmp_path / "demo"))
    assert app.progress is not None and app.progress.isVisible()
    qtbot.waitUntil(lambda: app.unlock_screen is not None, timeout=60000)
    screen = app.unlock_screen
    assert demo.DEMO_PASSWORD in screen.demo_hint.text() and screen.demo_hint.isVisible()
    assert screen.user.currentText() == demo.DEMO_USER
    screen.password.setText(demo.DEMO_PASSWORD)
    screen.button.click()
    qtbot.waitUntil(lambda: app.main_window is not None, timeout=10000)
    assert app.main_window.client_list.model.rowCount() == 40
    assert "DEMO" in app.main_window.windowTitle()
    # Closing saves the window layout: into the demo's own settings, never the real ones.
    app.main_window.close()
    assert not user_settings_path().exists()
    assert app.settings_store.user_path.exists()


def test_app_restores_the_chosen_backup_and_shows_sign_in(qtbot, started, new_store, data_dir, monkeypatch):
    from datetime import datetime

    from beratung_desktop.services import accounts, auto_backup
    from beratung_desktop.ui.qt import QtWidgets
    from beratung_desktop.ui.restore_dialog import RestoreChoice, RestoreDialog
    from tests.factories import add_client

    session, _ = new_store
    add_client(session, given_name="In", family_name="Backup")
    backup = auto_backup.write_checked_backup(session, data_dir / "backups" / "automatic", datetime(2026, 3, 1))
    add_client(session, given_name="After", family_name="Backup")
    session.close()
    app = started("--data-dir", str(data_dir))
    app.unlock_screen.password.setText(PASSWORD)
    app.unlock_screen.button.click()
    qtbot.waitUntil(lambda: app.main_window is not None, timeout=10000)
    monkeypatch.setattr(RestoreDialog, "exec", lambda self: QtWidgets.QDialog.DialogCode.Accepted)
    monkeypatch.setattr(RestoreDialog, "choice", lambda self: RestoreChoice(backup, PASSWORD, None))
    shown = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "information", lambda *a: shown.append(a[2]))
    assert app.main_window.restore_action.isVisible()
    app.main_window.restore_action.trigger()
    assert app.session is None and app.main_window is None and app.unlock_screen is not None
    assert "Restored the store" in shown[0]
    reopened = accounts.unlock(data_dir, "anna", PASSWORD, kdf=TEST_KDF)
    assert [c.family_name for c in reopened.store.clients.search("Backup")] == ["Backup"]
    reopened.close()


def test_forgot_password_recovers_with_the_recovery_key_and_signs_in(qtbot, started, new_store, data_dir):
    session, recovery_key = new_store
    session.close()
    app = started("--data-dir", str(data_dir))
    screen = app.unlock_screen
    assert screen.forgot.isVisible()
    dialog = screen.open_recovery()
    dialog.key.setText("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")
    dialog.password.setText("a new and quiet harbour")
    dialog.repeat.setText("a new and quiet harbour")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.waiting, timeout=10000)
    assert dialog.isVisible() and dialog.error.isVisible(), "a wrong key is refused in the dialog"
    assert app.main_window is None

    dialog.key.setText(recovery_key)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: app.main_window is not None, timeout=10000)
    assert app.session.user.name == "anna"
    app.main_window.close()
    app.main_window.deleteLater()
    flush_deleted()
    app.main_window = None
    app.close_session()
    # The new password is a real key slot: it opens the store, the old one no longer does.
    accounts.unlock(data_dir, "anna", "a new and quiet harbour", kdf=TEST_KDF).close()
    with pytest.raises(WrongPassword):
        accounts.unlock(data_dir, "anna", PASSWORD, kdf=TEST_KDF)


def test_organisation_key_from_machine_policy_enrols_at_the_first_admin_sign_in(
    qtbot, started, new_store, data_dir, tmp_path, monkeypatch
):
    import json

    from beratung_desktop import app as app_module
    from beratung_desktop.config import SettingsStore
    from beratung_desktop.services import exchange
    from tests.exchange.conftest import make_org

    org, key = make_org(tmp_path / "org")
    org.close()
    key_file = tmp_path / "org-key.json"
    key_file.write_text(json.dumps(key.to_json()), "utf-8")
    machine = tmp_path / "machine.json"
    outbox = tmp_path / "stick"
    machine.write_text(json.dumps({"organisation_key_file": str(key_file), "export_dir": str(outbox)}), "utf-8")
    store = SettingsStore(machine, tmp_path / "user.json")
    monkeypatch.setattr(app_module.SettingsStore, "default", classmethod(lambda cls: store))
    new_store[0].close()

    app = started("--data-dir", str(data_dir))
    app.unlock_screen.password.setText(PASSWORD)
    app.unlock_screen.button.click()
    qtbot.waitUntil(lambda: app.main_window is not None, timeout=10000)
    [enrollment_file] = outbox.glob("*.bdenroll")
    assert app.notice is not None and enrollment_file.name in app.notice.text()
    assert exchange.status(app.session, 14).enrolled
    # The next sign-in finds the laptop enrolled and writes nothing more.
    assert exchange.enroll_with_machine_key(app.session, key_file, outbox) is None
    assert len(list(outbox.glob("*.bdenroll"))) == 1
