"""A client's consent to one purpose: given, withdrawn, expiring."""

from __future__ import annotations

import dataclasses
from datetime import date

from ...domain.catalogues import CONSENT_PURPOSES
from ...domain.clients import Client
from ...domain.consents import Consent
from ...i18n import _
from ...services import casework
from ..forms.catalogue_combo import CatalogueCombo
from ..forms.date_inputs import DateEdit, OptionalDateEdit
from ..forms.form_dialog import FormDialog
from ..qt import QtWidgets


class ConsentDialog(FormDialog):
    def __init__(
        self, session, client: Client, consent: Consent | None = None, parent: QtWidgets.QWidget | None = None
    ):
        super().__init__(session, _("Consent of {name}").format(name=client.display_name), parent)
        self.client = client
        self.original = consent
        form = QtWidgets.QFormLayout(self.body)
        self.purpose = CatalogueCombo(CONSENT_PURPOSES)
        self.recipient = QtWidgets.QLineEdit()
        self.recipient.setPlaceholderText(_("only when sharing data"))
        self.given = DateEdit(date.today())
        self.withdrawn = OptionalDateEdit(None)
        self.expires = OptionalDateEdit(None)
        if consent is not None:
            self.purpose.set_code(consent.purpose)
            self.recipient.setText(consent.recipient)
            self.given.set_value(consent.given)
            self.withdrawn.set_value(consent.withdrawn)
            self.expires.set_value(consent.expires)
        self.row(form, _("&Purpose:"), self.purpose, "purpose")
        self.row(form, _("&Recipient:"), self.recipient, "recipient")
        self.row(form, _("&Given on:"), self.given, "given")
        self.row(form, _("&Withdrawn on:"), self.withdrawn, "withdrawn")
        self.row(form, _("&Expires on:"), self.expires, "expires")
        self.purpose.currentIndexChanged.connect(self._sync_recipient)
        self._sync_recipient()
        self.purpose.setFocus()
        self.resize(560, 320)

    def _sync_recipient(self) -> None:
        self.recipient.setEnabled(self.purpose.code() == "sharing")

    def consent(self) -> Consent:
        values = dict(
            purpose=self.purpose.code(),
            given=self.given.value(),
            recipient=self.recipient.text().strip() if self.purpose.code() == "sharing" else "",
            withdrawn=self.withdrawn.value(),
            expires=self.expires.value(),
        )
        if self.original is None:
            return Consent(client_id=self.client.id, **values)
        return dataclasses.replace(self.original, **values)

    def save(self) -> str:
        return casework.save_consent(self.session, self.consent()).id
