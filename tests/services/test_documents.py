"""Documents of a client: checked before storing, kept in the encrypted store, opened and saved audited."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from beratung_desktop.domain.documents import JPEG, PDF, PNG
from beratung_desktop.services import documents
from beratung_desktop.services.documents import DocumentDetails
from beratung_desktop.services.session import Session
from tests.document_samples import LIMIT, heic_header, jpeg, pdf, png
from tests.factories import add_case, add_client
from tests.storage.raw_access import row_counts

DETAILS = DocumentDetails(kind="decision", issued=date(2026, 1, 12), issuer="Ausländerbehörde Landkreis", note="")


def _stored(session: Session) -> dict[str, int]:
    return row_counts(session.store, ("documents", "document_contents"))


def test_a_pdf_a_jpeg_and_a_png_are_stored_and_read_back(session: Session, tmp_path: Path) -> None:
    client = add_client(session)
    case = add_case(session, client)
    samples = {"bescheid.pdf": pdf(), "titel.JPG": jpeg(), "schule.png": png()}
    added = []
    for name, content in samples.items():
        path = tmp_path / name
        path.write_bytes(content)
        added.append(
            documents.add_document_file(
                session, client.id, path, DocumentDetails(kind="other", case_id=case.id), limit=LIMIT
            )
        )
    assert [d.media_type for d in added] == [PDF, JPEG, PNG]
    assert {d.id for d in documents.documents_of(session, client.id)} == {d.id for d in added}
    for document, content in zip(added, samples.values(), strict=True):
        assert document.sha256 == hashlib.sha256(content).hexdigest() and document.size == len(content)
        opened, data = documents.open_document(session, document.id)
        assert data == content and opened.title == document.title
    actions = [(e.action, e.record_type) for e in session.store.audit.recent(6)]
    assert actions.count(("create", "document")) == 3 and actions.count(("view", "document")) == 3


def test_the_folder_the_file_came_from_is_not_kept(session: Session) -> None:
    client = add_client(session)
    document = documents.add_document(
        session, client.id, "C:\\Users\\Berater\\Desktop\\Familie Beispiel\\brief.pdf", pdf(), DETAILS, limit=LIMIT
    )
    assert document.title == "brief.pdf"


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("scan.pdf", jpeg(), documents.TypeMismatch),  # a JPEG named .pdf
        ("photo.jpg", pdf(), documents.TypeMismatch),
        ("notes.pdf", b"Just some text, not a PDF at all", documents.UnsupportedFileType),
        ("brief.docx", pdf(), documents.UnsupportedFileType),
        ("cut.pdf", pdf()[:-400], documents.DocumentDamaged),
        ("broken.pdf", b"%PDF-1.4\n garbage garbage\n%%EOF\n", documents.DocumentDamaged),
        ("cut.jpg", jpeg()[: len(jpeg()) // 2], documents.DocumentDamaged),
        ("cut.png", png()[:300], documents.DocumentDamaged),
        ("iphone.heic", heic_header(), documents.HeicNotSupported),
        ("empty.pdf", b"", documents.DocumentEmpty),
    ],
)
def test_bad_files_are_refused_and_nothing_is_stored(session: Session, name: str, content: bytes, error) -> None:
    client = add_client(session)
    audit_before = len(session.store.audit.recent(10_000))
    with pytest.raises(error) as refused:
        documents.add_document(session, client.id, name, content, DETAILS, limit=LIMIT)
    assert name in str(refused.value) and "nothing was stored" in str(refused.value)
    assert _stored(session) == {"documents": 0, "document_contents": 0}
    assert len(session.store.audit.recent(10_000)) == audit_before


def test_an_oversize_file_is_refused_before_it_is_read(session: Session, tmp_path: Path) -> None:
    client = add_client(session)
    big = tmp_path / "scan.pdf"
    big.write_bytes(pdf() + b"%" + b"x" * (2 * 1024 * 1024))
    with pytest.raises(documents.DocumentTooLarge) as refused:
        documents.add_document_file(session, client.id, big, DETAILS, limit=documents.max_bytes(1))
    assert "at most 1 MB" in str(refused.value)
    assert _stored(session) == {"documents": 0, "document_contents": 0}


def test_a_file_that_disappears_while_being_added_stores_nothing(session: Session, tmp_path: Path, monkeypatch) -> None:
    client = add_client(session)
    path = tmp_path / "brief.pdf"
    path.write_bytes(pdf())
    path.unlink()  # picked in the dialog, then deleted (or the stick pulled) before it was read
    with pytest.raises(documents.DocumentFileGone):
        documents.add_document_file(session, client.id, path, DETAILS, limit=LIMIT)

    # Gone in the middle of reading: the read itself fails.
    path.write_bytes(pdf())
    real_open = open

    class Vanishing:
        def __init__(self, *args, **kwargs):
            self.f = real_open(*args, **kwargs)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.f.close()

        def read(self, *_args):
            raise OSError(5, "Input/output error")

    monkeypatch.setattr(
        "builtins.open", lambda *a, **k: Vanishing(*a, **k) if str(a[0]) == str(path) else real_open(*a, **k)
    )
    with pytest.raises(documents.DocumentFileGone):
        documents.add_document_file(session, client.id, path, DETAILS, limit=LIMIT)
    assert _stored(session) == {"documents": 0, "document_contents": 0}


def test_a_failing_write_stores_neither_record_nor_bytes(session: Session, monkeypatch) -> None:
    client = add_client(session)

    def fail(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(session.store.audit, "append", fail)
    with pytest.raises(OSError):
        documents.add_document(session, client.id, "a.pdf", pdf(), DETAILS, limit=LIMIT)
    assert _stored(session) == {"documents": 0, "document_contents": 0}


def test_saving_a_copy_is_atomic_audited_and_never_overwrites(session: Session, tmp_path: Path) -> None:
    client = add_client(session)
    content = pdf("Bescheid vom 12.01.2026")
    document = documents.add_document(session, client.id, "bescheid: 1*2.pdf", content, DETAILS, limit=LIMIT)
    folder = tmp_path / "out"
    folder.mkdir()
    first = documents.save_copy(session, document.id, folder)
    second = documents.save_copy(session, document.id, folder)
    assert first.read_bytes() == content == second.read_bytes()
    assert sorted(p.name for p in folder.iterdir()) == ["bescheid_ 1_2 (2).pdf", "bescheid_ 1_2.pdf"]
    entry = session.store.audit.recent(1)[0]
    assert (entry.action, entry.record_id) == ("save_copy", document.id) and str(folder) in entry.detail
    with pytest.raises(documents.SaveFolderMissing):
        documents.save_copy(session, document.id, tmp_path / "missing")


def test_removing_a_document_deletes_its_bytes(session: Session) -> None:
    client = add_client(session)
    document = documents.add_document(session, client.id, "a.png", png(), DETAILS, limit=LIMIT)
    documents.remove_document(session, document.id)
    assert documents.documents_of(session, client.id) == []
    assert _stored(session) == {"documents": 1, "document_contents": 0}  # a tombstone, no bytes
