"""The household members counselled together with a client, as a small editable table."""

from __future__ import annotations

from ...domain.clients import HouseholdMember
from ...i18n import _
from ..forms.readable_header import keep_captions_readable
from ..qt import Qt, QtWidgets

COLUMNS = 5


class HouseholdEditor(QtWidgets.QWidget):
    def __init__(self, members: list[HouseholdMember], parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QtWidgets.QTableWidget(0, COLUMNS, self)
        labels = [_("Given name"), _("Family name"), _("Relation"), _("Year of birth"), _("Counselled")]
        self.table.setHorizontalHeaderLabels(labels)
        header = self.table.horizontalHeader()
        for column in range(COLUMNS):
            mode = QtWidgets.QHeaderView.ResizeMode
            header.setSectionResizeMode(column, mode.Stretch if column < 3 else mode.ResizeToContents)
        # Stretched columns may shrink below their caption in a narrow dialog; a header must stay readable.
        keep_captions_readable(self.table)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)
        self.table.setMinimumHeight(110)
        self.table.setAccessibleName(_("Household members"))
        layout.addWidget(self.table)
        buttons = QtWidgets.QHBoxLayout()
        self.add_button = QtWidgets.QPushButton(_("Add mem&ber"), self)
        self.add_button.setAccessibleName(_("Add household member"))
        self.remove_button = QtWidgets.QPushButton(_("Remove member"), self)
        self.remove_button.setAccessibleName(_("Remove household member"))
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add_member)
        self.remove_button.clicked.connect(self.remove_member)
        self.remove_button.setEnabled(False)
        self.table.itemSelectionChanged.connect(
            lambda: self.remove_button.setEnabled(bool(self.table.selectionModel().selectedIndexes()))
        )
        for member in members:
            self._append(member)

    def _append(self, member: HouseholdMember) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        values = [
            member.given_name,
            member.family_name,
            member.relation,
            str(member.birth_year) if member.birth_year else "",
        ]
        for column, value in enumerate(values):
            self.table.setItem(row, column, QtWidgets.QTableWidgetItem(value))
        check = QtWidgets.QTableWidgetItem()
        flag = Qt.ItemFlag
        check.setFlags(flag.ItemIsUserCheckable | flag.ItemIsEnabled | flag.ItemIsSelectable)
        check.setCheckState(Qt.CheckState.Checked if member.counselled else Qt.CheckState.Unchecked)
        self.table.setItem(row, 4, check)

    def add_member(self) -> None:
        self._append(HouseholdMember(given_name=""))
        row = self.table.rowCount() - 1
        self.table.setCurrentCell(row, 0)
        self.table.setFocus()
        self.table.editItem(self.table.item(row, 0))

    def remove_member(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def members(self) -> list[HouseholdMember]:
        """The rows with a name; a year that is not a number is left out rather than refused."""
        found: list[HouseholdMember] = []
        for row in range(self.table.rowCount()):

            def text(column: int, row: int = row) -> str:
                item = self.table.item(row, column)
                return item.text().strip() if item else ""

            if not text(0) and not text(1):
                continue
            year = text(3)
            found.append(
                HouseholdMember(
                    given_name=text(0),
                    family_name=text(1),
                    relation=text(2),
                    birth_year=int(year) if year.isdigit() else None,
                    counselled=self.table.item(row, 4).checkState() == Qt.CheckState.Checked,
                )
            )
        return found
