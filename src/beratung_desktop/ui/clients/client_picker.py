"""A line edit that finds a client by name or number as you type and remembers the chosen one."""

from __future__ import annotations

from ...domain.clients import Client
from ...i18n import _
from ...services import casework
from ..qt import Qt, QtCore, QtGui, QtWidgets, Signal

SEARCH_DELAY_MS = 200


class ClientPicker(QtWidgets.QLineEdit):
    client_changed = Signal(str)

    def __init__(self, session, client: Client | None = None, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.client_id = ""
        self.setPlaceholderText(_("Type a name or client number"))
        self.setClearButtonEnabled(True)
        self._model = QtGui.QStandardItemModel(self)
        self._completer = QtWidgets.QCompleter(self._model, self)
        # The repository's search already chose and ranked the rows ("Mueller" finds "Müller"); the
        # completer must not filter them again by its own text comparison.
        self._completer.setCompletionMode(QtWidgets.QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.activated[QtCore.QModelIndex].connect(self._chosen)
        self.setCompleter(self._completer)
        self._timer = QtCore.QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search)
        self.textEdited.connect(self._edited)
        if client is not None:
            self.set_client(client)

    def set_client(self, client: Client | None) -> None:
        self.client_id = client.id if client else ""
        self.setText(self.label(client) if client else "")
        self.client_changed.emit(self.client_id)

    @staticmethod
    def label(client: Client) -> str:
        return f"{client.display_name} ({client.client_number})"

    def _edited(self) -> None:
        if self.client_id:
            self.client_id = ""
            self.client_changed.emit("")
        self._timer.start()

    def search(self) -> None:
        self._timer.stop()
        self._model.clear()
        for client in casework.search_clients(self.session, self.text(), limit=20):
            item = QtGui.QStandardItem(self.label(client))
            item.setData(client.id, Qt.ItemDataRole.UserRole)
            self._model.appendRow(item)
        if self._model.rowCount():
            self._completer.complete()

    def _chosen(self, index: QtCore.QModelIndex) -> None:
        # The completer hands over an index of its proxy model; the text identifies the row.
        text = index.data()
        for row in range(self._model.rowCount()):
            item = self._model.item(row)
            if item.text() == text:
                self.client_id = item.data(Qt.ItemDataRole.UserRole)
                self.setText(text)
                self.client_changed.emit(self.client_id)
                return

    def choose_first(self) -> bool:
        """Takes the first match of the typed text (Enter without opening the list)."""
        self.search()
        if not self._model.rowCount():
            return False
        self._chosen(self._model.index(0, 0))
        self._completer.popup().hide()
        return True
