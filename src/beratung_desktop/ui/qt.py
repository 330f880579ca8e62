"""The one seam through which the app imports Qt (checked by scripts/check_qt_imports.py)."""

from PySide6 import QtCore, QtGui, QtPrintSupport, QtSvg, QtWidgets
from PySide6.QtCore import Qt, Signal, Slot

# PySide6 6.12 wheels for Linux ship QtPdf with the WebEngine add-on only; PDF preview checks for None.
try:
    from PySide6 import QtPdf, QtPdfWidgets
except ImportError:
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
