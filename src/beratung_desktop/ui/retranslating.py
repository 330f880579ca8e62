"""Widgets that show translated text re-render it when the language changes at runtime."""

from __future__ import annotations

from .qt import QtCore


class Retranslating:
    """Mixin, listed before the Qt base class: a LanguageChange event calls the widget's `retranslate()`."""

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QtCore.QEvent) -> None:
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]
