"""The active gettext catalogue.

A source checkout compiles the `.po` files in memory when loaded, so no `.mo` is kept there; the
Windows installer ships compiled `.mo` files only (installer/build.py), which load without Babel's parser.
"""

from __future__ import annotations

import gettext
import io
import locale
import os
from functools import cache
from pathlib import Path

SOURCE_LANGUAGE = "en"
# The interface languages, in the order the language picker and the layout tests go through them. The one
# place a new interface language is added (with its catalogue in translations/<code>/LC_MESSAGES).
INTERFACE_LANGUAGES = ("de", "en", "ar", "fa", "uk", "ru", "tr")
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "ckb"})

_active: gettext.NullTranslations = gettext.NullTranslations()
_active_language = SOURCE_LANGUAGE


def translations_dir() -> Path:
    packaged = Path(__file__).resolve().parent.parent / "translations"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "translations"


def available_languages() -> list[str]:
    """The interface languages whose catalogue is shipped (a printout-only catalogue is no interface)."""
    found = {p.parent.parent.name for p in translations_dir().glob("*/LC_MESSAGES/messages.[mp]o")}
    return sorted((found & set(INTERFACE_LANGUAGES)) | {SOURCE_LANGUAGE})


@cache
def load_catalogue(language: str) -> gettext.NullTranslations:
    po_path = translations_dir() / language / "LC_MESSAGES" / "messages.po"
    mo_path = po_path.with_suffix(".mo")
    if language == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    if not po_path.is_file():
        if mo_path.is_file():
            with mo_path.open("rb") as f:
                return gettext.GNUTranslations(f)
        return gettext.NullTranslations()
    # Babel's parser loads only here (a source checkout): an installed app reads the compiled .mo.
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_path.open("rb") as f:
        catalog = read_po(f, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def system_language() -> str:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return value.split(":")[0].split(".")[0].split("_")[0].lower()
    try:
        code = locale.getlocale()[0] or ""
    except ValueError:
        code = ""
    return code.split("_")[0].lower() or SOURCE_LANGUAGE


def resolve_language(requested: str | None) -> str:
    """German for German locales, English where no catalogue fits."""
    language = (requested or system_language()).replace("-", "_").split("_")[0].lower()
    return language if language in available_languages() else SOURCE_LANGUAGE


def set_language(requested: str | None) -> str:
    global _active, _active_language
    _active_language = resolve_language(requested)
    _active = load_catalogue(_active_language)
    return _active_language


def current_language() -> str:
    return _active_language


def is_rtl(language: str | None = None) -> bool:
    return (language or _active_language) in RTL_LANGUAGES


def _(message: str) -> str:
    return _active.gettext(message)


def translator_for(language: str | None) -> gettext.NullTranslations:
    """The catalogue of another language (for bilingual documents), leaving the active one alone.

    Without a catalogue for the language, messages stay in English (the source language).
    """
    code = (language or SOURCE_LANGUAGE).replace("-", "_").split("_")[0].lower()
    return load_catalogue(code) if code in available_languages() else gettext.NullTranslations()


def has_catalogue(language: str | None) -> bool:
    code = (language or "").replace("-", "_").split("_")[0].lower()
    return code == SOURCE_LANGUAGE or code in available_languages()


def ngettext(singular: str, plural: str, n: int) -> str:
    return _active.ngettext(singular, plural, n)
