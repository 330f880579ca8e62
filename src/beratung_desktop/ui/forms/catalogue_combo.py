"""Combo boxes over catalogues and long code lists (countries), with type-ahead."""

from __future__ import annotations

from collections.abc import Iterable

from ...domain.catalogues import Catalogue
from ...i18n import _
from ..qt import QtCore, QtWidgets


class CodeCombo(QtWidgets.QComboBox):
    """Items carry a stable code as data; `code()` and `set_code()` work with it."""

    def code(self) -> str:
        value = self.currentData()
        return value if isinstance(value, str) else ""

    def set_code(self, code: str | None) -> None:
        index = self.findData(code or "")
        self.setCurrentIndex(max(index, 0))

    def set_items(self, items: Iterable[tuple[str, str]]) -> None:
        current = self.code()
        self.blockSignals(True)
        self.clear()
        for code, label in items:
            self.addItem(label, code)
        self.set_code(current)
        self.blockSignals(False)


class CatalogueCombo(CodeCombo):
    def __init__(self, catalogue: Catalogue, parent: QtWidgets.QWidget | None = None, empty_label: str | None = None):
        super().__init__(parent)
        self._catalogue = catalogue
        self._empty_label = empty_label
        self.retranslate()

    def retranslate(self) -> None:
        items = [("", _(self._empty_label))] if self._empty_label else []
        items += [(e.code, _(e.label)) for e in self._catalogue]
        self.set_items(items)


class SearchableCombo(CodeCombo):
    """An editable combo whose completer finds entries by any part of the name."""

    def __init__(self, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QtWidgets.QComboBox.InsertPolicy.NoInsert)
        completer = self.completer()
        completer.setFilterMode(QtCore.Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(QtCore.Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QtWidgets.QCompleter.CompletionMode.PopupCompletion)
        self.lineEdit().editingFinished.connect(self.settle)

    def settle(self) -> None:
        """Leaving the field picks the entry the typed text names, or puts the chosen entry's name back."""
        text = self.currentText().strip()
        flags = QtCore.Qt.MatchFlag
        for flag in (flags.MatchFixedString, flags.MatchStartsWith, flags.MatchContains):
            index = self.findText(text, flag) if text else -1
            if index >= 0:
                self.setCurrentIndex(index)
                break
        self.setEditText(self.itemText(self.currentIndex()))
