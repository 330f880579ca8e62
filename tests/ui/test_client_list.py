"""The client list model and view over a real store: search-as-you-type, filters, sorting, paging."""

from __future__ import annotations

from datetime import date

from beratung_desktop.services.client_list import ListQuery
from beratung_desktop.ui.clients import list_model
from beratung_desktop.ui.clients.list_model import ID_ROLE, ClientListModel
from beratung_desktop.ui.clients.list_view import ClientListView
from beratung_desktop.ui.qt import Qt
from tests import factories


def test_typing_in_search_finds_the_client(qtbot, session):
    target = factories.add_client(
        session,
        given_name="Yonas",
        family_name="Tesfaye",
        given_name_original="ዮናስ",
        family_name_original="ተስፋዬ",
        birth_date=date(1993, 4, 2),
    )
    for i in range(30):
        factories.add_client(session, given_name=f"Person{i}", family_name="Muster")
    view = ClientListView(session)
    qtbot.addWidget(view)
    view.show()
    assert view.model.rowCount() == 31
    qtbot.keyClicks(view.search, "tesf")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=2000)
    assert view.model.data(view.model.index(0, 1)) == "Tesfaye, Yonas"
    assert view.model.data(view.model.index(0, 2)) == "ዮናስ ተስፋዬ"
    assert view.count.text() == "1 client"
    for text in ("ተስፋዬ", "02.04.1993", target.client_number):
        view.search_now(text)
        assert view.model.rowCount() == 1 and view.model.data(view.model.index(0, 0), ID_ROLE) == target.id
    with qtbot.waitSignal(view.client_activated) as blocker:
        view.search.returnPressed.emit()
    assert blocker.args == [target.id]


def test_filters_and_sorting(qtbot, session):
    a = factories.add_client(session, given_name="Amal", family_name="Haddad")
    b = factories.add_client(session, given_name="Bilal", family_name="Abadi")
    factories.add_case(session, a, service="fsa")
    view = ClientListView(session)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.model.reset_done, timeout=5000):  # a case filter runs in a worker
        view.service.setCurrentIndex(view.service.findData("fsa"))
    assert [view.model.client_id(r) for r in range(view.model.rowCount())] == [a.id]
    assert view.model.data(view.model.index(0, 5)) == "FSA"
    view.service.setCurrentIndex(0)
    view.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert [view.model.client_id(r) for r in range(2)] == [a.id, b.id]
    view.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert [view.model.client_id(r) for r in range(2)] == [b.id, a.id]


def test_rows_are_read_page_by_page(qtbot, session, monkeypatch):
    monkeypatch.setattr(list_model, "PAGE_SIZE", 5)
    for i in range(12):
        factories.add_client(session, given_name="G", family_name=f"F{i:02d}")
    model = ClientListModel(session)
    model.refresh()
    reads: list[int] = []
    original = list_model.summary_rows
    monkeypatch.setattr(list_model, "summary_rows", lambda s, ids: reads.append(len(ids)) or original(s, ids))
    assert model.data(model.index(0, 1)) == "F00, G"
    assert model.data(model.index(4, 1)) == "F04, G"
    assert model.data(model.index(11, 1)) == "F11, G"
    assert reads == [5, 2]


def test_search_results_come_best_match_first(qtbot, session):
    factories.add_client(session, given_name="Zaid", family_name="Abadi")
    exact = factories.add_client(session, given_name="Nour", family_name="Zaid")
    view = ClientListView(session)
    qtbot.addWidget(view)
    view.show()
    view.search_now("zaid")
    assert view.model.query.sort == "" and view.table.horizontalHeader().sortIndicatorSection() == -1
    assert view.model.rowCount() == 2
    view.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert view.model.client_id(0) == exact.id
    view.search_now("")
    assert view.model.rowCount() == 2 and view.table.horizontalHeader().sortIndicatorSection() == 1


def test_sorting_by_last_contact_runs_in_a_worker(qtbot, session):
    from datetime import datetime

    early = factories.add_client(session, given_name="Early", family_name="Aaa")
    late = factories.add_client(session, given_name="Late", family_name="Zzz")
    factories.add_consultation(session, factories.add_case(session, early), start=datetime(2024, 2, 1, 9))
    factories.add_consultation(session, factories.add_case(session, late), start=datetime(2024, 5, 1, 9))
    view = ClientListView(session)
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.model.reset_done, timeout=5000):
        view.table.sortByColumn(7, Qt.SortOrder.DescendingOrder)
        assert view.model.is_loading and view.busy.isVisible()
    assert [view.model.client_id(r) for r in range(2)] == [late.id, early.id]
    assert not view.busy.isVisible() and view.count.text() == "2 clients"


def test_one_character_does_not_search_yet(qtbot, session):
    factories.add_client(session, given_name="Amal", family_name="Haddad")
    factories.add_client(session, given_name="Bilal", family_name="Abadi")
    view = ClientListView(session)
    qtbot.addWidget(view)
    view.show()
    view.search_now("h")
    assert view.model.rowCount() == 2 and "characters to search" in view.count.text()
    view.search_now("ha")
    assert view.model.rowCount() == 1


def test_first_character_and_clearing_the_search_read_no_ids(qtbot, session, monkeypatch):
    for name in ("Haddad", "Abadi", "Zorn"):
        factories.add_client(session, given_name="A", family_name=name)
    view = ClientListView(session)
    qtbot.addWidget(view)
    view.show()
    view.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # by number, newest first
    before = [view.model.client_id(r) for r in range(3)]
    reads: list[ListQuery] = []
    original = list_model.list_client_ids
    monkeypatch.setattr(list_model, "list_client_ids", lambda s, q: reads.append(q) or original(s, q))
    view.search_now("h")
    assert reads == [] and view.model.rowCount() == 3
    view.search_now("ha")
    assert len(reads) == 1 and view.model.rowCount() == 1
    view.search_now("")
    assert len(reads) == 1, "clearing the search read the list again"
    assert [view.model.client_id(r) for r in range(3)] == before
    header = view.table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (0, Qt.SortOrder.DescendingOrder)
    view.refresh()  # a save elsewhere: read again
    assert len(reads) == 2


def test_empty_office_and_empty_search_say_what_to_do_next(qtbot, session):
    view = ClientListView(session)
    qtbot.addWidget(view)
    view.show()
    assert view.empty.isVisible() and "New client" in view.empty.text()
    factories.add_client(session, given_name="Amina", family_name="Haddad")
    view.refresh()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=2000)
    assert not view.empty.isVisible()
    qtbot.keyClicks(view.search, "zzzq")
    qtbot.waitUntil(lambda: view.model.rowCount() == 0, timeout=2000)
    assert view.empty.isVisible() and "zzzq" in view.empty.text()


def test_on_a_large_office_every_order_runs_in_a_worker_but_a_search_does_not(qtbot, session, monkeypatch):
    monkeypatch.setattr(list_model, "WINDOW_THREAD_LIST", 3)  # "large": more than 3 clients
    for name in ("Delta", "Alpha", "Charlie", "Bravo"):
        factories.add_client(session, given_name="Kim", family_name=name)
    view = ClientListView(session)
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.model.reset_done, timeout=5000):
        view.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # by name: an index order, yet 4 > 3
        assert view.model.is_loading and view.busy.isVisible()
    names = [view.model.data(view.model.index(r, 1)) for r in range(4)]
    assert names == ["Delta, Kim", "Charlie, Kim", "Bravo, Kim", "Alpha, Kim"]
    view.search_now("alph")  # a search is at most SEARCH_LIMIT ids: on the window thread
    assert not view.model.is_loading and view.model.rowCount() == 1
