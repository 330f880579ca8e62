"""Audit entries, hash-chained so that a changed or removed entry shows."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

GENESIS = "0" * 64

ACTIONS = (
    "login",
    "view",
    "create",
    "update",
    "delete",
    "print",
    "export",
    "import",
    "backup",
    "restore",
    "password",
    "user",
    "erase",
    "hold",
    "access_export",
)


@dataclass(kw_only=True)
class AuditEntry:
    seq: int
    at: datetime
    user: str
    action: str
    record_type: str = ""
    record_id: str = ""
    # A short non-personal detail (a field list, a file kind), never names or notes.
    detail: str = ""
    prev_hash: str = GENESIS
    hash: str = ""


def entry_hash(entry: AuditEntry) -> str:
    payload = json.dumps(
        [
            entry.seq,
            entry.at.isoformat(),
            entry.user,
            entry.action,
            entry.record_type,
            entry.record_id,
            entry.detail,
            entry.prev_hash,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def chain_breaks(entries: list[AuditEntry]) -> list[int]:
    """Sequence numbers where the chain does not hold (entries in ascending seq order)."""
    breaks: list[int] = []
    prev = GENESIS
    expected_seq = entries[0].seq if entries else 1
    for e in entries:
        if e.seq != expected_seq or e.prev_hash != prev or entry_hash(e) != e.hash:
            breaks.append(e.seq)
        prev = e.hash
        expected_seq = e.seq + 1
    return breaks


def first_break(entries: Iterable[AuditEntry]) -> tuple[int, int | None]:
    """How many entries were checked and the sequence number of the first one that breaks the chain
    (None when it holds); reads the entries once, in ascending seq order, so a long log streams."""
    prev = GENESIS
    expected_seq: int | None = None
    checked = 0
    for e in entries:
        checked += 1
        if (expected_seq is not None and e.seq != expected_seq) or e.prev_hash != prev or entry_hash(e) != e.hash:
            return checked, e.seq
        prev = e.hash
        expected_seq = e.seq + 1
    return checked, None


@dataclass(frozen=True)
class AuditQuery:
    """A filter of the audit viewer; empty fields do not filter.

    `start`/`end` are aware datetimes (end exclusive); `clients_of` limits the entries to the records of
    the clients whose cases that user (a counsellor's id) leads."""

    client_id: str = ""
    user: str = ""
    action: str = ""
    start: datetime | None = None
    end: datetime | None = None
    clients_of: str = ""
