"""The summary loaded from a real store matches hand-computed figures."""

from __future__ import annotations

from datetime import date, datetime

from beratung_desktop.domain.statistics import Period, Selection, as_dict
from beratung_desktop.services import casework, statistics
from tests import factories


def test_summary_from_store(session):
    a = factories.add_client(session)
    b = factories.add_client(
        session,
        given_name="Olek",
        gender="male",
        country_of_origin="UA",
        birth_date=date(2008, 2, 1),
        arrival_date=date(2023, 3, 1),
    )
    a_mbe = factories.add_case(session, a, "mbe", opened=date(2023, 12, 1))  # open across months
    a_fsa = factories.add_case(session, a, "fsa", opened=date(2024, 3, 2))
    b_jmd = factories.add_case(session, b, "jmd", opened=date(2024, 3, 3))
    factories.add_consultation(session, a_mbe, start=datetime(2023, 12, 5, 9), minutes=30)
    factories.add_consultation(session, a_mbe, start=datetime(2024, 3, 4, 9), minutes=40)
    factories.add_consultation(
        session, a_fsa, start=datetime(2024, 3, 31, 23, 59), minutes=20, form="phone", topics=["benefits", "housing"]
    )
    factories.add_consultation(session, b_jmd, start=datetime(2024, 3, 3, 10), minutes=60)
    factories.add_consultation(session, b_jmd, start=datetime(2024, 4, 1, 0, 0), minutes=60)
    casework.close_case(session, a_fsa.id, date(2024, 3, 31), "goals_achieved")

    march = statistics.summary(session, Period.month(2024, 3))
    d = as_dict(march.current)
    assert d["clients"] == {
        "counselled": 2,
        "new": 1,
        "continuing": 1,
        "household_members": 0,
        "by_service": {"fsa": 1, "jmd": 1, "mbe": 1},
    }
    assert d["consultations"]["count"] == 3 and d["consultations"]["minutes_total"] == 120
    assert d["consultations"]["by_form"] == {"in_person": 2, "phone": 1}
    assert d["topics"] == {"residence_law": 2, "housing": 1, "benefits": 1}
    assert d["cases"]["opened"] == 2 and d["cases"]["closed"] == 1 and d["cases"]["active"] == 3
    assert d["age_groups"] == {"12-17": 1, "28-44": 1}
    assert d["arrival"] == {"up_to_3_years": 1, "longer": 1}
    assert as_dict(march.previous)["clients"]["counselled"] == 0

    # New is judged within the selected services: a's first FSA consultation lies in March.
    fsa = statistics.summary(session, Period.month(2024, 3), Selection(services=frozenset({"fsa"})))
    assert (fsa.current.clients_counselled, fsa.current.clients_new) == (1, 1)


def test_unknown_service_and_counsellor(session):
    import pytest

    with pytest.raises(statistics.UnknownService):
        statistics.selection(session, ["xyz"])
    with pytest.raises(statistics.UnknownCounsellor):
        statistics.selection(session, [], ["nobody"])
    assert statistics.selection(session, ["mbe"], ["anna"]).counsellors == {session.user.id}
