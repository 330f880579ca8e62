"""Selecting a row of a list again after it was refilled."""

from __future__ import annotations

from ..qt import QtCore, QtWidgets


def select_row(table: QtWidgets.QTableWidget, row: int) -> None:
    """Makes the row current and selected, also when it was current before the table was refilled
    (selectRow() alone leaves such a row unselected)."""
    flags = QtCore.QItemSelectionModel.SelectionFlag
    table.setCurrentCell(row, 0, flags.ClearAndSelect | flags.Rows)
