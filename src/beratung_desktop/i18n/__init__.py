"""Translations (gettext catalogues kept with Babel) and locale formatting, without Qt."""

from ..errors import N_
from .translation import _, available_languages, current_language, is_rtl, ngettext, set_language

__all__ = ["N_", "_", "available_languages", "current_language", "is_rtl", "ngettext", "set_language"]
