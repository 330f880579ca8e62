"""The settings page's users section.

Everyone: "Change my password…". Team leads and administrators also see their colleagues (name, login,
role, whether they still use a password somebody else chose) and can add a colleague with a first
password they must replace at their first sign-in, reset a forgotten password the same way, and remove
a colleague. Removing re-keys the store, which draws a new recovery key: it is shown once, to be printed
or saved, because the old sheet no longer opens the data.

Slow steps (Argon2 for a key slot, re-encrypting the database) run in workers.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..domain.catalogues import ROLES
from ..domain.users import USER_NAME, suggest_login
from ..domain.validation import ValidationError
from ..errors import error_text
from ..i18n import _
from ..services import accounts
from ..services.session import Session
from ..storage.keyslots import DEFAULT_KDF, KdfParams
from .forms.field_errors import FieldErrors, issue_text, with_error
from .forms.flow_layout import FlowLayout
from .forms.new_password import NewPasswordFields
from .password_change_dialog import PasswordChangeDialog
from .qt import Qt, QtCore, QtGui, QtWidgets
from .recovery_key_sheet import RecoveryKeyDialog
from .retranslating import Retranslating
from .style import set_role
from .worker import Job, start_job


def _plain(label: str) -> str:
    return label.replace("&", "")


class _WorkerDialog(QtWidgets.QDialog):
    """A small form whose OK runs one service call in a worker; refusals appear at their fields."""

    def __init__(self, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self._job: Job | None = None
        self.errors = FieldErrors()
        self.general_error = QtWidgets.QLabel()
        set_role(self.general_error, "error")
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        self.busy = QtWidgets.QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(6)
        self.busy.hide()
        self.buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok | QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

    def ready(self) -> bool:
        return True

    def update_button(self) -> None:
        self.ok_button.setEnabled(self._job is None and self.ready())

    def work(self) -> Callable[[], Any]:
        raise NotImplementedError

    def submit(self) -> None:
        if self._job is not None or not self.ready():
            return
        self.errors.clear()
        self.general_error.hide()
        self._job = start_job(self.work(), self._done, self._failed)
        self.busy.show()
        self.update_button()

    def _done(self, result: object) -> None:
        self._job = None
        self.busy.hide()
        self.result_value = result
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._job = None
        self.busy.hide()
        self.update_button()
        unplaced = self.errors.show(exc.issues) if isinstance(exc, ValidationError) else []
        text = "\n".join(issue_text(i) for i in unplaced) if isinstance(exc, ValidationError) else error_text(exc)
        if text:
            self.general_error.setText(text)
            self.general_error.setAccessibleName(text)
            self.general_error.show()

    def reject(self) -> None:
        if self._job is None:
            super().reject()

    @property
    def waiting(self) -> bool:
        return self._job is not None


class ColleagueDialog(_WorkerDialog):
    """Full name, suggested login name, role and a first password typed twice."""

    def __init__(self, session: Session, kdf: KdfParams, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.session, self.kdf = session, kdf
        self.setWindowTitle(_("Add a colleague"))
        self.intro = QtWidgets.QLabel(
            _(
                "Give your colleague the login name and the first password in person. At their first "
                "sign-in they must choose their own password."
            )
        )
        self.intro.setWordWrap(True)
        self.display = QtWidgets.QLineEdit()
        self.login = QtWidgets.QLineEdit()
        self.login.setValidator(
            QtGui.QRegularExpressionValidator(QtCore.QRegularExpression(r"[a-z0-9._-]{0,32}"), self.login)
        )
        self._login_touched = False
        self.display.textEdited.connect(self._suggest_login)
        self.login.textEdited.connect(self._touched)
        self.role = QtWidgets.QComboBox()
        # Only an administrator may make another administrator.
        roles = [e for e in ROLES if e.code != "admin" or session.user.role == "admin"]
        for entry in roles:
            self.role.addItem(_(entry.label), entry.code)
        self.fields = NewPasswordFields()
        self.fields.retranslate(_("&First password"), _("Re&peat the first password"))
        self.fields.changed.connect(self.update_button)
        form = QtWidgets.QFormLayout()
        form.setRowWrapPolicy(QtWidgets.QFormLayout.RowWrapPolicy.WrapLongRows)
        for label, widget, field in (
            (_("&Full name"), self.display, "display_name"),
            (_("&Login name"), self.login, "name"),
            (_("&Role"), self.role, "role"),
        ):
            caption = QtWidgets.QLabel(label)
            caption.setBuddy(widget)
            widget.setAccessibleName(_plain(label))
            form.addRow(caption, with_error(widget, self.errors, field))
        self.login_hint = QtWidgets.QLabel(_("2 to 32 lower-case letters, digits, dots, dashes or underscores."))
        set_role(self.login_hint, "hint")
        self.login_hint.setWordWrap(True)
        form.insertRow(2, "", self.login_hint)
        self.errors.register("password", self.fields.password)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.fields)
        layout.addWidget(self.general_error)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)
        self.ok_button.setText(_("&Add colleague"))
        self.setMinimumWidth(500)
        self.update_button()

    def _touched(self) -> None:
        self._login_touched = True
        self.fields.user_name = self.login.text()
        self.update_button()

    def _suggest_login(self, text: str) -> None:
        if not self._login_touched:
            self.login.setText(suggest_login(text))
            self.fields.user_name = self.login.text()
        self.update_button()

    def ready(self) -> bool:
        return bool(USER_NAME.match(self.login.text())) and self.fields.acceptable()

    def work(self) -> Callable[[], Any]:
        session, kdf = self.session, self.kdf
        login, role, display = self.login.text(), self.role.currentData(), self.display.text().strip()
        password = self.fields.text()
        return lambda: accounts.add_user(
            session, login, role, password, display_name=display, kdf=kdf, must_change=True
        )


class ResetPasswordDialog(_WorkerDialog):
    """A new first password for a colleague who forgot theirs; they replace it at the next sign-in."""

    def __init__(
        self, session: Session, colleague: accounts.Colleague, kdf: KdfParams, parent: QtWidgets.QWidget | None = None
    ):
        super().__init__(parent)
        self.session, self.kdf, self.colleague = session, kdf, colleague
        self.setWindowTitle(_("Reset password"))
        self.intro = QtWidgets.QLabel(
            _(
                "{name} gets a new first password from you and must choose their own at the next sign-in. "
                "Their records stay as they are."
            ).format(name=colleague.user.label)
        )
        self.intro.setWordWrap(True)
        self.fields = NewPasswordFields()
        self.fields.user_name = colleague.user.name
        self.fields.retranslate(_("&First password"), _("Re&peat the first password"))
        self.fields.changed.connect(self.update_button)
        self.errors.register("password", self.fields.password)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.fields)
        layout.addWidget(self.general_error)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)
        self.ok_button.setText(_("&Reset password"))
        self.setMinimumWidth(480)
        self.update_button()

    def ready(self) -> bool:
        return self.fields.acceptable()

    def work(self) -> Callable[[], Any]:
        session, kdf, name, password = self.session, self.kdf, self.colleague.user.name, self.fields.text()
        return lambda: accounts.reset_password(session, name, password, kdf=kdf)


COLUMNS = ("name", "login", "role", "state")


class UsersPanel(Retranslating, QtWidgets.QWidget):
    """The users section of the settings page (see the module text)."""

    def __init__(
        self,
        session: Session,
        *,
        kdf: KdfParams = DEFAULT_KDF,
        folder: Path | None = None,
        parent: QtWidgets.QWidget | None = None,
    ):
        super().__init__(parent)
        self.session, self.kdf = session, kdf
        self.folder = Path(folder) if folder is not None else session.store.folder
        self.manages = session.user.leads_team
        self.colleagues: list[accounts.Colleague] = []
        self.dialog: QtWidgets.QDialog | None = None
        self.confirm: QtWidgets.QMessageBox | None = None
        self.key_dialog: RecoveryKeyDialog | None = None
        self.progress: QtWidgets.QProgressDialog | None = None
        self._job: Job | None = None
        self._build()
        self.retranslate()
        self.refresh()

    def _build(self) -> None:
        self.title = QtWidgets.QLabel()
        set_role(self.title, "subtitle")
        self.table = QtWidgets.QTableWidget(0, len(COLUMNS))
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMaximumHeight(190)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.add_button = QtWidgets.QPushButton()
        self.reset_button = QtWidgets.QPushButton()
        self.remove_button = QtWidgets.QPushButton()
        self.own_button = QtWidgets.QPushButton()
        self.add_button.clicked.connect(self.add_colleague)
        self.reset_button.clicked.connect(self.reset_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.own_button.clicked.connect(self.change_own_password)
        self.done_note = QtWidgets.QLabel()
        set_role(self.done_note, "hint")
        self.done_note.setWordWrap(True)
        # Wraps onto a second line where German or Russian labels do not fit one.
        buttons = FlowLayout()
        for button in (self.add_button, self.reset_button, self.remove_button):
            button.setVisible(self.manages)
            buttons.addWidget(button)
        buttons.addWidget(self.own_button)
        self.table.setVisible(self.manages)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.done_note)

    # -- list ----------------------------------------------------------------------------------------

    def refresh(self) -> None:
        if not self.manages:
            return
        selected = self.selected()
        self.colleagues = accounts.colleagues(self.session)
        self.table.setRowCount(len(self.colleagues))
        for row, colleague in enumerate(self.colleagues):
            for column, text in enumerate(self._cells(colleague)):
                item = QtWidgets.QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, colleague.user.name)
                self.table.setItem(row, column, item)
            if selected is not None and colleague.user.name == selected.user.name:
                self._select_row(row)
        self._update_buttons()

    def _cells(self, colleague: accounts.Colleague) -> list[str]:
        user = colleague.user
        if user.id == self.session.user.id:
            state = _("You")
        elif colleague.must_change_password:
            state = _("Has not chosen a password yet")
        else:
            state = ""
        return [user.display_name, user.name, _(ROLES.label(user.role)), state]

    def selected(self) -> accounts.Colleague | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self.colleagues):
            return None
        return self.colleagues[rows[0].row()]

    def select(self, login: str) -> None:
        for row, colleague in enumerate(self.colleagues):
            if colleague.user.name == login:
                self._select_row(row)

    def _select_row(self, row: int) -> None:
        # selectRow() selects nothing in a right-to-left table not yet laid out; the model always does.
        flags = QtCore.QItemSelectionModel.SelectionFlag
        self.table.selectionModel().select(self.table.model().index(row, 0), flags.ClearAndSelect | flags.Rows)

    def _update_buttons(self) -> None:
        colleague = self.selected()
        other = colleague is not None and colleague.user.id != self.session.user.id
        allowed = other and (colleague.user.role != "admin" or self.session.user.role == "admin")
        self.reset_button.setEnabled(allowed)
        self.remove_button.setEnabled(allowed)

    # -- actions -------------------------------------------------------------------------------------

    def add_colleague(self) -> ColleagueDialog:
        dialog = ColleagueDialog(self.session, self.kdf, self)
        dialog.accepted.connect(lambda: self._added(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _added(self, dialog: ColleagueDialog) -> None:
        user = dialog.result_value
        self.refresh()
        self.select(user.name)
        self.done_note.setText(
            _("{name} can now sign in as “{login}” with the first password and will then choose their own.").format(
                name=user.label, login=user.name
            )
        )

    def reset_selected(self) -> ResetPasswordDialog | None:
        colleague = self.selected()
        if colleague is None:
            return None
        dialog = ResetPasswordDialog(self.session, colleague, self.kdf, self)
        dialog.accepted.connect(lambda: self._reset_done(colleague))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _reset_done(self, colleague: accounts.Colleague) -> None:
        self.refresh()
        self.done_note.setText(
            _("{name} signs in with the new first password and then chooses their own.").format(
                name=colleague.user.label
            )
        )

    def remove_selected(self) -> QtWidgets.QMessageBox | None:
        colleague = self.selected()
        if colleague is None:
            return None
        box = QtWidgets.QMessageBox(
            QtWidgets.QMessageBox.Icon.Warning,
            _("Remove colleague"),
            _("Remove {name} ({login})?").format(name=colleague.user.label, login=colleague.user.name),
            QtWidgets.QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setInformativeText(
            _(
                "Their records and the audit log stay. To shut out their old password for good, the data is "
                "re-encrypted with a new key: afterwards a new recovery key is shown, which you must print "
                "or save. Other colleagues keep their passwords. Close Beratung Desktop on other computers "
                "using this data folder first."
            )
        )
        self.remove_confirm_button = box.addButton(_("&Remove"), QtWidgets.QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QtWidgets.QMessageBox.StandardButton.Cancel)
        box.buttonClicked.connect(
            lambda button: self._remove(colleague) if button is self.remove_confirm_button else None
        )
        self.confirm = box
        box.open()
        return box

    def _remove(self, colleague: accounts.Colleague) -> None:
        progress = QtWidgets.QProgressDialog(_("Re-encrypting the data with a new key…"), "", 0, 0, self)
        progress.setCancelButton(None)
        progress.setWindowTitle(_("Remove colleague"))
        progress.setMinimumDuration(0)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.show()
        self.progress = progress
        session, name = self.session, colleague.user.name
        self._job = start_job(lambda: accounts.remove_user(session, name), self._removed, self._remove_failed)

    def _end_progress(self) -> None:
        self._job = None
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _removed(self, removed: accounts.UserRemoved) -> None:
        self._end_progress()
        self.refresh()
        reason = _(
            "{name} was removed and the data re-encrypted, so their old password opens nothing any more. "
            "This is the new recovery key: the previous sheet opens only backups made before today. "
            "Print it or save it to a USB stick now and destroy the old sheet."
        ).format(name=removed.user.label)
        if removed.needs_new_password:
            reason += " " + _("These colleagues need a new password from you: {names}.").format(
                names=", ".join(removed.needs_new_password)
            )
        office = self.session.store.meta("office_name")
        self.key_dialog = RecoveryKeyDialog(removed.recovery_key, office, self.folder, reason, self)
        self.key_dialog.open()
        self.done_note.setText(_("{name} was removed.").format(name=removed.user.label))

    def _remove_failed(self, exc: BaseException) -> None:
        self._end_progress()
        QtWidgets.QMessageBox.warning(self, _("Remove colleague"), error_text(exc))

    def change_own_password(self) -> PasswordChangeDialog:
        dialog = PasswordChangeDialog(self.session, forced=False, kdf=self.kdf, parent=self)
        dialog.accepted.connect(lambda: self.done_note.setText(_("Your password was changed.")))
        dialog.accepted.connect(self.refresh)
        self.dialog = dialog
        dialog.open()
        return dialog

    @property
    def waiting(self) -> bool:
        return self._job is not None

    def retranslate(self) -> None:
        self.title.setText(_("Users") if self.manages else _("Your account"))
        self.table.setHorizontalHeaderLabels([_("Name"), _("Login name"), _("Role"), _("Password")])
        self.table.setAccessibleName(_("Users"))
        self.add_button.setText(_("&Add colleague…"))
        self.reset_button.setText(_("Reset pass&word…"))
        self.remove_button.setText(_("Remo&ve…"))
        self.own_button.setText(_("&Change my password…"))
        self.done_note.setText("")
        if self.colleagues:
            self.refresh()
