"""Opening a document in the in-memory print preview: rendered off the window thread, shown when ready."""

from __future__ import annotations

from collections.abc import Callable

from ..errors import error_text
from .print_preview import PrintPreviewDialog
from .qt import Qt, QtWidgets
from .worker import Job, start_job


class DocumentPreview:
    """Renders with `render()` in a worker (a busy cursor meanwhile) and opens the preview dialog.

    The PDF stays in memory: nothing is written unless the user saves it in the dialog.
    """

    def __init__(self, parent: QtWidgets.QWidget):
        self.parent = parent
        self.dialog: PrintPreviewDialog | None = None
        self._job: Job | None = None

    @property
    def busy(self) -> bool:
        return self._job is not None

    def show(self, render: Callable[[], bytes], title: str, suggested_name: str) -> None:
        if self._job is not None:
            return
        QtWidgets.QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        self._job = start_job(render, lambda pdf: self._ready(pdf, title, suggested_name), self._failed)

    def _done(self) -> None:
        self._job = None
        QtWidgets.QApplication.restoreOverrideCursor()

    def _ready(self, pdf: bytes, title: str, suggested_name: str) -> None:
        self._done()
        self.dialog = PrintPreviewDialog(pdf, title, suggested_name, parent=self.parent)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.open()

    def _failed(self, exc: BaseException) -> None:
        self._done()
        QtWidgets.QMessageBox.warning(self.parent, self.parent.window().windowTitle(), error_text(exc))
