from __future__ import annotations

from beratung_desktop.domain.partners import NetworkPartner
from beratung_desktop.services.partners import save_partner
from beratung_desktop.ui.activities.activity_dialog import ActivityDialog
from beratung_desktop.ui.qt import Qt
from tests.ui.conftest import ctrl_s


def test_network_meeting_recorded_with_partner(qtbot, session, show):
    partner = save_partner(session, NetworkPartner(name="Jobcentre Kreis Nord", kind="jobcentre"))
    dialog = show(ActivityDialog(session))
    dialog.kind.set_code("network_meeting")
    dialog.title.setFocus()
    qtbot.keyClicks(dialog.title, "Round table on language courses")
    dialog.participants.setValue(12)
    dialog.partner.set_code(partner.id)
    qtbot.mouseClick(dialog.minutes.quick_buttons[1], Qt.MouseButton.LeftButton)
    ctrl_s(qtbot, dialog.title)
    [stored] = session.store.activities.all()
    assert (stored.kind, stored.title, stored.participants, stored.partner_id, stored.minutes) == (
        "network_meeting",
        "Round table on language courses",
        12,
        partner.id,
        60,
    )

    again = show(ActivityDialog(session, activity=stored))
    assert again.title.text() == "Round table on language courses"
    again.participants.setValue(14)
    ctrl_s(qtbot, again.title)
    assert session.store.activities.require(stored.id).participants == 14
    assert session.store.activities.count() == 1


def test_zero_minutes_refused_next_to_the_field(qtbot, session, show):
    dialog = show(ActivityDialog(session))
    dialog.minutes.set_value(0)
    ctrl_s(qtbot, dialog.title)
    assert dialog.errors.label("minutes").isVisible()
    assert session.store.activities.count() == 0
