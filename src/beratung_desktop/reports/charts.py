"""Bar charts of a distribution, this period beside the previous one, drawn straight onto the page.

reportlab's chart widgets built and validated some 60 shapes per chart and took a third of a summary's
rendering; the chart is a handful of rectangles, lines and labels, drawn here directly. Labels are shaped
like every other text (HarfBuzz for Arabic script, each script in its font).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from .fonts import font_for
from .layout import ACCENT, INK, MUTED
from .text_shaping import Piece, draw_pieces, line_width, pieces

PREVIOUS = colors.HexColor("#b8c4d0")
GRID = colors.HexColor("#e4e7eb")
ROW = 13  # points per category (two bars)
LABEL_WIDTH = 62 * mm
LABEL_SIZE = 7.5
TICK_SIZE = 7
MAX_TICKS = 6
GROUP_SPACING = 3  # points between two categories
BAR_SPACING = 0.5  # points between the two bars of a category


def _short(label: str, room: float) -> str:
    """The label, or as many of its first words as fit with an ellipsis (cut by drawn width, so an
    Arabic label keeps its Latin abbreviation when it fits, and a cut never splits a bracket)."""
    if line_width(label, LABEL_SIZE) <= room:
        return label
    words = label.split()
    while len(words) > 1 and line_width(" ".join(words) + "…", LABEL_SIZE) > room:
        words.pop()
    text = " ".join(words)
    while len(text) > 1 and line_width(text + "…", LABEL_SIZE) > room:
        text = text[:-1]
    return text + "…"


def tick_step(top: float) -> float:
    """The smallest step of 1, 2 or 5 times a power of ten that puts at most MAX_TICKS ticks above 0."""
    if top <= 8:  # counts: whole-number ticks
        return 1.0
    power = 10 ** math.floor(math.log10(top / MAX_TICKS))
    return next(power * f for f in (1, 2, 5, 10) if top / (power * f) <= MAX_TICKS)


def _tick_label(value: float) -> str:
    return f"{value:.0f}" if value == int(value) else f"{value:g}"


class BarChart(Flowable):
    """items: (label, this period, previous period), drawn top to bottom in the given order; each
    category has the period's bar above the previous period's, the legend below the value axis."""

    def __init__(self, items: Sequence[tuple[str, float, float]], legend: tuple[str, str], width: float):
        super().__init__()
        self.items = list(items)
        self.legend = legend
        self.width = width
        self.height = max(len(self.items), 1) * ROW + 40
        self.top = max([max(c, p) for _l, c, p in self.items] or [1])
        self.value_max = max(self.top * 1.1, 1)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def _x(self, value: float) -> float:
        return LABEL_WIDTH + value / self.value_max * (self.width - LABEL_WIDTH - 10)

    def _text(self, text: str, x: float, y: float, size: float, align: str = "left") -> None:
        found: list[Piece] = pieces(text, size)
        shift = {"left": 0.0, "right": 1.0, "center": 0.5}[align] * sum(p.width for p in found)
        draw_pieces(self.canv, x - shift, y, found)

    def draw(self) -> None:
        canvas = self.canv
        bottom, top = 30.0, self.height - 10
        canvas.saveState()
        step = tick_step(self.value_max)
        ticks = [i * step for i in range(int(self.value_max // step) + 1)]
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.4)
        for value in ticks:
            canvas.line(self._x(value), bottom, self._x(value), top)
        band = (top - bottom) / max(len(self.items), 1)
        bar = max((band - GROUP_SPACING - BAR_SPACING) / 2, 0.5)
        for i, (label, current, previous) in enumerate(self.items):
            low = top - (i + 1) * band + GROUP_SPACING / 2
            for value, y, colour in ((previous, low, PREVIOUS), (current, low + bar + BAR_SPACING, ACCENT)):
                if value:
                    canvas.setFillColor(colour)
                    canvas.rect(LABEL_WIDTH, y, self._x(value) - LABEL_WIDTH, bar, stroke=0, fill=1)
            canvas.setFillColor(INK)
            self._text(
                _short(label, LABEL_WIDTH - 8),
                LABEL_WIDTH - 4,
                low + band / 2 - GROUP_SPACING / 2 - 2.6,
                LABEL_SIZE,
                "right",
            )
        canvas.setStrokeColor(MUTED)
        canvas.setLineWidth(1)
        canvas.line(LABEL_WIDTH, bottom, LABEL_WIDTH, top)
        canvas.line(LABEL_WIDTH, bottom, self._x(self.value_max), bottom)
        canvas.setFillColor(MUTED)
        canvas.setFont(font_for("latin"), TICK_SIZE)
        for value in ticks:
            canvas.line(self._x(value), bottom, self._x(value), bottom - 5)
            canvas.drawCentredString(self._x(value), bottom - 5 - TICK_SIZE, _tick_label(value))
        for column, (colour, label) in enumerate(((ACCENT, self.legend[0]), (PREVIOUS, self.legend[1]))):
            x = LABEL_WIDTH + column * 90
            canvas.setFillColor(colour)
            canvas.setStrokeColor(INK)
            canvas.setLineWidth(0.5)
            canvas.rect(x, 2, 6, 6, stroke=1, fill=1)
            canvas.setFillColor(INK)
            self._text(label, x + 16, 2.5, LABEL_SIZE)
        canvas.restoreState()


def bar_chart(items: Sequence[tuple[str, float, float]], legend: tuple[str, str], width: float = 170 * mm) -> BarChart:
    """items: (label, this period, previous period); drawn top to bottom in the given order."""
    return BarChart(items, legend, width)
