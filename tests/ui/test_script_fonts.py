"""Names in Ethiopic and in Pashto's Arabic letters render with real glyphs, not boxes, on a machine
without fonts for them (this one has none): the bundled fonts are the application font's fallbacks."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from beratung_desktop.ui.fonts import script_font_families
from beratung_desktop.ui.qt import QtGui, QtWidgets
from beratung_desktop.ui.style import apply_style

NAMES = {
    "ethiopic": "ዮሐንስ ተስፋዬ ገብረመድህን",
    "pashto": "زرغونه ښکلې ځدراڼ څېړونکی ګلالۍ",
    "dari": "محمد رحیمی",
}


def _glyph_runs(text: str, font: QtGui.QFont) -> list[QtGui.QGlyphRun]:
    layout = QtGui.QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return layout.glyphRuns()


def test_the_bundled_families_are_registered(qapp):
    families = script_font_families()
    assert "Noto Sans Ethiopic" in families and "Noto Naskh Arabic" in families
    assert set(families) <= set(QtGui.QFontDatabase.families())


@pytest.mark.parametrize("script", sorted(NAMES))
def test_a_label_with_the_name_draws_every_letter(qtbot, qapp, script):
    apply_style(qapp)
    label = QtWidgets.QLabel(NAMES[script])
    qtbot.addWidget(label)
    label.show()
    runs = _glyph_runs(label.text(), label.font())
    letters = [ch for ch in label.text() if not ch.isspace()]
    for run in runs:
        raw = run.rawFont()
        assert all(index != 0 for index in run.glyphIndexes()), (raw.familyName(), run.glyphIndexes())
    for ch in letters:
        assert any(run.rawFont().supportsCharacter(ord(ch)) for run in runs), ch
    # The label's own font metrics agree (the fallback belongs to the font the label uses).
    assert all(QtGui.QFontMetrics(label.font()).inFontUcs4(ord(ch)) for ch in letters)


def test_without_the_fallbacks_ethiopic_would_be_boxes():
    """The checks above can fail: in a process that does not register the fonts, this machine draws
    Ethiopic with no font that has its letters (skipped where the system has one)."""
    probe = (
        "from PySide6 import QtGui\n"
        "app = QtGui.QGuiApplication(['probe'])\n"
        f"layout = QtGui.QTextLayout({NAMES['ethiopic']!r}, app.font())\n"
        "layout.beginLayout(); layout.createLine(); layout.endLayout()\n"
        "runs = layout.glyphRuns()\n"
        "print(all(any(r.rawFont().supportsCharacter(0x12E8) for r in runs) for _ in [0]))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    if result.stdout.strip() == "True":
        pytest.skip("this machine has a system font with Ethiopic letters")
    assert result.stdout.strip() == "False"
