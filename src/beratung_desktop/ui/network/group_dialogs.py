"""A group offer (title, service, dates, place, facilitator), one of its sessions with attendance, and
adding a client to the participants."""

from __future__ import annotations

import dataclasses
from datetime import date

from ...domain.catalogues import SERVICES
from ...domain.groups import Group, GroupSession
from ...domain.validation import N_, ValidationError, ValidationIssue
from ...i18n import _
from ...services import groups
from ..cases.case_dialog import counsellor_combo
from ..clients.client_picker import ClientPicker
from ..forms.catalogue_combo import CatalogueCombo
from ..forms.date_inputs import DateEdit, OptionalDateEdit
from ..forms.form_dialog import FormDialog
from ..forms.minutes_input import MinutesInput
from ..qt import Qt, QtWidgets


class GroupDialog(FormDialog):
    def __init__(self, session, group: Group | None = None, parent: QtWidgets.QWidget | None = None):
        super().__init__(session, _("New group offer") if group is None else _("Group offer"), parent)
        self.original = group
        g = group or Group(title="", service="mbe", counsellor_id=session.user.id, first_day=date.today())
        form = QtWidgets.QFormLayout(self.body)
        self.title = QtWidgets.QLineEdit(g.title)
        self.title.setPlaceholderText(_("e.g. Women's café, application training"))
        self.service = CatalogueCombo(SERVICES)
        self.service.set_code(g.service)
        self.counsellor = counsellor_combo(session)
        self.counsellor.set_code(g.counsellor_id)
        self.facilitator = QtWidgets.QLineEdit(g.facilitator)
        self.place = QtWidgets.QLineEdit(g.place)
        self.first_day = OptionalDateEdit(g.first_day)
        self.last_day = OptionalDateEdit(g.last_day)
        self.anonymous = QtWidgets.QSpinBox()
        self.anonymous.setRange(0, 1000)
        self.anonymous.setValue(g.anonymous_participants)
        self.notes = QtWidgets.QPlainTextEdit(g.notes)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(70)
        self.row(form, _("&Title:"), self.title, "title")
        self.row(form, _("Ser&vice:"), self.service, "service")
        self.row(form, _("&Responsible:"), self.counsellor, "counsellor_id")
        self.row(form, _("&Facilitator:"), self.facilitator, "facilitator")
        self.row(form, _("&Place:"), self.place, "place")
        self.row(form, _("F&irst date:"), self.first_day, "first_day")
        self.row(form, _("&Last date:"), self.last_day, "last_day")
        self.row(form, _("Participants &without a client file:"), self.anonymous, "anonymous_participants")
        self.row(form, _("N&otes:"), self.notes, "notes")
        self.resize(620, 480)
        self.title.setFocus()

    def group(self) -> Group:
        values = dict(
            title=self.title.text().strip(),
            service=self.service.code(),
            counsellor_id=self.counsellor.code(),
            facilitator=self.facilitator.text().strip(),
            place=self.place.text().strip(),
            first_day=self.first_day.value(),
            last_day=self.last_day.value(),
            anonymous_participants=self.anonymous.value(),
            notes=self.notes.toPlainText().strip(),
        )
        if self.original is None:
            return Group(**values)
        return dataclasses.replace(self.original, **values)

    def save(self) -> str:
        return groups.save_group(self.session, self.group()).id


class GroupSessionDialog(FormDialog):
    """One session: date, time, duration, who of the participants attended, and how many others."""

    def __init__(
        self,
        session,
        file: groups.GroupFile,
        group_session: GroupSession | None = None,
        parent: QtWidgets.QWidget | None = None,
    ):
        super().__init__(session, _("Session of {group}").format(group=file.group.title), parent)
        self.file = file
        self.original = group_session
        s = group_session or GroupSession(group_id=file.group.id, day=date.today(), start_time="10:00")
        form = QtWidgets.QFormLayout(self.body)
        self.day = DateEdit(s.day)
        self.start_time = QtWidgets.QLineEdit(s.start_time)
        self.start_time.setInputMask("99:99")
        self.start_time.setMaximumWidth(80)
        self.minutes = MinutesInput(s.minutes, quick=(60, 90, 120))
        self.present = QtWidgets.QListWidget()
        self.present.setMinimumHeight(140)
        for member in file.members:
            item = QtWidgets.QListWidgetItem(file.names.get(member.client_id, "?"), self.present)
            item.setData(Qt.ItemDataRole.UserRole, member.client_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if member.client_id in s.present else Qt.CheckState.Unchecked)
        self.all_button = QtWidgets.QPushButton(_("All &present"))
        self.all_button.clicked.connect(self._all_present)
        self.anonymous = QtWidgets.QSpinBox()
        self.anonymous.setRange(0, 1000)
        self.anonymous.setValue(s.anonymous_present)
        self.notes = QtWidgets.QPlainTextEdit(s.notes)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(60)
        self.row(form, _("&Date:"), self.day, "day")
        self.row(form, _("&Time:"), self.start_time, "start_time")
        self.row(form, _("D&uration:"), self.minutes, "minutes")
        self.row(form, _("&Attended:"), self.present, "present")
        form.addRow(self.all_button)
        self.row(form, _("&Others without a client file:"), self.anonymous, "anonymous_present")
        self.row(form, _("N&otes:"), self.notes, "notes")
        self.resize(560, 560)
        self.present.setFocus()

    def _all_present(self) -> None:
        for i in range(self.present.count()):
            self.present.item(i).setCheckState(Qt.CheckState.Checked)

    def attended(self) -> list[str]:
        items = [self.present.item(i) for i in range(self.present.count())]
        return [i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked]

    def group_session(self) -> GroupSession:
        time_text = self.start_time.text().strip()
        values = dict(
            day=self.day.value(),
            start_time="" if time_text in (":", "") else time_text,
            minutes=self.minutes.value(),
            present=self.attended(),
            anonymous_present=self.anonymous.value(),
            notes=self.notes.toPlainText().strip(),
        )
        if self.original is None:
            return GroupSession(group_id=self.file.group.id, **values)
        return dataclasses.replace(self.original, **values)

    def save(self) -> str:
        return groups.save_session(self.session, self.group_session()).id


class AddMemberDialog(FormDialog):
    def __init__(self, session, group: Group, parent: QtWidgets.QWidget | None = None):
        super().__init__(session, _("Add a participant to {group}").format(group=group.title), parent)
        self.group = group
        form = QtWidgets.QFormLayout(self.body)
        self.client = ClientPicker(session)
        self.joined = DateEdit(date.today())
        self.row(form, _("&Client:"), self.client, "client_id")
        self.row(form, _("&Joined on:"), self.joined, "joined")
        self.client.returnPressed.connect(self.client.choose_first)
        self.resize(520, 200)
        self.client.setFocus()

    def save(self) -> str:
        if not self.client.client_id:
            raise ValidationError([ValidationIssue("client_id", N_("Choose a client from the list."))])
        return groups.add_member(self.session, self.group.id, self.client.client_id, self.joined.value()).id
