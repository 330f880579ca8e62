"""The content digest: equal for the same rows in any order, different for any changed value or index."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from pathlib import Path

from beratung_desktop.domain.clients import Client
from beratung_desktop.services import accounts
from beratung_desktop.services.session import Session
from beratung_desktop.storage.content_digest import SCHEMA
from beratung_desktop.storage.keyslots import TEST_KDF

from ..conftest import PASSWORD
from .raw_access import drop_index

STAMP = datetime(2026, 1, 2, 9, tzinfo=UTC)


def _clients(n: int) -> list[Client]:
    return [
        Client(
            id=f"c{i:03d}",
            client_number=f"2026-{i:05d}",
            given_name=f"Given{i}",
            family_name=f"Family{i}",
            birth_date=date(1990, 1, 1 + i % 28),
            created_at=STAMP,
            updated_at=STAMP,
        )
        for i in range(n)
    ]


def test_same_rows_in_another_order_give_the_same_digest(session: Session, tmp_path: Path) -> None:
    second, _ = accounts.create_store(tmp_path / "second", "bert", PASSWORD, kdf=TEST_KDF)
    clients = _clients(30)
    session.store.clients.add_many(clients)
    second.store.clients.add_many(_clients(30)[::-1])
    try:
        one, other = session.store.content_digest(), second.store.content_digest()
    finally:
        second.close()
    # The stores differ in what their creation wrote (account, store id, demo mark), not in the clients.
    assert one["clients"] == other["clients"] == (30, one["clients"][1])
    assert one["client_search"] == other["client_search"]
    assert one[SCHEMA] == other[SCHEMA]
    assert one["users"] != other["users"]
    # Tables of the full-text index's segments are left out: their layout follows the order of inserts.
    assert not any(name.startswith("client_search_") for name in one)


def test_one_changed_value_changes_the_table_digest(session: Session) -> None:
    store = session.store
    clients = _clients(5)
    store.clients.add_many(clients)
    before = store.content_digest()
    store.clients.update(dataclasses.replace(clients[2], notes="moved"))
    after = store.content_digest()
    assert after["clients"] != before["clients"]
    assert after["client_search"] == before["client_search"]  # the notes are not searched
    assert {t for t in after if after[t] != before[t]} == {"clients"}


def test_volatile_columns_and_aliases_are_left_out(session: Session) -> None:
    store = session.store
    user = store.users.all()[0]
    plain = store.content_digest()
    renamed = store.content_digest(aliases={user.id: "the admin"})
    assert renamed["users"] != plain["users"]
    without_times = store.content_digest(volatile={"users": ("created_at", "updated_at", "id")})
    assert without_times["users"] != plain["users"]
    assert without_times["clients"] == plain["clients"]


def test_a_missing_index_changes_the_schema_digest(session: Session) -> None:
    store = session.store
    before = store.content_digest()
    with store.transaction():
        drop_index(store, "consultations_start")
    after = store.content_digest()
    assert after[SCHEMA] != before[SCHEMA]
    assert after["consultations"] == before["consultations"]
