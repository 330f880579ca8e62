"""The lock file of a data folder: every opener holds it shared, restore and re-keying exclusively.

An OS advisory lock (flock on POSIX, LockFileEx on Windows) on `beratung.lock`: the operating system
drops it when the process ends, also after a crash or kill -9, so a stale lock never blocks anybody.
The database's own locks only show a writer; this lock also shows an app that sits idle with the
store open, whose connection a replaced file would break.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from .errors import N_, StoreBusy, StoreError

LOCK_FILE = "beratung.lock"


class RestoreRunning(StoreError):
    message = N_(
        "A restore or re-keying of the data store is running. Wait until it has finished, then try again; "
        "nothing was changed."
    )


if sys.platform == "win32":  # pragma: no cover - exercised by the Windows CI job
    import ctypes
    import msvcrt
    from ctypes import wintypes

    _LOCKFILE_EXCLUSIVE_LOCK = 0x2
    _LOCKFILE_FAIL_IMMEDIATELY = 0x1

    class _Overlapped(ctypes.Structure):
        _fields_ = [
            ("Internal", ctypes.c_void_p),
            ("InternalHigh", ctypes.c_void_p),
            ("Offset", wintypes.DWORD),
            ("OffsetHigh", wintypes.DWORD),
            ("hEvent", wintypes.HANDLE),
        ]

    _kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)

    def _os_lock(fd: int, exclusive: bool) -> bool:
        handle = msvcrt.get_osfhandle(fd)
        flags = _LOCKFILE_FAIL_IMMEDIATELY | (_LOCKFILE_EXCLUSIVE_LOCK if exclusive else 0)
        return bool(_kernel32.LockFileEx(handle, flags, 0, 1, 0, ctypes.byref(_Overlapped())))

    def _os_unlock(fd: int) -> None:
        _kernel32.UnlockFileEx(msvcrt.get_osfhandle(fd), 0, 1, 0, ctypes.byref(_Overlapped()))

else:
    import fcntl

    def _os_lock(fd: int, exclusive: bool) -> bool:
        try:
            fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _os_unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class StoreLock:
    """One process's hold on a data folder: shared while the store is open, exclusive to replace it."""

    def __init__(self, folder: Path):
        self.path = Path(folder) / LOCK_FILE
        self._fd: int | None = None
        self.exclusive = False

    @classmethod
    def shared(cls, folder: Path) -> StoreLock:
        """Held by every opener; refused while a restore or re-keying holds the folder."""
        lock = cls(folder)
        lock._acquire(exclusive=False, refusal=RestoreRunning)
        return lock

    @classmethod
    def sole(cls, folder: Path) -> StoreLock:
        """Held by restore when no store is open in this process; refused while anyone has it open."""
        lock = cls(folder)
        lock._acquire(exclusive=True, refusal=StoreBusy)
        return lock

    def _acquire(self, *, exclusive: bool, refusal: type[StoreError]) -> None:
        self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        if not _os_lock(self._fd, exclusive):
            os.close(self._fd)
            self._fd = None
            raise refusal()
        self.exclusive = exclusive

    @contextlib.contextmanager
    def sole_hold(self) -> Iterator[None]:
        """Turns this process's shared hold into an exclusive one for the block (restore, re-keying).

        Refused with StoreBusy while another process (an idle app, a CLI import) holds it too.
        """
        if self._fd is None:
            raise StoreBusy()
        if self.exclusive:
            yield
            return
        # Neither flock nor LockFileEx converts atomically: the shared hold is let go and taken again.
        _os_unlock(self._fd)
        if not _os_lock(self._fd, True):
            _os_lock(self._fd, False)
            raise StoreBusy()
        self.exclusive = True
        try:
            yield
        finally:
            _os_unlock(self._fd)
            _os_lock(self._fd, False)
            self.exclusive = False

    def share(self) -> None:
        """Turns an exclusive hold (after a restore) into the shared one every open store holds."""
        if self._fd is not None and self.exclusive:
            _os_lock(self._fd, False)  # flock converts; LockFileEx needs the exclusive one let go first
            if os.name == "nt":  # pragma: no cover
                _os_unlock(self._fd)
            self.exclusive = False

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                _os_unlock(self._fd)
            os.close(self._fd)
            self._fd = None
