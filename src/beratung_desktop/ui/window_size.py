"""Window sizes that fit the screen they open on (office laptops: 1366x768, 1366x728 above the taskbar)."""

from __future__ import annotations

from .qt import QtCore, QtGui, QtWidgets

# The room on a 1366x768 laptop once the taskbar and a window frame are taken off.
LAPTOP_ROOM = QtCore.QSize(1366, 728)
FRAME = QtCore.QSize(16, 40)  # title bar and borders the window system adds outside the widget


def available_size(widget: QtWidgets.QWidget | None = None) -> QtCore.QSize:
    """The room on the widget's screen without the taskbar (the primary screen before it is shown)."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QtGui.QGuiApplication.primaryScreen()
    return screen.availableSize() if screen is not None else LAPTOP_ROOM


def fitting(wanted: QtCore.QSize, widget: QtWidgets.QWidget | None = None) -> QtCore.QSize:
    """`wanted`, made smaller where the screen has less room (frame included)."""
    room = available_size(widget) - FRAME
    return wanted.boundedTo(room.boundedTo(LAPTOP_ROOM))
