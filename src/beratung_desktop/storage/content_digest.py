"""A digest of everything a store holds, independent of the order rows were written in.

Two stores built the same way (the demo generator with the same size and seed, say) must give the same
digest even when the build itself changed how or in which order it writes. Each table's rows are hashed
one by one and the sorted row hashes hashed again; the schema (tables and indexes with their SQL) is a
digest of its own, so a build that forgets an index differs too. Full-text tables are read through their
columns, not their internal segment tables, whose layout depends on the order of inserts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping

from .connection import Database

SCHEMA = "(schema)"
_FETCH = 5000


def _tables(db: Database) -> list[str]:
    rows = db.query("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    virtual = [name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL TABLE")]
    # The shadow tables of a virtual table (client_search_data, ..._idx, ...) hold its index segments.
    return sorted(name for name, _sql in rows if not any(name.startswith(v + "_") for v in virtual))


def _schema_digest(db: Database) -> tuple[int, str]:
    rows = db.query(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"
    )
    return len(rows), hashlib.sha256(repr(rows).encode()).hexdigest()


def _table_digest(
    db: Database, table: str, volatile: Collection[str], aliases: Mapping[object, object]
) -> tuple[int, str]:
    hashes: list[bytes] = []
    with db.lock:
        cursor = db.execute(f'SELECT * FROM "{table}"')
        names = [d[0] for d in cursor.description or ()]
        kept = [i for i, name in enumerate(names) if name not in volatile]
        while rows := cursor.fetchmany(_FETCH):
            for row in rows:
                values = tuple(aliases.get(row[i], row[i]) for i in kept)
                hashes.append(hashlib.sha256(repr(values).encode()).digest())
    hashes.sort()
    whole = hashlib.sha256(repr([names[i] for i in kept]).encode())
    for h in hashes:
        whole.update(h)
    return len(hashes), whole.hexdigest()


def content_digest(
    db: Database,
    *,
    volatile: Mapping[str, Collection[str]] | None = None,
    aliases: Mapping[object, object] | None = None,
) -> dict[str, tuple[int, str]]:
    """Row count and SHA-256 per table (and for the schema under SCHEMA).

    `volatile` names columns left out per table (times of day a build ran, hash chains over them);
    `aliases` replaces values wherever they occur (random ids of accounts by the accounts' names), so
    that what is random by design does not hide what must be equal."""
    volatile, aliases = volatile or {}, aliases or {}
    digests = {SCHEMA: _schema_digest(db)}
    for table in _tables(db):
        digests[table] = _table_digest(db, table, volatile.get(table, ()), aliases)
    return digests
