"""Generic storage of one record type in one table."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Generic, TypeVar

from ..domain.record import Record, utc_now
from .connection import Database
from .errors import Conflict, NotFound
from .mapping import columns, from_row, to_row

R = TypeVar("R", bound=Record)


def _quote(name: str) -> str:
    return f'"{name}"'


class Repository(Generic[R]):
    table: str
    record_type: type[R]

    def __init__(self, db: Database):
        self.db = db
        cols = columns(self.record_type)
        self._select = f"SELECT {', '.join(map(_quote, cols))} FROM {self.table}"
        self._insert = (
            f"INSERT INTO {self.table} ({', '.join(map(_quote, cols))}) VALUES ({', '.join('?' for _ in cols)})"
        )
        settable = [c for c in cols if c != "id"]
        self._update = (
            f"UPDATE {self.table} SET {', '.join(f'{_quote(c)} = ?' for c in settable)} WHERE id = ? AND version = ?"
        )
        self._cols = cols
        self._settable = settable

    def _rows(self, sql: str, params: tuple | dict = ()) -> list[R]:
        names, rows = self.db.read(sql, params)
        return [from_row(self.record_type, dict(zip(names, row, strict=True))) for row in rows]

    def add(self, record: R) -> R:
        self.on_write(record)
        row = to_row(record)
        with self.db.transaction():
            self.db.execute(self._insert, tuple(row[c] for c in self._cols))
            self.after_write(record)
        return record

    def add_many(self, records: Iterable[R]) -> int:
        batch = list(records)
        for r in batch:
            self.on_write(r)
        rows = [tuple(to_row(r).values()) for r in batch]
        with self.db.transaction():
            self.db.executemany(self._insert, rows)
            self.after_write_many(batch)
        return len(rows)

    def update(self, record: R) -> R:
        """Saves a changed record; refuses when someone else saved a newer version meanwhile."""
        expected, stamp = record.version, record.updated_at
        record.version = expected + 1
        record.updated_at = utc_now()
        try:
            self.on_write(record)
            row = to_row(record)
            with self.db.transaction():
                cursor = self.db.execute(self._update, (*(row[c] for c in self._settable), record.id, expected))
                if cursor.rowcount != 1:
                    raise Conflict() if self.exists(record.id) else NotFound(record_id=record.id)
                self.after_write(record)
        except BaseException:
            # Nothing was stored: the caller's copy stays at the stored version, so saving again works.
            record.version, record.updated_at = expected, stamp
            raise
        return record

    def exists(self, record_id: str) -> bool:
        return bool(self.db.query(f"SELECT 1 FROM {self.table} WHERE id = ?", (record_id,)))

    def existing(self, record_ids: list[str]) -> set[str]:
        """Which of the ids are stored (deleted ones included), in chunks of 500 ids per query."""
        found: set[str] = set()
        for i in range(0, len(record_ids), 500):
            chunk = record_ids[i : i + 500]
            rows = self.db.query(
                f"SELECT id FROM {self.table} WHERE id IN ({', '.join('?' for _ in chunk)})", tuple(chunk)
            )
            found.update(r[0] for r in rows)
        return found

    def get(self, record_id: str) -> R | None:
        found = self._rows(f"{self._select} WHERE id = ?", (record_id,))
        return found[0] if found else None

    def require(self, record_id: str) -> R:
        record = self.get(record_id)
        if record is None or record.deleted:
            raise NotFound(record_id=record_id)
        return record

    def delete(self, record_id: str) -> None:
        """Marks the record deleted; the tombstone travels with the next export."""
        record = self.require(record_id)
        record.deleted = True
        self.update(record)

    def _where(
        self,
        condition: str = "1",
        params: tuple | dict = (),
        *,
        order: str = "",
        limit: int | None = None,
        include_deleted: bool = False,
    ) -> list[R]:
        """The named queries of the subclasses build on this; SQL never comes from outside storage/."""
        live = "" if include_deleted else " AND deleted = 0"
        order_by = f" ORDER BY {order}" if order else ""
        limited = f" LIMIT {int(limit)}" if limit is not None else ""
        return self._rows(f"{self._select} WHERE ({condition}){live}{order_by}{limited}", params)

    def _in_chunks(self, column: str, values: list[str], chunk: int = 500) -> list[R]:
        """Live records whose column holds one of the values, read 500 values per query."""
        found: list[R] = []
        for i in range(0, len(values), chunk):
            part = values[i : i + chunk]
            found += self._where(f"{_quote(column)} IN ({', '.join('?' for _ in part)})", tuple(part))
        return found

    def naming(self, column: str, value: str) -> list[R]:
        """Live records whose column (one of the record's fields) holds the value, e.g. a partner id."""
        if column not in self._cols:
            raise ValueError(column)
        return self._where(f"{_quote(column)} = ?", (value,))

    def all(self, include_deleted: bool = False) -> list[R]:
        return self._where(include_deleted=include_deleted)

    def count(self) -> int:
        """Live records (tombstones left out)."""
        return self.db.query(f"SELECT count(*) FROM {self.table} WHERE deleted = 0")[0][0]

    def changed_since(self, updated_after: str) -> Iterator[R]:
        """Records (tombstones included) changed after an ISO timestamp, for export."""
        yield from self._rows(f"{self._select} WHERE updated_at > ? ORDER BY updated_at", (updated_after,))

    # Hooks for tables with derived data (the client search index).
    def on_write(self, record: R) -> None:
        pass

    def after_write(self, record: R) -> None:
        pass

    def after_write_many(self, records: list[R]) -> None:
        for record in records:
            self.after_write(record)


class NamedPool(Repository[R]):
    """A table of named records that are archived rather than deleted (partners, interpreters)."""

    def ordered_by_name(self, include_archived: bool = True) -> list[R]:
        condition = "1" if include_archived else "archived = 0"
        return self._where(condition, order="name COLLATE NOCASE")

    def choices(self, keep: str | None = None) -> list[R]:
        """Active records for a form, plus the one a record already names even when archived since."""
        found = self.ordered_by_name(include_archived=False)
        if keep and all(r.id != keep for r in found):
            kept = self.get(keep)
            if kept is not None and not kept.deleted:
                found.append(kept)
        return found
