"""The network page and the network parts of the client page, driven like a counsellor would."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from beratung_desktop.domain.appointments import Appointment
from beratung_desktop.domain.consents import Consent
from beratung_desktop.domain.groups import Group
from beratung_desktop.domain.interpreters import Interpreter
from beratung_desktop.domain.partners import NetworkPartner
from beratung_desktop.services import casework, groups, interpreters, partners, scheduling
from beratung_desktop.ui.appointments.appointment_dialog import AppointmentDialog
from beratung_desktop.ui.clients.client_page import ClientPage
from beratung_desktop.ui.consultations.consultation_dialog import ConsultationDialog
from beratung_desktop.ui.main_window import MainWindow
from beratung_desktop.ui.network.group_dialogs import AddMemberDialog, GroupDialog, GroupSessionDialog
from beratung_desktop.ui.network.interpreter_dialog import InterpreterDialog
from beratung_desktop.ui.network.network_page import NetworkPage
from beratung_desktop.ui.network.partner_dialog import MergePartnerDialog, PartnerDialog
from beratung_desktop.ui.network.short_contact_dialog import ShortContactDialog
from beratung_desktop.ui.network.short_contacts_view import ConvertToClientDialog
from beratung_desktop.ui.qt import Qt
from tests import factories
from tests.ui.conftest import ctrl_s

TOMORROW = date.today() + timedelta(days=1)


def test_partner_created_edited_merged_and_archived_from_the_page(qtbot, session, show):
    page = show(NetworkPage(session))
    dialog = show(PartnerDialog(session, parent=page))
    dialog.name.setText("Ausländerbehörde Kreis Nord")  # keyClicks takes ASCII only
    dialog.kind.set_code("immigration_office")
    qtbot.keyClicks(dialog.contact_person, "Frau Albrecht")
    qtbot.keyClicks(dialog.phone, "0341 2000")
    dialog.languages.filter.setText("Arab")
    dialog.languages._toggle_first_visible()
    ctrl_s(qtbot, dialog.name)
    [stored] = partners.list_partners(session)
    assert (stored.name, stored.kind, stored.contact_person, stored.phone, stored.languages) == (
        "Ausländerbehörde Kreis Nord",
        "immigration_office",
        "Frau Albrecht",
        "0341 2000",
        ["ar"],
    )
    view = page.partners_view
    view.refresh(select=stored.id)
    assert view.list.item(0, 0).text() == "Ausländerbehörde Kreis Nord"
    assert "Frau Albrecht" in view.details.text()

    twice = partners.save_partner(session, NetworkPartner(name="ABH Nord", kind="immigration_office", phone="1"))
    client = factories.add_client(session, referred_by_partner_id=twice.id)
    merge = show(MergePartnerDialog(session, twice, parent=page))
    merge.target.set_code(stored.id)
    ctrl_s(qtbot, merge.target)
    assert session.store.clients.require(client.id).referred_by_partner_id == stored.id
    view.refresh(select=stored.id)
    assert view.list.rowCount() == 1
    assert "1" in view.details.text()  # clients referred by this partner

    qtbot.mouseClick(view.archive_button, Qt.MouseButton.LeftButton)
    assert partners.list_partners(session) == []
    assert view.list.rowCount() == 0
    view.show_archived.setChecked(True)
    assert view.list.rowCount() == 1


def test_interpreter_pool_and_booking_with_overlap_warning(qtbot, session, show):
    dialog = show(InterpreterDialog(session))
    qtbot.keyClicks(dialog.name, "Samira Haddad")
    dialog.kind.set_code("paid")
    dialog.languages.filter.setFocus()
    qtbot.keyClicks(dialog.languages.filter, "Arab")
    qtbot.keyClick(dialog.languages.filter, Qt.Key.Key_Return)
    assert session.store.interpreters.count() == 0  # Enter chose the language; it did not save the form
    ctrl_s(qtbot, dialog.name)
    [pool] = interpreters.list_interpreters(session)
    assert (pool.languages, pool.kind) == (["ar"], "paid")

    client = factories.add_client(session)
    start = datetime.combine(TOMORROW, time(10))
    first = scheduling.save_appointment(
        session,
        Appointment(
            start=start,
            end=start + timedelta(hours=1),
            counsellor_id=session.user.id,
            client_id=client.id,
            interpreter_id=pool.id,
            interpreter_language="ar",
        ),
    )
    other = factories.add_client(session, given_name="Omid")
    booking = show(AppointmentDialog(session, start=start + timedelta(hours=3), client=other))
    booking.interpreter.set_code(pool.id)
    booking.check_overlaps()
    assert not booking.overlap_bar.isVisible()
    assert "Other bookings" in booking.bookings.text()
    booking.start.set_value(start + timedelta(minutes=30))
    booking.counsellor.set_code(session.user.id)
    booking.check_overlaps()
    assert [a.id for a in booking.interpreter_overlaps] == [first.id]
    assert booking.overlap_bar.isVisible() and "interpreter" in booking.overlap_bar.text.text()
    ctrl_s(qtbot, booking.notes)
    assert session.store.appointments.count() == 1
    qtbot.mouseClick(booking.overlap_bar.buttons()[0], Qt.MouseButton.LeftButton)
    saved = [a for a in session.store.appointments.all() if a.id != first.id]
    assert [(a.interpreter_id, a.interpreter_language) for a in saved] == [(pool.id, "ar")]

    # The consultation from the booked appointment takes the interpreter and the language over.
    consult = show(ConsultationDialog(session, other, appointment=saved[0]))
    assert consult.interpreter.isChecked() and consult.interpreter_person.code() == pool.id
    consult.topics.chip("housing").setChecked(True)
    consult.start.set_value(datetime.now().replace(second=0, microsecond=0))
    ctrl_s(qtbot, consult.notes)
    [recorded] = session.store.consultations.for_client(other.id)
    assert (recorded.interpreter_id, recorded.interpreter_language, recorded.interpreter_used) == (pool.id, "ar", True)


def test_short_contact_form_and_turning_it_into_a_client_file(qtbot, session, show):
    dialog = show(ShortContactDialog(session))
    dialog.topics.chip("residence_law").setChecked(True)
    dialog.form.set_code("phone")
    dialog.language.set_code("uk")
    dialog.gender.set_code("female")
    dialog.age_group.set_code("28-44")
    qtbot.mouseClick(dialog.minutes.quick_buttons[1], Qt.MouseButton.LeftButton)
    ctrl_s(qtbot, dialog.notes if hasattr(dialog, "notes") else dialog.day)
    [contact] = session.store.short_contacts.all()
    assert (contact.form, contact.language, contact.gender, contact.age_group, contact.topics, contact.minutes) == (
        "phone",
        "uk",
        "female",
        "28-44",
        ["residence_law"],
        10,
    )
    assert session.store.clients.count() == 0

    convert = show(ConvertToClientDialog(session, contact))
    assert convert.gender.code() == "female" and convert.languages.selected() == ["uk"]
    qtbot.keyClicks(convert.given, "Olena")
    qtbot.keyClicks(convert.family, "Testowa")
    ctrl_s(qtbot, convert.given)
    [client] = session.store.clients.all()
    assert session.store.short_contacts.require(contact.id).converted_client_id == client.id


def test_group_with_participants_and_attendance_shows_on_the_client_page(qtbot, session, show):
    dialog = show(GroupDialog(session))
    dialog.title.setText("Frauencafé")
    qtbot.keyClicks(dialog.facilitator, "Frau Engel")
    dialog.anonymous.setValue(3)
    ctrl_s(qtbot, dialog.title)
    [group] = groups.list_groups(session)
    anna = factories.add_client(session, given_name="Anna", family_name="Alpha")
    berta = factories.add_client(session, given_name="Berta", family_name="Beta")
    for client in (anna, berta):
        add = show(AddMemberDialog(session, group))
        add.client.set_client(client)
        ctrl_s(qtbot, add.client)
    file = groups.group_file(session, group.id)
    assert sorted(file.names.values()) == ["Alpha, Anna", "Beta, Berta"]

    attendance = show(GroupSessionDialog(session, file))
    attendance.day.set_value(date.today() - timedelta(days=1))
    attendance.present.item(0).setCheckState(Qt.CheckState.Checked)
    attendance.anonymous.setValue(2)
    ctrl_s(qtbot, attendance.notes)
    [stored] = session.store.group_sessions.of_group(group.id)
    first_member = file.members[0].client_id
    assert (stored.present, stored.anonymous_present) == ([first_member], 2)

    page = NetworkPage(session)
    page.groups_view.refresh(select=group.id)
    assert page.groups_view.sessions.rowCount() == 1
    assert page.groups_view.sessions.item(0, 3).text() == "1"

    client_page = show(ClientPage(session))
    client_page.show_client(first_member)
    assert client_page.network.sessions.rowCount() == 1
    assert client_page.network.sessions.item(0, 1).text() == "Frauencafé"


def test_client_page_shows_referrals_and_sets_the_outcome(qtbot, session, show):
    partner = partners.save_partner(session, NetworkPartner(name="Jobcenter Nord", kind="jobcentre"))
    client = factories.add_client(session, support_needs=["single_parent"], referred_by_partner_id=partner.id)
    case = factories.add_case(session, client)
    dialog = show(ConsultationDialog(session, client, case))
    dialog.topics.chip("benefits").setChecked(True)
    dialog.referral.set_code(partner.id)
    assert dialog.referral_purpose.isVisible()
    dialog.referral_purpose.setText("Antrag auf Bürgergeld")
    ctrl_s(qtbot, dialog.notes)

    page = show(ClientPage(session))
    page.show_client(client.id)
    tab = page.network
    assert "Jobcenter Nord" in tab.summary.text() and "Single parent" in tab.summary.text()
    assert tab.referrals.rowCount() == 1
    assert tab.referrals.item(0, 3).text() == "Antrag auf Bürgergeld"
    assert tab.referrals.item(0, 4).text() == "Not known yet"
    tab.referrals.selectRow(0)
    tab.set_outcome("arrived")
    assert tab.referrals.item(0, 4).text().startswith("Arrived")
    casework.save_consent(
        session, Consent(client_id=client.id, purpose="sharing", given=date.today(), recipient="Jobcenter Nord")
    )
    from beratung_desktop.services import referrals

    assert referrals.note_allowed(session, referrals.client_referrals(session, client.id)[0])


def test_network_page_is_in_the_navigation(qtbot, session, settings_store, show):
    window = MainWindow(session, settings_store, settings_store.load())
    qtbot.addWidget(window)
    window.show_page("network")
    page = window.page("network")
    assert isinstance(page, NetworkPage)
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == [
        "Partners",
        "Interpreters",
        "Group offers",
        "Short contacts",
    ]
    groups.save_group(session, Group(title="Café", service="mbe", counsellor_id=session.user.id))
    interpreters.save_interpreter(session, Interpreter(name="Olena", languages=["uk"]))
    window.show_page("start")
    window.show_page("network")
    assert page.groups_view.list.rowCount() == 1 and page.interpreters_view.list.rowCount() == 1


def test_short_contact_from_the_start_page(qtbot, session, show):
    from beratung_desktop.ui.start_page import StartPage

    page = show(StartPage(session))
    qtbot.mouseClick(page.short_contact_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    dialog.topics.chip("benefits").setChecked(True)
    ctrl_s(qtbot, dialog.day)
    assert [c.topics for c in session.store.short_contacts.all()] == [["benefits"]]
    assert session.store.clients.count() == 0
