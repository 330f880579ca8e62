"""Backup, restore and integrity checks of the encrypted database."""

from __future__ import annotations

import contextlib
import os
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .atomic_file import WriteFailed, fsync_dir, private_file, write_failure
from .connection import Database, DatabaseError
from .documents import damaged_documents
from .errors import N_, DamagedStore, NewerStore, StoreBusy, StoreError
from .migrations import LATEST


class BackupDamaged(StoreError):
    message = N_("The backup {path} failed its integrity check; nothing was changed.")


class BackupMismatch(StoreError):
    message = N_("{path} is not a backup of this data store; nothing was changed.")


def encrypted_copy(db: Database, key: bytes, target: Path) -> None:
    """A consistent copy encrypted with the same key, written under a temporary name, then renamed.

    The SQLite backup API does not work on encrypted databases, so the copy is made with
    sqlcipher_export, which reads one snapshot of the live database (also while the app is open).
    A full or read-only target raises DiskFull or WriteFailed and leaves no file behind.
    """
    target = Path(target)
    tmp = target.with_name(f".{target.name}.part")
    try:
        _export(db, key, tmp)
        private_file(tmp)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, target)
        fsync_dir(target.parent)
    except OSError as exc:
        _discard(tmp)
        raise write_failure(target, exc) from exc
    except DatabaseError as exc:  # ATTACH cannot create the file: a missing or read-only folder
        _discard(tmp)
        raise WriteFailed(path=str(target), reason=str(exc)) from exc
    except BaseException:
        _discard(tmp)
        raise


def _export(db: Database, key: bytes, tmp: Path) -> None:
    tmp.unlink(missing_ok=True)
    with db.lock:
        db.execute(f"ATTACH DATABASE ? AS backup_copy KEY \"x'{key.hex()}'\"", (str(tmp),))
        try:
            version = db.query("PRAGMA main.user_version")[0][0]
            db.execute("SELECT sqlcipher_export('backup_copy')")
            db.execute(f"PRAGMA backup_copy.user_version = {int(version)}")
        finally:
            db.execute("DETACH DATABASE backup_copy")


def _discard(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


STALE_PART_SECONDS = 30  # a running copy touches its temporary file continuously


def remove_stale_backup_parts(folder: Path) -> int:
    """Deletes temporary files of backups that were killed (not touched for a while, so not running)."""
    removed = 0
    for part in Path(folder).glob(".beratung-backup-*.part"):
        with contextlib.suppress(OSError):
            if time.time() - part.stat().st_mtime > STALE_PART_SECONDS:
                part.unlink()
                removed += 1
    return removed


def backup_name(now: datetime | None = None) -> str:
    return f"beratung-backup-{(now or datetime.now()).strftime('%Y%m%d-%H%M%S')}.db"


@dataclass
class VerifyReport:
    integrity: list[str] = field(default_factory=list)
    cipher: list[str] = field(default_factory=list)
    audit_breaks: list[int] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    # Documents whose stored bytes are missing or do not match their SHA-256.
    documents: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.integrity == ["ok"] and not self.cipher and not self.audit_breaks and not self.documents


def check_database(db: Database) -> VerifyReport:
    report = VerifyReport()
    try:
        report.integrity = [r[0] for r in db.query("PRAGMA integrity_check")]
        report.cipher = [str(r[0]) for r in db.query("PRAGMA cipher_integrity_check")]
        report.counts = table_counts(db)
        if report.integrity == ["ok"]:
            report.documents = damaged_documents(db)
    except (DatabaseError, DamagedStore) as exc:
        report.integrity = [str(exc)]
    return report


def table_counts(db: Database) -> dict[str, int]:
    import sqlite_utils  # with click and dateutil: loaded for a verify, not at start-up

    with db.lock:
        tables = sqlite_utils.Database(db.conn).table_names()
        return {
            t: db.query(f'SELECT count(*) FROM "{t}"')[0][0]
            for t in tables
            if not t.startswith("client_search") and t != "meta"
        }


def table_rows(db: Database) -> dict[str, list[tuple]]:
    """Every row of every record table, sorted, to compare two databases record by record."""
    import sqlite_utils

    with db.lock:
        sdb = sqlite_utils.Database(db.conn)
        return {
            t: sorted(tuple(r.values()) for r in sdb[t].rows)
            for t in sdb.table_names()
            if not t.startswith("client_search")
        }


def check_backup(path: Path, key: bytes, store_id: str | None) -> VerifyReport:
    """Opens a backup with the store's key and checks it completely before anything is replaced."""
    try:
        copy = Database(Path(path), key)
    except DamagedStore:
        raise BackupMismatch(path=str(path)) from None
    try:
        found = copy.query("SELECT value FROM meta WHERE key = 'store_id'")
        if not found or (store_id is not None and found[0][0] != store_id):
            raise BackupMismatch(path=str(path))
        version = copy.query("PRAGMA user_version")[0][0]
        if version > LATEST:
            # Putting it in place would leave a store this version cannot open.
            raise NewerStore(found=version, known=LATEST)
        return check_database(copy)
    except DatabaseError:
        raise BackupMismatch(path=str(path)) from None
    finally:
        copy.close()


def release_for_replacement(db: Database) -> None:
    """Moves everything from the WAL into the database file; refuses while another program writes."""
    busy, _log, _done = db.query("PRAGMA wal_checkpoint(TRUNCATE)")[0]
    if busy:
        raise StoreBusy()
