"""Organisation page: import packages from a folder, see offices, overdue ones, gaps and conflicts."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ..errors import AppError, error_text
from ..i18n import N_, _
from ..i18n.formatting import format_datetime
from ..services import organisation
from ..services.session import Session
from .forms.readable_header import keep_captions_readable
from .qt import QtWidgets, Signal
from .retranslating import Retranslating

COLUMNS = (N_("Office"), N_("Device"), N_("Packages"), N_("Last received"), N_("Missing packages"), N_("State"))


def _when(iso: str | None) -> str:
    return format_datetime(datetime.fromisoformat(iso)) if iso else "–"


class OrganisationView(Retranslating, QtWidgets.QWidget):
    imported = Signal(list)  # the ImportOutcome list of the last import

    def __init__(
        self,
        session: Session,
        *,
        overdue_days: int = organisation.DEFAULT_OVERDUE_DAYS,
        parent: QtWidgets.QWidget | None = None,
    ):
        super().__init__(parent)
        self._session, self._overdue_days = session, overdue_days
        self._view: organisation.Overview | None = None
        self.summary_label = QtWidgets.QLabel()
        self.table = QtWidgets.QTableWidget(0, len(COLUMNS))
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        keep_captions_readable(self.table)
        self.import_button = QtWidgets.QPushButton()
        self.import_button.clicked.connect(self._choose_folder)
        self.results = QtWidgets.QPlainTextEdit()
        self.results.setReadOnly(True)
        box = QtWidgets.QVBoxLayout(self)
        box.addWidget(self.summary_label)
        box.addWidget(self.import_button)
        box.addWidget(self.table, 1)
        self.results_label = QtWidgets.QLabel()
        box.addWidget(self.results_label)
        box.addWidget(self.results)
        self.refresh()

    def refresh(self) -> None:
        self._view = organisation.overview(self._session, overdue_days=self._overdue_days)
        self.retranslate()

    def retranslate(self) -> None:
        """Renders the texts from the overview already read: a language switch reads nothing."""
        self.table.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        self.import_button.setText(_("Import packages…"))
        self.results_label.setText(_("Result of the last import:"))
        view = self._view
        if view is None:
            return
        self.summary_label.setText(
            _(
                "{organisation}: {devices} devices, {overdue} overdue, "
                "{conflicts} open conflicts, {quarantined} quarantined packages."
            ).format(
                organisation=view.organisation,
                devices=len(view.devices),
                overdue=len(view.overdue_offices),
                conflicts=view.open_conflicts,
                quarantined=view.quarantined,
            )
        )
        self.table.setRowCount(len(view.devices))
        for row, d in enumerate(view.devices):
            state = _("overdue") if d.overdue else _("ok")
            values = (
                d.device.office,
                d.device.device_id[:8],
                str(d.packages),
                _when(d.last_received),
                organisation.describe_gaps(d.missing_sequences),
                state,
            )
            for column, value in enumerate(values):
                self.table.setItem(row, column, QtWidgets.QTableWidgetItem(value))
        self.table.resizeColumnsToContents()

    def _choose_folder(self) -> None:
        folder = QtWidgets.QFileDialog.getExistingDirectory(self, _("Folder with packages"))
        if folder:
            self.import_from(Path(folder))

    def import_from(self, path: Path) -> None:
        try:
            outcomes = organisation.import_packages(self._session, path)
        except AppError as exc:
            self.results.setPlainText(error_text(exc))
            return
        lines = [organisation.outcome_message(o) for o in outcomes] or [
            _("No package files (*.bdx) found in {path}.").format(path=path)
        ]
        self.results.setPlainText("\n".join(lines))
        self.refresh()
        self.imported.emit(outcomes)
