"""Users inside the app: a team lead adds, resets and removes colleagues on the settings page; a first
password must be replaced at the first sign-in; "Forgot password?" recovers with the recovery key.
Real widgets, real key slots (TEST_KDF only makes Argon2 cheap)."""

from __future__ import annotations

import pytest

from beratung_desktop.app import DesktopApp
from beratung_desktop.services import accounts
from beratung_desktop.storage.errors import WrongPassword, WrongRecoveryKey
from beratung_desktop.storage.keyslots import TEST_KDF
from beratung_desktop.storage.store import Store
from beratung_desktop.ui.main_window import MainWindow
from beratung_desktop.ui.users_panel import UsersPanel
from tests.conftest import PASSWORD
from tests.ui.conftest import flush_deleted

FIRST = "welcome to the office 7"
OWN = "my own quiet garden path"
RECOVERED = "a key from the locked drawer"


def _sign_in(qtbot, app: DesktopApp, user: str, password: str) -> None:
    screen = app.unlock_screen
    assert screen is not None and screen.isVisible()
    qtbot.waitUntil(screen.button.isEnabled, timeout=5000)  # the wait after a wrong password
    screen.user.setCurrentText(user)
    assert screen.user.currentText() == user
    screen.password.setText(password)
    screen.button.click()
    qtbot.waitUntil(lambda: not screen.waiting, timeout=10000)


def test_colleague_added_in_settings_must_choose_a_password_then_recovers_from_the_unlock_screen(
    qtbot, started, new_store, data_dir
):
    session, recovery_key = new_store
    session.close()
    app = started("--data-dir", str(data_dir), "--lang", "en")
    _sign_in(qtbot, app, "anna", PASSWORD)
    qtbot.waitUntil(lambda: app.main_window is not None, timeout=10000)

    # The team lead adds Jürgen on the settings page: the login is suggested from the full name.
    app.main_window.show_page("settings")
    panel = app.main_window.users_panel
    assert panel.table.isVisibleTo(panel) and panel.add_button.isVisibleTo(panel)
    dialog = panel.add_colleague()
    # (QTest cannot type an umlaut offscreen: the edit reports the text as typed.)
    dialog.display.setText("Jürgen Weiß")
    dialog.display.textEdited.emit("Jürgen Weiß")
    assert dialog.login.text() == "juergen"
    dialog.role.setCurrentIndex(dialog.role.findData("counsellor"))
    dialog.fields.password.setText(FIRST)
    assert not dialog.ok_button.isEnabled(), "the first password must be typed twice"
    dialog.fields.repeat.setText(FIRST + "x")
    assert dialog.fields.mismatch.isVisibleTo(dialog) and not dialog.ok_button.isEnabled()
    dialog.fields.repeat.setText(FIRST)
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    row = next(c for c in panel.colleagues if c.user.name == "juergen")
    assert row.must_change_password and row.user.display_name == "Jürgen Weiß" and row.user.role == "counsellor"
    texts = [panel.table.item(r, 3).text() for r in range(panel.table.rowCount())]
    assert "Has not chosen a password yet" in texts

    # Sign out: the unlock screen now lists the colleague.
    app.main_window.sign_out_action.trigger()
    assert app.session is None and app.main_window is None
    assert "juergen" in [app.unlock_screen.user.itemText(i) for i in range(app.unlock_screen.user.count())]

    # First sign-in: the forced change comes before the main window.
    _sign_in(qtbot, app, "juergen", FIRST)
    qtbot.waitUntil(lambda: app.password_change is not None, timeout=10000)
    forced = app.password_change
    assert forced.forced and app.main_window is None and not forced.current_box.isVisibleTo(forced)
    forced.fields.password.setText(FIRST)
    forced.fields.repeat.setText(FIRST)
    forced.ok_button.click()
    qtbot.waitUntil(lambda: not forced.waiting, timeout=10000)
    assert forced.isVisible() and forced.fields.error.isVisibleTo(forced), "the first password cannot be kept"
    assert "different" in forced.fields.error.text()
    forced.fields.password.setText(OWN)
    forced.fields.repeat.setText(OWN)
    forced.ok_button.click()
    qtbot.waitUntil(lambda: app.main_window is not None, timeout=10000)
    assert app.session.user.name == "juergen"
    assert not accounts.password_change_required(app.session)
    # A counsellor's window has no team-lead pages or actions.
    assert "reports" not in app.main_window.page_keys
    app.main_window.show_page("settings")
    own_panel = app.main_window.users_panel
    assert not own_panel.table.isVisibleTo(own_panel) and not own_panel.add_button.isVisibleTo(own_panel)
    assert own_panel.own_button.isVisibleTo(own_panel)

    # The first password no longer opens anything; the own one does, without another forced change.
    app.main_window.sign_out_action.trigger()
    _sign_in(qtbot, app, "juergen", FIRST)
    assert app.main_window is None and app.unlock_screen.error.isVisible()
    _sign_in(qtbot, app, "juergen", OWN)
    qtbot.waitUntil(lambda: app.main_window is not None, timeout=10000)
    assert app.password_change is None and app.session.user.name == "juergen"

    # Forgotten after all: recovery from the unlock screen with the printed recovery key.
    app.main_window.sign_out_action.trigger()
    screen = app.unlock_screen
    screen.user.setCurrentText("juergen")
    recovery = screen.open_recovery()
    assert recovery.user.currentText() == "juergen"
    recovery.key.setText(recovery_key.lower().replace("-", " "))
    recovery.password.setText(RECOVERED)
    recovery.repeat.setText(RECOVERED)
    recovery.ok_button.click()
    qtbot.waitUntil(lambda: app.main_window is not None, timeout=10000)
    assert app.session.user.name == "juergen" and app.password_change is None
    app.main_window.sign_out_action.trigger()
    accounts.unlock(data_dir, "juergen", RECOVERED, kdf=TEST_KDF).close()
    for old in (FIRST, OWN):
        with pytest.raises(WrongPassword):
            accounts.unlock(data_dir, "juergen", old, kdf=TEST_KDF)


def test_reset_password_gives_a_new_first_password_that_must_be_replaced(qtbot, session):
    accounts.add_user(session, "berta", "counsellor", "berta's own password", kdf=TEST_KDF)
    panel = UsersPanel(session, kdf=TEST_KDF)
    qtbot.addWidget(panel)
    panel.select("anna")
    assert not panel.reset_button.isEnabled() and not panel.remove_button.isEnabled(), "not on oneself"
    panel.select("berta")
    assert panel.reset_button.isEnabled()
    dialog = panel.reset_selected()
    dialog.fields.password.setText("berta")
    dialog.fields.repeat.setText("berta")
    assert not dialog.ok_button.isEnabled()
    dialog.fields.password.setText("a new start for berta")
    dialog.fields.repeat.setText("a new start for berta")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    assert next(c for c in panel.colleagues if c.user.name == "berta").must_change_password
    folder = session.store.folder
    berta = accounts.unlock(folder, "berta", "a new start for berta", kdf=TEST_KDF)
    assert accounts.password_change_required(berta)
    berta.close()
    with pytest.raises(WrongPassword):
        accounts.unlock(folder, "berta", "berta's own password", kdf=TEST_KDF)


def test_removing_a_colleague_shows_a_new_recovery_key_that_opens_the_data(qtbot, new_store, qapp, tmp_path):
    session, old_key = new_store
    accounts.add_user(session, "berta", "counsellor", "berta's own password", kdf=TEST_KDF)
    panel = UsersPanel(session, kdf=TEST_KDF)
    qtbot.addWidget(panel)
    panel.select("berta")
    box = panel.remove_selected()
    assert "berta" in box.text() and "new recovery key" in box.informativeText()
    panel.remove_confirm_button.click()
    qtbot.waitUntil(lambda: panel.key_dialog is not None, timeout=20000)
    key_dialog = panel.key_dialog
    new_key = key_dialog.recovery_key
    assert new_key != old_key and key_dialog.key.text() == new_key
    assert "berta" not in [c.user.name for c in panel.colleagues]
    # The key cannot be closed away before it is kept.
    assert not key_dialog.close_button.isEnabled()
    key_dialog.reject()
    assert key_dialog.isVisible()
    key_dialog.write_key(tmp_path / "key.txt")
    assert new_key in (tmp_path / "key.txt").read_text("utf-8")
    assert new_key.split("-")[0] in key_dialog_sheet_text(key_dialog)
    key_dialog.kept.setChecked(True)
    key_dialog.close_button.click()
    assert not key_dialog.isVisible()
    folder = session.store.folder
    panel.deleteLater()
    flush_deleted()
    session.close()
    Store.unlock_with_recovery_key(folder, new_key).close()
    with pytest.raises(WrongRecoveryKey):
        Store.unlock_with_recovery_key(folder, old_key)
    with pytest.raises(WrongPassword):
        accounts.unlock(folder, "berta", "berta's own password", kdf=TEST_KDF)
    accounts.unlock(folder, "anna", PASSWORD, kdf=TEST_KDF).close()


def key_dialog_sheet_text(dialog) -> str:
    from beratung_desktop.ui.recovery_key_sheet import key_sheet

    return key_sheet(dialog.recovery_key, dialog.office, dialog.folder).toPlainText()


def test_a_counsellor_sees_no_team_lead_actions(qtbot, session, settings_store):
    accounts.add_user(session, "carla", "counsellor", "carla's own password", kdf=TEST_KDF)
    carla = accounts.unlock(session.store.folder, "carla", "carla's own password", kdf=TEST_KDF)
    window = MainWindow(carla, settings_store, settings_store.load(), kdf=TEST_KDF)
    try:
        assert "reports" not in window.page_keys
        assert not window.restore_action.isVisible()
        window.show_page("settings")
        page, panel = window.settings_page, window.users_panel
        for button in (panel.add_button, panel.reset_button, panel.remove_button):
            assert not button.isVisibleTo(panel)
        assert not panel.table.isVisibleTo(panel)
        for name in ("data_dir", "backup_dir", "export_dir"):
            assert not page.folders[name].isVisibleTo(page)
        assert not window.client_page.privacy.erase_action.isVisible(), "erasure is for team leads"
        assert not window.privacy_menu.review_action.isVisible(), "so is the retention review"
        from beratung_desktop.ui.privacy.retention_settings import RetentionSettings

        assert not page.findChildren(RetentionSettings), "and the retention settings"
    finally:
        window.close()
        window.deleteLater()
        flush_deleted()
        carla.close()


def test_a_counsellor_opens_on_their_caseload_and_a_team_lead_filters_by_colleague(qtbot, session):
    from beratung_desktop.ui.clients.list_view import ClientListView
    from tests.factories import add_case, add_client

    accounts.add_user(session, "carla", "counsellor", "carla's own password", kdf=TEST_KDF)
    carla = accounts.unlock(session.store.folder, "carla", "carla's own password", kdf=TEST_KDF)
    mine = add_client(carla, given_name="Mina", family_name="Mine")
    add_case(carla, mine)
    theirs = add_client(session, given_name="Tom", family_name="Theirs")
    add_case(session, theirs)
    try:
        view = ClientListView(carla)
        qtbot.addWidget(view)
        ids = lambda: [view.model.client_id(r) for r in range(view.model.rowCount())]  # noqa: E731
        assert ids() == [mine.id]
        assert view.counsellor.currentText() == "My caseload"
        assert [view.counsellor.itemText(i) for i in range(view.counsellor.count())] == [
            "My caseload",
            "All clients of the office",
        ]
        view.counsellor.setCurrentIndex(view.counsellor.findData(""))
        assert set(ids()) == {mine.id, theirs.id}
        view.deleteLater()

        lead = ClientListView(session)
        qtbot.addWidget(lead)
        lead_ids = lambda: [lead.model.client_id(r) for r in range(lead.model.rowCount())]  # noqa: E731
        assert lead.counsellor.currentText() == "All clients of the office" and set(lead_ids()) == {mine.id, theirs.id}
        lead.counsellor.setCurrentIndex(lead.counsellor.findData(carla.user.id))
        assert lead.counsellor.currentText() == "Caseload of carla" and lead_ids() == [mine.id]
        lead.counsellor.setCurrentIndex(lead.counsellor.findData(session.user.id))
        assert lead.counsellor.currentText() == "My caseload" and lead_ids() == [theirs.id]
    finally:
        flush_deleted()
        carla.close()


def test_users_section_selects_and_retranslates_right_to_left(qtbot, session):
    from beratung_desktop.ui.language import LanguageSwitch
    from beratung_desktop.ui.qt import QtWidgets

    accounts.add_user(session, "berta", "counsellor", FIRST, kdf=TEST_KDF, must_change=True)
    switch = LanguageSwitch(QtWidgets.QApplication.instance())
    try:
        switch.switch("ar")
        panel = UsersPanel(session, kdf=TEST_KDF)
        qtbot.addWidget(panel)
        panel.resize(760, 300)
        panel.show()
        panel.select("berta")
        assert panel.selected() is not None and panel.selected().user.name == "berta"
        assert panel.reset_button.isEnabled()
        switch.switch("de")
        qtbot.waitUntil(lambda: panel.title.text() == "Benutzer*innen", timeout=2000)
        assert panel.selected().user.name == "berta", "a language change keeps the selection"
        assert panel.table.item(1, 3).text() == "Hat noch kein eigenes Passwort"
    finally:
        switch.switch("en")
