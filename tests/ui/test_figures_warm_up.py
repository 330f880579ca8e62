"""After a team lead signs in, the figures of the periods they print are counted in the background;
locking stops the counting cleanly, unlocking resumes it, signing out waits for it."""

from __future__ import annotations

import threading
from datetime import date

from beratung_desktop.services import statistics
from beratung_desktop.ui import figures_warm_up
from beratung_desktop.ui.qt import QtCore
from tests.conftest import PASSWORD


def _sign_in(qtbot, started, data_dir):
    app = started("--data-dir", str(data_dir))
    app.unlock_screen.password.setText(PASSWORD)
    app.unlock_screen.button.click()
    qtbot.waitUntil(lambda: app.main_window is not None, timeout=10000)
    return app


def _printed() -> list[tuple[str, str]]:
    return sorted((p.start.isoformat(), p.end.isoformat()) for p in statistics.printed_periods(date.today()))


def _stored(app) -> list[tuple[str, str]]:
    return [(start, end) for start, end, _selection in app.session.store.stored_figures.periods()]


def test_after_sign_in_the_printed_periods_are_counted_in_the_background(
    qtbot, started, new_store, data_dir, monkeypatch
):
    monkeypatch.setattr(figures_warm_up, "START_DELAY_MS", 10)
    new_store[0].close()
    threads: list[str] = []
    original = statistics.period_figures

    def counting(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return original(*args, **kwargs)

    monkeypatch.setattr(statistics, "period_figures", counting)
    app = _sign_in(qtbot, started, data_dir)
    assert app.warm_up is not None
    qtbot.waitUntil(lambda: app.warm_up.counted == 15, timeout=30000)
    assert not app.warm_up.running
    assert _stored(app) == _printed()
    # The pool's thread serves the next job at normal priority again.
    assert app.warm_up.priority_after == QtCore.QThread.Priority.NormalPriority
    assert threading.main_thread().name not in threads  # never on the window thread
    # A summary of one of them now reads what was counted.
    assert statistics.summary(app.session, statistics.printed_periods(date.today())[0]).current is not None


def test_locking_mid_way_stops_the_counting_cleanly_and_unlocking_resumes_it(
    qtbot, started, new_store, data_dir, monkeypatch
):
    monkeypatch.setattr(figures_warm_up, "START_DELAY_MS", 10)
    new_store[0].close()
    reached, go_on = threading.Event(), threading.Event()
    calls: list[int] = []
    original = statistics.period_counts

    def held(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:  # inside the third period's counting
            reached.set()
            go_on.wait(10)
        return original(*args, **kwargs)

    monkeypatch.setattr(statistics, "period_counts", held)
    app = _sign_in(qtbot, started, data_dir)
    qtbot.waitUntil(reached.is_set, timeout=30000)
    app.main_window.lock_action.trigger()
    assert app.auto_lock.is_locked
    go_on.set()  # the statement now runs with the stop requested: it is interrupted
    qtbot.waitUntil(lambda: not app.warm_up.running, timeout=10000)
    assert len(_stored(app)) == 2  # the two counted before the lock, not the interrupted third
    assert len(calls) == 3

    screen = app.auto_lock.lock_window.screen_widget
    screen.password.setText(PASSWORD)
    screen.button.click()
    qtbot.waitUntil(lambda: not app.auto_lock.is_locked, timeout=10000)
    qtbot.waitUntil(lambda: app.warm_up.counted == 13, timeout=30000)  # the rest, skipping the two
    assert _stored(app) == _printed()


def test_signing_out_waits_until_the_counting_let_go_of_the_store(qtbot, started, new_store, data_dir, monkeypatch):
    monkeypatch.setattr(figures_warm_up, "START_DELAY_MS", 10)
    new_store[0].close()
    reached = threading.Event()
    original = statistics.period_counts

    def slow(*args, **kwargs):
        reached.set()
        return original(*args, **kwargs)

    monkeypatch.setattr(statistics, "period_counts", slow)
    app = _sign_in(qtbot, started, data_dir)
    warm_up = app.warm_up
    qtbot.waitUntil(reached.is_set, timeout=30000)
    app.sign_out()
    assert not warm_up.running and app.session is None and app.unlock_screen is not None


def test_counsellors_do_not_count_summaries(qtbot, started, new_store, data_dir, monkeypatch):
    from beratung_desktop.services import accounts
    from beratung_desktop.storage.keyslots import TEST_KDF

    monkeypatch.setattr(figures_warm_up, "START_DELAY_MS", 10)
    session = new_store[0]
    accounts.add_user(session, "berta", "counsellor", PASSWORD, kdf=TEST_KDF)
    session.close()
    app = started("--data-dir", str(data_dir))
    app.unlock_screen.user.setCurrentText("berta")
    app.unlock_screen.password.setText(PASSWORD)
    app.unlock_screen.button.click()
    qtbot.waitUntil(lambda: app.main_window is not None, timeout=10000)
    qtbot.wait(300)
    assert not app.warm_up.running and app.session.store.stored_figures.periods() == []
