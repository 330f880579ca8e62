"""A referral of the client to a network partner outside a consultation, and setting its outcome."""

from __future__ import annotations

import dataclasses
from datetime import date

from ...domain.catalogues import REFERRAL_OUTCOMES, SERVICES
from ...domain.clients import Client
from ...domain.referrals import Referral
from ...i18n import _
from ...services import casework, referrals
from ...services.partners import partner_choices
from ..forms.catalogue_combo import CatalogueCombo, CodeCombo
from ..forms.date_inputs import DateEdit
from ..forms.form_dialog import FormDialog
from ..qt import QtWidgets


class ReferralDialog(FormDialog):
    def __init__(
        self, session, client: Client, referral: Referral | None = None, parent: QtWidgets.QWidget | None = None
    ):
        super().__init__(session, _("Referral of {name}").format(name=client.display_name), parent)
        self.client = client
        self.original = referral
        form = QtWidgets.QFormLayout(self.body)
        self.partner = CodeCombo()
        choices = partner_choices(session, referral.partner_id if referral else None)
        self.partner.set_items([("", _("Choose a partner"))] + [(p.id, p.name) for p in choices])
        self.service = CatalogueCombo(SERVICES)
        open_cases = casework.open_cases(session, client.id)
        self.service.set_code(referral.service if referral else (open_cases[0].service if open_cases else "mbe"))
        self.day = DateEdit(referral.day if referral else date.today())
        self.purpose = QtWidgets.QLineEdit(referral.purpose if referral else "")
        self.outcome = CatalogueCombo(REFERRAL_OUTCOMES)
        self.outcome.set_code(referral.outcome if referral else "unknown")
        if referral is not None:
            self.partner.set_code(referral.partner_id)
        self.row(form, _("&Partner:"), self.partner, "partner_id")
        self.row(form, _("Ser&vice:"), self.service, "service")
        self.row(form, _("&Date:"), self.day, "day")
        self.row(form, _("Pur&pose:"), self.purpose, "purpose")
        self.row(form, _("&Outcome:"), self.outcome, "outcome")
        self.resize(600, 300)
        self.partner.setFocus()

    def referral(self) -> Referral:
        outcome = self.outcome.code()
        values = dict(
            partner_id=self.partner.code(),
            service=self.service.code(),
            day=self.day.value(),
            purpose=self.purpose.text().strip(),
            outcome=outcome,
        )
        if self.original is None:
            values["outcome_day"] = None if outcome == "unknown" else date.today()
            return Referral(client_id=self.client.id, counsellor_id=self.session.user.id, **values)
        if outcome != self.original.outcome:
            values["outcome_day"] = None if outcome == "unknown" else date.today()
        return dataclasses.replace(self.original, **values)

    def save(self) -> str:
        return referrals.save_referral(self.session, self.referral()).id
