"""The partners tab of the network page: the list, one partner's details and the work done with them."""

from __future__ import annotations

from ...domain.catalogues import ACTIVITY_TYPES, PARTNER_KINDS, REFERRAL_OUTCOMES, SERVICE_SHORT
from ...domain.partners import NetworkPartner
from ...i18n import N_, _
from ...i18n.formatting import format_date, language_name
from ...services import partners
from ..activities.activity_dialog import ActivityDialog
from ..clients.client_page import RecordTable
from ..forms.flow_layout import FlowLayout
from ..qt import Qt, QtWidgets
from ..retranslating import Retranslating
from ..style import set_role
from .partner_dialog import MergePartnerDialog, PartnerDialog
from .selection import select_row


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")


class PartnersView(Retranslating, QtWidgets.QWidget):
    def __init__(self, session, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.partners: list[NetworkPartner] = []
        self.list = RecordTable([N_("Name"), N_("Type"), N_("Contact person"), N_("Phone number"), N_("Status")])
        self.list.itemSelectionChanged.connect(self._show_selected)
        self.list.doubleClicked.connect(lambda _i: self.edit_partner())
        self.show_archived = QtWidgets.QCheckBox()
        self.show_archived.toggled.connect(lambda _on: self.refresh())
        self.new_button = QtWidgets.QPushButton()
        set_role(self.new_button, "primary")
        self.new_button.clicked.connect(self.new_partner)
        self.edit_button = QtWidgets.QPushButton()
        self.edit_button.clicked.connect(self.edit_partner)
        self.merge_button = QtWidgets.QPushButton()
        self.merge_button.clicked.connect(self.merge_partner)
        self.archive_button = QtWidgets.QPushButton()
        self.archive_button.clicked.connect(self.toggle_archived)
        self.activity_button = QtWidgets.QPushButton()
        self.activity_button.clicked.connect(self.record_activity)
        self.details = QtWidgets.QLabel()
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeading)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.activities = RecordTable([N_("Date"), N_("Kind"), N_("Title"), N_("Minutes")])
        self.referrals = RecordTable([N_("Date"), N_("Service"), N_("Outcome")])
        self.activities_label = QtWidgets.QLabel()
        self.referrals_label = QtWidgets.QLabel()

        # Wraps onto a second line where German or Russian labels do not fit one.
        buttons = FlowLayout()
        for b in (self.new_button, self.edit_button, self.merge_button, self.archive_button, self.activity_button):
            buttons.addWidget(b)
        buttons.addWidget(self.show_archived)
        detail_box = QtWidgets.QWidget()
        detail = QtWidgets.QVBoxLayout(detail_box)
        detail.setContentsMargins(0, 0, 0, 0)
        detail.addWidget(self.details)
        detail.addWidget(self.activities_label)
        detail.addWidget(self.activities, 1)
        detail.addWidget(self.referrals_label)
        detail.addWidget(self.referrals, 1)
        split = QtWidgets.QSplitter()
        split.addWidget(self.list)
        split.addWidget(detail_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(split, 1)
        self.retranslate()
        self.refresh()

    # -- content -------------------------------------------------------------------------------------

    def refresh(self, select: str | None = None) -> None:
        keep = select or (self.selected().id if self.selected() else None)
        self.partners = partners.list_partners(self.session, include_archived=self.show_archived.isChecked())
        self.list.fill(
            [
                [
                    p.name,
                    _(PARTNER_KINDS.label(p.kind)),
                    p.contact_person,
                    p.phone,
                    _("archived") if p.archived else _("active"),
                ]
                for p in self.partners
            ]
        )
        rows = [i for i, p in enumerate(self.partners) if p.id == keep]
        if rows:
            select_row(self.list, rows[0])
        self._show_selected()

    def selected(self) -> NetworkPartner | None:
        row = self.list.currentRow()
        if 0 <= row < len(self.partners) and self.list.selectionModel().hasSelection():
            return self.partners[row]
        return None

    def _show_selected(self) -> None:
        partner = self.selected()
        for b in (self.edit_button, self.merge_button, self.archive_button):
            b.setEnabled(partner is not None)
        if partner is None:
            self.details.setText(_("Choose a partner in the list, or create one."))
            self.activities.fill([])
            self.referrals.fill([])
            return
        self.archive_button.setText(_("&Restore") if partner.archived else _("&Archive"))
        file = partners.partner_file(self.session, partner.id)
        rows = [
            (_("Type"), _(PARTNER_KINDS.label(partner.kind))),
            (_("Contact person"), partner.contact_person),
            (_("Phone number"), partner.phone),
            (_("E-mail / other contact"), partner.contact),
            (_("Address"), partner.address),
            (_("Languages"), ", ".join(language_name(code) for code in partner.languages)),
            (_("Notes"), partner.notes),
            (_("Clients referred by this partner"), str(file.referred_clients)),
        ]
        cells = "".join(
            f"<tr><td style='color:#5b6b73; padding:2px 14px 2px 0'>{_html(k)}</td><td>{_html(v) or '–'}</td></tr>"
            for k, v in rows
        )
        self.details.setText(f"<h3>{_html(partner.name)}</h3><table>{cells}</table>")
        self.activities.fill(
            [[format_date(a.day), _(ACTIVITY_TYPES.label(a.kind)), a.title, str(a.minutes)] for a in file.activities]
        )
        self.referrals.fill(
            [
                [format_date(r.day), SERVICE_SHORT.get(r.service, r.service), _(REFERRAL_OUTCOMES.label(r.outcome))]
                for r in file.referrals
            ]
        )

    # -- actions -------------------------------------------------------------------------------------

    def _run(self, dialog: QtWidgets.QDialog) -> str | None:
        saved: list[str] = []
        if hasattr(dialog, "saved"):
            dialog.saved.connect(saved.append)
        if dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted:
            return saved[0] if saved else ""
        return None

    def new_partner(self) -> None:
        created = self._run(PartnerDialog(self.session, parent=self))
        if created:
            self.refresh(select=created)

    def edit_partner(self) -> None:
        partner = self.selected()
        if partner is not None and self._run(PartnerDialog(self.session, partner, parent=self)) is not None:
            self.refresh()

    def merge_partner(self) -> None:
        partner = self.selected()
        if partner is None:
            return
        kept = self._run(MergePartnerDialog(self.session, partner, parent=self))
        if kept:
            self.refresh(select=kept)

    def toggle_archived(self) -> None:
        partner = self.selected()
        if partner is not None:
            partners.set_archived(self.session, partner.id, not partner.archived)
            self.refresh(select=partner.id)

    def record_activity(self) -> None:
        dialog = ActivityDialog(self.session, self)
        partner = self.selected()
        if partner is not None:
            dialog.kind.set_code("network_meeting")
            dialog.partner.set_code(partner.id)
        if self._run(dialog) is not None:
            self.refresh()

    def retranslate(self) -> None:
        self.new_button.setText(_("&New partner…"))
        self.edit_button.setText(_("&Edit…"))
        self.merge_button.setText(_("&Merge into…"))
        self.archive_button.setText(_("&Archive"))
        self.activity_button.setText(_("Record network &activity…"))
        self.show_archived.setText(_("Show archived"))
        self.activities_label.setText(_("Network activities with this partner"))
        self.referrals_label.setText(_("Referrals to this partner"))
        self.list.setAccessibleName(_("Network partners"))
        if hasattr(self, "partners"):
            self._show_selected()
