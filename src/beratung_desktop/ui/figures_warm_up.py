"""After sign-in, a team lead's laptop counts the figures of the closed periods they print in the
background (services.statistics.warm_up), so that the summary they print reads stored counts.

A job of the app's one worker mechanism (ui/worker.py) at idle priority: it counts on a read-only
connection of its own and writes only the short transactions that keep a period's figures. Locking
stops it (it goes on after the unlock, skipping what is stored); signing out and closing stop it and
wait until it has let go of the store."""

from __future__ import annotations

import threading

from ..services import statistics
from ..services.session import Session
from ..storage.errors import StoreError
from .qt import QtCore, Signal
from .worker import Job, start_job

# The window has painted and the start page is read before the counting begins.
START_DELAY_MS = 2000


class FiguresWarmUp(QtCore.QObject):
    failed = Signal(object)  # an unexpected error (the app logs it); stops and store errors are not

    def __init__(self, session: Session, parent: QtCore.QObject | None = None):
        super().__init__(parent)
        self.session = session
        self._stopping = threading.Event()
        self._idle = threading.Event()
        self._idle.set()
        self._job: Job | None = None
        self.counted = 0  # periods counted by the last run, for the status and tests
        self.priority_after: QtCore.QThread.Priority | None = None  # of the pool thread, once it is done
        # A thread of its own: at 200,000 clients the counting takes minutes, and on the shared pool it
        # would hold one of a 2-core laptop's two threads while list sorts and previews wait.
        self._pool = QtCore.QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._timer = QtCore.QTimer(self, singleShot=True, interval=START_DELAY_MS)
        self._timer.timeout.connect(self._run)

    @property
    def running(self) -> bool:
        return not self._idle.is_set()

    def start(self) -> None:
        """Begins after START_DELAY_MS; nothing for users who may not print reports."""
        if self.session.user.role in statistics.REPORT_ROLES:
            self._timer.start()

    def _run(self) -> None:
        if self.running:
            return
        stopping = self._stopping = threading.Event()
        self._idle.clear()
        idle = self._idle

        def work() -> int:
            thread = QtCore.QThread.currentThread()
            # A pool thread reports "inherit", which cannot be set again: back to normal afterwards, so
            # the thread does not stay at idle priority for whatever it runs next.
            before = thread.priority()
            if before == QtCore.QThread.Priority.InheritPriority:
                before = QtCore.QThread.Priority.NormalPriority
            thread.setPriority(QtCore.QThread.Priority.IdlePriority)
            try:
                return statistics.warm_up(self.session, stopping.is_set)
            finally:
                thread.setPriority(before)
                self.priority_after = thread.priority()
                idle.set()

        self._job = start_job(work, self._finished, self._failed, pool=self._pool)

    def stop(self) -> None:
        """Stops soon (the running statement is interrupted) without waiting: the store stays open."""
        self._timer.stop()
        self._stopping.set()

    def stop_and_wait(self, timeout: float = 30.0) -> bool:
        """Before the store closes: stops and waits until the job no longer uses it."""
        self.stop()
        return self._idle.wait(timeout)

    def _finished(self, counted: int) -> None:
        self.counted = counted

    def _failed(self, exc: BaseException) -> None:
        # A stop, a full disk or a busy store only means the figures are counted when printed.
        if not isinstance(exc, StoreError):
            self.failed.emit(exc)
