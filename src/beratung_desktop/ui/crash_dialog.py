"""The calm message shown when something unexpected went wrong in the window."""

from __future__ import annotations

from pathlib import Path

from ..i18n import _
from .qt import Qt, QtWidgets


def show_crash_report(report_id: str, log_path: Path, parent: QtWidgets.QWidget | None = None) -> QtWidgets.QMessageBox:
    """Shows the report id and where the log is; does not block, so the window stays usable."""
    box = QtWidgets.QMessageBox(parent)
    box.setIcon(QtWidgets.QMessageBox.Icon.Warning)
    box.setWindowTitle(_("Beratung Desktop"))
    box.setText(
        _("Something unexpected went wrong. What was saved before is safe; the last step may not have been saved.")
    )
    box.setInformativeText(
        _(
            "Please check your last entry. If this happens again, tell IT the report number {report}. "
            "The log (without personal data) is in {path}."
        ).format(report=report_id, path=log_path)
    )
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setModal(False)
    box.show()
    return box
