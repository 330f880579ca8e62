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


def flush_deleted() -> None:
    """Deletes now what waits for deletion: windows of earlier tests would otherwise see a language switch."""
    from beratung_desktop.ui.qt import QtCore

    QtCore.QCoreApplication.sendPostedEvents(None, QtCore.QEvent.Type.DeferredDelete)


@pytest.fixture
def started(qapp):
    """Starts the real application with the given command line; closes every window it opened afterwards."""
    from beratung_desktop.app import DesktopApp
    from beratung_desktop.storage.keyslots import TEST_KDF

    apps: list[DesktopApp] = []
    flush_deleted()

    def start(*argv: str) -> DesktopApp:
        app = DesktopApp(list(argv), kdf=TEST_KDF)
        apps.append(app)
        return app

    yield start
    for app in apps:
        for window in (app.main_window, app.wizard, app.unlock_screen, app.password_change):
            if window is not None:
                window.close()
                window.deleteLater()
        app.close_session()
    flush_deleted()


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
