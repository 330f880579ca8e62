"""Opening a case for a service, and closing it with a date and a reason."""

from __future__ import annotations

from datetime import date

from ...domain.cases import Case, target_group_message
from ...domain.catalogues import CLOSE_REASONS, SERVICES
from ...domain.clients import Client
from ...i18n import N_, _
from ...services import accounts, casework
from ..forms.catalogue_combo import CatalogueCombo, CodeCombo
from ..forms.date_inputs import DateEdit
from ..forms.field_errors import issue_text
from ..forms.form_dialog import FormDialog
from ..qt import QtWidgets


def counsellor_combo(session) -> CodeCombo:
    combo = CodeCombo()
    combo.set_items([(u.id, u.label) for u in accounts.list_users(session) if u.active])
    combo.set_code(session.user.id)
    return combo


class CaseDialog(FormDialog):
    def __init__(self, session, client: Client, parent: QtWidgets.QWidget | None = None, service: str = "mbe"):
        super().__init__(session, _("Open a case for {name}").format(name=client.display_name), parent)
        self.client = client
        form = QtWidgets.QFormLayout(self.body)
        self.service = CatalogueCombo(SERVICES)
        self.service.set_code(service)
        self.counsellor = counsellor_combo(session)
        self.opened = DateEdit(date.today())
        self.case_management = QtWidgets.QCheckBox(_("Case &management with an agreement"))
        self.case_management.setAccessibleName(_("Case management with an agreement"))
        self.reason = QtWidgets.QLineEdit()
        self.reason.setPlaceholderText(_("Why the case is opened outside the target group"))
        self.row(form, _("Ser&vice:"), self.service, "service")
        self.row(form, _("&Counsellor:"), self.counsellor, "counsellor_id")
        self.row(form, _("&Opened on:"), self.opened, "opened")
        form.addRow(self.case_management)
        self.reason_caption = self.row(form, _("&Reason:"), self.reason, "target_group_reason")
        self.form = form
        self.service.currentIndexChanged.connect(self.check_service)
        self.opened.dateChanged.connect(self.check_service)
        self.check_service()
        self.service.setFocus()
        self.resize(660, 320)

    def check_service(self) -> None:
        """Shows the service's target group (JMD: 12 to 27, MBE: over 27 with a lasting perspective, FSA:
        refugees) as soon as the service is chosen; outside it the case opens only with a reason."""
        warning = target_group_message(self.case(), self.client)
        label = self.errors.label("target_group_reason")
        self.form.setRowVisible(self.reason_caption, warning is not None)
        if warning is not None:
            label.show_message(issue_text(warning) + " " + _("Enter a reason to open the case anyway."))
        else:
            label.clear_message()

    def case(self) -> Case:
        return Case(
            client_id=self.client.id,
            service=self.service.code(),
            counsellor_id=self.counsellor.code(),
            opened=self.opened.value(),
            case_management=self.case_management.isChecked(),
            target_group_reason=self.reason.text().strip() if hasattr(self, "reason") else "",
        )

    def save(self) -> str:
        return casework.open_case(self.session, self.case()).id


class CloseCaseDialog(FormDialog):
    def __init__(self, session, case: Case, parent: QtWidgets.QWidget | None = None):
        super().__init__(session, _("Close case"), parent)
        self.case = case
        form = QtWidgets.QFormLayout(self.body)
        self.closed = DateEdit(date.today())
        self.reason = CatalogueCombo(CLOSE_REASONS, empty_label=N_("Choose a reason"))
        self.row(form, _("Closed &on:"), self.closed, "closed")
        self.row(form, _("&Reason:"), self.reason, "close_reason")
        self.reason.setFocus()
        self.resize(480, 220)

    def save(self) -> str:
        return casework.close_case(self.session, self.case.id, self.closed.value(), self.reason.code()).id
