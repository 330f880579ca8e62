"""The agreement goals of one case: list with overdue goals highlighted, and the goal being edited."""

from __future__ import annotations

import dataclasses
from datetime import date

from ...domain.agreements import AgreementGoal
from ...domain.cases import Case
from ...domain.catalogues import GOAL_RESPONSIBLE, GOAL_STATUSES
from ...i18n import _
from ...i18n.formatting import format_date
from ...services import casework
from ..forms.catalogue_combo import CatalogueCombo
from ..forms.date_inputs import OptionalDateEdit
from ..forms.field_errors import FieldErrors, with_error
from ..forms.form_dialog import plain, run_save
from ..forms.message_bar import MessageBar
from ..forms.readable_header import widen_to_captions
from ..qt import Qt, QtCore, QtGui, QtWidgets, Signal
from ..retranslating import Retranslating

OVERDUE_BACKGROUND = QtGui.QColor("#fdecea")


class GoalsEditor(Retranslating, QtWidgets.QWidget):
    saved = Signal(str)

    def __init__(self, session, case: Case, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self._read = False  # set by refresh(); retranslate() then only re-renders
        self.session = session
        self.case = case
        self.goals: list[AgreementGoal] = []
        self.current: AgreementGoal | None = None
        self.errors = FieldErrors()
        self._build()  # retranslate() at its end fills the list
        self.new_goal()

    # -- layout --------------------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QtWidgets.QVBoxLayout(self)
        self.banner = MessageBar(self)
        outer.addWidget(self.banner)
        split = QtWidgets.QHBoxLayout()
        outer.addLayout(split, 1)
        self.table = QtWidgets.QTableWidget(0, 5, self)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QtWidgets.QHeaderView.ResizeMode.Stretch)
        # The stretched goal column keeps room for its caption when the other columns take the width.
        self.table.horizontalHeader().setMinimumSectionSize(72)
        self.table.setTabKeyNavigation(False)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        split.addWidget(self.table, 3)

        box = QtWidgets.QGroupBox(self)
        self.box = box
        form = QtWidgets.QFormLayout(box)
        self.goal = QtWidgets.QLineEdit(box)
        self.steps = QtWidgets.QPlainTextEdit(box)
        self.steps.setTabChangesFocus(True)
        self.steps.setMinimumHeight(80)
        self.responsible = CatalogueCombo(GOAL_RESPONSIBLE, box)
        self.due = OptionalDateEdit(None, box)
        self.status = CatalogueCombo(GOAL_STATUSES, box)
        self.reviewed = OptionalDateEdit(None, box)
        self._captions: list[tuple[QtWidgets.QLabel, str]] = []
        for label, widget, field in (
            (_("&Goal:"), self.goal, "goal"),
            (_("S&teps (one per line):"), self.steps, "steps"),
            (_("&Responsible:"), self.responsible, "responsible"),
            (_("&Due on:"), self.due, "due"),
            (_("Stat&us:"), self.status, "status"),
            (_("Re&viewed on:"), self.reviewed, "reviewed"),
        ):
            caption = QtWidgets.QLabel(label, box)
            caption.setBuddy(widget)
            widget.setAccessibleName(plain(label))
            form.addRow(caption, with_error(widget, self.errors, field))
        buttons = QtWidgets.QHBoxLayout()
        self.new_button = QtWidgets.QPushButton(box)
        self.save_button = QtWidgets.QPushButton(box)
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        form.addRow(buttons)
        split.addWidget(box, 2)
        self.new_button.clicked.connect(self.new_goal)
        self.save_button.clicked.connect(self.save)
        for keys, slot in (
            (QtGui.QKeySequence.StandardKey.Save, self.save),
            (QtGui.QKeySequence.StandardKey.New, self.new_goal),
        ):
            shortcut = QtGui.QShortcut(QtGui.QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.retranslate()

    def retranslate(self) -> None:
        headers = [_("Goal"), _("Responsible"), _("Due"), _("Status"), _("Reviewed")]
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setAccessibleName(_("Agreement goals"))
        self.box.setTitle(_("Goal"))
        self.new_button.setText(_("&New goal"))
        self.new_button.setToolTip(_("New goal (Ctrl+N)"))
        self.save_button.setText(_("&Save goal"))
        self.save_button.setToolTip(_("Save goal (Ctrl+S)"))
        for combo in (self.responsible, self.status):
            combo.retranslate()
        if self._read:  # a language change re-renders what was read; it does not read again
            self._render()
        else:
            self.refresh()

    # -- list ----------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._read = True
        self.goals = casework.case_goals(self.session, self.case.id)
        self._render()

    def _render(self) -> None:
        today = date.today()
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.goals))
        for row, goal in enumerate(self.goals):
            overdue = goal.is_overdue(today)
            due = format_date(goal.due) + (" · " + _("overdue") if overdue else "")
            cells = [
                goal.goal,
                _(GOAL_RESPONSIBLE.label(goal.responsible)),
                due,
                _(GOAL_STATUSES.label(goal.status)),
                format_date(goal.reviewed),
            ]
            for column, text in enumerate(cells):
                item = QtWidgets.QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, goal.id)
                if overdue:
                    item.setBackground(OVERDUE_BACKGROUND)
                    font = item.font()
                    font.setBold(column == 2)
                    item.setFont(font)
                self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QtWidgets.QHeaderView.ResizeMode.Stretch)
        widen_to_captions(self.table.horizontalHeader())

    def overdue_rows(self) -> list[int]:
        today = date.today()
        return [row for row, goal in enumerate(self.goals) if goal.is_overdue(today)]

    def _selection_changed(self) -> None:
        rows = {i.row() for i in self.table.selectedItems()}
        if rows:
            self.load(self.goals[min(rows)])

    # -- form ----------------------------------------------------------------------------------------

    def new_goal(self) -> None:
        self.table.clearSelection()
        self.load(None)
        self.goal.setFocus()

    def load(self, goal: AgreementGoal | None) -> None:
        self.current = goal
        self.errors.clear()
        self.goal.setText(goal.goal if goal else "")
        self.steps.setPlainText("\n".join(goal.steps) if goal else "")
        self.responsible.set_code(goal.responsible if goal else "together")
        self.due.set_value(goal.due if goal else None)
        self.status.set_code(goal.status if goal else "open")
        self.reviewed.set_value(goal.reviewed if goal else None)

    def edited_goal(self) -> AgreementGoal:
        steps = [line.strip() for line in self.steps.toPlainText().splitlines() if line.strip()]
        values = dict(
            goal=self.goal.text().strip(),
            steps=steps,
            responsible=self.responsible.code(),
            due=self.due.value(),
            status=self.status.code(),
            reviewed=self.reviewed.value(),
        )
        if self.current is None:
            return AgreementGoal(case_id=self.case.id, **values)
        return dataclasses.replace(self.current, **values)

    def save(self) -> str | None:
        goal_id = run_save(self.errors, self.banner, lambda: casework.save_goal(self.session, self.edited_goal()).id)
        if goal_id is None:
            return None
        self.refresh()
        row = next(i for i, g in enumerate(self.goals) if g.id == goal_id)
        self.table.selectRow(row)
        self.banner.show_message(_("Goal saved."), "info", timeout_ms=3000)
        self.saved.emit(goal_id)
        return goal_id


class GoalsDialog(QtWidgets.QDialog):
    """The goals editor in its own window, closed with Esc."""

    def __init__(self, session, case: Case, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Agreement goals"))
        layout = QtWidgets.QVBoxLayout(self)
        self.editor = GoalsEditor(session, case, self)
        layout.addWidget(self.editor)
        close = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.resize(QtCore.QSize(980, 520))
