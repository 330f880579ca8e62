"""Office page for the exchange with the organisation: export now, delivery state, receipts."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ..config import Settings
from ..errors import AppError, error_text
from ..i18n import _
from ..i18n.formatting import format_datetime, left_to_right, one_full_stop
from ..services import exchange
from ..services.session import Session
from .qt import QtWidgets, Signal
from .retranslating import Retranslating
from .worker import Job, start_job


def _when(iso: str | None) -> str:
    return left_to_right(format_datetime(datetime.fromisoformat(iso))) if iso else _("never")


class ExchangeView(Retranslating, QtWidgets.QWidget):
    export_done = Signal(str)  # message shown after an export
    export_failed = Signal(str)

    def __init__(
        self,
        session: Session,
        settings: Settings,
        *,
        machine_allows_full: bool = False,
        parent: QtWidgets.QWidget | None = None,
    ):
        super().__init__(parent)
        self._session, self._settings, self._full = session, settings, machine_allows_full
        self._job: Job | None = None
        self._state: exchange.ExchangeStatus | None = None
        self.status_label = QtWidgets.QLabel()
        self.delivered_label = QtWidgets.QLabel()
        self.reminder_label = QtWidgets.QLabel()
        self.reminder_label.setStyleSheet("font-weight: bold")
        self.message_label = QtWidgets.QLabel()
        self.message_label.setWordWrap(True)
        self.folder_edit = QtWidgets.QLineEdit(settings.export_dir)
        self.choose_button = QtWidgets.QPushButton()
        self.choose_button.clicked.connect(self._choose_folder)
        self.export_button = QtWidgets.QPushButton()
        self.export_button.clicked.connect(self.start_export)
        self.receipt_button = QtWidgets.QPushButton()
        self.receipt_button.clicked.connect(self._choose_receipt)
        self.progress = QtWidgets.QProgressBar()
        self.progress.setVisible(False)
        self.title = QtWidgets.QLabel()
        self.folder_label = QtWidgets.QLabel()
        self._layout()
        self.refresh()

    def _layout(self) -> None:
        folder_row = QtWidgets.QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.choose_button)
        buttons = QtWidgets.QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.receipt_button)
        buttons.addStretch(1)
        box = QtWidgets.QVBoxLayout(self)
        self.title.setStyleSheet("font-size: 14pt; font-weight: bold")
        box.addWidget(self.title)
        for widget in (self.status_label, self.delivered_label, self.reminder_label):
            box.addWidget(widget)
        box.addWidget(self.folder_label)
        box.addLayout(folder_row)
        box.addLayout(buttons)
        box.addWidget(self.progress)
        box.addWidget(self.message_label)
        box.addStretch(1)

    # -- state -------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._state = exchange.status(self._session, self._settings.export_reminder_days)
        self.retranslate()

    def retranslate(self) -> None:
        """Renders the texts from the state already read: a language switch reads nothing."""
        self.title.setText(_("Export to the organisation"))
        self.folder_label.setText(_("Export folder:"))
        self.folder_edit.setPlaceholderText(_("Folder of the USB stick or the synchronised folder"))
        self.choose_button.setText(_("Choose…"))
        self.export_button.setText(_("Export now"))
        self.receipt_button.setText(_("Import receipt…"))
        state = self._state
        if state is None:
            return
        busy = self._job is not None
        self.export_button.setEnabled(state.enrolled and not busy)
        self.receipt_button.setEnabled(state.enrolled and not busy)
        if not state.enrolled:
            self.status_label.setText(_("This laptop is not enrolled with the organisation yet. Ask IT."))
            self.delivered_label.setText("")
            self.reminder_label.setText("")
            return
        last = state.last_export
        self.status_label.setText(_("Last export: {when}").format(when=_when(last.created_at if last else None)))
        delivered = state.last_delivered.delivered_at if state.last_delivered else None
        self.delivered_label.setText(_("Last export delivered on {when}").format(when=_when(delivered)))
        self.reminder_label.setText(_("An export is due.") if state.export_due else "")

    # -- export ------------------------------------------------------------------------------------

    def _choose_folder(self) -> None:
        folder = QtWidgets.QFileDialog.getExistingDirectory(self, _("Export folder"), self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    def start_export(self) -> None:
        folder = self.folder_edit.text().strip()
        if not folder:
            self._failed(_("Choose the export folder first."))
            return
        self.export_button.setEnabled(False)
        self.receipt_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.message_label.setText(_("Exporting…"))
        session, target, full = self._session, Path(folder), self._full
        # The store's connection is shared under its lock; nothing is written when it fails (atomic export).
        self._job = start_job(
            lambda progress: exchange.export(session, target, machine_allows_full=full, progress=progress),
            self._finished,
            lambda exc: self._failed(error_text(exc)),
            self._progress,
        )

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _job_ended(self) -> None:
        self._job = None
        self.progress.setVisible(False)

    def _finished(self, result: exchange.ExportResult) -> None:
        self._job_ended()
        text = exchange.describe_export(result)
        self.message_label.setText(text)
        self.refresh()
        self.export_done.emit(text)

    def _failed(self, text: str) -> None:
        self._job_ended()
        self.message_label.setText(text)
        self.refresh()
        self.export_failed.emit(text)

    # -- receipts ----------------------------------------------------------------------------------

    def _choose_receipt(self) -> None:
        path, _filter = QtWidgets.QFileDialog.getOpenFileName(
            self, _("Import receipt"), self.folder_edit.text(), _("Receipts (*.bdreceipt)")
        )
        if path:
            self.import_receipt(Path(path))

    def import_receipt(self, path: Path) -> None:
        try:
            outcomes = exchange.import_receipts(self._session, path)
        except AppError as exc:
            self.message_label.setText(error_text(exc))
            return
        lines = []
        for o in outcomes:
            if o.error is not None:
                lines.append(error_text(o.error))
            elif o.receipt and not o.receipt.delivered:
                lines.append(
                    _("Export {sequence} was not accepted by the organisation ({status}); ask IT.").format(
                        sequence=o.receipt.sequence, status=o.receipt.status
                    )
                )
            elif o.receipt:
                delivered = _("Export {sequence} delivered on {when}.").format(
                    sequence=o.receipt.sequence, when=_when(o.receipt.received_at)
                )
                lines.append(one_full_stop(delivered))
        self.message_label.setText("\n".join(lines))
        self.refresh()
