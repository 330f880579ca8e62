"""Several languages chosen from Babel's list, with the ones counsellors need most at the top."""

from __future__ import annotations

from ...domain.names import fold
from ...i18n import _
from ...i18n.formatting import languages
from ..qt import Qt, QtCore, QtWidgets

# The languages printouts are made in come first (translations/README.md); Dari is recorded as "prs".
COMMON_LANGUAGES = ("ar", "fa", "prs", "ps", "uk", "ru", "tr", "ti", "ku", "en", "fr")


class LanguagePicker(QtWidgets.QWidget):
    def __init__(self, chosen: list[str], parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.filter = QtWidgets.QLineEdit(self)
        self.filter.setPlaceholderText(_("Filter languages"))
        self.filter.setAccessibleName(_("Filter languages"))
        self.filter.setClearButtonEnabled(True)
        self.list = QtWidgets.QListWidget(self)
        self.list.setMinimumHeight(96)
        self.list.setAccessibleName(_("Languages"))
        layout.addWidget(self.filter)
        layout.addWidget(self.list)
        names = dict(languages())
        chosen_set = set(chosen)
        ordered = [c for c in COMMON_LANGUAGES if c in names]
        ordered += [c for c in chosen if c not in ordered]
        ordered += [c for c, _n in languages() if c not in ordered]
        for code in ordered:
            item = QtWidgets.QListWidgetItem(names.get(code, code), self.list)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in chosen_set else Qt.CheckState.Unchecked)
        self.filter.textChanged.connect(self._apply_filter)
        # Enter here chooses a language; it must not also reach the form and save it half filled in.
        self.filter.installEventFilter(self)
        self.setFocusProxy(self.filter)

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        enter = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        is_key = watched is self.filter and event.type() == QtCore.QEvent.Type.KeyPress
        if is_key and event.key() in enter:  # type: ignore[attr-defined]
            self._toggle_first_visible()
            return True
        return super().eventFilter(watched, event)

    def _items(self) -> list[QtWidgets.QListWidgetItem]:
        return [self.list.item(i) for i in range(self.list.count())]

    def _apply_filter(self, text: str) -> None:
        # Folded like the client search: "ingilizce" finds "İngilizce", "turkce" finds "Türkçe".
        needle = fold(text.strip())
        for item in self._items():
            item.setHidden(bool(needle) and needle not in fold(item.text()))

    def _toggle_first_visible(self) -> None:
        """Enter in the filter ticks the first match, so a language is chosen without the mouse."""
        for item in self._items():
            if not item.isHidden():
                checked = item.checkState() == Qt.CheckState.Checked
                item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
                self.filter.clear()
                return

    def selected(self) -> list[str]:
        return [
            item.data(Qt.ItemDataRole.UserRole) for item in self._items() if item.checkState() == Qt.CheckState.Checked
        ]
