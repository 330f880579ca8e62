"""The one seam through which the app imports Qt (checked by scripts/check_layers.py).

QtCore, QtGui and QtWidgets load at once. The PDF, printing and SVG modules load the first time a
module asks for them (`from .qt import QtPdf` works as before): the unlock window needs none of them,
and loading their libraries was a tenth of the start-up (benchmarks/scale_benchmark.py, startup)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import Qt, Signal, Slot
from shiboken6 import isValid as is_alive  # False once Qt has deleted the object behind a Python handle

if TYPE_CHECKING:
    from PySide6 import QtPdf, QtPdfWidgets, QtPrintSupport, QtSvg

LATER = ("QtPdf", "QtPdfWidgets", "QtPrintSupport", "QtSvg")

__all__ = [
    "Qt",
    "QtCore",
    "QtGui",
    "QtPdf",
    "QtPdfWidgets",
    "QtPrintSupport",
    "QtSvg",
    "QtWidgets",
    "Signal",
    "Slot",
    "is_alive",
]


def __getattr__(name: str) -> Any:
    if name not in LATER:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = importlib.import_module(f"PySide6.{name}")
    globals()[name] = module
    return module
