"""Restore from the GUI: the dialog lists backups with dates and counts; the app restores and signs in again."""

from __future__ import annotations

from datetime import datetime, timedelta

from beratung_desktop.services import auto_backup
from beratung_desktop.ui.restore_dialog import RestoreDialog
from tests.conftest import PASSWORD
from tests.factories import add_client


def test_dialog_lists_backups_with_counts_and_returns_the_choice(qtbot, session, tmp_path):
    folder = tmp_path / "Backups"
    add_client(session, given_name="First", family_name="One")
    older = auto_backup.write_checked_backup(session, folder, datetime(2026, 3, 1, 17, 0))
    add_client(session, given_name="Second", family_name="Two")
    newer = auto_backup.write_checked_backup(session, folder, datetime(2026, 3, 1, 17, 0) + timedelta(days=1))
    dialog = RestoreDialog(auto_backup.list_backups(session, folder), folder)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    assert [dialog.table.item(r, 1).text() for r in range(2)] == ["2", "1"]
    assert not dialog.restore_button.isEnabled()
    dialog.table.selectRow(1)
    dialog.secret.setText(PASSWORD)
    assert dialog.restore_button.isEnabled()
    choice = dialog.choice()
    assert choice is not None and choice.path == older and choice.password == PASSWORD
    dialog.use_recovery.setChecked(True)
    assert dialog.choice().recovery_key == PASSWORD
    assert newer.exists()
