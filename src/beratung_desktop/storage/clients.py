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
        if not ids:
            return []
        return self._where(f"id IN ({', '.join('?' for _ in ids)})", tuple(ids))

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
        prefix = f"{year}-"
        row = self.db.query("SELECT max(client_number) FROM clients WHERE client_number LIKE ?", (prefix + "%",))
        last = row[0][0]
        n = int(last.split("-")[1]) + 1 if last and last.split("-")[1].isdigit() else 1
        return f"{prefix}{n:05d}"
