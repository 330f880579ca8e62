"""Switching the language at runtime: our gettext catalogue, Qt's own translations, layout direction.

Every widget of ours retranslates itself on QEvent.LanguageChange (see `retranslate()` methods), which
`switch()` sends to every top-level window; Qt passes it on to all children.
"""

from __future__ import annotations

from ..i18n import is_rtl, set_language
from .qt import QtCore, QtWidgets, Signal


class LanguageSwitch(QtCore.QObject):
    changed = Signal(str)

    def __init__(self, app: QtWidgets.QApplication):
        super().__init__(app)
        self._app = app
        self._qt_translators: list[QtCore.QTranslator] = []

    def switch(self, requested: str | None) -> str:
        language = set_language(requested)
        self._install_qt_translations(language)
        # Calendars, spin boxes and Qt's own date texts take the default locale when they are built.
        QtCore.QLocale.setDefault(QtCore.QLocale(language))
        self._app.setLayoutDirection(
            QtCore.Qt.LayoutDirection.RightToLeft if is_rtl(language) else QtCore.Qt.LayoutDirection.LeftToRight
        )
        locale = QtCore.QLocale(language)
        for window in self._app.topLevelWidgets():
            # Widgets built before the switch keep the locale they were built with (spin boxes, date
            # fields, calendars) unless told; the window passes it on to every child.
            window.setLocale(locale)
            QtCore.QCoreApplication.sendEvent(window, QtCore.QEvent(QtCore.QEvent.Type.LanguageChange))
        self.changed.emit(language)
        return language

    def _install_qt_translations(self, language: str) -> None:
        """Qt's own texts (standard buttons, dialogs) from the catalogues shipped with PySide6."""
        for translator in self._qt_translators:
            self._app.removeTranslator(translator)
        self._qt_translators.clear()
        folder = QtCore.QLibraryInfo.path(QtCore.QLibraryInfo.LibraryPath.TranslationsPath)
        for name in ("qtbase", "qt"):
            translator = QtCore.QTranslator(self)
            if translator.load(f"{name}_{language}", folder):
                self._app.installTranslator(translator)
                self._qt_translators.append(translator)
                break
