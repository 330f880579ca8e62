"""Minutes with quick-choice buttons (15/30/45/60)."""

from __future__ import annotations

from ...i18n import _
from ..qt import QtWidgets


class MinutesInput(QtWidgets.QWidget):
    def __init__(
        self, minutes: int = 45, quick: tuple[int, ...] = (15, 30, 45, 60), parent: QtWidgets.QWidget | None = None
    ):
        super().__init__(parent)
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.spin = QtWidgets.QSpinBox(self)
        self.spin.setRange(0, 24 * 60)
        self.spin.setSingleStep(5)
        self.spin.setSuffix(" " + _("min"))
        self.spin.setValue(minutes)
        layout.addWidget(self.spin)
        self.quick_buttons: list[QtWidgets.QToolButton] = []
        for value in quick:
            button = QtWidgets.QToolButton(self)
            button.setText(str(value))
            button.setAccessibleName(_("{n} minutes").format(n=value))
            button.clicked.connect(lambda _checked=False, v=value: self.spin.setValue(v))
            layout.addWidget(button)
            self.quick_buttons.append(button)
        layout.addStretch(1)
        self.setFocusProxy(self.spin)

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.spin.setAccessibleName(name)

    def value(self) -> int:
        return self.spin.value()

    def set_value(self, minutes: int) -> None:
        self.spin.setValue(minutes)
