"""Automatic backups into the backup folder: at most once a day (the app runs it when it closes),
encrypted, checked after writing, rotated (7 daily, 4 weekly, 12 monthly), and listed for restoring.

The folder is the `backup_dir` setting (fixed by IT as machine policy, or chosen by the user: a USB
stick, a synced share); without one, `backups/automatic` in the data folder. A folder whose drive is
not there (a stick not plugged in) is skipped quietly; the next close tries again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from ..config import Settings
from ..storage.errors import N_, StoreError
from ..storage.maintenance import BackupDamaged, remove_stale_backup_parts
from .session import Session

AUTO_PREFIX = "beratung-auto-"
_NAME = re.compile(r"^beratung-(?:auto|backup)-(\d{8}-\d{6})\.db$")
LAST_BACKUP_KEY = "last_good_backup_at"
WARN_AFTER_DAYS = 7
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
NOT_DUE = N_("there is a good backup from today")
FOLDER_MISSING = N_("the drive of the backup folder is not connected")


@dataclass(frozen=True)
class AutoBackupResult:
    path: Path | None
    skipped: str = ""  # NOT_DUE, FOLDER_MISSING or the message of a failed write (English msgids)


@dataclass(frozen=True)
class BackupStatus:
    last_good: datetime | None

    def overdue(self, now: datetime | None = None) -> bool:
        now = now or datetime.now()
        return self.last_good is None or now - self.last_good > timedelta(days=WARN_AFTER_DAYS)


@dataclass(frozen=True)
class BackupListing:
    path: Path
    taken_at: datetime
    clients: int | None  # None: the file does not open with this store's key or is damaged
    consultations: int | None


def backup_folder(settings: Settings, data_dir: Path) -> Path:
    return Path(settings.backup_dir) if settings.backup_dir else Path(data_dir) / "backups" / "automatic"


def status(session: Session) -> BackupStatus:
    text = session.store.meta(LAST_BACKUP_KEY)
    try:
        return BackupStatus(datetime.fromisoformat(text) if text else None)
    except ValueError:
        return BackupStatus(None)


def run_if_due(session: Session, folder: Path, now: datetime | None = None) -> AutoBackupResult:
    """Writes, checks and rotates today's backup unless there is one already; never raises for a
    missing or failing folder (the result says why it was skipped)."""
    now = now or datetime.now()
    last = status(session).last_good
    if last is not None and last.date() >= now.date():
        return AutoBackupResult(None, NOT_DUE)
    folder = Path(folder)
    if not folder.exists() and not folder.parent.exists():
        return AutoBackupResult(None, FOLDER_MISSING)
    try:
        return AutoBackupResult(write_checked_backup(session, folder, now))
    except StoreError as exc:
        return AutoBackupResult(None, exc.message)


def write_checked_backup(session: Session, folder: Path, now: datetime) -> Path:
    """One automatic backup: written under a temporary name, renamed, opened again and checked
    completely; only then counted as the last good backup. Older ones are rotated."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    remove_stale_backup_parts(folder)
    target = folder / f"{AUTO_PREFIX}{now.strftime('%Y%m%d-%H%M%S')}.db"
    session.store.export_encrypted_copy(target)
    if not session.store.check_copy(target).ok:
        target.unlink(missing_ok=True)  # our own fresh copy, never the user's data
        raise BackupDamaged(path=str(target))
    with session.store.transaction():
        session.store.set_meta(LAST_BACKUP_KEY, now.isoformat(timespec="seconds"))
        session.audit("backup", detail=f"automatic {target.name}")
    rotate(folder)
    return target


def _taken_at(path: Path) -> datetime | None:
    match = _NAME.match(path.name)
    if not match:
        return None
    try:
        return datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
    except ValueError:
        return None


def rotate(folder: Path) -> list[Path]:
    """Keeps the newest automatic backup of each of the last 7 days, 4 weeks and 12 months with
    backups; deletes the other automatic ones (never a backup written by hand)."""
    dated = sorted(
        ((t, p) for p in Path(folder).glob(f"{AUTO_PREFIX}*.db") if (t := _taken_at(p)) is not None), reverse=True
    )
    keep: set[Path] = set()
    for period, limit in (
        (lambda t: t.date(), KEEP_DAILY),
        (lambda t: t.isocalendar()[:2], KEEP_WEEKLY),
        (lambda t: (t.year, t.month), KEEP_MONTHLY),
    ):
        seen: list[object] = []
        for taken, path in dated:
            key = period(taken)
            if key not in seen and len(seen) < limit:
                seen.append(key)
                keep.add(path)
    removed = [p for _, p in dated if p not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def list_backups(session: Session, folder: Path) -> list[BackupListing]:
    """Backups in the folder, newest first, with their record counts (read with this store's key)."""
    listings = []
    for path in Path(folder).glob("beratung-*.db"):
        taken = _taken_at(path)
        if taken is None:
            continue
        counts = session.store.copy_counts(path)
        listings.append(BackupListing(path, taken, counts.get("clients"), counts.get("consultations")))
    return sorted(listings, key=lambda b: b.taken_at, reverse=True)
