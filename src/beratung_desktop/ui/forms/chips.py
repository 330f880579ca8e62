"""Checkable chips in a flow layout, e.g. the topics of a consultation."""

from __future__ import annotations

from collections.abc import Iterable

from ...domain.catalogues import Catalogue
from ...i18n import N_, _
from ..qt import QtCore, QtWidgets, Signal


class FlowLayout(QtWidgets.QLayout):
    """Lays children out left to right and wraps to the next line when the width runs out."""

    def __init__(self, parent: QtWidgets.QWidget | None = None, spacing: int = 6):
        super().__init__(parent)
        self._items: list[QtWidgets.QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QtWidgets.QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QtWidgets.QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QtWidgets.QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> QtCore.Qt.Orientation:
        return QtCore.Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QtCore.QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QtCore.QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QtCore.QSize:
        return self.minimumSize()

    def minimumSize(self) -> QtCore.QSize:
        size = QtCore.QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QtCore.QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QtCore.QRect, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        rtl = self.parentWidget() is not None and self.parentWidget().isRightToLeft()
        x, y, line_height = area.x(), area.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > area.right() + 1 and line_height > 0:
                x, y = area.x(), y + line_height + self._spacing
                line_height = 0
            if move:
                left = area.right() - (x - area.x()) - hint.width() + 1 if rtl else x
                item.setGeometry(QtCore.QRect(QtCore.QPoint(left, y), hint))
            x += hint.width() + self._spacing
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y() + margins.bottom()


class ChipGroup(QtWidgets.QWidget):
    """A set of checkable chips; Tab reaches each chip, Space toggles it."""

    changed = Signal()

    def __init__(self, catalogue: Catalogue, accessible_name: str, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self._catalogue = catalogue
        self._name = accessible_name
        self._chips: dict[str, QtWidgets.QToolButton] = {}
        layout = FlowLayout(self)
        for entry in catalogue:
            chip = QtWidgets.QToolButton(self)
            chip.setObjectName("chip")
            chip.setCheckable(True)
            chip.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)
            chip.setToolButtonStyle(QtCore.Qt.ToolButtonStyle.ToolButtonTextOnly)
            chip.setStyleSheet(CHIP_STYLE)
            chip.toggled.connect(self.changed)
            layout.addWidget(chip)
            self._chips[entry.code] = chip
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(_(self._name))
        for code, chip in self._chips.items():
            label = _(self._catalogue.label(code))
            chip.setText(label)
            chip.setAccessibleName(label)

    def chip(self, code: str) -> QtWidgets.QToolButton:
        return self._chips[code]

    def selected(self) -> list[str]:
        return [code for code, chip in self._chips.items() if chip.isChecked()]

    def set_selected(self, codes: Iterable[str]) -> None:
        wanted = set(codes)
        for code, chip in self._chips.items():
            chip.setChecked(code in wanted)

    def first_chip(self) -> QtWidgets.QToolButton:
        return next(iter(self._chips.values()))


class TopicChips(ChipGroup):
    def __init__(self, parent: QtWidgets.QWidget | None = None):
        from ...domain.catalogues import TOPICS

        super().__init__(TOPICS, N_("Topics"), parent)


CHIP_STYLE = """
QToolButton#chip { border: 1px solid palette(mid); border-radius: 11px; padding: 3px 10px; }
QToolButton#chip:checked { background: palette(highlight); color: palette(highlighted-text);
                           border-color: palette(highlight); }
QToolButton#chip:focus { border: 2px solid palette(highlight); }
"""
