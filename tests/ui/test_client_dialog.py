from __future__ import annotations

from datetime import date

from beratung_desktop.domain.clients import HouseholdMember
from beratung_desktop.services import casework
from beratung_desktop.ui.clients.client_dialog import ClientDialog
from beratung_desktop.ui.qt import Qt
from tests import factories
from tests.ui.conftest import ctrl_s


def _type(qtbot, widget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def test_new_client_typed_and_saved_with_ctrl_s(qtbot, session, show):
    dialog = ClientDialog(session)
    show(dialog)
    saved: list[str] = []
    dialog.saved.connect(saved.append)
    _type(qtbot, dialog.given, "Mira")
    _type(qtbot, dialog.family, "Quendel")
    _type(qtbot, dialog.phone, "0151 000000")
    dialog.country.set_code("AF")
    dialog.languages.filter.setFocus()
    qtbot.keyClicks(dialog.languages.filter, "Dari")
    qtbot.keyClick(dialog.languages.filter, Qt.Key.Key_Return)
    ctrl_s(qtbot, dialog.given)

    assert len(saved) == 1
    assert dialog.client is not None and dialog.client.id == saved[0]
    stored = session.store.clients.require(saved[0])
    assert (stored.given_name, stored.family_name, stored.phone) == ("Mira", "Quendel", "0151 000000")
    assert stored.country_of_origin == "AF"
    assert "prs" in stored.languages or "fa_AF" in stored.languages or stored.languages
    assert stored.client_number
    assert not dialog.isVisible()


def test_missing_names_show_messages_next_to_fields_and_store_nothing(qtbot, session, show):
    dialog = ClientDialog(session)
    show(dialog)
    ctrl_s(qtbot, dialog.given)
    assert dialog.isVisible()
    assert dialog.errors.label("given_name").isVisible()
    assert "given name" in dialog.errors.label("given_name").text()
    assert dialog.errors.label("family_name").isVisible()
    assert session.store.clients.count() == 0


def test_duplicate_warning_offers_existing_and_create_anyway(qtbot, session, show):
    existing = factories.add_client(session, given_name="Samira", family_name="Haddad", birth_date=date(1988, 3, 2))
    dialog = ClientDialog(session)
    show(dialog)
    _type(qtbot, dialog.given, "Samira")
    _type(qtbot, dialog.family, "Hadad")
    qtbot.waitUntil(lambda: dialog.duplicates.isVisible(), timeout=2000)
    assert "Haddad, Samira" in dialog.duplicates.text.text()
    assert [c.id for c in dialog.similar] == [existing.id]

    # Saving while the warning is unanswered stores nothing.
    ctrl_s(qtbot, dialog.given)
    assert session.store.clients.count() == 1

    opened: list[str] = []
    dialog.open_existing_requested.connect(opened.append)
    create_anyway = dialog.duplicates.buttons()[-1]
    qtbot.mouseClick(create_anyway, Qt.MouseButton.LeftButton)
    assert not dialog.duplicates.isVisible()
    ctrl_s(qtbot, dialog.given)
    assert session.store.clients.count() == 2
    assert opened == []


def test_open_existing_emits_the_client(qtbot, session, show):
    existing = factories.add_client(session, given_name="Samira", family_name="Haddad")
    dialog = ClientDialog(session)
    show(dialog)
    _type(qtbot, dialog.given, "Samira")
    _type(qtbot, dialog.family, "Haddad")
    dialog.check_duplicates()
    with qtbot.waitSignal(dialog.open_existing_requested) as signal:
        qtbot.mouseClick(dialog.duplicates.buttons()[0], Qt.MouseButton.LeftButton)
    assert signal.args == [existing.id]
    assert dialog.existing_client_id == existing.id
    assert casework.search_clients(session, "Haddad")


def test_editing_keeps_identity(qtbot, session, show):
    client = factories.add_client(session)
    dialog = ClientDialog(session, client)
    show(dialog)
    dialog.notes.setFocus()
    qtbot.keyClicks(dialog.notes, "Needs a housing appointment")
    ctrl_s(qtbot, dialog.notes)
    stored = session.store.clients.require(client.id)
    assert stored.notes == "Needs a housing appointment"
    assert stored.version == 2
    assert session.store.clients.count() == 1


def test_country_chosen_by_typing_part_of_the_name(qtbot, session, show):
    dialog = show(ClientDialog(session))
    dialog.country.setFocus()
    dialog.country.lineEdit().selectAll()
    qtbot.keyClicks(dialog.country.lineEdit(), "Afghan")
    qtbot.keyClick(dialog.country.completer().popup(), Qt.Key.Key_Tab)
    assert dialog.country.code() == "AF"
    assert dialog.country.currentText() == "Afghanistan"
    dialog.country.lineEdit().setText("no such land")
    dialog.country.settle()
    assert dialog.country.code() == "AF"
    assert dialog.country.currentText() == "Afghanistan"


def test_duplicate_warning_finds_original_script_and_spelling_variants(qtbot, session, show):
    existing = factories.add_client(
        session,
        given_name="",
        family_name="",
        given_name_original="Сергій",
        family_name_original="Бондар",
        birth_year=1979,
    )
    other_family = factories.add_client(
        session,
        given_name="Lina",
        family_name="Haddad",
        household=[HouseholdMember(given_name="Serhij", family_name="Bondar")],
    )
    dialog = ClientDialog(session)
    show(dialog)
    _type(qtbot, dialog.given, "Serhij")
    _type(qtbot, dialog.family, "Bondar")
    qtbot.waitUntil(lambda: dialog.duplicates.isVisible(), timeout=2000)
    # The household member of another family is not the same person as a new client.
    assert [c.id for c in dialog.similar] == [existing.id]
    assert other_family.id not in [c.id for c in dialog.similar]


def test_each_similar_client_can_be_opened(qtbot, session, show):
    first = factories.add_client(session, given_name="Samira", family_name="Haddad", birth_date=date(1988, 3, 2))
    second = factories.add_client(session, given_name="Samira", family_name="Hadad", birth_date=date(1989, 1, 1))
    dialog = show(ClientDialog(session))
    dialog.given.setText("Samira")
    dialog.family.setText("Haddad")
    assert {c.id for c in dialog.check_duplicates()} == {first.id, second.id}
    buttons = dialog.duplicates.buttons()
    assert len(buttons) == 3
    with qtbot.waitSignal(dialog.open_existing_requested) as opened:
        qtbot.mouseClick(buttons[1], Qt.MouseButton.LeftButton)
    assert opened.args == [dialog.similar[1].id]


def test_household_headers_stay_readable_and_remove_needs_a_selection(qtbot, session, show):
    from beratung_desktop.ui.clients.household_editor import HouseholdEditor

    editor = HouseholdEditor([HouseholdMember(given_name="Serhij", family_name="Bondar")])
    qtbot.addWidget(editor)
    editor.resize(420, 200)
    editor.show()
    header = editor.table.horizontalHeader()
    for column in range(3):
        caption = editor.table.horizontalHeaderItem(column).text()
        assert header.sectionSize(column) >= header.fontMetrics().horizontalAdvance(caption), caption
    assert not editor.remove_button.isEnabled()
    editor.table.selectRow(0)
    assert editor.remove_button.isEnabled()
    editor.remove_button.click()
    assert editor.members() == []
