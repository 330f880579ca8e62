"""One use case is one transaction: its records and audit entries are stored together or not at all."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from beratung_desktop.domain.appointments import Appointment
from beratung_desktop.domain.consultations import Consultation
from beratung_desktop.services import casework, scheduling
from tests import factories

NOW = datetime(2024, 6, 3, 12, 0)


def _audit_count(session) -> int:
    return len(session.store.audit.recent(10_000))


def _new_consultation(session, client) -> Consultation:
    return Consultation(
        case_id="",
        client_id=client.id,
        counsellor_id=session.user.id,
        start=NOW - timedelta(hours=2),
        minutes=45,
        topics=["housing"],
    )


def _appointment(session, client) -> Appointment:
    start = NOW - timedelta(hours=2)
    return scheduling.save_appointment(
        session,
        Appointment(start=start, end=start + timedelta(minutes=45), counsellor_id=session.user.id, client_id=client.id),
    )


def test_consultation_with_a_new_case_and_its_appointment_commit_together(session):
    client = factories.add_client(session)
    appointment = _appointment(session, client)
    before = _audit_count(session)
    stored = casework.record_consultation(
        session, _new_consultation(session, client), NOW, new_case_service="mbe", appointment_id=appointment.id
    )
    (case,) = session.store.cases.for_client(client.id)
    assert stored.case_id == case.id and case.service == "mbe" and case.opened == NOW.date()
    assert session.store.appointments.require(appointment.id).status == "done"
    actions = [(e.action, e.record_type) for e in session.store.audit.recent(3)]
    assert sorted(actions) == [("create", "case"), ("create", "consultation"), ("update", "appointment")]
    assert _audit_count(session) == before + 3


def test_a_failure_after_the_case_was_opened_leaves_nothing(session, monkeypatch):
    client = factories.add_client(session)
    appointment = _appointment(session, client)
    before = _audit_count(session)

    def refuse(record):
        raise OSError("disk gone")

    monkeypatch.setattr(session.store.consultations, "add", refuse)
    with pytest.raises(OSError):
        casework.record_consultation(
            session, _new_consultation(session, client), NOW, new_case_service="mbe", appointment_id=appointment.id
        )
    assert session.store.cases.for_client(client.id) == []
    assert session.store.consultations.for_client(client.id) == []
    assert session.store.appointments.require(appointment.id).status == "planned"
    assert _audit_count(session) == before


def test_a_refused_consultation_opens_no_case(session):
    client = factories.add_client(session)
    bad = _new_consultation(session, client)
    bad.minutes = 0
    with pytest.raises(casework.ValidationError):
        casework.record_consultation(session, bad, NOW, new_case_service="mbe")
    assert session.store.cases.for_client(client.id) == []


def test_showing_the_file_again_after_a_change_is_not_a_new_view(session):
    client = factories.add_client(session)
    casework.client_file(session, client.id)
    casework.client_file(session, client.id, audit_view=False)
    views = [e for e in session.store.audit.for_record(client.id) if e.action == "view"]
    assert len(views) == 1
