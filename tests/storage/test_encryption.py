"""Keys, passwords and the promise that nothing readable reaches the disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from beratung_desktop.services import accounts
from beratung_desktop.storage.errors import DamagedStore, KeyFileMissing, WrongPassword, WrongRecoveryKey
from beratung_desktop.storage.keyslots import KEY_FILE, KEY_FILE_COPY, TEST_KDF
from beratung_desktop.storage.store import Store
from tests.conftest import PASSWORD
from tests.factories import add_case, add_client, add_consultation

MARKERS = ["Zwetschgenbaum", "Quokkaland", "Xylophonweg", "Sonderbarnotiz"]


def _fill(session):
    client = add_client(
        session, given_name=MARKERS[0], family_name=MARKERS[1], address=MARKERS[2], given_name_original="زويتشغن"
    )
    case = add_case(session, client)
    add_consultation(session, case, notes=MARKERS[3])
    return client


def _all_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())


def test_no_plaintext_of_any_record_under_the_data_folder(new_store, data_dir):
    session, _ = new_store
    _fill(session)
    # While open (WAL and shared memory present) and after closing: no marker in any encoding.
    for phase in ("open", "closed"):
        raw = _all_bytes(data_dir)
        # Staff login names are in keys.json by design (the unlock screen lists them); client data never.
        for marker in [*MARKERS, "زويتشغن"]:
            for encoding in ("utf-8", "utf-16-le"):
                assert marker.encode(encoding) not in raw, (phase, marker, encoding)
        if phase == "open":
            session.close()


def test_wrong_password_is_refused_and_changes_nothing(new_store, data_dir):
    session, _ = new_store
    _fill(session)
    session.close()
    before = {p.name: p.read_bytes() for p in data_dir.iterdir() if p.is_file()}
    with pytest.raises(WrongPassword):
        accounts.unlock(data_dir, "anna", "not the password", kdf=TEST_KDF)
    with pytest.raises(WrongPassword):
        accounts.unlock(data_dir, "nobody", PASSWORD, kdf=TEST_KDF)
    # Only the sign-in delay file (login names and counters) is new.
    after = {p.name: p.read_bytes() for p in data_dir.iterdir() if p.is_file() and p.name != "sign-in.json"}
    assert before == after


def test_lost_key_file_recovery_key_still_opens(new_store, data_dir):
    session, recovery_key = new_store
    client = _fill(session)
    session.close()
    (data_dir / KEY_FILE).unlink()
    (data_dir / KEY_FILE_COPY).unlink()
    with pytest.raises(KeyFileMissing):
        accounts.unlock(data_dir, "anna", PASSWORD, kdf=TEST_KDF)
    # Typed in lower case with spaces instead of dashes, as people do.
    recovered = accounts.recover(
        data_dir, recovery_key.lower().replace("-", " "), "anna", "a new secret 1", kdf=TEST_KDF
    )
    assert recovered.store.clients.require(client.id).given_name == MARKERS[0]
    recovered.close()
    reopened = accounts.unlock(data_dir, "anna", "a new secret 1", kdf=TEST_KDF)
    assert reopened.store.clients.require(client.id).family_name == MARKERS[1]
    reopened.close()


def test_wrong_recovery_key_is_refused(new_store, data_dir):
    session, _recovery_key = new_store
    session.close()
    other = "A" * 32
    with pytest.raises(WrongRecoveryKey):
        accounts.recover(data_dir, other, "anna", "a new secret 1", kdf=TEST_KDF)
    with pytest.raises(WrongRecoveryKey):
        accounts.recover(data_dir, "too short", "anna", "a new secret 1", kdf=TEST_KDF)


def test_damaged_primary_key_file_falls_back_to_the_copy(new_store, data_dir):
    session, _ = new_store
    session.close()
    (data_dir / KEY_FILE).write_bytes(b"{ half a file")
    accounts.unlock(data_dir, "anna", PASSWORD, kdf=TEST_KDF).close()


def test_password_change_keeps_data_and_rewrites_only_one_slot(new_store, data_dir):
    session, _ = new_store
    client = _fill(session)
    accounts.add_user(session, "berta", "counsellor", "berta's password", kdf=TEST_KDF)
    db_before = (data_dir / "beratung.db").read_bytes()
    accounts.change_password(session, "brand new password", kdf=TEST_KDF)
    session.close()
    with pytest.raises(WrongPassword):
        accounts.unlock(data_dir, "anna", PASSWORD, kdf=TEST_KDF)
    anna = accounts.unlock(data_dir, "anna", "brand new password", kdf=TEST_KDF)
    assert anna.store.clients.require(client.id).given_name == MARKERS[0]
    anna.close()
    accounts.unlock(data_dir, "berta", "berta's password", kdf=TEST_KDF).close()
    # The database itself was not re-encrypted: only the key slot changed.
    assert (data_dir / "beratung.db").read_bytes()[:4096] == db_before[:4096]


def test_foreign_file_is_reported_as_damaged(data_dir):
    data_dir.mkdir()
    session, _ = accounts.create_store(data_dir, "anna", PASSWORD, kdf=TEST_KDF)
    session.close()
    (data_dir / "beratung.db").write_bytes(b"SQLite format 3\x00" + bytes(4096))
    with pytest.raises(DamagedStore):
        accounts.unlock(data_dir, "anna", PASSWORD, kdf=TEST_KDF)


def test_creating_over_an_existing_store_is_refused(new_store, data_dir):
    from beratung_desktop.storage.errors import StoreExists

    with pytest.raises(StoreExists):
        accounts.create_store(data_dir, "other", PASSWORD, kdf=TEST_KDF)


def test_key_file_slot_cannot_be_moved_to_another_user(new_store, data_dir):
    import json

    session, _ = new_store
    session.close()
    keys = json.loads((data_dir / KEY_FILE).read_text())
    keys["slots"]["mallory"] = keys["slots"]["anna"]
    (data_dir / KEY_FILE).write_text(json.dumps(keys))
    with pytest.raises(WrongPassword):
        Store.unlock(data_dir, "mallory", PASSWORD)


def test_no_demo_name_in_the_raw_bytes_of_the_data_folder(demo_session, data_dir):
    from datetime import date

    from beratung_desktop.services import demo

    session = demo_session
    demo.generate(session, 120, seed=3, today=date(2026, 3, 1), kdf=TEST_KDF)
    clients = session.store.clients.all()
    names = {
        n
        for c in clients
        for n in (c.given_name, c.family_name, c.given_name_original, c.family_name_original)
        if len(n) >= 4
    }
    assert len(names) > 50
    session.close()
    raw = _all_bytes(data_dir)
    leaked = [n for n in names if n.encode("utf-8") in raw or n.encode("utf-16-le") in raw]
    assert leaked == []


def test_failed_creation_leaves_nothing_behind_and_can_be_retried(data_dir, monkeypatch):
    from beratung_desktop.storage.errors import DiskFull
    from beratung_desktop.storage.keyslots import KeyFile as Keys

    def full_disk(self):
        raise DiskFull()

    with monkeypatch.context() as patched:
        patched.setattr(Keys, "save", full_disk)
        with pytest.raises(DiskFull):
            accounts.create_store(data_dir, "anna", PASSWORD, kdf=TEST_KDF)
    assert list(data_dir.iterdir()) == []
    session, _ = accounts.create_store(data_dir, "anna", PASSWORD, kdf=TEST_KDF)
    session.close()
    accounts.unlock(data_dir, "anna", PASSWORD, kdf=TEST_KDF).close()
