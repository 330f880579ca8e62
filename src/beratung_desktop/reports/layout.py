"""The page every document shares: A4, office name and logo in the header, "confidential" and
"page x of y" in the footer. Documents render to bytes; nothing is written to disk here."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from ..i18n import N_
from .fonts import BOLD, REGULAR, register_fonts
from .text_shaping import draw_pieces, paragraph, pieces

Translate = Callable[[str], str]
MARGIN = 20 * mm
HEADER = 18 * mm
FOOTER = 14 * mm
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#616e7c")
RULE = colors.HexColor("#cbd2d9")
ACCENT = colors.HexColor("#2f5d8a")
SHADE = colors.HexColor("#eef2f6")
HEADING_ROOM = 35 * mm


@dataclass(frozen=True)
class Office:
    name: str = ""
    logo: bytes | None = None  # PNG or JPEG


@dataclass(frozen=True)
class Page:
    """What the header and footer show; footer texts are already translated."""

    title: str
    office: Office
    confidential: str
    page_of: str  # with {page} and {pages}


def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=10, leading=14, textColor=INK)
    return {
        "title": ParagraphStyle(
            "title", parent=body, fontName=BOLD, fontSize=17, leading=22, spaceAfter=3 * mm, textColor=ACCENT
        ),
        "subtitle": ParagraphStyle(
            "subtitle", parent=body, fontSize=10.5, leading=14, textColor=MUTED, spaceAfter=5 * mm
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            fontName=BOLD,
            fontSize=12,
            leading=16,
            spaceBefore=5 * mm,
            spaceAfter=2 * mm,
            textColor=ACCENT,
        ),
        "body": body,
        "bold": ParagraphStyle("bold", parent=body, fontName=BOLD),
        "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=11, textColor=MUTED),
        "label": ParagraphStyle("label", parent=body, fontSize=8.5, leading=11, textColor=MUTED),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9, leading=12),
        "cell_bold": ParagraphStyle("cell_bold", parent=body, fontName=BOLD, fontSize=9, leading=12),
        "number": ParagraphStyle("number", parent=body, fontSize=9, leading=12, alignment=TA_RIGHT),
    }


def _numbered_canvas(page: Page) -> type[Canvas]:
    """A canvas that keeps every page until the end, so each footer can say 'page x of y'."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                _draw_footer(self, page, self._pageNumber, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def _draw_text(
    canvas: Canvas, x: float, y: float, text: str, size: float, bold: bool = False, align: str = "left"
) -> None:
    found = pieces(text, size, bold)
    total = sum(p.width for p in found)
    start = {"left": x, "right": x - total, "center": x - total / 2}[align]
    draw_pieces(canvas, start, y, found)


def _draw_header(canvas: Canvas, page: Page) -> None:
    w, h = A4
    canvas.saveState()
    top = h - MARGIN + 4 * mm
    logo_width = 0.0
    if page.office.logo:
        try:
            image = ImageReader(io.BytesIO(page.office.logo))
            iw, ih = image.getSize()
            height = 12 * mm
            logo_width = min(height * iw / ih, 45 * mm)
            canvas.drawImage(
                image,
                w - MARGIN - logo_width,
                top - height + 2 * mm,
                logo_width,
                height,
                preserveAspectRatio=True,
                mask="auto",
            )
        except (OSError, ValueError, ZeroDivisionError):
            logo_width = 0.0  # an unreadable logo must not stop printing
    canvas.setFillColor(INK)
    _draw_text(canvas, MARGIN, top - 4 * mm, page.office.name, 10, bold=True)
    canvas.setFillColor(MUTED)
    _draw_text(canvas, MARGIN, top - 8.5 * mm, page.title, 8.5)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    canvas.line(MARGIN, h - MARGIN - HEADER + 8 * mm, w - MARGIN, h - MARGIN - HEADER + 8 * mm)
    canvas.restoreState()


def _draw_footer(canvas: Canvas, page: Page, number: int, total: int) -> None:
    w, _h = A4
    canvas.saveState()
    y = MARGIN - 8 * mm
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    canvas.line(MARGIN, y + 5 * mm, w - MARGIN, y + 5 * mm)
    canvas.setFillColor(MUTED)
    _draw_text(canvas, MARGIN, y, page.confidential, 8)
    _draw_text(canvas, w - MARGIN, y, page.page_of.format(page=number, pages=total), 8, align="right")
    canvas.restoreState()


def _headings_not_alone(story: Sequence[Flowable]) -> list[Flowable]:
    """A section heading starts a new page when less than a few lines fit below it (keeping it together
    with a long table instead would push the whole table to the next page)."""
    result: list[Flowable] = []
    for flowable in story:
        style = getattr(flowable, "style", None)
        if getattr(style, "name", "") == "h2":
            result.append(CondPageBreak(HEADING_ROOM))
        result.append(flowable)
    return result


def render(story: Sequence[Flowable], page: Page, *, subject: str = "") -> bytes:
    """The story on A4 pages as PDF bytes. PDF metadata carry the title only, no personal data."""
    register_fonts()
    buffer = io.BytesIO()
    _w, _h = A4
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + HEADER - 6 * mm,
        bottomMargin=MARGIN + FOOTER - 6 * mm,
        title=page.title,
        author=page.office.name,
        subject=subject,
        creator="Beratung Desktop",
        invariant=True,
    )
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates(
        [PageTemplate(id="page", frames=[frame], onPage=lambda canvas, _doc: _draw_header(canvas, page))]
    )
    doc.build(_headings_not_alone(story), canvasmaker=_numbered_canvas(page))
    return buffer.getvalue()


def page_texts(tr: Translate, title: str, office: Office, second: Translate | None = None) -> Page:
    confidential = tr(N_("Confidential"))
    if second is not None and second(N_("Confidential")) != confidential:
        confidential = f"{confidential} / {second(N_('Confidential'))}"
    return Page(title=title, office=office, confidential=confidential, page_of=tr(N_("Page {page} of {pages}")))


def facts_table(
    rows: Sequence[tuple[str, str]],
    st: dict[str, ParagraphStyle],
    col: float = 45 * mm,
    total: float = 170 * mm,
    rtl_values: bool = False,
) -> Table:
    """Label / value pairs in two columns, labels muted."""
    data = [[paragraph(label, st["label"]), paragraph(value, st["cell"], rtl=rtl_values)] for label, value in rows]
    table = Table(data, colWidths=[col, total - col], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return table


def grid(data: list[list], widths: Sequence[float], header_rows: int = 1, numbers_from: int | None = None) -> Table:
    """A ruled table with a shaded header row."""
    table = Table(data, colWidths=list(widths), repeatRows=header_rows, hAlign="LEFT")
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, header_rows - 1), 0.8, ACCENT),
        ("LINEBELOW", (0, header_rows), (-1, -1), 0.3, RULE),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), SHADE),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if numbers_from is not None:
        style.append(("ALIGN", (numbers_from, 0), (-1, -1), "RIGHT"))
    table.setStyle(TableStyle(style))
    return table


def signature_lines(labels: Sequence[str], st: dict[str, ParagraphStyle], total: float = 170 * mm) -> Table:
    """Place/date and signature lines side by side, one column per signer."""
    gap = 10 * mm
    col = (total - gap * (len(labels) - 1)) / len(labels)
    widths: list[float] = []
    row_space: list = []
    row_label: list = []
    for i, label in enumerate(labels):
        if i:
            widths.append(gap)
            row_space.append("")
            row_label.append("")
        widths.append(col)
        row_space.append(Spacer(1, 16 * mm))
        row_label.append(paragraph(label, st["label"]))
    table = Table([row_space, row_label], colWidths=widths, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [("LINEABOVE", (i, 1), (i, 1), 0.8, INK) for i in range(0, len(widths), 2)]
            + [("LEFTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "TOP")]
        )
    )
    return table
