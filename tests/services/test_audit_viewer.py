"""The audit viewer's queries: filters in SQL, keyset pages, the counsellor's own clients, the chain."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from beratung_desktop.domain.audit import AuditQuery
from beratung_desktop.domain.consents import Consent
from beratung_desktop.services import audit, casework
from beratung_desktop.services.session import PermissionDenied, Session
from tests.factories import add_case, add_client, add_consultation
from tests.storage.raw_access import delete_audit_entry, move_audit_entry, tamper_audit_entry


def _counsellor(session: Session, name: str) -> Session:
    from beratung_desktop.domain.users import User

    user = User(name=name, role="counsellor")
    session.store.users.add(user)
    return Session(session.store, user)


def test_filters_by_client_user_action_and_period(session: Session) -> None:
    berta = _counsellor(session, "berta")
    amal = add_client(session, family_name="Haddad")
    case = add_case(berta, amal)
    consultation = add_consultation(berta, case)
    other = add_client(session, family_name="Andere")
    casework.open_client(session, other.id)
    casework.save_consent(session, Consent(client_id=amal.id, purpose="data_storage", given=date(2024, 1, 2)))

    about_amal = audit.entries(session, AuditQuery(client_id=amal.id))
    assert {e.record_id for e in about_amal} == {amal.id, case.id, consultation.id, about_amal[0].record_id}
    assert all(e.record_id != other.id for e in about_amal)
    assert [e.action for e in audit.entries(session, AuditQuery(user="berta"))] == ["create", "create"]
    assert [e.record_id for e in audit.entries(session, AuditQuery(action="view"))] == [other.id]
    assert audit.count(session, AuditQuery(client_id=amal.id, user="anna")) == 2  # client and consent

    view = next(e for e in audit.entries(session, AuditQuery(action="view")))
    move_audit_entry(session.store, view.seq, datetime(2025, 3, 10, 23, 30, tzinfo=UTC))
    start, end = audit.local_day_bounds(date(2025, 3, 1), date(2025, 3, 31))
    assert [e.seq for e in audit.entries(session, AuditQuery(start=start, end=end))] == [view.seq]
    start, end = audit.local_day_bounds(date(2025, 4, 1), None)
    assert view.seq not in [e.seq for e in audit.entries(session, AuditQuery(start=start, end=end))]
    assert session.store.audit.verify() == []


def test_pages_are_keyset_and_cover_every_entry_once(session: Session) -> None:
    client = add_client(session)
    for _ in range(23):
        casework.open_client(session, client.id)
    query = AuditQuery(client_id=client.id)
    seen: list[int] = []
    before = None
    while page := audit.entries(session, query, before, limit=10):
        seen += [e.seq for e in page]
        before = page[-1].seq
    assert len(seen) == 24 == audit.count(session, query) and seen == sorted(seen, reverse=True)


def test_a_counsellor_sees_only_the_entries_of_their_own_clients(session: Session) -> None:
    berta = _counsellor(session, "berta")
    carla = _counsellor(session, "carla")
    mine = add_client(session, family_name="Meine")
    add_case(berta, mine)
    theirs = add_client(session, family_name="Fremde")
    add_case(carla, theirs)
    casework.open_client(carla, theirs.id)
    casework.open_client(carla, mine.id)

    visible = audit.entries(berta, AuditQuery())
    assert visible and all(e.record_id != theirs.id for e in visible)
    assert any(e.user == "carla" and e.record_id == mine.id for e in visible)  # who looked at my client
    assert audit.entries(berta, AuditQuery(client_id=theirs.id)) == []
    assert audit.count(berta, AuditQuery(action="login")) == 0  # no sign-ins, no settings, no other files
    with pytest.raises(PermissionDenied):
        audit.check_chain(berta)


def test_opening_the_viewer_is_audited(session: Session) -> None:
    audit.open_log(session)
    entry = session.store.audit.recent(1)[0]
    assert (entry.action, entry.record_type, entry.detail) == ("view", "audit_log", "whole log")


def test_chain_check_names_the_first_broken_entry(session: Session, monkeypatch) -> None:
    from beratung_desktop.storage import audit_log

    monkeypatch.setattr(audit_log, "CHAIN_CHUNK", 7)  # several chunks
    client = add_client(session)
    for _ in range(30):
        casework.open_client(session, client.id)
    intact = audit.check_chain(session)
    assert intact.intact and intact.checked == audit.count(session, AuditQuery())
    tamper_audit_entry(session.store, 17, "print")
    tamper_audit_entry(session.store, 25, "print")
    broken = audit.check_chain(session)
    assert broken.broken_seq == 17 and broken.first_broken.action == "print" and broken.checked == 17
    delete_audit_entry(session.store, 10)
    assert audit.check_chain(session).broken_seq == 11
    assert datetime.now(UTC) - broken.first_broken.at < timedelta(minutes=5)


def test_every_client_table_is_searched_for_a_clients_entries() -> None:
    from beratung_desktop.storage.audit_log import _NOT_RECORDS, _client_records
    from beratung_desktop.storage.privacy import CLIENT_ROWS

    sql = _client_records(":client")
    for table, condition in CLIENT_ROWS:
        assert "= :client" in condition
        assert (f"FROM {table} " in sql) == (table not in _NOT_RECORDS)
