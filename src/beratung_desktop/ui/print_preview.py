"""Print preview of a PDF held in memory: view, zoom, print through the system dialog, save as PDF.

The PDF never touches the disk unless the user saves it, and then only where the user chose
(written atomically). Printing renders each page to the printer; no temporary file is involved.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..errors import AppError, error_text
from ..i18n import _, ngettext
from ..storage.atomic_file import write_atomic
from .qt import QtCore, QtGui, QtPdf, QtPdfWidgets, QtPrintSupport, QtWidgets
from .window_size import fitting

ZOOM_STEP = 1.2
PRINT_DPI = 300


def started_painter(printer: QtGui.QPagedPaintDevice, parent: QtWidgets.QWidget) -> QtGui.QPainter | None:
    """A painter begun on the printer, or None after telling the user the printer did not start."""
    painter = QtGui.QPainter()
    if painter.begin(printer):
        return painter
    QtWidgets.QMessageBox.warning(
        parent, _("Printing failed"), _("The printer could not be started. Check that it is connected.")
    )
    return None


class PrintPreviewDialog(QtWidgets.QDialog):
    def __init__(
        self,
        pdf_bytes: bytes,
        title: str,
        suggested_name: str,
        on_printed: Callable[[str], None] | None = None,
        parent: QtWidgets.QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(fitting(QtCore.QSize(820, 960), parent))
        self._pdf_bytes = pdf_bytes
        self._suggested_name = suggested_name
        self._on_printed = on_printed
        # The buffer must outlive the document: QPdfDocument reads pages from it lazily.
        self._data = QtCore.QByteArray(pdf_bytes)
        self._buffer = QtCore.QBuffer(self._data, self)
        self._buffer.open(QtCore.QIODevice.OpenModeFlag.ReadOnly)
        self.document = QtPdf.QPdfDocument(self)
        self.document.load(self._buffer)
        self.view = QtPdfWidgets.QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QtPdfWidgets.QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QtPdfWidgets.QPdfView.ZoomMode.FitToWidth)
        self._build_toolbar()
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.view, 1)

    # -- widgets -------------------------------------------------------------------------------------

    def _action(self, text: str, shortcut: QtGui.QKeySequence | str, slot: Callable[[], object]) -> QtGui.QAction:
        action = QtGui.QAction(text, self)
        action.setShortcut(QtGui.QKeySequence(shortcut))
        action.setShortcutContext(QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        self.toolbar.addAction(action)
        return action

    def _build_toolbar(self) -> None:
        self.toolbar = QtWidgets.QToolBar(self)
        self.toolbar.setToolButtonStyle(QtCore.Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.print_action = self._action(_("Print…"), QtGui.QKeySequence.StandardKey.Print, self.print_document)
        self.save_action = self._action(_("Save as PDF…"), QtGui.QKeySequence.StandardKey.Save, self.save_as)
        self.toolbar.addSeparator()
        self._action(_("Zoom in"), QtGui.QKeySequence.StandardKey.ZoomIn, self.zoom_in)
        self._action(_("Zoom out"), QtGui.QKeySequence.StandardKey.ZoomOut, self.zoom_out)
        self._action(_("Fit width"), "Ctrl+0", self.fit_width)
        self.toolbar.addSeparator()
        self.pages_label = QtWidgets.QLabel(self)
        self.pages_label.setText(
            ngettext("{pages} page", "{pages} pages", self.page_count).format(pages=self.page_count)
        )
        self.toolbar.addWidget(self.pages_label)
        spacer = QtWidgets.QWidget(self)
        spacer.setSizePolicy(QtWidgets.QSizePolicy.Policy.Expanding, QtWidgets.QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(spacer)
        close = QtGui.QAction(_("Close"), self)
        close.triggered.connect(self.reject)  # Esc closes the dialog through QDialog itself
        self.toolbar.addAction(close)

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    # -- zoom ----------------------------------------------------------------------------------------

    def zoom_in(self) -> None:
        self._zoom(self._current_zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom(self._current_zoom() / ZOOM_STEP)

    def fit_width(self) -> None:
        self.view.setZoomMode(QtPdfWidgets.QPdfView.ZoomMode.FitToWidth)

    def _current_zoom(self) -> float:
        if self.view.zoomMode() != QtPdfWidgets.QPdfView.ZoomMode.Custom:
            # Fit-to-width: take the width the page is shown at as the starting factor.
            size = self.document.pagePointSize(0)
            screen_dpi = self.logicalDpiX() or 96
            if size.width() > 0:
                return max(0.1, self.view.viewport().width() / (size.width() * screen_dpi / 72))
        return self.view.zoomFactor()

    def _zoom(self, factor: float) -> None:
        self.view.setZoomMode(QtPdfWidgets.QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(min(max(factor, 0.25), 5.0))

    # -- print and save ------------------------------------------------------------------------------

    def print_document(self) -> None:
        printer = QtPrintSupport.QPrinter(QtPrintSupport.QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle())
        dialog = QtPrintSupport.QPrintDialog(printer, self)
        dialog.setMinMax(1, max(self.page_count, 1))
        if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted:
            return
        if self.render_to(printer):
            self._printed("print")

    def render_to(self, printer: QtGui.QPagedPaintDevice) -> bool:
        """Draws every chosen page onto the printer at the printer's resolution, keeping proportions."""
        first, last = 1, self.page_count
        if isinstance(printer, QtPrintSupport.QPrinter) and printer.fromPage() > 0:
            first, last = printer.fromPage(), min(printer.toPage() or last, last)
        painter = started_painter(printer, self)
        if painter is None:
            return False
        try:
            for number in range(first, last + 1):
                if number > first:
                    printer.newPage()
                self._draw_page(painter, printer, number - 1)
        finally:
            painter.end()
        return True

    def _draw_page(self, painter: QtGui.QPainter, printer: QtGui.QPagedPaintDevice, index: int) -> None:
        target = painter.viewport()
        points = self.document.pagePointSize(index)
        dpi = min(PRINT_DPI, printer.logicalDpiX() if hasattr(printer, "logicalDpiX") else PRINT_DPI)
        size = QtCore.QSize(int(points.width() * dpi / 72), int(points.height() * dpi / 72))
        image = self.document.render(index, size)
        scaled = size.scaled(target.size(), QtCore.Qt.AspectRatioMode.KeepAspectRatio)
        painter.drawImage(QtCore.QRect(target.topLeft(), scaled), image)

    def save_as(self) -> str | None:
        start = str(Path.home() / self._suggested_name)
        path, _filter = QtWidgets.QFileDialog.getSaveFileName(self, _("Save as PDF"), start, _("PDF documents (*.pdf)"))
        if not path:
            return None
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            write_atomic(Path(path), self._pdf_bytes)
        except AppError as exc:
            QtWidgets.QMessageBox.warning(self, _("Not saved"), error_text(exc))
            return None
        self._printed("save")
        return path

    def _printed(self, how: str) -> None:
        if self._on_printed is not None:
            self._on_printed(how)

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:
        self.document.close()
        super().closeEvent(event)
