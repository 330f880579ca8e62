"""The hash-chained audit log: append-only, every entry sealing the one before it."""

from __future__ import annotations

from datetime import datetime

from ..domain.audit import GENESIS, AuditEntry, chain_breaks, entry_hash
from ..domain.record import utc_now
from .connection import Database

_COLUMNS = "seq, at, user, action, record_type, record_id, detail, prev_hash, hash"


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
