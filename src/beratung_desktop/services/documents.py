"""Documents of a client as use cases: add (checked), list, open, save a copy out, remove.

A document's bytes go from the file straight into the encrypted database: no temporary file, no
thumbnail, no cache. Before anything is stored the real type is read from the bytes (a file that is not
what its name says is refused) and the file is parsed, so a damaged scan is refused with a message
instead of being kept unreadable. Opening, printing and saving out are written to the audit log.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..domain.catalogues import DOCUMENT_TYPES
from ..domain.documents import (
    DEFAULT_MAX_MB,
    HEIC,
    PDF,
    SAVED_EXTENSION,
    Document,
    sniff_media_type,
    type_of_name,
    validate_document,
)
from ..domain.validation import ValidationError
from ..errors import N_, AppError
from ..storage.atomic_file import atomic_writer
from .session import Session

MB = 1024 * 1024


class DocumentRefused(AppError):
    message = N_("The file could not be added; nothing was stored.")


class UnsupportedFileType(DocumentRefused):
    message = N_("{name} is not a PDF, JPEG or PNG file; nothing was stored. Scan or save it as PDF, JPEG or PNG.")


class TypeMismatch(DocumentRefused):
    message = N_(
        "{name} is named like a {claimed} file, but its content is {found}; nothing was stored. "
        "Check that it is the right file and save it again with the right ending."
    )


class HeicNotSupported(DocumentRefused):
    message = N_(
        "{name} is an HEIC photo, which this app cannot read; nothing was stored. On the phone, share the "
        "photo as JPEG (iPhone: Settings > Camera > Formats > Most Compatible) and add it again."
    )


class DocumentDamaged(DocumentRefused):
    message = N_("{name} is damaged or incomplete and cannot be read ({reason}); nothing was stored. Scan it again.")


class DocumentProtected(DocumentRefused):
    message = N_(
        "{name} is protected by a password, so it could not be read; nothing was stored. Save it without "
        "the password and add it again."
    )


class DocumentTooLarge(DocumentRefused):
    message = N_(
        "{name} is {size} MB; documents can be at most {limit} MB. Nothing was stored. Scan it with a lower "
        "resolution or in greyscale, or ask IT to raise the limit."
    )


class DocumentEmpty(DocumentRefused):
    message = N_("{name} is empty; nothing was stored.")


class DocumentFileGone(DocumentRefused):
    message = N_(
        "{name} could not be read (it was moved, deleted or the drive was removed while it was being added); "
        "nothing was stored. Add it again from where it is now."
    )


class DocumentContentMissing(AppError):
    message = N_("The content of this document is missing. Run the check of the data store and inform IT.")


class SaveFolderMissing(AppError):
    message = N_("The folder {path} does not exist. Choose another folder for the copy.")


_TYPE_NAMES = {PDF: "PDF", "image/jpeg": "JPEG", "image/png": "PNG", HEIC: "HEIC"}


@dataclass(frozen=True)
class DocumentDetails:
    """What the counsellor says about a document when adding it."""

    kind: str = "other"
    issued: date | None = None
    issuer: str = ""
    note: str = ""
    case_id: str | None = None


def max_bytes(megabytes: int | None) -> int:
    return max(1, megabytes or DEFAULT_MAX_MB) * MB


def _megabytes(size: int) -> str:
    return f"{size / MB:.1f}"


def read_document_file(path: Path, limit: int) -> bytes:
    """The file's bytes, refused when larger than `limit` before reading it all, or gone while reading."""
    path = Path(path)
    try:
        with open(path, "rb") as f:
            size = Path(path).stat().st_size
            if size > limit:
                raise DocumentTooLarge(name=path.name, size=_megabytes(size), limit=limit // MB)
            content = f.read(limit + 1)
    except DocumentRefused:
        raise
    except OSError:
        raise DocumentFileGone(name=path.name) from None
    if len(content) > limit:  # it grew while being read
        raise DocumentTooLarge(name=path.name, size=_megabytes(len(content)), limit=limit // MB)
    return content


def check_content(name: str, content: bytes, limit: int) -> str:
    """The media type of a file that may be stored; raises a DocumentRefused saying why not."""
    if not content:
        raise DocumentEmpty(name=name)
    if len(content) > limit:
        raise DocumentTooLarge(name=name, size=_megabytes(len(content)), limit=limit // MB)
    found = sniff_media_type(content[:16])
    claimed = type_of_name(name)
    if found is None:
        raise UnsupportedFileType(name=name)
    if claimed is not None and claimed != found:
        raise TypeMismatch(name=name, claimed=_TYPE_NAMES[claimed], found=_TYPE_NAMES[found])
    if claimed is None:
        raise UnsupportedFileType(name=name)
    if found == HEIC:
        raise HeicNotSupported(name=name)
    if found == PDF:
        _check_pdf(name, content)
    else:
        _check_image(name, content)
    return found


def _check_pdf(name: str, content: bytes) -> None:
    from pypdf import PdfReader  # loaded when a document is added, not at start-up
    from pypdf.errors import PyPdfError

    # A PDF ends with %%EOF (after its last update); without it the file was cut off.
    if b"%%EOF" not in content[-2048:]:
        raise DocumentDamaged(name=name, reason="no end of file")
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentProtected(name=name)
        pages = len(reader.pages)
        if pages:
            reader.pages[0].mediabox  # noqa: B018 - reading the first page proves the page tree resolves
    except DocumentRefused:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
        raise DocumentDamaged(name=name, reason=type(exc).__name__) from None
    if pages < 1:
        raise DocumentDamaged(name=name, reason="no pages")


def _check_image(name: str, content: bytes) -> None:
    from PIL import Image  # Pillow comes with reportlab

    try:
        with Image.open(io.BytesIO(content)) as image:
            image.load()  # decodes every pixel: a cut-off scan fails here
    except Image.DecompressionBombError:
        raise DocumentDamaged(name=name, reason="too many pixels") from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise DocumentDamaged(name=name, reason=type(exc).__name__) from None


def _title(name: str) -> str:
    # Only the file's own name: the folder it came from (often a name or a date of birth) is not kept.
    return Path(name.replace("\\", "/")).name[:200]


def add_document(
    session: Session, client_id: str, name: str, content: bytes, details: DocumentDetails, *, limit: int
) -> Document:
    """Checks and stores one document with its bytes in one transaction, audited."""
    media_type = check_content(_title(name), content, limit)
    session.store.clients.require(client_id)
    if details.case_id is not None:
        session.store.cases.require(details.case_id)
    document = Document(
        client_id=client_id,
        case_id=details.case_id,
        kind=details.kind,
        title=_title(name),
        media_type=media_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        issued=details.issued,
        issuer=details.issuer.strip(),
        note=details.note.strip(),
        added_by=session.actor,
    )
    issues = validate_document(document)
    if issues:
        raise ValidationError(issues)
    with session.store.transaction():
        session.store.documents.add_with_content(document, content)
        session.audit("create", "document", document.id, f"{DOCUMENT_TYPES.label(document.kind)}; {media_type}")
    return document


def add_document_file(
    session: Session, client_id: str, path: Path, details: DocumentDetails, *, limit: int
) -> Document:
    """Reads a picked or dropped file and stores it; a file gone meanwhile leaves nothing stored."""
    content = read_document_file(Path(path), limit)
    return add_document(session, client_id, Path(path).name, content, details, limit=limit)


def update_details(session: Session, document: Document) -> Document:
    issues = validate_document(document)
    if issues:
        raise ValidationError(issues)
    return session.save(session.store.documents, document, "document")


def documents_of(session: Session, client_id: str) -> list[Document]:
    return session.store.documents.for_client(client_id)


def _content(session: Session, document_id: str) -> tuple[Document, bytes]:
    document = session.store.documents.require(document_id)
    content = session.store.documents.content(document_id)
    if content is None:
        raise DocumentContentMissing()
    return document, content


def open_document(session: Session, document_id: str) -> tuple[Document, bytes]:
    """The document and its bytes for the viewer (kept in memory only); the view is audited."""
    with session.store.transaction():
        document, content = _content(session, document_id)
        session.audit("view", "document", document_id)
    return document, content


def record_print(session: Session, document_id: str) -> None:
    session.store.documents.require(document_id)
    session.audit("print", "document", document_id)


def copy_name(document: Document) -> str:
    """The file name of a copy: the original name, with the ending its real type has."""
    stem = Path(document.title).stem or DOCUMENT_TYPES.label(document.kind)
    safe = "".join(ch if ch.isalnum() or ch in "-_ ." else "_" for ch in stem).strip(" .") or "document"
    return f"{safe}{SAVED_EXTENSION.get(document.media_type, '.bin')}"


def _free_name(folder: Path, name: str) -> Path:
    target = folder / name
    number = 2
    while target.exists():
        target = folder / f"{Path(name).stem} ({number}){Path(name).suffix}"
        number += 1
    return target


def save_copy(session: Session, document_id: str, folder: Path) -> Path:
    """Writes an unencrypted copy into `folder` (temporary name, flushed, renamed), audited with the path.

    The person was warned that the copy is not encrypted; the audit entry says where it went."""
    folder = Path(folder)
    if not folder.is_dir():
        raise SaveFolderMissing(path=str(folder))
    with session.store.transaction():
        document, content = _content(session, document_id)
        target = _free_name(folder, copy_name(document))
        session.audit("save_copy", "document", document_id, f"unencrypted copy to {target.parent}")
        with atomic_writer(target) as f:
            f.write(content)
    return target


def remove_document(session: Session, document_id: str) -> None:
    """Deletes the bytes physically (secure_delete) and leaves a tombstone of the record."""
    with session.store.transaction():
        session.store.documents.remove(document_id)
        session.audit("delete", "document", document_id)
