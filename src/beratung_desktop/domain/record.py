"""Fields every stored record carries (identity, timestamps, version for export)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime


def new_id() -> str:
    return str(uuid.uuid4())


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@dataclass(kw_only=True)
class Record:
    id: str = field(default_factory=new_id)
    created_at: datetime = field(default_factory=utc_now)
    updated_at: datetime = field(default_factory=utc_now)
    # Incremented on every change; the export compares versions to find conflicts.
    version: int = 1
    deleted: bool = False
