"""Records as plain JSON-ready dicts, and the canonical bytes used for hashing and comparison."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime
from typing import Any

# The record types that travel, by table name (the names are part of the package format).
RECORD_TYPES = ("users", "partners", "clients", "cases", "consultations", "agreement_goals",
                "appointments", "consents", "activities")

TOMBSTONE_FIELDS = ("id", "version", "updated_at", "deleted")


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def record_to_dict(record: Any) -> dict[str, Any]:
    """All fields of a record dataclass; a deleted record becomes a tombstone without content."""
    row = {k: _plain(v) for k, v in dataclasses.asdict(record).items()}
    if row.get("deleted"):
        return {k: row[k] for k in TOMBSTONE_FIELDS}
    return row


def canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
