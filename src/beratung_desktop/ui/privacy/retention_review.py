"""The retention review for team leads: who is due (retention ended or storage consent withdrawn), erase
the chosen clients after one confirmation listing them, or keep them with a legal hold."""

from __future__ import annotations

from ...config import SettingsStore
from ...domain.catalogues import ERASURE_REASONS
from ...errors import AppError, error_text
from ...i18n import N_, _, ngettext
from ...i18n.formatting import format_date
from ...services import privacy
from ...services.privacy import HeldClient, ReviewItem
from ...services.session import Session
from ..forms.date_inputs import OptionalDateEdit
from ..forms.message_bar import MessageBar
from ..qt import Qt, QtWidgets, Signal
from ..retranslating import Retranslating
from ..style import set_role

REVIEW_HEADERS = (N_("Client"), N_("No."), N_("Last contact"), N_("Cases"), N_("Reason"), N_("Due since"))
HOLD_HEADERS = (N_("Client"), N_("No."), N_("Reason for the hold"), N_("Until"), N_("Placed by"))


def _table(columns: int, parent: QtWidgets.QWidget) -> QtWidgets.QTableWidget:
    table = QtWidgets.QTableWidget(0, columns, parent)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setAlternatingRowColors(True)
    return table


def _fill(table: QtWidgets.QTableWidget, headers: tuple[str, ...], rows: list[list[str]]) -> None:
    table.setHorizontalHeaderLabels([_(h) for h in headers])
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.setItem(r, c, QtWidgets.QTableWidgetItem(value))
    table.resizeColumnsToContents()


def _selected_rows(table: QtWidgets.QTableWidget) -> list[int]:
    return sorted({index.row() for index in table.selectionModel().selectedRows()})


class HoldDialog(QtWidgets.QDialog):
    """Reason and end of a legal hold (an empty end: until lifted)."""

    def __init__(self, names: list[str], parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Place a legal hold"))
        intro = QtWidgets.QLabel(
            _("A legal hold keeps these clients off the review list and refuses their erasure: {names}").format(
                names=", ".join(names)
            ),
            self,
        )
        intro.setWordWrap(True)
        self.reason = QtWidgets.QLineEdit(self)
        self.reason.setPlaceholderText(_("e.g. court proceedings, file number"))
        self.reason.setAccessibleName(_("Reason for the hold"))
        self.until = OptionalDateEdit(None, self)
        self.until.setAccessibleName(_("Hold until"))
        form = QtWidgets.QFormLayout()
        form.addRow(_("&Reason for the hold:"), self.reason)
        form.addRow(_("&Until:"), self.until)
        buttons = QtWidgets.QDialogButtonBox(self)
        self.ok_button = buttons.addButton(_("Place &hold"), QtWidgets.QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(_("Cancel"), QtWidgets.QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(lambda text: self.ok_button.setEnabled(bool(text.strip())))
        self.ok_button.setEnabled(False)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(560, 220)


class RetentionReview(Retranslating, QtWidgets.QDialog):
    """`changed` fires after clients were erased or holds changed (the start page counts again)."""

    changed = Signal()

    def __init__(self, session: Session, settings_store: SettingsStore, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.settings_store = settings_store
        self.items: list[ReviewItem] = []
        self.held: list[HeldClient] = []
        self.confirmation: QtWidgets.QMessageBox | None = None
        self.hold_dialog: HoldDialog | None = None
        self._build()
        self.retranslate()
        self.refresh()

    def _build(self) -> None:
        self.banner = MessageBar(self)
        self.intro = QtWidgets.QLabel(self)
        self.intro.setWordWrap(True)
        self.policy_line = QtWidgets.QLabel(self)
        self.policy_line.setWordWrap(True)
        set_role(self.policy_line, "hint")
        self.due_title = QtWidgets.QLabel(self)
        set_role(self.due_title, "subtitle")
        self.due = _table(len(REVIEW_HEADERS), self)
        self.erase_button = QtWidgets.QPushButton(self)
        self.erase_button.clicked.connect(self.erase_selected)
        self.hold_button = QtWidgets.QPushButton(self)
        self.hold_button.clicked.connect(self.hold_selected)
        self.held_title = QtWidgets.QLabel(self)
        set_role(self.held_title, "subtitle")
        self.holds = _table(len(HOLD_HEADERS), self)
        self.lift_button = QtWidgets.QPushButton(self)
        self.lift_button.clicked.connect(self.lift_selected)
        self.close_button = QtWidgets.QPushButton(self)
        self.close_button.clicked.connect(self.accept)
        due_buttons = QtWidgets.QHBoxLayout()
        due_buttons.addWidget(self.erase_button)
        due_buttons.addWidget(self.hold_button)
        due_buttons.addStretch(1)
        held_buttons = QtWidgets.QHBoxLayout()
        held_buttons.addWidget(self.lift_button)
        held_buttons.addStretch(1)
        held_buttons.addWidget(self.close_button)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.intro)
        layout.addWidget(self.policy_line)
        layout.addWidget(self.due_title)
        layout.addWidget(self.due, 3)
        layout.addLayout(due_buttons)
        layout.addWidget(self.held_title)
        layout.addWidget(self.holds, 2)
        layout.addLayout(held_buttons)
        self.due.itemSelectionChanged.connect(self._sync)
        self.holds.itemSelectionChanged.connect(self._sync)
        self.resize(1100, 680)

    # -- data ----------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.policy = privacy.policy_from_settings(self.session, self.settings_store)
        self.items = privacy.review_list(self.session, self.policy)
        self.held = privacy.holds_in_force(self.session)
        self._render()

    def _render(self) -> None:
        _fill(
            self.due,
            REVIEW_HEADERS,
            [
                [
                    i.name,
                    i.client_number,
                    format_date(i.last_contact) if i.last_contact else _("none"),
                    str(i.cases),
                    _(ERASURE_REASONS.label(i.reason)),
                    format_date(i.since),
                ]
                for i in self.items
            ],
        )
        _fill(
            self.holds,
            HOLD_HEADERS,
            [
                [
                    h.name,
                    h.client_number,
                    h.hold.reason,
                    format_date(h.hold.until) if h.hold.until else _("until lifted"),
                    h.hold.placed_by,
                ]
                for h in self.held
            ],
        )
        self.due_title.setText(_("Due for review ({count})").format(count=len(self.items)))
        self.held_title.setText(_("Legal holds in force ({count})").format(count=len(self.held)))
        if self.policy.fixed:
            policy = _("Retention: {months} months after the last case closed, for every service (fixed by IT).")
            self.policy_line.setText(policy.format(months=self.policy.default_months))
        else:
            self.policy_line.setText(
                _("Retention per service is set on the settings page; the default is {months} months.").format(
                    months=self.policy.default_months
                )
            )
        self._sync()

    def _sync(self) -> None:
        chosen = bool(_selected_rows(self.due))
        self.erase_button.setEnabled(chosen)
        self.hold_button.setEnabled(chosen)
        self.lift_button.setEnabled(bool(_selected_rows(self.holds)))

    def chosen(self) -> list[ReviewItem]:
        return [self.items[r] for r in _selected_rows(self.due)]

    # -- actions -------------------------------------------------------------------------------------

    def erase_selected(self) -> QtWidgets.QMessageBox | None:
        """Asks once, listing every chosen client; erases when the user confirms."""
        items = self.chosen()
        if not items:
            return None
        box = QtWidgets.QMessageBox(self)
        box.setIcon(QtWidgets.QMessageBox.Icon.Warning)
        box.setWindowTitle(_("Erase clients"))
        box.setText(
            ngettext(
                "Erase this client for good? Only a pseudonymous skeleton stays for the figures.",
                "Erase these {count} clients for good? Only a pseudonymous skeleton stays for the figures.",
                len(items),
            ).format(count=len(items))
        )
        box.setInformativeText("\n".join(f"{i.name} ({i.client_number})" for i in items))
        self.confirm_button = box.addButton(_("&Erase for good"), QtWidgets.QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QtWidgets.QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QtWidgets.QMessageBox.StandardButton.Cancel)
        self.confirm_button.clicked.connect(lambda: self._erase(items))
        self.confirmation = box
        box.open()
        return box

    def _erase(self, items: list[ReviewItem]) -> None:
        QtWidgets.QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        try:
            results = privacy.erase_reviewed(self.session, items)
        finally:
            QtWidgets.QApplication.restoreOverrideCursor()
        refused = [(item, outcome) for item, outcome in results if isinstance(outcome, AppError)]
        erased = len(results) - len(refused)
        text = ngettext("{erased} client erased.", "{erased} clients erased.", erased).format(erased=erased)
        if refused:
            text += " " + _("Not erased: {list}").format(
                list="; ".join(f"{item.name}: {error_text(exc)}" for item, exc in refused)
            )
        self.banner.show_message(text, "warning" if refused else "info")
        self.refresh()
        self.changed.emit()

    def hold_selected(self) -> HoldDialog | None:
        items = self.chosen()
        if not items:
            return None
        self.hold_dialog = HoldDialog([i.name for i in items], self)
        self.hold_dialog.accepted.connect(lambda: self._hold(items))
        self.hold_dialog.open()
        return self.hold_dialog

    def _hold(self, items: list[ReviewItem]) -> None:
        assert self.hold_dialog is not None
        reason, until = self.hold_dialog.reason.text(), self.hold_dialog.until.value()
        try:
            for item in items:
                privacy.place_hold(self.session, item.client_id, reason, until)
        except AppError as exc:
            self.banner.show_message(error_text(exc), "error")
        else:
            placed = ngettext(
                "Legal hold placed for {count} client.", "Legal hold placed for {count} clients.", len(items)
            )
            self.banner.show_message(placed.format(count=len(items)), "info")
        self.refresh()
        self.changed.emit()

    def lift_selected(self) -> None:
        chosen = [self.held[r] for r in _selected_rows(self.holds)]
        for held in chosen:
            privacy.lift_hold(self.session, held.hold.id)
        if chosen:
            lifted = ngettext(
                "Legal hold lifted for {count} client.", "Legal hold lifted for {count} clients.", len(chosen)
            )
            self.banner.show_message(lifted.format(count=len(chosen)), "info")
            self.refresh()
            self.changed.emit()

    # -- language ------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(_("Retention review"))
        self.setAccessibleName(_("Retention review"))
        self.intro.setText(
            _(
                "These clients' retention period has ended or they withdrew their consent to storage. Nothing "
                "is erased without you: erase the ones you checked, or keep them with a legal hold."
            )
        )
        self.erase_button.setText(_("&Erase selected…"))
        self.hold_button.setText(_("Place legal &hold…"))
        self.lift_button.setText(_("&Lift hold"))
        self.close_button.setText(_("Close"))
        self.due.setAccessibleName(_("Due for review"))
        self.holds.setAccessibleName(_("Legal holds in force"))
        if hasattr(self, "policy"):
            self._render()
