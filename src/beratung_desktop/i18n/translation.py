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
RTL_LANGUAGES = frozenset({"ar", "fa", "prs", "he", "ur", "ps", "ckb"})
# Client-language codes that name the same catalogue as another: Dari is recorded as ISO 639-3 "prs" (CLDR
# has no such code, its locale is fa_AF), Kurmanji as CLDR's "ku" (whose locale is Kurmanji) or "kmr".
CATALOGUE_OF = {"prs": "fa_AF", "fa_af": "fa_AF", "kmr": "ku"}
# Printout-only catalogues (translations/<code>/LC_MESSAGES/printouts.po): the texts of the printouts
# handed to clients, for client languages that are no interface language (translations/README.md).
PRINTOUTS = "printouts"

_active: gettext.NullTranslations = gettext.NullTranslations()
_active_language = SOURCE_LANGUAGE
# Pseudo-localisation: every interface text stretched by this share, on top of the real language, so
# layouts can be checked for the longer texts of future or revised translations (tests, screenshots).
PSEUDO_ENV = "BERATUNG_PSEUDO_STRETCH"
_stretch = 0.0


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
    code = (language or _active_language).replace("-", "_").lower()
    return code in RTL_LANGUAGES or base_language(code) in RTL_LANGUAGES


def set_pseudo_stretch(share: float) -> None:
    """Stretches every interface text by `share` (0.4 = 40 % longer); 0 turns pseudo-localisation off."""
    global _stretch
    _stretch = max(0.0, share)


def pseudo_stretch() -> float:
    return _stretch


def pseudo_stretch_from_environment() -> None:
    """`BERATUNG_PSEUDO_STRETCH=0.4` runs the app with every text 40 % longer (to check layouts by eye)."""
    try:
        set_pseudo_stretch(float(os.environ.get(PSEUDO_ENV, "0") or 0))
    except ValueError:
        set_pseudo_stretch(0)


def stretched(text: str, share: float) -> str:
    """The text with each line lengthened by `share`, padded with its own letters (same script, similar width).

    Placeholders, markup and mnemonics stay intact: the padding is only appended, and only letters are used.
    """
    lines = []
    for line in text.split("\n"):
        letters = [c for c in line if c.isalpha()]
        extra = round(len(line) * share)
        if letters and extra:
            pad = "".join(letters[i % len(letters)] for i in range(extra)).lower()
            line = f"{line}{pad}"
        lines.append(line)
    return "\n".join(lines)


def _(message: str) -> str:
    text = _active.gettext(message)
    return stretched(text, _stretch) if _stretch else text


def catalogue_code(language: str | None) -> str:
    """The catalogue a language code reads: "fa-AF", "fa_af" and "prs" -> "fa_AF", "kmr" -> "ku",
    "de_AT" -> "de" (a regional variant has its own catalogue only where the wording differs)."""
    code = (language or SOURCE_LANGUAGE).replace("-", "_").lower()
    return CATALOGUE_OF.get(code) or CATALOGUE_OF.get(code.split("_")[0]) or code.split("_")[0]


def base_language(language: str | None) -> str:
    return catalogue_code(language).split("_")[0]


def _printouts_po(code: str) -> Path:
    return translations_dir() / code / "LC_MESSAGES" / f"{PRINTOUTS}.po"


def printout_only_languages() -> list[str]:
    """Catalogue codes of the client languages printouts are made in without being interface languages."""
    found = {p.parent.parent.name for p in translations_dir().glob(f"*/LC_MESSAGES/{PRINTOUTS}.[mp]o")}
    return sorted(found - set(available_languages()))


def printout_languages() -> list[str]:
    """Every language a client-facing printout can carry beside German: interface and printout-only."""
    return sorted(set(available_languages()) | set(printout_only_languages()))


@cache
def load_printouts(code: str) -> gettext.NullTranslations:
    """A printout-only catalogue, falling back to the interface catalogue of its base language (Dari to
    Persian), then to English."""
    po_path = _printouts_po(code)
    mo_path = po_path.with_suffix(".mo")
    if po_path.is_file():
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        with po_path.open("rb") as f:
            catalog = read_po(f, locale=code)
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        buffer.seek(0)
        found: gettext.NullTranslations = gettext.GNUTranslations(buffer)
    elif mo_path.is_file():
        with mo_path.open("rb") as f:
            found = gettext.GNUTranslations(f)
    else:
        found = gettext.NullTranslations()
    base = code.split("_")[0]
    if base != code and base in available_languages():
        found.add_fallback(load_catalogue(base))
    return found


def translator_for(language: str | None) -> gettext.NullTranslations:
    """The catalogue of another language (for bilingual documents), leaving the active one alone.

    An interface catalogue, else a printout-only catalogue; without either, messages stay in English.
    """
    code = catalogue_code(language)
    if code in printout_only_languages():
        return load_printouts(code)
    base = code.split("_")[0]
    return load_catalogue(base) if base in available_languages() else gettext.NullTranslations()


def has_catalogue(language: str | None) -> bool:
    code = catalogue_code(language)
    return (
        code.split("_")[0] == SOURCE_LANGUAGE
        or code.split("_")[0] in available_languages()
        or (code in printout_only_languages())
    )


def ngettext(singular: str, plural: str, n: int) -> str:
    text = _active.ngettext(singular, plural, n)
    return stretched(text, _stretch) if _stretch else text
