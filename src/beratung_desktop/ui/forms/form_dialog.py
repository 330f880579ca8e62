"""The frame every record form shares: inline messages, labelled rows, Ctrl+S saves, Esc cancels."""

from __future__ import annotations

from collections.abc import Callable

from ...domain.validation import ValidationError
from ...errors import AppError, error_text
from ...i18n import _
from ..qt import QtCore, QtGui, QtWidgets, Signal
from .field_errors import FieldErrors, issue_text, with_error
from .message_bar import MessageBar


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
        scroll = QtWidgets.QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
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

    # -- building ------------------------------------------------------------------------------------

    def row(
        self, form: QtWidgets.QFormLayout, label: str, widget: QtWidgets.QWidget, field: str | None = None
    ) -> QtWidgets.QLabel:
        """Adds a labelled input; the label's mnemonic focuses it and names it for screen readers."""
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
        self.accept()
        return True
