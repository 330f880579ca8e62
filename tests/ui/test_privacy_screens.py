"""Audit viewer, retention review, the start page's privacy notices and retention settings on real widgets."""

from __future__ import annotations

import json
from datetime import date, timedelta

from beratung_desktop.domain.consents import Consent
from beratung_desktop.domain.users import User
from beratung_desktop.services import casework, privacy
from beratung_desktop.services.session import Session
from beratung_desktop.ui.main_window import MainWindow
from beratung_desktop.ui.privacy.audit_viewer import AuditViewer
from beratung_desktop.ui.privacy.retention_review import RetentionReview
from beratung_desktop.ui.privacy.retention_settings import RetentionSettings
from beratung_desktop.ui.qt import QtWidgets
from tests import factories
from tests.storage.raw_access import tamper_audit_entry

TODAY = date.today()


def _counsellor(session: Session, name: str) -> Session:
    user = User(name=name, role="counsellor")
    session.store.users.add(user)
    return Session(session.store, user)


def _due_client(session: Session, family: str):
    """A client whose case closed four years ago: past the default 36 months."""
    client = factories.add_client(session, family_name=family)
    case = factories.add_case(session, client, opened=TODAY - timedelta(days=1600))
    casework.close_case(session, case.id, TODAY - timedelta(days=1500), "goals_achieved")
    return client


def _rows(table: QtWidgets.QTableWidget, column: int) -> list[str]:
    return [table.item(r, column).text() for r in range(table.rowCount())]


def test_audit_viewer_filters_pages_and_shows_a_broken_chain(qtbot, session, monkeypatch):
    from beratung_desktop.services import audit

    berta = _counsellor(session, "berta")
    client = factories.add_client(session, family_name="Haddad")
    factories.add_case(berta, client)
    for _ in range(5):
        casework.open_client(session, client.id)
    tamper_audit_entry(session.store, 3, "export")
    monkeypatch.setattr(audit, "PAGE_SIZE", 4)

    viewer = AuditViewer(session)
    qtbot.addWidget(viewer)
    viewer.show()
    qtbot.waitUntil(lambda: not viewer.checking, timeout=10000)
    assert viewer.chain.broken_seq == 3
    assert "No. 3" in viewer.chain_line.text() and viewer.chain_line.property("role") == "notice"
    opened = session.store.audit.recent(1)[0]
    assert (opened.action, opened.record_type) == ("view", "audit_log")  # the viewer itself is audited

    assert viewer.table.rowCount() == 4 and viewer.older_button.isEnabled()
    first_page = _rows(viewer.table, 0)
    viewer.older_button.click()
    assert _rows(viewer.table, 0) != first_page and viewer.newer_button.isEnabled()
    viewer.newer_button.click()
    assert _rows(viewer.table, 0) == first_page

    viewer.user.setCurrentIndex(viewer.user.findData("berta"))
    # Berta's one entry (opening the case) is the one tampered with: the log shows what is stored now.
    assert _rows(viewer.table, 2) == ["berta"] and _rows(viewer.table, 3) == ["exported"]
    viewer.reset_filter()
    viewer.client.set_client(client)
    assert viewer.total == 7  # created, the case (tampered), five views
    assert set(_rows(viewer.table, 3)) == {"opened"}
    assert all(text.endswith("Haddad, Testa") for text in _rows(viewer.table, 4) if text.startswith("client"))
    viewer.action.setCurrentIndex(viewer.action.findData("view"))
    assert viewer.total == 5
    viewer.reset_filter()
    viewer.to_on.setChecked(True)
    viewer.to_day.set_value(TODAY - timedelta(days=1))
    assert viewer.table.rowCount() == 0 and viewer.position.text() == "No entries match the filter."
    rows_three = [r for r in range(viewer.table.rowCount()) if viewer.table.item(r, 0).text() == "3"]
    assert rows_three == []


def test_the_broken_entry_is_marked_in_the_table(qtbot, session):
    client = factories.add_client(session)
    casework.open_client(session, client.id)
    last = session.store.audit.recent(1)[0].seq
    tamper_audit_entry(session.store, last, "print")
    viewer = AuditViewer(session)
    qtbot.addWidget(viewer)
    qtbot.waitUntil(lambda: not viewer.checking, timeout=10000)
    row = _rows(viewer.table, 0).index(str(last))
    assert viewer.table.item(row, 3).text() == "printed"
    assert viewer.table.item(row, 0).background().color().name() == "#ffff00"


def test_a_counsellor_sees_only_their_own_clients_in_the_viewer(qtbot, session):
    berta = _counsellor(session, "berta")
    carla = _counsellor(session, "carla")
    mine = factories.add_client(session, family_name="Meine")
    factories.add_case(berta, mine)
    theirs = factories.add_client(session, family_name="Fremde")
    factories.add_case(carla, theirs)
    casework.open_client(carla, theirs.id)
    viewer = AuditViewer(berta)
    qtbot.addWidget(viewer)
    viewer.show()
    assert viewer.chain_button.isHidden() and not viewer.checking
    shown = _rows(viewer.table, 4)
    assert shown and all("Fremde" not in text for text in shown)
    assert any("Meine" in text for text in shown)
    assert session.store.audit.recent(1)[0].detail == "own clients"


def test_review_erases_the_chosen_clients_after_one_confirmation(qtbot, session, settings_store):
    gone = _due_client(session, "Faellig")
    stays = _due_client(session, "Bleibt")
    review = RetentionReview(session, settings_store)
    qtbot.addWidget(review)
    review.show()
    assert sorted(_rows(review.due, 0)) == ["Bleibt, Testa", "Faellig, Testa"]
    assert not review.erase_button.isEnabled()
    review.due.selectRow(_rows(review.due, 0).index("Faellig, Testa"))
    box = review.erase_selected()
    assert "Faellig, Testa" in box.informativeText() and "Bleibt" not in box.informativeText()
    box.reject()
    assert session.store.clients.exists(gone.id)  # cancelled: nothing erased

    review.due.selectRow(_rows(review.due, 0).index("Faellig, Testa"))
    with qtbot.waitSignal(review.changed):
        review.erase_selected()
        review.confirm_button.click()
    assert not session.store.clients.exists(gone.id) and session.store.clients.exists(stays.id)
    assert _rows(review.due, 0) == ["Bleibt, Testa"]
    assert review.banner.text.text() == "1 client erased."


def test_review_places_and_lifts_a_legal_hold(qtbot, session, settings_store):
    client = _due_client(session, "Gesperrt")
    review = RetentionReview(session, settings_store)
    qtbot.addWidget(review)
    review.due.selectRow(0)
    dialog = review.hold_selected()
    assert not dialog.ok_button.isEnabled()
    dialog.reason.setText("Klage VG 3 K 12/24")
    dialog.until.set_value(TODAY + timedelta(days=200))
    dialog.ok_button.click()
    assert review.due.rowCount() == 0
    assert _rows(review.holds, 2) == ["Klage VG 3 K 12/24"]
    assert privacy.active_hold(session, client.id).reason == "Klage VG 3 K 12/24"
    review.holds.selectRow(0)
    review.lift_button.click()
    assert review.holds.rowCount() == 0 and _rows(review.due, 0) == ["Gesperrt, Testa"]


def test_start_page_tells_the_team_lead_and_opens_the_review(qtbot, session, settings_store):
    _due_client(session, "Faellig")
    expiring = factories.add_client(session, family_name="Bald")
    casework.save_consent(
        session,
        Consent(client_id=expiring.id, purpose="contact", given=TODAY, expires=TODAY + timedelta(days=9)),
    )
    window = MainWindow(session, settings_store, settings_store.load())
    qtbot.addWidget(window)
    window.show()
    notices = window.start_page.privacy
    qtbot.waitUntil(lambda: notices.notices is not None, timeout=10000)
    assert notices.review_line.isVisible() and notices.review_line.text().startswith("1 client is due")
    assert notices.expiring.isVisible() and notices.list.item(0).text().startswith("Bald, Testa: Contact")
    notices.review_button.click()
    review = window.privacy_menu.review
    assert review is not None and review.isVisible() and review.due.rowCount() == 1
    review.close()
    with qtbot.waitSignal(window.start_page.open_client_requested):
        notices.open_button.click()


def test_a_counsellor_gets_no_review_notice_and_no_review_action(qtbot, session, settings_store):
    _due_client(session, "Faellig")
    berta = _counsellor(session, "berta")
    window = MainWindow(berta, settings_store, settings_store.load())
    qtbot.addWidget(window)
    notices = window.start_page.privacy
    qtbot.waitUntil(lambda: notices.notices is not None, timeout=10000)
    assert notices.notices.due_for_review == 0 and notices.review_line.isHidden()
    assert not window.privacy_menu.review_action.isVisible() and window.privacy_menu.open_review() is None


def test_retention_months_per_service_and_fixed_by_it(qtbot, session, settings_store):
    panel = RetentionSettings(session, settings_store)
    qtbot.addWidget(panel)
    panel.months["jmd"].setValue(12)
    panel.months["jmd"].editingFinished.emit()
    assert privacy.policy_from_settings(session, settings_store).months("jmd") == 12
    assert panel.message.text() == "Retention saved."
    settings_store.machine_path.write_text(json.dumps({"retention_months": 60}), "utf-8")
    fixed = RetentionSettings(session, settings_store)
    qtbot.addWidget(fixed)
    assert not fixed.months["mbe"].isEnabled() and fixed.months["jmd"].value() == 60
    assert "60 months" in fixed.note.text() and fixed.note.property("role") == "notice"


def test_the_details_column_reads_in_the_users_language_while_the_log_stays_as_stored(qtbot, qapp, session):
    from dataclasses import replace

    from beratung_desktop.ui.language import LanguageSwitch

    client = factories.add_client(session, family_name="Detail")
    casework.save_client(session, replace(client, phone="0341 1234", notes="ruft abends an"))
    privacy.place_hold(session, client.id, "Gericht", until=date(2031, 5, 1))
    stored = {(e.action, e.record_type): e.detail for e in session.store.audit.recent(10)}
    assert stored[("update", "client")] == "phone,notes" and stored[("hold", "client")] == "placed until 2031-05-01"
    hashes = [e.hash for e in session.store.audit.recent(10)]

    switch = LanguageSwitch(qapp)
    try:
        switch.switch("de")
        viewer = AuditViewer(session)
        qtbot.addWidget(viewer)
        viewer.show()
        qtbot.waitUntil(lambda: not viewer.checking, timeout=10000)
        details = _rows(viewer.table, 5)
        assert "Telefonnummer, Notizen" in details
        assert "gesetzt bis 01.05.2031" in details
        assert "das gesamte Protokoll" in details  # the viewer's own entry
        assert viewer.chain.intact
        switch.switch("ar")
        assert "أُضيف" not in "".join(_rows(viewer.table, 5))
        assert any(text.startswith("وُضع حتى") for text in _rows(viewer.table, 5))
    finally:
        switch.switch("en")
    assert "Phone number, Notes" in _rows(viewer.table, 5)
    # What is stored is unchanged, byte for byte, and the chain still holds.
    assert [e.hash for e in session.store.audit.recent(11)][1:] == hashes
    assert {(e.action, e.record_type): e.detail for e in session.store.audit.recent(10)}[("update", "client")] == (
        "phone,notes"
    )
