"""Choosing one's own password: forced at the first sign-in with a password the team lead chose (or
after a reset), and on request from the settings page (then the current password is asked first).

Argon2 for the new key slot runs in a worker; refusals appear next to the field they concern and the
typed text stays.
"""

from __future__ import annotations

from ..domain.validation import ValidationError
from ..errors import error_text
from ..i18n import _
from ..services import accounts
from ..services.session import Session
from ..storage.errors import WrongPassword
from ..storage.keyslots import DEFAULT_KDF, KdfParams
from .forms.field_errors import FieldError, issue_text
from .forms.new_password import NewPasswordFields
from .qt import QtWidgets
from .retranslating import Retranslating
from .style import set_role
from .worker import Job, start_job


class PasswordChangeDialog(Retranslating, QtWidgets.QDialog):
    """`forced`: the main window opens only after this dialog is accepted; Cancel signs out."""

    def __init__(
        self,
        session: Session,
        *,
        forced: bool,
        kdf: KdfParams = DEFAULT_KDF,
        parent: QtWidgets.QWidget | None = None,
    ):
        super().__init__(parent)
        self.session = session
        self.forced = forced
        self.kdf = kdf
        self._job: Job | None = None
        self.title = QtWidgets.QLabel()
        set_role(self.title, "subtitle")
        self.title.setWordWrap(True)
        self.intro = QtWidgets.QLabel()
        self.intro.setWordWrap(True)
        self.current = QtWidgets.QLineEdit()
        self.current.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
        self.current_label = QtWidgets.QLabel()
        self.current_label.setBuddy(self.current)
        self.current_error = FieldError()
        self.current.textEdited.connect(lambda _t: self.current_error.clear_message())
        self.fields = NewPasswordFields()
        self.fields.user_name = session.user.name
        self.fields.changed.connect(self._update_button)
        self.busy = QtWidgets.QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(6)
        self.busy.hide()
        self.buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok | QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok)
        self.cancel_button = self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        current = QtWidgets.QFormLayout()
        current.setContentsMargins(0, 0, 0, 0)
        current.addRow(self.current_label, self.current)
        current.addRow("", self.current_error)
        self.current_box = QtWidgets.QWidget()
        self.current_box.setLayout(current)
        self.current_box.setVisible(not forced)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addWidget(self.current_box)
        layout.addWidget(self.fields)
        layout.addWidget(self.busy)
        layout.addStretch()
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self.retranslate()
        (self.fields.password if forced else self.current).setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Choose your own password") if self.forced else _("Change my password"))
        self.title.setText(_("Signed in as {name}").format(name=self.session.user.label))
        if self.forced:
            self.intro.setText(
                _(
                    "Your password was chosen by your team lead. Choose your own now: from then on only "
                    "you know it, and the first password no longer opens the data."
                )
            )
        else:
            self.intro.setText(_("The new password replaces the old one at once."))
        self.current_label.setText(_("&Current password"))
        self.current.setAccessibleName(_("Current password"))
        self.fields.retranslate()
        self.ok_button.setText(_("&Save password") if not self.forced else _("Save password and &continue"))
        self.cancel_button.setText(_("Sign out") if self.forced else _("Cancel"))
        self._update_button()

    def _update_button(self) -> None:
        self.ok_button.setEnabled(self._job is None and self.fields.acceptable())

    def submit(self) -> None:
        if self._job is not None or not self.fields.acceptable():
            return
        session, password, kdf = self.session, self.fields.text(), self.kdf
        current = None if self.forced else self.current.text()
        self._job = start_job(
            lambda: accounts.choose_own_password(session, password, current_password=current, kdf=kdf),
            self._done,
            self._failed,
        )
        self.busy.show()
        self._update_button()

    def _done(self, _result: object) -> None:
        self._job = None
        self.busy.hide()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._job = None
        self.busy.hide()
        self._update_button()
        if isinstance(exc, WrongPassword):
            self.current_error.show_message(_("This is not your current password."))
            self.current.setFocus()
            self.current.selectAll()
        elif isinstance(exc, ValidationError):
            self.fields.show_error("\n".join(issue_text(i) for i in exc.issues))
        else:
            self.fields.show_error(error_text(exc))

    def reject(self) -> None:
        if self._job is None:
            super().reject()

    @property
    def waiting(self) -> bool:
        return self._job is not None
