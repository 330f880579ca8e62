"""The unlocked store: database, key slots and repositories of one data folder."""

from __future__ import annotations

import base64
import contextlib
import hmac
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Collection, Iterator, Mapping
from datetime import date, datetime
from pathlib import Path

from ..domain.record import utc_now
from ..domain.users import User
from .atomic_file import fsync_dir, private_folder
from .audit_log import AuditLog
from .client_list import ClientList
from .clients import ClientRepository
from .connection import DATABASE_FILE, Database, DatabaseError, store_exists
from .content_digest import content_digest
from .documents import DeadlineRepository, DocumentRepository
from .errors import (
    N_,
    DamagedStore,
    KeyFileMissing,
    StoreBusy,
    StoreError,
    StoreExists,
    StoreMissing,
    WrongPassword,
    WrongRecoveryKey,
)
from .exchange_log import ExchangeLog
from .keyslots import (
    DEFAULT_KDF,
    KEY_FILE,
    KEY_FILE_COPY,
    KdfParams,
    KeyFile,
    Slot,
    Unwrapped,
    database_key_from_recovery,
    new_recovery_key,
)
from .maintenance import BackupMismatch, VerifyReport, check_backup, check_database
from .migrations import LATEST, migrate
from .network import (
    GroupMemberRepository,
    GroupRepository,
    GroupSessionRepository,
    InterpreterRepository,
    ReferralRepository,
    ShortContactRepository,
)
from .organisation import OrganisationData
from .organisation_facts import OrganisationFacts
from .privacy import ErasureRepository, LegalHoldRepository, delete_client_rows, review_candidates, truncate_wal
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
from .restore import PART_SUFFIX as RESTORE_PART_SUFFIX
from .restore import RestoreOutcome, backup_key, restore_into
from .store_lock import StoreLock
from .stored_figures import StoredFigures

BACKUP_FOLDER = "backups"


class BackupNotForPassword(StoreError):
    message = N_(
        "{path} does not open with your password: it is not a backup of this data store, or it was made "
        "before the database was re-keyed (then restore it with the recovery key of that time). Nothing "
        "was changed."
    )


# Marks a store made for trying the app out; only there may demo data with its published password go.
DEMO_STORE_KEY = "demo_store"
SLOT_KEY_PREFIX = "slot_public/"
# Set while a user's password was chosen by somebody else (a first password, a reset): the app asks for
# a new one at the next sign-in. Inside the encrypted store, so editing keys.json cannot clear it.
PASSWORD_CHANGE_PREFIX = "password_change/"


class Store:
    def __init__(self, folder: Path, key: bytes, *, migrate_to: int = LATEST, lock: StoreLock | None = None):
        self.folder = Path(folder)
        self._key = key
        # Held shared for as long as the store is open: a restore in another process waits for it.
        self._lock: StoreLock | None = lock or StoreLock.shared(self.folder)
        private_folder(self.folder)
        # Holding the lock shared means no restore runs: its temporary copy is left from a killed one.
        (self.folder / f".{DATABASE_FILE}{RESTORE_PART_SUFFIX}").unlink(missing_ok=True)
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
        self.interpreters = InterpreterRepository(self.db)
        self.referrals = ReferralRepository(self.db)
        self.short_contacts = ShortContactRepository(self.db)
        self.groups = GroupRepository(self.db)
        self.group_members = GroupMemberRepository(self.db)
        self.group_sessions = GroupSessionRepository(self.db)
        self.stored_figures = StoredFigures(self.db)
        self.legal_holds = LegalHoldRepository(self.db)
        self.erasures = ErasureRepository(self.db)
        self.documents = DocumentRepository(self.db)
        self.deadlines = DeadlineRepository(self.db)
        self.audit = AuditLog(self.db)
        self.client_list = ClientList(self.db)
        self.exchange_log = ExchangeLog(self.db)
        self.organisation = OrganisationData(self.db)
        self.organisation_facts = OrganisationFacts(self.db)

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
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        private_folder(folder)
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
            slot = keys.set_password(user.name, password, key, kdf)
            keys.save()
            first = cls(building, key, migrate_to=schema_version)
            try:
                first._trust_slot(user.name, slot)
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
    def unlock(cls, folder: Path, user_name: str, password: str, *, upgrade_to: KdfParams | None = None) -> Store:
        """Opens the store with the user's slot from either key file copy. After signing in, the slot is
        repaired in a damaged copy and rewritten when it is of format 1 or has Argon2 parameters weaker
        than `upgrade_to`; a full disk skips that and still lets the user read."""
        folder = Path(folder)
        if not store_exists(folder):
            raise StoreMissing(path=str(folder))
        keys = KeyFile.load(folder)
        found = keys.unwrap_all(user_name, password)
        if not found:
            raise WrongPassword()
        refusal: StoreError = DamagedStore(path=str(folder))
        for unwrapped in found:
            try:
                store = cls(folder, unwrapped.key)
            except DamagedStore as exc:
                refusal = exc
                continue
            if store.store_id != unwrapped.store_id:
                store.close()
                continue
            store._after_sign_in(keys, user_name, password, unwrapped, upgrade_to)
            return store
        raise refusal

    def _after_sign_in(
        self, keys: KeyFile, user: str, password: str, used: Unwrapped, upgrade_to: KdfParams | None
    ) -> None:
        slot = used.slot
        outdated = (
            slot.legacy or len(slot.envelopes) > 1 or (upgrade_to is not None and slot.kdf.weaker_than(upgrade_to))
        )
        copies = (keys.primary.get(user), keys.secondary.get(user))
        damaged = keys.copies_differ or keys.store_id != self.store_id or any(s != slot for s in copies)
        if not (outdated or damaged):
            return
        try:
            keys.store_id = self.store_id
            if outdated:
                kdf = upgrade_to if upgrade_to is not None and slot.kdf.weaker_than(upgrade_to) else slot.kdf
                slot = keys.set_password(user, password, self._key, kdf)
                self._trust_slot(user, slot)
            else:
                keys.set_slot(user, slot)
            keys.save()
        except (StoreError, OSError):
            pass  # a full or read-only disk: reading must still work; the next sign-in tries again

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

    def _keys(self) -> KeyFile:
        """The key file of this store, or an empty one to rebuild when both copies were lost."""
        try:
            keys = KeyFile.load(self.folder)
        except KeyFileMissing:
            return KeyFile(self.folder, self.store_id)
        keys.store_id = self.store_id
        return keys

    def _trust_slot(self, user_name: str, slot: Slot) -> None:
        """Records the slot's public key inside the encrypted store: re-keying seals the new key only to
        public keys recorded here, never to one somebody wrote into keys.json."""
        self.set_meta(f"{SLOT_KEY_PREFIX}{user_name}", base64.b64encode(slot.public).decode("ascii"))

    def _trusted_slots(self) -> dict[str, bytes]:
        rows = self.db.query("SELECT key, value FROM meta WHERE key LIKE ?", (f"{SLOT_KEY_PREFIX}%",))
        return {k[len(SLOT_KEY_PREFIX) :]: base64.b64decode(v) for k, v in rows}

    def set_password(
        self, user_name: str, password: str, kdf: KdfParams = DEFAULT_KDF, *, must_change: bool = False
    ) -> None:
        """Rewrites one user's slot; rebuilds the key file from the store when it was lost.

        `must_change` marks a password somebody else chose: the user is asked for a new one at the next
        sign-in. A password set without it (the user's own) clears the mark in the same transaction."""
        keys = self._keys()
        slot = keys.set_password(user_name, password, self._key, kdf)
        with self.db.transaction():
            self._trust_slot(user_name, slot)
            if must_change:
                self.set_meta(f"{PASSWORD_CHANGE_PREFIX}{user_name}", "yes")
            else:
                self.db.execute("DELETE FROM meta WHERE key = ?", (f"{PASSWORD_CHANGE_PREFIX}{user_name}",))
            keys.save()

    def must_change_password(self, user_name: str) -> bool:
        return self.meta(f"{PASSWORD_CHANGE_PREFIX}{user_name}") == "yes"

    def check_password(self, user_name: str, password: str) -> None:
        """Raises WrongPassword unless the password unwraps the key of *this* open store.

        A slot that unwraps is not enough: a key file put in place by someone at the unlocked computer
        could wrap any key under a password of their choosing.
        """
        keys = KeyFile.load(self.folder)
        found = keys.unwrap_all(user_name, password)
        if not any(u.store_id == self.store_id and hmac.compare_digest(u.key, self._key) for u in found):
            raise WrongPassword()

    def remove_password(self, user_name: str) -> None:
        keys = self._keys()
        keys.remove(user_name)
        with self.db.transaction():
            for prefix in (SLOT_KEY_PREFIX, PASSWORD_CHANGE_PREFIX):
                self.db.execute("DELETE FROM meta WHERE key = ?", (f"{prefix}{user_name}",))
            keys.save()

    @contextlib.contextmanager
    def sole_hold(self) -> Iterator[None]:
        """Exclusive hold on the data folder for the block; StoreBusy while another process has it open."""
        if self._lock is None:
            raise StoreBusy()
        with self._lock.sole_hold():
            yield

    def rekey(self) -> tuple[str, list[str]]:
        """Re-encrypts the database under a key from a new recovery key and reseals every slot to it.

        Returns the new recovery key (the old one opens only older backups) and the users whose slot
        could not be carried over (format 1 or an unrecorded public key): they need a new password.
        Refused while another process has the store open. A crash at any point leaves slots that open
        the database: during the change each slot holds the old and the new key.
        """
        if self._lock is None:
            raise StoreBusy()
        recovery_key = new_recovery_key()
        new_key = database_key_from_recovery(recovery_key)
        with self._lock.sole_hold():
            keys = self._keys()
            trusted = self._trusted_slots()
            dropped = keys.reseal([new_key, self._key], trusted)
            keys.save()
            self.db.rekey(new_key)
            self._key = new_key
            keys.reseal([new_key], trusted)
            keys.save()
            with self.db.transaction():
                for user in dropped:
                    self.db.execute("DELETE FROM meta WHERE key = ?", (f"{SLOT_KEY_PREFIX}{user}",))
        return recovery_key, dropped

    def users_with_password(self) -> set[str]:
        try:
            return set(KeyFile.load(self.folder).slots)
        except Exception:
            return set()

    # -- transactions ------------------------------------------------------------------------------

    def exports(self) -> list:
        """The export log (sequence, period, scope) of this laptop, oldest first."""
        from .exchange_log import exports

        return exports(self.db)

    def transaction(self) -> contextlib.AbstractContextManager[None]:
        """One use case's writes and audit entries commit together or not at all; nested blocks join."""
        return self.db.transaction()

    def writing_here(self) -> bool:
        """Inside a transaction of this thread (its writes not yet committed); see Database.writing_here."""
        return self.db.writing_here()

    def reading(self, cancelled: Callable[[], bool] | None = None) -> contextlib.AbstractContextManager[None]:
        """Long reads (reports, exports, heavy sorts) on a connection of their own; see Database.reading."""
        return self.db.reading(cancelled)

    def rollback_journal(self) -> contextlib.AbstractContextManager[None]:
        """For filling a new store no one else has open; see Database.rollback_journal."""
        return self.db.rollback_journal()

    @contextlib.contextmanager
    def bulk_fill(self) -> Iterator[None]:
        """Filling a new store no one else has open: one transaction through a rollback journal, the
        non-unique indexes built at its end (Database.rollback_journal, Database.indexes_built_last)."""
        with self.db.rollback_journal(), self.db.indexes_built_last():
            yield

    def delete_client_rows(self, client_id: str) -> dict[str, int]:
        """Erasure: every row of one client, physically; rows deleted per table (see storage/privacy.py)."""
        return delete_client_rows(self.db, client_id)

    def review_candidates(self, last_day: dict[str, date], default_last_day: date, today: date) -> list[str]:
        """The retention review: ids of the clients it needs to look at (see storage/privacy.py)."""
        return review_candidates(self.db, last_day, default_last_day, today)

    def truncate_wal(self) -> bool:
        """Erasure: old page images leave the disk (see storage/privacy.py)."""
        return truncate_wal(self.db)

    def content_digest(
        self,
        *,
        volatile: Mapping[str, Collection[str]] | None = None,
        aliases: Mapping[object, object] | None = None,
    ) -> dict[str, tuple[int, str]]:
        """Row count and hash of every table, independent of write order (storage/content_digest.py)."""
        return content_digest(self.db, volatile=volatile, aliases=aliases)

    def check(self) -> VerifyReport:
        """Integrity and cipher checks of the database and the audit chain."""
        report = check_database(self.db)
        try:
            report.audit_breaks = self.audit.verify()
        except DamagedStore as exc:  # the damage sits in the audit log's own pages
            report.integrity = [*(r for r in report.integrity if r != "ok"), str(exc)]
        return report

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
        folder.mkdir(mode=0o700, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        from .maintenance import encrypted_copy

        encrypted_copy(self.db, self._key, folder / f"before-schema-{old_version + 1}-{stamp}.db")

    def check_copy(self, path: Path) -> VerifyReport:
        """The complete check of a backup of this store (raises BackupMismatch for a foreign file)."""
        return check_backup(Path(path), self._key, self.store_id)

    def copy_counts(self, path: Path) -> dict[str, int]:
        """Record counts of a backup, for choosing one to restore; empty when it does not open."""
        try:
            copy = Database(Path(path), self._key)
        except (StoreError, OSError):
            return {}
        try:
            return {t: copy.query(f"SELECT count(*) FROM {t}")[0][0] for t in ("clients", "consultations")}
        except (StoreError, DatabaseError):
            return {}
        finally:
            copy.close()

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
            try:
                key = backup_key(backup_file, keys, store_id)
            except BackupMismatch:
                if recovery_key is not None:
                    raise
                raise BackupNotForPassword(path=str(backup_file)) from None
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
            return [database_key_from_recovery(recovery_key)], None
        found = KeyFile.load(folder).unwrap_all(user_name, password or "")
        if not found:
            raise WrongPassword()
        return list(dict.fromkeys(u.key for u in found)), found[0].store_id

    def _release_lock(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def close(self) -> None:
        self.db.close()
        self._key = b""
        self._release_lock()
