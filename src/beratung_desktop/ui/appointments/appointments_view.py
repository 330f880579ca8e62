"""Day and week planning: create, move, cancel (with undo), mark done or no-show, outreach marked."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from ...domain.appointments import Appointment
from ...domain.catalogues import APPOINTMENT_STATUSES
from ...i18n import _
from ...i18n.formatting import format_date, left_to_right, one_full_stop
from ...services import accounts, casework, scheduling
from ..consultations.consultation_dialog import consultation_for_appointment
from ..forms.catalogue_combo import CodeCombo
from ..forms.date_inputs import time_range
from ..forms.message_bar import MessageBar
from ..qt import Qt, QtGui, QtWidgets, Signal
from ..retranslating import Retranslating
from .appointment_dialog import AppointmentDialog, describe
from .time_grid import TimeGrid

UNDO_MS = 10_000


class AppointmentsView(Retranslating, QtWidgets.QWidget):
    record_consultation_requested = Signal(str)

    def __init__(self, session, parent: QtWidgets.QWidget | None = None, handle_consultations: bool = True):
        super().__init__(parent)
        self._read = False  # set by refresh(); retranslate() then only re-renders
        self.session = session
        self.day = date.today()
        self.mode = "week"
        self.appointments: dict[str, Appointment] = {}
        self.titles: dict[str, str] = {}
        self.dialog: QtWidgets.QDialog | None = None
        self._build()
        if handle_consultations:
            self.record_consultation_requested.connect(self.open_consultation)
        self.retranslate()

    # -- layout --------------------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QtWidgets.QVBoxLayout(self)
        bar = QtWidgets.QHBoxLayout()
        self.today_button = QtWidgets.QPushButton(self)
        self.previous_button = QtWidgets.QToolButton(self)
        self.next_button = QtWidgets.QToolButton(self)
        self.day_button = QtWidgets.QPushButton(self)
        self.week_button = QtWidgets.QPushButton(self)
        for button in (self.day_button, self.week_button):
            button.setCheckable(True)
        modes = QtWidgets.QButtonGroup(self)
        modes.addButton(self.day_button)
        modes.addButton(self.week_button)
        self.week_button.setChecked(True)
        self.period = QtWidgets.QLabel(self)
        font = self.period.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.period.setFont(font)
        self.counsellor = CodeCombo(self)
        self.new_button = QtWidgets.QPushButton(self)
        for widget in (self.today_button, self.previous_button, self.next_button, self.day_button, self.week_button):
            bar.addWidget(widget)
        bar.addSpacing(12)
        bar.addWidget(self.period, 1)
        bar.addWidget(self.counsellor)
        bar.addWidget(self.new_button)
        outer.addLayout(bar)

        actions = QtWidgets.QHBoxLayout()
        self.edit_button = QtWidgets.QPushButton(self)
        self.done_button = QtWidgets.QPushButton(self)
        self.no_show_button = QtWidgets.QPushButton(self)
        self.cancel_button = QtWidgets.QPushButton(self)
        self.selection_label = QtWidgets.QLabel(self)
        # Wrapping lets the label give way on a 1366-pixel screen instead of pushing the buttons off it.
        self.selection_label.setWordWrap(True)
        self.selection_label.setSizePolicy(QtWidgets.QSizePolicy.Policy.Ignored, QtWidgets.QSizePolicy.Policy.Preferred)
        actions.addWidget(self.selection_label, 1)
        for button in (self.edit_button, self.done_button, self.no_show_button, self.cancel_button):
            actions.addWidget(button)
        outer.addLayout(actions)
        self.message = MessageBar(self)
        outer.addWidget(self.message)

        split = QtWidgets.QSplitter(Qt.Orientation.Horizontal, self)
        self.grid = TimeGrid(split)
        self.agenda = QtWidgets.QListWidget(split)
        self.agenda.setWordWrap(True)
        self.agenda.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        split.addWidget(self.grid)
        split.addWidget(self.agenda)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        split.setSizes([900, 280])
        outer.addWidget(split, 1)

        self.today_button.clicked.connect(self.go_today)
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.day_button.clicked.connect(lambda: self.set_mode("day"))
        self.week_button.clicked.connect(lambda: self.set_mode("week"))
        self.counsellor.currentIndexChanged.connect(self.refresh)
        self.new_button.clicked.connect(lambda: self.new_appointment())
        self.edit_button.clicked.connect(lambda: self.edit(self.grid.selected_id))
        self.done_button.clicked.connect(lambda: self.mark_done(self.grid.selected_id))
        self.no_show_button.clicked.connect(lambda: self.mark_no_show(self.grid.selected_id))
        self.cancel_button.clicked.connect(lambda: self.cancel(self.grid.selected_id))
        self.grid.selected.connect(self._selection_changed)
        self.grid.activated.connect(self.edit)
        self.grid.slot_activated.connect(self.new_appointment)
        self.grid.moved.connect(self.move)
        self.agenda.currentRowChanged.connect(self._agenda_row_changed)
        self.agenda.itemActivated.connect(lambda item: self.edit(item.data(Qt.ItemDataRole.UserRole)))
        for keys, slot in (
            (QtGui.QKeySequence("Ctrl+D"), lambda: self.mark_done(self.grid.selected_id)),
            (QtGui.QKeySequence.StandardKey.Delete, lambda: self.cancel(self.grid.selected_id)),
            (QtGui.QKeySequence("Ctrl+T"), self.go_today),
            (QtGui.QKeySequence(Qt.Key.Key_PageUp), lambda: self.step(-1)),
            (QtGui.QKeySequence(Qt.Key.Key_PageDown), lambda: self.step(1)),
        ):
            shortcut = QtGui.QShortcut(QtGui.QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def retranslate(self) -> None:
        self.today_button.setText(_("&Today"))
        self.today_button.setToolTip(_("Today (Ctrl+T)"))
        back, forward = ("›", "‹") if self.isRightToLeft() else ("‹", "›")
        self.previous_button.setText(back)
        self.previous_button.setToolTip(_("Previous (Page Up)"))
        self.previous_button.setAccessibleName(_("Previous"))
        self.next_button.setText(forward)
        self.next_button.setToolTip(_("Next (Page Down)"))
        self.next_button.setAccessibleName(_("Next"))
        self.day_button.setText(_("&Day"))
        self.week_button.setText(_("&Week"))
        self.new_button.setText(_("&New appointment"))
        self.new_button.setToolTip(_("New appointment (Ctrl+N)"))
        self.edit_button.setText(_("&Edit"))
        self.done_button.setText(_("Mark d&one"))
        self.done_button.setToolTip(_("Mark done (Ctrl+D)"))
        self.no_show_button.setText(_("No-s&how"))
        self.cancel_button.setText(_("&Cancel appointment"))
        self.cancel_button.setToolTip(_("Cancel appointment (Del)"))
        self.counsellor.setAccessibleName(_("Counsellor"))
        self.agenda.setAccessibleName(_("Appointments in this period"))
        self.grid.setAccessibleName(_("Appointment grid"))
        self.grid.setToolTip(
            _(
                "Arrow keys choose an appointment, Enter opens it, Ctrl+arrow keys move it. "
                "Double-click a free time to plan one; drag an appointment to move it."
            )
        )
        for button in (
            self.today_button,
            self.day_button,
            self.week_button,
            self.new_button,
            self.edit_button,
            self.done_button,
            self.no_show_button,
            self.cancel_button,
        ):
            button.setAccessibleName(button.text().replace("&", ""))
        if not hasattr(self, "_users"):
            self._users = [(u.id, u.label) for u in accounts.list_users(self.session) if u.active]
        self.counsellor.blockSignals(True)
        self.counsellor.set_items([("", _("All counsellors")), *self._users])
        if self.counsellor.currentIndex() == 0 and not self.counsellor.code():
            self.counsellor.set_code(self.session.user.id)
        self.counsellor.blockSignals(False)
        if self._read:  # a language change re-renders what was read; it does not read again
            self._render()
        else:
            self.refresh()

    # -- period --------------------------------------------------------------------------------------

    def days(self) -> list[date]:
        if self.mode == "day":
            return [self.day]
        monday = self.day - timedelta(days=self.day.weekday())
        return [monday + timedelta(days=i) for i in range(7)]

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        (self.day_button if mode == "day" else self.week_button).setChecked(True)
        self.refresh()

    def go_today(self) -> None:
        self.day = date.today()
        self.refresh()

    def step(self, direction: int) -> None:
        self.day += timedelta(days=direction * (1 if self.mode == "day" else 7))
        self.refresh()

    def show_day(self, day: date) -> None:
        self.day = day
        self.refresh()

    # -- data ----------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._read = True
        counsellor = self.counsellor.code() or None
        if self.mode == "day":
            found = scheduling.day_appointments(self.session, self.day, counsellor)
        else:
            found = scheduling.week_appointments(self.session, self.day, counsellor)
        self.appointments = {a.id: a for a in found}
        self._names = casework.client_names(self.session, [a.client_id for a in found if a.client_id])
        self._render()

    def _render(self) -> None:
        found = list(self.appointments.values())
        self.titles = {a.id: self._title(a, self._names) for a in found}
        days = self.days()
        self.grid.set_content(days, found, self.titles)
        label = (
            format_date(days[0], "full") if len(days) == 1 else (f"{format_date(days[0])} – {format_date(days[-1])}")
        )
        self.period.setText(label)
        self._fill_agenda(found)
        self._selection_changed(self.grid.selected_id)

    def _title(self, a: Appointment, names: dict[str, str]) -> str:
        who = names.get(a.client_id or "", "") or a.group_name
        parts = [who] if who else []
        if a.outreach:
            parts.append(_("Outreach: {place}").format(place=a.place) if a.place else _("Outreach"))
        elif a.place:
            parts.append(a.place)
        if a.status != "planned":
            parts.append(f"({_(APPOINTMENT_STATUSES.label(a.status))})")
        return " · ".join(parts)

    def _fill_agenda(self, found: list[Appointment]) -> None:
        self.agenda.blockSignals(True)
        self.agenda.clear()
        for a in found:
            day = format_date(a.start.date(), "EEE d MMM")
            text = f"{day} {time_range(a.start, a.end)} {self.titles[a.id]}"
            item = QtWidgets.QListWidgetItem(text, self.agenda)
            item.setData(Qt.ItemDataRole.UserRole, a.id)
            item.setToolTip(text)
            if a.id == self.grid.selected_id:
                self.agenda.setCurrentItem(item)
        self.agenda.blockSignals(False)

    def _agenda_row_changed(self, row: int) -> None:
        item = self.agenda.item(row)
        if item is not None:
            self.grid.select(item.data(Qt.ItemDataRole.UserRole))

    def _selection_changed(self, appointment_id: str) -> None:
        a = self.appointments.get(appointment_id)
        for button in (self.edit_button, self.done_button, self.no_show_button, self.cancel_button):
            button.setEnabled(a is not None)
        if a is not None:
            self.done_button.setEnabled(a.status != "done")
            self.no_show_button.setEnabled(a.status == "planned")
            self.cancel_button.setEnabled(a.status == "planned")
            self.selection_label.setText(f"{time_range(a.start, a.end)} {self.titles.get(a.id, '')}")
            # The painted grid tells screen readers what is selected.
            self.grid.setAccessibleDescription(self.selection_label.text())
        else:
            self.selection_label.setText(_("Select an appointment, or double-click a free time to plan one."))
        for row in range(self.agenda.count()):
            if self.agenda.item(row).data(Qt.ItemDataRole.UserRole) == appointment_id:
                self.agenda.blockSignals(True)
                self.agenda.setCurrentRow(row)
                self.agenda.blockSignals(False)

    # -- actions -------------------------------------------------------------------------------------

    def _open(self, dialog: QtWidgets.QDialog) -> QtWidgets.QDialog:
        """Window-modal and non-blocking: the window thread keeps running (and tests can drive it)."""
        self.dialog = dialog
        dialog.saved.connect(lambda _id: self.refresh())
        dialog.open()
        dialog.activateWindow()
        return dialog

    def new_appointment(self, start: datetime | None = None) -> QtWidgets.QDialog:
        if start is None:
            start = datetime.combine(self.day, datetime.now().time()).replace(second=0, microsecond=0)
            start = start.replace(minute=start.minute - start.minute % 15)
        counsellor = self.counsellor.code() or self.session.user.id
        return self._open(AppointmentDialog(self.session, start=start, counsellor_id=counsellor, parent=self))

    def edit(self, appointment_id: str) -> QtWidgets.QDialog | None:
        a = self.appointments.get(appointment_id)
        if a is None:
            return None
        return self._open(AppointmentDialog(self.session, a, parent=self))

    def move(self, appointment_id: str, start: datetime) -> None:
        before = self.appointments[appointment_id].start
        moved = scheduling.move_appointment(self.session, appointment_id, start)
        self.refresh()
        self.grid.select(appointment_id)
        overlaps = scheduling.overlapping(self.session, moved)
        undo = [(_("&Undo"), lambda: self._undo_move(appointment_id, before))]
        if overlaps:
            listed = "; ".join(describe(self.session, overlaps))
            text = _("Moved. It now overlaps with: {list}").format(list=listed)
            self.message.show_message(text, "warning", undo, UNDO_MS)
        else:
            when = left_to_right(f"{format_date(start.date(), 'EEE d MMM')} {start:%H:%M}")
            moved = one_full_stop(_("Appointment moved to {time}.").format(time=when))
            self.message.show_message(moved, "info", undo, UNDO_MS)

    def _undo_move(self, appointment_id: str, start: datetime) -> None:
        scheduling.move_appointment(self.session, appointment_id, start)
        self.message.dismiss()
        self.refresh()

    def cancel(self, appointment_id: str) -> None:
        a = self.appointments.get(appointment_id)
        if a is None or a.status != "planned":
            return
        scheduling.set_status(self.session, appointment_id, "cancelled")
        self.refresh()
        self.message.show_message(
            _("Appointment cancelled."), "info", [(_("&Undo"), lambda: self._restore(appointment_id))], UNDO_MS
        )

    def _restore(self, appointment_id: str) -> None:
        scheduling.set_status(self.session, appointment_id, "planned")
        self.message.dismiss()
        self.refresh()

    def mark_no_show(self, appointment_id: str) -> None:
        if appointment_id in self.appointments:
            scheduling.set_status(self.session, appointment_id, "no_show")
            self.refresh()
            self.message.show_message(
                _("Marked as no-show."), "info", [(_("&Undo"), lambda: self._restore(appointment_id))], UNDO_MS
            )

    def mark_done(self, appointment_id: str) -> None:
        a = self.appointments.get(appointment_id)
        if a is None:
            return
        scheduling.set_status(self.session, appointment_id, "done")
        self.refresh()
        actions = [(_("&Undo"), lambda: self._restore(appointment_id))]
        if a.client_id:
            actions.insert(
                0, (_("&Record consultation"), lambda: self.record_consultation_requested.emit(appointment_id))
            )
            text = _("Marked as done. Record the consultation now?")
        else:
            text = _("Marked as done.")
        self.message.show_message(text, "info", actions)
        if actions:
            self.message.buttons()[0].setFocus()

    def open_consultation(self, appointment_id: str) -> QtWidgets.QDialog | None:
        dialog = consultation_for_appointment(self.session, appointment_id, self)
        if dialog is None:
            return None
        self.message.dismiss()
        return self._open(dialog)
