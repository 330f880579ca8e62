from __future__ import annotations

from datetime import date, datetime, time, timedelta

from beratung_desktop.domain.agreements import AgreementGoal
from beratung_desktop.domain.appointments import Appointment
from beratung_desktop.services import casework, scheduling
from beratung_desktop.ui.consultations.consultation_dialog import ConsultationDialog
from beratung_desktop.ui.qt import Qt
from beratung_desktop.ui.start_page import StartPage
from tests import factories


def _appointment(session, client, start: datetime, minutes: int = 45) -> Appointment:
    return scheduling.save_appointment(
        session,
        Appointment(
            start=start, end=start + timedelta(minutes=minutes), counsellor_id=session.user.id, client_id=client.id
        ),
    )


def test_lists_todays_appointment_overdue_goal_and_open_followup(qtbot, session, show):
    client = factories.add_client(session, given_name="Samira", family_name="Haddad")
    case = factories.add_case(session, client, case_management=True)
    today = _appointment(session, client, datetime.combine(date.today(), time(11, 0)))
    old = _appointment(session, client, datetime.combine(date.today() - timedelta(days=3), time(9, 0)))
    goal = casework.save_goal(
        session, AgreementGoal(case_id=case.id, goal="Apply for housing benefit", due=date.today() - timedelta(days=2))
    )
    page = show(StartPage(session))

    assert page.appointments.list.count() == 1
    assert "11:00" in page.appointments.list.item(0).text()
    assert "Haddad, Samira" in page.appointments.list.item(0).text()
    assert page.appointments.current_key() == today.id
    assert page.goals.current_key() == goal.id
    assert "Apply for housing benefit" in page.goals.list.item(0).text()
    assert page.followups.current_key() == old.id

    with qtbot.waitSignal(page.open_client_requested) as opened:
        page.goals.list.setFocus()
        qtbot.keyClick(page.goals.list, Qt.Key.Key_Return)
    assert opened.args == [client.id]


def test_empty_sections_say_so(qtbot, session, show):
    page = show(StartPage(session))
    assert page.appointments.list.item(0).text() == "No appointments today."
    assert page.goals.list.item(0).text() == "No overdue goals."
    assert page.appointments.current_key() == ""


def test_followup_marked_done_offers_consultation(qtbot, session, show):
    client = factories.add_client(session)
    factories.add_case(session, client)
    old = _appointment(session, client, datetime.combine(date.today() - timedelta(days=1), time(9, 0)))
    page = show(StartPage(session))
    qtbot.mouseClick(page.follow_done, Qt.MouseButton.LeftButton)
    assert session.store.appointments.require(old.id).status == "done"
    assert page.followups.current_key() == ""
    qtbot.mouseClick(page.message.buttons()[0], Qt.MouseButton.LeftButton)
    assert isinstance(page.dialog, ConsultationDialog)
    assert page.dialog.start.value() == old.start


def test_language_change_event_retranslates(qtbot, session, show):
    from beratung_desktop.ui.qt import QtCore, QtWidgets

    page = show(StartPage(session))
    page.goals.setTitle("stale")
    QtWidgets.QApplication.sendEvent(page, QtCore.QEvent(QtCore.QEvent.Type.LanguageChange))
    assert page.goals.title() == "Overdue agreement goals"
