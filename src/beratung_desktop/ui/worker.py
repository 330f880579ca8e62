"""Running slow work (Argon2, creating a store, generating demo data) off the window thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .qt import QtCore, Signal


class _Signals(QtCore.QObject):
    succeeded = Signal(object)
    failed = Signal(object)


class Job(QtCore.QRunnable):
    """Calls `work()` on a pool thread; `succeeded(result)` or `failed(exception)` arrive on the window
    thread (queued signals), so slots may touch widgets."""

    def __init__(self, work: Callable[[], Any]):
        super().__init__()
        self.work = work
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # handed to the window thread, which shows it
            self.signals.failed.emit(exc)
        else:
            self.signals.succeeded.emit(result)


def start_job(
    work: Callable[[], Any], on_success: Callable[[Any], None], on_failure: Callable[[BaseException], None]
) -> Job:
    job = Job(work)
    job.setAutoDelete(False)  # the caller keeps it until a signal arrived
    job.signals.succeeded.connect(on_success)
    job.signals.failed.connect(on_failure)
    QtCore.QThreadPool.globalInstance().start(job)
    return job
