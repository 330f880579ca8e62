"""The one seam through which the app imports Qt (checked by scripts/check_layers.py)."""

from PySide6 import QtCore, QtGui, QtPdf, QtPdfWidgets, QtPrintSupport, QtSvg, QtWidgets
from PySide6.QtCore import Qt, Signal, Slot

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
]
