"""Every record type goes in and comes back unchanged, including nested and list fields."""

from __future__ import annotations

from datetime import date, datetime

from beratung_desktop.domain.activities import Activity
from beratung_desktop.domain.agreements import AgreementGoal
from beratung_desktop.domain.appointments import Appointment
from beratung_desktop.domain.cases import Case
from beratung_desktop.domain.clients import Client, HouseholdMember
from beratung_desktop.domain.consents import Consent
from beratung_desktop.domain.consultations import Consultation
from beratung_desktop.domain.partners import NetworkPartner
from beratung_desktop.domain.users import User
from beratung_desktop.storage.errors import Conflict


def test_round_trip_of_every_record_type(session):
    store = session.store
    user = store.users.add(User(name="berta", display_name="Berta B.", role="counsellor"))
    client = store.clients.add(
        Client(
            client_number="2025-00001",
            given_name="Testa",
            family_name="Muster",
            given_name_original="تست",
            family_name_original="مستر",
            birth_date=date(1988, 2, 29),
            gender="female",
            country_of_origin="SY",
            nationality="XX",
            languages=["ar", "ku"],
            interpreter_needed=True,
            residence_status="subsidiary",
            arrival_date=date(2015, 9, 1),
            household=[HouseholdMember(given_name="Kinda", family_name="Muster", relation="child", birth_year=2014)],
            phone="0341 000",
            email="t@example.invalid",
            address="Musterweg 1",
            notes="ä ö ü ß ğ ş",
        )
    )
    partner = store.partners.add(NetworkPartner(name="Ausländerbehörde Musterstadt", kind="authority"))
    case = store.cases.add(
        Case(client_id=client.id, service="mbe", counsellor_id=user.id, opened=date(2024, 1, 2), case_management=True)
    )
    consultation = store.consultations.add(
        Consultation(
            case_id=case.id,
            client_id=client.id,
            counsellor_id=user.id,
            start=datetime(2024, 1, 3, 9, 30),
            minutes=50,
            form="video",
            topics=["housing", "debts"],
            interpreter_used=True,
            referral_partner_id=partner.id,
            notes="Notiz",
        )
    )
    goal = store.goals.add(
        AgreementGoal(
            case_id=case.id,
            goal="Wohnung finden",
            steps=["WBS", "Besichtigung"],
            responsible="client",
            due=date(2024, 6, 30),
            status="in_progress",
            reviewed=date(2024, 2, 1),
        )
    )
    appointment = store.appointments.add(
        Appointment(
            start=datetime(2024, 1, 9, 10),
            end=datetime(2024, 1, 9, 11),
            counsellor_id=user.id,
            place="GU Nord",
            client_id=client.id,
            outreach=True,
            status="done",
            notes="x",
        )
    )
    consent = store.consents.add(
        Consent(
            client_id=client.id,
            purpose="sharing",
            given=date(2024, 1, 2),
            recipient="Jobcenter",
            withdrawn=date(2024, 5, 1),
            expires=date(2026, 1, 1),
        )
    )
    activity = store.activities.add(
        Activity(
            counsellor_id=user.id,
            kind="network_meeting",
            service="mbe",
            day=date(2024, 1, 15),
            minutes=90,
            title="Netzwerktreffen",
            participants=12,
            partner_id=partner.id,
        )
    )
    pairs = [
        (store.users, user),
        (store.clients, client),
        (store.partners, partner),
        (store.cases, case),
        (store.consultations, consultation),
        (store.goals, goal),
        (store.appointments, appointment),
        (store.consents, consent),
        (store.activities, activity),
    ]
    for repository, record in pairs:
        assert repository.get(record.id) == record, type(record).__name__


def test_update_bumps_version_and_refuses_stale_copies(session):
    store = session.store
    client = store.clients.add(Client(client_number="2025-00002", given_name="A", family_name="B"))
    stale = store.clients.get(client.id)
    client.notes = "changed"
    store.clients.update(client)
    assert store.clients.get(client.id).version == 2
    stale.notes = "lost update"
    try:
        store.clients.update(stale)
    except Conflict:
        pass
    else:
        raise AssertionError("a stale copy overwrote a newer version")
    assert store.clients.get(client.id).notes == "changed"


def test_delete_leaves_a_tombstone_for_export(session):
    store = session.store
    client = store.clients.add(Client(client_number="2025-00003", given_name="A", family_name="Gone"))
    store.clients.delete(client.id)
    assert store.clients.all() == []
    assert [c.id for c in store.clients.all(include_deleted=True)] == [client.id]
    assert store.clients.search("Gone") == []
