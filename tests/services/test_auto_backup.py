"""Automatic backups: daily, checked, rotated 7/4/12, a missing stick skipped, listed with counts."""

from __future__ import annotations

import io
from datetime import datetime, timedelta

from beratung_desktop.cli import main
from beratung_desktop.services import auto_backup, maintenance
from beratung_desktop.storage.keyslots import TEST_KDF
from tests.conftest import PASSWORD
from tests.factories import add_client

NOW = datetime(2026, 3, 18, 17, 30)


def test_daily_backup_is_written_checked_and_not_repeated_the_same_day(session, tmp_path):
    add_client(session, given_name="In", family_name="Backup")
    folder = tmp_path / "stick" / "Backups"
    (tmp_path / "stick").mkdir()
    assert auto_backup.status(session).overdue(NOW)
    first = auto_backup.run_if_due(session, folder, NOW)
    assert first.path is not None and first.path.parent == folder
    assert session.store.check_copy(first.path).ok
    assert auto_backup.status(session).last_good == NOW
    assert not auto_backup.status(session).overdue(NOW + timedelta(days=7))
    assert auto_backup.status(session).overdue(NOW + timedelta(days=7, minutes=1))
    assert auto_backup.run_if_due(session, folder, NOW + timedelta(hours=2)).skipped == auto_backup.NOT_DUE
    second = auto_backup.run_if_due(session, folder, NOW + timedelta(days=1))
    assert second.path is not None
    listed = auto_backup.list_backups(session, folder)
    assert [b.path for b in listed] == [second.path, first.path]
    assert listed[0].clients == 1 and listed[0].consultations == 0


def test_a_missing_stick_is_skipped_quietly(session, tmp_path):
    result = auto_backup.run_if_due(session, tmp_path / "E-drive" / "Backups", NOW)
    assert result.path is None and result.skipped == auto_backup.FOLDER_MISSING
    assert auto_backup.status(session).last_good is None
    assert not (tmp_path / "E-drive").exists()


def test_rotation_keeps_7_daily_4_weekly_12_monthly(tmp_path):
    day = datetime(2026, 3, 18, 18, 0)
    for n in range(500):
        for hour in (9, 18):
            taken = (day - timedelta(days=n)).replace(hour=hour)
            (tmp_path / f"{auto_backup.AUTO_PREFIX}{taken:%Y%m%d-%H%M%S}.db").write_bytes(b"x")
    manual = tmp_path / "beratung-backup-20200101-120000.db"
    manual.write_bytes(b"by hand")
    auto_backup.rotate(tmp_path)
    kept = sorted(p.name for p in tmp_path.glob(f"{auto_backup.AUTO_PREFIX}*.db"))
    # 7 days + 4 weeks + 12 months overlap at the newest end: at most 23 files, at least 12.
    assert 12 <= len(kept) <= 23
    assert f"{auto_backup.AUTO_PREFIX}20260318-180000.db" in kept  # newest of today
    assert f"{auto_backup.AUTO_PREFIX}20260318-090000.db" not in kept  # older one of the same day
    months = {name[len(auto_backup.AUTO_PREFIX) :][:6] for name in kept}
    assert len(months) == 12
    assert manual.exists()


def test_cli_backup_auto_and_backups_list(new_store, data_dir, tmp_path, monkeypatch, capsys):
    session, _ = new_store
    add_client(session, given_name="Listed", family_name="Client")
    maintenance.backup(session, data_dir / "backups" / "automatic")
    session.close()
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSWORD}\n"))
    args = ["--data-dir", str(data_dir), "--user", "anna", "--password-stdin"]
    assert main([*args, "backup", "--auto"], kdf=TEST_KDF) == 0
    assert "written and checked" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSWORD}\n"))
    assert main([*args, "backups"], kdf=TEST_KDF) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and all("1 clients, 0 consultations" in line for line in lines)
