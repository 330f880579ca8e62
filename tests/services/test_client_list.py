"""The client list: filters, sort orders and summary rows over a real store."""

from __future__ import annotations

from datetime import date, datetime

from beratung_desktop.services import casework
from beratung_desktop.services.client_list import ListQuery, list_client_ids, summary_rows
from tests import factories

TODAY = date(2024, 6, 1)


def _three(session):
    a = factories.add_client(
        session, given_name="Amal", family_name="Haddad", given_name_original="أمل", family_name_original="حداد"
    )
    b = factories.add_client(session, given_name="Bilal", family_name="Abadi", birth_date=date(1985, 1, 2))
    c = factories.add_client(session, given_name="Carla", family_name="Zorn")
    case_a = factories.add_case(session, a, service="mbe")
    factories.add_consultation(session, case_a, start=datetime(2024, 5, 20, 9, 0))
    case_b = factories.add_case(session, b, service="jmd", opened=date(2001, 3, 1))
    casework.close_case(session, case_b.id, date(2002, 1, 1), "goals_achieved")
    return a, b, c


def test_unfiltered_list_is_sorted_by_name(session):
    a, b, c = _three(session)
    assert list_client_ids(session, ListQuery(), TODAY) == [b.id, a.id, c.id]
    assert list_client_ids(session, ListQuery(sort="name", descending=True), TODAY) == [c.id, a.id, b.id]


def test_filters_narrow_the_list(session):
    a, b, c = _three(session)
    assert list_client_ids(session, ListQuery(service="mbe"), TODAY) == [a.id]
    assert list_client_ids(session, ListQuery(case_state="open"), TODAY) == [a.id]
    assert list_client_ids(session, ListQuery(case_state="closed"), TODAY) == [b.id]
    assert list_client_ids(session, ListQuery(contact="recent"), TODAY) == [a.id]
    assert set(list_client_ids(session, ListQuery(contact="never"), TODAY)) == {b.id, c.id}
    assert list_client_ids(session, ListQuery(counsellor_id=session.user.id), TODAY) == [b.id, a.id]


def test_search_text_in_both_scripts_and_filters_combine(session):
    a, _b, _c = _three(session)
    assert list_client_ids(session, ListQuery(text="hadd"), TODAY) == [a.id]
    assert list_client_ids(session, ListQuery(text="حداد"), TODAY) == [a.id]
    assert list_client_ids(session, ListQuery(text="hadd", service="jmd"), TODAY) == []


def test_summary_rows_carry_services_counsellor_and_last_contact(session):
    a, b, _c = _three(session)
    rows = summary_rows(session, [a.id, b.id])
    assert [r.id for r in rows] == [a.id, b.id]
    assert rows[0].services == ("mbe",)
    assert rows[0].counsellor == "Anna A."
    assert rows[0].last_contact == datetime(2024, 5, 20, 9, 0)
    assert rows[1].services == () and rows[1].last_contact is None


def test_number_prefix_and_birth_year(session):
    a, b, c = _three(session)
    year = a.client_number.split("-")[0]
    assert list_client_ids(session, ListQuery(text=a.client_number), TODAY) == [a.id]
    assert set(list_client_ids(session, ListQuery(text=f"{year}-0"), TODAY)) == {a.id, b.id, c.id}
    assert list_client_ids(session, ListQuery(text="1985"), TODAY) == [b.id]
    assert list_client_ids(session, ListQuery(text="1985", service="mbe"), TODAY) == []


def _sort_value(row, key: str):
    birth = row.birth_date.isoformat() if row.birth_date else str(row.birth_year or "")
    return {
        "number": row.number,
        "name": (row.family_name.casefold(), row.given_name.casefold()),
        "original_name": (row.family_name_original, row.given_name_original),
        "birth": birth,
        "country": row.country,
        "services": " ".join(row.services),
        "counsellor": row.counsellor,
        "last_contact": row.last_contact.isoformat() if row.last_contact else "",
    }[key]


def test_every_column_sorts_ascending_and_descending(session):
    from beratung_desktop.services.client_list import SORT_KEYS

    _three(session)
    factories.add_client(session, given_name="Dana", family_name="Ek", birth_year=1970, country_of_origin="UA")
    for key in SORT_KEYS:
        for descending in (False, True):
            ids = list_client_ids(session, ListQuery(sort=key, descending=descending), TODAY)
            values = [_sort_value(r, key) for r in summary_rows(session, ids)]
            assert len(values) == 4, key
            assert values == sorted(values, reverse=descending), (key, descending)
