"""The client page's tab for network work: who referred the client, their support needs, referrals to
partners with their outcome (and the referral note), and the group sessions they attended."""

from __future__ import annotations

from ...domain.catalogues import REFERRAL_OUTCOMES, SERVICE_SHORT, SUPPORT_NEEDS
from ...domain.clients import Client
from ...domain.referrals import Referral
from ...i18n import N_, _
from ...i18n.formatting import format_date
from ...services import groups, printing, referrals
from ...services.partners import list_partners
from ..document_preview import DocumentPreview
from ..forms.flow_layout import FlowLayout
from ..qt import Qt, QtWidgets, Signal
from ..retranslating import Retranslating
from .referral_dialog import ReferralDialog


class ClientNetworkTab(Retranslating, QtWidgets.QWidget):
    changed = Signal()

    def __init__(self, session, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        from .client_page import RecordTable

        self.session = session
        self.client: Client | None = None
        self.referral_list: list[Referral] = []
        self.summary = QtWidgets.QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.referrals = RecordTable([N_("Date"), N_("Partner"), N_("Service"), N_("Purpose"), N_("Outcome")])
        self.referrals.doubleClicked.connect(lambda _i: self.edit_referral())
        self.sessions = RecordTable([N_("Date"), N_("Group"), N_("Time"), N_("Minutes")])
        self.new_button = QtWidgets.QPushButton()
        self.new_button.clicked.connect(self.new_referral)
        self.outcome_button = QtWidgets.QPushButton()
        self.outcome_menu = QtWidgets.QMenu(self.outcome_button)
        self.outcome_button.setMenu(self.outcome_menu)
        self.outcome_menu.aboutToShow.connect(self._fill_outcomes)
        self.note_button = QtWidgets.QPushButton()
        self.note_button.clicked.connect(self.print_note)
        self.preview = DocumentPreview(self)
        self.referrals_label = QtWidgets.QLabel()
        self.sessions_label = QtWidgets.QLabel()
        bar = FlowLayout()
        for b in (self.new_button, self.outcome_button, self.note_button):
            bar.addWidget(b)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.referrals_label)
        layout.addLayout(bar)
        layout.addWidget(self.referrals, 3)
        layout.addWidget(self.sessions_label)
        layout.addWidget(self.sessions, 2)
        self.retranslate()

    def show_client(self, client: Client) -> None:
        self.client = client
        self._render()

    def _render(self) -> None:
        if self.client is None:
            return
        c = self.client
        names = {p.id: p.name for p in list_partners(self.session, include_archived=True)}
        referred_by = names.get(c.referred_by_partner_id or "", "") or _("not referred by a partner")
        needs = ", ".join(_(SUPPORT_NEEDS.label(n)) for n in c.support_needs) or _("none recorded")
        self.summary.setText(
            f"<b>{_('Referred by')}:</b> {referred_by} &nbsp; · &nbsp; <b>{_('Special support needs')}:</b> {needs}"
        )
        self.referral_list = referrals.client_referrals(self.session, c.id)
        self.referrals.fill(
            [
                [
                    format_date(r.day),
                    names.get(r.partner_id, ""),
                    SERVICE_SHORT.get(r.service, r.service),
                    r.purpose,
                    _(REFERRAL_OUTCOMES.label(r.outcome))
                    + (f" ({format_date(r.outcome_day)})" if r.outcome_day else ""),
                ]
                for r in self.referral_list
            ]
        )
        self.sessions.fill(
            [
                [format_date(a.session.day), a.group.title, a.session.start_time, str(a.session.minutes)]
                for a in groups.sessions_of_client(self.session, c.id)
            ]
        )

    def selected(self) -> Referral | None:
        row = self.referrals.currentRow()
        if 0 <= row < len(self.referral_list) and self.referrals.selectionModel().hasSelection():
            return self.referral_list[row]
        if len(self.referral_list) == 1:
            return self.referral_list[0]
        return None

    def _after_change(self) -> None:
        self._render()
        self.changed.emit()

    def new_referral(self) -> None:
        if self.client is None:
            return
        if ReferralDialog(self.session, self.client, parent=self).exec() == QtWidgets.QDialog.DialogCode.Accepted:
            self._after_change()

    def edit_referral(self) -> None:
        chosen = self.selected()
        if self.client is None or chosen is None:
            return
        dialog = ReferralDialog(self.session, self.client, chosen, parent=self)
        if dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted:
            self._after_change()

    def _fill_outcomes(self) -> None:
        self.outcome_menu.clear()
        chosen = self.selected()
        if chosen is None:
            self.outcome_menu.addAction(_("Select the referral first.")).setEnabled(False)
            return
        for entry in REFERRAL_OUTCOMES:
            action = self.outcome_menu.addAction(_(entry.label), lambda code=entry.code: self.set_outcome(code))
            action.setCheckable(True)
            action.setChecked(chosen.outcome == entry.code)

    def set_outcome(self, outcome: str) -> None:
        chosen = self.selected()
        if chosen is not None:
            referrals.set_outcome(self.session, chosen.id, outcome)
            self._after_change()

    def print_note(self) -> None:
        chosen = self.selected()
        if chosen is None:
            QtWidgets.QMessageBox.information(self, _("Choose a record"), _("Select the referral first."))
            return
        if not referrals.note_allowed(self.session, chosen):
            QtWidgets.QMessageBox.information(
                self,
                _("Referral note"),
                _(
                    "The client has not agreed to share data with this partner. Record a consent for sharing "
                    "with the partner (Consents tab), then print the note."
                ),
            )
            return
        number = self.client.client_number if self.client else ""
        self.preview.show(
            lambda: printing.referral_note_pdf(self.session, chosen.id), _("Referral note"), f"referral-{number}.pdf"
        )

    def retranslate(self) -> None:
        self.new_button.setText(_("New &referral…"))
        self.outcome_button.setText(_("Set &outcome"))
        self.note_button.setText(_("Print referral &note…"))
        self.referrals_label.setText(_("Referrals to network partners"))
        self.sessions_label.setText(_("Group sessions attended"))
        self.referrals.setAccessibleName(_("Referrals"))
        self.sessions.setAccessibleName(_("Group sessions attended"))
        self._render()
