"""The start page: today's appointments, overdue agreement goals and follow-ups still open."""

from __future__ import annotations

from datetime import date, datetime

from ..config import SettingsStore
from ..domain.appointments import Appointment
from ..domain.catalogues import APPOINTMENT_STATUSES
from ..i18n import _
from ..i18n.formatting import format_date, left_to_right, one_full_stop
from ..services import auto_backup, casework, scheduling
from .activities.activity_dialog import ActivityDialog
from .consultations.consultation_dialog import consultation_for_appointment
from .documents.deadlines_section import DeadlinesSection
from .forms.date_inputs import time_range
from .forms.flow_layout import FlowLayout
from .forms.message_bar import MessageBar
from .privacy.privacy_notices import PrivacyNotices
from .qt import Qt, QtCore, QtWidgets, Signal
from .retranslating import Retranslating
from .style import set_role
from .worker import AFTER_FIRST_PAINT_MS

UNDO_MS = 10_000


class Section(QtWidgets.QGroupBox):
    """A titled list with buttons acting on the chosen row; Enter opens the client."""

    def __init__(self, parent: QtWidgets.QWidget):
        super().__init__(parent)
        layout = QtWidgets.QVBoxLayout(self)
        self.list = QtWidgets.QListWidget(self)
        self.list.setAlternatingRowColors(True)
        layout.addWidget(self.list, 1)
        self.buttons = FlowLayout()
        layout.addLayout(self.buttons)

    def add_button(self, slot) -> QtWidgets.QPushButton:
        button = QtWidgets.QPushButton(self)
        button.clicked.connect(slot)
        self.buttons.addWidget(button)
        return button

    def fill(self, rows: list[tuple[str, str]], empty_text: str) -> None:
        self.list.clear()
        for text, key in rows:
            item = QtWidgets.QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, key)
        if not rows:
            item = QtWidgets.QListWidgetItem(empty_text, self.list)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
        else:
            self.list.setCurrentRow(0)

    def current_key(self) -> str:
        item = self.list.currentItem()
        key = item.data(Qt.ItemDataRole.UserRole) if item else None
        return key if isinstance(key, str) else ""


class StartPage(Retranslating, QtWidgets.QWidget):
    open_client_requested = Signal(str)
    record_consultation_requested = Signal(str)
    retention_review_requested = Signal()

    def __init__(
        self,
        session,
        parent: QtWidgets.QWidget | None = None,
        handle_consultations: bool = True,
        settings_store: SettingsStore | None = None,
    ):
        super().__init__(parent)
        self._read = False  # set by refresh(); retranslate() then only re-renders
        self.session = session
        self.settings_store = settings_store or SettingsStore.default()
        self.today: list[Appointment] = []
        self.unresolved: list[Appointment] = []
        self.overdue: list[casework.OverdueGoal] = []
        self._clients: dict[str, str] = {}
        self.dialog: QtWidgets.QDialog | None = None
        self._build()
        if handle_consultations:
            self.record_consultation_requested.connect(self.open_consultation)
        self.retranslate()

    def _build(self) -> None:
        outer = QtWidgets.QVBoxLayout(self)
        top = QtWidgets.QHBoxLayout()
        self.greeting = QtWidgets.QLabel(self)
        font = self.greeting.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.greeting.setFont(font)
        self.greeting.setWordWrap(True)
        top.addWidget(self.greeting, 1)
        self.activity_button = QtWidgets.QPushButton(self)
        self.activity_button.clicked.connect(self.record_activity)
        top.addWidget(self.activity_button)
        # Open consultation hour: an enquiry without a name is recorded here, never as a client.
        self.short_contact_button = QtWidgets.QPushButton(self)
        self.short_contact_button.clicked.connect(self.record_short_contact)
        top.addWidget(self.short_contact_button)
        outer.addLayout(top)
        self.backup_line = QtWidgets.QLabel(self)
        self.backup_line.setWordWrap(True)
        outer.addWidget(self.backup_line)
        self.message = MessageBar(self)
        outer.addWidget(self.message)
        self.privacy = PrivacyNotices(self.session, self.settings_store, self)
        self.privacy.open_client_requested.connect(self.open_client_requested)
        self.privacy.review_requested.connect(self.retention_review_requested)
        outer.addWidget(self.privacy)
        grid = QtWidgets.QGridLayout()
        outer.addLayout(grid, 1)
        self.appointments = Section(self)
        self.goals = Section(self)
        self.followups = Section(self)
        self.deadlines = DeadlinesSection(self.session, self)
        self.deadlines.open_client_requested.connect(self.open_client_requested)
        grid.addWidget(self.appointments, 0, 0)
        grid.addWidget(self.deadlines, 1, 0)
        grid.addWidget(self.goals, 0, 1)
        grid.addWidget(self.followups, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

        self.today_open = self.appointments.add_button(lambda: self._open_client_of(self.appointments))
        self.today_done = self.appointments.add_button(lambda: self.mark(self.appointments, "done"))
        self.today_no_show = self.appointments.add_button(lambda: self.mark(self.appointments, "no_show"))
        self.goal_open = self.goals.add_button(self._open_goal_client)
        self.follow_open = self.followups.add_button(lambda: self._open_client_of(self.followups))
        self.follow_done = self.followups.add_button(lambda: self.mark(self.followups, "done"))
        self.follow_no_show = self.followups.add_button(lambda: self.mark(self.followups, "no_show"))
        self.follow_cancel = self.followups.add_button(lambda: self.mark(self.followups, "cancelled"))
        self.appointments.list.itemActivated.connect(lambda _i: self._open_client_of(self.appointments))
        self.followups.list.itemActivated.connect(lambda _i: self._open_client_of(self.followups))
        self.goals.list.itemActivated.connect(lambda _i: self._open_goal_client())

    def retranslate(self) -> None:
        name = self.session.user.label
        self.greeting.setText(
            one_full_stop(
                _("Hello, {name}. Today is {date}.").format(name=name, date=format_date(date.today(), "full"))
            )
        )
        self.activity_button.setText(_("Record an &activity without a client"))
        self.short_contact_button.setText(_("Record a &short contact"))
        self.appointments.setTitle(_("Your appointments today"))
        self.goals.setTitle(_("Overdue agreement goals"))
        self.followups.setTitle(_("Past appointments still planned"))
        self.appointments.list.setAccessibleName(_("Your appointments today"))
        self.goals.list.setAccessibleName(_("Overdue agreement goals"))
        self.followups.list.setAccessibleName(_("Past appointments still planned"))
        self.today_open.setText(_("&Open client"))
        self.today_done.setText(_("Mark &done"))
        self.today_no_show.setText(_("&No-show"))
        self.goal_open.setText(_("Open &client of the goal"))
        self.follow_open.setText(_("Open c&lient"))
        self.follow_done.setText(_("Mar&k done"))
        self.follow_no_show.setText(_("No-sho&w"))
        self.follow_cancel.setText(_("Cancell&ed"))
        self.deadlines.retranslate()
        for button in (
            self.activity_button,
            self.short_contact_button,
            self.today_open,
            self.today_done,
            self.today_no_show,
            self.goal_open,
            self.follow_open,
            self.follow_done,
            self.follow_no_show,
            self.follow_cancel,
        ):
            button.setAccessibleName(button.text().replace("&", ""))
        if self._read:  # a language change re-renders what was read; it does not read again
            self._render()
        else:
            self._first_read()

    # -- data ----------------------------------------------------------------------------------------

    def _first_read(self) -> None:
        """At sign-in the indexed lists are read now; the deadlines (hundreds with their clients in a large
        office) and the privacy notices (which look at every client) are read in workers once the window
        is painted (benchmarks/scale_benchmark.py, window)."""
        self._read_lists()
        self._render()
        QtCore.QTimer.singleShot(AFTER_FIRST_PAINT_MS, self, self._read_in_workers)

    def _read_in_workers(self) -> None:
        self.privacy.refresh()
        if not self.deadlines.loaded:
            self.deadlines.refresh_in_worker()

    def refresh(self) -> None:
        self._read_lists()
        self.privacy.refresh()
        self.deadlines.refresh()
        self._render()

    def _read_lists(self) -> None:
        self._read = True
        now = datetime.now()
        self.today = scheduling.day_appointments(self.session, now.date(), self.session.user.id)
        self.unresolved = [
            a
            for a in scheduling.unresolved_past(self.session, now, counsellor_id=self.session.user.id)
            if a.start.date() < now.date()
        ]
        # The start page is personal: goals of the cases this user leads, the 100 most overdue.
        self.overdue = casework.overdue_goals_with_clients(self.session, now.date(), own_cases=True, limit=100)
        ids = [a.client_id for a in self.today + self.unresolved if a.client_id]
        self._clients = casework.client_names(self.session, ids)
        self._now, self._backups = now, auto_backup.status(self.session)

    def _render(self) -> None:
        self.appointments.fill(
            [(self._appointment_text(a, with_day=False), a.id) for a in self.today], _("No appointments today.")
        )
        self.followups.fill(
            [(self._appointment_text(a, with_day=True), a.id) for a in self.unresolved], _("Nothing left open.")
        )
        self.goals.fill([(self._goal_text(o), o.goal.id) for o in self.overdue], _("No overdue goals."))
        self._show_backup_status(self._now, self._backups)

    def _show_backup_status(self, now: datetime, backups: auto_backup.BackupStatus) -> None:
        if backups.last_good is None:
            text = _("No automatic backup yet: one is written when you close Beratung Desktop.")
        else:
            text = one_full_stop(
                _("Last good backup: {date}.").format(date=left_to_right(format_date(backups.last_good.date())))
            )
        if backups.overdue(now):
            if backups.last_good is not None:
                days = (now - backups.last_good).days
                text = _("No good backup for {days} days (last: {date}).").format(
                    days=days, date=format_date(backups.last_good.date())
                )
            text += " " + _("Connect the backup drive and close the app once, or ask IT.")
            set_role(self.backup_line, "notice")
        else:
            set_role(self.backup_line, "hint")
        self.backup_line.setText(text)
        self.backup_line.setAccessibleName(text)

    def _appointment_text(self, a: Appointment, with_day: bool) -> str:
        when = f"{left_to_right(format_date(a.start.date(), 'EEE d MMM'))} " if with_day else ""
        who = self._clients.get(a.client_id or "", "") or a.group_name
        place = (_("Outreach: {place}").format(place=a.place) if a.place else _("Outreach")) if a.outreach else a.place
        status = "" if a.status == "planned" else f" ({_(APPOINTMENT_STATUSES.label(a.status))})"
        details = " · ".join(p for p in (who, place) if p)
        return f"{when}{time_range(a.start, a.end)}  {details}{status}"

    def _goal_text(self, overdue: casework.OverdueGoal) -> str:
        return _("{client}: {goal} (due {date})").format(
            client=overdue.client_name, goal=overdue.goal.goal, date=format_date(overdue.goal.due)
        )

    def _appointment(self, appointment_id: str) -> Appointment | None:
        return next((a for a in self.today + self.unresolved if a.id == appointment_id), None)

    # -- actions -------------------------------------------------------------------------------------

    def _open_client_of(self, section: Section) -> None:
        a = self._appointment(section.current_key())
        if a is not None and a.client_id:
            self.open_client_requested.emit(a.client_id)

    def _open_goal_client(self) -> None:
        goal_id = self.goals.current_key()
        found = next((o for o in self.overdue if o.goal.id == goal_id), None)
        if found is not None:
            self.open_client_requested.emit(found.case.client_id)

    def mark(self, section: Section, status: str) -> None:
        a = self._appointment(section.current_key())
        if a is None:
            return
        scheduling.set_status(self.session, a.id, status)
        self.refresh()
        undo = (_("&Undo"), lambda: self._restore(a.id))
        label = _(APPOINTMENT_STATUSES.label(status))
        if status == "done" and a.client_id:
            record = (_("&Record consultation"), lambda: self.record_consultation_requested.emit(a.id))
            text = _("Marked as done. Record the consultation now?")
            self.message.show_message(text, "info", [record, undo])
            self.message.buttons()[0].setFocus()
        else:
            self.message.show_message(_("Marked as {status}.").format(status=label), "info", [undo], UNDO_MS)

    def _restore(self, appointment_id: str) -> None:
        scheduling.set_status(self.session, appointment_id, "planned")
        self.message.dismiss()
        self.refresh()

    def _open(self, dialog: QtWidgets.QDialog) -> QtWidgets.QDialog:
        self.dialog = dialog
        dialog.saved.connect(lambda _id: self.refresh())
        dialog.open()
        dialog.activateWindow()
        return dialog

    def open_consultation(self, appointment_id: str) -> QtWidgets.QDialog | None:
        dialog = consultation_for_appointment(self.session, appointment_id, self)
        if dialog is None:
            return None
        self.message.dismiss()
        return self._open(dialog)

    def record_activity(self) -> QtWidgets.QDialog:
        return self._open(ActivityDialog(self.session, self))

    def record_short_contact(self) -> QtWidgets.QDialog:
        from .network.short_contact_dialog import ShortContactDialog

        return self._open(ShortContactDialog(self.session, parent=self))
