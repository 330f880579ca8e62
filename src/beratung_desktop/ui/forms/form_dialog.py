"""The frame every record form shares: inline messages, labelled rows, Ctrl+S saves, Esc cancels.

Esc, Cancel or the window's close button on a form with changes asks first (Save / Discard / Keep
editing): a counsellor with a client opposite must never lose typed notes to a stray key.
"""

from __future__ import annotations

from collections.abc import Callable

from ...domain.validation import ValidationError
from ...errors import AppError, error_text
from ...i18n import _
from ..qt import QtCore, QtGui, QtWidgets, Signal
from ..window_size import fitting
from .field_errors import FieldErrors, issue_text, with_error
from .message_bar import MessageBar
from .vertical_scroll import VerticalScrollArea


def plain(label: str) -> str:
    """The label without its mnemonic marker, for accessible names."""
    return label.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(":")


def run_save(errors: FieldErrors, banner: MessageBar, action: Callable[[], str]) -> str | None:
    """Runs a save; shows refusals next to their fields (others in the banner); None when refused."""
    errors.clear()
    banner.dismiss()
    try:
        return action()
    except ValidationError as error:
        unplaced = errors.show(error.issues)
        if unplaced:
            banner.show_message("\n".join(issue_text(i) for i in unplaced), "error")
    except AppError as error:
        banner.show_message(error_text(error) + " " + _("What you typed is kept."), "error")
    return None


class SaveHeld(Exception):
    """Save waits for the user: a warning (possible duplicate, overlap) is on screen, not yet answered."""


class FormDialog(QtWidgets.QDialog):
    """Subclasses build their fields in `body` and implement `save()`, raising ValidationError."""

    saved = Signal(str)

    def __init__(self, session, title: str, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.errors = FieldErrors()
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        outer = QtWidgets.QVBoxLayout(self)
        self.banner = MessageBar(self)
        outer.addWidget(self.banner)
        scroll = VerticalScrollArea(self)
        self.body = QtWidgets.QWidget(scroll)
        scroll.setWidget(self.body)
        outer.addWidget(scroll, 1)
        self.buttons = QtWidgets.QDialogButtonBox(self)
        role = QtWidgets.QDialogButtonBox.ButtonRole
        self.save_button = self.buttons.addButton(_("&Save"), role.AcceptRole)
        self.save_button.setToolTip(_("Save (Ctrl+S)"))
        self.save_button.setAccessibleName(_("Save"))
        self.cancel_button = self.buttons.addButton(_("Cancel"), role.RejectRole)
        self.cancel_button.setAccessibleName(_("Cancel"))
        self.save_button.clicked.connect(self.try_save)
        self.cancel_button.clicked.connect(self.reject)
        outer.addWidget(self.buttons)
        shortcut = QtGui.QShortcut(QtGui.QKeySequence.StandardKey.Save, self)
        shortcut.setContext(QtCore.Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(self.try_save)
        self.save_button.setAutoDefault(False)
        self.cancel_button.setAutoDefault(False)
        self._pristine: tuple | None = None
        self.discard_prompt: QtWidgets.QMessageBox | None = None

    # -- unsaved changes -----------------------------------------------------------------------------

    def showEvent(self, event: QtGui.QShowEvent) -> None:
        # Subclasses fill their fields in __init__, so the first show sees the values as loaded.
        if self._pristine is None:
            self._pristine = self._snapshot()
            # The size a form asks for may be taller than the screen (125 % scaling): it scrolls instead.
            self.resize(fitting(self.size(), self))
        super().showEvent(event)

    def _snapshot(self) -> tuple:
        values: list[object] = []
        for widget in self.body.findChildren(QtWidgets.QWidget):
            if isinstance(widget, QtWidgets.QLineEdit):
                values.append(widget.text())
            elif isinstance(widget, QtWidgets.QPlainTextEdit | QtWidgets.QTextEdit):
                values.append(widget.toPlainText())
            elif isinstance(widget, QtWidgets.QComboBox):
                values.append((widget.currentIndex(), widget.currentText()))
            elif isinstance(widget, QtWidgets.QAbstractSpinBox):
                values.append(widget.text())
            elif isinstance(widget, QtWidgets.QAbstractButton) and widget.isCheckable():
                values.append(widget.isChecked())
            elif isinstance(widget, QtWidgets.QTableWidget):
                values.append(_table_values(widget))
            elif isinstance(widget, QtWidgets.QListWidget):
                values.append(tuple(widget.item(i).text() for i in range(widget.count())))
        return tuple(values)

    def has_changes(self) -> bool:
        return self._pristine is not None and self._snapshot() != self._pristine

    def reject(self) -> None:
        if self.has_changes():
            self._ask_before_discarding()
        else:
            super().reject()

    def discard(self) -> None:
        """Closes without asking, for flows where the user already chose to leave (e.g. open existing)."""
        super().reject()

    def _ask_before_discarding(self) -> None:
        if self.discard_prompt is not None and self.discard_prompt.isVisible():
            return
        buttons = QtWidgets.QMessageBox.StandardButton
        box = QtWidgets.QMessageBox(self)
        box.setIcon(QtWidgets.QMessageBox.Icon.Question)
        box.setWindowTitle(self.windowTitle())
        box.setText(_("This form has changes that are not saved."))
        box.setInformativeText(_("Save them, discard them, or keep editing?"))
        save = box.addButton(buttons.Save)
        discard = box.addButton(buttons.Discard)
        keep = box.addButton(_("&Keep editing"), QtWidgets.QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.setWindowModality(QtCore.Qt.WindowModality.WindowModal)

        def answered(button: QtWidgets.QAbstractButton) -> None:
            if button is save:
                self.try_save()
            elif button is discard:
                super(FormDialog, self).reject()

        box.buttonClicked.connect(answered)
        self.discard_prompt = box
        # open(), not exec(): the prompt is window-modal without a nested event loop, so auto-lock and
        # tests can still reach the form behind it.
        box.open()

    # -- building ------------------------------------------------------------------------------------

    def row(
        self, form: QtWidgets.QFormLayout, label: str, widget: QtWidgets.QWidget, field: str | None = None
    ) -> QtWidgets.QLabel:
        """Adds a labelled input; the label's mnemonic focuses it and names it for screen readers."""
        # Long captions (Russian, German) put their field on the next line rather than widen the form.
        form.setRowWrapPolicy(QtWidgets.QFormLayout.RowWrapPolicy.WrapLongRows)
        caption = QtWidgets.QLabel(label, self.body)
        caption.setBuddy(widget)
        widget.setAccessibleName(plain(label))
        form.addRow(caption, with_error(widget, self.errors, field) if field else widget)
        return caption

    # -- saving --------------------------------------------------------------------------------------

    def save(self) -> str:
        """Stores the record; returns its id. Raises ValidationError or another AppError."""
        raise NotImplementedError

    def try_save(self) -> bool:
        try:
            record_id = run_save(self.errors, self.banner, self.save)
        except SaveHeld:
            return False
        if record_id is None:
            return False
        self.saved.emit(record_id)
        self._confirm_saved()
        self.accept()
        return True

    def _confirm_saved(self) -> None:
        owner = self.parentWidget().window() if self.parentWidget() is not None else None
        if isinstance(owner, QtWidgets.QMainWindow):
            owner.statusBar().showMessage(_("Saved: {form}").format(form=plain(self.windowTitle())), 5000)


def _table_values(table: QtWidgets.QTableWidget) -> tuple:
    cells = []
    for row in range(table.rowCount()):
        for column in range(table.columnCount()):
            item = table.item(row, column)
            cells.append(item.text() if item is not None else "")
    return tuple(cells)
