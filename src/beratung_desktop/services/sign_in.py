"""What the unlock screen needs besides `accounts.unlock`: the user list, the retry delay after wrong
passwords, and checking the password again when an auto-locked session is resumed."""

from __future__ import annotations

from pathlib import Path

from ..storage.errors import KeyFileMissing
from ..storage.keyslots import KeyFile
from ..storage.store import store_exists
from .session import Session

MAX_RETRY_DELAY_SECONDS = 30


def user_names(folder: Path) -> list[str]:
    """Login names with a password slot. The key file holds them in the clear (never the data)."""
    try:
        return sorted(KeyFile.load(Path(folder)).slots)
    except KeyFileMissing:
        return []


def store_ready(folder: Path) -> bool:
    return store_exists(Path(folder))


def retry_delay(failures: int) -> int:
    """Seconds to wait before the next try: 1, 2, 4, 8, 16, then 30, on top of Argon2's own cost."""
    if failures <= 0:
        return 0
    return min(MAX_RETRY_DELAY_SECONDS, 2 ** (failures - 1))


def verify_password(session: Session, password: str) -> None:
    """Checks the signed-in user's password against their key slot; raises WrongPassword.

    The store stays open while locked, so nothing is reopened; the unwrapped key must be the open
    store's own key.
    """
    session.store.check_password(session.user.name, password)
    session.audit("login", "user", session.user.id, "resumed after lock")
