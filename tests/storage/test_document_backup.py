"""Documents travel in backups with their bytes, and `verify` catches bytes that were changed or lost."""

from __future__ import annotations

from datetime import date

from beratung_desktop.services import deadlines, documents, maintenance
from beratung_desktop.services.documents import DocumentDetails
from tests.document_samples import LIMIT, jpeg, pdf
from tests.factories import add_client
from tests.storage.raw_access import replace_document_bytes


def test_a_backup_holds_the_documents_and_verify_checks_their_bytes(session, tmp_path) -> None:
    client = add_client(session)
    letter = documents.add_document(session, client.id, "a.pdf", pdf(), DocumentDetails(kind="decision"), limit=LIMIT)
    original = jpeg()
    scan = documents.add_document(session, client.id, "b.jpg", original, DocumentDetails(kind="identity"), limit=LIMIT)
    deadlines.set_deadline(session, client.id, "appeal", date(2026, 4, 1), document_id=letter.id)
    assert maintenance.verify(session).ok

    backup_file = maintenance.backup(session, tmp_path / "backups")
    report = session.store.check_copy(backup_file)
    assert report.ok and report.counts["document_contents"] == 2 and report.counts["deadlines"] == 1

    # One flipped byte in a stored scan: the database is intact, but the document is not what was added.
    content = bytearray(session.store.documents.content(scan.id) or b"")
    content[len(content) // 2] ^= 0xFF
    replace_document_bytes(session.store, scan.id, bytes(content))
    report = maintenance.verify(session)
    assert not report.ok and report.documents == [scan.id]

    restored = maintenance.restore(session, backup_file)
    assert restored.store.documents.content(scan.id) == original
    assert maintenance.verify(restored).ok
    restored.close()
