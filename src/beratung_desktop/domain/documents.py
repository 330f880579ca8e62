"""Scans and letters kept with a client: what they are, and how their real type is told from their bytes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .catalogues import DOCUMENT_TYPES
from .record import Record
from .validation import N_, ValidationIssue

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
HEIC = "image/heic"

# The file name endings each type may carry; a file whose bytes say otherwise is refused.
EXTENSIONS = {
    PDF: (".pdf",),
    JPEG: (".jpg", ".jpeg", ".jpe"),
    PNG: (".png",),
    HEIC: (".heic", ".heif"),
}
SAVED_EXTENSION = {PDF: ".pdf", JPEG: ".jpg", PNG: ".png"}
DEFAULT_MAX_MB = 20
TITLE_LIMIT = 200
TEXT_LIMIT = 2000


@dataclass(kw_only=True)
class Document(Record):
    """One stored file of a client. The bytes live in their own table (document_contents), so lists and
    searches never read them."""

    client_id: str
    case_id: str | None = None
    kind: str = "other"
    title: str = ""  # the file name it came with, without folders
    media_type: str = PDF
    size: int = 0
    sha256: str = ""
    issued: date | None = None  # the date on the letter
    issuer: str = ""
    note: str = ""
    added_by: str = ""


def sniff_media_type(head: bytes) -> str | None:
    """The type the first bytes of a file show, or None for anything else."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1"):
        return HEIC
    return None


def type_of_name(name: str) -> str | None:
    """The type a file name's ending claims, or None for endings the app does not take."""
    lowered = name.lower()
    return next((t for t, endings in EXTENSIONS.items() if lowered.endswith(endings)), None)


def validate_document(d: Document) -> list[ValidationIssue]:
    issues: list[ValidationIssue] = []
    if d.kind not in DOCUMENT_TYPES:
        issues.append(ValidationIssue("kind", N_("Unknown document type {code}."), {"code": d.kind}))
    if len(d.title) > TITLE_LIMIT:
        issues.append(
            ValidationIssue("title", N_("The name is too long (at most {limit} characters)."), {"limit": TITLE_LIMIT})
        )
    for name, value in (("issuer", d.issuer), ("note", d.note)):
        if len(value) > TEXT_LIMIT:
            issues.append(
                ValidationIssue(name, N_("The text is too long (at most {limit} characters)."), {"limit": TEXT_LIMIT})
            )
    if d.issued is not None and d.issued > date.today():
        issues.append(ValidationIssue("issued", N_("The date of the document lies in the future.")))
    return issues
