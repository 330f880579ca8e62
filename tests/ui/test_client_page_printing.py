"""Printing from the client page: documents render off the window thread into the in-memory preview."""

from __future__ import annotations

from datetime import date, datetime

from beratung_desktop.domain.consents import Consent
from beratung_desktop.services import casework
from beratung_desktop.ui.clients.client_page import ClientPage
from beratung_desktop.ui.qt import Qt
from tests import factories


def _page(qtbot, session):
    client = factories.add_client(session, given_name="Amal", family_name="Haddad", languages=["ar"])
    case = factories.add_case(session, client, service="mbe")
    factories.add_consultation(session, case, start=datetime(2024, 3, 5, 10, 0), topics=["housing"])
    casework.save_consent(session, Consent(client_id=client.id, purpose="data_storage", given=date(2024, 3, 5)))
    page = ClientPage(session)
    qtbot.addWidget(page)
    page.show()
    page.show_client(client.id)
    return page, client, case


def _prints(session) -> list[tuple[str, str]]:
    return [(e.record_type, e.detail) for e in session.store.audit.recent() if e.action == "print"]


def test_agreement_opens_in_the_preview_and_is_audited(qtbot, session, tmp_path):
    page, _client, _case = _page(qtbot, session)
    files_before = set(tmp_path.rglob("*.pdf"))
    qtbot.mouseClick(page.print_agreement_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.preview.dialog is not None, timeout=10000)
    assert page.preview.dialog.page_count >= 1
    assert ("case", "agreement, de+ar") in _prints(session)
    # Rendered in memory: no PDF appeared anywhere under the test's folders.
    assert set(tmp_path.rglob("*.pdf")) == files_before
    page.preview.dialog.close()


def test_consultation_record_and_case_summary(qtbot, session):
    page, _client, _case = _page(qtbot, session)
    page.print_consultation_record()
    qtbot.waitUntil(lambda: page.preview.dialog is not None, timeout=10000)
    first = page.preview.dialog
    first.close()
    qtbot.waitUntil(lambda: not page.preview.busy, timeout=2000)
    page.print_case_summary()
    qtbot.waitUntil(lambda: page.preview.dialog is not first, timeout=10000)
    kinds = [detail.split(",")[0] for _type, detail in _prints(session)]
    assert "consultation record" in kinds and "case summary" in kinds


def test_consent_menu_offers_the_selected_consent_and_blank_forms(qtbot, session):
    page, _client, _case = _page(qtbot, session)
    page.consents.selectRow(0)
    page._fill_consent_menu()
    texts = [a.text() for a in page.consent_menu.actions() if a.text()]
    assert texts[0] == "Form of the selected consent" and len(texts) == 5
    page.consent_menu.actions()[0].trigger()
    qtbot.waitUntil(lambda: page.preview.dialog is not None, timeout=10000)
    assert ("client", "consent form data_storage, de+ar") in _prints(session)
