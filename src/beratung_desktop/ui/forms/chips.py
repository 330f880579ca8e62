"""Checkable chips in a flow layout, e.g. the topics of a consultation."""

from __future__ import annotations

from collections.abc import Iterable

from ...domain.catalogues import Catalogue
from ...i18n import N_, _
from ..qt import QtCore, QtWidgets, Signal
from .flow_layout import FlowLayout


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
