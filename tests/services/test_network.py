"""The rules of the network work: partners, interpreter bookings, referrals, short contacts, groups and
the target-group check."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from beratung_desktop.domain.activities import Activity
from beratung_desktop.domain.appointments import Appointment
from beratung_desktop.domain.cases import Case
from beratung_desktop.domain.consents import Consent
from beratung_desktop.domain.groups import Group, GroupSession
from beratung_desktop.domain.interpreters import Interpreter
from beratung_desktop.domain.partners import NetworkPartner
from beratung_desktop.domain.short_contacts import ShortContact
from beratung_desktop.domain.statistics import Period
from beratung_desktop.domain.validation import ValidationError
from beratung_desktop.services import (
    casework,
    groups,
    interpreters,
    partners,
    printing,
    privacy,
    referrals,
    scheduling,
    short_contacts,
    statistics,
)
from beratung_desktop.services.referrals import NoSharingConsent
from tests import factories

MARCH = Period.month(2024, 3)


def _partner(session, name="Jobcenter Nord", kind="jobcentre") -> NetworkPartner:
    return partners.save_partner(session, NetworkPartner(name=name, kind=kind))


# -- partners -----------------------------------------------------------------------------------------


def test_partner_needs_a_name_and_a_known_type(session):
    with pytest.raises(ValidationError) as refused:
        partners.save_partner(session, NetworkPartner(name="  ", kind="castle"))
    assert {i.field for i in refused.value.issues} == {"name", "kind"}
    assert session.store.partners.count() == 0


def test_archived_partner_leaves_the_forms_but_stays_on_its_records(session):
    partner = _partner(session)
    partners.set_archived(session, partner.id, True)
    assert partners.list_partners(session) == []
    assert [p.id for p in partners.list_partners(session, include_archived=True)] == [partner.id]
    assert [p.id for p in partners.partner_choices(session, keep=partner.id)] == [partner.id]


def test_merge_moves_every_reference_to_the_partner_kept(session):
    keep = _partner(session, "Jobcenter Nord")
    twice = partners.save_partner(
        session, NetworkPartner(name="JC Nord", kind="jobcentre", phone="0341 1", languages=["ar"])
    )
    client = factories.add_client(session, referred_by_partner_id=twice.id)
    case = factories.add_case(session, client)
    consultation = factories.add_consultation(session, case, referral_partner_id=twice.id)
    casework.record_activity(
        session,
        Activity(
            counsellor_id=session.user.id,
            kind="network_meeting",
            service="mbe",
            day=date(2024, 3, 1),
            minutes=60,
            partner_id=twice.id,
        ),
    )
    short_contacts.save_short_contact(
        session,
        ShortContact(
            counsellor_id=session.user.id, service="mbe", day=date(2024, 3, 2), minutes=10, referral_partner_id=twice.id
        ),
    )

    partners.merge_partners(session, twice.id, keep.id)

    store = session.store
    assert store.clients.require(client.id).referred_by_partner_id == keep.id
    assert store.consultations.require(consultation.id).referral_partner_id == keep.id
    assert [r.partner_id for r in store.referrals.for_client(client.id)] == [keep.id]
    assert [a.partner_id for a in store.activities.all()] == [keep.id]
    assert [s.referral_partner_id for s in store.short_contacts.all()] == [keep.id]
    merged = store.partners.get(twice.id)
    assert merged.deleted and merged.merged_into == keep.id
    kept = store.partners.require(keep.id)
    assert kept.phone == "0341 1" and kept.languages == ["ar"]
    assert [p.id for p in partners.list_partners(session)] == [keep.id]
    with pytest.raises(partners.MergeRefused):
        partners.merge_partners(session, keep.id, keep.id)


# -- interpreters -------------------------------------------------------------------------------------


def _booking(session, interpreter_id, start, end, counsellor_id=None, status="planned") -> Appointment:
    return scheduling.save_appointment(
        session,
        Appointment(
            start=start,
            end=end,
            counsellor_id=counsellor_id or session.user.id,
            group_name="Sprechstunde",
            interpreter_id=interpreter_id,
            interpreter_language="ar",
            status=status,
        ),
    )


def test_interpreter_booked_twice_at_the_same_time_is_warned_whoever_the_counsellor(session):
    from beratung_desktop.services import accounts

    colleague = accounts.add_user(session, "berta", "counsellor", "Gruene Wiese am Fluss 12")
    pool = interpreters.save_interpreter(session, Interpreter(name="Samira", languages=["ar"]))
    other = interpreters.save_interpreter(session, Interpreter(name="Olena", languages=["uk"]))
    first = _booking(session, pool.id, datetime(2024, 3, 5, 10), datetime(2024, 3, 5, 11), colleague.id)
    _booking(session, pool.id, datetime(2024, 3, 5, 14), datetime(2024, 3, 5, 15), status="cancelled")

    overlapping = Appointment(
        start=datetime(2024, 3, 5, 10, 30),
        end=datetime(2024, 3, 5, 11, 30),
        counsellor_id=session.user.id,
        group_name="x",
        interpreter_id=pool.id,
    )
    assert [a.id for a in interpreters.booking_overlaps(session, overlapping)] == [first.id]
    touching = Appointment(
        start=datetime(2024, 3, 5, 11),
        end=datetime(2024, 3, 5, 12),
        counsellor_id=session.user.id,
        group_name="x",
        interpreter_id=pool.id,
    )
    assert interpreters.booking_overlaps(session, touching) == []
    cancelled_slot = Appointment(
        start=datetime(2024, 3, 5, 14),
        end=datetime(2024, 3, 5, 15),
        counsellor_id=session.user.id,
        group_name="x",
        interpreter_id=pool.id,
    )
    assert interpreters.booking_overlaps(session, cancelled_slot) == []
    another = Appointment(
        start=datetime(2024, 3, 5, 10),
        end=datetime(2024, 3, 5, 11),
        counsellor_id=session.user.id,
        group_name="x",
        interpreter_id=other.id,
    )
    assert interpreters.booking_overlaps(session, another) == []
    assert [a.id for a in interpreters.bookings(session, touching)] == [first.id]


def test_interpreter_needs_a_language(session):
    with pytest.raises(ValidationError):
        interpreters.save_interpreter(session, Interpreter(name="Samira"))


def test_consultation_records_interpreter_and_language(session):
    pool = interpreters.save_interpreter(session, Interpreter(name="Samira", languages=["ar"]))
    case = factories.add_case(session, factories.add_client(session))
    stored = factories.add_consultation(session, case, interpreter_id=pool.id, interpreter_language="ar")
    again = session.store.consultations.require(stored.id)
    assert (again.interpreter_used, again.interpreter_id, again.interpreter_language) == (True, pool.id, "ar")


# -- target groups ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("service", "born", "status", "deviations"),
    [
        ("jmd", date(1990, 1, 1), "refugee", ["too_old"]),
        ("jmd", date(2016, 1, 1), "refugee", ["too_young"]),
        ("jmd", date(2005, 1, 1), "refugee", []),
        ("mbe", date(2002, 1, 1), "settlement_permit", ["too_young"]),
        ("mbe", date(1980, 1, 1), "asylum_pending", ["residence_status"]),
        ("mbe", date(1980, 1, 1), "unknown", []),
        ("fsa", date(1980, 1, 1), "settlement_permit", ["residence_status"]),
        ("fsa", date(1980, 1, 1), "tolerated", []),
        ("msa", date(2016, 1, 1), "german", []),
    ],
)
def test_case_outside_the_target_group_needs_a_reason_which_it_keeps(session, service, born, status, deviations):
    client = factories.add_client(session, birth_date=born, residence_status=status)
    case = Case(client_id=client.id, service=service, counsellor_id=session.user.id, opened=date(2024, 1, 10))
    if deviations:
        with pytest.raises(ValidationError) as refused:
            casework.open_case(session, case)
        assert [i.field for i in refused.value.issues] == ["target_group_reason"]
        assert session.store.cases.count() == 0
        case.target_group_reason = "Familie wird gemeinsam beraten"
    stored = casework.open_case(session, case)
    again = session.store.cases.require(stored.id)
    assert again.outside_target_group == deviations
    assert again.target_group_reason == ("Familie wird gemeinsam beraten" if deviations else "")


def test_unknown_age_is_no_deviation(session):
    client = factories.add_client(session, birth_date=None, birth_year=None)
    case = casework.open_case(
        session, Case(client_id=client.id, service="jmd", counsellor_id=session.user.id, opened=date(2024, 1, 10))
    )
    assert case.outside_target_group == []


def test_cases_outside_the_target_group_are_counted_in_the_summary(session):
    young = factories.add_client(session, birth_date=date(2003, 1, 1))
    factories.add_case(session, young, opened=date(2024, 3, 4), target_group_reason="Geschwister im JMD")
    factories.add_case(session, factories.add_client(session), opened=date(2024, 3, 4))
    network = statistics.summary(session, MARCH).current.network
    assert network.cases_outside_target_group == 1
    assert network.target_group_deviations == {"too_young": 1}


# -- short contacts -----------------------------------------------------------------------------------


def _short(session, day=date(2024, 3, 6), **values) -> ShortContact:
    contact = ShortContact(counsellor_id=session.user.id, service="mbe", day=day, minutes=10, **values)
    return short_contacts.save_short_contact(session, contact)


def test_short_contacts_are_never_counted_as_clients(session):
    for form in ("open_hour", "phone", "phone"):
        _short(session, form=form, language="ar")
    contact = _short(session, form="messenger", gender="female", age_group="28-44")
    case = factories.add_case(session, factories.add_client(session))
    factories.add_consultation(session, case, start=datetime(2024, 3, 7, 9))

    figures = statistics.summary(session, MARCH).current
    assert figures.clients_counselled == 1 and figures.consultations == 1
    assert figures.network.short_contacts == 4 and figures.network.short_contact_minutes == 40
    assert figures.network.short_contacts_by_form == {"phone": 2, "messenger": 1, "open_hour": 1}
    assert figures.network.short_contacts_by_language == {"ar": 3, "unknown": 1}

    client = short_contacts.client_from_short_contact(contact)
    client.given_name, client.family_name = "Testa", "Kurz"
    saved = short_contacts.convert_to_client(session, contact.id, client)
    assert saved.gender == "female"
    assert session.store.short_contacts.require(contact.id).converted_client_id == saved.id
    after = statistics.summary(session, MARCH).current
    # A client file without a consultation is no client counselled; the short contact stays one.
    assert after.clients_counselled == 1 and after.network.short_contacts == 4


def test_short_contact_rules(session):
    with pytest.raises(ValidationError) as refused:
        _short(session, form="pigeon", age_group="teen", topics=["weather"])
    assert {i.field for i in refused.value.issues} == {"form", "age_group", "topics"}
    with pytest.raises(ValidationError):
        short_contacts.save_short_contact(
            session, ShortContact(counsellor_id=session.user.id, service="mbe", day=date(2024, 3, 6), minutes=500)
        )
    assert session.store.short_contacts.count() == 0


# -- referrals ----------------------------------------------------------------------------------------


def test_consultation_with_a_partner_records_a_referral_with_purpose(session):
    partner = _partner(session)
    case = factories.add_case(session, factories.add_client(session))
    consultation = casework.record_consultation(
        session,
        factories_consultation(session, case, referral_partner_id=partner.id),
        referral_purpose="Termin zur Antragstellung",
    )
    [referral] = referrals.client_referrals(session, case.client_id)
    assert (referral.partner_id, referral.consultation_id, referral.purpose, referral.outcome, referral.service) == (
        partner.id,
        consultation.id,
        "Termin zur Antragstellung",
        "unknown",
        "mbe",
    )
    updated = referrals.set_outcome(session, referral.id, "arrived", date(2024, 3, 20))
    assert (updated.outcome, updated.outcome_day) == ("arrived", date(2024, 3, 20))
    # Correcting the consultation without the partner removes its referral.
    consultation.referral_partner_id = None
    casework.record_consultation(session, consultation)
    assert referrals.client_referrals(session, case.client_id) == []


def factories_consultation(session, case, **values):
    from beratung_desktop.domain.consultations import Consultation

    return Consultation(
        case_id=case.id,
        client_id=case.client_id,
        counsellor_id=session.user.id,
        start=datetime(2024, 3, 5, 10),
        minutes=45,
        topics=["benefits"],
        **values,
    )


def test_referral_note_only_with_the_clients_consent_to_share_with_that_partner(session):
    partner = _partner(session)
    client = factories.add_client(session)
    case = factories.add_case(session, client)
    factories.add_consultation(session, case, referral_partner_id=partner.id)
    [referral] = referrals.client_referrals(session, client.id)
    with pytest.raises(NoSharingConsent):
        printing.referral_note_pdf(session, referral.id, today=date(2024, 3, 6))
    casework.save_consent(
        session, Consent(client_id=client.id, purpose="sharing", given=date(2024, 3, 1), recipient="Anderes Amt")
    )
    with pytest.raises(NoSharingConsent):
        printing.referral_note_pdf(session, referral.id, today=date(2024, 3, 6))
    casework.save_consent(
        session, Consent(client_id=client.id, purpose="sharing", given=date(2024, 3, 1), recipient="jobcenter  nord")
    )
    pdf = printing.referral_note_pdf(session, referral.id, today=date(2024, 3, 6))
    assert pdf.startswith(b"%PDF")
    assert "print" in [e.action for e in session.store.audit.for_record(referral.id)]


def test_referral_figures_by_partner_type_and_outcome(session):
    jobcentre = _partner(session)
    school = _partner(session, "Grundschule am Park", "school")
    case = factories.add_case(session, factories.add_client(session, referred_by_partner_id=school.id))
    for day, partner, outcome in (
        (5, jobcentre, "arrived"),
        (6, jobcentre, "not_arrived"),
        (7, school, "unknown"),
        (8, jobcentre, "arrived"),
    ):
        c = factories.add_consultation(session, case, start=datetime(2024, 3, day, 10), referral_partner_id=partner.id)
        [r] = session.store.referrals.naming("consultation_id", c.id)
        if outcome != "unknown":
            referrals.set_outcome(session, r.id, outcome, date(2024, 3, 20))
    network = statistics.summary(session, MARCH).current.network
    assert network.referrals == 4
    assert network.referrals_by_kind == {"jobcentre": 3, "school": 1}
    assert network.referrals_by_outcome == {"arrived": 2, "not_arrived": 1, "unknown": 1}
    assert network.referrals_by_kind_outcome == {
        "jobcentre.arrived": 2,
        "jobcentre.not_arrived": 1,
        "school.unknown": 1,
    }
    assert (network.clients_referred_in, network.clients_referred_in_by_kind) == (1, {"school": 1})


# -- groups -------------------------------------------------------------------------------------------


def test_group_sessions_take_attendance_of_members_only(session):
    group = groups.save_group(session, Group(title="Frauencafé", service="mbe", counsellor_id=session.user.id))
    anna, berta, outsider = (factories.add_client(session, given_name=n) for n in ("Anna", "Berta", "Cora"))
    for c in (anna, berta):
        groups.add_member(session, group.id, c.id, date(2024, 3, 1))
    with pytest.raises(ValidationError):
        groups.add_member(session, group.id, anna.id)
    with pytest.raises(ValidationError):
        groups.save_session(session, GroupSession(group_id=group.id, day=date(2024, 3, 6), present=[outsider.id]))
    groups.save_session(
        session, GroupSession(group_id=group.id, day=date(2024, 3, 6), present=[anna.id, berta.id], anonymous_present=2)
    )
    groups.save_session(
        session, GroupSession(group_id=group.id, day=date(2024, 3, 13), present=[anna.id], anonymous_present=1)
    )
    groups.save_session(session, GroupSession(group_id=group.id, day=date(2024, 4, 3), present=[berta.id]))
    assert [a.session.day for a in groups.sessions_of_client(session, anna.id)] == [date(2024, 3, 13), date(2024, 3, 6)]
    network = statistics.summary(session, MARCH).current.network
    assert (network.groups, network.group_sessions, network.group_minutes) == (1, 2, 180)
    assert (network.group_clients, network.group_anonymous, network.group_attendances) == (2, 3, 6)
    # Group offers are apart from individual counselling: nobody counts as a client counselled.
    assert statistics.summary(session, MARCH).current.clients_counselled == 0


def test_erasure_keeps_referrals_and_attendance_in_the_figures(session):
    partner = _partner(session)
    client = factories.add_client(session)
    case = factories.add_case(session, client)
    factories.add_consultation(session, case, referral_partner_id=partner.id)
    group = groups.save_group(session, Group(title="Café", service="mbe", counsellor_id=session.user.id))
    groups.add_member(session, group.id, client.id, date(2024, 3, 1))
    groups.save_session(session, GroupSession(group_id=group.id, day=date(2024, 3, 6), present=[client.id]))
    before = statistics.summary(session, MARCH).current.network

    privacy.erase_client(session, client.id, "client_request", client.client_number)

    after = statistics.summary(session, MARCH).current.network
    assert after.referrals == before.referrals == 1
    assert after.group_attendances == before.group_attendances == 1
    assert session.store.referrals.for_client(client.id) == []
    assert session.store.group_members.of_client(client.id) == []
    assert groups.sessions_of_client(session, client.id) == []


def test_access_export_lists_referrals_and_group_sessions(session):
    from beratung_desktop.services import access_export

    partner = _partner(session)
    client = factories.add_client(session)
    case = factories.add_case(session, client)
    factories.add_consultation(session, case, referral_partner_id=partner.id)
    other = factories.add_client(session, given_name="Andere")
    group = groups.save_group(session, Group(title="Café", service="mbe", counsellor_id=session.user.id))
    for c in (client, other):
        groups.add_member(session, group.id, c.id, date(2024, 3, 1))
    groups.save_session(session, GroupSession(group_id=group.id, day=date(2024, 3, 6), present=[client.id, other.id]))
    document = access_export.collect(session, client.id)
    assert [(r["partner"], r["outcome"]) for r in document["referrals"]] == [("Jobcenter Nord", "unknown")]
    assert [m["group"] for m in document["group_memberships"]] == ["Café"]
    assert document["group_sessions_attended"] == [{"group": "Café", "day": "2024-03-06", "minutes": 90}]
    assert other.id not in str(document)
