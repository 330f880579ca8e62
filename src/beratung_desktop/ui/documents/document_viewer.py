"""Viewing a stored document from memory: PDFs through QtPdf reading a QBuffer, images through QImage.

Nothing is written to disk to show or print a document: no temporary file, no thumbnail. "Save a copy"
writes an unencrypted copy only after a warning, through the service (atomic, audited).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ...domain.catalogues import DOCUMENT_TYPES
from ...domain.documents import PDF, Document
from ...errors import AppError, error_text
from ...i18n import _, ngettext
from ...services import documents
from ..print_preview import started_painter
from ..qt import Qt, QtCore, QtGui, QtPdf, QtPdfWidgets, QtPrintSupport, QtWidgets

PRINT_DPI = 300


def confirm_unencrypted_copy(parent: QtWidgets.QWidget) -> bool:
    """The warning before a copy leaves the encrypted store; the safe choice is the default."""
    buttons = QtWidgets.QMessageBox.StandardButton
    box = QtWidgets.QMessageBox(parent)
    box.setIcon(QtWidgets.QMessageBox.Icon.Warning)
    box.setWindowTitle(_("Save an unencrypted copy"))
    box.setText(_("The copy will not be encrypted."))
    box.setInformativeText(
        _(
            "Anyone with access to the folder you choose can read it. Save it only where it is needed (for "
            "example on the office's protected share), and delete it when it is no longer needed. The copy is "
            "recorded in the audit log."
        )
    )
    save = box.addButton(_("Choose &folder…"), QtWidgets.QMessageBox.ButtonRole.AcceptRole)
    box.addButton(buttons.Cancel)
    box.setDefaultButton(buttons.Cancel)
    box.exec()
    return box.clickedButton() is save


def save_copy_with_warning(parent: QtWidgets.QWidget, session, document_id: str) -> Path | None:
    """Warns, asks for a folder and saves; shows refusals. Returns the copy's path, or None."""
    if not confirm_unencrypted_copy(parent):
        return None
    folder = QtWidgets.QFileDialog.getExistingDirectory(parent, _("Folder for the unencrypted copy"), str(Path.home()))
    if not folder:
        return None
    try:
        return documents.save_copy(session, document_id, Path(folder))
    except AppError as exc:
        QtWidgets.QMessageBox.warning(parent, _("Not saved"), error_text(exc))
        return None


class DocumentViewer(QtWidgets.QDialog):
    """Shows one document (opened and audited by the caller) with print, save a copy, zoom."""

    def __init__(self, session, document: Document, content: bytes, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.document_record = document
        self.setWindowTitle(f"{_(DOCUMENT_TYPES.label(document.kind))} – {document.title}")
        self.resize(820, 660)
        self.is_pdf = document.media_type == PDF
        self.pdf: QtPdf.QPdfDocument | None = None
        self.image = QtGui.QImage()
        self.toolbar = QtWidgets.QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        if self.is_pdf:
            # The buffer must outlive the document: QPdfDocument reads pages from it lazily.
            self._data = QtCore.QByteArray(content)
            self._buffer = QtCore.QBuffer(self._data, self)
            self._buffer.open(QtCore.QIODevice.OpenModeFlag.ReadOnly)
            self.pdf = QtPdf.QPdfDocument(self)
            self.pdf.load(self._buffer)
            self.view: QtWidgets.QWidget = QtPdfWidgets.QPdfView(self)
            self.view.setDocument(self.pdf)
            self.view.setPageMode(QtPdfWidgets.QPdfView.PageMode.MultiPage)
            self.view.setZoomMode(QtPdfWidgets.QPdfView.ZoomMode.FitToWidth)
        else:
            self.image = QtGui.QImage.fromData(content)
            self.picture = QtWidgets.QLabel(self)
            self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.view = QtWidgets.QScrollArea(self)
            self.view.setWidget(self.picture)
            self.view.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.scale = 0.0  # fit to width
        layout.addWidget(self.view, 1)
        self._build_toolbar()
        if not self.is_pdf:
            QtCore.QTimer.singleShot(0, self._show_image)

    def _action(self, text: str, shortcut, slot: Callable[[], object]) -> QtGui.QAction:
        action = QtGui.QAction(text, self)
        action.setShortcut(QtGui.QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        self.toolbar.addAction(action)
        return action

    def _build_toolbar(self) -> None:
        self.print_action = self._action(_("Print…"), QtGui.QKeySequence.StandardKey.Print, self.print_document)
        self.save_action = self._action(_("Save a copy…"), QtGui.QKeySequence.StandardKey.Save, self.save_copy)
        self.toolbar.addSeparator()
        self._action(_("Zoom in"), QtGui.QKeySequence.StandardKey.ZoomIn, lambda: self.zoom(1.25))
        self._action(_("Zoom out"), QtGui.QKeySequence.StandardKey.ZoomOut, lambda: self.zoom(0.8))
        self._action(_("Fit width"), "Ctrl+0", self.fit_width)
        self.toolbar.addSeparator()
        self.info = QtWidgets.QLabel(self)
        self.info.setText(ngettext("{pages} page", "{pages} pages", self.page_count).format(pages=self.page_count))
        self.toolbar.addWidget(self.info)
        spacer = QtWidgets.QWidget(self)
        spacer.setSizePolicy(QtWidgets.QSizePolicy.Policy.Expanding, QtWidgets.QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(spacer)
        close = QtGui.QAction(_("Close"), self)
        close.triggered.connect(self.reject)
        self.toolbar.addAction(close)

    @property
    def page_count(self) -> int:
        return self.pdf.pageCount() if self.pdf is not None else (0 if self.image.isNull() else 1)

    # -- zoom ----------------------------------------------------------------------------------------

    def _fit_scale(self) -> float:
        width = max(100, self.view.viewport().width() - 24)
        return min(1.0, width / max(1, self.image.width()))

    def _show_image(self) -> None:
        if self.image.isNull():
            return
        scale = self.scale or self._fit_scale()
        size = self.image.size() * scale
        self.picture.setPixmap(
            QtGui.QPixmap.fromImage(
                self.image.scaled(size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
            )
        )
        self.picture.resize(size)

    def zoom(self, factor: float) -> None:
        if self.pdf is not None:
            view = self.view
            assert isinstance(view, QtPdfWidgets.QPdfView)
            current = view.zoomFactor() if view.zoomMode() == QtPdfWidgets.QPdfView.ZoomMode.Custom else 1.0
            view.setZoomMode(QtPdfWidgets.QPdfView.ZoomMode.Custom)
            view.setZoomFactor(min(max(current * factor, 0.25), 5.0))
        else:
            self.scale = min(max((self.scale or self._fit_scale()) * factor, 0.1), 5.0)
            self._show_image()

    def fit_width(self) -> None:
        if self.pdf is not None:
            self.view.setZoomMode(QtPdfWidgets.QPdfView.ZoomMode.FitToWidth)
        else:
            self.scale = 0.0
            self._show_image()

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self.is_pdf and not self.scale:
            self._show_image()

    # -- print and save ------------------------------------------------------------------------------

    def print_document(self) -> None:
        printer = QtPrintSupport.QPrinter(QtPrintSupport.QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.document_record.title)
        dialog = QtPrintSupport.QPrintDialog(printer, self)
        dialog.setMinMax(1, max(self.page_count, 1))
        if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted:
            return
        if self.render_to(printer):
            documents.record_print(self.session, self.document_record.id)

    def render_to(self, printer: QtGui.QPagedPaintDevice) -> bool:
        """Draws each page (or the image) onto the printer, keeping proportions."""
        painter = started_painter(printer, self)
        if painter is None:
            return False
        try:
            for index in range(self.page_count):
                if index:
                    printer.newPage()
                self._draw_page(painter, index)
        finally:
            painter.end()
        return True

    def _page_image(self, index: int) -> QtGui.QImage:
        if self.pdf is None:
            return self.image
        points = self.pdf.pagePointSize(index)
        return self.pdf.render(
            index, QtCore.QSize(int(points.width() * PRINT_DPI / 72), int(points.height() * PRINT_DPI / 72))
        )

    def _draw_page(self, painter: QtGui.QPainter, index: int) -> None:
        image = self._page_image(index)
        target = painter.viewport()
        scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
        painter.drawImage(QtCore.QRect(target.topLeft(), scaled), image)

    def save_copy(self) -> Path | None:
        return save_copy_with_warning(self, self.session, self.document_record.id)

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:
        if self.pdf is not None:
            self.pdf.close()
        super().closeEvent(event)
