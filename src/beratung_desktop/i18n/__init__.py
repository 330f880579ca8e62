"""Translations (gettext catalogues kept with Babel) and locale formatting, without Qt."""

from ..errors import N_
from .translation import INTERFACE_LANGUAGES, _, available_languages, current_language, is_rtl, ngettext, set_language

__all__ = [
    "INTERFACE_LANGUAGES",
    "N_",
    "_",
    "available_languages",
    "current_language",
    "is_rtl",
    "ngettext",
    "set_language",
]
