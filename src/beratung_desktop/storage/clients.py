"""Clients, with the search index kept in step on every write."""

from __future__ import annotations

from ..domain.clients import Client
from .client_search import index_client, index_clients, search_ids
from .repository import Repository


class ClientRepository(Repository[Client]):
    table = "clients"
    record_type = Client

    def after_write(self, record: Client) -> None:
        index_client(self.db, record)

    def after_write_many(self, records: list[Client]) -> None:
        # Bulk inserts are new clients: one multi-row index insert, no per-client delete.
        index_clients(self.db, records)

    def search(self, text: str, limit: int = 50) -> list[Client]:
        ids = search_ids(self.db, text, limit)
        if not ids:
            return []
        found = {c.id: c for c in self._where(f"id IN ({', '.join('?' for _ in ids)})", tuple(ids))}
        return [found[i] for i in ids if i in found]

    def by_ids(self, ids: list[str]) -> list[Client]:
        return self._in_chunks("id", ids)

    def unranked_match_ids(self, text: str, limit: int = 2000) -> list[str]:
        """The search's own FTS5 query without ranking or filters: the floor the scale benchmark compares
        the client list with."""
        from .client_search import build_query

        rows = self.db.query(
            "SELECT client_id FROM client_search WHERE client_search MATCH ? LIMIT ?", (build_query(text), limit)
        )
        return [r[0] for r in rows]

    def ordered_by_number(self) -> list[Client]:
        return self._where(order="client_number")

    def unranked_prefix_ids(self, text: str, limit: int = 50) -> list[str]:
        """The floor the ranked search is measured against (benchmarks): one FTS5 prefix query per word
        on the name column, no ranking."""
        words = ['names : "' + w.lower().replace('"', '""') + '"*' for w in text.split()]
        if not words:
            return []
        rows = self.db.query(
            "SELECT client_id FROM client_search WHERE client_search MATCH ? LIMIT ?", (" AND ".join(words), limit)
        )
        return [r[0] for r in rows]

    def by_number(self, number: str) -> Client | None:
        found = self._where("client_number = ?", (number,))
        return found[0] if found else None

    def next_number(self, year: int) -> str:
        """One more than the highest purely numeric number of the year ("2026-00017"). Numbers such as
        "2026-K17" from an imported list are ignored; "2026-99999" leads to "2026-100000", compared as
        a number, not as text. Call it inside the transaction that stores the client: the transaction
        holds the write lock, so a second writer waits and then sees this number taken."""
        prefix = f"{year}-"
        row = self.db.query(
            "SELECT max(CAST(substr(client_number, ?) AS INTEGER)) FROM clients "
            "WHERE client_number GLOB ? AND substr(client_number, ?) NOT GLOB '*[^0-9]*'",
            (len(prefix) + 1, prefix + "[0-9]*", len(prefix) + 1),
        )
        n = (row[0][0] or 0) + 1
        return f"{prefix}{n:05d}"
