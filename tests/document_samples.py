"""Sample documents for tests: generated PDFs and images, and damaged variants of them."""

from __future__ import annotations

from beratung_desktop.services.demo_documents import synthetic_image, synthetic_pdf

LIMIT = 20 * 1024 * 1024


def pdf(*lines: str) -> bytes:
    return synthetic_pdf(list(lines) or ["Bescheid", "Widerspruch binnen eines Monats"], compress=False)


def jpeg(*lines: str) -> bytes:
    return synthetic_image(list(lines) or ["Aufenthaltstitel"], "JPEG")


def png(*lines: str) -> bytes:
    return synthetic_image(list(lines) or ["Schulbescheinigung"], "PNG")


def heic_header() -> bytes:
    """The start of an HEIC file as phones write it (enough for the type check to recognise it)."""
    return b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 200
