"""Running slow work (Argon2, creating a store, demo data, documents, exports) off the window thread.

The app's one mechanism for background work: a `Job` on Qt's global thread pool.

A job can outlive the window that started it: the user signs out, the auto-lock's sign-out closes the
session, a test or the benchmark closes the window, the program quits. Such a job ends quietly: its
result (or error) is dropped when the widget it was meant for is gone, a signal that can no longer be
sent is not sent, and the store refuses to be read once it is closed (StoreClosed), so a late worker
neither prints a traceback nor reads with a wiped key."""

from __future__ import annotations

import contextlib
import weakref
from collections.abc import Callable
from typing import Any, ClassVar

from .qt import QtCore, Signal, Slot, is_alive

# Work a window does not need for its first paint starts this long after it is built, so the paint comes
# first (a zero timer would run before it) and the worker does not compete with it for the interpreter.
AFTER_FIRST_PAINT_MS = 250


class _Relay(QtCore.QObject):
    """Lives on the window thread. The worker emits the signals; Qt queues them to the slots here (the
    receiver is this object, on the window thread), which hand them on while the owner exists."""

    succeeded = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int)

    def __init__(
        self,
        job: Job,
        owner: QtCore.QObject | None,
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
        on_progress: Callable[[int, int], None] | None,
    ):
        # Owned by the application object, not by its Python handle: the last handle may be dropped on
        # the pool thread (the job's own reference, as run() returns), and a window-thread object deleted
        # there while the window thread delivers its signal crashes. It is deleted on the window thread,
        # by deleteLater() after the hand-over.
        super().__init__(QtCore.QCoreApplication.instance())
        self._job: Job | None = job
        # Weak references to the owner and to its methods: a running job keeps no widget alive.
        self._owner = weakref.ref(owner) if owner is not None else None
        self._callbacks = {"success": _weak(on_success), "failure": _weak(on_failure), "progress": _weak(on_progress)}
        self.succeeded.connect(self._succeeded)
        self.failed.connect(self._failed)
        self.progress.connect(self._progressed)

    def _callback(self, kind: str) -> Callable[..., None] | None:
        """The callback while its owner exists, else None."""
        if self._owner is not None:
            owner = self._owner()
            if owner is None or not is_alive(owner):
                return None
        ref = self._callbacks.get(kind)
        return ref() if ref is not None else None

    def _hand_over(self, kind: str, value: object) -> None:
        callback = self._callback(kind)
        if self._job is not None:
            self._job.finished()
            self._job = None
        self._callbacks.clear()  # delivered once; nothing of the owner is held any longer
        try:
            if callback is not None:
                callback(value)
        finally:
            self.deleteLater()

    @Slot(object)
    def _succeeded(self, result: object) -> None:
        self._hand_over("success", result)

    @Slot(object)
    def _failed(self, exc: BaseException) -> None:
        self._hand_over("failure", exc)

    @Slot(int, int)
    def _progressed(self, done: int, total: int) -> None:
        callback = self._callback("progress")
        if callback is not None:
            callback(done, total)


def _weak(callback: Callable[..., Any] | None) -> Callable[[], Callable[..., Any] | None] | None:
    """A weak reference to a method of a Qt object (the widget keeps its own life), a strong one to
    anything else (a lambda lives only as long as the job)."""
    if callback is None:
        return None
    if isinstance(getattr(callback, "__self__", None), QtCore.QObject):
        return weakref.WeakMethod(callback)  # type: ignore[arg-type]
    return lambda: callback


class Job(QtCore.QRunnable):
    """Calls `work()` on a pool thread; `on_success(result)` or `on_failure(exception)` run on the window
    thread, so they may touch widgets, unless their owner was deleted meanwhile."""

    # Jobs between start and the hand-over of their result: the pool holds no Python reference, and a job
    # (with its relay, a window-thread object) must not be freed by the worker thread that ran it.
    _running: ClassVar[set[Job]] = set()

    def __init__(
        self,
        work: Callable[..., Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
        on_progress: Callable[[int, int], None] | None = None,
        *,
        owner: QtCore.QObject | None = None,
    ):
        super().__init__()
        self.work = work
        self.reports_progress = on_progress is not None
        self.signals = _Relay(self, owner, on_success, on_failure, on_progress)

    def run(self) -> None:
        try:
            result = self.work(self._progress) if self.reports_progress else self.work()
        except Exception as exc:  # handed to the window thread, which shows it
            self._send(self.signals.failed, exc)
        else:
            self._send(self.signals.succeeded, result)

    def _progress(self, done: int, total: int) -> None:
        if is_alive(self.signals):
            with contextlib.suppress(RuntimeError):
                self.signals.progress.emit(done, total)

    def _send(self, signal: Any, value: object) -> None:
        # Only while the program ends can the relay be gone already (Qt deletes every object then); there is
        # nobody left to tell, and a traceback from a pool thread would only alarm.
        if is_alive(self.signals):
            with contextlib.suppress(RuntimeError):
                signal.emit(value)

    def finished(self) -> None:
        Job._running.discard(self)


def _owner_of(*callbacks: Callable[..., Any] | None) -> QtCore.QObject | None:
    """The widget whose methods receive the result: the job's results are for it only."""
    for callback in callbacks:
        receiver = getattr(callback, "__self__", None)
        if isinstance(receiver, QtCore.QObject):
            return receiver
    return None


def start_job(
    work: Callable[..., Any],
    on_success: Callable[[Any], None],
    on_failure: Callable[[BaseException], None],
    on_progress: Callable[[int, int], None] | None = None,
    *,
    owner: QtCore.QObject | None = None,
    pool: QtCore.QThreadPool | None = None,
) -> Job:
    """With `on_progress`, `work` is called with a `progress(done, total)` callback that reaches
    `on_progress` on the window thread. The callbacks run only while `owner` exists (default: the
    widget one of the callbacks is a method of); a result for a deleted widget is dropped. `pool`: a pool
    of the caller's own for long background work, so it never takes a thread the window's jobs wait for."""
    owner = owner if owner is not None else _owner_of(on_success, on_failure, on_progress)
    job = Job(work, on_success, on_failure, on_progress, owner=owner)
    job.setAutoDelete(False)  # Job._running (and the caller) keep it until its result is handed over
    Job._running.add(job)
    (pool or QtCore.QThreadPool.globalInstance()).start(job)
    return job
