"""Qt widgets need the offscreen platform when no screen is attached."""

from __future__ import annotations

import os

import pytest

# The export page tests use the exchange tests' organisation and enrolled office.
from tests.exchange.conftest import world  # noqa: F401

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


def delete_widgets() -> None:
    """Deletes every top-level widget now, so none outlives its test (or its session) and reacts later."""
    from beratung_desktop.ui.qt import QtCore, QtWidgets

    app = QtWidgets.QApplication.instance()
    if app is None:
        return
    for widget in app.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QtCore.QCoreApplication.sendPostedEvents(None, QtCore.QEvent.Type.DeferredDelete)


@pytest.fixture
def session(new_store, qapp):
    """The root session, with its widgets deleted before it closes."""
    yield new_store[0]
    delete_widgets()


@pytest.fixture
def demo_session(demo_session, qapp):
    yield demo_session
    delete_widgets()


@pytest.fixture(autouse=True)
def no_widget_outlives_its_test(qapp):
    yield
    delete_widgets()
