"""The access export (Art. 15 GDPR) from the client page: a folder, a worker with progress, where it went."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import error_text
from ...i18n import _
from ...services.session import Session
from ..qt import QtCore, QtGui, QtWidgets
from ..worker import Job, start_job

# The export code (exchange records, reportlab) loads on the first export, not when the app starts.
if TYPE_CHECKING:
    from ...services.access_export import AccessExportResult


def choose_folder(parent: QtWidgets.QWidget, start: str = "") -> Path | None:
    """Asks for the folder (a separate function, so tests can answer it)."""
    folder = QtWidgets.QFileDialog.getExistingDirectory(
        parent, _("Folder for the copy of the client's data"), start or str(Path.home())
    )
    return Path(folder) if folder else None


class AccessExportRun:
    """One export at a time: progress while the worker reads, renders and writes; then a message."""

    def __init__(self, parent: QtWidgets.QWidget, session: Session):
        self.parent = parent
        self.session = session
        self.job: Job | None = None
        self.progress: QtWidgets.QProgressDialog | None = None
        self.message: QtWidgets.QMessageBox | None = None
        self.result: AccessExportResult | None = None
        self.error: str = ""

    @property
    def busy(self) -> bool:
        return self.job is not None

    def start(self, client_id: str, folder: Path) -> None:
        from ...services import access_export

        if self.job is not None:
            return
        self.result, self.error = None, ""
        self.progress = QtWidgets.QProgressDialog(
            _("Collecting everything stored about the client…"), "", 0, 3, self.parent
        )
        self.progress.setWindowTitle(_("Access export (Art. 15)"))
        self.progress.setCancelButton(None)  # both files appear together or not at all: no half-way stop
        self.progress.setWindowModality(QtCore.Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setValue(0)
        self.job = start_job(
            lambda progress: access_export.write_access_export(self.session, client_id, folder, progress=progress),
            self._done,
            self._failed,
            self._step,
        )

    def _step(self, done: int, total: int) -> None:
        if self.progress is None:
            return
        texts = [
            _("Collecting everything stored about the client…"),
            _("Writing the PDF in German and the client's language…"),
            _("Saving both files…"),
            _("Done."),
        ]
        self.progress.setLabelText(texts[min(done, len(texts) - 1)])
        self.progress.setMaximum(total)
        self.progress.setValue(done)

    def _finish(self) -> None:
        self.job = None
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _done(self, result: AccessExportResult) -> None:
        self._finish()
        self.result = result
        self.message = QtWidgets.QMessageBox(self.parent)
        self.message.setIcon(QtWidgets.QMessageBox.Icon.Information)
        self.message.setWindowTitle(_("Access export (Art. 15)"))
        self.message.setText(
            _("The copy of the client's data was saved in {folder}:").format(folder=str(result.pdf.parent))
        )
        self.message.setInformativeText(
            f"{result.pdf.name}\n{result.json.name}\n\n"
            + _("The files are not encrypted: hand them to the client and do not keep further copies.")
        )
        open_button = self.message.addButton(_("Open folder"), QtWidgets.QMessageBox.ButtonRole.ActionRole)
        self.message.addButton(QtWidgets.QMessageBox.StandardButton.Close)
        open_button.clicked.connect(
            lambda: QtGui.QDesktopServices.openUrl(QtCore.QUrl.fromLocalFile(str(result.pdf.parent)))
        )
        self.message.open()

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        self.error = error_text(exc)
        self.message = QtWidgets.QMessageBox(
            QtWidgets.QMessageBox.Icon.Warning, _("Access export (Art. 15)"), self.error, parent=self.parent
        )
        self.message.open()
