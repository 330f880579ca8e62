"""The recovery key as shown, printed and saved: by the set-up wizard, and again whenever removing a
colleague re-keys the store and draws a new key (the old sheet then opens only older backups)."""

from __future__ import annotations

import html
from pathlib import Path

from ..errors import error_text
from ..i18n import N_, _
from ..storage.atomic_file import write_atomic
from .forms.check_line import CheckLine
from .qt import Qt, QtGui, QtPrintSupport, QtWidgets
from .style import set_role

KEEP_NOTE = N_("Keep this sheet locked away. With it, the data can be opened even when every password is forgotten.")


def key_text(key: str, office: str, folder: Path | str) -> str:
    """The plain-text file 'Save as file…' writes."""
    return _(
        "Beratung Desktop recovery key\n\nOffice: {office}\nData folder: {folder}\n\n{key}\n\n"
        "Keep this sheet locked away. With it, the data can be opened even when every password "
        "is forgotten.\n"
    ).format(office=office, folder=folder, key=key)


def key_sheet(key: str, office: str, folder: Path | str) -> QtGui.QTextDocument:
    """The printed sheet: the key large, monospaced and in two lines of four groups, so that it
    can be typed back without confusing 0 and O or losing one's place."""
    groups = key.split("-")
    lines = ["&nbsp;&nbsp;".join(groups[i : i + 4]) for i in range(0, len(groups), 4)]
    document = QtGui.QTextDocument()
    document.setHtml(
        "<h2>{title}</h2><p>{office}<br>{folder}</p>"
        "<p style=\"font-family: 'DejaVu Sans Mono', 'Consolas', monospace; font-size: 22pt;\">{key}</p>"
        "<p>{note}</p>".format(
            title=html.escape(_("Beratung Desktop recovery key")),
            office=html.escape(_("Office: {office}").format(office=office)),
            folder=html.escape(_("Data folder: {folder}").format(folder=folder)),
            key="<br>".join(lines),
            note=html.escape(_(KEEP_NOTE)),
        )
    )
    return document


class RecoveryKeyDialog(QtWidgets.QDialog):
    """Shows a new recovery key once, with Print… and Save as file…; closes only after the team lead
    confirms the key is kept, because it is the only way in when every password is forgotten."""

    def __init__(self, key: str, office: str, folder: Path, reason: str, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.recovery_key, self.office, self.folder = key, office, Path(folder)
        self.setWindowTitle(_("New recovery key"))
        self.reason = QtWidgets.QLabel(reason)
        self.reason.setWordWrap(True)
        self.key = QtWidgets.QLabel(key)
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key.setWordWrap(True)
        self.key.setStyleSheet(
            "font-family: 'DejaVu Sans Mono', 'Consolas', monospace; font-size: 14pt; background: white;"
            " border: 1px dashed #8fa3ad; padding: 12px;"
        )
        self.key.setAccessibleName(_("Recovery key"))
        # A key is read left to right in every language.
        self.key.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.print_button = QtWidgets.QPushButton(_("&Print…"))
        self.save_button = QtWidgets.QPushButton(_("&Save as file…"))
        self.print_button.clicked.connect(self.print_key)
        self.save_button.clicked.connect(self.save_key)
        self.note = QtWidgets.QLabel(_(KEEP_NOTE))
        set_role(self.note, "hint")
        self.note.setWordWrap(True)
        self.kept_line = CheckLine()
        self.kept_line.setText(_("I have printed or saved the recovery key and will keep it safe"))
        self.kept = self.kept_line.box
        self.buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        self.close_button = self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Close)
        self.close_button.setEnabled(False)
        self.kept.toggled.connect(self.close_button.setEnabled)
        self.buttons.rejected.connect(self.reject)
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.print_button)
        row.addWidget(self.save_button)
        row.addStretch()
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.reason)
        layout.addWidget(self.key)
        layout.addLayout(row)
        layout.addWidget(self.note)
        layout.addWidget(self.kept_line)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def reject(self) -> None:
        # Esc or the window's close button must not lose the only copy of the new key.
        if self.kept.isChecked():
            super().reject()

    def print_key(self) -> None:
        printer = QtPrintSupport.QPrinter()
        dialog = QtPrintSupport.QPrintDialog(printer, self)
        if dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted:
            key_sheet(self.recovery_key, self.office, self.folder).print_(printer)

    def save_key(self) -> None:
        path, _filter = QtWidgets.QFileDialog.getSaveFileName(
            self, _("Save recovery key"), str(Path.home() / "beratung-recovery-key.txt"), _("Text (*.txt)")
        )
        if path:
            self.write_key(Path(path))

    def write_key(self, path: Path) -> None:
        try:
            write_atomic(path, key_text(self.recovery_key, self.office, self.folder).encode("utf-8"))
        except Exception as exc:
            QtWidgets.QMessageBox.warning(self, _("Not saved"), error_text(exc))
            return
        self.note.setText(
            _("Saved to {path}. Move the file to a USB stick or print it, then delete it from this computer.").format(
                path=path
            )
        )
