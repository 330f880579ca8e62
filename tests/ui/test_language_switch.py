"""Switching the language at runtime changes the visible texts without a restart."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from beratung_desktop.i18n import translation
from beratung_desktop.ui.language import LanguageSwitch
from beratung_desktop.ui.main_window import MainWindow
from beratung_desktop.ui.qt import QtCore

PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: de\\n"

msgid "Clients"
msgstr "Klient*innen"

msgid "Settings"
msgstr "Einstellungen"

msgid "Name"
msgstr "Name"

msgid "Born"
msgstr "Geboren"

msgid "New client"
msgstr "Neue Klient*in"

msgid "Lock"
msgstr "Sperren"
"""


@pytest.fixture
def catalogues(tmp_path: Path, monkeypatch) -> Iterator[None]:
    folder = tmp_path / "translations"
    (folder / "de" / "LC_MESSAGES").mkdir(parents=True)
    (folder / "de" / "LC_MESSAGES" / "messages.po").write_text(PO, "utf-8")
    (folder / "ar" / "LC_MESSAGES").mkdir(parents=True)
    (folder / "ar" / "LC_MESSAGES" / "messages.po").write_text(PO.replace("Language: de", "Language: ar"), "utf-8")
    monkeypatch.setattr(translation, "translations_dir", lambda: folder)
    translation.load_catalogue.cache_clear()
    yield
    translation.load_catalogue.cache_clear()


def test_language_switch_changes_visible_texts(qtbot, qapp, session, catalogues, settings_store):
    store = settings_store
    window = MainWindow(session, store, store.load())
    qtbot.addWidget(window)
    window.show()
    switch = LanguageSwitch(qapp)
    window.language_requested.connect(switch.switch)
    assert window.navigation.item(1).text() == "Clients"

    settings = window.settings_page
    settings.language.setCurrentIndex(settings.language.findData("de"))

    assert window.navigation.item(1).text() == "Klient*innen"
    assert window.navigation.item(window.page_keys.index("settings")).text() == "Einstellungen"
    assert window.client_list.title.text() == "Klient*innen"
    assert window.client_list.new_button.text() == "Neue Klient*in"
    assert window.lock_action.text() == "Sperren"
    assert window.client_list.model.headerData(3, QtCore.Qt.Orientation.Horizontal) == "Geboren"
    assert store.load().language == "de", "the choice is remembered"
    # Qt's own texts (wizard and dialog buttons) come from the catalogues shipped with PySide6.
    assert QtCore.QCoreApplication.translate("QWizard", "&Next") == "&Weiter"

    settings.language.setCurrentIndex(settings.language.findData("ar"))
    assert qapp.layoutDirection() == QtCore.Qt.LayoutDirection.RightToLeft
    settings.language.setCurrentIndex(settings.language.findData("en"))
    assert window.navigation.item(1).text() == "Clients"
    assert qapp.layoutDirection() == QtCore.Qt.LayoutDirection.LeftToRight
    assert QtCore.QCoreApplication.translate("QWizard", "&Next") == "&Next"


@pytest.mark.parametrize(("language", "expected"), [("de", "German"), ("ar", "Arabic"), ("uk", "Ukrainian")])
def test_calendar_popups_follow_the_language(qapp, language, expected):
    from beratung_desktop.ui.qt import QtWidgets

    switch = LanguageSwitch(qapp)
    try:
        switch.switch(language)
        calendar = QtWidgets.QCalendarWidget()
        assert calendar.locale().language() == getattr(QtCore.QLocale.Language, expected)
        calendar.deleteLater()
    finally:
        switch.switch("en")
    assert QtWidgets.QCalendarWidget().locale().language() == QtCore.QLocale.Language.English


def test_turkish_brings_qts_own_turkish_texts_and_a_turkish_locale(qapp):
    """The real catalogue: our texts, Qt's standard buttons and the calendar all in Turkish."""
    from beratung_desktop.i18n import _
    from beratung_desktop.ui.qt import QtWidgets

    switch = LanguageSwitch(qapp)
    try:
        assert switch.switch("tr") == "tr"
        assert _("Clients") == "Danışanlar"
        assert qapp.layoutDirection() == QtCore.Qt.LayoutDirection.LeftToRight
        assert QtCore.QCoreApplication.translate("QPlatformTheme", "Cancel") == "İptal"
        assert QtCore.QCoreApplication.translate("QWizard", "&Next") != "&Next"
        calendar = QtWidgets.QCalendarWidget()
        assert calendar.locale().language() == QtCore.QLocale.Language.Turkish
        calendar.deleteLater()
    finally:
        switch.switch("en")
