"""The unlock screen: choose a user, type the password, wait for Argon2 in a worker.

Used at start (opens the store) and after auto-lock (checks the password of the signed-in user).
Wrong passwords get a message next to the field and a growing wait before the next try; the wait
is a countdown on the button, never a sleep on the window thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import error_text
from ..i18n import _
from ..services.sign_in import TooManyAttempts, retry_delay
from ..storage.errors import WrongPassword
from .icons import plain_icon
from .qt import Qt, QtCore, QtWidgets, Signal
from .recovery_dialog import Recover, RecoveryDialog
from .retranslating import Retranslating
from .style import set_role
from .worker import Job, start_job

# check(user_name, password) runs on a worker thread; its result is handed to `succeeded`.
Check = Callable[[str, str], Any]


class UnlockScreen(Retranslating, QtWidgets.QWidget):
    succeeded = Signal(object)

    def __init__(
        self,
        users: list[str],
        check: Check,
        *,
        fixed_user: str = "",
        hint: str = "",
        office: str = "",
        recover: Recover | None = None,
        parent: QtWidgets.QWidget | None = None,
    ):
        super().__init__(parent)
        self._check = check
        self._recover = recover
        self.recovery: RecoveryDialog | None = None
        self._hint = hint
        self._office = office
        self._fixed_user = fixed_user
        self.failures = 0
        self._remaining = 0
        self._job: Job | None = None
        self._countdown = QtCore.QTimer(self, interval=1000)
        self._countdown.timeout.connect(self._tick)
        self._build(users)
        self.retranslate()

    def _build(self, users: list[str]) -> None:
        self.logo = QtWidgets.QLabel()
        self.logo.setPixmap(plain_icon("lock").pixmap(48, 48))
        self.logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = QtWidgets.QLabel()
        set_role(self.title, "title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.subtitle = QtWidgets.QLabel()
        set_role(self.subtitle, "subtitle")
        self.subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.subtitle.setWordWrap(True)
        self.user = QtWidgets.QComboBox()
        self.user.addItems([self._fixed_user] if self._fixed_user else users)
        self.user.setEnabled(not self._fixed_user and len(users) > 1)
        self.password = QtWidgets.QLineEdit()
        self.password.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
        self.password.returnPressed.connect(self.submit)
        self.password.textEdited.connect(lambda _t: self.error.hide() if not self._remaining else None)
        self.error = QtWidgets.QLabel()
        set_role(self.error, "error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.busy = QtWidgets.QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(6)
        self.busy.hide()
        self.button = QtWidgets.QPushButton()
        set_role(self.button, "primary")
        self.button.setDefault(True)
        self.button.clicked.connect(self.submit)
        self.demo_hint = QtWidgets.QLabel()
        set_role(self.demo_hint, "notice")
        self.demo_hint.setWordWrap(True)
        self.demo_hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.demo_hint.setVisible(bool(self._hint))
        self.forgot = QtWidgets.QPushButton()
        self.forgot.setFlat(True)
        self.forgot.clicked.connect(self.open_recovery)
        self.forgot.setVisible(self._recover is not None)

        self.user_label = QtWidgets.QLabel()
        self.user_label.setBuddy(self.user)
        self.password_label = QtWidgets.QLabel()
        self.password_label.setBuddy(self.password)
        form = QtWidgets.QFormLayout()
        form.setRowWrapPolicy(QtWidgets.QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(self.user_label, self.user)
        form.addRow(self.password_label, self.password)
        form.addRow(self.error)
        card = QtWidgets.QFrame()
        card.setObjectName("card")
        card.setStyleSheet("QFrame#card { background: white; border: 1px solid #d5dadd; border-radius: 8px; }")
        card.setFixedWidth(380)
        inner = QtWidgets.QVBoxLayout(card)
        inner.setContentsMargins(28, 24, 28, 24)
        inner.setSpacing(10)
        for widget in (self.logo, self.title, self.subtitle):
            inner.addWidget(widget)
        inner.addSpacing(8)
        inner.addLayout(form)
        inner.addWidget(self.busy)
        inner.addWidget(self.button)
        inner.addWidget(self.forgot)
        inner.addWidget(self.demo_hint)
        outer = QtWidgets.QGridLayout(self)
        outer.addWidget(card, 1, 1)
        outer.setRowStretch(0, 1)
        outer.setRowStretch(2, 2)
        outer.setColumnStretch(0, 1)
        outer.setColumnStretch(2, 1)

    # -- behaviour -----------------------------------------------------------------------------------

    def submit(self) -> None:
        if self._job is not None or self._remaining:
            return
        user, password = self.user.currentText().strip(), self.password.text()
        if not user:
            self._show_error(_("No user can sign in to this data store. Ask your administrator."))
            return
        if not password:
            self._show_error(_("Enter your password."))
            return
        self._set_busy(True)
        self._job = start_job(lambda: self._check(user, password), self._on_success, self._on_failure)

    def _on_success(self, result: object) -> None:
        self._job = None
        self._set_busy(False)
        self.failures = 0
        self.password.clear()
        self.error.hide()
        self.succeeded.emit(result)

    def _on_failure(self, exc: BaseException) -> None:
        self._job = None
        self._set_busy(False)
        self.password.selectAll()
        self.password.setFocus()
        if isinstance(exc, WrongPassword):
            self.failures += 1
            self._remaining = retry_delay(self.failures)
        elif isinstance(exc, TooManyAttempts):
            self._remaining = int(exc.params.get("seconds", 1))
        self._show_error(error_text(exc))
        if self._remaining:
            self.button.setEnabled(False)
            self._countdown.start()
            self._update_button()

    def _tick(self) -> None:
        self._remaining = max(0, self._remaining - 1)
        if not self._remaining:
            self._countdown.stop()
            self.button.setEnabled(True)
        self._update_button()

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.button.setEnabled(not busy and not self._remaining)
        self.password.setReadOnly(busy)
        self._update_button()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.error.setAccessibleName(text)

    def _update_button(self) -> None:
        if self._remaining:
            self.button.setText(_("Try again in {seconds} s").format(seconds=self._remaining))
        elif self._job is not None:
            self.button.setText(_("Checking password…"))
        else:
            self.button.setText(_("Unlock"))

    def open_recovery(self) -> RecoveryDialog | None:
        """Opens the recovery form; a recovered session signs in like a correct password."""
        if self._recover is None:
            return None
        users = [self.user.itemText(i) for i in range(self.user.count())]
        self.recovery = RecoveryDialog(users, self.user.currentText(), self._recover, self)
        self.recovery.accepted.connect(lambda: self.succeeded.emit(self.recovery.session if self.recovery else None))
        self.recovery.open()
        return self.recovery

    @property
    def waiting(self) -> bool:
        return self._job is not None

    def focus_password(self) -> None:
        self.password.setFocus()

    def retranslate(self) -> None:
        self.title.setText(_("Beratung Desktop"))
        if self._fixed_user:
            self.subtitle.setText(
                _("Locked after a period of inactivity. Enter your password to continue where you left off.")
            )
        else:
            self.subtitle.setText(self._office or _("Sign in to open the encrypted data"))
        self.user_label.setText(_("&User"))
        self.password_label.setText(_("&Password"))
        self.user.setAccessibleName(_("User"))
        self.password.setAccessibleName(_("Password"))
        self.button.setAccessibleName(_("Unlock"))
        self.busy.setAccessibleName(_("Checking password"))
        self.forgot.setText(_("&Forgot password?"))
        if self._hint:
            self.demo_hint.setText(self._hint)
        self._update_button()

    def set_hint(self, hint: str) -> None:
        self._hint = hint
        self.demo_hint.setText(hint)
        self.demo_hint.setVisible(bool(hint))
