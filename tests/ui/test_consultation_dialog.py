from __future__ import annotations

from datetime import datetime, timedelta

from beratung_desktop.domain.appointments import Appointment
from beratung_desktop.services import scheduling
from beratung_desktop.ui.consultations.consultation_dialog import ConsultationDialog
from beratung_desktop.ui.qt import Qt, QtWidgets
from tests import factories
from tests.ui.conftest import ctrl_s


def test_record_with_chips_and_ctrl_s(qtbot, session, show):
    client = factories.add_client(session)
    case = factories.add_case(session, client)
    dialog = show(ConsultationDialog(session, client))
    assert dialog.case.code() == case.id
    assert dialog.minutes.value() == 45
    housing = dialog.topics.chip("housing")
    housing.setFocus()
    qtbot.keyClick(housing, Qt.Key.Key_Space)
    qtbot.mouseClick(dialog.topics.chip("benefits"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.minutes.quick_buttons[1], Qt.MouseButton.LeftButton)
    dialog.notes.setFocus()
    qtbot.keyClicks(dialog.notes, "Asked about the rent deposit")
    ctrl_s(qtbot, dialog.notes)

    stored = session.store.consultations.for_client(client.id)
    assert len(stored) == 1
    assert stored[0].topics == ["housing", "benefits"]
    assert stored[0].minutes == 30
    assert stored[0].case_id == case.id
    assert stored[0].notes == "Asked about the rent deposit"
    assert not dialog.isVisible()


def test_zero_minutes_message_next_to_the_field_and_nothing_stored(qtbot, session, show):
    client = factories.add_client(session)
    factories.add_case(session, client)
    dialog = show(ConsultationDialog(session, client))
    qtbot.keyClick(dialog.topics.chip("health"), Qt.Key.Key_Space)
    dialog.minutes.spin.setFocus()
    dialog.minutes.spin.selectAll()
    qtbot.keyClicks(dialog.minutes.spin, "0")
    ctrl_s(qtbot, dialog.minutes.spin)

    label = dialog.errors.label("minutes")
    assert label.isVisible()
    assert label.text() == "The duration must be more than 0 minutes."
    # The message sits right under the minutes input, in the same form cell.
    assert label.parentWidget() is dialog.minutes.parentWidget()
    assert session.store.consultations.count() == 0
    assert dialog.isVisible()


def test_without_open_case_a_case_is_opened_on_save(qtbot, session, show):
    client = factories.add_client(session)
    dialog = show(ConsultationDialog(session, client))
    assert dialog.banner.isVisible()
    assert dialog.case.code() == "new:mbe"
    qtbot.keyClick(dialog.topics.chip("family"), Qt.Key.Key_Space)
    ctrl_s(qtbot, dialog.notes)
    cases = session.store.cases.for_client(client.id)
    assert [c.service for c in cases] == ["mbe"]
    assert session.store.consultations.for_client(client.id)[0].case_id == cases[0].id


def test_no_topic_refused_without_opening_a_case(qtbot, session, show):
    client = factories.add_client(session)
    dialog = show(ConsultationDialog(session, client))
    ctrl_s(qtbot, dialog.notes)
    assert dialog.errors.label("topics").isVisible()
    assert session.store.cases.count() == 0


def test_from_appointment_prefills_and_marks_done(qtbot, session, show):
    client = factories.add_client(session)
    factories.add_case(session, client)
    start = datetime.now().replace(second=0, microsecond=0) - timedelta(hours=2)
    appointment = scheduling.save_appointment(
        session,
        Appointment(
            start=start,
            end=start + timedelta(minutes=60),
            counsellor_id=session.user.id,
            client_id=client.id,
            outreach=True,
            place="Gemeinschaftsunterkunft Nord",
        ),
    )
    dialog = show(ConsultationDialog(session, client, appointment=appointment))
    assert dialog.start.value() == start
    assert dialog.minutes.value() == 60
    assert dialog.form.code() == "outreach"
    qtbot.keyClick(dialog.topics.chip("health"), Qt.Key.Key_Space)
    ctrl_s(qtbot, dialog.notes)
    assert session.store.consultations.count() == 1
    assert session.store.appointments.require(appointment.id).status == "done"


def test_keyboard_only_from_open_to_saved(qtbot, session, show):
    client = factories.add_client(session)
    factories.add_case(session, client)
    dialog = show(ConsultationDialog(session, client))

    def press(key, modifier=Qt.KeyboardModifier.NoModifier):
        qtbot.keyClick(QtWidgets.QApplication.focusWidget(), key, modifier)

    # Focus starts on the first topic chip: tick it, move three chips on, tick that one, save.
    press(Qt.Key.Key_Space)
    for _ in range(3):
        press(Qt.Key.Key_Tab)
    press(Qt.Key.Key_Space)
    press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    stored = session.store.consultations.for_client(client.id)
    assert [c.topics for c in stored] == [["residence_law", "housing"]]
    assert not dialog.isVisible()


def test_recorded_consultation_can_be_corrected(qtbot, session, show):
    client = factories.add_client(session)
    case = factories.add_case(session, client)
    recorded = factories.add_consultation(session, case, topics=["housing"], minutes=30)
    dialog = show(ConsultationDialog(session, client, consultation=recorded))
    assert dialog.topics.selected() == ["housing"]
    assert dialog.minutes.value() == 30
    qtbot.keyClick(dialog.topics.chip("debts"), Qt.Key.Key_Space)
    ctrl_s(qtbot, dialog.notes)
    [stored] = session.store.consultations.for_client(client.id)
    assert stored.id == recorded.id
    assert stored.topics == ["housing", "debts"]
    assert stored.version == 2
