"""Pseudo-localisation lengthens every interface text and leaves placeholders and mnemonics usable."""

from __future__ import annotations

import pytest

from beratung_desktop.i18n import _, ngettext, set_language
from beratung_desktop.i18n.translation import pseudo_stretch_from_environment, set_pseudo_stretch, stretched


@pytest.fixture
def pseudo():
    set_pseudo_stretch(0.4)
    yield
    set_pseudo_stretch(0)


def test_texts_grow_by_the_share_on_top_of_the_real_language(pseudo):
    set_language("de")
    text = _("Settings")
    assert text.startswith("Einstellungen") and len(text) == round(len("Einstellungen") * 1.4)
    assert ngettext("{pages} page", "{pages} pages", 2).format(pages=2).startswith("2 ")


def test_placeholders_markup_and_lines_survive():
    text = stretched("Hello, {name}.\n<b>Today</b> &Save", 0.4)
    assert text.format(name="Anna").startswith("Hello, Anna.")
    _first, second = text.split("\n")
    assert second.startswith("<b>Today</b> &Save") and len(second) > len("<b>Today</b> &Save")
    assert stretched("", 0.4) == "" and stretched("12:30", 0.4) == "12:30"


def test_off_by_default_and_from_the_environment(monkeypatch):
    assert _("Settings") == "Settings"
    monkeypatch.setenv("BERATUNG_PSEUDO_STRETCH", "0.5")
    pseudo_stretch_from_environment()
    try:
        assert _("Settings") == "Settingssett"
    finally:
        set_pseudo_stretch(0)
    monkeypatch.setenv("BERATUNG_PSEUDO_STRETCH", "lots")
    pseudo_stretch_from_environment()
    assert _("Settings") == "Settings"


def test_numbers_and_dates_keep_their_order_in_right_to_left_text():
    from datetime import date

    from beratung_desktop.i18n.formatting import format_date, left_to_right, one_full_stop

    assert left_to_right("2026-00555") == "2026-00555"  # nothing added in left-to-right languages
    set_language("ar")
    try:
        wrapped = left_to_right(format_date(date(2026, 10, 5), "short"))
        assert wrapped.startswith("\u2066") and wrapped.endswith("\u2069")
        assert "\u200f" not in wrapped and "\u200e" not in wrapped
        assert left_to_right("") == ""
    finally:
        set_language("en")
    set_language("uk")
    try:
        sentence = one_full_stop("Сьогодні {date}.".format(date=format_date(date(2026, 11, 29), "full")))
        assert sentence.endswith("р.") and not sentence.endswith("..")
    finally:
        set_language("en")
