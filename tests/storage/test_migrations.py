"""An old store (schema 1, before the search index) is upgraded on open, with a backup first."""

from __future__ import annotations

from beratung_desktop.domain.clients import Client
from beratung_desktop.domain.users import User
from beratung_desktop.services import accounts
from beratung_desktop.storage.keyslots import TEST_KDF
from beratung_desktop.storage.migrations import LATEST, schema_version
from beratung_desktop.storage.store import Store
from tests.conftest import PASSWORD


def test_old_store_is_upgraded_and_keeps_its_data(data_dir, kdf):
    store, _ = Store.create(data_dir, User(name="anna", role="admin"), PASSWORD, kdf, schema_version=1)
    assert schema_version(store.db) == 1
    # Schema 1 had no search index: write the client with plain SQL as the old version did.
    client = Client(client_number="2023-00001", given_name="Ömer", family_name="Yılmaz")
    from beratung_desktop.storage.mapping import columns, to_row

    row = to_row(client)
    later = ("erased", "referred_by_partner_id", "support_needs")  # added by schemas 7 and 10
    cols = [c for c in columns(Client) if c not in later]
    store.db.execute(
        f"INSERT INTO clients ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})", tuple(row[c] for c in cols)
    )
    store.close()

    session = accounts.unlock(data_dir, "anna", PASSWORD, kdf=TEST_KDF)
    assert schema_version(session.store.db) == LATEST
    assert session.store.clients.require(client.id).family_name == "Yılmaz"
    # The migration built the index for clients stored before it existed.
    assert [c.id for c in session.store.clients.search("yilmaz omer")] == [client.id]
    backups = list((data_dir / "backups").glob("before-schema-2-*.db"))
    assert len(backups) == 1
    session.close()


def test_current_store_is_not_backed_up_again(session, data_dir):
    session.close()
    accounts.unlock(data_dir, "anna", PASSWORD, kdf=TEST_KDF).close()
    assert not (data_dir / "backups").exists()


def test_store_from_a_newer_version_is_refused_untouched(session, data_dir):
    import pytest

    from beratung_desktop.storage.errors import NewerStore

    session.store.db.execute(f"PRAGMA user_version = {LATEST + 1}")
    session.close()
    before = (data_dir / "beratung.db").read_bytes()
    with pytest.raises(NewerStore):
        accounts.unlock(data_dir, "anna", PASSWORD, kdf=TEST_KDF)
    assert (data_dir / "beratung.db").read_bytes() == before


def test_schema_6_rebuilds_the_search_index_with_every_spelling(data_dir, kdf):
    from beratung_desktop.storage.mapping import columns, to_row

    store, _ = Store.create(data_dir, User(name="anna", role="admin"), PASSWORD, kdf, schema_version=5)
    client = Client(client_number="2023-00002", given_name_original="Тарас", family_name_original="Шевченко")
    row, cols = (
        to_row(client),
        [c for c in columns(Client) if c not in ("erased", "referred_by_partner_id", "support_needs")],
    )
    store.db.execute(
        f"INSERT INTO clients ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})", tuple(row[c] for c in cols)
    )
    # The index as schema 5 wrote it: Cyrillic only, no transliteration.
    store.db.execute(
        "INSERT INTO client_search (client_id, names, skeletons, number, birth) VALUES (?, ?, '', ?, '')",
        (client.id, "тарас шевченко", client.client_number),
    )
    store.close()
    session = accounts.unlock(data_dir, "anna", PASSWORD, kdf=TEST_KDF)
    assert [c.id for c in session.store.clients.search("Shevchenko")] == [client.id]
    session.close()
