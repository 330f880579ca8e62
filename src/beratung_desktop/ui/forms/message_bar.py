"""An inline banner for warnings and short-lived notices with actions (e.g. Undo)."""

from __future__ import annotations

from collections.abc import Callable

from ..qt import QtCore, QtWidgets

STYLES = {
    "info": "background: #e8f0fe; border: 1px solid #a8c7fa;",
    "warning": "background: #fff4e5; border: 1px solid #f0b36b;",
    "error": "background: #fdecea; border: 1px solid #e6a19b;",
}


class MessageBar(QtWidgets.QFrame):
    """Text plus action buttons; hides itself after `timeout_ms` when given."""

    def __init__(self, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setAccessibleName("")
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        self.text = QtWidgets.QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.text, 1)
        self._buttons = QtWidgets.QHBoxLayout()
        layout.addLayout(self._buttons)
        self._timer = QtCore.QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.dismiss)
        self.hide()

    def show_message(
        self,
        text: str,
        kind: str = "info",
        actions: list[tuple[str, Callable[[], None]]] | None = None,
        timeout_ms: int = 0,
    ) -> None:
        self.setStyleSheet(f"QFrame#messageBar {{ {STYLES[kind]} border-radius: 4px; }}")
        self.text.setText(text)
        self.setAccessibleName(text)
        self._clear_buttons()
        for label, callback in actions or []:
            button = QtWidgets.QPushButton(label, self)
            button.setAccessibleName(label.replace("&", ""))
            button.clicked.connect(callback)
            self._buttons.addWidget(button)
        self.show()
        if timeout_ms:
            self._timer.start(timeout_ms)
        else:
            self._timer.stop()

    def buttons(self) -> list[QtWidgets.QPushButton]:
        return [self._buttons.itemAt(i).widget() for i in range(self._buttons.count())]

    def dismiss(self) -> None:
        self._timer.stop()
        self._clear_buttons()
        self.hide()

    def _clear_buttons(self) -> None:
        while self._buttons.count():
            widget = self._buttons.takeAt(0).widget()
            widget.hide()
            widget.deleteLater()
