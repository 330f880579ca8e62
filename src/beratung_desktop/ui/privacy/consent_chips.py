"""The client's consents at a glance: one chip per purpose (sharing: per recipient), coloured by state."""

from __future__ import annotations

from datetime import date

from ...domain.consents import Consent, ConsentStatus, consent_status
from ...i18n import N_, _
from ...i18n.formatting import format_date
from ..forms.flow_layout import FlowLayout
from ..qt import QtWidgets

RLM = "\u200f"
SHORT_PURPOSES = {
    "data_storage": N_("Storage"),
    "statistics_export": N_("Statistics"),
    "contact": N_("Contact by phone/messenger"),
}
# Background, border: green in effect, amber ending soon, red ended, grey nothing in effect yet.
COLOURS = {
    "given": ("#e3f1e6", "#8cc59a"),
    "expiring": ("#fff4d6", "#e6b94a"),
    "withdrawn": ("#fdecea", "#e6a19b"),
    "expired": ("#fdecea", "#e6a19b"),
    "pending": ("#eef0f1", "#c3cbcf"),
    "missing": ("#eef0f1", "#c3cbcf"),
}


def purpose_text(status: ConsentStatus) -> str:
    if status.purpose == "sharing":
        if not status.recipient:
            return _("Sharing")
        return _("Sharing with {recipient}").format(recipient=status.recipient)
    return _(SHORT_PURPOSES.get(status.purpose, status.purpose))


def state_text(status: ConsentStatus) -> str:
    # A left-to-right isolate keeps the date's digits in order inside right-to-left text; the Arabic
    # short date's own right-to-left marks would turn it around again inside the isolate.
    day = f"\u2066{format_date(status.day).replace(RLM, '')}\u2069" if status.day else ""
    texts = {
        "given": _("given until {date}").format(date=day) if day else _("given"),
        "expiring": _("expires on {date}").format(date=day),
        "withdrawn": _("withdrawn on {date}").format(date=day),
        "expired": _("expired on {date}").format(date=day),
        "pending": _("valid from {date}").format(date=day),
        "missing": _("not recorded"),
    }
    return texts[status.state]


def chip_text(status: ConsentStatus) -> str:
    return _("{purpose}: {state}").format(purpose=purpose_text(status), state=state_text(status))


class ConsentChips(QtWidgets.QWidget):
    """Read-only chips; the Consents tab holds the records themselves."""

    def __init__(self, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.layout_ = FlowLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.statuses: list[ConsentStatus] = []
        self.chips: list[QtWidgets.QLabel] = []

    def show_consents(self, consents: list[Consent], today: date | None = None) -> None:
        self.statuses = consent_status(consents, today or date.today())
        for chip in self.chips:
            self.layout_.removeWidget(chip)
            chip.deleteLater()
        self.chips = []
        for status in self.statuses:
            chip = QtWidgets.QLabel(chip_text(status), self)
            background, border = COLOURS[status.state]
            chip.setStyleSheet(
                f"QLabel {{ background: {background}; border: 1px solid {border}; border-radius: 10px;"
                " padding: 2px 9px; }"
            )
            chip.setAccessibleName(chip.text())
            chip.setProperty("state", status.state)
            self.layout_.addWidget(chip)
            self.chips.append(chip)
        self.setAccessibleName(_("Consents"))
        self.updateGeometry()
