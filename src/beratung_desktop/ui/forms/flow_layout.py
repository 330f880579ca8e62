"""A row of buttons that wraps onto the next line when the window is narrow.

German labels are up to twice as long as English ones; a fixed row of four buttons would set the
window's minimum width past a 1366-pixel screen. Items are laid out in reading order, mirrored in
right-to-left layouts.
"""

from __future__ import annotations

from ..qt import Qt, QtCore, QtWidgets


class FlowLayout(QtWidgets.QLayout):
    def __init__(self, parent: QtWidgets.QWidget | None = None, spacing: int = 6):
        super().__init__(parent)
        self._items: list[QtWidgets.QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    # -- QLayout ---------------------------------------------------------------------------------------

    def addItem(self, item: QtWidgets.QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QtWidgets.QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QtWidgets.QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QtCore.QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QtCore.QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QtCore.QSize:
        # As small as one item: the parent's width decides the lines (heightForWidth), never the row.
        return self.minimumSize()

    def minimumSize(self) -> QtCore.QSize:
        # The widest single item: everything else may wrap.
        size = QtCore.QSize(0, 0)
        for item in self._items:
            if not item.isEmpty():
                size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QtCore.QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    # -- arranging -------------------------------------------------------------------------------------

    def _arrange(self, rect: QtCore.QRect, *, apply: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        mirrored = self.parentWidget() is not None and self.parentWidget().isRightToLeft()
        x, y, line_height = 0, area.y(), 0
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            if x > 0 and x + hint.width() > area.width():
                x, y, line_height = 0, y + line_height + self._spacing, 0
            if apply:
                left = area.right() - x - hint.width() + 1 if mirrored else area.x() + x
                item.setGeometry(QtCore.QRect(QtCore.QPoint(left, y), hint))
            x += hint.width() + self._spacing
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y() + margins.bottom()
