"""Physical erasure of a client, legal holds and the erasure log.

Erasure deletes rows; with `secure_delete=ON` SQLite overwrites the freed cells and pages with zeros,
and the search index was set to FTS5 'secure-delete' (migration 5), so no token stays in its segments.
A new table holding a client's data (documents, ...) adds its row to CLIENT_ROWS and is erased too.
"""

from __future__ import annotations

from datetime import date

from ..domain.privacy import Erasure, LegalHold
from .connection import Database
from .repository import Repository

# (table, condition selecting one client's rows), children before parents for the foreign keys.
CLIENT_ROWS: list[tuple[str, str]] = [
    ("deadlines", "client_id = :client"),
    ("document_contents", "document_id IN (SELECT id FROM documents WHERE client_id = :client)"),
    ("documents", "client_id = :client"),
    ("consultations", "client_id = :client"),
    ("agreement_goals", "case_id IN (SELECT id FROM cases WHERE client_id = :client)"),
    ("appointments", "client_id = :client"),
    ("consents", "client_id = :client"),
    ("referrals", "client_id = :client"),
    ("group_members", "client_id = :client"),
    ("legal_holds", "client_id = :client"),
    ("cases", "client_id = :client"),
    ("client_search", "client_id = :client"),
    ("clients", "id = :client"),
]


class LegalHoldRepository(Repository[LegalHold]):
    table = "legal_holds"
    record_type = LegalHold

    def for_client(self, client_id: str) -> list[LegalHold]:
        return self._where("client_id = ?", (client_id,), order="created_at DESC")

    def live(self) -> list[LegalHold]:
        return self._where(order="created_at")


class ErasureRepository(Repository[Erasure]):
    table = "erasures"
    record_type = Erasure


def delete_client_rows(db: Database, client_id: str) -> dict[str, int]:
    """Deletes every row of one client, table by table; returns the rows deleted per table.

    Call inside the erasure's transaction: a failure between two tables rolls all of them back.
    """
    deleted: dict[str, int] = {}
    for table, condition in CLIENT_ROWS:
        deleted[table] = erase_rows(db, table, condition, client_id)
    return deleted


def erase_rows(db: Database, table: str, condition: str, client_id: str) -> int:
    if table == "group_members":
        # The client also leaves the attendance lists of the sessions (anonymised as a count).
        db.execute(
            "UPDATE group_sessions SET anonymous_present = anonymous_present + 1, "
            "present = (SELECT json_group_array(value) FROM json_each(present) WHERE value != :client), "
            "version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now') "
            "WHERE EXISTS (SELECT 1 FROM json_each(present) WHERE value = :client)",
            {"client": client_id},
        )
        db.execute(
            "UPDATE short_contacts SET converted_client_id = NULL WHERE converted_client_id = :client",
            {"client": client_id},
        )
    return db.execute(f"DELETE FROM {table} WHERE {condition}", {"client": client_id}).rowcount


def truncate_wal(db: Database) -> bool:
    """Copies the WAL into the database and empties it, so old page images leave the disk.

    Returns False when another connection kept a reader open and the WAL could not be emptied yet.
    """
    # On the main connection: a checkpoint writes, and a read-only reader must not be the one asked.
    busy, _log, _done = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return busy == 0


def client_exists(db: Database, client_id: str) -> bool:
    return bool(db.query("SELECT 1 FROM clients WHERE id = ?", (client_id,)))


def review_candidates(db: Database, last_day: dict[str, date], default_last_day: date, today: date) -> list[str]:
    """The ids of the clients that may be due for the retention review, so that only they are loaded.

    Live, not erased clients whose retention may have ended (no live case open, every live case closed on
    or before its service's `last_day`, else `default_last_day`; without live cases, recorded on or before
    `default_last_day`) or with a live storage consent withdrawn by today. The domain rules decide on
    these clients (a withdrawal counts only when no other storage consent is in effect; holds are
    checked there too); the retention part selects exactly the clients whose retention has ended.
    """
    params: dict[str, str] = {"default": default_last_day.isoformat(), "today": today.isoformat()}
    arms = []
    for n, (service, day) in enumerate(sorted(last_day.items())):
        params[f"s{n}"], params[f"d{n}"] = service, day.isoformat()
        arms.append(f"WHEN :s{n} THEN :d{n}")
    threshold = f"CASE k.service {' '.join(arms)} ELSE :default END" if arms else ":default"
    rows = db.query(
        "SELECT c.id FROM clients c WHERE c.deleted = 0 AND c.erased = 0 AND ("
        # Retention: nothing live still open or closed too recently for its service...
        " (NOT EXISTS (SELECT 1 FROM cases k WHERE k.client_id = c.id AND k.deleted = 0"
        f"   AND (k.closed IS NULL OR k.closed > {threshold}))"
        # ... and, without any live case, recorded long enough ago (the date part of the ISO timestamp).
        "  AND (EXISTS (SELECT 1 FROM cases k WHERE k.client_id = c.id AND k.deleted = 0)"
        "       OR substr(c.created_at, 1, 10) <= :default))"
        " OR EXISTS (SELECT 1 FROM consents s WHERE s.client_id = c.id AND s.deleted = 0"
        "   AND s.purpose = 'data_storage' AND s.withdrawn <= :today))"
        " ORDER BY c.id",
        params,
    )
    return [r[0] for r in rows]
