"""Erasure (Art. 17) leaves no trace: not in rows, search index, freed pages or the WAL."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from beratung_desktop.domain.agreements import AgreementGoal
from beratung_desktop.domain.appointments import Appointment
from beratung_desktop.domain.clients import HouseholdMember
from beratung_desktop.domain.consents import Consent
from beratung_desktop.domain.names import skeleton
from beratung_desktop.domain.statistics import Period, as_dict
from beratung_desktop.services import casework, deadlines, documents, privacy, scheduling, statistics
from beratung_desktop.services.documents import DocumentDetails
from beratung_desktop.services.session import Session
from beratung_desktop.storage import privacy as privacy_store
from beratung_desktop.storage.errors import NotFound
from tests.document_samples import LIMIT, pdf
from tests.factories import add_case, add_client, add_consultation
from tests.storage.plaintext_pages import database_pages, occurrences
from tests.storage.raw_access import database_file

# One marker per text field: finding any of them after the erasure names the field that leaked.
MARKERS = {
    "given_name": "Qorvexian",
    "family_name": "Zandrupol",
    "given_name_original": "زقزوقيان",
    "family_name_original": "ظفطشيخون",
    "phone": "0170-8374651",
    "email": "mrkmail@qexample.invalid",
    "address": "Qubwernstrasse 71",
    "notes": "clientnotemark",
    "household_given": "Hwyldmarka",
    "household_family": "Hwyldmarkb",
    "household_relation": "relmarkqq",
    "consultation_notes": "consnotemark",
    "goal": "goaltextmark",
    "goal_step": "goalstepmark",
    "place": "Placemarkheim",
    "appointment_notes": "apptnotemark",
    "recipient": "Recipientmark Agentur",
    "hold_reason": "holdreasonmark",
    # Inside the bytes of a stored PDF (uncompressed, so the text is in the file as written).
    "document_text": "Dokuinhaltmarkq",
    "document_issuer": "Issuermarkamt",
    "deadline_note": "deadlinenotemark",
}


def _client_with_markers(session: Session):
    client = add_client(
        session,
        given_name=MARKERS["given_name"],
        family_name=MARKERS["family_name"],
        given_name_original=MARKERS["given_name_original"],
        family_name_original=MARKERS["family_name_original"],
        phone=MARKERS["phone"],
        email=MARKERS["email"],
        address=MARKERS["address"],
        notes=MARKERS["notes"],
        household=[
            HouseholdMember(
                given_name=MARKERS["household_given"],
                family_name=MARKERS["household_family"],
                relation=MARKERS["household_relation"],
                birth_year=2015,
            )
        ],
    )
    case = add_case(session, client, opened=date(2024, 1, 10))
    for day in (5, 12, 19):
        add_consultation(session, case, start=datetime(2024, 3, day, 10), notes=MARKERS["consultation_notes"])
    add_consultation(session, case, start=datetime(2024, 4, 2, 9), minutes=30, topics=["housing"])
    casework.save_goal(
        session,
        AgreementGoal(case_id=case.id, goal=MARKERS["goal"], steps=[MARKERS["goal_step"]], due=date(2024, 6, 1)),
    )
    scheduling.save_appointment(
        session,
        Appointment(
            start=datetime(2024, 5, 2, 10),
            end=datetime(2024, 5, 2, 11),
            counsellor_id=session.user.id,
            client_id=client.id,
            place=MARKERS["place"],
            notes=MARKERS["appointment_notes"],
        ),
    )
    casework.save_consent(
        session,
        Consent(client_id=client.id, purpose="sharing", given=date(2024, 1, 10), recipient=MARKERS["recipient"]),
    )
    hold = privacy.place_hold(session, client.id, MARKERS["hold_reason"], until=date(2024, 2, 1))
    privacy.lift_hold(session, hold.id)
    letter = documents.add_document(
        session,
        client.id,
        "bescheid.pdf",
        pdf(*[f"{MARKERS['document_text']} Zeile {n}" for n in range(8)]),
        DocumentDetails(kind="decision", issuer=MARKERS["document_issuer"], case_id=case.id),
        limit=LIMIT,
    )
    deadlines.set_deadline(
        session, client.id, "appeal", date(2024, 4, 1), MARKERS["deadline_note"], document_id=letter.id
    )
    return client, case


def _needles() -> list[bytes]:
    texts = list(MARKERS.values())
    texts += [skeleton(MARKERS["given_name"]), skeleton(MARKERS["family_name"])]
    return [t.encode("utf-8") for t in texts]


def _figures(session: Session, year: int, month: int) -> dict:
    return as_dict(statistics.summary(session, Period.month(year, month)).current)


def test_erased_client_leaves_no_trace_in_any_page_or_the_wal(session: Session) -> None:
    client, _case = _client_with_markers(session)
    other = add_client(session, given_name="Bleibt", family_name="Hier")
    add_consultation(session, add_case(session, other), start=datetime(2024, 3, 7, 11))
    before = {m: _figures(session, 2024, m) for m in (3, 4)}
    path, key = database_file(session.store)

    # The markers are on disk before: the page search finds what it looks for.
    found = occurrences(path, key, _needles())
    assert all(found.values()), {n: c for n, c in found.items() if not c}

    result = privacy.erase_client(
        session, client.id, "client_request", f"{MARKERS['family_name']}, {MARKERS['given_name']}"
    )

    assert result.wal_emptied
    found = occurrences(path, key, _needles())
    assert not any(found.values()), {n: c for n, c in found.items() if c}
    assert len(database_pages(path, key)) > 10
    # What the figures of reported months need is kept: they are identical.
    assert {m: _figures(session, 2024, m) for m in (3, 4)} == before
    assert result.consultations_kept == 4
    with pytest.raises(NotFound):
        session.store.clients.require(client.id)
    # The skeleton is in no list and no search, and the client next to it is untouched.
    assert casework.search_clients(session, "Hier")[0].id == other.id
    assert casework.search_clients(session, MARKERS["family_name"]) == []
    skeleton_client = session.store.clients.require(result.skeleton_id)
    assert skeleton_client.erased and not skeleton_client.family_name and not skeleton_client.household[0].given_name


def test_audit_records_the_erasure_without_the_name_and_the_chain_holds(session: Session) -> None:
    client, _ = _client_with_markers(session)
    result = privacy.erase_client(session, client.id, "retention_expired", client.client_number)
    entry = session.store.audit.recent(1)[0]
    assert (entry.action, entry.record_id, entry.detail) == ("erase", result.skeleton_id, "reason=retention_expired")
    assert session.store.audit.verify() == []
    every_entry = " ".join(f"{e.record_id} {e.detail}" for e in session.store.audit.recent(10_000))
    assert not any(m.casefold() in every_entry.casefold() for m in MARKERS.values())


def test_a_fault_between_two_steps_leaves_the_whole_client(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    client, case = _client_with_markers(session)
    audit_before = len(session.store.audit.recent(10_000))
    real = privacy_store.erase_rows
    for failing_step in range(len(privacy_store.CLIENT_ROWS)):
        calls = []

        def failing(db, table, condition, client_id, calls=calls, failing_step=failing_step):
            if len(calls) == failing_step:
                raise OSError("disk full")
            calls.append(table)
            return real(db, table, condition, client_id)

        monkeypatch.setattr(privacy_store, "erase_rows", failing)
        with pytest.raises(OSError):
            privacy.erase_client(session, client.id, "client_request", client.client_number)
        assert session.store.clients.require(client.id).family_name == MARKERS["family_name"]
        assert len(session.store.consultations.for_client(client.id)) == 4
        assert len(session.store.goals.for_case(case.id)) == 1
        assert len(session.store.consents.for_client(client.id)) == 1
        assert len(documents.documents_of(session, client.id)) == 1
        assert len(deadlines.deadlines_of(session, client.id)) == 1
        assert casework.search_clients(session, MARKERS["family_name"])[0].id == client.id
        assert session.store.erasures.all() == []
        assert len(session.store.audit.recent(10_000)) == audit_before
    monkeypatch.setattr(privacy_store, "erase_rows", real)
    privacy.erase_client(session, client.id, "client_request", client.client_number)
    assert not session.store.clients.exists(client.id)


def test_a_legal_hold_refuses_the_erasure_with_its_reason(session: Session) -> None:
    client = add_client(session)
    privacy.place_hold(
        session, client.id, "Klageverfahren VG 3 K 12/24", until=date.today().replace(year=date.today().year + 1)
    )
    with pytest.raises(privacy.LegalHoldActive) as refused:
        privacy.erase_client(session, client.id, "client_request", client.display_name)
    assert "Klageverfahren VG 3 K 12/24" in str(refused.value)
    assert session.store.clients.require(client.id).family_name == "Beispiel"


def test_erasure_needs_the_name_and_a_reason(session: Session) -> None:
    client = add_client(session)
    with pytest.raises(privacy.ConfirmationMismatch):
        privacy.erase_client(session, client.id, "client_request", "Someone Else")
    with pytest.raises(privacy.UnknownErasureReason):
        privacy.erase_client(session, client.id, "because", client.display_name)
    assert session.store.clients.exists(client.id)
