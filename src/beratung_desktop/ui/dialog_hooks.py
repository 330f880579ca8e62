"""Where the form dialogs of the other UI branch plug in (looked up by module path at use time).

The shell works without them: a missing dialog gives a short notice instead of an action. Convention:
`Dialog(session, ..., parent=None)`, pages are QWidgets taking `session` with `refresh()`/`retranslate()`.
"""

from __future__ import annotations

import importlib

from ..i18n import _
from .qt import QtWidgets


def optional_class(module: str, name: str) -> type | None:
    try:
        return getattr(importlib.import_module(f"beratung_desktop.ui.{module}"), name)
    except (ImportError, AttributeError):
        return None


def not_available(parent: QtWidgets.QWidget) -> None:
    QtWidgets.QMessageBox.information(parent, _("Not available"),
                                      _("This form is not part of this build yet."))
