"""Work without a client (network meeting, group offer, course visit), recorded like a consultation."""

from __future__ import annotations

import dataclasses

from ...domain.activities import Activity
from ...domain.catalogues import ACTIVITY_TYPES, SERVICES
from ...i18n import _
from ...services import casework
from ...services.partners import partner_choices
from ..forms.catalogue_combo import CatalogueCombo, CodeCombo
from ..forms.date_inputs import DateEdit
from ..forms.form_dialog import FormDialog
from ..forms.minutes_input import MinutesInput
from ..qt import QtWidgets


class ActivityDialog(FormDialog):
    def __init__(
        self, session, parent: QtWidgets.QWidget | None = None, service: str = "mbe", activity: Activity | None = None
    ):
        super().__init__(session, _("Activity without a client"), parent)
        form = QtWidgets.QFormLayout(self.body)
        self.kind = CatalogueCombo(ACTIVITY_TYPES)
        self.service = CatalogueCombo(SERVICES)
        self.service.set_code(service)
        self.day = DateEdit()
        self.minutes = MinutesInput(90, quick=(30, 60, 90, 120, 180))
        self.title = QtWidgets.QLineEdit()
        self.title.setPlaceholderText(_("e.g. Round table with the Jobcentre"))
        self.participants = QtWidgets.QSpinBox()
        self.participants.setRange(0, 10000)
        self.partner = CodeCombo()
        choices = partner_choices(session, activity.partner_id if activity else None)
        self.partner.set_items([("", _("No partner"))] + [(p.id, p.name) for p in choices])
        self.notes = QtWidgets.QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.row(form, _("&Kind:"), self.kind, "kind")
        self.row(form, _("Ser&vice:"), self.service, "service")
        self.row(form, _("&Date:"), self.day, "day")
        self.row(form, _("D&uration:"), self.minutes, "minutes")
        self.row(form, _("&Title:"), self.title, "title")
        self.row(form, _("&Participants:"), self.participants, "participants")
        self.row(form, _("Net&work partner:"), self.partner, "partner_id")
        self.row(form, _("&Notes:"), self.notes, "notes")
        self.original = activity
        if activity is not None:
            self._load(activity)
        self.resize(620, 480)
        self.kind.setFocus()

    def _load(self, a: Activity) -> None:
        self.kind.set_code(a.kind)
        self.service.set_code(a.service)
        self.day.set_value(a.day)
        self.minutes.set_value(a.minutes)
        self.title.setText(a.title)
        self.participants.setValue(a.participants)
        self.partner.set_code(a.partner_id or "")
        self.notes.setPlainText(a.notes)

    def activity(self) -> Activity:
        values = dict(
            kind=self.kind.code(),
            service=self.service.code(),
            day=self.day.value(),
            minutes=self.minutes.value(),
            title=self.title.text().strip(),
            participants=self.participants.value(),
            partner_id=self.partner.code() or None,
            notes=self.notes.toPlainText().strip(),
        )
        if self.original is not None:
            return dataclasses.replace(self.original, **values)
        return Activity(counsellor_id=self.session.user.id, **values)

    def save(self) -> str:
        return casework.record_activity(self.session, self.activity()).id
