"""Documents of clients with their bytes inside the encrypted database, and the deadlines they set.

The bytes sit in `document_contents`, one row per document, apart from the short `documents` rows: a
client page lists documents without reading a single byte of their content, and a document's content is
read only when somebody opens, prints or saves it.
"""

from __future__ import annotations

import hashlib
from datetime import date

from ..domain.deadlines import Deadline
from ..domain.documents import Document
from .connection import Database
from .repository import Repository


class DocumentRepository(Repository[Document]):
    table = "documents"
    record_type = Document

    def add_with_content(self, document: Document, content: bytes) -> Document:
        """The record and its bytes commit together, or neither is stored."""
        with self.db.transaction():
            self.add(document)
            self.db.execute(
                "INSERT INTO document_contents (document_id, content) VALUES (?, ?)", (document.id, content)
            )
        return document

    def add_many_with_content(self, pairs: list[tuple[Document, bytes]]) -> int:
        """Bulk insert (the demo generator, benchmarks): records and bytes in one transaction."""
        with self.db.transaction():
            self.add_many([d for d, _content in pairs])
            self.db.executemany(
                "INSERT INTO document_contents (document_id, content) VALUES (?, ?)", [(d.id, c) for d, c in pairs]
            )
        return len(pairs)

    def content(self, document_id: str) -> bytes | None:
        rows = self.db.query("SELECT content FROM document_contents WHERE document_id = ?", (document_id,))
        return bytes(rows[0][0]) if rows else None

    def remove(self, document_id: str) -> None:
        """Deletes the bytes (overwritten on disk by secure_delete) and leaves the record as a tombstone."""
        with self.db.transaction():
            self.db.execute("DELETE FROM document_contents WHERE document_id = ?", (document_id,))
            self.delete(document_id)

    def for_client(self, client_id: str) -> list[Document]:
        return self._where("client_id = ?", (client_id,), order="coalesce(issued, substr(created_at, 1, 10)) DESC")

    def count_for_client(self, client_id: str) -> int:
        return self.db.query("SELECT count(*) FROM documents WHERE client_id = ? AND deleted = 0", (client_id,))[0][0]


class DeadlineRepository(Repository[Deadline]):
    table = "deadlines"
    record_type = Deadline

    def for_client(self, client_id: str) -> list[Deadline]:
        return self._where("client_id = ?", (client_id,), order="status != 'open', due")

    def open_until(self, counsellor_id: str | None, until: date) -> list[Deadline]:
        """Open deadlines due on or before `until` (the overdue ones included), earliest first."""
        condition = "status = 'open' AND due <= ?"
        params: tuple = (until.isoformat(),)
        if counsellor_id:
            condition += " AND counsellor_id = ?"
            params += (counsellor_id,)
        return self._where(condition, params, order="due, created_at")


def damaged_documents(db: Database) -> list[str]:
    """Ids of live documents whose bytes are missing or no longer match their SHA-256 (for `verify`)."""
    if not db.query("SELECT 1 FROM sqlite_master WHERE name = 'document_contents'"):
        return []  # a copy from before documents existed
    damaged = []
    rows = db.query(
        "SELECT d.id, d.sha256, c.content FROM documents d LEFT JOIN document_contents c ON c.document_id = d.id "
        "WHERE d.deleted = 0"
    )
    for document_id, digest, content in rows:
        if content is None or hashlib.sha256(content).hexdigest() != digest:
            damaged.append(document_id)
    return damaged
