"""Texts of a bilingual document: German (or the office's language) beside the client's language."""

from __future__ import annotations

import gettext
from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from ..i18n.translation import catalogue_code, has_catalogue, is_rtl, translator_for
from .text_shaping import has_rtl, paragraph

GAP = 8 * mm


@dataclass
class Bilingual:
    primary: str
    second: str | None = None  # None: one language only
    _tr1: gettext.NullTranslations = field(init=False, repr=False)
    _tr2: gettext.NullTranslations | None = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._tr1 = translator_for(self.primary)
        self._tr2 = translator_for(self.second) if self.second else None

    @classmethod
    def for_client(cls, primary: str, client_language: str | None) -> Bilingual:
        """The client's language as second language (English where its catalogue lacks a text), unless
        it is the first language, or neither has a catalogue (both would print the English source)."""
        second = client_language or None
        if (second and catalogue_code(second) == catalogue_code(primary)) or (
            second and not has_catalogue(second) and not has_catalogue(primary)
        ):
            second = None
        return cls(primary, second)

    @property
    def two(self) -> bool:
        return self._tr2 is not None

    @property
    def second_rtl(self) -> bool:
        return bool(self.second) and is_rtl(self.second)

    def tr(self, message: str) -> str:
        return self._tr1.gettext(message)

    def tr2(self, message: str) -> str:
        return self._tr2.gettext(message) if self._tr2 is not None else self.tr(message)

    def both(self, message: str, **params: object) -> str:
        """'Ziel / الهدف' for short labels; the first language alone when there is no second."""
        first = self.tr(message).format(**params)
        if not self.two:
            return first
        second = self.tr2(message).format(**params)
        return first if second == first else f"{first} / {second}"

    def block(self, message: str, style: ParagraphStyle, total: float = 170 * mm, **params: object) -> Flowable:
        """A paragraph in both languages side by side (the second right-aligned when right-to-left)."""
        first = paragraph(self.tr(message).format(**params), style)
        if not self.two:
            return first
        text = self.tr2(message).format(**params)
        # A message without translation falls back to English, which stays left to right.
        second = paragraph(text, style, rtl=self.second_rtl and has_rtl(text))
        return columns([first], [second], total)

    def second_only(self, message: str, style: ParagraphStyle, **params: object) -> Flowable | None:
        if not self.two:
            return None
        text = self.tr2(message).format(**params)
        return paragraph(text, style, rtl=self.second_rtl and has_rtl(text))


def columns(left: Sequence[Flowable], right: Sequence[Flowable], total: float = 170 * mm) -> Table:
    half = (total - GAP) / 2
    table = Table([[list(left), "", list(right)]], colWidths=[half, GAP, half], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table
