"""A new password typed twice, with the strength hint and the mismatch message next to the fields.

Used wherever somebody chooses a password inside the app: a colleague's first password, a reset, and
the colleague's own password at the first sign-in. The rules are the domain's (`validate_password`);
the hint only says how far the typed text is from them.
"""

from __future__ import annotations

from ...domain.users import MIN_PASSWORD_LENGTH, PASSWORD_POLICY, password_strength, trivial_password
from ...i18n import N_, _
from ..qt import QtWidgets, Signal
from ..style import set_role
from .field_errors import FieldError

STRENGTH_LABELS = [N_("Too short"), N_("Weak"), N_("Fair"), N_("Good"), N_("Strong")]
STRENGTH_COLOURS = ["#b3261e", "#c75b12", "#b08900", "#3c8d40", "#2e7d32"]


def strength_text(password: str, score: int) -> str:
    if score == 0:
        if password and len(password) >= MIN_PASSWORD_LENGTH:
            return _("Too easy to guess: choose a short sentence instead.")
        return _("Too short: use at least {n} characters.").format(n=MIN_PASSWORD_LENGTH)
    advice = "" if score >= 3 else " " + _("Longer is better: a short sentence is easy to remember.")
    return _("Strength: {label}.").format(label=_(STRENGTH_LABELS[score])) + advice


class NewPasswordFields(QtWidgets.QWidget):
    """Two password rows for a QFormLayout-like grid; `changed` fires on every keystroke."""

    changed = Signal()

    def __init__(self, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.user_name = ""  # the login name is not an acceptable password
        self.password = QtWidgets.QLineEdit()
        self.repeat = QtWidgets.QLineEdit()
        for edit in (self.password, self.repeat):
            edit.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
            edit.textChanged.connect(self._update)
        self.strength = QtWidgets.QProgressBar()
        self.strength.setRange(0, 4)
        self.strength.setTextVisible(False)
        self.strength.setMaximumHeight(8)
        self.strength_hint = QtWidgets.QLabel()
        set_role(self.strength_hint, "hint")
        self.strength_hint.setWordWrap(True)
        self.error = FieldError()  # refusals of the service (e.g. the same password again)
        self.mismatch = FieldError()
        self.policy = QtWidgets.QLabel()
        set_role(self.policy, "hint")
        self.policy.setWordWrap(True)
        self.password_label, self.repeat_label = QtWidgets.QLabel(), QtWidgets.QLabel()
        self.password_label.setBuddy(self.password)
        self.repeat_label.setBuddy(self.repeat)
        form = QtWidgets.QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QtWidgets.QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.policy)
        form.addRow(self.password_label, self.password)
        form.addRow("", self.strength)
        form.addRow("", self.strength_hint)
        form.addRow("", self.error)
        form.addRow(self.repeat_label, self.repeat)
        form.addRow("", self.mismatch)
        self.retranslate()

    def text(self) -> str:
        return self.password.text()

    def acceptable(self) -> bool:
        text = self.password.text()
        return password_strength(text) > 0 and not trivial_password(text, self.user_name) and text == self.repeat.text()

    def show_error(self, text: str) -> None:
        self.error.show_message(text)
        self.password.setAccessibleDescription(text)
        self.password.setFocus()
        self.password.selectAll()

    def _update(self) -> None:
        text = self.password.text()
        score = password_strength(text)
        if score and trivial_password(text, self.user_name):
            score = 0
        self.strength.setValue(score)
        self.strength.setStyleSheet(f"QProgressBar::chunk {{ background: {STRENGTH_COLOURS[score]}; }}")
        self.strength_hint.setText(strength_text(text, score) if text else "")
        self.strength.setAccessibleDescription(self.strength_hint.text())
        self.error.clear_message()
        differs = bool(self.repeat.text()) and self.repeat.text() != text
        self.mismatch.show_message(_("The two passwords differ.") if differs else "")
        self.changed.emit()

    def retranslate(self, password_label: str = "", repeat_label: str = "") -> None:
        self.policy.setText(_(PASSWORD_POLICY).format(n=MIN_PASSWORD_LENGTH))
        self.password_label.setText(password_label or _("&New password"))
        self.repeat_label.setText(repeat_label or _("Re&peat the new password"))
        self.password.setAccessibleName(self.password_label.text().replace("&", ""))
        self.repeat.setAccessibleName(self.repeat_label.text().replace("&", ""))
        self.strength.setAccessibleName(_("Password strength"))
        self._update()
