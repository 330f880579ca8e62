"""A report or a sort in a worker reads through its own connection: the window thread's search never
waits for it, even while the worker is stopped in the middle of a query."""

from __future__ import annotations

import threading
from datetime import date, datetime

import pytest

from beratung_desktop.domain.statistics import Period
from beratung_desktop.services import printing
from beratung_desktop.services.client_list import ListQuery, list_client_ids
from beratung_desktop.storage import connection
from tests import factories

WAIT = 30  # seconds; only reached when something blocks


@pytest.fixture
def held_readers(monkeypatch: pytest.MonkeyPatch):
    """Read-only connections stop inside their first query until the test releases them."""
    inside, release = threading.Event(), threading.Event()
    original = connection.connect

    def connect(path, key, *, read_only=False):
        conn = original(path, key, read_only=read_only)
        if read_only:

            def hold() -> int:
                inside.set()
                release.wait(WAIT)
                return 0  # 0: go on with the query

            conn.set_progress_handler(hold, 1)
        return conn

    monkeypatch.setattr(connection, "connect", connect)
    yield inside, release
    release.set()


def _office(session):
    amal = factories.add_client(session, given_name="Amal", family_name="Haddad")
    case = factories.add_case(session, amal, service="mbe", opened=date(2024, 3, 1))
    factories.add_consultation(session, case, start=datetime(2024, 5, 20, 9, 0))
    factories.add_client(session, given_name="Bilal", family_name="Abadi")
    return amal


def _in_thread(work) -> tuple[threading.Thread, list]:
    result: list = []
    thread = threading.Thread(target=lambda: result.append(work()), daemon=True)
    thread.start()
    return thread, result


def test_a_search_completes_while_a_report_is_held_in_a_query(session, held_readers):
    inside, release = held_readers
    amal = _office(session)
    report, pdf = _in_thread(lambda: printing.monthly_summary_pdf(session, Period.month(2024, 5)))
    assert inside.wait(WAIT), "the report did not start reading"
    search, found = _in_thread(lambda: list_client_ids(session, ListQuery(text="hadd")))
    search.join(WAIT)
    assert not search.is_alive(), "the search waited for the report"
    assert found == [[amal.id]]
    assert report.is_alive(), "the report went on although it was held"
    release.set()
    report.join(WAIT)
    assert pdf and pdf[0].startswith(b"%PDF")
    # The report's audit entry went through the window thread's connection as before.
    assert session.store.audit.recent(1)[0].action == "print"


def test_a_search_completes_while_a_sort_is_held(session, held_readers):
    inside, release = held_readers
    amal = _office(session)
    sort, ids = _in_thread(lambda: list_client_ids(session, ListQuery(sort="last_contact", descending=True)))
    assert inside.wait(WAIT)
    search, found = _in_thread(lambda: list_client_ids(session, ListQuery(text="amal")))
    search.join(WAIT)
    assert found == [[amal.id]]
    release.set()
    sort.join(WAIT)
    assert ids[0][0] == amal.id
