"""Recording a consultation in under a minute: everything prefilled, topics as chips, Ctrl+S saves."""

from __future__ import annotations

import dataclasses

from ...domain.appointments import Appointment
from ...domain.cases import Case, target_group_message
from ...domain.catalogues import FORMS, SERVICE_SHORT, SERVICES
from ...domain.clients import Client
from ...domain.consultations import Consultation
from ...i18n import _
from ...i18n.formatting import format_date
from ...services import casework
from ...services.interpreters import interpreter_choices
from ...services.partners import partner_choices
from ..forms.catalogue_combo import CodeCombo
from ..forms.chips import TopicChips
from ..forms.date_inputs import DateTimeEdit, rounded_now
from ..forms.field_errors import issue_text
from ..forms.form_dialog import FormDialog
from ..forms.minutes_input import MinutesInput
from ..forms.radio_choice import RadioChoice
from ..network.short_contact_dialog import language_combo
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
        self.resize(900, 680)
        self.topics.first_chip().setFocus()

    def _build(self, case: Case | None) -> None:
        form = QtWidgets.QFormLayout(self.body)
        self.case = CodeCombo()
        # "Open a new case: <long service name>" must not widen the form past the screen.
        self.case.setSizeAdjustPolicy(QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.case.setMinimumContentsLength(30)
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
        self.interpreter_person = CodeCombo()
        keep = self.original.interpreter_id if self.original else None
        pool = interpreter_choices(self.session, keep)
        self.interpreter_person.set_items([("", _("No one from the pool"))] + [(i.id, i.name) for i in pool])
        self.interpreter_person.setSizeAdjustPolicy(
            QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.interpreter_person.setMinimumContentsLength(14)
        self.interpreter_language = language_combo(_("(language not recorded)"))
        spoken = [code for code in self.client.languages if code not in ("de", "en")]
        if self.client.interpreter_needed and spoken:
            self.interpreter_language.set_code(spoken[0])
        if self.appointment is not None and self.appointment.interpreter_id:
            self.interpreter_person.set_code(self.appointment.interpreter_id)
            self.interpreter_language.set_code(self.appointment.interpreter_language)
            self.interpreter.setChecked(True)
        self.interpreter_person.currentIndexChanged.connect(self._interpreter_chosen)
        self.referral = CodeCombo()
        keep_partner = self.original.referral_partner_id if self.original else None
        partners = [(p.id, p.name) for p in partner_choices(self.session, keep_partner)]
        self.referral.set_items([("", _("No referral")), *partners])
        self.referral_purpose = QtWidgets.QLineEdit()
        self.referral_purpose.setPlaceholderText(_("Purpose of the referral, e.g. appointment to apply for benefits"))
        self.referral.currentIndexChanged.connect(self._referral_chosen)
        self.target_reason = QtWidgets.QLineEdit()
        self.target_reason.setPlaceholderText(_("Why the case is opened outside the target group"))
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
        self.target_caption = self.row(form, _("Rea&son:"), self.target_reason, "target_group_reason")
        self.case.currentIndexChanged.connect(self.check_target_group)
        form.addRow(self.interpreter)
        interpreting = QtWidgets.QHBoxLayout()
        interpreting.setContentsMargins(0, 0, 0, 0)
        interpreting.addWidget(self.interpreter_person, 1)
        interpreting.addWidget(self.interpreter_language, 1)
        box = QtWidgets.QWidget()
        box.setLayout(interpreting)
        caption = self.row(form, _("Interpreter and lan&guage:"), box)
        caption.setBuddy(self.interpreter_person)
        self.interpreter_person.setAccessibleName(_("Interpreter"))
        self.interpreter_language.setAccessibleName(_("Language interpreted"))
        self.row(form, _("&Referral to:"), self.referral, "referral_partner_id")
        self.purpose_caption = self.row(form, _("Pur&pose:"), self.referral_purpose, "purpose")
        self.row(form, _("&Notes:"), self.notes, "notes")
        self.form_layout = form
        self._referral_chosen()
        self.check_target_group()

    def _interpreter_chosen(self) -> None:
        if self.interpreter_person.code():
            self.interpreter.setChecked(True)

    def _referral_chosen(self) -> None:
        self.form_layout.setRowVisible(self.purpose_caption, bool(self.referral.code()))

    def check_target_group(self) -> None:
        """A new case outside its service's target group needs a reason (shown only then)."""
        choice = self.case.code()
        warning = None
        if choice.startswith(NEW_CASE):
            service = choice[len(NEW_CASE) :]
            day = self.start.value().date()
            warning = target_group_message(
                Case(client_id=self.client.id, service=service, counsellor_id="", opened=day), self.client
            )
        self.form_layout.setRowVisible(self.target_caption, warning is not None)
        label = self.errors.label("target_group_reason")
        if warning is not None:
            label.show_message(issue_text(warning) + " " + _("Enter a reason to open the case anyway."))
        else:
            label.clear_message()

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
        self.interpreter_person.set_code(c.interpreter_id or "")
        self.interpreter_language.set_code(c.interpreter_language)
        self.referral.set_code(c.referral_partner_id or "")
        referral = next(iter(self.session.store.referrals.naming("consultation_id", c.id)), None)
        if referral is not None:
            self.referral_purpose.setText(referral.purpose)
        self._referral_chosen()
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
            interpreter_id=self.interpreter_person.code() or None if self.interpreter.isChecked() else None,
            interpreter_language=self.interpreter_language.code() if self.interpreter.isChecked() else "",
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
            referral_purpose=self.referral_purpose.text(),
            target_group_reason=self.target_reason.text().strip(),
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
