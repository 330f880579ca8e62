"""Qt widgets need the offscreen platform when no screen is attached."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def show(qtbot):
    """Shows a top-level widget and waits until it is the active window, so shortcuts reach it."""

    def shown(widget):
        qtbot.addWidget(widget)
        widget.show()
        widget.activateWindow()
        qtbot.waitUntil(widget.isActiveWindow, timeout=2000)
        return widget

    return shown


def ctrl_s(qtbot, widget) -> None:
    from beratung_desktop.ui.qt import Qt

    qtbot.keyClick(widget, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
