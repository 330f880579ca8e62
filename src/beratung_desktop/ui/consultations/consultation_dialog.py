"""Recording a consultation in under a minute: everything prefilled, topics as chips, Ctrl+S saves."""

from __future__ import annotations

import dataclasses

from ...domain.appointments import Appointment
from ...domain.cases import Case
from ...domain.catalogues import FORMS, SERVICE_SHORT, SERVICES
from ...domain.clients import Client
from ...domain.consultations import Consultation
from ...i18n import _
from ...i18n.formatting import format_date
from ...services import casework
from ...services.partners import list_partners
from ..forms.catalogue_combo import CodeCombo
from ..forms.chips import TopicChips
from ..forms.date_inputs import DateTimeEdit, rounded_now
from ..forms.form_dialog import FormDialog
from ..forms.minutes_input import MinutesInput
from ..forms.radio_choice import RadioChoice
from ..qt import QtWidgets

NEW_CASE = "new:"
DEFAULT_MINUTES = 45


def case_label(case: Case) -> str:
    short = SERVICE_SHORT.get(case.service, case.service)
    return _("{service} case, opened {date}").format(service=short, date=format_date(case.opened))


class ConsultationDialog(FormDialog):
    def __init__(
        self,
        session,
        client: Client,
        case: Case | None = None,
        appointment: Appointment | None = None,
        parent: QtWidgets.QWidget | None = None,
        consultation: Consultation | None = None,
    ):
        super().__init__(session, _("Consultation with {name}").format(name=client.display_name), parent)
        self.client = client
        self.appointment = appointment
        self.original = consultation
        self._build(case)
        if consultation is not None:
            self._load(consultation)
        self.resize(760, 600)
        self.topics.first_chip().setFocus()

    def _build(self, case: Case | None) -> None:
        form = QtWidgets.QFormLayout(self.body)
        self.case = CodeCombo()
        cases = casework.open_cases(self.session, self.client.id)
        items = [(c.id, case_label(c)) for c in cases]
        items += [(NEW_CASE + e.code, _("Open a new case: {service}").format(service=_(e.label))) for e in SERVICES]
        self.case.set_items(items)
        if case is not None:
            self.case.set_code(case.id)
        if not cases:
            self.banner.show_message(
                _("This client has no open case. A new case is opened for the chosen service when you save.")
            )
        start = self.appointment.start if self.appointment else rounded_now()
        self.start = DateTimeEdit(start)
        minutes = DEFAULT_MINUTES
        if self.appointment:
            minutes = int((self.appointment.end - self.appointment.start).total_seconds() // 60)
        self.minutes = MinutesInput(minutes)
        outreach = self.appointment is not None and self.appointment.outreach
        self.form = RadioChoice(FORMS, "outreach" if outreach else "in_person")
        self.topics = TopicChips()
        self.interpreter = QtWidgets.QCheckBox(_("&Interpreter used"))
        self.interpreter.setAccessibleName(_("Interpreter used"))
        self.interpreter.setChecked(self.client.interpreter_needed)
        self.referral = CodeCombo()
        partners = [(p.id, p.name) for p in list_partners(self.session)]
        self.referral.set_items([("", _("No referral")), *partners])
        self.notes = QtWidgets.QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(90)

        self.row(form, _("&Case:"), self.case, "case")
        self.errors.alias("service", "case")
        self.errors.alias("opened", "case")
        self.row(form, _("&Date and time:"), self.start, "start")
        self.row(form, _("D&uration:"), self.minutes, "minutes")
        self.row(form, _("&Form:"), self.form, "form")
        self.row(form, _("&Topics:"), self.topics, "topics")
        form.addRow("", self.interpreter)
        self.row(form, _("&Referral to:"), self.referral, "referral_partner_id")
        self.row(form, _("&Notes:"), self.notes, "notes")

    def _load(self, c: Consultation) -> None:
        """Shows a recorded consultation for correction (its case stays chosen even when closed)."""
        if self.case.findData(c.case_id) < 0:
            stored = self.session.store.cases.get(c.case_id)
            self.case.insertItem(0, case_label(stored) if stored else c.case_id, c.case_id)
        self.case.set_code(c.case_id)
        self.banner.dismiss()
        self.start.set_value(c.start)
        self.minutes.set_value(c.minutes)
        self.form.set_code(c.form)
        self.topics.set_selected(c.topics)
        self.interpreter.setChecked(c.interpreter_used)
        self.referral.set_code(c.referral_partner_id or "")
        self.notes.setPlainText(c.notes)

    def consultation(self, case_id: str) -> Consultation:
        values = dict(
            case_id=case_id,
            client_id=self.client.id,
            start=self.start.value(),
            minutes=self.minutes.value(),
            form=self.form.code(),
            topics=self.topics.selected(),
            interpreter_used=self.interpreter.isChecked(),
            referral_partner_id=self.referral.code() or None,
            notes=self.notes.toPlainText().strip(),
        )
        if self.original is not None:
            return dataclasses.replace(self.original, **values)
        return Consultation(counsellor_id=self.session.user.id, **values)

    def save(self) -> str:
        choice = self.case.code()
        new_case = choice[len(NEW_CASE) :] if choice.startswith(NEW_CASE) else ""
        consultation = casework.record_consultation(
            self.session,
            self.consultation("" if new_case else choice),
            new_case_service=new_case,
            appointment_id=self.appointment.id if self.appointment is not None else "",
        )
        return consultation.id


def consultation_for_appointment(
    session, appointment_id: str, parent: QtWidgets.QWidget | None = None
) -> ConsultationDialog | None:
    """The consultation dialog prefilled from an appointment with a client; None for group/outreach only."""
    appointment = session.store.appointments.get(appointment_id)
    if appointment is None or not appointment.client_id:
        return None
    client = casework.open_client(session, appointment.client_id)
    return ConsultationDialog(session, client, appointment=appointment, parent=parent)
