"""Full and read-only disks for the data, backup and export folders (a small tmpfs; needs root on Linux).

A full disk says "disk full" (never "damaged"), keeps reading possible, leaves no partial file and the
next attempt after freeing space succeeds.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from beratung_desktop.services import accounts, casework, maintenance
from beratung_desktop.storage.errors import DiskFull, StoreError
from beratung_desktop.storage.keyslots import TEST_KDF
from tests.conftest import PASSWORD
from tests.factories import add_client, client


class SmallDisk:
    def __init__(self, mount_point: Path):
        self.path = mount_point

    def fill(self, leave: int = 0) -> None:
        """Writes a filler file until only `leave` bytes (about) are free."""
        with open(self.path / "filler", "ab", buffering=0) as f:
            chunk = b"\0" * 4096
            while shutil.disk_usage(self.path).free > leave + len(chunk):
                try:
                    f.write(chunk)
                except OSError:
                    break
            while True:
                try:
                    f.write(b"\0" * 256)
                except OSError:
                    break
                if shutil.disk_usage(self.path).free <= leave:
                    break

    def free_space(self) -> None:
        (self.path / "filler").unlink(missing_ok=True)

    def remount(self, option: str) -> None:
        subprocess.run(["mount", "-o", f"remount,{option}", str(self.path)], check=True)


def _mount(path: Path, size: int) -> SmallDisk:
    path.mkdir(parents=True, exist_ok=True)
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root on Linux")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True)
    if done.returncode:
        pytest.skip("tmpfs cannot be mounted here")
    return SmallDisk(path)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[SmallDisk]:
    disk = _mount(tmp_path / "disk", 4 * 1024 * 1024)
    yield disk
    subprocess.run(["umount", "-l", str(disk.path)], capture_output=True)


@pytest.fixture
def store_on_small_disk(small_disk: SmallDisk) -> Path:
    folder = small_disk.path / "store"
    session, _ = accounts.create_store(folder, "anna", PASSWORD, kdf=TEST_KDF)
    for i in range(40):
        add_client(session, given_name=f"Given{i}", family_name="Full")
    session.close()
    return folder


def test_full_data_disk_says_disk_full_and_reading_still_works(small_disk, store_on_small_disk):
    small_disk.fill(leave=1024)
    session = accounts.unlock(store_on_small_disk, "anna", PASSWORD, kdf=TEST_KDF)
    try:
        assert session.store.clients.count() == 40
        assert len(casework.search_clients(session, "Full")) == 40
        # A big change fails on the full disk; the error is the full disk, not a failed rollback.
        with pytest.raises(DiskFull), session.store.db.transaction():
            for i in range(300):
                casework.save_client(session, client(given_name=f"More{i}", notes="x" * 2000))
        assert session.store.clients.count() == 40
        small_disk.free_space()
        add_client(session, given_name="After", family_name="Freeing")
        assert session.store.clients.count() == 41
    finally:
        session.close()
    again = accounts.unlock(store_on_small_disk, "anna", PASSWORD, kdf=TEST_KDF)
    assert maintenance.verify(again).ok
    again.close()


def test_full_disk_at_unlock_is_not_reported_as_damage(small_disk, store_on_small_disk):
    small_disk.fill(leave=0)
    session = accounts.unlock(store_on_small_disk, "anna", PASSWORD, kdf=TEST_KDF)
    assert session.store.clients.count() == 40
    with pytest.raises(DiskFull):
        add_client(session, given_name="No", family_name="Room")
    session.close()


def test_full_or_read_only_backup_folder(small_disk, session, tmp_path):
    for i in range(200):
        add_client(session, given_name=f"Given{i}", family_name="Backup", notes="n" * 500)
    small_disk.fill(leave=16 * 1024)
    target = small_disk.path / "backups"
    with pytest.raises(DiskFull):
        maintenance.backup(session, target)
    assert [p.name for p in target.iterdir()] == []  # no partial file under any name
    small_disk.free_space()
    small_disk.remount("ro")
    try:
        with pytest.raises(StoreError):
            maintenance.backup(session, target)
    finally:
        small_disk.remount("rw")
    written = maintenance.backup(session, target)
    assert [p.name for p in target.iterdir()] == [written.name]


def test_full_or_read_only_export_folder(small_disk, tmp_path):
    from beratung_desktop.services import exchange
    from tests.exchange.conftest import enroll, fill_office, make_org

    office, _ = accounts.create_store(tmp_path / "office", "anna", PASSWORD, kdf=TEST_KDF)
    org, key = make_org(tmp_path / "org")
    try:
        enroll(office, org, key, tmp_path)
        fill_office(office)
        for i in range(100):
            add_client(office, given_name=f"G{i}", family_name="Export", notes="n" * 800)
        outbox = small_disk.path / "stick"
        outbox.mkdir()
        small_disk.fill(leave=0)
        with pytest.raises(DiskFull):
            exchange.export(office, outbox)
        assert list(outbox.iterdir()) == []
        small_disk.free_space()
        small_disk.remount("ro")
        try:
            with pytest.raises(StoreError):
                exchange.export(office, outbox)
        finally:
            small_disk.remount("rw")
        result = exchange.export(office, outbox)
        assert [p.name for p in outbox.iterdir()] == [result.path.name]
    finally:
        office.close()
        org.close()
