"""Esc or Cancel on a form with changes asks first; an untouched form closes at once."""

from __future__ import annotations

from beratung_desktop.ui.appointments.appointment_dialog import AppointmentDialog
from beratung_desktop.ui.consultations.consultation_dialog import ConsultationDialog
from beratung_desktop.ui.qt import Qt, QtWidgets
from tests import factories

Buttons = QtWidgets.QMessageBox.StandardButton


def _prompt(qtbot, dialog) -> QtWidgets.QMessageBox:
    qtbot.waitUntil(lambda: dialog.discard_prompt is not None and dialog.discard_prompt.isVisible())
    return dialog.discard_prompt


def _consultation_with_notes(qtbot, session, show, notes: str):
    client = factories.add_client(session)
    factories.add_case(session, client)
    dialog = show(ConsultationDialog(session, client))
    qtbot.mouseClick(dialog.topics.chip("housing"), Qt.MouseButton.LeftButton)
    dialog.notes.setFocus()
    qtbot.keyClicks(dialog.notes, notes)
    return client, dialog


def test_untouched_form_closes_without_asking(qtbot, session, show):
    client = factories.add_client(session)
    factories.add_case(session, client)
    dialog = show(ConsultationDialog(session, client))
    qtbot.keyClick(dialog.notes, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.discard_prompt is None


def test_keep_editing_keeps_the_typed_notes(qtbot, session, show):
    client, dialog = _consultation_with_notes(qtbot, session, show, "Rent deposit")
    dialog.cancel_button.click()
    prompt = _prompt(qtbot, dialog)
    prompt.escapeButton().click()
    assert dialog.isVisible()
    assert dialog.notes.toPlainText() == "Rent deposit"
    assert session.store.consultations.for_client(client.id) == []


def test_save_from_the_prompt_stores_the_consultation(qtbot, session, show):
    client, dialog = _consultation_with_notes(qtbot, session, show, "Rent deposit")
    qtbot.keyClick(dialog.notes, Qt.Key.Key_Escape)
    _prompt(qtbot, dialog).button(Buttons.Save).click()
    assert not dialog.isVisible()
    [stored] = session.store.consultations.for_client(client.id)
    assert stored.notes == "Rent deposit"


def test_closing_the_window_asks_too(qtbot, session, show):
    client, dialog = _consultation_with_notes(qtbot, session, show, "Rent deposit")
    dialog.close()
    assert dialog.isVisible(), "the close button must not throw typed notes away"
    _prompt(qtbot, dialog).button(Buttons.Discard).click()
    assert not dialog.isVisible()
    assert session.store.consultations.for_client(client.id) == []


def test_changed_appointment_place_counts_as_a_change(qtbot, session, show):
    dialog = show(AppointmentDialog(session))
    assert not dialog.has_changes()
    dialog.place.setCurrentText("Gemeinschaftsunterkunft")
    assert dialog.has_changes()


def test_saving_from_a_window_confirms_in_its_status_bar(qtbot, session):
    window = QtWidgets.QMainWindow()
    qtbot.addWidget(window)
    window.show()
    client = factories.add_client(session)
    factories.add_case(session, client)
    dialog = ConsultationDialog(session, client, parent=window)
    dialog.show()
    qtbot.mouseClick(dialog.topics.chip("housing"), Qt.MouseButton.LeftButton)
    assert dialog.try_save()
    assert window.statusBar().currentMessage() != ""
