"""The client page's privacy actions on real widgets: consent chips, erasure, access export, and
printing for a partner only with the client's consent in effect."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import jsonschema

from beratung_desktop.domain.consents import Consent
from beratung_desktop.services import casework, privacy
from beratung_desktop.services.session import Session
from beratung_desktop.ui.clients.client_page import ClientPage
from beratung_desktop.ui.main_window import MainWindow
from beratung_desktop.ui.qt import QtWidgets
from tests import factories
from tests.services.test_erasure import _client_with_markers, _needles
from tests.storage.plaintext_pages import occurrences
from tests.storage.raw_access import database_file

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "docs" / "access-export.schema.json").read_text("utf-8"))


def _window(qtbot, session, settings_store) -> MainWindow:
    window = MainWindow(session, settings_store, settings_store.load())
    qtbot.addWidget(window)
    window.show()
    return window


def _page(qtbot, session, client_id: str) -> ClientPage:
    page = ClientPage(session)
    qtbot.addWidget(page)
    page.show()
    page.show_client(client_id)
    return page


def test_erase_from_the_client_page_leaves_no_trace(qtbot, session, settings_store):
    client, _case = _client_with_markers(session)
    other = factories.add_client(session, given_name="Bleibt", family_name="Hier")
    window = _window(qtbot, session, settings_store)
    window.open_client(client.id)
    page = window.client_page
    assert page.privacy.erase_action.isVisible()

    dialog = page.privacy.erase()
    assert not dialog.erase_button.isEnabled()  # no reason, no name yet
    dialog.reason.set_code("client_request")
    qtbot.keyClicks(dialog.confirmation, "Someone Else")
    assert not dialog.erase_button.isEnabled()
    dialog.confirmation.clear()
    qtbot.keyClicks(dialog.confirmation, client.display_name)
    assert dialog.erase_button.isEnabled()
    dialog.erase_button.click()

    assert dialog.result() == QtWidgets.QDialog.DialogCode.Accepted
    assert window.clients.currentWidget() is window.client_list
    assert page.file is None
    listed = [window.client_list.model.client_id(r) for r in range(window.client_list.model.rowCount())]
    assert client.id not in listed and other.id in listed
    path, key = database_file(session.store)
    found = occurrences(path, key, _needles())
    assert not any(found.values()), {n: c for n, c in found.items() if c}
    assert session.store.audit.recent(1)[0].detail == "reason=client_request"


def test_a_legal_hold_disables_the_erasure_and_names_the_reason(qtbot, session):
    client = factories.add_client(session)
    privacy.place_hold(session, client.id, "Klageverfahren VG 3 K 12/24", until=date.today() + timedelta(days=90))
    page = _page(qtbot, session, client.id)
    dialog = page.privacy.erase()
    assert "Klageverfahren VG 3 K 12/24" in dialog.banner.text.text()
    dialog.confirmation.setText(client.display_name)
    assert not dialog.erase_button.isEnabled() and not dialog.confirmation.isEnabled()
    dialog.erase()
    assert session.store.clients.require(client.id).family_name == "Beispiel"


def test_a_counsellor_has_no_erase_action(qtbot, session):
    counsellor = session.store.users.by_name("anna")
    counsellor.role = "counsellor"
    client = factories.add_client(session)
    page = _page(qtbot, Session(session.store, counsellor), client.id)
    assert not page.privacy.erase_action.isVisible()
    assert page.privacy.export_action.isVisible()


def test_access_export_from_the_page_writes_pdf_and_json(qtbot, session, tmp_path, monkeypatch):
    client = factories.add_client(session, given_name="Amal", family_name="Haddad", languages=["ar"])
    factories.add_consultation(session, factories.add_case(session, client), notes="Wohnungssuche")
    folder = tmp_path / "copy"
    folder.mkdir()
    page = _page(qtbot, session, client.id)
    monkeypatch.setattr(QtWidgets.QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    page.privacy.export_action.trigger()
    run = page.privacy.export_run
    qtbot.waitUntil(lambda: not run.busy, timeout=30000)
    assert run.error == "" and run.result is not None
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted([run.result.pdf.name, run.result.json.name])
    assert run.result.pdf.read_bytes().startswith(b"%PDF-")
    jsonschema.validate(json.loads(run.result.json.read_text("utf-8")), SCHEMA)
    assert str(folder) in run.message.text()
    assert session.store.audit.recent(1)[0].action == "access_export"


def test_a_missing_folder_gives_a_message_and_writes_nothing(qtbot, session, tmp_path):
    client = factories.add_client(session)
    page = _page(qtbot, session, client.id)
    page.privacy.export_access(tmp_path / "gone")
    run = page.privacy.export_run
    qtbot.waitUntil(lambda: not run.busy, timeout=10000)
    assert "does not exist" in run.error and run.result is None
    assert not (tmp_path / "gone").exists()


def test_consent_chips_show_each_purpose_at_a_glance(qtbot, session):
    client = factories.add_client(session)
    today = date.today()
    for consent in (
        Consent(client_id=client.id, purpose="data_storage", given=today - timedelta(days=100)),
        Consent(client_id=client.id, purpose="statistics_export", given=today, expires=today + timedelta(days=10)),
        Consent(
            client_id=client.id,
            purpose="sharing",
            recipient="Jobcenter Nord",
            given=today - timedelta(days=50),
            withdrawn=today - timedelta(days=2),
        ),
    ):
        casework.save_consent(session, consent)
    page = _page(qtbot, session, client.id)
    states = {(s.purpose, s.recipient): s.state for s in page.privacy.chips.statuses}
    assert states == {
        ("data_storage", ""): "given",
        ("sharing", "Jobcenter Nord"): "withdrawn",
        ("statistics_export", ""): "expiring",
        ("contact", ""): "missing",
    }
    texts = [chip.text() for chip in page.privacy.chips.chips]
    assert texts[0] == "Storage: given" and texts[-1] == "Contact by phone/messenger: not recorded"
    assert any(t.startswith("Sharing with Jobcenter Nord: withdrawn on") for t in texts)


def test_printing_for_a_partner_needs_the_consent_in_effect(qtbot, session, monkeypatch):
    client = factories.add_client(session)
    factories.add_consultation(session, factories.add_case(session, client))
    today = date.today()
    casework.save_consent(
        session, Consent(client_id=client.id, purpose="sharing", recipient="Jobcenter Nord", given=today)
    )
    casework.save_consent(
        session,
        Consent(
            client_id=client.id,
            purpose="sharing",
            recipient="Ausländerbehörde",
            given=today - timedelta(days=30),
            withdrawn=today - timedelta(days=1),
        ),
    )
    warnings: list[str] = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text))
    page = _page(qtbot, session, client.id)
    page.record_for_menu.aboutToShow.emit()
    texts = [a.text() for a in page.record_for_menu.actions()]
    assert texts == ["Ausländerbehörde (no consent in effect)", "Jobcenter Nord"]

    page.record_for_menu.actions()[0].trigger()
    qtbot.waitUntil(lambda: not page.preview.busy, timeout=10000)
    assert page.preview.dialog is None
    assert len(warnings) == 1 and "Ausländerbehörde" in warnings[0] and "nothing was printed" in warnings[0]

    page.record_for_menu.actions()[1].trigger()
    qtbot.waitUntil(lambda: page.preview.dialog is not None, timeout=10000)
    assert session.store.audit.recent(1)[0].detail == "consultation record, de, for a partner"
    page.preview.dialog.close()
