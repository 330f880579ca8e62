"""Every input of the forms has an accessible name, Esc cancels without saving, and mnemonics are unique."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from beratung_desktop.services import deadlines
from beratung_desktop.ui.activities.activity_dialog import ActivityDialog
from beratung_desktop.ui.appointments.appointment_dialog import AppointmentDialog
from beratung_desktop.ui.appointments.appointments_view import AppointmentsView
from beratung_desktop.ui.cases.case_dialog import CaseDialog, CloseCaseDialog
from beratung_desktop.ui.cases.goals_editor import GoalsEditor
from beratung_desktop.ui.clients.client_dialog import ClientDialog
from beratung_desktop.ui.consents.consent_dialog import ConsentDialog
from beratung_desktop.ui.consultations.consultation_dialog import ConsultationDialog
from beratung_desktop.ui.documents.add_document_dialog import AddDocumentDialog
from beratung_desktop.ui.documents.deadline_dialogs import DeadlineDialog, DropDeadlineDialog, MoveDeadlineDialog
from beratung_desktop.ui.documents.documents_tab import DocumentsTab
from beratung_desktop.ui.qt import Qt, QtWidgets
from beratung_desktop.ui.start_page import StartPage
from tests import factories

INPUTS = (
    QtWidgets.QLineEdit,
    QtWidgets.QAbstractSpinBox,
    QtWidgets.QComboBox,
    QtWidgets.QPlainTextEdit,
    QtWidgets.QAbstractButton,
    QtWidgets.QAbstractItemView,
)


def _builders():
    return {
        "client": lambda s, c, case: ClientDialog(s),
        "client_edit": lambda s, c, case: ClientDialog(s, c),
        "consultation": lambda s, c, case: ConsultationDialog(s, c),
        "activity": lambda s, c, case: ActivityDialog(s),
        "case": lambda s, c, case: CaseDialog(s, c),
        "close_case": lambda s, c, case: CloseCaseDialog(s, case),
        "goals": lambda s, c, case: GoalsEditor(s, case),
        "consent": lambda s, c, case: ConsentDialog(s, c),
        "appointment": lambda s, c, case: AppointmentDialog(s, client=c),
        "appointments_view": lambda s, c, case: AppointmentsView(s),
        "start_page": lambda s, c, case: StartPage(s),
        "add_document": lambda s, c, case: AddDocumentDialog(s, c, Path("Bescheid.pdf"), 10**7),
        "deadline": lambda s, c, case: DeadlineDialog(s, c),
        "move_deadline": lambda s, c, case: MoveDeadlineDialog(
            s, deadlines.set_deadline(s, c.id, "appeal", date.today())
        ),
        "drop_deadline": lambda s, c, case: DropDeadlineDialog(
            s, deadlines.set_deadline(s, c.id, "appeal", date.today())
        ),
        "documents_tab": lambda s, c, case: _documents_tab(s, c),
    }


def _documents_tab(session, client):
    tab = DocumentsTab(session)
    tab.show_client(client)
    return tab


def _inputs(widget: QtWidgets.QWidget) -> list[QtWidgets.QWidget]:
    found = []
    for child in widget.findChildren(QtWidgets.QWidget):
        if not isinstance(child, INPUTS) or not child.isVisibleTo(widget):
            continue
        # Parts Qt builds inside a compound input (the editor of a spin box or editable combo box,
        # scroll-bar buttons, the tab-bar scrollers, the calendar popup) carry the compound's name.
        parent = child.parentWidget()
        if isinstance(
            parent,
            (
                QtWidgets.QAbstractSpinBox,
                QtWidgets.QComboBox,
                QtWidgets.QScrollBar,
                QtWidgets.QTabBar,
                QtWidgets.QAbstractItemView,
                QtWidgets.QLineEdit,
            ),
        ):
            continue
        if child.objectName().startswith("qt_") or isinstance(child, QtWidgets.QScrollBar):
            continue
        found.append(child)
    return found


@pytest.mark.parametrize("name", list(_builders()))
def test_every_input_has_an_accessible_name(qtbot, session, show, name):
    client = factories.add_client(session)
    case = factories.add_case(session, client)
    widget = show(_builders()[name](session, client, case))
    # Qt names a button after its visible text; other inputs need an explicit name.
    unnamed = [
        f"{type(w).__name__} {w.objectName()!r} {getattr(w, 'text', lambda: '')()!r}"
        for w in _inputs(widget)
        if not w.accessibleName() and not (isinstance(w, QtWidgets.QAbstractButton) and w.text().strip("&"))
    ]
    assert unnamed == []


@pytest.mark.parametrize(
    "name",
    [
        "client",
        "consultation",
        "activity",
        "case",
        "consent",
        "appointment",
        "add_document",
        "deadline",
        "move_deadline",
        "drop_deadline",
        "start_page",
    ],
)
def test_mnemonics_are_unique_within_a_form(qtbot, session, show, name):
    client = factories.add_client(session)
    case = factories.add_case(session, client)
    widget = show(_builders()[name](session, client, case))
    texts = [
        w.text()
        for w in widget.findChildren(QtWidgets.QLabel) + widget.findChildren(QtWidgets.QAbstractButton)
        if w.isVisibleTo(widget)
    ]
    keys = [m.group(1).lower() for t in texts for m in [re.search(r"&([^&])", t)] if m]
    assert [k for k, n in Counter(keys).items() if n > 1] == []


def test_escape_cancels_without_saving(qtbot, session, show):
    dialog = show(ClientDialog(session))
    dialog.given.setFocus()
    qtbot.keyClicks(dialog.given, "Nadia")
    qtbot.keyClicks(dialog.family, "Sultani")
    qtbot.keyClick(dialog.given, Qt.Key.Key_Escape)
    # Typed work is never thrown away by one key: Esc asks first, and Discard closes without saving.
    qtbot.waitUntil(lambda: dialog.discard_prompt is not None and dialog.discard_prompt.isVisible())
    dialog.discard_prompt.button(QtWidgets.QMessageBox.StandardButton.Discard).click()
    assert not dialog.isVisible()
    assert session.store.clients.count() == 0
