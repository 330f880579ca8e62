"""Dates, numbers, countries and languages formatted by Babel (CLDR) for the active language."""

from __future__ import annotations

import re
from datetime import date, datetime

from babel import Locale
from babel.core import UnknownLocaleError
from babel.dates import format_date as babel_format_date
from babel.dates import format_datetime as babel_format_datetime
from babel.numbers import format_decimal

from .translation import CATALOGUE_OF, _, current_language, is_rtl

LRI, PDI = "\u2066", "\u2069"  # left-to-right isolate and its end
RLM, LRM = "\u200f", "\u200e"

# Client languages CLDR lists only as a regional locale, recorded under their ISO 639-3 code.
EXTRA_LANGUAGES = {"prs": "fa_AF"}
# CLDR's "ku" is Kurmanji (its locale is Latin-script Kurmanji; Sorani is "ckb"): said in the name, in
# Kurmanji, so nobody records a Sorani speaker under it.
QUALIFIERS = {"ku": "Kurmancî"}


def _named(code: str, name: str) -> str:
    return f"{name} ({QUALIFIERS[code]})" if code in QUALIFIERS else name


def _locale(language: str | None = None) -> Locale:
    code = language or current_language()
    try:
        return Locale.parse(CATALOGUE_OF.get(code.replace("-", "_").lower(), code))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def format_date(day: date | None, fmt: str = "medium", language: str | None = None) -> str:
    return babel_format_date(day, format=fmt, locale=_locale(language)) if day else ""


def format_datetime(moment: datetime | None, fmt: str = "short", language: str | None = None) -> str:
    return babel_format_datetime(moment, format=fmt, locale=_locale(language)) if moment else ""


def left_to_right(text: str) -> str:
    """A client number, phone number, date or time kept in its own order inside right-to-left text.

    Without the isolate, "2026-00555" shows as "00555-2026" in an Arabic or Persian line. Only the
    interface wraps: PDFs shape their text themselves.
    """
    if not text or not is_rtl():
        return text
    # CLDR's Arabic dates carry right-to-left marks between their parts ("5\u200f/10\u200f/2026"); inside
    # the isolate they would reorder the parts again.
    return f"{LRI}{text.replace(RLM, '').replace(LRM, '')}{PDI}"


def one_full_stop(sentence: str) -> str:
    """A sentence ending in an abbreviated date ("2026 р.") keeps one full stop, not two."""
    return re.sub(r"(?<!\.)\.\.(?!\.)", ".", sentence)


def format_number(value: float, language: str | None = None) -> str:
    return format_decimal(value, locale=_locale(language))


def country_name(code: str, language: str | None = None) -> str:
    if not code:
        return ""
    if code == "XX":
        return _("Stateless")
    return _locale(language).territories.get(code, code)


def language_name(code: str, language: str | None = None) -> str:
    if not code:
        return ""
    names = _locale(language).languages
    return _named(code, names.get(code) or names.get(EXTRA_LANGUAGES.get(code, ""), code))


def countries(language: str | None = None) -> list[tuple[str, str]]:
    """(ISO code, name) of all countries, sorted by name in the active language."""
    territories = _locale(language).territories
    items = [
        (c, n)
        for c, n in territories.items()
        if len(c) == 2 and c.isalpha() and c not in ("ZZ", "EU", "UN", "EZ", "QO")
    ]
    return sorted(items, key=lambda item: item[1].casefold())


def languages(language: str | None = None) -> list[tuple[str, str]]:
    names = _locale(language).languages
    items = [(c, _named(c, n)) for c, n in names.items() if "_" not in c and len(c) <= 3]
    items += [(code, names[cldr]) for code, cldr in EXTRA_LANGUAGES.items() if cldr in names]
    return sorted(items, key=lambda item: item[1].casefold())
