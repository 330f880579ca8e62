"""The Clients screen: search-as-you-type, filters and the sortable client table."""

from __future__ import annotations

from dataclasses import replace

from ...domain.catalogues import SERVICES
from ...i18n import N_, _, ngettext
from ...services.client_list import MIN_SEARCH_LENGTH, counsellors, default_query
from ...services.session import Session
from ..forms.flow_layout import FlowLayout
from ..forms.readable_header import keep_captions_readable
from ..icons import icon
from ..qt import Qt, QtCore, QtGui, QtWidgets, Signal
from ..retranslating import Retranslating
from ..style import set_role
from .list_model import COLUMNS, ClientListModel

# Short enough to feel instant, long enough that fast typing runs one search, not five.
SEARCH_DELAY_MS = 120

CASE_STATES = [("", N_("All cases")), ("open", N_("Open case")), ("closed", N_("Only closed cases"))]
CONTACTS = [
    ("", N_("Any last contact")),
    ("recent", N_("Contact in the last 90 days")),
    ("stale", N_("No contact for over 90 days")),
    ("never", N_("Never consulted")),
]


class ClientListView(Retranslating, QtWidgets.QWidget):
    client_activated = Signal(str)
    new_client_requested = Signal()

    def __init__(self, session: Session, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.model = ClientListModel(session, self, query=default_query(session))
        self._search_pending = False
        self._colleagues: list[tuple[str, str]] = []
        self._order_before_search: tuple[str, bool] = ("", False)
        self._timer = QtCore.QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._apply_search)
        self._build()
        self.retranslate()
        self._update_count()

    # -- layout --------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QtWidgets.QLabel()
        set_role(self.title, "title")
        self.search = QtWidgets.QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QtWidgets.QLineEdit.ActionPosition.LeadingPosition)
        self.search.textEdited.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self._open_first)
        self.search.installEventFilter(self)
        self.new_button = QtWidgets.QPushButton(icon("new-client"), "")
        self.new_button.clicked.connect(self.new_client_requested)
        self.service = QtWidgets.QComboBox()
        # Whose clients: a counsellor's own caseload or the whole office; team leads also pick a colleague.
        self.counsellor = QtWidgets.QComboBox()
        self.case_state = QtWidgets.QComboBox()
        self.contact = QtWidgets.QComboBox()
        for combo in (self.service, self.counsellor, self.case_state, self.contact):
            combo.currentIndexChanged.connect(self._apply_filters)
            combo.setSizeAdjustPolicy(QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.count = QtWidgets.QLabel()
        set_role(self.count, "hint")
        # A first day with an empty office, or a search without hits, says what to do next.
        self.empty = QtWidgets.QLabel()
        set_role(self.empty, "hint")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()
        self.busy = QtWidgets.QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setFixedSize(80, 6)
        self.busy.hide()
        self.model.loading.connect(self.busy.setVisible)
        self.model.reset_done.connect(self._update_count)
        self.model.failed.connect(self._show_failure)
        self.table = self._build_table()

        top = QtWidgets.QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch()
        top.addWidget(self.new_button)
        # Four filters with German labels are wider than a laptop screen's list: they wrap.
        filters = FlowLayout()
        for combo in (self.service, self.counsellor, self.case_state, self.contact):
            filters.addWidget(combo)
        filters.addWidget(self.busy)
        filters.addWidget(self.count)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)

    def _build_table(self) -> QtWidgets.QTableView:
        table = QtWidgets.QTableView()
        table.setModel(self.model)
        # Indicator first: enabling sorting then reads the list once, by name.
        table.horizontalHeader().setSortIndicator(1, Qt.SortOrder.AscendingOrder)
        table.horizontalHeader().setSortIndicatorShown(True)
        table.setSortingEnabled(True)
        table.horizontalHeader().setStretchLastSection(True)
        table.horizontalHeader().setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((95, 190, 170, 100, 120, 70, 130)):
            table.setColumnWidth(column, width)
        keep_captions_readable(table)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 12)
        table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.activated.connect(self._open_index)
        table.doubleClicked.connect(self._open_index)
        return table

    def _fill_filters(self, with_counsellors: bool = True) -> None:
        def refill(combo: QtWidgets.QComboBox, items: list[tuple[str, str]]) -> None:
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for code, label in items:
                combo.addItem(label, code)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)

        refill(self.service, [("", _("All services"))] + [(e.code, _(e.label)) for e in SERVICES])
        if with_counsellors:
            if self.counsellor.count() == 0:  # the query's scope is the one chosen when the items come
                self.counsellor.blockSignals(True)
                self.counsellor.addItem("", self.model.query.caseload)
                self.counsellor.blockSignals(False)
            refill(self.counsellor, self._scopes())
        else:
            for index, (_code, label) in enumerate(self._scopes(read_colleagues=False)):
                self.counsellor.setItemText(index, label)
        refill(self.case_state, [(code, _(label)) for code, label in CASE_STATES])
        refill(self.contact, [(code, _(label)) for code, label in CONTACTS])

    def _scopes(self, read_colleagues: bool = True) -> list[tuple[str, str]]:
        """(caseload user id, label): "" is the whole office. A language change reuses the colleagues
        read before (names are not translated, and retranslating never reads the store)."""
        me = self.session.user
        own = [(me.id, _("My caseload")), ("", _("All clients of the office"))]
        if not me.leads_team:
            return own
        if read_colleagues:
            self._colleagues = [(u.id, u.label) for u in counsellors(self.session) if u.active and u.id != me.id]
        return own[::-1] + [(uid, _("Caseload of {name}").format(name=label)) for uid, label in self._colleagues]

    # -- behaviour -----------------------------------------------------------------------------------

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        # Down arrow in the search field moves into the results, as in a browser's address bar.
        if (
            watched is self.search
            and event.type() == QtCore.QEvent.Type.KeyPress
            and isinstance(event, QtGui.QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and self.model.rowCount()
        ):
            self.table.setFocus()
            self.table.selectRow(0)
            return True
        return super().eventFilter(watched, event)

    def _apply_search(self) -> None:
        if not self.isVisible():
            self._search_pending = True  # runs in showEvent
            return
        self._search(self.search.text())

    def _search(self, text: str) -> None:
        """Search results come best match first; a click on a column header sorts them after that."""
        # Only text long enough to search counts: a first character changes nothing (no reload).
        searching, was_searching = len(text.strip()) >= MIN_SEARCH_LENGTH, bool(self.model.query.search_text)
        starting, ending = searching and not was_searching, was_searching and not searching
        if starting or ending:
            if starting:  # the order chosen before the search comes back when it is cleared
                self._order_before_search = (self.model.query.sort, self.model.query.descending)
            sort, descending = ("", False) if starting else self._order_before_search
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            section = -1 if starting else next((i for i, (key, _m) in enumerate(COLUMNS) if key == sort), 1)
            order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
            header.setSortIndicator(section, order)
            header.blockSignals(False)
            self.model.set_query(replace(self.model.query, text=text, sort=sort, descending=descending))
        else:
            self.model.set_text(text)
        self._update_count()

    def search_now(self, text: str) -> None:
        """Sets the search text and applies it at once (keyboard shortcuts, tests, benchmarks)."""
        self.search.setText(text)
        self._timer.stop()
        self._search(text)

    def _apply_filters(self) -> None:
        self.model.set_query(
            replace(
                self.model.query,
                service=self.service.currentData() or "",
                caseload=self.counsellor.currentData() or "",
                case_state=self.case_state.currentData() or "",
                contact=self.contact.currentData() or "",
            )
        )
        self._update_count()

    def _update_count(self) -> None:
        if self.search.text().strip() and not self.model.query.search_text:
            self.count.setText(_("Type {n} characters to search").format(n=MIN_SEARCH_LENGTH))
            return
        n = self.model.rowCount()
        self.count.setText(ngettext("{n} client", "{n} clients", n).format(n=n))
        self._update_empty_hint(n)

    def _update_empty_hint(self, rows: int) -> None:
        searched = self.search.text().strip()
        if rows:
            text = ""
        elif searched:
            text = _("No client matches “{text}”. Check the spelling, or add the person with “New client” (Ctrl+N).")
            text = text.format(text=searched)
        elif self.model.query.search_text or self._filtered():
            text = _("No client matches these filters.")
        else:
            text = _("No clients yet. Add the first one with “New client” (Ctrl+N).")
        self.empty.setText(text)
        self.empty.setVisible(bool(text))

    def _filtered(self) -> bool:
        return bool(self.model.query.caseload) or any(
            combo.currentIndex() > 0 for combo in (self.service, self.case_state, self.contact)
        )

    def _show_failure(self, text: str) -> None:
        QtWidgets.QMessageBox.warning(self, _("Client list"), text)

    def _open_index(self, index: QtCore.QModelIndex) -> None:
        if index.isValid():
            self.client_activated.emit(self.model.client_id(index.row()))

    def _open_first(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self._search(self.search.text())
        selected = self.table.selectionModel().selectedRows()
        row = selected[0].row() if selected else 0
        if self.model.rowCount() > row:
            self.client_activated.emit(self.model.client_id(row))

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def refresh(self) -> None:
        self._fill_filters()
        self.model.refresh()
        self._update_count()

    def retranslate(self) -> None:
        self.title.setText(_("Clients"))
        self.search.setPlaceholderText(_("Search by name (any script), date of birth or client number"))
        self.search.setAccessibleName(_("Search clients"))
        self.new_button.setText(_("New client"))
        for combo, name in (
            (self.service, _("Filter by service")),
            (self.counsellor, _("Whose clients")),
            (self.case_state, _("Filter by case state")),
            (self.contact, _("Filter by last contact")),
        ):
            combo.setAccessibleName(name)
        self.table.setAccessibleName(_("Client list"))
        self._fill_filters(with_counsellors=self.counsellor.count() == 0)
        self.model.retranslate()
        self._update_count()

    def hideEvent(self, event: QtGui.QHideEvent) -> None:
        # A search typed just before the window hid (lock, close) runs when it shows again.
        self._search_pending = self._search_pending or self._timer.isActive()
        self._timer.stop()
        super().hideEvent(event)

    def showEvent(self, event: QtGui.QShowEvent) -> None:
        super().showEvent(event)
        if self._search_pending:
            self._search_pending = False
            self._apply_search()
