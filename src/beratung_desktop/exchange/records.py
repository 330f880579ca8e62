"""Records as plain JSON-ready dicts, and the canonical bytes used for hashing and comparison."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from datetime import date, datetime
from functools import cache
from typing import Any, TypeVar, cast

F = TypeVar("F", bound=Callable[..., Any])


def _cache_by_type(function: F) -> F:
    """functools.cache that keeps the signature: mypy does not count classes as Hashable keys."""
    return cast(F, cache(function))


# The record types that travel, by table name (the names are part of the package format).
RECORD_TYPES = (
    "users",
    "partners",
    "clients",
    "cases",
    "consultations",
    "agreement_goals",
    "appointments",
    "consents",
    "activities",
    # That a client was erased at the office: the organisation erases its copy (see services/organisation).
    "erasures",
    # Network work (schema 10). Interpreters never leave the office.
    "referrals",
    "short_contacts",
    "groups",
    "group_members",
    "group_sessions",
)

TOMBSTONE_FIELDS = ("id", "version", "updated_at", "deleted")


def _plain(value: Any) -> Any:
    if isinstance(value, str | int | float) or value is None:
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value):
        return _fields(value)
    return value


def _fields(record: Any) -> dict[str, Any]:
    # Field by field instead of dataclasses.asdict, which deep-copies every value (4x slower here).
    return {f.name: _plain(getattr(record, f.name)) for f in _field_list(type(record))}


@_cache_by_type
def _field_list(cls: type) -> tuple[dataclasses.Field, ...]:
    return dataclasses.fields(cls)


def record_to_dict(record: Any) -> dict[str, Any]:
    """All fields of a record dataclass; a deleted record becomes a tombstone without content."""
    row = _fields(record)
    if row.get("deleted"):
        return {k: row[k] for k in TOMBSTONE_FIELDS}
    return row


def canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
