"""Workers that outlive their window or session end quietly: no traceback, no read of a closed store,
no result handed to a deleted widget; a lock (the store stays open) lets them finish as usual."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest

from beratung_desktop.services import privacy
from beratung_desktop.storage import connection
from beratung_desktop.storage.errors import StoreClosed
from beratung_desktop.ui.privacy.privacy_notices import PrivacyNotices
from beratung_desktop.ui.qt import QtCore, QtWidgets
from beratung_desktop.ui.worker import Job, start_job
from tests.conftest import PASSWORD
from tests.ui.conftest import flush_deleted

WAIT = 30  # seconds; reached only when something hangs


def _settle() -> None:
    assert QtCore.QThreadPool.globalInstance().waitForDone(WAIT * 1000)
    QtCore.QCoreApplication.processEvents()
    flush_deleted()
    QtCore.QCoreApplication.processEvents()


@pytest.fixture
def held_notices(monkeypatch):
    """The start page's privacy notices stop in their worker until the test releases them; what the real
    reading then does (its result or error) is recorded."""
    inside, release = threading.Event(), threading.Event()
    outcome: list[object] = []
    original = privacy.start_notices

    def held(session, settings_store):
        inside.set()
        release.wait(WAIT)
        try:
            result = original(session, settings_store)
        except Exception as exc:
            outcome.append(exc)
            raise
        outcome.append(result)
        return result

    monkeypatch.setattr(privacy, "start_notices", held)
    yield inside, release, outcome
    release.set()


@pytest.fixture
def readers_opened(monkeypatch):
    """Every read-only connection opened from now on."""
    opened: list[str] = []
    original = connection.connect

    def connect(path, key, *, read_only=False, exclusive=False):
        if read_only:
            opened.append(str(path))
        return original(path, key, read_only=read_only, exclusive=exclusive)

    monkeypatch.setattr(connection, "connect", connect)
    return opened


def _signed_in(qtbot, started, data_dir):
    app = started("--data-dir", str(data_dir))
    app.unlock_screen.password.setText(PASSWORD)
    app.unlock_screen.button.click()
    qtbot.waitUntil(lambda: app.main_window is not None, timeout=10000)
    return app


def test_signing_out_while_a_worker_is_held_ends_it_quietly(
    qtbot, started, new_store, data_dir, held_notices, readers_opened, capfd
):
    inside, release, outcome = held_notices
    new_store[0].close()
    app = _signed_in(qtbot, started, data_dir)
    qtbot.waitUntil(inside.is_set, timeout=WAIT * 1000)  # the start page reads its notices in a worker
    notices = app.main_window.findChild(PrivacyNotices)
    assert notices is not None and notices.busy
    deadlines = app.main_window.start_page.deadlines
    qtbot.waitUntil(lambda: deadlines.loaded and not deadlines.busy, timeout=WAIT * 1000)  # its worker is done
    capfd.readouterr()
    readers_before = len(readers_opened)

    app.sign_out()  # closes the main window and the store while the worker waits
    release.set()
    _settle()

    assert len(outcome) == 1 and isinstance(outcome[0], StoreClosed)
    assert len(readers_opened) == readers_before, "no connection was opened after the store closed"
    assert "Traceback" not in capfd.readouterr().err
    assert app.unlock_screen is not None and app.unlock_screen.isVisible()


def test_a_lock_while_a_worker_is_held_lets_it_finish(qtbot, started, new_store, data_dir, held_notices, capfd):
    inside, release, outcome = held_notices
    new_store[0].close()
    app = _signed_in(qtbot, started, data_dir)
    qtbot.waitUntil(inside.is_set, timeout=WAIT * 1000)
    notices = app.main_window.findChild(PrivacyNotices)
    capfd.readouterr()

    app.main_window.lock_action.trigger()
    assert app.auto_lock.is_locked
    release.set()
    qtbot.waitUntil(lambda: not notices.busy, timeout=WAIT * 1000)

    assert len(outcome) == 1 and not isinstance(outcome[0], Exception)
    assert notices.notices is outcome[0], "the result reached the (hidden) start page"
    assert "Traceback" not in capfd.readouterr().err
    app.auto_lock.stop()


class _Owner(QtWidgets.QWidget):
    def __init__(self, work, received: list[object]):
        super().__init__()
        self.received = received
        # One callback is a method (the owner), the other a lambda: both are dropped once it is deleted.
        self.job = start_job(work, lambda result: received.append(("lambda", result)), self.failed)

    def failed(self, exc: BaseException) -> None:
        self.received.append(("failed", exc))


def test_a_result_for_a_deleted_widget_is_dropped(qapp, capfd):
    inside, release = threading.Event(), threading.Event()
    received: list[object] = []

    def work() -> int:
        inside.set()
        release.wait(WAIT)
        return 7

    owner = _Owner(work, received)
    assert inside.wait(WAIT)
    owner.deleteLater()
    flush_deleted()
    release.set()
    _settle()

    assert received == []
    assert not Job._running, "the finished job was let go on the window thread"
    assert "Traceback" not in capfd.readouterr().err


def test_a_result_for_a_living_widget_arrives_on_the_window_thread(qapp):
    received: list[object] = []
    threads: list[object] = []

    def work() -> int:
        threads.append(QtCore.QThread.currentThread())
        return 7

    owner = _Owner(work, received)
    _settle()
    assert received == [("lambda", 7)]
    assert threads and threads[0] is not QtCore.QThread.currentThread()
    owner.deleteLater()


EXIT_PROBE = """
import sys, threading
from beratung_desktop.services import accounts, privacy
from beratung_desktop.storage.keyslots import TEST_KDF
from beratung_desktop.ui.privacy.privacy_notices import PrivacyNotices
from beratung_desktop.ui.qt import QtWidgets
from beratung_desktop.config import SettingsStore

app = QtWidgets.QApplication([])
session, _ = accounts.create_store(sys.argv[1], "anna", "correct horse battery", kdf=TEST_KDF)
inside, release = threading.Event(), threading.Event()
original = privacy.start_notices

def held(session, settings_store):
    inside.set()
    release.wait(30)
    return original(session, settings_store)

privacy.start_notices = held
store = SettingsStore(sys.argv[2] + "/m.json", sys.argv[2] + "/u.json")
notices = PrivacyNotices(session, store)
notices.refresh()
assert inside.wait(30)
notices.deleteLater()
session.close()
# The worker goes on only once the program is ending: it must end without a word.
threading.Timer(0.2, release.set).start()
print("leaving", flush=True)
"""


def test_a_worker_still_running_when_the_program_ends_prints_nothing(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", EXIT_PROBE, str(tmp_path / "store"), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.stdout.strip() == "leaving"
    assert "Traceback" not in result.stderr and "Error" not in result.stderr, result.stderr
    assert result.returncode == 0
