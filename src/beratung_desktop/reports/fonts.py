"""The OFL fonts shipped in resources/fonts, registered with reportlab once."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

# (script, bold) -> registered font name. Latin covers Latin, Cyrillic and Greek.
FONT_FILES: dict[tuple[str, bool], tuple[str, str]] = {
    ("latin", False): ("NotoSans", "NotoSans-Regular.ttf"),
    ("latin", True): ("NotoSans-Bold", "NotoSans-Bold.ttf"),
    ("arabic", False): ("NotoNaskhArabic", "NotoNaskhArabic-Regular.ttf"),
    ("arabic", True): ("NotoNaskhArabic-Bold", "NotoNaskhArabic-Bold.ttf"),
    ("ethiopic", False): ("NotoSansEthiopic", "NotoSansEthiopic-Regular.ttf"),
    ("ethiopic", True): ("NotoSansEthiopic-Bold", "NotoSansEthiopic-Bold.ttf"),
}
REGULAR = "NotoSans"
BOLD = "NotoSans-Bold"


def fonts_dir() -> Path:
    packaged = Path(__file__).resolve().parent.parent / "resources" / "fonts"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "resources" / "fonts"


@cache
def register_fonts() -> None:
    folder = fonts_dir()
    for name, file in FONT_FILES.values():
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    for regular, bold in (
        ("NotoSans", "NotoSans-Bold"),
        ("NotoNaskhArabic", "NotoNaskhArabic-Bold"),
        ("NotoSansEthiopic", "NotoSansEthiopic-Bold"),
    ):
        addMapping(regular, 0, 0, regular)
        addMapping(regular, 1, 0, bold)
        addMapping(regular, 0, 1, regular)
        addMapping(regular, 1, 1, bold)


def font_for(script: str, bold: bool = False) -> str:
    register_fonts()
    return FONT_FILES.get((script, bold), FONT_FILES[("latin", bold)])[0]


def is_bold(font_name: str) -> bool:
    return font_name.endswith("-Bold")
