"""Running slow work (Argon2, creating a store, demo data, documents, exports) off the window thread.

The app's one mechanism for background work: a `Job` on Qt's global thread pool."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .qt import QtCore, Signal


class _Signals(QtCore.QObject):
    succeeded = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int)


class Job(QtCore.QRunnable):
    """Calls `work()` on a pool thread; `succeeded(result)` or `failed(exception)` arrive on the window
    thread (queued signals), so slots may touch widgets."""

    def __init__(self, work: Callable[..., Any], *, reports_progress: bool = False):
        super().__init__()
        self.work = work
        self.reports_progress = reports_progress
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.work(self.signals.progress.emit) if self.reports_progress else self.work()
        except Exception as exc:  # handed to the window thread, which shows it
            self.signals.failed.emit(exc)
        else:
            self.signals.succeeded.emit(result)


def start_job(
    work: Callable[..., Any],
    on_success: Callable[[Any], None],
    on_failure: Callable[[BaseException], None],
    on_progress: Callable[[int, int], None] | None = None,
) -> Job:
    """With `on_progress`, `work` is called with a `progress(done, total)` callback that reaches
    `on_progress` on the window thread."""
    job = Job(work, reports_progress=on_progress is not None)
    job.setAutoDelete(False)  # the caller keeps it until a signal arrived
    job.signals.succeeded.connect(on_success)
    job.signals.failed.connect(on_failure)
    if on_progress is not None:
        job.signals.progress.connect(on_progress)
    QtCore.QThreadPool.globalInstance().start(job)
    return job
