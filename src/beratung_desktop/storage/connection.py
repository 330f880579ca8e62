"""Opening the SQLCipher database with a raw key and the pragmas the design asks for."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import sqlcipher3

from .atomic_file import private_file
from .errors import Cancelled, DamagedStore, DiskFull, StoreBusy, StoreClosed
from .store_folder import DATABASE_FILE, store_exists

__all__ = ["DATABASE_FILE", "Database", "DatabaseError", "connect", "store_exists"]

CACHE_KIB = 64 * 1024  # page cache per connection
FILL_CACHE_KIB = 1024 * 1024  # while a new store is filled in one transaction (Database.rollback_journal)

DatabaseError = sqlcipher3.DatabaseError


def _key_pragma(key: bytes) -> str:
    if len(key) != 32:
        raise ValueError("database key must be 32 bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""


def connect(path: Path, key: bytes, *, read_only: bool = False, exclusive: bool = False) -> sqlcipher3.Connection:
    """Opens an encrypted database; raises DamagedStore when the file does not open with this key and
    DiskFull when the disk has no room for the WAL index (then `exclusive` opens it without one).

    `read_only` connections refuse every write (`query_only`) and leave the journal mode alone."""
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
        # Each commit of more than 1000 pages checkpoints the WAL into the database (SQLite's default, set
        # here so it cannot be lost), and a checkpointed WAL is cut back to 64 MiB: after a large write
        # (an organisation import commits per package) disk use returns to near the database's size.
        if read_only:
            for pragma in ("query_only = ON", "temp_store = MEMORY", "cache_size = -65536", "busy_timeout = 5000"):
                conn.execute(f"PRAGMA {pragma}")
            return conn
        for pragma in (
            "journal_mode = WAL",
            "synchronous = FULL",
            "foreign_keys = ON",
            "secure_delete = ON",
            "temp_store = MEMORY",
            f"cache_size = -{CACHE_KIB}",
            "wal_autocheckpoint = 1000",
            "journal_size_limit = 67108864",
        ):
            conn.execute(f"PRAGMA {pragma}")
    except sqlcipher3.DatabaseError as exc:
        conn.close()
        error = _translate(exc, path)
        raise (error if isinstance(error, (DiskFull, StoreBusy)) else DamagedStore(path=str(path.parent))) from exc
    return conn


class Database:
    """One connection with a lock, so GUI workers and the main thread can share it safely; a thread inside
    `reading()` reads through a read-only connection of its own instead."""

    def __init__(self, path: Path, key: bytes):
        self.path = Path(path)
        self.exclusive = False
        try:
            self.conn = connect(self.path, key)
        except DiskFull:
            # A full disk: reading must still work. Without room for the WAL index the database opens in
            # exclusive mode (other connections wait), and every write reports the full disk.
            self.conn = connect(self.path, key, exclusive=True)
            self.exclusive = True
        # SQLite creates files with the umask (often 0644) and gives -wal/-shm the database's mode.
        private_file(self.path)
        self.lock = threading.RLock()
        self._depth = 0
        self._key = key
        self._local = threading.local()
        self.closed = False

    @contextlib.contextmanager
    def reading(self, cancelled: Callable[[], bool] | None = None) -> Iterator[None]:
        """While inside, this thread's reads (`query`, `read`) go through its own read-only connection.
        With `cancelled`, a statement of that connection stops (raising Cancelled) soon after it turns true.

        WAL lets that connection read the last committed state while the window thread reads and writes
        on the main one, so a report's or a sort's long queries never hold the lock a search waits for.
        Writes, and reads inside a transaction, still use the main connection (audit entries of a report
        commit as before)."""
        if getattr(self._local, "reader", None) is not None or self.exclusive:
            yield  # an exclusive connection (full disk) is the only one that can read
            return
        # Not under the lock: a writer's long transaction must not hold up a reader. The key is taken before
        # the check and close() marks the store closed before it wipes the key, so a wiped key never reaches
        # connect(); a close() just after the check is caught by the next read (read()).
        key = self._key
        self._refuse_when_closed()
        reader = connect(self.path, key, read_only=True)
        if cancelled is not None:
            reader.set_progress_handler(lambda: 1 if cancelled() else 0, 20_000)
        self._local.reader = reader
        try:
            yield
        finally:
            self._local.reader = None
            reader.close()

    @contextlib.contextmanager
    def rollback_journal(self) -> Iterator[None]:
        """Writes with a rollback journal instead of the WAL while inside, for filling a database that no
        other connection has open: a large transaction then writes each page once, into the file."""
        with self.lock:
            self.execute("PRAGMA journal_mode = DELETE")
            # A fill inserts into randomly keyed indexes all over the file: with the usual 64 MiB cache each
            # miss decrypts a page and each eviction encrypts one again (the build's CPU grew 16x from
            # 20,000 to 200,000 clients). The cache grows only as far as the database does.
            self.execute(f"PRAGMA cache_size = -{FILL_CACHE_KIB}")
            try:
                yield
            finally:
                self.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
                self.execute("PRAGMA journal_mode = WAL")

    def _refuse_when_closed(self) -> None:
        """A worker that outlived its session (signed out, window closed) stops here with the store's own
        error instead of reading through a connection or key that is gone."""
        if self.closed:
            raise StoreClosed()

    @contextlib.contextmanager
    def indexes_built_last(self) -> Iterator[None]:
        """One transaction in which the non-unique indexes are dropped first and created again (same SQL)
        at the end, each from one sorted pass over its table.

        Inserting row by row into indexes keyed by random ids or dates touches a random page of each index
        per row; once a fill outgrows the page cache every such touch decrypts a page and later encrypts it
        again. Unique indexes stay (they refuse a duplicate at once), as do the tables' primary keys. Reads
        inside the fill that need a dropped index scan the table instead: meant for filling a new store."""
        with self.lock, self.transaction():
            deferred = self.query(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                "AND sql NOT LIKE 'CREATE UNIQUE %' ORDER BY rowid"
            )
            for name, _sql in deferred:
                self.execute(f'DROP INDEX "{name}"')
            yield
            for _name, sql in deferred:
                self.execute(sql)

    def writing_here(self) -> bool:
        """True inside a transaction this thread holds (its own writes are not committed yet)."""
        return bool(getattr(self._local, "writing", False))

    def _reader(self) -> sqlcipher3.Connection | None:
        if getattr(self._local, "writing", False):
            return None
        return getattr(self._local, "reader", None)

    def execute(self, sql: str, params: tuple | dict = ()) -> sqlcipher3.Cursor:
        with self.lock:
            self._refuse_when_closed()
            try:
                return self.conn.execute(sql, params)
            except sqlcipher3.DatabaseError as exc:
                raise _translate(exc, self.path) from exc

    def query(self, sql: str, params: tuple | dict = ()) -> list[tuple]:
        return self.read(sql, params)[1]

    def read(self, sql: str, params: tuple | dict = ()) -> tuple[list[str], list[tuple]]:
        """Column names and rows of a SELECT."""
        reader = self._reader()
        if reader is None:
            with self.lock:
                cursor = self.execute(sql, params)
                return [d[0] for d in cursor.description or ()], cursor.fetchall()
        self._refuse_when_closed()  # the reader of a closed store reads no further
        try:
            cursor = reader.execute(sql, params)
            return [d[0] for d in cursor.description or ()], cursor.fetchall()
        except sqlcipher3.DatabaseError as exc:
            raise _translate(exc, self.path) from exc

    def stream(self, sql: str, params: tuple | dict = (), batch: int = 5000) -> Iterator[tuple]:
        """The rows of a SELECT a few thousand at a time, for reads too large to hold as one list (a
        yearly report's million consultations); on this thread's read-only connection inside `reading()`,
        else read at once under the lock."""
        reader = self._reader()
        if reader is None:
            yield from self.query(sql, params)
            return
        try:
            cursor = reader.execute(sql, params)
            while rows := cursor.fetchmany(batch):
                yield from rows
        except sqlcipher3.DatabaseError as exc:
            raise _translate(exc, self.path) from exc

    def executemany(self, sql: str, rows: list) -> None:
        with self.lock:
            self._refuse_when_closed()
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
            self._local.writing = True  # reads inside see the transaction's own writes
            try:
                yield
            except BaseException:
                self._depth = 0
                self._local.writing = False
                self._rollback()
                raise
            self._depth = 0
            self._local.writing = False
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

    def rekey(self, key: bytes) -> None:
        """Re-encrypts every page with `key` (the caller holds the folder's lock exclusively)."""
        with self.lock:
            self.execute(f"PRAGMA rekey = \"x'{key.hex()}'\"")
            self._key = key
            # The re-encrypted pages sit in the WAL; nobody else has the store open, so they go into the
            # database file now (cipher_integrity_check reads that file directly).
            self.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def reopen(self, key: bytes) -> None:
        """Connects again after close(), e.g. when replacing the file failed; repositories keep working."""
        with self.lock:
            self.conn = connect(self.path, key, exclusive=self.exclusive)
            self._depth = 0
            self._key = key
            self.closed = False

    def close(self) -> None:
        with self.lock:
            self.closed = True  # before the key is wiped: reading() takes the key first, then checks this
            self.conn.close()
            self._key = b""


def _translate(exc: sqlcipher3.DatabaseError, path: Path) -> Exception:
    """Disk and damage errors become StoreErrors with a message for the user; others stay as they are."""
    text = str(exc).lower()
    if "disk is full" in text or "disk i/o" in text or "readonly" in text:
        return DiskFull()
    if "interrupted" in text:
        return Cancelled()
    if "locked" in text or "busy" in text:
        return StoreBusy()
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return DamagedStore(path=str(path.parent))
    return exc
