"""Creating and unlocking stores, users, passwords and recovery."""

from __future__ import annotations

from pathlib import Path

from ..domain.users import User, validate_password, validate_user
from ..domain.validation import ValidationError
from ..errors import N_, AppError
from ..storage.errors import WrongPassword
from ..storage.keyslots import DEFAULT_KDF, KdfParams
from ..storage.store import Store
from .session import Session


class UserExists(AppError):
    message = N_("A user named {name} already exists.")


class UnknownUser(AppError):
    message = N_("There is no user named {name}.")


def _check(user: User, password: str) -> None:
    issues = validate_user(user) + validate_password(password)
    if issues:
        raise ValidationError(issues)


def create_store(
    folder: Path,
    user_name: str,
    password: str,
    *,
    display_name: str = "",
    office_name: str = "",
    kdf: KdfParams = DEFAULT_KDF,
) -> tuple[Session, str]:
    """A new empty store with its first user as admin; returns the session and the recovery key."""
    user = User(name=user_name.strip().lower(), display_name=display_name, role="admin")
    _check(user, password)
    store, recovery_key = Store.create(folder, user, password, kdf, office_name)
    return Session(store, user), recovery_key


def unlock(folder: Path, user_name: str, password: str) -> Session:
    name = user_name.strip().lower()
    store = Store.unlock(folder, name, password)
    user = store.users.by_name(name)
    if user is None or not user.active:
        store.close()
        raise WrongPassword()
    store.audit.append(user.name, "login")
    return Session(store, user)


def add_user(
    session: Session, name: str, role: str, password: str, *, display_name: str = "", kdf: KdfParams = DEFAULT_KDF
) -> User:
    session.require_role("admin")
    user = User(name=name.strip().lower(), role=role, display_name=display_name)
    _check(user, password)
    if session.store.users.by_name(user.name):
        raise UserExists(name=user.name)
    session.store.users.add(user)
    session.store.set_password(user.name, password, kdf)
    session.audit("user", "user", user.id, f"added with role {role}")
    return user


class CannotRemoveSelf(AppError):
    message = N_("You cannot remove your own account; ask another administrator.")


def remove_user(session: Session, name: str) -> User:
    """A departed colleague: the key slot is deleted (the password no longer opens the store) and the
    user is marked inactive; their records and audit entries stay."""
    session.require_role("admin")
    user = session.store.users.by_name(name.strip().lower())
    if user is None:
        raise UnknownUser(name=name)
    if user.id == session.user.id:
        raise CannotRemoveSelf()
    session.store.remove_password(user.name)
    user.active = False
    session.save(session.store.users, user, "user", "removed")
    return user


def list_users(session: Session) -> list[User]:
    return session.store.users.where(order="name")


def change_password(
    session: Session, new_password: str, *, user_name: str | None = None, kdf: KdfParams = DEFAULT_KDF
) -> None:
    """Changes the own password, or (admins) another user's. Rewrites one key slot only."""
    name = (user_name or session.user.name).strip().lower()
    if name != session.user.name:
        session.require_role("admin")
    target = session.store.users.by_name(name)
    if target is None:
        raise UnknownUser(name=name)
    issues = validate_password(new_password)
    if issues:
        raise ValidationError(issues)
    session.store.set_password(name, new_password, kdf)
    session.audit("password", "user", target.id)


def recover(
    folder: Path, recovery_key: str, user_name: str, new_password: str, kdf: KdfParams = DEFAULT_KDF
) -> Session:
    """Opens the store with the recovery key and gives `user_name` a new password."""
    issues = validate_password(new_password)
    if issues:
        raise ValidationError(issues)
    store = Store.unlock_with_recovery_key(folder, recovery_key)
    name = user_name.strip().lower()
    user = store.users.by_name(name)
    if user is None:
        store.close()
        raise UnknownUser(name=name)
    store.set_password(name, new_password, kdf)
    store.audit.append(name, "password", "user", user.id, "recovered with recovery key")
    return Session(store, user)
