from __future__ import annotations

from datetime import date, timedelta

from beratung_desktop.domain.agreements import AgreementGoal
from beratung_desktop.services import casework
from beratung_desktop.ui.cases.case_dialog import CaseDialog, CloseCaseDialog
from beratung_desktop.ui.cases.goals_editor import OVERDUE_BACKGROUND, GoalsEditor
from beratung_desktop.ui.consents.consent_dialog import ConsentDialog
from beratung_desktop.ui.qt import Qt
from tests import factories
from tests.ui.conftest import ctrl_s


def test_goals_editor_saves_a_goal_and_highlights_overdue(qtbot, session, show):
    client = factories.add_client(session)
    case = factories.add_case(session, client, case_management=True)
    casework.save_goal(
        session,
        AgreementGoal(case_id=case.id, goal="Register with the Jobcentre", due=date.today() - timedelta(days=3)),
    )
    editor = show(GoalsEditor(session, case))
    assert editor.overdue_rows() == [0]
    assert editor.table.item(0, 0).background().color() == OVERDUE_BACKGROUND
    assert "overdue" in editor.table.item(0, 2).text()

    editor.goal.setFocus()
    qtbot.keyClicks(editor.goal, "Find a language course B1")
    editor.steps.setFocus()
    qtbot.keyClicks(editor.steps, "Ask the course provider")
    qtbot.keyClick(editor.steps, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.steps, "Apply for the course")
    editor.due.known.setChecked(True)
    editor.due.edit.set_value(date.today() + timedelta(days=30))
    ctrl_s(qtbot, editor.goal)

    goals = casework.case_goals(session, case.id)
    saved = next(g for g in goals if g.goal == "Find a language course B1")
    assert saved.steps == ["Ask the course provider", "Apply for the course"]
    assert saved.due == date.today() + timedelta(days=30)
    assert editor.table.rowCount() == 2
    assert editor.overdue_rows() == [0]


def test_goals_editor_refuses_an_empty_goal_next_to_the_field(qtbot, session, show):
    case = factories.add_case(session, factories.add_client(session))
    editor = show(GoalsEditor(session, case))
    ctrl_s(qtbot, editor.goal)
    assert editor.errors.label("goal").isVisible()
    assert casework.case_goals(session, case.id) == []


def test_case_outside_the_target_group_opens_only_with_a_reason(qtbot, session, show):
    client = factories.add_client(session, birth_date=date(1960, 1, 1))
    dialog = show(CaseDialog(session, client))
    assert not dialog.errors.label("target_group_reason").isVisible()
    assert not dialog.reason.isVisible()
    dialog.service.set_code("jmd")
    warning = dialog.errors.label("target_group_reason")
    assert warning.isVisible() and "12 to 27" in warning.text() and dialog.reason.isVisible()
    ctrl_s(qtbot, dialog.service)
    assert session.store.cases.count() == 0
    dialog.reason.setFocus()
    qtbot.keyClicks(dialog.reason, "Grandmother of a JMD client, family counselled together")
    ctrl_s(qtbot, dialog.reason)
    [case] = session.store.cases.for_client(client.id)
    assert case.service == "jmd" and case.outside_target_group == ["too_old"]
    assert case.target_group_reason == "Grandmother of a JMD client, family counselled together"


def test_case_inside_the_target_group_needs_no_reason(qtbot, session, show):
    client = factories.add_client(session, birth_date=date(1960, 1, 1))
    dialog = show(CaseDialog(session, client))
    dialog.service.set_code("mbe")
    ctrl_s(qtbot, dialog.service)
    [case] = session.store.cases.for_client(client.id)
    assert (case.service, case.outside_target_group, case.target_group_reason) == ("mbe", [], "")


def test_close_case_needs_a_reason(qtbot, session, show):
    case = factories.add_case(session, factories.add_client(session))
    dialog = show(CloseCaseDialog(session, case))
    ctrl_s(qtbot, dialog.reason)
    assert dialog.errors.label("close_reason").isVisible()
    assert session.store.cases.require(case.id).is_open
    dialog.reason.set_code("goals_achieved")
    ctrl_s(qtbot, dialog.reason)
    assert session.store.cases.require(case.id).close_reason == "goals_achieved"


def test_consent_for_sharing_needs_a_recipient(qtbot, session, show):
    client = factories.add_client(session)
    dialog = show(ConsentDialog(session, client))
    dialog.purpose.set_code("sharing")
    ctrl_s(qtbot, dialog.purpose)
    assert dialog.errors.label("recipient").isVisible()
    dialog.recipient.setFocus()
    qtbot.keyClicks(dialog.recipient, "Auslaenderbehoerde Kreis Test")
    ctrl_s(qtbot, dialog.recipient)
    consents = session.store.consents.for_client(client.id)
    assert [(c.purpose, c.recipient) for c in consents] == [("sharing", "Auslaenderbehoerde Kreis Test")]
