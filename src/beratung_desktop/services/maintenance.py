"""Backups, restore and integrity checks, for IT staff and the settings page."""

from __future__ import annotations

from pathlib import Path

from ..storage.maintenance import VerifyReport, backup_name, check_database
from .session import Session


def backup(session: Session, folder: Path) -> Path:
    session.require_role("admin", "team_lead")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / backup_name()
    session.store.export_encrypted_copy(target)
    session.audit("backup", detail=target.name)
    return target


def verify(session: Session) -> VerifyReport:
    report = check_database(session.store.db)
    report.audit_breaks = session.store.audit.verify()
    return report


def restore(session: Session, backup_file: Path) -> Session:
    """Replaces the database with a checked backup and reopens it; returns the new session."""
    session.require_role("admin")
    reopened = session.store.restore_from(Path(backup_file))
    restored = Session(reopened, reopened.users.by_name(session.user.name) or session.user)
    restored.audit("restore", detail=Path(backup_file).name)
    return restored
