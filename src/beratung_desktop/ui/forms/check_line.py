"""A check box whose long text wraps (a plain QCheckBox keeps its text on one line, however long)."""

from __future__ import annotations

from ..qt import Qt, QtGui, QtWidgets


class _ToggleLabel(QtWidgets.QLabel):
    def __init__(self, box: QtWidgets.QCheckBox):
        super().__init__()
        self._box = box
        self.setWordWrap(True)
        self.setBuddy(box)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mouseReleaseEvent(self, event: QtGui.QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._box.isEnabled():
            self._box.toggle()
            self._box.setFocus()
        super().mouseReleaseEvent(event)


class CheckLine(QtWidgets.QWidget):
    """`box` is the check box (for signals and state); `setText` sets the wrapped text and its accessible name."""

    def __init__(self, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.box = QtWidgets.QCheckBox(self)
        self.label = _ToggleLabel(self.box)
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)

    def setText(self, text: str) -> None:
        self.label.setText(text)
        self.box.setAccessibleName(text.replace("&", ""))

    def text(self) -> str:
        return self.label.text()
