"""Direct table access for tests that tamper with a store or look beneath the repositories.

The one place outside src/beratung_desktop/storage/ where tests write SQL, kept with the storage tests.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from beratung_desktop.storage import exchange_log
from beratung_desktop.storage.store import Store


def row_counts(store: Store, tables: Iterable[str]) -> dict[str, int]:
    return {t: store.db.query(f"SELECT count(*) FROM {t}")[0][0] for t in tables}


def org_snapshot(store: Store) -> dict[str, list]:
    """Every imported record version and package of an organisation store, in a stable order."""
    return {
        "records": store.db.query(
            "SELECT record_type, device, record_id, version, package, line FROM org_records ORDER BY 1, 2, 3, 4"
        ),
        "packages": store.db.query("SELECT package_id, sha256, status FROM org_packages ORDER BY id"),
    }


def org_import_state(store: Store) -> dict[str, list]:
    """Everything an organisation store holds about imports, to compare before and after."""
    return {
        "records": store.db.query("SELECT * FROM org_records ORDER BY 1, 2, 3, 4"),
        "packages": store.db.query("SELECT package_id, sha256, status, sequence FROM org_packages ORDER BY id"),
        "devices": store.db.query("SELECT device_id, office, public_key FROM org_devices ORDER BY 1"),
        "conflicts": store.db.query("SELECT * FROM org_conflicts ORDER BY id"),
    }


def database_file(store: Store) -> tuple[Path, bytes]:
    """The encrypted database file and its key, for tests that search the raw pages."""
    return store.db.path, store._key


def org_record_ids(store: Store) -> str:
    return store.db.query("SELECT group_concat(record_id) FROM org_records")[0][0] or ""


def backdate(store: Store, tables: Iterable[str], updated_at: str) -> None:
    for table in tables:
        store.db.execute(f"UPDATE {table} SET updated_at = ?", (updated_at,))


def overwrite(store: Store, table: str, record_id: str, column: str, value: object) -> None:
    """Changes a stored value without a new version, as a laptop restored from a backup and edited would."""
    store.db.execute(f'UPDATE {table} SET "{column}" = ? WHERE id = ?', (value, record_id))


def tamper_audit_entry(store: Store, seq: int, action: str) -> None:
    store.db.execute("UPDATE audit_log SET action = ? WHERE seq = ?", (action, seq))


def exports(store: Store) -> list[exchange_log.ExportEntry]:
    return exchange_log.exports(store.db)


def delete_audit_entry(store: Store, seq: int) -> None:
    store.db.execute("DELETE FROM audit_log WHERE seq = ?", (seq,))


def move_audit_entry(store: Store, seq: int, at: datetime) -> None:
    """Moves an entry in time and reseals the chain from there, as if it had been written then."""
    from beratung_desktop.domain.audit import GENESIS, AuditQuery, entry_hash

    store.db.execute("UPDATE audit_log SET at = ? WHERE seq = ?", (at.isoformat(), seq))
    before = store.audit.entry(seq - 1)
    prev = before.hash if before else GENESIS
    for e in sorted(store.audit.page(AuditQuery(), limit=1_000_000), key=lambda e: e.seq):
        if e.seq < seq:
            continue
        e.prev_hash = prev
        e.hash = entry_hash(e)
        store.db.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?", (e.prev_hash, e.hash, e.seq))
        prev = e.hash


def replace_document_bytes(store: Store, document_id: str, content: bytes) -> None:
    """Changes a document's stored bytes beneath the repository, as damage or tampering would."""
    store.db.execute("UPDATE document_contents SET content = ? WHERE document_id = ?", (content, document_id))


def indexes(store: Store) -> dict[str, str]:
    """Every index with a definition (not the tables' own primary keys): name and its CREATE statement."""
    return dict(store.db.query("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))


def drop_index(store: Store, name: str) -> None:
    store.db.execute(f'DROP INDEX "{name}"')
