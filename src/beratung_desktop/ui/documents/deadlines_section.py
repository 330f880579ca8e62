"""The start page's deadlines: the signed-in counsellor's overdue ones and those of the next 14 days."""

from __future__ import annotations

from datetime import date

from ...domain.catalogues import DEADLINE_KINDS
from ...domain.deadlines import LOOKAHEAD_DAYS
from ...errors import AppError, error_text
from ...i18n import _
from ...i18n.formatting import format_date
from ...services import deadlines
from ...services.deadlines import DueDeadline
from ..forms.flow_layout import FlowLayout
from ..qt import Qt, QtGui, QtWidgets, Signal
from ..worker import Job, start_job


def deadline_text(item: DueDeadline, today: date) -> str:
    d = item.deadline
    when = format_date(d.due, "EEE d MMM")
    if d.overdue_on(today):
        when = _("overdue since {date}").format(date=when)
    elif d.due == today:
        when = _("today")
    text = f"{when} · {item.client_name} · {_(DEADLINE_KINDS.label(d.kind))}"
    return f"{text} · {d.note}" if d.note else text


class DeadlinesSection(QtWidgets.QGroupBox):
    """Listed earliest first; Enter opens the client, Done closes the deadline."""

    open_client_requested = Signal(str)

    def __init__(self, session, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.items: list[DueDeadline] = []
        self.today = date.today()
        self.loaded = False  # until the first read arrives the list says it is reading
        self._job: Job | None = None
        self._generation = 0  # a read started before a later one must not overwrite it
        layout = QtWidgets.QVBoxLayout(self)
        self.list = QtWidgets.QListWidget(self)
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(lambda _item: self.open_client())
        layout.addWidget(self.list, 1)
        bar = FlowLayout()
        self.open_button = QtWidgets.QPushButton(self)
        self.open_button.clicked.connect(lambda _checked=False: self.open_client())
        self.done_button = QtWidgets.QPushButton(self)
        self.done_button.clicked.connect(lambda _checked=False: self.mark_done())
        bar.addWidget(self.open_button)
        bar.addWidget(self.done_button)
        layout.addLayout(bar)

    def retranslate(self) -> None:
        # A short title: a group box is at least as wide as its title, and this column is narrow.
        self.setTitle(_("Your deadlines"))
        self.setToolTip(_("Overdue deadlines and those of the next {days} days").format(days=LOOKAHEAD_DAYS))
        self.list.setAccessibleName(_("Your deadlines"))
        self.open_button.setText(_("O&pen client of the deadline"))
        self.done_button.setText(_("Deadl&ine done"))
        for button in (self.open_button, self.done_button):
            button.setAccessibleName(button.text().replace("&", ""))
        self._render()

    @property
    def busy(self) -> bool:
        return self._job is not None

    def refresh(self) -> None:
        self._generation += 1
        self.today = date.today()
        self.items = deadlines.upcoming(self.session, self.today)
        self.loaded = True
        self._render()

    def refresh_in_worker(self) -> None:
        """The read at sign-in: a counsellor of a large office may have hundreds of open deadlines, each
        with its client; a worker reads them after the window is on screen."""
        if self._job is not None:
            return
        session, today, generation = self.session, date.today(), self._generation
        self._job = start_job(
            lambda: (generation, today, deadlines.upcoming(session, today, in_worker=True)), self._read, self._failed
        )

    def _read(self, result: tuple[int, date, list[DueDeadline]]) -> None:
        self._job = None
        generation, today, items = result
        if generation != self._generation:
            return  # refresh() read newer data meanwhile
        self.today, self.items, self.loaded = today, items, True
        self._render()

    def _failed(self, _exc: BaseException) -> None:
        self._job = None  # the next refresh (any change, or the next visit of the start page) reads again

    def _render(self) -> None:
        self.list.clear()
        if not self.loaded:
            reading = QtWidgets.QListWidgetItem(_("Reading the deadlines…"), self.list)
            reading.setFlags(Qt.ItemFlag.NoItemFlags)
            return
        for item in self.items:
            row = QtWidgets.QListWidgetItem(deadline_text(item, self.today), self.list)
            row.setData(Qt.ItemDataRole.UserRole, item.deadline.id)
            if item.overdue(self.today):
                font = row.font()
                font.setBold(True)
                row.setFont(font)
                row.setForeground(QtGui.QBrush(QtGui.QColor("#a33a00")))
        if not self.items:
            empty = QtWidgets.QListWidgetItem(
                _("No deadlines in the next {days} days.").format(days=LOOKAHEAD_DAYS), self.list
            )
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
        else:
            self.list.setCurrentRow(0)

    def current(self) -> DueDeadline | None:
        row = self.list.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def open_client(self) -> None:
        item = self.current()
        if item is not None:
            self.open_client_requested.emit(item.deadline.client_id)

    def mark_done(self) -> None:
        item = self.current()
        if item is None:
            return
        try:
            deadlines.complete(self.session, item.deadline.id)
        except AppError as exc:
            QtWidgets.QMessageBox.warning(self, self.title(), error_text(exc))
        self.refresh()
