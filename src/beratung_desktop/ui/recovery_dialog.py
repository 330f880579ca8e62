"""'Forgot password?': the recovery key printed at set-up gives a user a new password.

Argon2 for the new key slot runs in a worker, like the unlock itself; the dialog keeps what was typed
when the key is refused, so a typing error costs one correction, not the whole form.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import error_text
from ..i18n import _
from .qt import QtGui, QtWidgets
from .style import set_role
from .worker import Job, start_job

# recover(recovery_key, user_name, new_password) runs on a worker thread and returns the session.
Recover = Callable[[str, str, str], Any]


class RecoveryDialog(QtWidgets.QDialog):
    def __init__(self, users: list[str], current_user: str, recover: Recover, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self._recover = recover
        self._job: Job | None = None
        self.session: Any = None
        self.setWindowTitle(_("Set a new password with the recovery key"))
        self.intro = QtWidgets.QLabel(
            _(
                "Type the recovery key from the sheet printed when this office was set up. "
                "It opens the data and sets a new password for the chosen user."
            )
        )
        self.intro.setWordWrap(True)
        self.key = QtWidgets.QLineEdit()
        self.key.setFont(QtGui.QFontDatabase.systemFont(QtGui.QFontDatabase.SystemFont.FixedFont))
        self.key.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.user = QtWidgets.QComboBox()
        self.user.addItems(users)
        self.user.setCurrentText(current_user)
        self.password = QtWidgets.QLineEdit()
        self.password.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
        self.repeat = QtWidgets.QLineEdit()
        self.repeat.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
        self.error = QtWidgets.QLabel()
        set_role(self.error, "error")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QtWidgets.QFormLayout()
        form.setRowWrapPolicy(QtWidgets.QFormLayout.RowWrapPolicy.WrapAllRows)
        for label, widget in (
            (_("&Recovery key"), self.key),
            (_("&User"), self.user),
            (_("&New password"), self.password),
            (_("Re&peat the new password"), self.repeat),
        ):
            caption = QtWidgets.QLabel(label)
            caption.setBuddy(widget)
            widget.setAccessibleName(label.replace("&", ""))
            form.addRow(caption, widget)
        self.buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok | QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Set &password and sign in"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def submit(self) -> None:
        if self._job is not None:
            return
        key, user, password = self.key.text().strip(), self.user.currentText().strip(), self.password.text()
        if not key:
            self._show_error(_("Type the recovery key."), self.key)
            return
        if password != self.repeat.text():
            self._show_error(_("The two passwords differ. Type the new password twice."), self.repeat)
            return
        self.ok_button.setEnabled(False)
        self._job = start_job(lambda: self._recover(key, user, password), self._done, self._failed)

    def _done(self, session: object) -> None:
        self._job = None
        self.session = session
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._job = None
        self.ok_button.setEnabled(True)
        self._show_error(error_text(exc), self.key)

    def _show_error(self, text: str, focus: QtWidgets.QWidget) -> None:
        self.error.setText(text)
        self.error.setAccessibleName(text)
        self.error.show()
        focus.setFocus()

    @property
    def waiting(self) -> bool:
        return self._job is not None
