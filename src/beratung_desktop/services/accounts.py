"""Creating and unlocking stores, users, passwords and recovery."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from ..domain.users import User, validate_password, validate_user
from ..domain.validation import ValidationError
from ..errors import N_, AppError
from ..storage.errors import DiskFull, WrongPassword
from ..storage.keyslots import DEFAULT_KDF, KdfParams
from ..storage.sign_in_throttle import SignInThrottle
from ..storage.store import Store
from .session import PermissionDenied, Session


class UserExists(AppError):
    message = N_("A user named {name} already exists.")


class UnknownUser(AppError):
    message = N_("There is no user named {name}.")


class SamePassword(AppError):
    message = N_("Choose a password different from the one you were given.")


def _require_user_admin(session: Session, *target_roles: str) -> None:
    """Team leads manage their colleagues; only an administrator may create, change or remove another
    administrator, so a team lead cannot hand out more rights than they hold."""
    session.require_role("team_lead")
    if "admin" in target_roles and session.user.role != "admin":
        raise PermissionDenied(role=session.user.role)


def _check(user: User, password: str) -> None:
    issues = validate_user(user) + validate_password(password, user.name)
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
    demo: bool = False,
) -> tuple[Session, str]:
    """A new empty store with its first user as admin; returns the session and the recovery key.

    `demo` marks a store for trying the app out: only there may demo data (with its published
    password) be generated."""
    user = User(name=user_name.strip().lower(), display_name=display_name, role="admin")
    _check(user, password)
    store, recovery_key = Store.create(folder, user, password, kdf, office_name, demo=demo)
    return Session(store, user), recovery_key


def unlock(folder: Path, user_name: str, password: str, *, kdf: KdfParams = DEFAULT_KDF) -> Session:
    """Signs in. Wrong passwords make the next try wait (1, 2, 4 ... 30 s per login name, kept in the
    data folder for every process). A slot weaker than `kdf` is rewritten with `kdf` after signing in."""
    name = user_name.strip().lower()
    throttle = SignInThrottle(Path(folder))
    throttle.check(name)
    try:
        store = Store.unlock(folder, name, password, upgrade_to=kdf)
    except WrongPassword:
        throttle.failed(name)
        raise
    user = store.users.by_name(name)
    if user is None or not user.active:
        store.close()
        throttle.failed(name)
        raise WrongPassword()
    throttle.succeeded(name)
    # On a full disk the data must stay readable; the sign-in is not recorded then.
    with contextlib.suppress(DiskFull):
        store.audit.append(user.name, "login")
    return Session(store, user)


def add_user(
    session: Session,
    name: str,
    role: str,
    password: str,
    *,
    display_name: str = "",
    kdf: KdfParams = DEFAULT_KDF,
    must_change: bool = False,
) -> User:
    """Adds a user with a key slot; a removed user of that name comes back with the new role.

    `must_change`: the password is a first one the team lead chose; the colleague replaces it at the
    first sign-in (the app asks before the main window opens)."""
    user = User(name=name.strip().lower(), role=role, display_name=display_name)
    existing = session.store.users.by_name(user.name)
    _require_user_admin(session, role, existing.role if existing is not None and existing.active else "")
    _check(user, password)
    if existing is not None and existing.active:
        raise UserExists(name=user.name)
    if existing is not None:
        existing.active, existing.role = True, role
        existing.display_name = display_name or existing.display_name
        user = existing
    with session.store.transaction():
        if existing is None:
            session.store.users.add(user)
        else:
            session.store.users.update(user)
        session.store.set_password(user.name, password, kdf, must_change=must_change)
        session.audit("user", "user", user.id, f"{'added' if existing is None else 'added again'} with role {role}")
    return user


class CannotRemoveSelf(AppError):
    message = N_("You cannot remove your own account; ask another administrator.")


@dataclass(frozen=True)
class UserRemoved:
    user: User
    # Removing re-keys the database: the database key comes from this new recovery key, which must be
    # printed and kept; the previous one opens only backups made before.
    recovery_key: str
    # Users whose slot could not be carried over to the new key (never signed in since the update).
    needs_new_password: list[str]


def remove_user(session: Session, name: str) -> UserRemoved:
    """A departed colleague: the key slot is deleted, the user marked inactive (records and audit
    entries stay) and the database re-keyed, so an old copy of keys.json with their password no longer
    opens it. Refused while another program has the store open."""
    user = session.store.users.by_name(name.strip().lower())
    if user is None or not user.active:
        raise UnknownUser(name=name)
    _require_user_admin(session, user.role)
    if user.id == session.user.id:
        raise CannotRemoveSelf()
    with session.store.sole_hold():
        session.store.remove_password(user.name)
        user.active = False
        session.save(session.store.users, user, "user", "removed")
        recovery_key, dropped = session.store.rekey()
        session.audit("user", "user", user.id, f"database re-keyed; slots not carried over: {len(dropped)}")
    return UserRemoved(user, recovery_key, dropped)


@dataclass(frozen=True)
class Rekeyed:
    recovery_key: str
    needs_new_password: list[str]


def rekey(session: Session) -> Rekeyed:
    """Re-encrypts the database under a new key (from a new recovery key) and reseals every key slot;
    for a lost recovery sheet or a suspected leak. Refused while another program has the store open."""
    session.require_role("admin")
    with session.store.sole_hold():
        recovery_key, dropped = session.store.rekey()
        session.audit("password", "", "", f"database re-keyed; slots not carried over: {len(dropped)}")
    return Rekeyed(recovery_key, dropped)


def list_users(session: Session) -> list[User]:
    return session.store.users.ordered_by_name()


@dataclass(frozen=True)
class Colleague:
    user: User
    # Still signs in with a password somebody else chose (first password or reset).
    must_change_password: bool


def colleagues(session: Session) -> list[Colleague]:
    """The active users for the team lead's users section, by name."""
    session.require_role("team_lead")
    users = [u for u in session.store.users.ordered_by_name() if u.active]
    return [Colleague(u, session.store.must_change_password(u.name)) for u in users]


def change_password(
    session: Session, new_password: str, *, user_name: str | None = None, kdf: KdfParams = DEFAULT_KDF
) -> None:
    """Changes the own password, or (team leads) another user's. Rewrites one key slot only.

    Setting another user's password is a reset: they must choose their own at the next sign-in."""
    name = (user_name or session.user.name).strip().lower()
    target = session.store.users.by_name(name)
    if name != session.user.name:
        _require_user_admin(session, target.role if target is not None else "")
    if target is None or not target.active:
        raise UnknownUser(name=name)
    issues = validate_password(new_password, name)
    if issues:
        raise ValidationError(issues)
    reset = name != session.user.name
    session.store.set_password(name, new_password, kdf, must_change=reset)
    session.audit("password", "user", target.id, "reset by a team lead" if reset else "")


def reset_password(session: Session, user_name: str, first_password: str, *, kdf: KdfParams = DEFAULT_KDF) -> None:
    """A colleague forgot their password: the signed-in team lead gives them a new first password.

    The open session holds the database key, so the new slot needs neither the old password nor the
    recovery key (the recovery key is for when nobody can sign in: "Forgot password?")."""
    change_password(session, first_password, user_name=user_name, kdf=kdf)


def password_change_required(session: Session) -> bool:
    """True while the signed-in user still has a password somebody else chose."""
    return session.store.must_change_password(session.user.name)


def choose_own_password(
    session: Session, new_password: str, *, current_password: str | None = None, kdf: KdfParams = DEFAULT_KDF
) -> None:
    """The signed-in user replaces their password (first sign-in, or from the settings page).

    `current_password` is checked when given (a change from the settings page, where the laptop may
    have been left unlocked). The new password must differ from the old one: the first password is
    known to the team lead who chose it."""
    name = session.user.name
    issues = validate_password(new_password, name)
    if issues:
        raise ValidationError(issues)
    if current_password is not None:
        # A laptop left unlocked must not become a way to try passwords quickly.
        throttle = SignInThrottle(session.store.folder)
        throttle.check(name)
        try:
            session.store.check_password(name, current_password)
        except WrongPassword:
            throttle.failed(name)
            raise
        throttle.succeeded(name)
    try:
        session.store.check_password(name, new_password)
    except WrongPassword:
        pass
    else:
        raise SamePassword()
    session.store.set_password(name, new_password, kdf)
    session.audit("password", "user", session.user.id, "chosen by the user")


def recover(
    folder: Path, recovery_key: str, user_name: str, new_password: str, kdf: KdfParams = DEFAULT_KDF
) -> Session:
    """Opens the store with the recovery key and gives `user_name` a new password."""
    issues = validate_password(new_password, user_name.strip().lower())
    if issues:
        raise ValidationError(issues)
    store = Store.unlock_with_recovery_key(folder, recovery_key)
    name = user_name.strip().lower()
    user = store.users.by_name(name)
    if user is None or not user.active:
        store.close()
        raise UnknownUser(name=name)
    store.set_password(name, new_password, kdf)
    store.audit.append(name, "password", "user", user.id, "recovered with recovery key")
    return Session(store, user)
