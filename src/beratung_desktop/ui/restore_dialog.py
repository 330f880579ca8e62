"""Choosing a backup to restore: the backups of the backup folder with their dates and record counts,
and the team lead's password or the recovery key that opens the chosen backup."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..i18n import _
from ..i18n.formatting import format_date
from ..services.auto_backup import BackupListing
from .forms.readable_header import keep_captions_readable
from .qt import Qt, QtWidgets
from .style import set_role


@dataclass(frozen=True)
class RestoreChoice:
    path: Path
    password: str | None
    recovery_key: str | None


class RestoreDialog(QtWidgets.QDialog):
    def __init__(self, listings: list[BackupListing], folder: Path, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.listings = listings
        self.setWindowTitle(_("Restore a backup"))
        layout = QtWidgets.QVBoxLayout(self)
        intro = QtWidgets.QLabel(
            _(
                "Backups in {folder}. Restoring replaces everything entered since the chosen backup; the "
                "current state is kept in the data folder's backups. Everybody else must close the app first."
            ).format(folder=folder)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QtWidgets.QTableWidget(len(listings), 3, self)
        self.table.setHorizontalHeaderLabels([_("Date"), _("Clients"), _("Consultations")])
        self.table.setAccessibleName(_("Backups"))
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        keep_captions_readable(self.table)
        unreadable = _("does not open")
        for row, b in enumerate(listings):
            cells = [
                f"{format_date(b.taken_at.date())} {b.taken_at:%H:%M}",
                str(b.clients) if b.clients is not None else unreadable,
                str(b.consultations) if b.consultations is not None else "",
            ]
            for column, text in enumerate(cells):
                item = QtWidgets.QTableWidgetItem(text)
                item.setToolTip(b.path.name)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        layout.addWidget(self.table, 1)
        if not listings:
            empty = QtWidgets.QLabel(_("No backups found. Choose the backup folder in the settings."))
            set_role(empty, "hint")
            layout.addWidget(empty)

        self.use_password = QtWidgets.QRadioButton(_("With my &password"))
        self.use_recovery = QtWidgets.QRadioButton(_("With the &recovery key"))
        self.use_password.setChecked(True)
        self.secret = QtWidgets.QLineEdit()
        self.secret.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
        self.secret.setAccessibleName(_("Password or recovery key"))
        form = QtWidgets.QFormLayout()
        form.addRow(self.use_password)
        form.addRow(self.use_recovery)
        form.addRow(_("Password or recovery key"), self.secret)
        layout.addLayout(form)
        self.buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok | QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        self.restore_button = self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok)
        self.restore_button.setText(_("&Restore"))
        self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for signal in (self.table.itemSelectionChanged, self.secret.textChanged, self.use_recovery.toggled):
            signal.connect(self._update)
        if listings:
            self.table.selectRow(0)
        self._update()
        self.resize(640, 420)

    def _update(self) -> None:
        recovery = self.use_recovery.isChecked()
        self.secret.setEchoMode(
            QtWidgets.QLineEdit.EchoMode.Normal if recovery else QtWidgets.QLineEdit.EchoMode.Password
        )
        self.restore_button.setEnabled(bool(self.table.selectedItems()) and bool(self.secret.text()))

    def choice(self) -> RestoreChoice | None:
        rows = {i.row() for i in self.table.selectedItems()}
        if not rows or not self.secret.text():
            return None
        path = self.listings[rows.pop()].path
        if self.use_recovery.isChecked():
            return RestoreChoice(path, None, self.secret.text())
        return RestoreChoice(path, self.secret.text(), None)
