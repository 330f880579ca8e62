"""Auto-lock after idle minutes, and locking on request (Ctrl+L).

Design: the store stays open while locked. Locking hides every main window and covers every open
dialog, then shows the unlock screen for the signed-in user; after the right password everything
comes back as it was, with unsaved input intact. Dialogs are covered rather than hidden because
hiding a QDialog ends its exec() loop, which would throw away what was typed.

The database key therefore stays in memory while locked (inside SQLCipher and the Store object).
Auto-lock protects against someone at an unattended laptop, not against reading the process memory;
closing the store on lock would require saving half-finished forms somewhere, which the design rules
out (no plaintext temp files). The password check on resume only unwraps the user's key slot.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from ..i18n import _
from ..services import sign_in
from ..services.session import Session
from .qt import Qt, QtCore, QtWidgets, Signal
from .unlock_screen import UnlockScreen

ACTIVITY_EVENTS = frozenset(
    {
        QtCore.QEvent.Type.KeyPress,
        QtCore.QEvent.Type.MouseButtonPress,
        QtCore.QEvent.Type.MouseMove,
        QtCore.QEvent.Type.Wheel,
        QtCore.QEvent.Type.TouchBegin,
        QtCore.QEvent.Type.ShortcutOverride,
    }
)


class PrivacyCover(QtWidgets.QWidget):
    """An opaque panel over a dialog while locked, kept at the dialog's size."""

    def __init__(self, window: QtWidgets.QWidget):
        super().__init__(window)
        self.setAutoFillBackground(True)
        self.setStyleSheet("background: #e8ecee;")
        label = QtWidgets.QLabel(_("Locked"), self)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(label)
        window.installEventFilter(self)
        self.setGeometry(window.rect())
        self.raise_()
        self.show()

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        if event.type() == QtCore.QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False


@dataclass
class _Hidden:
    window: QtWidgets.QWidget
    title: str
    focus: QtWidgets.QWidget | None
    cover: PrivacyCover | None  # dialogs are covered, other windows hidden


class LockWindow(QtWidgets.QWidget):
    """The unlock screen as its own application-modal window, above any open dialog."""

    def __init__(self, session: Session):
        super().__init__(None, Qt.WindowType.Window)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.screen_widget = UnlockScreen(
            [session.user.name],
            lambda _user, password: sign_in.verify_password(session, password),
            fixed_user=session.user.name,
        )
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.screen_widget)
        self.setWindowTitle(_("Beratung Desktop – locked"))
        self.resize(720, 520)

    def closeEvent(self, event) -> None:
        # Closing the lock window must not reveal anything; it only goes away after the password.
        event.ignore()


class AutoLock(QtCore.QObject):
    locked = Signal()
    unlocked = Signal()

    def __init__(self, app: QtWidgets.QApplication, session: Session, minutes: int = 5, check_interval_ms: int = 5000):
        super().__init__(app)
        self._app = app
        self._session = session
        self._last_activity = time.monotonic()
        self._idle_seconds = 0.0
        self._hidden: list[_Hidden] = []
        self.lock_window: LockWindow | None = None
        self._timer = QtCore.QTimer(self, interval=check_interval_ms)
        self._timer.timeout.connect(self._check_idle)
        self.set_minutes(minutes)
        app.installEventFilter(self)

    def set_minutes(self, minutes: float) -> None:
        """0 turns auto-lock off (Ctrl+L still locks)."""
        self._idle_seconds = max(0.0, float(minutes)) * 60
        if self._idle_seconds:
            self._timer.start()
        else:
            self._timer.stop()

    def stop(self) -> None:
        """Ends idle watching and removes a shown lock window (the session closes, or a test ends)."""
        self._timer.stop()
        self._app.removeEventFilter(self)
        if self.lock_window is not None:
            self.lock_window.hide()
            self.lock_window.deleteLater()
            self.lock_window = None

    def set_idle_seconds(self, seconds: float) -> None:
        self._idle_seconds = seconds
        self._timer.start()

    @property
    def is_locked(self) -> bool:
        return self.lock_window is not None

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        if event.type() in ACTIVITY_EVENTS and not self.is_locked:
            self._last_activity = time.monotonic()
        return False

    def _check_idle(self) -> None:
        if self._idle_seconds and not self.is_locked and time.monotonic() - self._last_activity >= self._idle_seconds:
            self.lock()

    # -- locking -------------------------------------------------------------------------------------

    def lock(self) -> None:
        if self.is_locked:
            return
        focus = self._app.focusWidget()
        for window in self._app.topLevelWidgets():
            if not window.isVisible() or isinstance(window, QtWidgets.QMenu):
                continue
            self._hidden.append(self._conceal(window, focus))
        self.lock_window = LockWindow(self._session)
        self.lock_window.screen_widget.succeeded.connect(self._resume)
        self.lock_window.show()
        self.lock_window.raise_()
        self.lock_window.activateWindow()
        self.lock_window.screen_widget.focus_password()
        self.locked.emit()

    def _conceal(self, window: QtWidgets.QWidget, focus: QtWidgets.QWidget | None) -> _Hidden:
        own_focus = focus if focus is not None and focus.window() is window else None
        entry = _Hidden(window, window.windowTitle(), own_focus, None)
        window.setWindowTitle(_("Beratung Desktop"))
        if isinstance(window, QtWidgets.QDialog):
            entry.cover = PrivacyCover(window)
            window.setEnabled(False)
        else:
            window.hide()
        return entry

    def _resume(self, _result: object) -> None:
        window = self.lock_window
        self.lock_window = None
        if window is not None:
            window.hide()
            window.deleteLater()
        for entry in self._hidden:
            entry.window.setWindowTitle(entry.title)
            if entry.cover is not None:
                entry.cover.deleteLater()
                entry.window.setEnabled(True)
            else:
                entry.window.show()
        for entry in reversed(self._hidden):
            if entry.focus is not None:
                entry.window.activateWindow()
                entry.focus.setFocus()
                break
        self._hidden.clear()
        self._last_activity = time.monotonic()
        self.unlocked.emit()
