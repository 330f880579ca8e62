"""The client page shows the client's file and records who opened it."""

from __future__ import annotations

from datetime import datetime

from beratung_desktop.ui.clients.client_page import ClientPage
from tests import factories


def test_client_page_shows_data_and_audit_trail(qtbot, session):
    client = factories.add_client(
        session,
        given_name="Amal",
        family_name="Haddad",
        given_name_original="أمل",
        family_name_original="حداد",
        phone="0151 000",
    )
    case = factories.add_case(session, client, service="mbe")
    factories.add_consultation(session, case, start=datetime(2024, 3, 5, 10, 0), topics=["housing"])
    page = ClientPage(session)
    qtbot.addWidget(page)
    page.show()
    page.show_client(client.id)
    assert "Haddad, Amal" in page.title.text() and "حداد" in page.title.text()
    assert client.client_number in page.subtitle.text()
    assert "0151 000" in page.personal.text()
    assert page.cases.rowCount() == 1 and "MBE" in page.cases.item(0, 0).text()
    assert page.consultations.rowCount() == 1 and page.consultations.item(0, 3).text() == "Housing"
    actions = [page.audit.item(r, 2).text() for r in range(page.audit.rowCount())]
    assert actions[0] == "opened" and "created" in actions
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())][-1] == "Audit trail"


def test_the_page_shown_again_after_a_save_writes_no_second_view(qtbot, session):
    client = factories.add_client(session)
    page = ClientPage(session)
    qtbot.addWidget(page)
    page.show_client(client.id)
    page.reload()  # what the page does after a dialog saved a change
    assert [e.action for e in session.store.audit.for_record(client.id)].count("view") == 1
