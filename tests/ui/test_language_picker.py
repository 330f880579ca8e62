"""The client's languages: the ones printouts exist in come first, the filter folds like the search."""

from __future__ import annotations

from beratung_desktop.i18n import set_language
from beratung_desktop.ui.clients.language_picker import LanguagePicker


def _visible(picker: LanguagePicker) -> list[str]:
    return [picker.list.item(i).text() for i in range(picker.list.count()) if not picker.list.item(i).isHidden()]


def test_the_filter_folds_turkish_dotted_capital_i(qtbot):
    set_language("tr")
    try:
        picker = LanguagePicker([])
        qtbot.addWidget(picker)
        picker.filter.setText("ingilizce")
        assert "İngilizce" in _visible(picker)
        picker.filter.setText("TURKCE")
        assert "Türkçe" in _visible(picker)
    finally:
        set_language("en")
