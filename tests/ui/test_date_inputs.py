"""Date and time fields take what a keyboard types in the active language."""

from __future__ import annotations

from datetime import datetime

from beratung_desktop.i18n import set_language
from beratung_desktop.ui.forms.date_inputs import DateTimeEdit, datetime_format
from beratung_desktop.ui.qt import Qt


def test_english_time_field_takes_a_typed_am_pm_time(qtbot, show):
    set_language("en")
    assert "\u202f" not in datetime_format(), "a keyboard types a plain space before AM"
    for before, typed, after in (
        (datetime(2026, 11, 28, 14, 5), "11/28/2026 10:00 AM", datetime(2026, 11, 28, 10, 0)),
        (datetime(2026, 11, 28, 9, 0), "11/28/2026 4:30 PM", datetime(2026, 11, 28, 16, 30)),
    ):
        edit = show(DateTimeEdit(before))
        edit.setFocus()
        qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(edit, typed)
        qtbot.keyClick(edit, Qt.Key.Key_Return)
        assert edit.value() == after, typed
