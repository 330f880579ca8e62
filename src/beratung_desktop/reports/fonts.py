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
def register_script(script: str) -> None:
    """Registers a script's regular and bold font once per process, on first use: parsing the six files
    took 0.1 s of the first print of a process, and most documents never meet Ethiopic."""
    folder = fonts_dir()
    regular, bold = FONT_FILES[(script, False)][0], FONT_FILES[(script, True)][0]
    for name, file in (FONT_FILES[(script, False)], FONT_FILES[(script, True)]):
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    addMapping(regular, 0, 0, regular)
    addMapping(regular, 1, 0, bold)
    addMapping(regular, 0, 1, regular)
    addMapping(regular, 1, 1, bold)


def register_fonts() -> None:
    """The fonts of the documents' own styles (Latin); other scripts register through `font_for`."""
    register_script("latin")


def font_for(script: str, bold: bool = False) -> str:
    script = script if (script, bold) in FONT_FILES else "latin"
    register_script(script)
    return FONT_FILES[(script, bold)][0]


def is_bold(font_name: str) -> bool:
    return font_name.endswith("-Bold")
