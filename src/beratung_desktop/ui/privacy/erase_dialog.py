"""Erasing one client (Art. 17 GDPR): a reason, the client's name typed as confirmation, then the service.

The dialog refuses up front when a legal hold is in force and names the hold's reason; the service
checks everything again, so what the dialog shows can never be the only guard.
"""

from __future__ import annotations

from datetime import date

from ...domain.catalogues import ERASURE_REASONS
from ...domain.clients import Client
from ...errors import AppError, error_text
from ...i18n import N_, _
from ...i18n.formatting import format_date
from ...services import privacy
from ...services.privacy import ErasureResult
from ...services.session import Session
from ..forms.catalogue_combo import CatalogueCombo
from ..forms.message_bar import MessageBar
from ..qt import Qt, QtWidgets
from ..style import set_role


class EraseDialog(QtWidgets.QDialog):
    def __init__(self, session: Session, client: Client, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.client = client
        self.result_: ErasureResult | None = None
        self.setWindowTitle(_("Erase client"))
        self.setAccessibleName(_("Erase client"))
        self.banner = MessageBar(self)
        self.explanation = QtWidgets.QLabel(self)
        self.explanation.setWordWrap(True)
        self.explanation.setText(
            _(
                "Erasing removes {name} for good: names, contact data, address, household, notes, "
                "consultation notes, goals, appointments and consents. Only a pseudonymous skeleton without "
                "any name stays, so that figures already reported do not change. This cannot be undone."
            ).format(name=client.display_name)
        )
        self.reason = CatalogueCombo(ERASURE_REASONS, empty_label=N_("Choose the reason…"))
        self.reason.setAccessibleName(_("Reason for the erasure"))
        self.confirmation = QtWidgets.QLineEdit(self)
        self.confirmation.setAccessibleName(_("Client's name as confirmation"))
        self.confirmation.setPlaceholderText(client.display_name)
        self.hint = QtWidgets.QLabel(
            _("Type the client's name ({name}) or number ({number}) to confirm.").format(
                name=client.display_name, number=client.client_number
            ),
            self,
        )
        self.hint.setWordWrap(True)
        set_role(self.hint, "hint")
        form = QtWidgets.QFormLayout()
        form.addRow(_("Reason for the &erasure:"), self.reason)
        form.addRow(_("&Confirmation:"), self.confirmation)
        form.addRow("", self.hint)
        self.buttons = QtWidgets.QDialogButtonBox(self)
        role = QtWidgets.QDialogButtonBox.ButtonRole
        self.erase_button = self.buttons.addButton(_("&Erase for good"), role.AcceptRole)
        self.erase_button.setAutoDefault(False)
        self.cancel_button = self.buttons.addButton(_("Cancel"), role.RejectRole)
        self.cancel_button.setAutoDefault(False)
        self.erase_button.clicked.connect(self.erase)
        self.cancel_button.clicked.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.explanation)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.reason.currentIndexChanged.connect(self._sync)
        self.confirmation.textChanged.connect(self._sync)
        self.resize(620, 320)
        self._refuse_if_held()
        self._sync()
        self.reason.setFocus(Qt.FocusReason.OtherFocusReason)

    def _refuse_if_held(self) -> None:
        hold = privacy.active_hold(self.session, self.client.id)
        if hold is None:
            self.held = False
            return
        self.held = True
        until = format_date(hold.until) if hold.until else "-"
        self.banner.show_message(
            _(
                "This client is under a legal hold ({reason}, until {until}); nothing can be erased. "
                "Lift the hold in the retention review first."
            ).format(reason=hold.reason, until=until),
            "error",
        )
        for widget in (self.reason, self.confirmation):
            widget.setEnabled(False)

    def _sync(self) -> None:
        ready = (
            not self.held
            and bool(self.reason.code())
            and privacy.confirmation_matches(self.client, self.confirmation.text())
        )
        self.erase_button.setEnabled(ready)

    def erase(self) -> None:
        if not self.erase_button.isEnabled():
            return
        QtWidgets.QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        try:
            self.result_ = privacy.erase_client(
                self.session, self.client.id, self.reason.code(), self.confirmation.text(), date.today()
            )
        except AppError as exc:
            self.banner.show_message(error_text(exc), "error")
            return
        finally:
            QtWidgets.QApplication.restoreOverrideCursor()
        self.accept()
