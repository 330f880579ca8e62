"""Arabic and Farsi shaped (arabic-reshaper) and put in visual order (python-bidi) for reportlab, and
text split into runs per script so each run gets a font that has its glyphs.

reportlab draws glyphs left to right as given; it neither joins Arabic letters nor reorders
right-to-left text. Right-to-left paragraphs are therefore broken into lines in logical order first
and each line is reordered on its own (reordering a whole paragraph first would put its end on the
first line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi import get_display
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.paragraph import ParagraphStyle

from .fonts import font_for, is_bold

# Naskh letters are small beside Noto Sans at the same point size; Arabic runs are set this much larger.
ARABIC_SCALE = 1.12

_ARABIC = r"\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF"
_ETHIOPIC = r"\u1200-\u139F\u2D80-\u2DDF\uAB00-\uAB2F"
_HAS_ARABIC = re.compile(f"[{_ARABIC}]")
_RUNS = re.compile(
    f"([{_ARABIC}][{_ARABIC}\\s\u200c\u200d.,:;!?()\\-]*[{_ARABIC}]|[{_ARABIC}])"
    f"|([{_ETHIOPIC}][{_ETHIOPIC}\\s]*[{_ETHIOPIC}]|[{_ETHIOPIC}])"
)


def has_rtl(text: str) -> bool:
    return bool(_HAS_ARABIC.search(text))


def reads_rtl(text: str) -> bool:
    """Free text (a goal, a note) runs right to left when its first letter is Arabic script, as the
    Unicode bidi algorithm decides a paragraph's direction; a German note with an Arabic name does not."""
    for ch in text:
        if ch.isalpha():
            return bool(_HAS_ARABIC.match(ch))
    return False


def visual(text: str, rtl: bool = False) -> str:
    """Joined letter forms in display order; text without Arabic script is returned unchanged."""
    if not has_rtl(text):
        return text
    return get_display(arabic_reshaper.reshape(text), base_dir="R" if rtl else "L")


@dataclass(frozen=True)
class Run:
    text: str
    script: str  # latin, arabic or ethiopic


def runs(text: str) -> list[Run]:
    """Consecutive pieces of one script; spaces and punctuation between Arabic letters stay with them."""
    found: list[Run] = []
    pos = 0
    for match in _RUNS.finditer(text):
        if match.start() > pos:
            found.append(Run(text[pos : match.start()], "latin"))
        found.append(Run(match.group(0), "arabic" if match.group(1) else "ethiopic"))
        pos = match.end()
    if pos < len(text):
        found.append(Run(text[pos:], "latin"))
    return found


def run_size(script: str, size: float) -> float:
    return size * ARABIC_SCALE if script == "arabic" else size


def markup(text: str, bold: bool = False, size: float | None = None) -> str:
    """Paragraph markup of plain text (escaped) with a font tag on every non-Latin run."""
    parts = []
    for run in runs(visual(text)):
        piece = escape(run.text)
        if run.script != "latin":
            scaled = f' size="{run_size(run.script, size):.1f}"' if size else ""
            piece = f'<font name="{font_for(run.script, bold)}"{scaled}>{piece}</font>'
        parts.append(piece)
    return "".join(parts).replace("\n", "<br/>")


def width(text: str, size: float, bold: bool = False) -> float:
    """Width of visual text set in the fonts of its scripts."""
    return sum(stringWidth(r.text, font_for(r.script, bold), run_size(r.script, size)) for r in runs(text))


class BidiParagraph(Flowable):
    """A paragraph with Arabic script: lines broken by width in logical order, then each reordered on
    its own; right-aligned when the paragraph runs right to left, left-aligned otherwise (a German
    sentence with an Arabic name in it)."""

    def __init__(self, text: str, style: ParagraphStyle, lines: list[str] | None = None, rtl: bool = True):
        super().__init__()
        self.text = text
        self.style = style
        self.rtl = rtl
        self.keepWithNext = getattr(style, "keepWithNext", 0)
        self.bold = is_bold(style.fontName)
        self._lines = lines
        self.width = 0.0

    def _break(self, avail: float) -> list[str]:
        size = self.style.fontSize
        lines: list[str] = []
        for paragraph in self.text.split("\n"):
            current = ""
            for word in paragraph.split():
                candidate = f"{current} {word}".strip()
                if current and width(visual(candidate, rtl=self.rtl), size, self.bold) > avail:
                    lines.append(current)
                    current = word
                else:
                    current = candidate
            lines.append(current)
        return lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        if self._lines is None:
            self._lines = self._break(availWidth)
        return availWidth, len(self._lines) * self.style.leading

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        lines = self._break(availWidth) if self._lines is None else self._lines
        fit = int(availHeight // self.style.leading)
        if fit <= 0 or fit >= len(lines):
            return [] if fit <= 0 else [self]
        return [
            BidiParagraph(self.text, self.style, lines[:fit], self.rtl),
            BidiParagraph(self.text, self.style, lines[fit:], self.rtl),
        ]

    def draw(self) -> None:
        size, leading = self.style.fontSize, self.style.leading
        canvas = self.canv
        canvas.setFillColor(self.style.textColor)
        lines = self._lines or []
        for i, line in enumerate(lines):
            shown = visual(line, rtl=self.rtl)
            baseline = (len(lines) - i - 1) * leading + (leading - size) / 2 + size * 0.22
            x = self.width - width(shown, size, self.bold) if self.rtl else 0.0
            for run in runs(shown):
                font, run_pt = font_for(run.script, self.bold), run_size(run.script, size)
                canvas.setFont(font, run_pt)
                canvas.drawString(x, baseline, run.text)
                x += stringWidth(run.text, font, run_pt)


def paragraph(text: str, style: ParagraphStyle, rtl: bool = False) -> Flowable:
    """Plain text (never markup) as a flowable in the right direction."""
    if rtl or has_rtl(text):
        return BidiParagraph(text, style, rtl=rtl)
    return Paragraph(markup(text, is_bold(style.fontName), style.fontSize), style)
