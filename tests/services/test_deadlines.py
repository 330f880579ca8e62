"""Deadlines: the start page's next 14 days and overdue ones, done / moved with a reason / dropped."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from beratung_desktop.domain.users import User
from beratung_desktop.services import deadlines, documents
from beratung_desktop.services.documents import DocumentDetails
from beratung_desktop.services.session import Session
from tests.document_samples import LIMIT, pdf
from tests.factories import add_case, add_client, add_consultation

TODAY = date(2026, 3, 10)


def test_upcoming_lists_overdue_and_the_next_14_days_of_this_counsellor(session: Session) -> None:
    client = add_client(session, given_name="Amal", family_name="Frist")
    for offset in (-30, -1, 0, 14, 15, 60):
        deadlines.set_deadline(session, client.id, "appeal", TODAY + timedelta(days=offset), f"in {offset}")
    colleague = session.store.users.add(User(name="bert", display_name="Bert", role="counsellor"))
    deadlines.set_deadline(session, client.id, "appeal", TODAY, "Berts", counsellor_id=colleague.id)

    due = deadlines.upcoming(session, TODAY)
    assert [d.deadline.note for d in due] == ["in -30", "in -1", "in 0", "in 14"]
    assert [d.overdue(TODAY) for d in due] == [True, True, False, False]
    assert due[0].client_name == client.display_name
    assert [d.deadline.note for d in deadlines.reminders(session, TODAY)] == ["in -30", "in -1", "in 0"]


def test_done_moved_and_dropped_leave_the_list(session: Session) -> None:
    client = add_client(session)
    a = deadlines.set_deadline(session, client.id, "appeal", TODAY)
    b = deadlines.set_deadline(session, client.id, "permit_expiry", TODAY + timedelta(days=3))
    c = deadlines.set_deadline(session, client.id, "authority_appointment", TODAY + timedelta(days=5))

    deadlines.complete(session, a.id, today=TODAY)
    with pytest.raises(deadlines.MoveReasonMissing):
        deadlines.move(session, b.id, TODAY + timedelta(days=40), "  ")
    moved = deadlines.move(session, b.id, TODAY + timedelta(days=40), "Fiktionsbescheinigung bis Mai")
    deadlines.drop(session, c.id, "Termin abgesagt", today=TODAY)

    assert deadlines.upcoming(session, TODAY) == []
    assert (moved.moved_from, moved.move_reason) == (TODAY + timedelta(days=3), "Fiktionsbescheinigung bis Mai")
    by_id = {d.id: d for d in deadlines.deadlines_of(session, client.id)}
    assert (by_id[a.id].status, by_id[a.id].completed_on) == ("done", TODAY)
    assert by_id[c.id].status == "dropped" and "Termin abgesagt" in by_id[c.id].note
    with pytest.raises(deadlines.DeadlineClosed):
        deadlines.complete(session, a.id)
    details = [e.detail for e in session.store.audit.recent(4) if e.record_type == "deadline"]
    assert "dropped" in details and f"moved from {(TODAY + timedelta(days=3)).isoformat()}" in details


def test_a_deadline_from_a_document_or_a_consultation_takes_its_case(session: Session) -> None:
    client = add_client(session)
    case = add_case(session, client)
    document = documents.add_document(
        session, client.id, "b.pdf", pdf(), DocumentDetails(kind="decision", case_id=case.id), limit=LIMIT
    )
    consultation = add_consultation(session, case)
    from_document = deadlines.set_deadline(session, client.id, "appeal", TODAY, document_id=document.id)
    from_consultation = deadlines.set_deadline(
        session, client.id, "authority_appointment", TODAY, consultation_id=consultation.id
    )
    assert from_document.case_id == case.id and from_consultation.case_id == case.id


def test_an_unknown_kind_is_refused(session: Session) -> None:
    client = add_client(session)
    with pytest.raises(deadlines.ValidationError):
        deadlines.set_deadline(session, client.id, "whenever", TODAY)
