"""The calm reminder at sign-in and at the first unlock of a day: deadlines due today and overdue.

Inside the app only (no network, no system notification); it opens without a nested event loop and
asks nothing: one button closes it, another opens the client of the chosen deadline.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from ...i18n import _, ngettext
from ...services import deadlines
from ...services.deadlines import DueDeadline
from ..qt import Qt, QtWidgets
from .deadlines_section import deadline_text


class ReminderDialog(QtWidgets.QDialog):
    def __init__(
        self,
        items: list[DueDeadline],
        today: date,
        open_client: Callable[[str], None],
        parent: QtWidgets.QWidget | None = None,
    ):
        super().__init__(parent)
        self.items = items
        self._open_client = open_client
        self.setWindowTitle(_("Deadlines today"))
        layout = QtWidgets.QVBoxLayout(self)
        overdue = sum(1 for i in items if i.overdue(today))
        due_today = len(items) - overdue
        parts = []
        if due_today:
            parts.append(
                ngettext("{count} deadline is due today", "{count} deadlines are due today", due_today).format(
                    count=due_today
                )
            )
        if overdue:
            parts.append(ngettext("{count} is overdue", "{count} are overdue", overdue).format(count=overdue))
        self.summary = QtWidgets.QLabel(", ".join(parts) + ".")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.list = QtWidgets.QListWidget(self)
        for item in items:
            row = QtWidgets.QListWidgetItem(deadline_text(item, today), self.list)
            row.setData(Qt.ItemDataRole.UserRole, item.deadline.client_id)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self.open_client())
        layout.addWidget(self.list, 1)
        buttons = QtWidgets.QDialogButtonBox(self)
        self.open_button = buttons.addButton(_("Open &client"), QtWidgets.QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = buttons.addButton(_("&Later"), QtWidgets.QDialogButtonBox.ButtonRole.RejectRole)
        self.open_button.clicked.connect(lambda _checked=False: self.open_client())
        self.close_button.clicked.connect(self.reject)
        self.close_button.setDefault(True)
        layout.addWidget(buttons)
        self.resize(560, 320)

    def open_client(self) -> None:
        row = self.list.currentItem()
        if row is not None:
            self._open_client(row.data(Qt.ItemDataRole.UserRole))
            self.accept()


class DeadlineReminder:
    """Shows the reminder once at sign-in and again at the first unlock of each later day."""

    def __init__(self, window: QtWidgets.QWidget, session, open_client: Callable[[str], None]):
        self.window = window
        self.session = session
        self.open_client = open_client
        self.reminded_on: date | None = None
        self.dialog: ReminderDialog | None = None

    def remind(self, today: date | None = None) -> ReminderDialog | None:
        today = today or date.today()
        self.reminded_on = today
        items = deadlines.reminders(self.session, today)
        if not items:
            return None
        self.dialog = ReminderDialog(items, today, self.open_client, parent=self.window)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.open()
        return self.dialog

    def after_unlock(self, today: date | None = None) -> ReminderDialog | None:
        today = today or date.today()
        return None if self.reminded_on == today else self.remind(today)
