"""Icons from resources/icons (SVG, so they stay sharp at every scale factor)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .qt import QtGui


def resources_dir() -> Path:
    packaged = Path(__file__).resolve().parent.parent / "resources"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "resources"


@cache
def icon(name: str) -> QtGui.QIcon:
    path = resources_dir() / "icons" / f"{name}.svg"
    return QtGui.QIcon(str(path)) if path.is_file() else QtGui.QIcon()
