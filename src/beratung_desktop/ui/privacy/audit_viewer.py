"""The audit viewer: who viewed, changed, printed, exported or erased what, filtered and paged, with the
hash chain's check. Team leads see the whole log, counsellors the entries of their own clients."""

from __future__ import annotations

from datetime import date

from ...domain.audit import ACTIONS, AuditEntry, AuditQuery
from ...errors import error_text
from ...i18n import N_, _
from ...i18n.formatting import format_datetime, format_number
from ...services import audit, casework
from ...services.audit import ACTION_LABELS, ChainCheck, action_text, record_text
from ...services.session import Session
from ..clients.client_picker import ClientPicker
from ..forms.date_inputs import DateEdit
from ..forms.flow_layout import FlowLayout
from ..qt import Qt, QtGui, QtWidgets
from ..retranslating import Retranslating
from ..style import set_role
from ..worker import Job, start_job

HEADERS = (N_("No."), N_("When"), N_("Who"), N_("What"), N_("Record"), N_("Details"))
DETAILS = HEADERS.index(N_("Details"))


def entry_summary(entry: AuditEntry) -> str:
    when = format_datetime(entry.at.astimezone().replace(tzinfo=None))
    return _("No. {seq}, {when}, {user}: {action}").format(
        seq=entry.seq, when=when, user=entry.user, action=action_text(entry.action)
    )


class AuditViewer(Retranslating, QtWidgets.QDialog):
    def __init__(self, session: Session, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.whole_log = audit.sees_whole_log(session)
        self.entries: list[AuditEntry] = []
        self.pages: list[int | None] = [None]  # the `before_seq` of each page shown so far
        self.total = 0
        self.chain: ChainCheck | None = None
        self.chain_error = ""
        self._job: Job | None = None
        audit.open_log(session)
        self._build()
        self.retranslate()
        self.apply_filter()
        if self.whole_log:
            self.check_chain()

    # -- layout --------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.scope = QtWidgets.QLabel(self)
        self.scope.setWordWrap(True)
        set_role(self.scope, "hint")
        self.chain_line = QtWidgets.QLabel(self)
        self.chain_line.setWordWrap(True)
        self.chain_line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.chain_button = QtWidgets.QPushButton(self)
        self.chain_button.clicked.connect(self.check_chain)
        self.chain_button.setVisible(self.whole_log)
        self.chain_line.setVisible(self.whole_log)

        self.client = ClientPicker(self.session, parent=self)
        self.client.client_changed.connect(lambda _id: self.apply_filter())
        self.user = QtWidgets.QComboBox(self)
        self.action = QtWidgets.QComboBox(self)
        self.from_on = QtWidgets.QCheckBox(self)
        self.from_day = DateEdit(date.today().replace(day=1), self)
        self.to_on = QtWidgets.QCheckBox(self)
        self.to_day = DateEdit(date.today(), self)
        for check, edit in ((self.from_on, self.from_day), (self.to_on, self.to_day)):
            edit.setEnabled(False)
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(lambda _on: self.apply_filter())
            edit.dateChanged.connect(lambda _d: self.apply_filter())
        self.user.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.action.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.reset_button = QtWidgets.QPushButton(self)
        self.reset_button.clicked.connect(self.reset_filter)
        self.labels = {name: QtWidgets.QLabel(self) for name in ("client", "user", "action")}
        self.labels["client"].setBuddy(self.client)
        self.labels["user"].setBuddy(self.user)
        self.labels["action"].setBuddy(self.action)
        self.client.setMinimumWidth(240)
        filters = FlowLayout()
        for label, field in (
            (self.labels["client"], self.client),
            (self.labels["user"], self.user),
            (self.labels["action"], self.action),
            (self.from_on, self.from_day),
            (self.to_on, self.to_day),
        ):
            pair = QtWidgets.QWidget(self)
            row = QtWidgets.QHBoxLayout(pair)
            row.setContentsMargins(0, 0, 8, 0)
            row.addWidget(label)
            row.addWidget(field)
            filters.addWidget(pair)
        filters.addWidget(self.reset_button)

        self.table = QtWidgets.QTableWidget(0, len(HEADERS), self)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.position = QtWidgets.QLabel(self)
        self.newer_button = QtWidgets.QPushButton(self)
        self.older_button = QtWidgets.QPushButton(self)
        self.newer_button.clicked.connect(self.newer)
        self.older_button.clicked.connect(self.older)
        self.close_button = QtWidgets.QPushButton(self)
        self.close_button.clicked.connect(self.accept)
        paging = QtWidgets.QHBoxLayout()
        paging.addWidget(self.position, 1)
        paging.addWidget(self.newer_button)
        paging.addWidget(self.older_button)
        paging.addSpacing(16)
        paging.addWidget(self.close_button)

        chain = QtWidgets.QHBoxLayout()
        chain.addWidget(self.chain_line, 1)
        chain.addWidget(self.chain_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.scope)
        layout.addLayout(chain)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(paging)
        self.resize(1180, 700)

    def _fill_choices(self) -> None:
        user, action = self.user.currentData(), self.action.currentData()
        for combo in (self.user, self.action):
            combo.blockSignals(True)
            combo.clear()
        self.user.addItem(_("Everyone"), "")
        for name in audit.users(self.session):
            self.user.addItem(name, name)
        self.action.addItem(_("Every action"), "")
        for code in dict.fromkeys([*ACTIONS, *ACTION_LABELS]):
            self.action.addItem(action_text(code), code)
        self.user.setCurrentIndex(max(0, self.user.findData(user or "")))
        self.action.setCurrentIndex(max(0, self.action.findData(action or "")))
        for combo in (self.user, self.action):
            combo.blockSignals(False)

    # -- reading -------------------------------------------------------------------------------------

    def query(self) -> AuditQuery:
        start, end = audit.local_day_bounds(
            self.from_day.value() if self.from_on.isChecked() else None,
            self.to_day.value() if self.to_on.isChecked() else None,
        )
        return AuditQuery(
            client_id=self.client.client_id,
            user=self.user.currentData() or "",
            action=self.action.currentData() or "",
            start=start,
            end=end,
        )

    def apply_filter(self) -> None:
        self.pages = [None]
        self.total = audit.count(self.session, self.query())
        self._load()

    def reset_filter(self) -> None:
        for widget in (self.client, self.user, self.action, self.from_on, self.to_on):
            widget.blockSignals(True)
        self.client.set_client(None)
        self.user.setCurrentIndex(0)
        self.action.setCurrentIndex(0)
        self.from_on.setChecked(False)
        self.to_on.setChecked(False)
        for widget in (self.client, self.user, self.action, self.from_on, self.to_on):
            widget.blockSignals(False)
        self.from_day.setEnabled(False)
        self.to_day.setEnabled(False)
        self.apply_filter()

    def older(self) -> None:
        if self.entries and len(self.entries) == audit.PAGE_SIZE:
            self.pages.append(self.entries[-1].seq)
            self._load()

    def newer(self) -> None:
        if len(self.pages) > 1:
            self.pages.pop()
            self._load()

    def _load(self) -> None:
        self.entries = audit.entries(self.session, self.query(), self.pages[-1])
        self._render()

    def _render(self) -> None:
        self.table.setHorizontalHeaderLabels([_(h) for h in HEADERS])
        names = casework.client_names(self.session, [e.record_id for e in self.entries if e.record_type == "client"])
        self.table.setRowCount(len(self.entries))
        broken = self.chain.broken_seq if self.chain else None
        for row, e in enumerate(self.entries):
            kind = record_text(e.record_type)
            name = names.get(e.record_id, "")
            values = [
                str(e.seq),
                format_datetime(e.at.astimezone().replace(tzinfo=None)),
                e.user,
                action_text(e.action),
                f"{kind}: {name}" if name else kind,
                audit.detail(e),
            ]
            for column, value in enumerate(values):
                item = QtWidgets.QTableWidgetItem(value)
                if e.seq == broken:
                    item.setBackground(Qt.GlobalColor.yellow)
                self.table.setItem(row, column, item)
            self.table.item(row, DETAILS).setToolTip(values[DETAILS])
        self.table.resizeColumnsToContents()
        self._fit_details()
        first = sum(audit.PAGE_SIZE for _p in self.pages[1:]) + 1
        last = first + len(self.entries) - 1
        self.position.setText(
            _("Entries {first}–{last} of {total}").format(
                first=format_number(first), last=format_number(last), total=format_number(self.total)
            )
            if self.entries
            else _("No entries match the filter.")
        )
        self.newer_button.setEnabled(len(self.pages) > 1)
        self.older_button.setEnabled(len(self.entries) == audit.PAGE_SIZE and last < self.total)

    def _fit_details(self) -> None:
        """A long detail (a demo run's counts) is cut to the room left, not widening the table past its
        caption; the whole text is in its tooltip."""
        room = self.table.viewport().width() - sum(self.table.columnWidth(c) for c in range(DETAILS))
        if self.table.columnWidth(DETAILS) > room:
            self.table.setColumnWidth(DETAILS, max(room, self.table.horizontalHeader().sectionSizeHint(DETAILS)))

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.table.rowCount():
            self.table.resizeColumnsToContents()
            self._fit_details()

    # -- chain ---------------------------------------------------------------------------------------

    @property
    def checking(self) -> bool:
        return self._job is not None

    def check_chain(self) -> None:
        if self._job is not None:
            return
        self.chain, self.chain_error = None, ""
        self.chain_button.setEnabled(False)
        self._show_chain()
        self._job = start_job(lambda: audit.check_chain(self.session), self._chain_done, self._chain_failed)

    def _chain_done(self, result: ChainCheck) -> None:
        self._job = None
        self.chain = result
        self.chain_button.setEnabled(True)
        self._show_chain()
        self._render()

    def _chain_failed(self, exc: BaseException) -> None:
        self._job = None
        self.chain_error = error_text(exc)
        self.chain_button.setEnabled(True)
        self._show_chain()

    def _show_chain(self) -> None:
        if self.chain_error:
            text, role = self.chain_error, "error"
        elif self.chain is None:
            text, role = _("Checking the chain of the audit log…"), "hint"
        elif self.chain.intact:
            text = _("The audit log is intact: all {count} entries are chained and unchanged.").format(
                count=format_number(self.chain.checked)
            )
            role = "hint"
        else:
            entry = self.chain.first_broken
            what = entry_summary(entry) if entry else _("No. {seq} (missing)").format(seq=self.chain.broken_seq)
            text = _(
                "The audit log was changed after it was written: the first broken entry is {entry}. "
                "Entries from there on cannot be trusted. Tell your data-protection officer and keep a backup "
                "of this state."
            ).format(entry=what)
            role = "notice"
        self.chain_line.setText(text)
        set_role(self.chain_line, role)

    # -- language ------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(_("Audit log"))
        self.setAccessibleName(_("Audit log"))
        self.scope.setText(
            _("The whole log of this data store: who opened, changed, printed, exported or erased what.")
            if self.whole_log
            else _("The entries about your own clients (the clients whose cases you lead).")
        )
        self.labels["client"].setText(_("&Client:"))
        self.labels["user"].setText(_("&User:"))
        self.labels["action"].setText(_("&Action:"))
        self.from_on.setText(_("&From:"))
        self.to_on.setText(_("&To:"))
        self.reset_button.setText(_("&Reset filter"))
        self.chain_button.setText(_("Check the &chain"))
        self.newer_button.setText(_("&Newer"))
        self.older_button.setText(_("&Older"))
        self.close_button.setText(_("Close"))
        self.table.setAccessibleName(_("Audit log"))
        self._fill_choices()
        self._show_chain()
        self._render()
