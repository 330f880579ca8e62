"""A counsellor's caseload: clients with an open case of theirs or whom they recorded, read through two
small partial indexes while the list keeps its order index."""

from __future__ import annotations

from datetime import date

from beratung_desktop.services import accounts, casework
from beratung_desktop.services.client_list import ListQuery, default_query, list_client_ids
from beratung_desktop.storage.client_list import SORT_KEYS, _conditions
from beratung_desktop.storage.keyslots import TEST_KDF
from tests.factories import add_case, add_client

TODAY = date(2026, 6, 1)


def _office(session):
    accounts.add_user(session, "carla", "counsellor", "carla's own password", kdf=TEST_KDF)
    carla = accounts.unlock(session.store.folder, "carla", "carla's own password", kdf=TEST_KDF)
    open_case = add_client(carla, given_name="Olga", family_name="Open")
    add_case(carla, open_case)
    closed = add_client(session, given_name="Clara", family_name="Closed")
    case = add_case(carla, closed)
    casework.close_case(carla, case.id, date(2024, 3, 1), "goals_achieved")
    new = add_client(carla, given_name="Nadia", family_name="New")  # recorded by carla, no case yet
    other = add_client(session, given_name="Anton", family_name="Other")
    add_case(session, other)
    return carla, open_case, closed, new, other


def test_the_caseload_holds_open_cases_and_own_new_clients(session):
    carla, open_case, closed, new, other = _office(session)
    try:
        mine = list_client_ids(carla, default_query(carla), TODAY)
        assert mine == [new.id, open_case.id], "by name; closed cases and colleagues' clients are left out"
        everyone = list_client_ids(carla, ListQuery(), TODAY)
        assert set(everyone) == {open_case.id, closed.id, new.id, other.id}
        # A team lead opens on the whole office and can look at a colleague's caseload.
        assert default_query(session) == ListQuery()
        assert list_client_ids(session, ListQuery(caseload=carla.user.id), TODAY) == [new.id, open_case.id]
        assert list_client_ids(session, ListQuery(caseload=session.user.id), TODAY) == [closed.id, other.id]
        # With a search, a sort and the other filters.
        assert list_client_ids(carla, ListQuery(caseload=carla.user.id, text="olga"), TODAY) == [open_case.id]
        ordered = ListQuery(caseload=carla.user.id, sort="name", descending=True)
        assert list_client_ids(carla, ordered, TODAY) == [open_case.id, new.id]
        assert list_client_ids(carla, ListQuery(caseload=carla.user.id, case_state="open"), TODAY) == [open_case.id]
    finally:
        carla.close()


def test_the_caseload_reads_covering_partial_indexes_and_clients_by_id(session):
    carla, *_rest = _office(session)
    carla.close()
    where, params = _conditions(ListQuery(caseload=session.user.id), TODAY)
    order = ", ".join(SORT_KEYS["name"])
    plan = session.store.db.query(
        f"EXPLAIN QUERY PLAN SELECT c.id FROM clients c WHERE {' AND '.join(where)} ORDER BY {order}",
        tuple(params),
    )
    text = "\n".join(str(row[-1]) for row in plan)
    assert "COVERING INDEX cases_open_counsellor" in text and "COVERING INDEX audit_created_clients" in text, text
    assert "SCAN c" not in text and "SCAN k" not in text and "SCAN a" not in text, text
