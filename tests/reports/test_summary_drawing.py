"""The summary's cheap drawing: one-line table cells, and bar charts drawn without reportlab's widgets."""

from __future__ import annotations

import io

from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph

from beratung_desktop.reports.charts import LABEL_SIZE, BarChart, _short, tick_step
from beratung_desktop.reports.layout import Office, grid, page_texts, render, styles
from beratung_desktop.reports.text_shaping import BidiParagraph, Line, cell, line_width


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_latin_cells_are_lines_other_scripts_paragraphs():
    st = styles()
    assert isinstance(cell("Beratungen mit Sprachmittlung", st["cell"]), Line)
    assert isinstance(cell("Україна", st["cell"]), Line)  # Cyrillic is in the Latin font
    assert isinstance(cell("الاستشارات", st["cell"]), BidiParagraph)
    assert isinstance(cell("Zeile eins\nZeile zwei", st["cell"]), Paragraph)


def test_a_line_takes_one_leading_and_wraps_when_wider_than_its_cell():
    st = styles()
    short = cell("1.464", st["number"])
    assert short.wrap(25 * mm, 1000) == (25 * mm, st["number"].leading)
    long_text = "Beratene Klient*innen, von einem Partner vermittelt, und ihre Haushaltsmitglieder"
    long = cell(long_text, st["cell"])
    _width, height = long.wrap(30 * mm, 1000)
    assert height >= 3 * st["cell"].leading  # broken into lines, not drawn over the next column
    pdf = render(
        [grid([[cell("Kennzahl", st["cell_bold"]), cell("Mai", st["cell_bold"])], [long, short]], [30 * mm, 25 * mm])],
        page_texts(lambda s: s, "Test", Office(name="Office")),
    )
    words = _text(pdf).split()
    assert {"1.464", "Kennzahl", "Beratene", "Partner", "vermittelt,"} <= set(words)


def test_ticks_are_round_and_few():
    assert tick_step(1318) == 500
    assert tick_step(1033) == 200
    assert tick_step(194) == 50
    assert tick_step(7) == 1
    for top in (9, 12, 55, 99, 101, 640, 5_000, 123_456):
        step = tick_step(top)
        assert top / step <= 6
        assert f"{step:g}".lstrip("0.")[0] in "125"


def test_chart_labels_are_cut_to_their_room_by_width():
    room = 40 * mm
    assert _short("Ukraine", room) == "Ukraine"
    cut = _short("Migrationsberatung für erwachsene Zuwanderer und ihre Familien", room)
    assert cut.endswith("…") and line_width(cut, LABEL_SIZE) <= room
    arabic = _short("استشارات الهجرة للمهاجرين البالغين في مدينة كبيرة (MBE)", room)
    assert arabic.endswith("…") and line_width(arabic, LABEL_SIZE) <= room


def test_a_chart_prints_its_labels_ticks_and_legend():
    chart = BarChart(
        [("Ukraine", 177, 153), ("Syrien", 114, 101), ("Andere Länder", 64, 0)], ("Mai", "April"), 170 * mm
    )
    assert chart.wrap(170 * mm, 1000) == (170 * mm, 3 * 13 + 40)
    text = _text(render([chart], page_texts(lambda s: s, "Test", Office(name="Office"))))
    for shown in ("Ukraine", "Syrien", "Andere Länder", "Mai", "April", "0", "50", "100", "150"):
        assert shown in text
