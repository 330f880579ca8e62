"""Radio-button rows over a catalogue (arrow keys move within, Tab leaves the row)."""

from __future__ import annotations

from ...domain.catalogues import Catalogue
from ...i18n import _
from ..qt import QtWidgets, Signal
from .flow_layout import FlowLayout


class RadioChoice(QtWidgets.QWidget):
    changed = Signal(str)

    def __init__(self, catalogue: Catalogue, code: str, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self._catalogue = catalogue
        # Wraps onto a second line rather than squeeze a label (five forms of contact in Russian).
        layout = FlowLayout(self)
        self.group = QtWidgets.QButtonGroup(self)
        self._buttons: dict[str, QtWidgets.QRadioButton] = {}
        for entry in catalogue:
            button = QtWidgets.QRadioButton(self)
            self.group.addButton(button)
            layout.addWidget(button)
            button.toggled.connect(lambda on, c=entry.code: on and self.changed.emit(c))
            self._buttons[entry.code] = button
        self.set_code(code)
        self.retranslate()

    def retranslate(self) -> None:
        for code, button in self._buttons.items():
            button.setText(_(self._catalogue.label(code)))
            button.setAccessibleName(button.text())

    def button(self, code: str) -> QtWidgets.QRadioButton:
        return self._buttons[code]

    def code(self) -> str:
        return next((c for c, b in self._buttons.items() if b.isChecked()), "")

    def set_code(self, code: str) -> None:
        if code in self._buttons:
            self._buttons[code].setChecked(True)
            self.setFocusProxy(self._buttons[code])
