"""Look-ups the forms and the start page use: partners, open cases, names, overdue goals, places."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from beratung_desktop.domain.agreements import AgreementGoal
from beratung_desktop.domain.appointments import Appointment
from beratung_desktop.domain.partners import NetworkPartner
from beratung_desktop.domain.validation import ValidationError
from beratung_desktop.services import casework, scheduling
from beratung_desktop.services.partners import list_partners, save_partner
from tests import factories


def test_partners_sorted_by_name_and_name_required(session):
    save_partner(session, NetworkPartner(name="jobcentre Nord"))
    save_partner(session, NetworkPartner(name="Ausländerbehörde"))
    assert [p.name for p in list_partners(session)] == ["Ausländerbehörde", "jobcentre Nord"]
    with pytest.raises(ValidationError) as refused:
        save_partner(session, NetworkPartner(name="  "))
    assert refused.value.issues[0].field == "name"
    assert len(list_partners(session)) == 2


def test_open_cases_leave_out_closed_ones(session):
    client = factories.add_client(session)
    open_case = factories.add_case(session, client, service="mbe")
    closed = factories.add_case(session, client, service="msa")
    casework.close_case(session, closed.id, date.today(), "goals_achieved")
    assert [c.id for c in casework.open_cases(session, client.id)] == [open_case.id]


def test_overdue_goals_come_with_the_client_name(session):
    client = factories.add_client(session, given_name="Rana", family_name="Aziz")
    case = factories.add_case(session, client)
    late = casework.save_goal(
        session, AgreementGoal(case_id=case.id, goal="Late", due=date.today() - timedelta(days=1))
    )
    casework.save_goal(session, AgreementGoal(case_id=case.id, goal="Later", due=date.today() + timedelta(days=9)))
    found = casework.overdue_goals_with_clients(session)
    assert [(o.goal.id, o.case.id, o.client_name) for o in found] == [(late.id, case.id, "Aziz, Rana")]
    assert casework.client_names(session, [client.id, client.id]) == {client.id: "Aziz, Rana"}
    assert casework.client_names(session, []) == {}


def test_known_places_most_recent_first(session):
    for days, place in ((1, "Unterkunft Lindenweg"), (2, "Rathaus"), (3, "Unterkunft Lindenweg")):
        start = datetime(2026, 3, days, 10)
        scheduling.save_appointment(
            session,
            Appointment(
                start=start, end=start + timedelta(hours=1), counsellor_id=session.user.id, outreach=True, place=place
            ),
        )
    assert scheduling.known_places(session) == ["Unterkunft Lindenweg", "Rathaus"]
