"""The hash-chained audit log: append-only, every entry sealing the one before it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from ..domain.audit import GENESIS, AuditEntry, AuditQuery, chain_breaks, entry_hash, first_break
from ..domain.record import utc_now
from .connection import Database
from .privacy import CLIENT_ROWS

_COLUMNS = "seq, at, user, action, record_type, record_id, detail, prev_hash, hash"

# Tables of CLIENT_ROWS whose rows are not records with an id of their own (the search index, contents).
_NOT_RECORDS = {"client_search", "document_contents"}


def _client_records(clients: str) -> str:
    """The ids of every record of the clients `clients` selects (a parameter or a subquery): the tables
    erasure knows (storage/privacy.py CLIENT_ROWS), so a new client table is found here too."""
    return " UNION ALL ".join(
        f"SELECT id FROM {table} WHERE {condition.replace('= :client', f'IN ({clients})')}"
        for table, condition in CLIENT_ROWS
        if table not in _NOT_RECORDS
    )


_OWN_CLIENTS = "SELECT client_id FROM cases WHERE counsellor_id = :counsellor AND deleted = 0"
CHAIN_CHUNK = 5000


def _filter(query: AuditQuery) -> tuple[str, dict[str, object]]:
    """The WHERE clause and its parameters for a viewer filter."""
    parts: list[str] = []
    params: dict[str, object] = {}
    if query.client_id:
        parts.append(f"record_id IN ({_client_records(':client')})")
        params["client"] = query.client_id
    if query.clients_of:
        parts.append(f"record_id IN ({_client_records(_OWN_CLIENTS)})")
        params["counsellor"] = query.clients_of
    if query.user:
        parts.append("user = :user")
        params["user"] = query.user
    if query.action:
        parts.append("action = :action")
        params["action"] = query.action
    if query.start is not None:
        parts.append("at >= :start")
        params["start"] = query.start.isoformat()
    if query.end is not None:
        parts.append("at < :end")
        params["end"] = query.end.isoformat()
    return " AND ".join(parts) or "1", params


def _entry(row: tuple) -> AuditEntry:
    seq, at, user, action, record_type, record_id, detail, prev_hash, hash_ = row
    return AuditEntry(
        seq=seq,
        at=datetime.fromisoformat(at),
        user=user,
        action=action,
        record_type=record_type,
        record_id=record_id,
        detail=detail,
        prev_hash=prev_hash,
        hash=hash_,
    )


class AuditLog:
    def __init__(self, db: Database):
        self.db = db

    def append(
        self, user: str, action: str, record_type: str = "", record_id: str = "", detail: str = ""
    ) -> AuditEntry:
        with self.db.transaction():
            last = self.db.query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
            seq, prev = (last[0][0] + 1, last[0][1]) if last else (1, GENESIS)
            entry = AuditEntry(
                seq=seq,
                at=utc_now(),
                user=user,
                action=action,
                record_type=record_type,
                record_id=record_id,
                detail=detail,
                prev_hash=prev,
            )
            entry.hash = entry_hash(entry)
            self.db.execute(
                f"INSERT INTO audit_log ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    entry.seq,
                    entry.at.isoformat(),
                    entry.user,
                    entry.action,
                    entry.record_type,
                    entry.record_id,
                    entry.detail,
                    entry.prev_hash,
                    entry.hash,
                ),
            )
        return entry

    def for_record(self, record_id: str, limit: int = 200) -> list[AuditEntry]:
        rows = self.db.query(
            f"SELECT {_COLUMNS} FROM audit_log WHERE record_id = ? ORDER BY seq DESC LIMIT ?", (record_id, limit)
        )
        return [_entry(r) for r in rows]

    def recent(self, limit: int = 200) -> list[AuditEntry]:
        rows = self.db.query(f"SELECT {_COLUMNS} FROM audit_log ORDER BY seq DESC LIMIT ?", (limit,))
        return [_entry(r) for r in rows]

    def for_records(self, record_ids: list[str]) -> list[AuditEntry]:
        """Every entry about any of the records (a client and everything of theirs), oldest first."""
        return entries_for_records(self.db, record_ids)

    def page(self, query: AuditQuery, before_seq: int | None = None, limit: int = 100) -> list[AuditEntry]:
        """One page of the filtered log, newest first, the entries older than `before_seq` (keyset paging:
        a page deep in a long log costs what the first one does)."""
        condition, params = _filter(query)
        if before_seq is not None:
            condition += " AND seq < :before"
            params["before"] = before_seq
        params["limit"] = limit
        rows = self.db.query(
            f"SELECT {_COLUMNS} FROM audit_log WHERE {condition} ORDER BY seq DESC LIMIT :limit", params
        )
        return [_entry(r) for r in rows]

    def entry(self, seq: int) -> AuditEntry | None:
        rows = self.db.query(f"SELECT {_COLUMNS} FROM audit_log WHERE seq = ?", (seq,))
        return _entry(rows[0]) if rows else None

    def count(self, query: AuditQuery) -> int:
        condition, params = _filter(query)
        return self.db.query(f"SELECT count(*) FROM audit_log WHERE {condition}", params)[0][0]

    def _ascending(self) -> Iterator[AuditEntry]:
        last = -1
        while True:
            rows = self.db.query(
                f"SELECT {_COLUMNS} FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?", (last, CHAIN_CHUNK)
            )
            if not rows:
                return
            yield from (_entry(r) for r in rows)
            last = rows[-1][0]

    def first_break(self) -> tuple[int, int | None]:
        """Entries checked and the first broken one (None when the chain holds), read in chunks."""
        return first_break(self._ascending())

    def verify(self) -> list[int]:
        """Sequence numbers where the chain is broken; empty when intact."""
        rows = self.db.query(f"SELECT {_COLUMNS} FROM audit_log ORDER BY seq")
        return chain_breaks([_entry(r) for r in rows])


def entries_for_records(db: Database, record_ids: list[str]) -> list[AuditEntry]:
    """Every entry about any of the records (a client and everything of theirs), oldest first."""
    found: list[AuditEntry] = []
    for start in range(0, len(record_ids), 500):
        chunk = record_ids[start : start + 500]
        rows = db.query(
            f"SELECT {_COLUMNS} FROM audit_log WHERE record_id IN ({', '.join('?' for _ in chunk)})", tuple(chunk)
        )
        found += [_entry(r) for r in rows]
    return sorted(found, key=lambda e: e.seq)
