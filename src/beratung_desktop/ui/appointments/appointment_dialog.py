"""Planning or changing an appointment, warning inline when it overlaps another of the same counsellor."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

from ...domain.appointments import Appointment
from ...domain.catalogues import APPOINTMENT_STATUSES
from ...domain.clients import Client
from ...i18n import _
from ...i18n.formatting import format_date
from ...services import casework, interpreters, scheduling
from ..cases.case_dialog import counsellor_combo
from ..clients.client_picker import ClientPicker
from ..forms.catalogue_combo import CatalogueCombo, CodeCombo
from ..forms.date_inputs import DateTimeEdit, rounded_now, time_range
from ..forms.form_dialog import FormDialog, SaveHeld
from ..forms.message_bar import MessageBar
from ..forms.minutes_input import MinutesInput
from ..qt import QtCore, QtWidgets

OVERLAP_CHECK_DELAY_MS = 250
DEFAULT_MINUTES = 60


def time_span(a: Appointment) -> str:
    return f"{format_date(a.start.date(), 'EEE d MMM')} {time_range(a.start, a.end)}"


def describe(session, appointments: list[Appointment]) -> list[str]:
    names = casework.client_names(session, [a.client_id for a in appointments if a.client_id])
    return [
        f"{time_span(a)} {names.get(a.client_id or '', '') or a.group_name or a.place}".strip() for a in appointments
    ]


class AppointmentDialog(FormDialog):
    def __init__(
        self,
        session,
        appointment: Appointment | None = None,
        start: datetime | None = None,
        client: Client | None = None,
        parent: QtWidgets.QWidget | None = None,
        counsellor_id: str | None = None,
    ):
        title = _("New appointment") if appointment is None else _("Appointment")
        super().__init__(session, title, parent)
        self.original = appointment
        self.overlaps: list[Appointment] = []
        self.interpreter_overlaps: list[Appointment] = []
        self.overlap_accepted = False
        self.overlap_bar = MessageBar(self)
        self.layout().insertWidget(1, self.overlap_bar)
        self._build(appointment, start, client, counsellor_id)
        self._timer = QtCore.QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(OVERLAP_CHECK_DELAY_MS)
        self._timer.timeout.connect(self.check_overlaps)
        self.start.dateTimeChanged.connect(self._schedule_check)
        self.minutes.spin.valueChanged.connect(self._schedule_check)
        self.counsellor.currentIndexChanged.connect(self._schedule_check)
        self.interpreter.currentIndexChanged.connect(self._schedule_check)
        self.resize(620, 520)
        self.check_overlaps()
        self.client.setFocus()

    def _build(
        self, a: Appointment | None, start: datetime | None, client: Client | None, counsellor_id: str | None
    ) -> None:
        form = QtWidgets.QFormLayout(self.body)
        if a is not None and a.client_id and client is None:
            client = self.session.store.clients.get(a.client_id)
        self.client = ClientPicker(self.session, client)
        self.group = QtWidgets.QLineEdit(a.group_name if a else "")
        self.outreach = QtWidgets.QCheckBox(_("&Outreach (e.g. consultation hours in shared accommodation)"))
        self.outreach.setAccessibleName(_("Outreach"))
        self.outreach.setChecked(bool(a and a.outreach))
        self.place = QtWidgets.QComboBox()
        self.place.setEditable(True)
        self.place.addItems(scheduling.known_places(self.session))
        self.place.setCurrentText(a.place if a else "")
        begin = a.start if a else (start or rounded_now(15))
        self.start = DateTimeEdit(begin)
        minutes = int((a.end - a.start).total_seconds() // 60) if a else DEFAULT_MINUTES
        self.minutes = MinutesInput(minutes, quick=(30, 45, 60, 90))
        self.counsellor = counsellor_combo(self.session)
        self.counsellor.set_code(a.counsellor_id if a else (counsellor_id or self.session.user.id))
        self.status = CatalogueCombo(APPOINTMENT_STATUSES)
        self.status.set_code(a.status if a else "planned")
        self.notes = QtWidgets.QPlainTextEdit(a.notes if a else "")
        self.notes.setTabChangesFocus(True)
        from ..network.short_contact_dialog import language_combo

        self.interpreter = CodeCombo()
        pool = interpreters.interpreter_choices(self.session, a.interpreter_id if a else None)
        self.interpreter.set_items(
            [("", _("No interpreter booked"))] + [(i.id, f"{i.name} ({', '.join(i.languages)})") for i in pool]
        )
        self.interpreter.set_code(a.interpreter_id if a else "")
        self.interpreter_language = language_combo(_("(language not recorded)"))
        self.interpreter_language.set_code(a.interpreter_language if a else "")
        if client is not None and not a:
            spoken = [code for code in client.languages if code not in ("de", "en")]
            if client.interpreter_needed and spoken:
                self.interpreter_language.set_code(spoken[0])
        self._pool_languages = {i.id: i.languages for i in pool}
        self.interpreter.currentIndexChanged.connect(self._interpreter_chosen)
        self.bookings = QtWidgets.QLabel()
        self.bookings.setWordWrap(True)
        self.bookings.setObjectName("hint")
        self.row(form, _("&Client:"), self.client, "client_id")
        self.row(form, _("or &group:"), self.group, "group_name")
        form.addRow(self.outreach)
        self.row(form, _("&Place:"), self.place, "place")
        self.row(form, _("Sta&rt:"), self.start, "start")
        self.row(form, _("D&uration:"), self.minutes, "end")
        self.row(form, _("Counse&llor:"), self.counsellor, "counsellor_id")
        self.row(form, _("&Interpreter:"), self.interpreter, "interpreter_id")
        self.row(form, _("Languag&e:"), self.interpreter_language, "interpreter_language")
        form.addRow(self.bookings)
        if a is not None:
            self.row(form, _("S&tatus:"), self.status, "status")
        self.row(form, _("&Notes:"), self.notes, "notes")
        self.client.returnPressed.connect(self.client.choose_first)

    def appointment(self) -> Appointment:
        start = self.start.value()
        values = dict(
            start=start,
            end=start + timedelta(minutes=self.minutes.value()),
            counsellor_id=self.counsellor.code(),
            place=self.place.currentText().strip(),
            client_id=self.client.client_id or None,
            group_name=self.group.text().strip(),
            outreach=self.outreach.isChecked(),
            status=self.status.code() or "planned",
            notes=self.notes.toPlainText().strip(),
            interpreter_id=self.interpreter.code() or None,
            interpreter_language=self.interpreter_language.code(),
        )
        if self.original is None:
            return Appointment(**values)
        return dataclasses.replace(self.original, **values)

    # -- overlaps ------------------------------------------------------------------------------------

    def _schedule_check(self) -> None:
        self.overlap_accepted = False
        self._timer.start()

    def check_overlaps(self) -> list[Appointment]:
        self._timer.stop()
        candidate = self.appointment()
        self.overlaps = scheduling.overlapping(self.session, candidate) if candidate.blocks_time else []
        self.interpreter_overlaps = interpreters.booking_overlaps(self.session, candidate)
        self._show_bookings(candidate)
        if not (self.overlaps or self.interpreter_overlaps) or self.overlap_accepted:
            self.overlap_bar.dismiss()
            return self.overlaps + self.interpreter_overlaps
        texts = []
        if self.overlaps:
            texts.append(
                _("This overlaps with other appointments of the counsellor: {list}").format(
                    list="; ".join(describe(self.session, self.overlaps))
                )
            )
        if self.interpreter_overlaps:
            texts.append(
                _("The interpreter is booked at the same time: {list}").format(
                    list="; ".join(describe(self.session, self.interpreter_overlaps))
                )
            )
        text = " ".join(texts)
        self.overlap_bar.show_message(text, "warning", [(_("Save &anyway"), self.save_anyway)])
        return self.overlaps + self.interpreter_overlaps

    def _interpreter_chosen(self) -> None:
        """The interpreter's language, unless one was chosen already (from the client's languages)."""
        spoken = self._pool_languages.get(self.interpreter.code(), [])
        if spoken and not self.interpreter_language.code():
            self.interpreter_language.set_code(spoken[0])

    def _show_bookings(self, candidate: Appointment) -> None:
        """The interpreter's other bookings in the week around, so a free time is easy to find."""
        booked = interpreters.bookings(self.session, candidate)
        if not candidate.interpreter_id:
            self.bookings.clear()
        elif not booked:
            self.bookings.setText(_("No other bookings of this interpreter in the week around."))
        else:
            self.bookings.setText(
                _("Other bookings of this interpreter: {list}").format(list="; ".join(time_span(a) for a in booked[:8]))
            )

    def save_anyway(self) -> None:
        self.overlap_accepted = True
        self.overlap_bar.dismiss()
        self.try_save()

    def save(self) -> str:
        if not self.overlap_accepted and self.check_overlaps():
            self.overlap_bar.buttons()[0].setFocus()
            raise SaveHeld()
        return scheduling.save_appointment(self.session, self.appointment()).id
