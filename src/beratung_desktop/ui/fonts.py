"""Fonts for scripts an office laptop may have no font for, added to the application font at start-up.

Names of clients from Eritrea and Ethiopia are written in Ethiopic (Tigrinya, Amharic), names from
Afghanistan in Arabic script with Pashto letters (ښ ځ څ ګ ڼ ۍ). Windows has no Ethiopic font in every
edition and language pack, and a bare Linux none of either, so those names would show as boxes. The app
reuses the OFL fonts the PDFs embed (resources/fonts, shipped in the package, so the installer carries
them once). Registered with Qt, they serve as its fallback for letters the system font lacks.
"""

from __future__ import annotations

from functools import cache

from .icons import resources_dir
from .qt import QtGui

FILES = (
    "NotoSansEthiopic-Regular.ttf",
    "NotoSansEthiopic-Bold.ttf",
    "NotoNaskhArabic-Regular.ttf",
    "NotoNaskhArabic-Bold.ttf",
)


@cache
def script_font_families() -> tuple[str, ...]:
    """Registers the fonts once per process (a QGuiApplication must exist); returns their families.
    Registering is enough: Qt's fallback takes an application font for letters the chosen font lacks
    (listing them in the application font's families changed the fallback Qt picks for Farsi letters).
    A missing or unreadable file costs only the glyphs of its script, never the start."""
    families: list[str] = []
    folder = resources_dir() / "fonts"
    for file in FILES:
        font_id = QtGui.QFontDatabase.addApplicationFont(str(folder / file))
        for family in QtGui.QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []:
            if family not in families:
                families.append(family)
    return tuple(families)
