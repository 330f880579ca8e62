"""Icons from resources/icons (SVG, so they stay sharp at every scale factor).

Each icon also gets a white variant for the selected state, so it stays readable on the accent colour.
A picture that is never shown selected (the window icon, the unlock screen's lock) is `plain_icon`: it
needs no SVG rendering of its own, which keeps the SVG module out of the start-up.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from . import qt
from .qt import QtCore, QtGui

INK = "#2f4858"
SIZES = (16, 24, 32, 48)


def resources_dir() -> Path:
    packaged = Path(__file__).resolve().parent.parent / "resources"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "resources"


def _pixmap(svg: bytes, size: int) -> QtGui.QPixmap:
    renderer = qt.QtSvg.QSvgRenderer(QtCore.QByteArray(svg))
    image = QtGui.QImage(size, size, QtGui.QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QtCore.Qt.GlobalColor.transparent)
    painter = QtGui.QPainter(image)
    renderer.render(painter)
    painter.end()
    return QtGui.QPixmap.fromImage(image)


@cache
def icon(name: str) -> QtGui.QIcon:
    path = resources_dir() / "icons" / f"{name}.svg"
    if not path.is_file():
        return QtGui.QIcon()
    result = QtGui.QIcon(str(path))
    svg = path.read_bytes()
    if INK.encode() in svg:
        white = svg.replace(INK.encode(), b"#ffffff")
        for size in SIZES:
            result.addPixmap(_pixmap(white, size), QtGui.QIcon.Mode.Selected)
    return result


@cache
def plain_icon(name: str) -> QtGui.QIcon:
    """The icon in its own colours only (Qt's SVG icon engine draws it at every size)."""
    path = resources_dir() / "icons" / f"{name}.svg"
    return QtGui.QIcon(str(path)) if path.is_file() else QtGui.QIcon()
