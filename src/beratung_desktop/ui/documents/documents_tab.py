"""The client page's Documents tab: the client's documents (add by picker or drag and drop, view, save a
copy) and their deadlines (new, done, moved, dropped, turned into an appointment)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path

from ...domain.catalogues import DEADLINE_KINDS, DEADLINE_STATUSES, DOCUMENT_TYPES
from ...domain.clients import Client
from ...domain.deadlines import Deadline
from ...domain.documents import DEFAULT_MAX_MB, Document
from ...errors import AppError, error_text
from ...i18n import N_, _
from ...i18n.formatting import format_date
from ...services import deadlines, documents
from ..appointments.appointment_dialog import AppointmentDialog
from ..forms.flow_layout import FlowLayout
from ..qt import Qt, QtCore, QtGui, QtWidgets, Signal
from ..retranslating import Retranslating
from ..style import set_role
from .add_document_dialog import AddDocumentDialog
from .deadline_dialogs import DeadlineDialog, DropDeadlineDialog, MoveDeadlineDialog
from .document_viewer import DocumentViewer, save_copy_with_warning

DOCUMENT_COLUMNS = (N_("Date"), N_("Type"), N_("Issued by"), N_("File"), N_("Size"), N_("Note"))
DEADLINE_COLUMNS = (N_("Due"), N_("Deadline"), N_("Note"), N_("Status"))
FILE_FILTER = "*.pdf *.PDF *.jpg *.JPG *.jpeg *.JPEG *.png *.PNG *.heic *.HEIC"


def _table(columns: tuple[str, ...]) -> QtWidgets.QTableWidget:
    table = QtWidgets.QTableWidget(0, len(columns))
    table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.setAlternatingRowColors(True)
    return table


def _fill(table: QtWidgets.QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QtWidgets.QTableWidgetItem(value))
    table.resizeColumnsToContents()


def size_text(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / (1024 * 1024):.1f} MB"


class DocumentsTab(Retranslating, QtWidgets.QWidget):
    changed = Signal()

    def __init__(self, session, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.max_mb = DEFAULT_MAX_MB  # the main window sets the value from the settings
        self.client: Client | None = None
        self.documents: list[Document] = []
        self.deadlines: list[Deadline] = []
        self.dialog: QtWidgets.QDialog | None = None
        self._waiting: list[Path] = []  # dropped files still to be described
        self.setAcceptDrops(True)
        self._build()
        self.retranslate()

    # -- layout --------------------------------------------------------------------------------------

    def _button(self, bar: FlowLayout, slot: Callable[[], object]) -> QtWidgets.QPushButton:
        button = QtWidgets.QPushButton(self)
        button.clicked.connect(lambda _checked=False: slot())
        bar.addWidget(button)
        return button

    def _build(self) -> None:
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        self.hint = QtWidgets.QLabel(self)
        self.hint.setWordWrap(True)
        set_role(self.hint, "hint")
        layout.addWidget(self.hint)
        document_bar = FlowLayout()
        self.add_button = self._button(document_bar, self.pick_files)
        self.view_button = self._button(document_bar, self.view_selected)
        self.save_button = self._button(document_bar, self.save_selected)
        self.deadline_from_document_button = self._button(document_bar, self.deadline_from_document)
        self.remove_button = self._button(document_bar, self.remove_selected)
        layout.addLayout(document_bar)
        self.document_table = _table(DOCUMENT_COLUMNS)
        self.document_table.itemActivated.connect(lambda _item: self.view_selected())
        splitter = QtWidgets.QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.document_table)
        lower = QtWidgets.QWidget(splitter)
        lower_layout = QtWidgets.QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 6, 0, 0)
        self.deadlines_title = QtWidgets.QLabel(lower)
        set_role(self.deadlines_title, "subtitle")
        lower_layout.addWidget(self.deadlines_title)
        deadline_bar = FlowLayout()
        self.new_deadline_button = self._button(deadline_bar, self.new_deadline)
        self.done_button = self._button(deadline_bar, self.mark_done)
        self.move_button = self._button(deadline_bar, self.move_selected)
        self.drop_button = self._button(deadline_bar, self.drop_selected)
        self.appointment_button = self._button(deadline_bar, self.appointment_from_deadline)
        lower_layout.addLayout(deadline_bar)
        self.deadline_table = _table(DEADLINE_COLUMNS)
        lower_layout.addWidget(self.deadline_table, 1)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)

    def retranslate(self) -> None:
        self.hint.setText(
            _(
                "PDF, JPEG or PNG up to {limit} MB: drop files here or use Add document. They are kept only "
                "inside the encrypted data store."
            ).format(limit=self.max_mb)
        )
        self.add_button.setText(_("Add document…"))
        self.view_button.setText(_("View"))
        self.save_button.setText(_("Save a copy…"))
        self.deadline_from_document_button.setText(_("Deadline from document…"))
        self.remove_button.setText(_("Remove…"))
        self.deadlines_title.setText(_("Deadlines"))
        self.new_deadline_button.setText(_("New deadline…"))
        self.done_button.setText(_("Mark completed"))
        self.move_button.setText(_("Move…"))
        self.drop_button.setText(_("Drop…"))
        self.appointment_button.setText(_("Make appointment…"))
        self.document_table.setHorizontalHeaderLabels([_(c) for c in DOCUMENT_COLUMNS])
        self.deadline_table.setHorizontalHeaderLabels([_(c) for c in DEADLINE_COLUMNS])
        self.document_table.setAccessibleName(_("Documents"))
        self.deadline_table.setAccessibleName(_("Deadlines"))
        self._render()

    # -- content -------------------------------------------------------------------------------------

    def show_client(self, client: Client) -> None:
        self.client = client
        self.reload()

    def clear(self) -> None:
        self.client = None
        self.documents, self.deadlines = [], []
        self._render()

    def reload(self) -> None:
        if self.client is None:
            return
        self.documents = documents.documents_of(self.session, self.client.id)
        self.deadlines = deadlines.deadlines_of(self.session, self.client.id)
        self._render()

    def _render(self) -> None:
        _fill(
            self.document_table,
            [
                [
                    format_date(d.issued or d.created_at.date()),
                    _(DOCUMENT_TYPES.label(d.kind)),
                    d.issuer,
                    d.title,
                    size_text(d.size),
                    d.note,
                ]
                for d in self.documents
            ],
        )
        _fill(
            self.deadline_table,
            [
                [
                    format_date(d.due),
                    _(DEADLINE_KINDS.label(d.kind)),
                    _("{note} (moved: {reason})").format(note=d.note, reason=d.move_reason).strip()
                    if d.move_reason
                    else d.note,
                    _(DEADLINE_STATUSES.label(d.status)),
                ]
                for d in self.deadlines
            ],
        )

    def _selected(self, table: QtWidgets.QTableWidget, items: list) -> object | None:
        row = table.currentRow()
        if 0 <= row < len(items) and table.selectionModel().hasSelection():
            return items[row]
        if len(items) == 1:
            return items[0]
        return None

    def selected_document(self) -> Document | None:
        found = self._selected(self.document_table, self.documents)
        return found if isinstance(found, Document) else None

    def selected_deadline(self) -> Deadline | None:
        found = self._selected(self.deadline_table, self.deadlines)
        return found if isinstance(found, Deadline) else None

    def _choose_first(self, text: str) -> None:
        QtWidgets.QMessageBox.information(self, _("Choose a record"), text)

    def _show(self, dialog: QtWidgets.QDialog, reload_on: Callable[[int], bool] | None = None) -> QtWidgets.QDialog:
        """Opens a dialog without a nested event loop; the tab reloads after it was saved."""
        self.dialog = dialog

        def finished(result: int) -> None:
            if reload_on(result) if reload_on else result == QtWidgets.QDialog.DialogCode.Accepted:
                self.reload()
                self.changed.emit()
            self.dialog = None
            self._next_waiting()

        dialog.finished.connect(finished)
        dialog.open()
        return dialog

    def _error(self, exc: BaseException) -> None:
        QtWidgets.QMessageBox.warning(self, self.window().windowTitle(), error_text(exc))

    # -- documents -----------------------------------------------------------------------------------

    def pick_files(self) -> None:
        paths, _filter = QtWidgets.QFileDialog.getOpenFileNames(
            self, _("Add document"), str(Path.home()), _("Documents ({patterns})").format(patterns=FILE_FILTER)
        )
        self.add_files([Path(p) for p in paths])

    def add_files(self, paths: list[Path]) -> QtWidgets.QDialog | None:
        """One description dialog per file, one after the other."""
        if self.client is None or not paths:
            return None
        self._waiting.extend(paths)
        if self.dialog is None:
            return self._next_waiting()
        return None

    def _next_waiting(self) -> QtWidgets.QDialog | None:
        if not self._waiting or self.client is None:
            return None
        path = self._waiting.pop(0)
        limit = documents.max_bytes(self.max_mb)
        return self._show(AddDocumentDialog(self.session, self.client, path, limit, parent=self))

    def dragEnterEvent(self, event: QtGui.QDragEnterEvent) -> None:
        if self.client is not None and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QtGui.QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            # After the drop has finished: the file manager waits for the drop to return.
            QtCore.QTimer.singleShot(0, lambda: self.add_files(paths))

    def view_selected(self) -> QtWidgets.QDialog | None:
        document = self.selected_document()
        if document is None:
            self._choose_first(_("Select a document in the list first."))
            return None
        try:
            record, content = documents.open_document(self.session, document.id)
        except AppError as exc:
            self._error(exc)
            return None
        viewer = DocumentViewer(self.session, record, content, parent=self)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.open()
        self.viewer = viewer
        return viewer

    def save_selected(self) -> Path | None:
        document = self.selected_document()
        if document is None:
            self._choose_first(_("Select a document in the list first."))
            return None
        return save_copy_with_warning(self, self.session, document.id)

    def remove_selected(self) -> None:
        document = self.selected_document()
        if document is None:
            self._choose_first(_("Select a document in the list first."))
            return
        buttons = QtWidgets.QMessageBox.StandardButton
        answer = QtWidgets.QMessageBox.question(
            self,
            _("Remove document"),
            _(
                "Remove {name} from this client? It is deleted from the data store; backups keep it until they "
                "are rotated out."
            ).format(name=document.title),
            buttons.Yes | buttons.No,
            buttons.No,
        )
        if answer != buttons.Yes:
            return
        try:
            documents.remove_document(self.session, document.id)
        except AppError as exc:
            self._error(exc)
            return
        self.reload()
        self.changed.emit()

    # -- deadlines -----------------------------------------------------------------------------------

    def deadline_from_document(self) -> QtWidgets.QDialog | None:
        document = self.selected_document()
        if document is None or self.client is None:
            self._choose_first(_("Select a document in the list first."))
            return None
        kind = {"residence_permit": "permit_expiry", "identity": "permit_expiry"}.get(document.kind, "appeal")
        return self._show(DeadlineDialog(self.session, self.client, document_id=document.id, kind=kind, parent=self))

    def new_deadline(self) -> QtWidgets.QDialog | None:
        if self.client is None:
            return None
        return self._show(DeadlineDialog(self.session, self.client, parent=self))

    def _open_deadline(self) -> Deadline | None:
        deadline = self.selected_deadline()
        if deadline is None:
            self._choose_first(_("Select a deadline in the list first."))
            return None
        if not deadline.is_open:
            self._choose_first(_("This deadline is already done or dropped."))
            return None
        return deadline

    def mark_done(self) -> None:
        deadline = self._open_deadline()
        if deadline is None:
            return
        try:
            deadlines.complete(self.session, deadline.id)
        except AppError as exc:
            self._error(exc)
            return
        self.reload()
        self.changed.emit()

    def move_selected(self) -> QtWidgets.QDialog | None:
        deadline = self._open_deadline()
        return self._show(MoveDeadlineDialog(self.session, deadline, parent=self)) if deadline else None

    def drop_selected(self) -> QtWidgets.QDialog | None:
        deadline = self._open_deadline()
        return self._show(DropDeadlineDialog(self.session, deadline, parent=self)) if deadline else None

    def appointment_from_deadline(self) -> QtWidgets.QDialog | None:
        """An appointment with the client before the deadline (or at the authority on its day)."""
        deadline = self._open_deadline()
        if deadline is None or self.client is None:
            return None
        day = deadline.due
        if deadline.kind != "authority_appointment":  # to prepare the appeal or the application together
            day = max(deadline.due - timedelta(days=3), date.today())
        dialog = AppointmentDialog(
            self.session, start=datetime.combine(day, time(10, 0)), client=self.client, parent=self
        )
        note = f"{_(DEADLINE_KINDS.label(deadline.kind))} {format_date(deadline.due)}"
        dialog.notes.setPlainText(f"{note}: {deadline.note}" if deadline.note else note)
        return self._show(dialog)
