"""Restore works on a damaged, missing or unopenable store and refuses while another process has it open."""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from beratung_desktop.cli import main
from beratung_desktop.services import accounts, maintenance
from beratung_desktop.storage.errors import StoreBusy
from beratung_desktop.storage.keyslots import TEST_KDF
from beratung_desktop.storage.store_lock import RestoreRunning, StoreLock
from tests.conftest import PASSWORD
from tests.factories import add_client


def admin(monkeypatch, capsys, folder: Path, *argv: str, stdin: str = f"{PASSWORD}\n") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(["--data-dir", str(folder), "--user", "anna", "--password-stdin", *argv], kdf=TEST_KDF)
    out, err = capsys.readouterr()
    return code, out, err


def test_reproduction_of_issue_11_restores_a_store_with_16_flipped_bytes(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "data"
    assert admin(monkeypatch, capsys, folder, "init", "--demo")[0] == 0
    assert admin(monkeypatch, capsys, folder, "demo-data", "--clients", "500")[0] == 0
    code, out, _ = admin(monkeypatch, capsys, folder, "backup", "--to", str(tmp_path / "B"))
    assert code == 0
    backup_file = next((tmp_path / "B").glob("*.db"))
    db_file = folder / "beratung.db"
    raw = bytearray(db_file.read_bytes())
    middle = len(raw) // 2
    raw[middle : middle + 16] = bytes(b ^ 0xFF for b in raw[middle : middle + 16])
    db_file.write_bytes(bytes(raw))
    code, out, err = admin(monkeypatch, capsys, folder, "verify")
    assert code == 1 and "Traceback" not in err

    code, out, err = admin(monkeypatch, capsys, folder, "restore", str(backup_file))
    assert code == 0, err
    assert "renamed, not deleted" in out
    damaged = next((folder / "backups").glob("damaged-*"))
    assert (damaged / "beratung.db").read_bytes()[middle : middle + 16] == raw[middle : middle + 16]
    assert admin(monkeypatch, capsys, folder, "verify")[0] == 0
    session = accounts.unlock(folder, "anna", PASSWORD, kdf=TEST_KDF)
    try:
        assert maintenance.verify(session).ok
        assert session.store.clients.count() == _client_count(backup_file, session)
    finally:
        session.close()


def _client_count(backup_file: Path, session) -> int:
    copy = session.store.open_copy(backup_file)
    try:
        return copy.query("SELECT count(*) FROM clients")[0][0]
    finally:
        copy.close()


def test_restore_into_a_missing_store_with_the_recovery_key(new_store, data_dir, tmp_path, monkeypatch, capsys):
    session, recovery_key = new_store
    add_client(session, given_name="Kept", family_name="Safe")
    backup_file = maintenance.backup(session, tmp_path / "B")
    session.close()
    for name in ("beratung.db", "beratung.db-wal", "beratung.db-shm", "keys.json", "keys.backup.json"):
        (data_dir / name).unlink(missing_ok=True)
    code, _, err = admin(
        monkeypatch, capsys, data_dir, "restore", str(backup_file), "--recovery-key-stdin", stdin=f"{recovery_key}\n"
    )
    assert code == 0, err
    reopened = accounts.recover(data_dir, recovery_key, "anna", "a new password 12", kdf=TEST_KDF)
    assert [c.family_name for c in reopened.store.clients.search("Safe")] == ["Safe"]
    reopened.close()


def test_restore_of_an_unopenable_store_keeps_its_files_aside(new_store, data_dir, tmp_path):
    session, _ = new_store
    add_client(session, given_name="Kept", family_name="Safe")
    backup_file = maintenance.backup(session, tmp_path / "B")
    session.close()
    (data_dir / "beratung.db").write_bytes(b"not a database at all" * 100)
    done = maintenance.restore_folder(data_dir, backup_file, user_name="anna", password=PASSWORD)
    assert done.damaged and done.session is not None
    assert (done.kept_aside / "beratung.db").read_bytes().startswith(b"not a database")
    assert done.session.store.clients.count() == 1
    assert maintenance.verify(done.session).ok
    done.session.close()


def test_restore_by_a_counsellor_is_refused_before_anything_changes(new_store, data_dir, tmp_path, kdf):
    from beratung_desktop.services.session import PermissionDenied

    session, _ = new_store
    accounts.add_user(session, "carla", "counsellor", "carla password 1", kdf=kdf)
    backup_file = maintenance.backup(session, tmp_path / "B")
    session.close()
    before = (data_dir / "beratung.db").read_bytes()
    with pytest.raises(PermissionDenied):
        maintenance.restore_folder(data_dir, backup_file, user_name="carla", password="carla password 1")
    assert (data_dir / "beratung.db").read_bytes() == before
    assert not (data_dir / "backups").exists()


HOLDER = textwrap.dedent(
    """
    import sys, time
    from beratung_desktop.services import accounts, casework
    from beratung_desktop.domain.clients import Client
    from beratung_desktop.storage.keyslots import TEST_KDF
    session = accounts.unlock(sys.argv[1], "anna", sys.argv[2], kdf=TEST_KDF)
    print("open", flush=True)
    n = 0
    while True:
        if sys.argv[3] == "write":
            casework.save_client(session, Client(given_name=f"W{n}", family_name="Writer"))
            n += 1
            print(n, flush=True)
        time.sleep(0.02)
    """
)


@pytest.mark.parametrize("mode", ["idle", "write"])
def test_restore_is_refused_while_another_process_has_the_store_open(new_store, data_dir, tmp_path, mode):
    session, _ = new_store
    add_client(session, given_name="In", family_name="Backup")
    backup_file = maintenance.backup(session, tmp_path / "B")
    session.close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data_dir), PASSWORD, mode],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreBusy):
            maintenance.restore_folder(data_dir, backup_file, user_name="anna", password=PASSWORD)
        other = accounts.unlock(data_dir, "anna", PASSWORD, kdf=TEST_KDF)  # an in-process session too
        with pytest.raises(StoreBusy):
            maintenance.restore(other, backup_file)
        other.close()
        time.sleep(0.2)
    finally:
        holder.kill()
        holder.wait()
    acknowledged = 0
    if mode == "write":
        acknowledged = sum(1 for line in holder.stdout if line.strip().isdigit()) if holder.stdout else 0
    assert not list(data_dir.glob(".*.part"))
    session = accounts.unlock(data_dir, "anna", PASSWORD, kdf=TEST_KDF)
    try:
        assert maintenance.verify(session).ok
        assert len(session.store.clients.search("Writer", 10000)) >= acknowledged
    finally:
        session.close()
    # With the holder gone, the same restore goes through.
    done = maintenance.restore_folder(data_dir, backup_file, user_name="anna", password=PASSWORD)
    assert done.session is not None and done.session.store.clients.count() == 1
    done.session.close()


def test_opening_is_refused_while_a_restore_holds_the_folder(new_store, data_dir):
    session, _ = new_store
    session.close()
    lock = StoreLock.sole(data_dir)
    try:
        with pytest.raises(RestoreRunning):
            accounts.unlock(data_dir, "anna", PASSWORD, kdf=TEST_KDF)
    finally:
        lock.release()
    accounts.unlock(data_dir, "anna", PASSWORD, kdf=TEST_KDF).close()


def test_safety_copies_rotate_and_temporary_files_of_killed_runs_are_removed(new_store, data_dir, tmp_path):
    import os
    import time

    from beratung_desktop.storage.restore import SAFETY_COPIES_KEPT

    session, _ = new_store
    add_client(session, given_name="Kept", family_name="Safe")
    target = tmp_path / "B"
    backup_file = maintenance.backup(session, target)
    # Left by a killed backup (untouched for a minute) and by a killed restore.
    stale = target / ".beratung-backup-20260101-120000.db.part"
    stale.write_bytes(b"half")
    os.utime(stale, (time.time() - 60, time.time() - 60))
    fresh = target / ".beratung-backup-20260101-120001.db.part"
    fresh.write_bytes(b"still being written")
    session.close()
    (data_dir / ".beratung.db.restore.part").write_bytes(b"half a restore")
    session = accounts.unlock(data_dir, "anna", PASSWORD, kdf=TEST_KDF)
    assert not (data_dir / ".beratung.db.restore.part").exists()
    maintenance.backup(session, target)
    assert not stale.exists() and fresh.exists()
    for _ in range(SAFETY_COPIES_KEPT + 2):
        session = maintenance.restore(session, backup_file)
    session.close()
    assert len(list((data_dir / "backups").glob("before-restore-*.db"))) == SAFETY_COPIES_KEPT
