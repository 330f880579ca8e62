"""Bar charts of a distribution, this period beside the previous one (reportlab graphics)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm

from .fonts import font_for, register_fonts
from .layout import ACCENT, INK, MUTED
from .text_shaping import has_rtl, visual

PREVIOUS = colors.HexColor("#b8c4d0")
ROW = 13  # points per category (two bars)
MAX_LABEL = 38


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def bar_chart(items: Sequence[tuple[str, float, float]], legend: tuple[str, str], width: float = 170 * mm) -> Drawing:
    """items: (label, this period, previous period); drawn top to bottom in the given order."""
    register_fonts()
    labels = [visual(_short(label)) for label, _c, _p in items]
    rtl = any(has_rtl(label) for label, _c, _p in items)
    label_width = 62 * mm
    height = max(len(items), 1) * ROW + 40
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x = label_width
    chart.y = 30
    chart.width = width - label_width - 10
    chart.height = height - 40
    # reportlab draws the first category and, within it, the first series at the bottom: categories
    # are reversed so the list reads top-down, and the previous period comes first so it sits below.
    chart.data = [[p for _l, _c, p in reversed(items)], [c for _l, c, _p in reversed(items)]]
    chart.categoryAxis.categoryNames = list(reversed(labels))
    chart.categoryAxis.labels.fontName = font_for("arabic" if rtl else "latin")
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.fillColor = INK
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeColor = MUTED
    chart.categoryAxis.tickLeft = 0
    chart.valueAxis.valueMin = 0
    top = max([max(c, p) for _l, c, p in items] or [1])
    chart.valueAxis.valueMax = max(top * 1.1, 1)
    if top <= 8:  # counts: whole-number ticks
        chart.valueAxis.valueStep = 1
    chart.valueAxis.labels.fontName = font_for("latin")
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labels.fillColor = MUTED
    chart.valueAxis.strokeColor = MUTED
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#e4e7eb")
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.bars[0].fillColor = PREVIOUS
    chart.bars[1].fillColor = ACCENT
    chart.bars.strokeColor = None
    chart.barSpacing = 0.5
    chart.groupSpacing = 3
    drawing.add(chart)
    key = Legend()
    key.x = label_width
    key.y = 5
    key.alignment = "right"
    key.columnMaximum = 1
    key.deltax = 90
    key.fontName = font_for("latin")
    key.fontSize = 7.5
    key.boxAnchor = "w"
    key.colorNamePairs = [(ACCENT, visual(legend[0])), (PREVIOUS, visual(legend[1]))]
    key.dx = key.dy = 6
    drawing.add(key)
    return drawing
