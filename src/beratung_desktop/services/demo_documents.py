"""Small synthetic documents (a letter as PDF, a scan as JPEG or PNG) for the demo store and benchmarks.

Generated on the fly, never committed: a PDF page with a few lines of text, an image with a few lines
drawn on it. Text is whatever the caller passes (demo names come from `resources/`).
"""

from __future__ import annotations

import hashlib
import io
import random
from dataclasses import dataclass
from datetime import date, timedelta

from ..domain.deadlines import Deadline
from ..domain.documents import JPEG, PDF, PNG, Document
from .session import Session

# (type code, issuer, media type, file name, the deadline it sets or None)
_KINDS = [
    ("decision", "Ausländerbehörde", PDF, "Bescheid.pdf", "appeal"),
    ("jobcentre_letter", "Jobcenter", PDF, "Jobcenter-Schreiben.pdf", "submit_documents"),
    ("residence_permit", "Ausländerbehörde", JPEG, "Aufenthaltstitel.jpg", "permit_expiry"),
    ("school", "Grundschule", PNG, "Schulbescheinigung.png", None),
    ("certificate", "Sprachschule", PDF, "Zertifikat-B1.pdf", None),
    ("employer", "Arbeitgeber", PDF, "Arbeitsvertrag.pdf", None),
]
_DEADLINE_NOTES = {
    "appeal": "Widerspruch prüfen",
    "submit_documents": "Unterlagen nachreichen",
    "permit_expiry": "Verlängerung beantragen",
}


def synthetic_pdf(lines: list[str], *, compress: bool = True) -> bytes:
    """A one-page A4 letter. `compress=False` keeps the text readable in the file (tests search for it)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, pageCompression=1 if compress else 0, invariant=1)
    y = A4[1] - 72
    canvas.setFont("Helvetica-Bold", 13)
    for number, line in enumerate(lines):
        canvas.drawString(72, y, line)
        if number == 0:
            canvas.setFont("Helvetica", 11)
        y -= 20
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def synthetic_image(lines: list[str], image_format: str = "JPEG", size: tuple[int, int] = (620, 877)) -> bytes:
    """A scan-like page (A4 proportions) with the lines written on it, as JPEG or PNG bytes."""
    from PIL import Image, ImageDraw

    image = Image.new("L" if image_format == "PNG" else "RGB", size, "white")
    draw = ImageDraw.Draw(image)
    y = 40
    for line in lines:
        draw.text((40, y), line, fill="black")
        y += 22
    draw.rectangle((30, 30, size[0] - 30, size[1] - 30), outline="grey")
    out = io.BytesIO()
    image.save(out, format=image_format, **({"quality": 70} if image_format == "JPEG" else {"optimize": False}))
    return out.getvalue()


@dataclass(frozen=True)
class DemoDocuments:
    documents: int
    deadlines: int


def _content(media_type: str, lines: list[str], variants: dict[tuple[str, int], bytes], variant: int) -> bytes:
    """A small file of the type; a few variants per type are made once and reused (generating 100,000
    PDFs one by one would take longer than storing them)."""
    key = (media_type, variant)
    if key not in variants:
        variants[key] = (
            synthetic_pdf(lines)
            if media_type == PDF
            else synthetic_image(lines, "PNG" if media_type == PNG else "JPEG", size=(310, 438))
        )
    return variants[key]


def add_documents(
    session: Session,
    client_ids: list[str],
    *,
    per_client: float = 1.5,
    seed: int = 7,
    today: date | None = None,
    variants_per_type: int = 8,
    batch: int = 2000,
    counsellors: dict[str, str] | None = None,
) -> DemoDocuments:
    """Adds about `per_client` synthetic documents to each of the given clients (demo and benchmark
    stores only; the caller checks), some with an open deadline around today for the start page, for the
    client's counsellor in `counsellors` (else the signed-in user)."""
    dice = random.Random(seed)
    today = today or date.today()
    store = session.store
    counsellor = session.user.id
    variants: dict[tuple[str, int], bytes] = {}
    pending: list[tuple[Document, bytes]] = []
    new_deadlines: list[Deadline] = []
    documents = deadline_count = 0

    def flush() -> None:
        nonlocal documents, deadline_count
        with store.transaction():
            documents += store.documents.add_many_with_content(pending)
            deadline_count += store.deadlines.add_many(new_deadlines)
        pending.clear()
        new_deadlines.clear()

    for client_id in client_ids:
        count = int(per_client) + (1 if dice.random() < per_client - int(per_client) else 0)
        for _ in range(count):
            kind, issuer, media_type, name, deadline_kind = dice.choice(_KINDS)
            issued = today - timedelta(days=dice.randint(1, 400))
            variant = dice.randrange(variants_per_type)
            content = _content(media_type, [name.rsplit(".", 1)[0], issuer, f"Az. {1000 + variant}"], variants, variant)
            document = Document(
                client_id=client_id,
                kind=kind,
                title=name,
                media_type=media_type,
                size=len(content),
                sha256=hashlib.sha256(content).hexdigest(),
                issued=issued,
                issuer=issuer,
                added_by=session.actor,
            )
            pending.append((document, content))
            if deadline_kind and issued > today - timedelta(days=45):
                new_deadlines.append(
                    Deadline(
                        client_id=client_id,
                        counsellor_id=(counsellors or {}).get(client_id, counsellor),
                        kind=deadline_kind,
                        due=issued + timedelta(days=30 if deadline_kind == "appeal" else 40),
                        note=_DEADLINE_NOTES[deadline_kind],
                        document_id=document.id,
                    )
                )
        if len(pending) >= batch:
            flush()
    if pending or new_deadlines:
        flush()
    return DemoDocuments(documents, deadline_count)
