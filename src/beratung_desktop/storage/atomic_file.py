"""Every file the app writes goes to a temporary name in the same folder, is flushed, then renamed."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from .errors import N_, DiskFull, StoreError


class WriteFailed(StoreError):
    message = N_("Could not write {path}: {reason}. Check that the drive is connected and has space.")


def fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # directories cannot be opened for fsync on Windows; NTFS journals the rename
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def private_file(path: Path) -> None:
    """Readable and writable by the user only (0600). Windows inherits the ACL of the user's profile
    folder (or the ACL the installer set) instead."""
    _restrict(Path(path), 0o600)


def private_folder(folder: Path) -> None:
    _restrict(Path(folder), 0o700)


def _restrict(path: Path, mode: int) -> None:
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):  # a FAT stick or a file of another owner keeps its mode
        if path.stat().st_mode & 0o777 != mode:
            os.chmod(path, mode)


def write_failure(path: Path, exc: OSError) -> StoreError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFull()
    return WriteFailed(path=str(path), reason=exc.strerror or str(exc))


@contextlib.contextmanager
def atomic_writer(path: Path) -> Iterator[BinaryIO]:
    path = Path(path)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:  # a read-only, full or pulled drive
        raise write_failure(path, exc) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise write_failure(path, exc) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def staged_file(path: Path, data: bytes) -> Iterator[Callable[[], None]]:
    """Writes `data` under a temporary name beside `path` (the slow part, e.g. on a USB stick) and yields
    `publish()`, which renames it into place; call it as the last step of a transaction. A file that is
    not published is removed again."""
    path = Path(path)
    with atomic_writer(path.with_name(f".{path.name}.staged")) as f:
        f.write(data)
    staged = path.with_name(f".{path.name}.staged")

    def publish() -> None:
        try:
            os.replace(staged, path)
            fsync_dir(path.parent)
        except OSError as exc:
            raise write_failure(path, exc) from exc

    try:
        yield publish
    finally:
        staged.unlink(missing_ok=True)


def write_atomic(path: Path, data: bytes) -> None:
    with atomic_writer(path) as f:
        f.write(data)
