"""The unlocked store: database, key slots and repositories of one data folder."""

from __future__ import annotations

import hmac
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from ..domain.record import utc_now
from ..domain.users import User
from .atomic_file import fsync_dir
from .audit_log import AuditLog
from .clients import ClientRepository
from .connection import DATABASE_FILE, Database
from .errors import DamagedStore, StoreBusy, StoreExists, StoreMissing, WrongPassword, WrongRecoveryKey
from .keyslots import (
    DEFAULT_KDF,
    KEY_FILE,
    KEY_FILE_COPY,
    KdfParams,
    KeyFile,
    database_key_from_recovery,
    new_recovery_key,
)
from .migrations import LATEST, migrate
from .privacy import ErasureRepository, LegalHoldRepository
from .records import (
    ActivityRepository,
    AppointmentRepository,
    CaseRepository,
    ConsentRepository,
    ConsultationRepository,
    GoalRepository,
    PartnerRepository,
    UserRepository,
)
from .restore import RestoreOutcome, backup_key, restore_into
from .store_lock import StoreLock

BACKUP_FOLDER = "backups"
# Marks a store made for trying the app out; only there may demo data with its published password go.
DEMO_STORE_KEY = "demo_store"


def store_exists(folder: Path) -> bool:
    return (Path(folder) / DATABASE_FILE).exists()


class Store:
    def __init__(self, folder: Path, key: bytes, *, migrate_to: int = LATEST, lock: StoreLock | None = None):
        self.folder = Path(folder)
        self._key = key
        # Held shared for as long as the store is open: a restore in another process waits for it.
        self._lock: StoreLock | None = lock or StoreLock.shared(self.folder)
        try:
            self.db = Database(self.folder / DATABASE_FILE, key)
        except BaseException:
            self._release_lock()
            raise
        try:
            migrate(self.db, backup=self._backup_before_migration, target=migrate_to)
            self.store_id = self.meta("store_id")
        except BaseException:
            self.db.close()
            self._release_lock()
            raise
        if not self.store_id:
            self.db.close()
            self._release_lock()
            raise DamagedStore(path=str(self.folder))
        self.users = UserRepository(self.db)
        self.clients = ClientRepository(self.db)
        self.cases = CaseRepository(self.db)
        self.consultations = ConsultationRepository(self.db)
        self.goals = GoalRepository(self.db)
        self.appointments = AppointmentRepository(self.db)
        self.consents = ConsentRepository(self.db)
        self.partners = PartnerRepository(self.db)
        self.activities = ActivityRepository(self.db)
        self.legal_holds = LegalHoldRepository(self.db)
        self.erasures = ErasureRepository(self.db)
        self.audit = AuditLog(self.db)

    # -- opening -------------------------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        folder: Path,
        user: User,
        password: str,
        kdf: KdfParams = DEFAULT_KDF,
        office_name: str = "",
        *,
        schema_version: int = LATEST,
        demo: bool = False,
    ) -> tuple[Store, str]:
        """Creates an empty store with `user` as its first user; returns it and the recovery key."""
        folder = Path(folder)
        if store_exists(folder):
            raise StoreExists(path=str(folder))
        folder.mkdir(parents=True, exist_ok=True)
        recovery_key = new_recovery_key()
        key = database_key_from_recovery(recovery_key)
        store_id = str(uuid.uuid4())
        # Everything is built beside the target and moved in last, database file at the very end: a
        # failure on the way (disk full, a locked key file) leaves no store that nobody can open.
        building = Path(tempfile.mkdtemp(prefix=".creating-", dir=folder))
        try:
            db = Database(building / DATABASE_FILE, key)
            try:
                migrate(db, target=schema_version)
                with db.transaction():
                    db.execute(
                        "INSERT INTO meta (key, value) VALUES ('store_id', ?), ('office_name', ?), ('created_at', ?)",
                        (store_id, office_name, utc_now().isoformat()),
                    )
                    if demo:
                        db.execute("INSERT INTO meta (key, value) VALUES (?, 'yes')", (DEMO_STORE_KEY,))
            finally:
                db.close()
            keys = KeyFile(building, store_id)
            keys.set_password(user.name, password, key, kdf)
            keys.save()
            first = cls(building, key, migrate_to=schema_version)
            try:
                first.users.add(user)
                first.audit.append(user.name, "user", "user", user.id, "store created")
            finally:
                first.close()
            for name in (KEY_FILE_COPY, KEY_FILE, DATABASE_FILE):
                os.replace(building / name, folder / name)
            fsync_dir(folder)
        finally:
            shutil.rmtree(building, ignore_errors=True)
        return cls(folder, key, migrate_to=schema_version), recovery_key

    @classmethod
    def unlock(cls, folder: Path, user_name: str, password: str) -> Store:
        folder = Path(folder)
        if not store_exists(folder):
            raise StoreMissing(path=str(folder))
        keys = KeyFile.load(folder)
        key = keys.unwrap(user_name, password)
        store = cls(folder, key)
        if store.store_id != keys.store_id:
            store.close()
            raise DamagedStore(path=str(folder))
        return store

    @classmethod
    def unlock_with_recovery_key(cls, folder: Path, recovery_key: str) -> Store:
        folder = Path(folder)
        if not store_exists(folder):
            raise StoreMissing(path=str(folder))
        key = database_key_from_recovery(recovery_key)
        try:
            return cls(folder, key)
        except DamagedStore:
            raise WrongRecoveryKey() from None

    # -- key slots -----------------------------------------------------------------------------------

    def set_password(self, user_name: str, password: str, kdf: KdfParams = DEFAULT_KDF) -> None:
        """Rewrites one user's slot; rebuilds the key file from the store when it was lost."""
        try:
            keys = KeyFile.load(self.folder)
        except Exception:
            keys = KeyFile(self.folder, self.store_id)
        keys.set_password(user_name, password, self._key, kdf)
        keys.save()

    def check_password(self, user_name: str, password: str) -> None:
        """Raises WrongPassword unless the password unwraps the key of *this* open store.

        A slot that unwraps is not enough: a key file put in place by someone at the unlocked computer
        could wrap any key under a password of their choosing.
        """
        keys = KeyFile.load(self.folder)
        key = keys.unwrap(user_name, password)
        if keys.store_id != self.store_id or not hmac.compare_digest(key, self._key):
            raise WrongPassword()

    def remove_password(self, user_name: str) -> None:
        keys = KeyFile.load(self.folder)
        keys.remove(user_name)
        keys.save()

    def users_with_password(self) -> set[str]:
        try:
            return set(KeyFile.load(self.folder).slots)
        except Exception:
            return set()

    # -- meta ----------------------------------------------------------------------------------------

    @property
    def is_demo(self) -> bool:
        return self.meta(DEMO_STORE_KEY) == "yes"

    def meta(self, key: str, default: str = "") -> str:
        rows = self.db.query("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0][0] if rows else default

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    # -- copies --------------------------------------------------------------------------------------

    def export_encrypted_copy(self, target: Path) -> None:
        """Writes a consistent encrypted copy (same key) with sqlcipher_export; target must not exist."""
        from .maintenance import encrypted_copy

        encrypted_copy(self.db, self._key, target)

    def _backup_before_migration(self, old_version: int) -> None:
        folder = self.folder / BACKUP_FOLDER
        folder.mkdir(exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        from .maintenance import encrypted_copy

        encrypted_copy(self.db, self._key, folder / f"before-schema-{old_version + 1}-{stamp}.db")

    def open_copy(self, path: Path) -> Database:
        """Opens another database file (a backup) with this store's key, for checking it."""
        return Database(Path(path), self._key)

    def restore_from(self, backup_file: Path) -> tuple[Store, RestoreOutcome]:
        """Checks a backup with this store's key, puts it in place and reopens; refused while another
        process has the store open. On failure this object stays open and usable."""
        key = backup_key(Path(backup_file), [self._key], self.store_id)
        lock = self._lock
        if lock is None:
            raise StoreBusy()
        with lock.sole_hold():
            self.db.close()
            try:
                outcome = restore_into(self.folder, Path(backup_file), key, lock)
            except BaseException:
                self.db.reopen(self._key)
                raise
        self._lock = None  # handed over to the reopened store
        self._key = b""
        return Store(self.folder, key, lock=lock), outcome

    @classmethod
    def restore_folder(
        cls,
        folder: Path,
        backup_file: Path,
        authorise: Callable[[UserRepository], None],
        *,
        user_name: str = "",
        password: str | None = None,
        recovery_key: str | None = None,
    ) -> tuple[Store, RestoreOutcome]:
        """Restore with no store open in this process: works when the store is damaged, missing or does
        not open. The key comes from the user's slot or the recovery key and must open the backup itself;
        `authorise` sees the backup's users before anything changes. Refused while another process has
        the store open."""
        folder = Path(folder)
        backup_file = Path(backup_file)
        keys, store_id = cls._restore_keys(folder, user_name, password, recovery_key)
        folder.mkdir(parents=True, exist_ok=True)
        lock = StoreLock.sole(folder)
        try:
            key = backup_key(backup_file, keys, store_id)
            copy = Database(backup_file, key)
            try:
                authorise(UserRepository(copy))
            finally:
                copy.close()
            outcome = restore_into(folder, backup_file, key, lock)
            lock.share()
            return cls(folder, key, lock=lock), outcome
        except BaseException:
            lock.release()
            raise

    @staticmethod
    def _restore_keys(
        folder: Path, user_name: str, password: str | None, recovery_key: str | None
    ) -> tuple[list[bytes], str | None]:
        if recovery_key is not None:
            store_id = KeyFile.load(folder).store_id if KeyFile.exists(folder) else None
            return [database_key_from_recovery(recovery_key)], store_id
        keys = KeyFile.load(folder)
        return [keys.unwrap(user_name, password or "")], keys.store_id

    def _release_lock(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def close(self) -> None:
        self.db.close()
        self._key = b""
        self._release_lock()
