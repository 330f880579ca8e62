"""What the unlock screen needs besides `accounts.unlock`: the user list, the retry delay after wrong
passwords, and checking the password again when an auto-locked session is resumed."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..storage.errors import KeyFileMissing, WrongPassword
from ..storage.keyslots import KeyFile
from ..storage.sign_in_throttle import MAX_RETRY_DELAY_SECONDS, SignInThrottle, TooManyAttempts, retry_delay
from ..storage.store_folder import store_exists

if TYPE_CHECKING:
    from .session import Session

__all__ = ["MAX_RETRY_DELAY_SECONDS", "TooManyAttempts", "retry_delay", "store_ready", "user_names", "verify_password"]


def user_names(folder: Path) -> list[str]:
    """Login names with a password slot. The key file holds them in the clear (never the data)."""
    try:
        return sorted(KeyFile.load(Path(folder)).slots)
    except KeyFileMissing:
        return []


def store_ready(folder: Path) -> bool:
    return store_exists(Path(folder))


def verify_password(session: Session, password: str) -> None:
    """Checks the signed-in user's password against their key slot; raises WrongPassword.

    The store stays open while locked, so nothing is reopened; the unwrapped key must be the open
    store's own key.
    """
    throttle = SignInThrottle(session.store.folder)
    throttle.check(session.user.name)
    try:
        session.store.check_password(session.user.name, password)
    except WrongPassword:
        throttle.failed(session.user.name)
        raise
    throttle.succeeded(session.user.name)
    session.audit("login", "user", session.user.id, "resumed after lock")
