"""Filling a new store: one transaction, non-unique indexes built at its end with their own SQL."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from beratung_desktop.domain.cases import Case
from beratung_desktop.domain.clients import Client
from beratung_desktop.services.session import Session
from beratung_desktop.storage.connection import DatabaseError

from .raw_access import indexes

STAMP = datetime(2026, 1, 2, 9, tzinfo=UTC)


def _client(i: int, number: str | None = None) -> Client:
    return Client(
        id=f"c{i:03d}",
        client_number=number or f"2026-{i:05d}",
        given_name=f"Given{i}",
        family_name=f"Family{i}",
        created_at=STAMP,
        updated_at=STAMP,
    )


def _case(i: int, client: str, opened: date, counsellor: str, closed: date | None = None) -> Case:
    return Case(
        id=f"k{i:03d}",
        client_id=client,
        service="mbe",
        counsellor_id=counsellor,
        opened=opened,
        closed=closed,
        close_reason="other" if closed else "",
        created_at=STAMP,
        updated_at=STAMP,
    )


def test_indexes_are_away_inside_and_back_after(session: Session) -> None:
    store = session.store
    before = indexes(store)
    unique = {name for name, sql in before.items() if sql.startswith("CREATE UNIQUE ")}
    assert "clients_number" in unique and "consultations_start" in before
    with store.bulk_fill():
        assert set(indexes(store)) == unique
        store.clients.add_many([_client(i) for i in range(50)])
        # Reads still work without the indexes (a scan), and see the transaction's own rows.
        assert store.clients.by_number("2026-00007").id == "c007"
    assert indexes(store) == before
    # The rebuilt indexes answer queries: the client list's name order comes from clients_live_name.
    assert store.clients.by_number("2026-00042").id == "c042"
    assert store.clients.search("Family13")[0].id == "c013"


def test_a_failed_fill_leaves_nothing_and_keeps_the_indexes(session: Session) -> None:
    store = session.store
    before = indexes(store)
    with pytest.raises(DatabaseError), store.bulk_fill():
        store.clients.add_many([_client(i) for i in range(10)])
        # A unique index stays in place during the fill: the duplicate is refused at once.
        store.clients.add_many([_client(99, number="2026-00003")])
    assert store.clients.count() == 0
    assert indexes(store) == before


def test_the_store_writes_through_the_wal_again_after_a_fill(session: Session) -> None:
    store = session.store
    with store.bulk_fill():
        store.clients.add_many([_client(1)])
    assert store.db.query("PRAGMA journal_mode")[0][0] == "wal"


def test_open_cases_by_opening_day_then_written_order(session: Session) -> None:
    store = session.store
    store.clients.add_many([_client(i) for i in range(3)])
    me = session.user.id
    store.cases.add_many(
        [
            _case(1, "c000", date(2025, 5, 1), me),
            _case(2, "c000", date(2025, 3, 1), me),
            _case(3, "c001", date(2025, 5, 1), me),
            _case(4, "c001", date(2025, 1, 1), me, closed=date(2025, 2, 1)),
            _case(5, "c002", date(2025, 3, 1), me),
        ]
    )
    assert [c.id for c in store.cases.open_by_opening()] == ["k002", "k005", "k001", "k003"]
