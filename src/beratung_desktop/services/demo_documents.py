"""Small synthetic documents (a letter as PDF, a scan as JPEG or PNG) for the demo store and benchmarks.

Generated on the fly, never committed: a PDF page with a few lines of text, an image with a few lines
drawn on it. Text is whatever the caller passes (demo names come from `resources/`).
"""

from __future__ import annotations

import io


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
