"""The shipped catalogues: every interface language complete, every translation keeps its placeholders, all load."""

from __future__ import annotations

import re
import string

import pytest
from babel.messages.pofile import read_po

from beratung_desktop.i18n import _, set_language
from beratung_desktop.i18n.translation import INTERFACE_LANGUAGES, available_languages, translations_dir

PLACEHOLDER = string.Formatter()
LANGUAGES = [lang for lang in available_languages() if lang != "en"]


def _catalogue(language: str):
    with (translations_dir() / language / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return read_po(f, locale=language)


def _fields(text: str) -> set[str]:
    return {name for _literal, name, _spec, _conv in PLACEHOLDER.parse(text) if name is not None}


def _translated(message) -> bool:
    """Fuzzy entries count as missing: the app does not load them."""
    forms = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return all(forms) and not message.fuzzy


def _template_ids() -> set[str]:
    with (translations_dir() / "messages.pot").open("rb") as f:
        return {m.id for m in read_po(f) if m.id}


# Interface catalogues kept complete: every new message is translated into these before it lands.
COMPLETE = ("de", "tr", "ar", "fa", "uk", "ru")


@pytest.mark.parametrize("language", COMPLETE)
def test_complete_catalogues_translate_every_message_of_the_template(language):
    catalogue = _catalogue(language)
    translated = {m.id for m in catalogue if m.id and _translated(m)}
    missing = sorted(_template_ids() - translated)
    assert missing == [], (
        f"{len(missing)} {language} messages missing, e.g. {missing[:5]}; run scripts/update_translations.py "
        f"and translate the new entries in translations/{language}/LC_MESSAGES/messages.po"
    )


def test_every_interface_language_has_its_catalogue():
    assert available_languages() == sorted(INTERFACE_LANGUAGES)
    assert "tr" in INTERFACE_LANGUAGES


def test_every_interface_language_is_kept_complete():
    """A language in the picker shows no English texts: its catalogue is in COMPLETE."""
    assert sorted(COMPLETE) == sorted(lang for lang in INTERFACE_LANGUAGES if lang != "en")


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_their_placeholders(language):
    wrong = [
        m.id
        for m in _catalogue(language)
        if m.id and isinstance(m.string, str) and m.string and _fields(m.id) != _fields(m.string)
    ]
    wrong += [
        m.id[0]
        for m in _catalogue(language)
        if m.id and isinstance(m.string, tuple)
        for form in m.string
        if form and _fields(form) - _fields(m.id[1]) - _fields(m.id[0])
    ]
    assert wrong == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_loads_and_translates(language):
    assert set_language(language) == language
    assert _("Wrong user name or password. Check the keyboard layout and Caps Lock, then try again.") != (
        "Wrong user name or password. Check the keyboard layout and Caps Lock, then try again."
    )


def test_template_matches_the_source():
    """Every _() and N_() string in the source is in messages.pot (run scripts/update_translations.py)."""
    from pathlib import Path

    source = Path(__file__).resolve().parents[2] / "src"
    call = re.compile(r"""\b_?N?_\(\s*(["'])((?:\\.|(?!\1).)*)\1\s*\)""")
    found = {
        m.group(2) for p in source.rglob("*.py") for m in call.finditer(p.read_text("utf-8")) if "\\" not in m.group(2)
    }
    missing = sorted(found - _template_ids())
    assert missing == [], f"not extracted: {missing[:5]}"
