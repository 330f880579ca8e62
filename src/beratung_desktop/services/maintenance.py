"""Backups, restore and integrity checks, for IT staff and the settings page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..storage.errors import WrongPassword
from ..storage.maintenance import VerifyReport, backup_name, remove_stale_backup_parts
from ..storage.records import UserRepository
from ..storage.restore import RestoreOutcome
from ..storage.store import Store
from .session import PermissionDenied, Session


def backup(session: Session, folder: Path) -> Path:
    session.require_role("admin", "team_lead")
    folder = Path(folder)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    remove_stale_backup_parts(folder)
    target = folder / backup_name()
    session.store.export_encrypted_copy(target)
    session.audit("backup", detail=target.name)
    return target


def verify(session: Session) -> VerifyReport:
    return session.store.check()


def restore(session: Session, backup_file: Path) -> Session:
    """Replaces the open store's database with a checked backup and reopens it; returns the new session.

    Refused (StoreBusy) while another program has the store open."""
    session.require_role("admin", "team_lead")
    reopened, outcome = session.store.restore_from(Path(backup_file))
    restored = Session(reopened, reopened.users.by_name(session.user.name) or session.user)
    restored.audit("restore", detail=_restore_detail(Path(backup_file), outcome))
    return restored


@dataclass(frozen=True)
class Restored:
    session: Session | None  # None when restored with the recovery key alone
    kept_aside: Path | None
    damaged: bool  # the previous store did not open; its files were renamed into `kept_aside`


def restore_folder(
    folder: Path,
    backup_file: Path,
    *,
    user_name: str = "",
    password: str | None = None,
    recovery_key: str | None = None,
) -> Restored:
    """Restore without opening the current store, so a damaged, missing or unopenable store can be
    replaced. Needs the password of an administrator or team lead whose slot opens the backup, or the
    recovery key of the backup."""
    name = user_name.strip().lower()

    def authorise(users: UserRepository) -> None:
        if recovery_key is not None:
            return
        user = users.by_name(name)
        if user is None or not user.active:
            raise WrongPassword()
        if user.role not in ("admin", "team_lead"):
            raise PermissionDenied(role=user.role)

    store, outcome = Store.restore_folder(
        Path(folder), Path(backup_file), authorise, user_name=name, password=password, recovery_key=recovery_key
    )
    user = store.users.by_name(name) if name else None
    actor = user.name if user else "recovery-key"
    store.audit.append(actor, "restore", detail=_restore_detail(Path(backup_file), outcome))
    if user is None:
        store.close()
        return Restored(None, outcome.kept_aside, outcome.damaged)
    return Restored(Session(store, user), outcome.kept_aside, outcome.damaged)


def _restore_detail(backup_file: Path, outcome: RestoreOutcome) -> str:
    aside = f"; previous store kept as {outcome.kept_aside.name}" if outcome.kept_aside else ""
    return f"{backup_file.name}{aside}{' (damaged)' if outcome.damaged else ''}"
