"""The one seam through which the app imports Qt (checked by scripts/check_qt_imports.py)."""

from PySide6 import QtCore, QtGui, QtPrintSupport, QtSvg, QtWidgets
from PySide6.QtCore import Qt, Signal, Slot

# QtPdf is missing from some PySide6 wheels (e.g. Linux aarch64); the PDF preview checks for None.
try:
    from PySide6 import QtPdf, QtPdfWidgets
except ImportError:  # pragma: no cover - depends on the platform's wheel
    QtPdf = QtPdfWidgets = None

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
