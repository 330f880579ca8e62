"""A network partner: type, contact person, address, phone, languages and notes."""

from __future__ import annotations

import dataclasses

from ...domain.catalogues import PARTNER_KINDS
from ...domain.partners import NetworkPartner
from ...i18n import _
from ...services import partners
from ..clients.language_picker import LanguagePicker
from ..forms.catalogue_combo import CatalogueCombo, CodeCombo
from ..forms.form_dialog import FormDialog
from ..qt import QtWidgets


class PartnerDialog(FormDialog):
    def __init__(self, session, partner: NetworkPartner | None = None, parent: QtWidgets.QWidget | None = None):
        super().__init__(session, _("New network partner") if partner is None else _("Network partner"), parent)
        self.original = partner
        p = partner or NetworkPartner(name="")
        columns = QtWidgets.QHBoxLayout(self.body)
        left_box, right_box = QtWidgets.QWidget(self.body), QtWidgets.QWidget(self.body)
        columns.addWidget(left_box, 3)
        columns.addWidget(right_box, 2)
        left, right = QtWidgets.QFormLayout(left_box), QtWidgets.QFormLayout(right_box)
        self.name = QtWidgets.QLineEdit(p.name)
        self.name.setPlaceholderText(_("e.g. Ausländerbehörde Landkreis Nord"))
        self.kind = CatalogueCombo(PARTNER_KINDS)
        self.kind.set_code(p.kind)
        self.contact_person = QtWidgets.QLineEdit(p.contact_person)
        self.phone = QtWidgets.QLineEdit(p.phone)
        self.contact = QtWidgets.QLineEdit(p.contact)
        self.contact.setPlaceholderText(_("e-mail, web site, opening hours"))
        self.address = QtWidgets.QPlainTextEdit(p.address)
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(56)
        self.notes = QtWidgets.QPlainTextEdit(p.notes)
        self.notes.setTabChangesFocus(True)
        self.languages = LanguagePicker(p.languages)
        self.row(left, _("&Name:"), self.name, "name")
        self.row(left, _("&Type:"), self.kind, "kind")
        self.row(left, _("Contact &person:"), self.contact_person, "contact_person")
        self.row(left, _("&Phone:"), self.phone, "phone")
        self.row(left, _("&E-mail / other contact:"), self.contact, "contact")
        self.row(left, _("&Address:"), self.address, "address")
        self.row(left, _("N&otes:"), self.notes, "notes")
        self.row(right, _("&Languages spoken there:"), self.languages)
        self.resize(860, 460)
        self.name.setFocus()

    def partner(self) -> NetworkPartner:
        values = dict(
            name=self.name.text().strip(),
            kind=self.kind.code(),
            contact_person=self.contact_person.text().strip(),
            phone=self.phone.text().strip(),
            contact=self.contact.text().strip(),
            address=self.address.toPlainText().strip(),
            notes=self.notes.toPlainText().strip(),
            languages=self.languages.selected(),
        )
        if self.original is None:
            return NetworkPartner(**values)
        return dataclasses.replace(self.original, **values)

    def save(self) -> str:
        return partners.save_partner(self.session, self.partner()).id


class MergePartnerDialog(FormDialog):
    """Merges a partner entered twice into the one to keep."""

    def __init__(self, session, duplicate: NetworkPartner, parent: QtWidgets.QWidget | None = None):
        super().__init__(session, _("Merge partner"), parent)
        self.duplicate = duplicate
        form = QtWidgets.QFormLayout(self.body)
        explanation = QtWidgets.QLabel(
            _(
                "“{name}” is merged into the partner you choose: its activities, referrals and clients then "
                "name that partner, and “{name}” disappears from the list."
            ).format(name=duplicate.name)
        )
        explanation.setWordWrap(True)
        form.addRow(explanation)
        self.target = CodeCombo()
        others = [p for p in partners.list_partners(session, include_archived=True) if p.id != duplicate.id]
        self.target.set_items([("", _("Choose the partner to keep"))] + [(p.id, p.name) for p in others])
        self.row(form, _("&Keep:"), self.target, "target")
        self.save_button.setText(_("&Merge"))
        self.resize(560, 220)
        self.target.setFocus()

    def save(self) -> str:
        from ...domain.validation import N_, ValidationError, ValidationIssue

        if not self.target.code():
            raise ValidationError([ValidationIssue("target", N_("Choose the partner to keep."))])
        return partners.merge_partners(self.session, self.duplicate.id, self.target.code()).id
