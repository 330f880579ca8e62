"""A new deadline of a client (from a document or a consultation), moving one with a reason, dropping one."""

from __future__ import annotations

from datetime import date, timedelta

from ...domain.catalogues import DEADLINE_KINDS
from ...domain.clients import Client
from ...domain.deadlines import Deadline
from ...i18n import _
from ...i18n.formatting import format_date
from ...services import deadlines
from ..forms.catalogue_combo import CatalogueCombo
from ..forms.date_inputs import DateEdit
from ..forms.form_dialog import FormDialog
from ..qt import QtWidgets


class DeadlineDialog(FormDialog):
    def __init__(
        self,
        session,
        client: Client,
        *,
        document_id: str | None = None,
        consultation_id: str | None = None,
        kind: str = "appeal",
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(session, _("New deadline for {name}").format(name=client.display_name), parent)
        self.client = client
        self.document_id = document_id
        self.consultation_id = consultation_id
        form = QtWidgets.QFormLayout(self.body)
        self.kind = CatalogueCombo(DEADLINE_KINDS)
        self.kind.set_code(kind)
        # An appeal against a Bescheid is usually due a month after it arrived.
        self.due = DateEdit(date.today() + timedelta(days=28))
        self.note = QtWidgets.QLineEdit()
        self.note.setPlaceholderText(_("e.g. Widerspruch gegen Bescheid vom ..."))
        self.row(form, _("&Kind:"), self.kind, "kind")
        self.row(form, _("&Due on:"), self.due, "due")
        self.row(form, _("&Note:"), self.note, "note")
        self.kind.setFocus()
        self.resize(520, 220)

    def save(self) -> str:
        return deadlines.set_deadline(
            self.session,
            self.client.id,
            self.kind.code(),
            self.due.value(),
            self.note.text(),
            document_id=self.document_id,
            consultation_id=self.consultation_id,
        ).id


class MoveDeadlineDialog(FormDialog):
    def __init__(self, session, deadline: Deadline, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(session, _("Move deadline"), parent)
        self.deadline = deadline
        form = QtWidgets.QFormLayout(self.body)
        self.current = QtWidgets.QLabel(
            f"{_(DEADLINE_KINDS.label(deadline.kind))}: {format_date(deadline.due)} {deadline.note}".strip()
        )
        self.current.setWordWrap(True)
        self.due = DateEdit(deadline.due + timedelta(days=14))
        self.reason = QtWidgets.QLineEdit()
        self.reason.setPlaceholderText(_("e.g. extension granted by the authority"))
        self.row(form, _("Deadline:"), self.current)
        self.row(form, _("&New date:"), self.due, "due")
        self.row(form, _("&Reason:"), self.reason, "reason")
        self.reason.setFocus()
        self.resize(520, 200)

    def save(self) -> str:
        return deadlines.move(self.session, self.deadline.id, self.due.value(), self.reason.text()).id


class DropDeadlineDialog(FormDialog):
    def __init__(self, session, deadline: Deadline, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(session, _("Drop deadline"), parent)
        self.deadline = deadline
        form = QtWidgets.QFormLayout(self.body)
        self.current = QtWidgets.QLabel(
            f"{_(DEADLINE_KINDS.label(deadline.kind))}: {format_date(deadline.due)} {deadline.note}".strip()
        )
        self.current.setWordWrap(True)
        self.reason = QtWidgets.QLineEdit()
        self.reason.setPlaceholderText(_("e.g. the authority withdrew the decision"))
        self.row(form, _("Deadline:"), self.current)
        self.row(form, _("&Reason (optional):"), self.reason, "reason")
        self.reason.setFocus()
        self.resize(520, 180)

    def save(self) -> str:
        return deadlines.drop(self.session, self.deadline.id, self.reason.text()).id
