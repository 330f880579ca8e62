"""Opening the SQLCipher database with a raw key and the pragmas the design asks for."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

import sqlcipher3

from .atomic_file import private_file
from .errors import DamagedStore, DiskFull, StoreBusy

DATABASE_FILE = "beratung.db"

DatabaseError = sqlcipher3.DatabaseError


def _key_pragma(key: bytes) -> str:
    if len(key) != 32:
        raise ValueError("database key must be 32 bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""


def connect(path: Path, key: bytes, *, exclusive: bool = False) -> sqlcipher3.Connection:
    """Opens an encrypted database; raises DamagedStore when the file does not open with this key and
    DiskFull when the disk has no room for the WAL index (then `exclusive` opens it without one)."""
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    try:
        conn.execute(_key_pragma(key))
        # SQLCipher logs decryption failures to stderr; the app reports them itself, in the user's language.
        conn.execute("PRAGMA cipher_log_level = NONE")
        if exclusive:
            # WAL without the shared-memory index: SQLite keeps it in process memory instead.
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        # Reading the schema is the first access that needs the key: it fails on a wrong key or damage.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        # cipher_memory_security stays off (SQLCipher's default): it is process-wide and made writes about
        # four times slower (benchmarks/store_benchmark.py), while Python keeps its own unwiped copies of
        # everything read anyway. A 64 MiB page cache keeps the indexes of a large office in memory.
        for pragma in (
            "journal_mode = WAL",
            "synchronous = FULL",
            "foreign_keys = ON",
            "secure_delete = ON",
            "temp_store = MEMORY",
            "cache_size = -65536",
        ):
            conn.execute(f"PRAGMA {pragma}")
    except sqlcipher3.DatabaseError as exc:
        conn.close()
        error = _translate(exc, path)
        raise (error if isinstance(error, (DiskFull, StoreBusy)) else DamagedStore(path=str(path.parent))) from exc
    return conn


class Database:
    """One connection with a lock, so GUI workers and the main thread can share it safely."""

    def __init__(self, path: Path, key: bytes):
        self.path = Path(path)
        try:
            self.conn = connect(self.path, key)
        except DiskFull:
            # A full disk: reading must still work. Without room for the WAL index the database opens in
            # exclusive mode (other programs wait), and every write reports the full disk.
            self.conn = connect(self.path, key, exclusive=True)
        # SQLite creates files with the umask (often 0644) and gives -wal/-shm the database's mode.
        private_file(self.path)
        self.lock = threading.RLock()
        self._depth = 0

    def execute(self, sql: str, params: tuple | dict = ()) -> sqlcipher3.Cursor:
        with self.lock:
            try:
                return self.conn.execute(sql, params)
            except sqlcipher3.DatabaseError as exc:
                raise _translate(exc, self.path) from exc

    def query(self, sql: str, params: tuple | dict = ()) -> list[tuple]:
        with self.lock:
            return self.execute(sql, params).fetchall()

    def executemany(self, sql: str, rows: list) -> None:
        with self.lock:
            try:
                self.conn.executemany(sql, rows)
            except sqlcipher3.DatabaseError as exc:
                raise _translate(exc, self.path) from exc

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Nested use joins the outer transaction; everything inside commits or rolls back as one."""
        with self.lock:
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            self.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield
            except BaseException:
                self._depth = 0
                self._rollback()
                raise
            self._depth = 0
            try:
                self.conn.execute("COMMIT")
            except sqlcipher3.DatabaseError as exc:
                self._rollback()
                raise _translate(exc, self.path) from exc

    def _rollback(self) -> None:
        """Rolls back what is still open. SQLite already rolled back after a full disk or an I/O error;
        a second ROLLBACK would fail and hide the first error."""
        if self.conn.in_transaction:
            with contextlib.suppress(sqlcipher3.DatabaseError):
                self.conn.execute("ROLLBACK")

    def reopen(self, key: bytes) -> None:
        """Connects again after close(), e.g. when replacing the file failed; repositories keep working."""
        with self.lock:
            self.conn = connect(self.path, key)
            self._depth = 0

    def close(self) -> None:
        with self.lock:
            self.conn.close()


def _translate(exc: sqlcipher3.DatabaseError, path: Path) -> Exception:
    """Disk and damage errors become StoreErrors with a message for the user; others stay as they are."""
    text = str(exc).lower()
    if "disk is full" in text or "disk i/o" in text or "readonly" in text:
        return DiskFull()
    if "locked" in text or "busy" in text:
        return StoreBusy()
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return DamagedStore(path=str(path.parent))
    return exc
