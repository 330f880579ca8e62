"""Putting a checked backup in place of the store, also when the store is damaged, missing or unopenable.

Restore needs only a key that opens the backup itself (from a key slot or the recovery key), never the
current database. It holds the folder's lock exclusively, so no other process has the store open while
its file is replaced. What was there before is kept: a healthy store as an encrypted safety copy in
`backups/before-restore-….db` (the newest few are kept), a damaged one renamed into
`backups/damaged-…/`, never deleted.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .atomic_file import fsync_dir
from .connection import DATABASE_FILE, Database, DatabaseError
from .errors import DamagedStore, StoreBusy, StoreError
from .maintenance import BackupDamaged, BackupMismatch, check_backup, encrypted_copy, release_for_replacement
from .store_lock import StoreLock

BACKUP_FOLDER = "backups"
SAFETY_COPIES_KEPT = 5
PART_SUFFIX = ".restore.part"


@dataclass(frozen=True)
class RestoreOutcome:
    key: bytes
    kept_aside: Path | None  # the safety copy or the folder with the damaged files
    damaged: bool  # True when the previous store did not open and was renamed aside


def backup_key(backup_file: Path, keys: Iterable[bytes], store_id: str | None) -> bytes:
    """The first key that opens the backup and passes its complete check; refuses otherwise."""
    mismatch: StoreError | None = None
    for key in keys:
        try:
            report = check_backup(Path(backup_file), key, store_id)
        except BackupMismatch as exc:
            mismatch = exc
            continue
        if not report.ok:
            raise BackupDamaged(path=str(backup_file))
        return key
    raise mismatch or BackupMismatch(path=str(backup_file))


def restore_into(folder: Path, backup_file: Path, key: bytes, lock: StoreLock) -> RestoreOutcome:
    """Keeps the current files and puts the backup (checked with `backup_key`) in place. `lock` must be
    held exclusively and no connection of this process may be open on the store."""
    if not lock.exclusive:
        raise StoreBusy()
    folder = Path(folder)
    remove_stale_parts(folder)
    staged = folder / f".{DATABASE_FILE}{PART_SUFFIX}"
    _copy_synced(Path(backup_file), staged)
    try:
        kept, damaged = _keep_current(folder, key)
        os.replace(staged, folder / DATABASE_FILE)
        fsync_dir(folder)
    finally:
        staged.unlink(missing_ok=True)
    return RestoreOutcome(key, kept, damaged)


def _copy_synced(source: Path, target: Path) -> None:
    try:
        shutil.copyfile(source, target)
        with open(target, "rb+") as f:
            os.fsync(f.fileno())
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def _keep_current(folder: Path, key: bytes) -> tuple[Path | None, bool]:
    """A safety copy of a store that opens with `key`; otherwise its files are renamed aside."""
    live = folder / DATABASE_FILE
    if not live.exists():
        return _rename_aside(folder), True
    try:
        db = Database(live, key)
    except (StoreError, DatabaseError, OSError):
        return _rename_aside(folder), True
    try:
        copy = safety_copy(db, key, folder)
        release_for_replacement(db)
    except StoreBusy:
        db.close()
        raise
    except (StoreError, DatabaseError):
        db.close()
        return _rename_aside(folder), True
    db.close()
    return copy, False


def _rename_aside(folder: Path) -> Path | None:
    """Moves the -wal and -shm files into one dated folder and links the database file there too; the
    caller then renames the backup over the database, so a kill at any moment leaves a database file in
    place (never a missing store) and never the damaged WAL beside the restored file."""
    live = folder / DATABASE_FILE
    present = [p for p in (folder / f"{DATABASE_FILE}{s}" for s in ("-wal", "-shm")) if p.exists()]
    if not present and not live.exists():
        return None
    aside = folder / BACKUP_FOLDER / f"damaged-{_stamp()}"
    aside.mkdir(mode=0o700, parents=True)
    for path in present:
        os.replace(path, aside / path.name)
    if live.exists():
        try:
            os.link(live, aside / DATABASE_FILE)
        except OSError:  # a file system without hard links
            _copy_synced(live, aside / DATABASE_FILE)
    fsync_dir(aside)
    fsync_dir(folder)
    return aside


def safety_copy(db: Database, key: bytes, folder: Path) -> Path:
    """An encrypted, consistent copy of the live database (WAL included) before it is replaced; the
    oldest copies beyond SAFETY_COPIES_KEPT are deleted, so repeated restores do not fill the disk."""
    target = Path(folder) / BACKUP_FOLDER / f"before-restore-{_stamp()}.db"
    target.parent.mkdir(mode=0o700, exist_ok=True)
    encrypted_copy(db, key, target)
    copies = sorted(target.parent.glob("before-restore-*.db"))
    for old in copies[:-SAFETY_COPIES_KEPT]:
        old.unlink(missing_ok=True)
    return target


def remove_stale_parts(folder: Path) -> list[Path]:
    """Deletes temporary files left by a killed restore or backup (never a finished file)."""
    folder = Path(folder)
    found = [*folder.glob(f".*{PART_SUFFIX}"), *folder.glob(f"{BACKUP_FOLDER}/.*.part")]
    for path in found:
        path.unlink(missing_ok=True)
    return found


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S-%f")


def key_opens(folder: Path, key: bytes) -> bool:
    try:
        Database(Path(folder) / DATABASE_FILE, key).close()
    except (DamagedStore, OSError):
        return False
    return True
