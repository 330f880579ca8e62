"""The client list as a Qt table model: ids for the whole list, summary rows fetched page by page.

Only the ids of the matching clients are read up front (one short query); the rows a view actually
paints are read in pages of PAGE_SIZE, so 20,000 clients cost a few milliseconds, not a full load.
The page cache is dropped on every reset; the ids of a search are capped in storage (SEARCH_LIMIT).
"""

from __future__ import annotations

from dataclasses import replace

from ...domain.catalogues import SERVICE_SHORT
from ...errors import error_text
from ...i18n import N_, _
from ...i18n.formatting import country_name, format_date, left_to_right
from ...services.client_list import ClientRow, ListQuery, list_client_ids, summary_rows
from ...services.session import Session
from ..qt import Qt, QtCore, Signal
from ..worker import Job, start_job

PAGE_SIZE = 40
# Lists longer than this are read in a worker with the busy bar (the ids alone take ~0.1 s at 200,000).
WINDOW_THREAD_LIST = 50_000
ID_ROLE = Qt.ItemDataRole.UserRole
# As plain ints: a repaint asks data() for about seven roles of every visible cell (1,200 calls for a
# screenful), and most of them are answered "nothing" before anything else is looked at.
_DISPLAY, _TOOLTIP, _ID = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole), int(ID_ROLE)

# (sort key, header msgid)
COLUMNS: list[tuple[str, str]] = [
    ("number", N_("No.")),
    ("name", N_("Name")),
    ("original_name", N_("Name (original script)")),
    ("birth", N_("Born")),
    ("country", N_("Country of origin")),
    ("services", N_("Services")),
    ("counsellor", N_("Counsellor")),
    ("last_contact", N_("Last contact")),
]


def _effective(query: ListQuery) -> ListQuery:
    """The query as storage runs it: text too short to search counts as no text."""
    return replace(query, text=query.search_text)


def _cell(row: ClientRow, key: str) -> str:
    if key == "number":
        return left_to_right(row.number)
    if key == "name":
        return f"{row.family_name}, {row.given_name}".strip(", ")
    if key == "original_name":
        return f"{row.given_name_original} {row.family_name_original}".strip()
    if key == "birth":
        return left_to_right(format_date(row.birth_date) if row.birth_date else str(row.birth_year or ""))
    if key == "country":
        return country_name(row.country)
    if key == "services":
        return ", ".join(SERVICE_SHORT.get(s, s) for s in row.services)
    if key == "counsellor":
        return row.counsellor
    if key == "last_contact":
        return left_to_right(format_date(row.last_contact.date()) if row.last_contact else "")
    return ""


class ClientListModel(QtCore.QAbstractTableModel):
    """Cheap queries (search, name or number order, case filters) run on the window thread; orders and
    filters over per-client summaries run in a worker while the old list stays on screen."""

    loading = Signal(bool)
    reset_done = Signal()
    failed = Signal(str)

    def __init__(self, session: Session, parent: QtCore.QObject | None = None, *, query: ListQuery | None = None):
        super().__init__(parent)
        self._session = session
        self._query = query or ListQuery()
        self._ids: list[str] = []
        # Per page of PAGE_SIZE rows: each client's cells, formatted once when the page is read.
        self._pages: dict[int, dict[str, tuple[str, ...]]] = {}
        self._generation = 0
        self._job: Job | None = None
        # The list as it was before a search began: clearing the search shows it again without reading.
        self._before_search: tuple[ListQuery, list[str]] | None = None
        self._list_size = 0  # clients in the last list that was not a search

    # -- the query -----------------------------------------------------------------------------------

    @property
    def query(self) -> ListQuery:
        return self._query

    @property
    def is_loading(self) -> bool:
        return self._job is not None

    def set_query(self, query: ListQuery) -> None:
        """Reads the list for the query, unless it shows that list already (a first typed character
        does not search) or it is the list from before the search, kept aside."""
        old, new = _effective(self._query), _effective(query)
        self._query = query
        if new == old and self._job is None:
            return
        if not old.text and new.text and self._job is None:
            self._before_search = (old, self._ids)
        if not new.text and self._before_search and self._before_search[0] == new:
            self._generation += 1
            self._job = None
            self._apply(self._before_search[1])
            return
        self._read()

    def set_text(self, text: str) -> None:
        self.set_query(replace(self._query, text=text))

    def refresh(self) -> None:
        """Reads the ids again (after a save elsewhere): whatever was kept may be out of date."""
        self._before_search = None
        self._read()

    def _read(self) -> None:
        self._generation += 1
        query = self._query
        if not self._in_worker(query):
            self._job = None
            self._apply(list_client_ids(self._session, query))
            return
        generation, session = self._generation, self._session
        self.loading.emit(True)
        self._job = start_job(
            lambda: (generation, list_client_ids(session, query, in_worker=True)), self._heavy_done, self._heavy_failed
        )

    def _in_worker(self, query: ListQuery) -> bool:
        """Heavy orders and filters always; on a large office every list that is not a search, too:
        even an index-ordered read of 200,000 ids takes longer than the window thread may be blocked."""
        if query.heavy:
            return True
        return not query.search_text and self._list_size > WINDOW_THREAD_LIST

    def _heavy_done(self, result: tuple[int, list[str]]) -> None:
        generation, ids = result
        if generation != self._generation:
            return  # a newer query was started meanwhile
        self._job = None
        self.loading.emit(False)
        self._apply(ids)

    def _heavy_failed(self, exc: BaseException) -> None:
        self._job = None
        self.loading.emit(False)
        self.failed.emit(error_text(exc))

    def _apply(self, ids: list[str]) -> None:
        if not _effective(self._query).text:
            self._list_size = len(ids)
        self.beginResetModel()
        self._ids = ids
        self._pages.clear()
        self.endResetModel()
        self.reset_done.emit()

    def client_id(self, row: int) -> str:
        return self._ids[row]

    def row_of(self, client_id: str) -> int:
        try:
            return self._ids.index(client_id)
        except ValueError:
            return -1

    # -- Qt model interface --------------------------------------------------------------------------

    def rowCount(self, parent: QtCore.QModelIndex = QtCore.QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QtCore.QModelIndex = QtCore.QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section][1])
        return None

    def data(self, index: QtCore.QModelIndex, role: int = _DISPLAY):
        if role != _DISPLAY and role != _TOOLTIP and role != _ID:
            return None
        row = index.row()
        if row < 0 or row >= len(self._ids):
            return None
        if role == _ID:
            return self._ids[row]
        cells = self._cells(row)
        return cells[index.column()] if cells else None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(COLUMNS):
            self.set_query(
                replace(self._query, sort=COLUMNS[column][0], descending=order == Qt.SortOrder.DescendingOrder)
            )

    def retranslate(self) -> None:
        """Headers and formatted cells (dates, country names) follow the language."""
        if COLUMNS:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        self._pages.clear()  # cells are formatted for the language
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(COLUMNS) - 1))

    # -- pages ---------------------------------------------------------------------------------------

    def _cells(self, row: int) -> tuple[str, ...] | None:
        page_no = row // PAGE_SIZE
        page = self._pages.get(page_no)
        if page is None:
            ids = self._ids[page_no * PAGE_SIZE : (page_no + 1) * PAGE_SIZE]
            page = {r.id: tuple(_cell(r, key) for key, _label in COLUMNS) for r in summary_rows(self._session, ids)}
            self._pages[page_no] = page
        return page.get(self._ids[row])
