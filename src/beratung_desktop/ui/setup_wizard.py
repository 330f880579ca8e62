"""First run: office name, first user, password with a strength hint, and the recovery key, which
must be printed or saved and confirmed before the app opens."""

from __future__ import annotations

from pathlib import Path

from ..domain.users import MIN_PASSWORD_LENGTH, PASSWORD_POLICY, USER_NAME, password_strength, suggest_login
from ..errors import error_text
from ..i18n import N_, _
from ..services import accounts
from ..services.session import Session
from ..storage.atomic_file import write_atomic
from ..storage.keyslots import DEFAULT_KDF, KdfParams
from .forms.check_line import CheckLine
from .qt import Qt, QtCore, QtGui, QtPrintSupport, QtWidgets
from .recovery_key_sheet import key_sheet, key_text
from .retranslating import Retranslating
from .style import set_role
from .worker import Job, start_job

STRENGTH_LABELS = [N_("Too short"), N_("Weak"), N_("Fair"), N_("Good"), N_("Strong")]
STRENGTH_COLOURS = ["#b3261e", "#c75b12", "#b08900", "#3c8d40", "#2e7d32"]


def _label(role: str = "") -> QtWidgets.QLabel:
    label = QtWidgets.QLabel()
    label.setWordWrap(True)
    if role:
        set_role(label, role)
    return label


class OfficePage(QtWidgets.QWizardPage):
    def __init__(self, folder: Path, office: str):
        super().__init__()
        self.intro = _label()
        self.office = QtWidgets.QLineEdit(office)
        self.office_label = QtWidgets.QLabel()
        self.office_label.setBuddy(self.office)
        self.folder_note = _label("hint")
        self._folder = folder
        form = QtWidgets.QFormLayout(self)
        form.addRow(self.intro)
        form.addRow(self.office_label, self.office)
        form.addRow(self.folder_note)
        self.registerField("office*", self.office)

    def retranslate(self) -> None:
        self.setTitle(_("Welcome to Beratung Desktop"))
        self.setSubTitle(_("A few steps set up the encrypted data store on this computer."))
        self.intro.setText(
            _(
                "Everything you record stays on this computer, encrypted. First, the name of "
                "your counselling office as it should appear on printouts."
            )
        )
        self.office_label.setText(_("&Office name"))
        self.office.setAccessibleName(_("Office name"))
        self.office.setPlaceholderText(_("e.g. Migrationsberatung Musterstadt"))
        self.folder_note.setText(_("Data folder: {folder}").format(folder=self._folder))


class UserPage(QtWidgets.QWizardPage):
    def __init__(self):
        super().__init__()
        self.intro = _label()
        self.display = QtWidgets.QLineEdit()
        self.login = QtWidgets.QLineEdit()
        self.login.setValidator(
            QtGui.QRegularExpressionValidator(QtCore.QRegularExpression(r"[a-z0-9._-]{0,32}"), self.login)
        )
        self.display.textEdited.connect(self._suggest_login)
        self.display_label, self.login_label = QtWidgets.QLabel(), QtWidgets.QLabel()
        self.display_label.setBuddy(self.display)
        self.login_label.setBuddy(self.login)
        self.login_hint = _label("hint")
        form = QtWidgets.QFormLayout(self)
        form.addRow(self.intro)
        form.addRow(self.display_label, self.display)
        form.addRow(self.login_label, self.login)
        form.addRow(self.login_hint)
        self.registerField("display", self.display)
        self.registerField("login*", self.login)
        self._login_touched = False
        self.login.textEdited.connect(self._touched)

    def _touched(self) -> None:
        self._login_touched = True

    def _suggest_login(self, text: str) -> None:
        if not self._login_touched:
            self.login.setText(suggest_login(text))

    def isComplete(self) -> bool:
        return bool(USER_NAME.match(self.login.text()))

    def retranslate(self) -> None:
        self.setTitle(_("First user"))
        self.setSubTitle(_("This person administers the app and can add colleagues later."))
        self.intro.setText(_("Your name as colleagues should see it, and a short login name."))
        self.display_label.setText(_("&Your name"))
        self.login_label.setText(_("&Login name"))
        self.display.setAccessibleName(_("Your name"))
        self.login.setAccessibleName(_("Login name"))
        self.login_hint.setText(_("2 to 32 lower-case letters, digits, dots, dashes or underscores."))


class PasswordPage(QtWidgets.QWizardPage):
    def __init__(self):
        super().__init__()
        self.intro = _label()
        self.password = QtWidgets.QLineEdit()
        self.repeat = QtWidgets.QLineEdit()
        for edit in (self.password, self.repeat):
            edit.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
            edit.textChanged.connect(self._update)
        self.strength = QtWidgets.QProgressBar()
        self.strength.setRange(0, 4)
        self.strength.setTextVisible(False)
        self.strength.setMaximumHeight(8)
        self.strength_hint = _label("hint")
        self.mismatch = _label("error")
        self.password_label, self.repeat_label = QtWidgets.QLabel(), QtWidgets.QLabel()
        self.password_label.setBuddy(self.password)
        self.repeat_label.setBuddy(self.repeat)
        form = QtWidgets.QFormLayout(self)
        form.addRow(self.intro)
        form.addRow(self.password_label, self.password)
        form.addRow("", self.strength)
        form.addRow("", self.strength_hint)
        form.addRow(self.repeat_label, self.repeat)
        form.addRow("", self.mismatch)
        self.registerField("password*", self.password)
        self.setCommitPage(True)

    def _update(self) -> None:
        score = password_strength(self.password.text())
        self.strength.setValue(score)
        self.strength.setStyleSheet(f"QProgressBar::chunk {{ background: {STRENGTH_COLOURS[score]}; }}")
        self.strength_hint.setText(self._strength_text(score))
        self.strength.setAccessibleDescription(self.strength_hint.text())
        differs = bool(self.repeat.text()) and self.repeat.text() != self.password.text()
        self.mismatch.setText(_("The two passwords differ.") if differs else "")
        self.completeChanged.emit()

    def _strength_text(self, score: int) -> str:
        if score == 0:
            text = self.password.text()
            if text and len(text) >= MIN_PASSWORD_LENGTH:
                return _("Too easy to guess: choose a short sentence instead.")
            return _("Too short: use at least {n} characters.").format(n=MIN_PASSWORD_LENGTH)
        advice = "" if score >= 3 else " " + _("Longer is better: a short sentence is easy to remember.")
        return _("Strength: {label}.").format(label=_(STRENGTH_LABELS[score])) + advice

    def isComplete(self) -> bool:
        return password_strength(self.password.text()) > 0 and self.password.text() == self.repeat.text()

    def retranslate(self) -> None:
        self.setTitle(_("Password"))
        self.setSubTitle(_("The password unlocks the encrypted data. Nobody can look it up for you."))
        self.intro.setText(
            _("Choose a password you do not use anywhere else.")
            + " "
            + _(PASSWORD_POLICY).format(n=MIN_PASSWORD_LENGTH)
        )
        self.password_label.setText(_("&Password"))
        self.repeat_label.setText(_("&Repeat password"))
        self.password.setAccessibleName(_("Password"))
        self.repeat.setAccessibleName(_("Repeat password"))
        self.strength.setAccessibleName(_("Password strength"))
        self._update()
        self.setButtonText(QtWidgets.QWizard.WizardButton.CommitButton, _("Create data store"))


class RecoveryPage(QtWidgets.QWizardPage):
    """Creates the store (Argon2, in a worker) on entry, then shows the recovery key."""

    def __init__(self, wizard: SetupWizard):
        super().__init__()
        self._wizard = wizard
        self.busy = QtWidgets.QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.status = _label()
        self.key = QtWidgets.QLabel()
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key.setStyleSheet(
            "font-family: monospace; font-size: 13pt; background: white; border: 1px dashed #8fa3ad; padding: 12px;"
        )
        self.key.setWordWrap(True)
        self.print_button = QtWidgets.QPushButton()
        self.save_button = QtWidgets.QPushButton()
        self.print_button.clicked.connect(self.print_key)
        self.save_button.clicked.connect(self.save_key)
        self.kept_line = CheckLine()
        self.kept = self.kept_line.box
        self.kept.toggled.connect(self.completeChanged)
        self.note = _label("hint")
        buttons = QtWidgets.QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch()
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.busy)
        layout.addWidget(self.key)
        layout.addLayout(buttons)
        layout.addWidget(self.note)
        layout.addSpacing(12)
        layout.addWidget(self.kept_line)
        layout.addStretch()
        self._show_key(False)

    def initializePage(self) -> None:
        if self._wizard.session is None:
            self._wizard.create_store()

    def _show_key(self, ready: bool) -> None:
        self.busy.setVisible(not ready)
        for widget in (self.key, self.print_button, self.save_button, self.kept_line, self.note):
            widget.setVisible(ready)

    def key_ready(self, key: str) -> None:
        self.key.setText(key)
        self._show_key(True)
        self.retranslate()

    def isComplete(self) -> bool:
        return self._wizard.session is not None and self.kept.isChecked()

    def key_document(self) -> str:
        return key_text(self.key.text(), self._wizard.field("office"), self._wizard.folder)

    def save_key(self) -> None:
        path, _filter = QtWidgets.QFileDialog.getSaveFileName(
            self, _("Save recovery key"), str(Path.home() / "beratung-recovery-key.txt"), _("Text (*.txt)")
        )
        if path:
            self.write_key(Path(path))

    def write_key(self, path: Path) -> None:
        try:
            write_atomic(path, self.key_document().encode("utf-8"))
        except Exception as exc:
            QtWidgets.QMessageBox.warning(self, _("Not saved"), error_text(exc))
            return
        self.note.setText(
            _("Saved to {path}. Move the file to a USB stick or print it, then delete it from this computer.").format(
                path=path
            )
        )

    def print_key(self) -> None:
        printer = QtPrintSupport.QPrinter()
        dialog = QtPrintSupport.QPrintDialog(printer, self)
        if dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted:
            self.key_sheet().print_(printer)

    def key_sheet(self) -> QtGui.QTextDocument:
        return key_sheet(self.key.text(), self._wizard.field("office"), self._wizard.folder)

    def retranslate(self) -> None:
        self.setTitle(_("Recovery key"))
        self.setSubTitle(_("The only way in when a password is forgotten. Keep it outside this computer."))
        if self._wizard.session is None:
            self.status.setText(_("Creating the encrypted data store…"))
        else:
            self.status.setText(
                _("Print this key or save it to a USB stick, and keep it locked away. It is shown only now.")
            )
        self.print_button.setText(_("&Print…"))
        self.save_button.setText(_("&Save as file…"))
        self.kept_line.setText(_("I have printed or saved the recovery key and will keep it safe"))
        self.key.setAccessibleName(_("Recovery key"))


class SetupWizard(Retranslating, QtWidgets.QWizard):
    def __init__(
        self, folder: Path, *, office: str = "", kdf: KdfParams = DEFAULT_KDF, parent: QtWidgets.QWidget | None = None
    ):
        super().__init__(parent)
        self.folder = Path(folder)
        self.kdf = kdf
        self.session: Session | None = None
        self.recovery_key = ""
        self._job: Job | None = None
        self.setWizardStyle(QtWidgets.QWizard.WizardStyle.ModernStyle)
        self.setOption(QtWidgets.QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QtWidgets.QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.office_page = OfficePage(self.folder, office)
        self.user_page = UserPage()
        self.password_page = PasswordPage()
        self.recovery_page = RecoveryPage(self)
        for page in (self.office_page, self.user_page, self.password_page, self.recovery_page):
            self.addPage(page)
        self.setMinimumSize(640, 480)
        self.retranslate()

    def create_store(self) -> None:
        if self._job is not None:
            return
        office, login = self.field("office").strip(), self.field("login")
        display, password = self.field("display").strip(), self.field("password")
        folder, kdf = self.folder, self.kdf
        self._job = start_job(
            lambda: accounts.create_store(folder, login, password, display_name=display, office_name=office, kdf=kdf),
            self._created,
            self._failed,
        )

    def _created(self, result: tuple[Session, str]) -> None:
        self._job = None
        self.session, self.recovery_key = result
        self.recovery_page.key_ready(self.recovery_key)
        self.recovery_page.completeChanged.emit()

    def _failed(self, exc: BaseException) -> None:
        self._job = None
        QtWidgets.QMessageBox.critical(self, _("The data store was not created"), error_text(exc))
        self.reject()

    def reject(self) -> None:
        # Once the store exists the key must be confirmed; closing early would lose it.
        if self.session is not None:
            return
        super().reject()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Set up Beratung Desktop"))
        for page in (self.office_page, self.user_page, self.password_page, self.recovery_page):
            page.retranslate()
        self.setButtonText(QtWidgets.QWizard.WizardButton.FinishButton, _("Start working"))
