"""At sign-in the start page shows before its slow parts are read: the deadlines (hundreds with their
clients in a large office) come from a worker once the window is painted, and a refresh the user asks
for meanwhile is never overwritten by the older read."""

from __future__ import annotations

import threading
from datetime import date, timedelta

from beratung_desktop.services import deadlines
from beratung_desktop.ui.start_page import StartPage
from tests import factories

WAIT = 30


def _deadline(session, client, days: int, note: str) -> None:
    deadlines.set_deadline(session, client.id, "appeal", date.today() + timedelta(days=days), note)


def test_the_deadlines_are_read_in_a_worker_after_the_page_is_shown(qtbot, session, show, monkeypatch):
    client = factories.add_client(session, family_name="Haddad")
    _deadline(session, client, 3, "Widerspruch")
    threads: list[int] = []
    original = deadlines.upcoming

    def upcoming(*args, **kwargs):
        threads.append(threading.get_ident())
        return original(*args, **kwargs)

    monkeypatch.setattr(deadlines, "upcoming", upcoming)
    page = show(StartPage(session))
    assert threads == [] and not page.deadlines.loaded
    assert page.deadlines.list.item(0).text() == "Reading the deadlines…"
    qtbot.waitUntil(lambda: page.deadlines.loaded, timeout=WAIT * 1000)
    assert threads and threads[0] != threading.get_ident()
    assert "Haddad" in page.deadlines.list.item(0).text()


def test_a_refresh_meanwhile_is_not_overwritten_by_the_older_read(qtbot, session, show, monkeypatch):
    client = factories.add_client(session, family_name="Haddad")
    _deadline(session, client, 3, "Erste")
    inside, release = threading.Event(), threading.Event()
    original = deadlines.upcoming

    def upcoming(*args, in_worker=False, **kwargs):
        found = original(*args, in_worker=in_worker, **kwargs)
        if in_worker:
            inside.set()
            release.wait(WAIT)
        return found

    monkeypatch.setattr(deadlines, "upcoming", upcoming)
    page = show(StartPage(session))
    qtbot.waitUntil(inside.is_set, timeout=WAIT * 1000)
    _deadline(session, client, 1, "Zweite")
    page.refresh()  # the user's own refresh reads both deadlines on the window thread
    assert [i.deadline.note for i in page.deadlines.items] == ["Zweite", "Erste"]
    release.set()
    qtbot.waitUntil(lambda: not page.deadlines.busy, timeout=WAIT * 1000)
    assert [i.deadline.note for i in page.deadlines.items] == ["Zweite", "Erste"]
