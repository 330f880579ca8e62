"""Backups restore identical records; verify catches damage to the file and to the audit chain."""

from __future__ import annotations

import pytest

from beratung_desktop.services import accounts, maintenance
from beratung_desktop.storage.errors import DamagedStore
from beratung_desktop.storage.keyslots import TEST_KDF
from beratung_desktop.storage.maintenance import BackupMismatch, table_rows
from tests.conftest import PASSWORD
from tests.factories import add_case, add_client, add_consultation


def _fill(session, n=30):
    for i in range(n):
        client = add_client(session, given_name=f"Given{i}", family_name=f"Family{i}")
        add_consultation(session, add_case(session, client))


def test_backup_then_restore_gives_identical_records(session, tmp_path):
    _fill(session)
    snapshot = table_rows(session.store.db)
    backup_file = maintenance.backup(session, tmp_path / "backups")
    # Changes after the backup: all of them must be gone after restoring.
    add_client(session, given_name="After", family_name="Backup")
    session.store.clients.delete(session.store.clients.search("Family3")[0].id)
    restored = maintenance.restore(session, backup_file)
    after = table_rows(restored.store.db)
    audit_before, audit_after = snapshot.pop("audit_log"), after.pop("audit_log")
    assert after == snapshot
    # The copy was taken before its own 'backup' entry; the restore entry follows the copied chain.
    assert audit_after[: len(audit_before)] == audit_before
    assert maintenance.verify(restored).ok
    restored.close()


def test_backup_file_is_encrypted_and_written_atomically(session, tmp_path):
    _fill(session, 3)
    folder = tmp_path / "b"
    backup_file = maintenance.backup(session, folder)
    assert [p.name for p in folder.iterdir()] == [backup_file.name]
    raw = backup_file.read_bytes()
    assert b"Family1" not in raw and not raw.startswith(b"SQLite format 3")


def test_restore_refuses_a_foreign_or_damaged_file_and_keeps_the_store(session, tmp_path, kdf):
    _fill(session, 3)
    foreign, _ = accounts.create_store(tmp_path / "other", "otto", PASSWORD, kdf=kdf)
    foreign_backup = maintenance.backup(foreign, tmp_path / "fb")
    foreign.close()
    with pytest.raises(BackupMismatch):
        maintenance.restore(session, foreign_backup)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\x00" * 10000)
    with pytest.raises(BackupMismatch):
        maintenance.restore(session, junk)
    assert session.store.clients.count() == 3


def test_verify_passes_on_a_healthy_store(session):
    _fill(session, 5)
    assert maintenance.verify(session).ok


def test_verify_catches_a_changed_audit_entry(session):
    _fill(session, 5)
    session.store.db.execute("UPDATE audit_log SET user = 'mallory' WHERE seq = 3")
    report = maintenance.verify(session)
    assert not report.ok and report.audit_breaks == [3]


def test_verify_catches_a_removed_audit_entry(session):
    _fill(session, 5)
    session.store.db.execute("DELETE FROM audit_log WHERE seq = 4")
    assert 5 in maintenance.verify(session).audit_breaks


@pytest.mark.parametrize("page", [3, -2])
def test_flipped_byte_in_the_database_is_detected(new_store, data_dir, page):
    session, _ = new_store
    _fill(session, 200)
    session.close()
    db_file = data_dir / "beratung.db"
    raw = bytearray(db_file.read_bytes())
    assert len(raw) > 5 * 4096
    raw[(page % (len(raw) // 4096)) * 4096 + 1000] ^= 0x01
    db_file.write_bytes(bytes(raw))
    try:
        reopened = accounts.unlock(data_dir, "anna", PASSWORD, kdf=TEST_KDF)
    except DamagedStore:
        return  # the damaged page was read while unlocking: refused with the damage message
    report = maintenance.verify(reopened)
    reopened.close()
    assert not report.ok
    assert report.cipher or report.integrity != ["ok"]


def test_restore_refuses_a_backup_from_a_newer_version_and_keeps_working(session, tmp_path):
    from beratung_desktop.storage.errors import NewerStore
    from beratung_desktop.storage.migrations import LATEST

    _fill(session, 3)
    backup_file = maintenance.backup(session, tmp_path / "b")
    newer = session.store.open_copy(backup_file)
    newer.execute(f"PRAGMA user_version = {LATEST + 1}")
    newer.close()
    with pytest.raises(NewerStore):
        maintenance.restore(session, backup_file)
    assert session.store.clients.count() == 3
    add_client(session, given_name="Still", family_name="Works")


def test_restore_while_another_program_writes_is_refused_and_nothing_changes(session, tmp_path, data_dir):
    from beratung_desktop.storage.errors import StoreBusy

    _fill(session, 3)
    backup_file = maintenance.backup(session, tmp_path / "b")
    add_client(session, given_name="After", family_name="Backup")
    other = session.store.open_copy(data_dir / "beratung.db")  # the desktop app, in the middle of a save
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE meta SET value = value WHERE key = 'store_id'")
    try:
        with pytest.raises(StoreBusy):
            maintenance.restore(session, backup_file)
    finally:
        other.execute("ROLLBACK")
        other.close()
    # Not replaced, and the session that asked goes on working.
    assert [c.family_name for c in session.store.clients.search("Backup")] == ["Backup"]
    add_client(session, given_name="Still", family_name="Works")


def test_safety_copy_before_restore_holds_the_latest_saves(session, tmp_path, data_dir):
    _fill(session, 2)
    backup_file = maintenance.backup(session, tmp_path / "b")
    add_client(session, given_name="Latest", family_name="Save")
    restored = maintenance.restore(session, backup_file)
    safety = next((data_dir / "backups").glob("before-restore-*.db"))
    copy = restored.store.open_copy(safety)
    try:
        names = [r[0] for r in copy.query("SELECT family_name FROM clients")]
    finally:
        copy.close()
    restored.close()
    assert "Save" in names and len(names) == 3
