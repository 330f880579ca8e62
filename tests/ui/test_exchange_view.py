"""The office's export page with real Qt widgets, an enrolled store and a real organisation import."""

from __future__ import annotations

from pathlib import Path

from beratung_desktop.config import Settings
from beratung_desktop.services import organisation
from beratung_desktop.ui.exchange_view import ExchangeView
from tests import factories
from tests.exchange.conftest import World


def _view(qtbot, world: World, folder: Path) -> ExchangeView:
    view = ExchangeView(world.office, Settings(export_dir=str(folder)))
    qtbot.addWidget(view)
    return view


def test_export_button_writes_package_and_receipt_shows_delivery(qtbot, world: World):
    factories.add_client(world.office)
    view = _view(qtbot, world, world.outbox)
    assert view.export_button.isEnabled()
    assert "never" in view.delivered_label.text()
    assert view.reminder_label.text()  # never exported: due
    with qtbot.waitSignal(view.export_done, timeout=20000):
        qtbot.mouseClick(view.export_button, organisation_button())
    assert len(list(world.outbox.glob("*.bdx"))) == 1
    assert "Export 1 written" in view.message_label.text()
    assert "never" not in view.status_label.text()
    assert view.reminder_label.text() == ""
    [outcome] = world.import_()
    view.import_receipt(outcome.receipt_path)
    assert "delivered on" in view.message_label.text()
    assert "never" not in view.delivered_label.text()


def test_export_to_missing_folder_shows_message(qtbot, world: World):
    view = _view(qtbot, world, world.tmp / "no-stick")
    with qtbot.waitSignal(view.export_failed, timeout=20000) as blocker:
        view.start_export()
    assert "does not exist" in blocker.args[0]
    assert view.export_button.isEnabled()


def test_not_enrolled_disables_export(qtbot, session):
    view = ExchangeView(session, Settings())
    qtbot.addWidget(view)
    assert not view.export_button.isEnabled()
    assert "not enrolled" in view.status_label.text()


def test_bad_receipt_message(qtbot, world: World):
    view = _view(qtbot, world, world.outbox)
    bad = world.tmp / "x.bdreceipt"
    bad.write_text("{}", "utf-8")
    view.import_receipt(bad)
    assert "not a valid receipt" in view.message_label.text()
    assert organisation.overview(world.org).devices[0].packages == 0


def organisation_button():
    from beratung_desktop.ui.qt import Qt

    return Qt.MouseButton.LeftButton


def test_organisation_view_imports_and_lists_offices(qtbot, world: World):
    from beratung_desktop.ui.organisation_view import OrganisationView

    factories.add_client(world.office)
    world.export()
    view = OrganisationView(world.org)
    qtbot.addWidget(view)
    assert view.table.rowCount() == 1 and view.table.item(0, 2).text() == "0"
    (world.outbox / "junk.bdx").write_bytes(b"junk")
    with qtbot.waitSignal(view.imported) as blocker:
        view.import_from(world.outbox)
    statuses = sorted(o.status for o in blocker.args[0])
    assert statuses == ["imported", "refused"]
    assert "imported, " in view.results.toPlainText() and "not an export package" in view.results.toPlainText()
    assert view.table.item(0, 0).text() == "Office A" and view.table.item(0, 2).text() == "1"


def test_export_and_organisation_pages_follow_a_language_switch(qtbot, qapp, world: World, monkeypatch):
    from beratung_desktop.i18n import _
    from beratung_desktop.services import exchange
    from beratung_desktop.ui.language import LanguageSwitch
    from beratung_desktop.ui.organisation_view import OrganisationView
    from beratung_desktop.ui.qt import Qt

    world.export()
    office = _view(qtbot, world, world.outbox)
    org = OrganisationView(world.org)
    qtbot.addWidget(org)
    english = (office.export_button.text(), org.import_button.text(), org.table.horizontalHeaderItem(0).text())

    def no_reading(*args, **kwargs):
        raise AssertionError("a language switch must re-render, not read the store")

    monkeypatch.setattr(exchange, "status", no_reading)
    monkeypatch.setattr(organisation, "overview", no_reading)
    switch = LanguageSwitch(qapp)
    try:
        for language, direction in (("de", Qt.LayoutDirection.LeftToRight), ("ar", Qt.LayoutDirection.RightToLeft)):
            switch.switch(language)
            shown = (office.export_button.text(), org.import_button.text(), org.table.horizontalHeaderItem(0).text())
            assert shown == (_("Export now"), _("Import packages…"), _("Office")) and shown != english
            assert office.layoutDirection() == direction and org.layoutDirection() == direction
            assert office.status_label.text() and org.summary_label.text()
        switch.switch("en")
        assert (office.export_button.text(), org.import_button.text()) == english[:2]
        assert office.layoutDirection() == Qt.LayoutDirection.LeftToRight
    finally:
        switch.switch("en")
