"""Unlocking a real store: right password opens it, wrong ones show a message and a growing wait."""

from __future__ import annotations

from beratung_desktop.services import accounts, sign_in
from beratung_desktop.services.session import Session
from beratung_desktop.storage.keyslots import TEST_KDF
from beratung_desktop.ui.unlock_screen import UnlockScreen
from tests.conftest import PASSWORD


def _screen(qtbot, folder) -> UnlockScreen:
    screen = UnlockScreen(
        sign_in.user_names(folder), lambda u, p: accounts.unlock(folder, u, p, kdf=TEST_KDF), hint="Demo password: x"
    )
    qtbot.addWidget(screen)
    screen.show()
    return screen


def test_right_password_opens_the_store(qtbot, new_store, data_dir):
    new_store[0].close()
    screen = _screen(qtbot, data_dir)
    assert screen.user.currentText() == "anna"
    assert screen.demo_hint.isVisible()
    qtbot.keyClicks(screen.password, PASSWORD)
    with qtbot.waitSignal(screen.succeeded, timeout=10000) as blocker:
        screen.button.click()
        assert screen.waiting and not screen.button.isEnabled(), "the check runs off the window thread"
    session = blocker.args[0]
    assert isinstance(session, Session) and session.user.name == "anna"
    assert screen.password.text() == ""
    session.close()


def test_wrong_password_message_and_growing_delay(qtbot, new_store, data_dir):
    new_store[0].close()
    screen = _screen(qtbot, data_dir)
    qtbot.keyClicks(screen.password, "wrong password")
    screen.button.click()
    qtbot.waitUntil(lambda: not screen.waiting, timeout=10000)
    assert screen.error.isVisible() and "Wrong user name or password" in screen.error.text()
    assert not screen.button.isEnabled() and "1 s" in screen.button.text()
    screen.submit()  # Enter during the wait does nothing
    assert not screen.waiting

    qtbot.waitUntil(lambda: screen.button.isEnabled(), timeout=3000)
    screen.button.click()
    qtbot.waitUntil(lambda: not screen.waiting, timeout=10000)
    assert screen.failures == 2 and "2 s" in screen.button.text()

    qtbot.waitUntil(lambda: screen.button.isEnabled(), timeout=4000)
    screen.password.clear()
    qtbot.keyClicks(screen.password, PASSWORD)
    with qtbot.waitSignal(screen.succeeded, timeout=10000) as blocker:
        screen.button.click()
    assert screen.failures == 0
    blocker.args[0].close()


def test_empty_password_asks_for_one(qtbot, new_store, data_dir):
    screen = _screen(qtbot, data_dir)
    screen.button.click()
    assert screen.error.text() == "Enter your password." and not screen.waiting


def test_retry_delay_grows_and_is_capped():
    assert [sign_in.retry_delay(n) for n in range(8)] == [0, 1, 2, 4, 8, 16, 30, 30]
