"""Arabic-script text (Arabic, Farsi, Dari, Pashto) put in visual order (python-bidi) and joined by
HarfBuzz (uharfbuzz, through reportlab's shaped strings) for reportlab, and text split into runs per
script so each run gets a font that has its glyphs.

reportlab draws glyphs left to right as given; it neither joins Arabic letters nor reorders
right-to-left text. Right-to-left paragraphs are therefore broken into lines in logical order first
and each line is reordered on its own (reordering a whole paragraph first would put its end on the
first line). Joining goes through the font's own rules (HarfBuzz), not Unicode presentation forms:
Pashto letters such as ښ ځ څ ګ ڼ have no presentation forms, so arabic-reshaper leaves them unjoined;
it still serves `visual()` for the charts, which draw plain strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi import get_display
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import ShapedStr, shapeStr
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.paragraph import ParagraphStyle

from .fonts import font_for, is_bold

# Naskh letters are small beside Noto Sans at the same point size; Arabic runs are set this much larger.
ARABIC_SCALE = 1.12

_ARABIC = r"\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF"
_ETHIOPIC = r"\u1200-\u139F\u2D80-\u2DDF\uAB00-\uAB2F"
_HAS_ARABIC = re.compile(f"[{_ARABIC}]")
# Inside an Arabic-script run: digits keep the left-to-right order bidi gave them, marks the Naskh font
# lacks come from the Latin font (mirrored: they sit in right-to-left order), the rest is joined.
_DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"
_LATIN_MARKS = ";?()\\[\\]\\-"
_ARABIC_PIECES = re.compile(f"([{_DIGITS}]+)|([{_LATIN_MARKS}]+)|([^{_DIGITS}{_LATIN_MARKS}]+)")
_MIRROR = str.maketrans("()[]{}<>«»", ")(][}{><»«")
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
    """Width of visual text set in the fonts of its scripts (unjoined; see `line_width` for drawn text)."""
    return sum(stringWidth(r.text, font_for(r.script, bold), run_size(r.script, size)) for r in runs(text))


@dataclass(frozen=True)
class Piece:
    """One piece of a line as it is drawn: its text (a shaped string for Arabic script), font, size, width."""

    text: str
    font: str
    size: float
    width: float


def _strong(text: str, start: int, step: int) -> str:
    """'R' or 'L' for the nearest letter from start in direction step, '' when there is none."""
    i = start
    while 0 <= i < len(text):
        if _HAS_ARABIC.match(text[i]):
            return "R"
        if text[i].isalpha():
            return "L"
        i += step
    return ""


def _mirror_brackets(shown: str, rtl: bool) -> str:
    """Brackets that bidi placed in right-to-left order are drawn as their mirror image (python-bidi does
    not mirror): in a right-to-left line unless both neighbours are Latin, else only between Arabic letters."""
    chars = list(shown)
    for i, ch in enumerate(chars):
        if ch in "()[]{}<>«»":
            left, right = _strong(shown, i - 1, -1), _strong(shown, i + 1, 1)
            odd = (left, right) != ("L", "L") if rtl else (left, right) == ("R", "R")
            if odd:
                chars[i] = ch.translate(_MIRROR)
    return "".join(chars)


@lru_cache(maxsize=8192)
def _shaped(logical: str, font: str, size: float) -> Piece:
    text = shapeStr(logical, font, size, force=True)
    if isinstance(text, ShapedStr):
        advance = sum(float(d.x_advance) for d in text.__shapeData__) * size / 1000
        return Piece(text, font, size, advance)
    return Piece(text, font, size, stringWidth(text, font, size))


def pieces(text: str, size: float, bold: bool = False, rtl: bool = False) -> list[Piece]:
    """A line of logical text as the pieces to draw from left to right: bidi order, one font per script,
    Arabic-script words joined by HarfBuzz (each right-to-left stretch handed over in logical order)."""
    shown = get_display(text, base_dir="R" if rtl else "L") if has_rtl(text) else text
    found: list[Piece] = []
    for run in runs(shown):
        font, pt = font_for(run.script, bold), run_size(run.script, size)
        if run.script != "arabic":
            plain = _mirror_brackets(run.text, rtl) if has_rtl(shown) else run.text
            found.append(Piece(plain, font, pt, stringWidth(plain, font, pt)))
            continue
        latin = font_for("latin", bold)
        for digits, marks, letters in _ARABIC_PIECES.findall(run.text):
            if digits:
                found.append(Piece(digits, font, pt, stringWidth(digits, font, pt)))
            elif marks:
                mirrored = marks.translate(_MIRROR)
                found.append(Piece(mirrored, latin, size, stringWidth(mirrored, latin, size)))
            else:
                found.append(_shaped(letters[::-1], font, pt))
    return found


def line_width(text: str, size: float, bold: bool = False, rtl: bool = False) -> float:
    """Width of a line of logical text as drawn (joined letters, each script in its font)."""
    return sum(p.width for p in pieces(text, size, bold, rtl))


def draw_pieces(canvas, x: float, y: float, found: list[Piece]) -> None:
    for piece in found:
        canvas.setFont(piece.font, piece.size)
        canvas.drawString(x, y, piece.text)
        x += piece.width


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
                if current and line_width(candidate, size, self.bold, self.rtl) > avail:
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
            found = pieces(line, size, self.bold, self.rtl)
            baseline = (len(lines) - i - 1) * leading + (leading - size) / 2 + size * 0.22
            x = self.width - sum(p.width for p in found) if self.rtl else 0.0
            draw_pieces(canvas, x, baseline, found)


def paragraph(text: str, style: ParagraphStyle, rtl: bool = False) -> Flowable:
    """Plain text (never markup) as a flowable in the right direction."""
    if rtl or has_rtl(text):
        return BidiParagraph(text, style, rtl=rtl)
    return Paragraph(markup(text, is_bold(style.fontName), style.fontSize), style)


class Line(Flowable):
    """Latin-script text that fits on one line, drawn as one string where a Paragraph would be drawn: a
    yearly summary has about 900 such table cells, and reportlab's paragraph parser and line breaker
    took half of its rendering time. Text wider than its cell is handed to a Paragraph, which wraps it."""

    def __init__(self, text: str, style: ParagraphStyle):
        super().__init__()
        self.text = " ".join(text.split())  # as a Paragraph collapses white space
        self.style = style
        self.text_width = stringWidth(self.text, style.fontName, style.fontSize)
        self._wrapped: Paragraph | None = None

    def _paragraph(self) -> Paragraph:
        if self._wrapped is None:
            self._wrapped = Paragraph(markup(self.text, is_bold(self.style.fontName), self.style.fontSize), self.style)
        return self._wrapped

    def _fits(self, avail: float) -> bool:
        return self.text_width <= avail + 1e-6

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        if not self._fits(availWidth):
            return self._paragraph().wrap(availWidth, availHeight)
        return availWidth, self.style.leading if self.text else 0

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return [] if self._fits(availWidth) else self._paragraph().split(availWidth, availHeight)

    def minWidth(self) -> float:
        return max((stringWidth(w, self.style.fontName, self.style.fontSize) for w in self.text.split()), default=0)

    def draw(self) -> None:
        if not self._fits(self.width):
            self._paragraph().drawOn(self.canv, 0, 0)
            return
        style = self.style
        x = {TA_RIGHT: self.width - self.text_width, TA_CENTER: (self.width - self.text_width) / 2}.get(
            style.alignment, 0.0
        )
        self.canv.setFillColor(style.textColor)
        self.canv.setFont(style.fontName, style.fontSize)
        # Where reportlab puts a paragraph's first baseline (rl_config.paraFontSizeHeightOffset).
        self.canv.drawString(x, style.leading - style.fontSize, self.text)


def cell(text: str, style: ParagraphStyle) -> Flowable:
    """A table cell's text: a `Line` when it is Latin script only, else a paragraph in its direction."""
    if "\n" in text or any(run.script != "latin" for run in runs(text)):
        return paragraph(text, style)
    return Line(text, style)
