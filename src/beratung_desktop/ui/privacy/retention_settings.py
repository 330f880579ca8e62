"""Retention months per service on the settings page (team leads); read-only when IT fixed one value."""

from __future__ import annotations

from ...config import SettingsStore
from ...domain.catalogues import SERVICE_SHORT, SERVICES
from ...errors import error_text
from ...i18n import _
from ...services import privacy
from ...services.session import Session
from ..forms.flow_layout import FlowLayout
from ..qt import QtWidgets
from ..retranslating import Retranslating
from ..style import set_role


class RetentionSettings(Retranslating, QtWidgets.QGroupBox):
    def __init__(self, session: Session, settings_store: SettingsStore, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.settings_store = settings_store
        self.months: dict[str, QtWidgets.QSpinBox] = {}
        self.labels: dict[str, QtWidgets.QLabel] = {}
        # Short service names side by side: the section stays two lines high below the users.
        form = FlowLayout(spacing=12)
        for code in SERVICES.codes():
            box = QtWidgets.QSpinBox(self)
            box.setRange(1, 1200)
            box.editingFinished.connect(self.save)
            label = QtWidgets.QLabel(SERVICE_SHORT.get(code, code), self)
            label.setBuddy(box)
            pair = QtWidgets.QWidget(self)
            row = QtWidgets.QHBoxLayout(pair)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(label)
            row.addWidget(box)
            form.addWidget(pair)
            self.months[code], self.labels[code] = box, label
        self.note = QtWidgets.QLabel(self)
        self.note.setWordWrap(True)
        self.message = QtWidgets.QLabel(self)
        self.message.setWordWrap(True)
        set_role(self.message, "hint")
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(form)
        layout.addWidget(self.message)
        self.refresh()
        self.retranslate()

    def refresh(self) -> None:
        self.policy = privacy.policy_from_settings(self.session, self.settings_store)
        for code, box in self.months.items():
            box.blockSignals(True)
            box.setValue(self.policy.months(code))
            box.setEnabled(not self.policy.fixed)
            box.blockSignals(False)
        set_role(self.note, "notice" if self.policy.fixed else "hint")

    def save(self) -> None:
        if self.policy.fixed:
            return
        wanted = {code: box.value() for code, box in self.months.items()}
        if wanted == {code: self.policy.months(code) for code in self.months}:
            return
        try:
            privacy.set_retention_months(self.session, wanted)
        except Exception as exc:  # shown beside the fields; the stored months stay as they were
            self.message.setText(error_text(exc))
            self.refresh()
            return
        self.refresh()
        self.message.setText(_("Retention saved."))

    def retranslate(self) -> None:
        self.setTitle(_("Retention"))
        self.note.setText(
            _(
                "Your IT department fixed the retention for this computer at {months} months after a client's "
                "last case closed, for every service. Ask IT to change it."
            ).format(months=self.policy.default_months)
            if self.policy.fixed
            else _(
                "Months after a client's last case closed until they appear on the retention review "
                "(nothing is erased without a person confirming it):"
            )
        )
        for code, label in self.labels.items():
            label.setToolTip(_(SERVICES.label(code)))
            self.months[code].setAccessibleName(_(SERVICES.label(code)))
            self.months[code].setSuffix(" " + _("months"))
        self.message.setText("")
