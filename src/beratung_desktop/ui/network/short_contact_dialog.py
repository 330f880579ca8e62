"""A short contact without a client file: no name, only what the figures need, in under a minute."""

from __future__ import annotations

import dataclasses
from datetime import date

from ...domain.age_groups import AGE_GROUPS, UNKNOWN, UNKNOWN_LABEL
from ...domain.catalogues import GENDERS, SERVICES, SHORT_CONTACT_FORMS
from ...domain.short_contacts import ShortContact
from ...i18n import _
from ...i18n.formatting import languages
from ...services import short_contacts
from ...services.partners import partner_choices
from ..clients.language_picker import COMMON_LANGUAGES
from ..forms.catalogue_combo import CatalogueCombo, CodeCombo, SearchableCombo
from ..forms.chips import TopicChips
from ..forms.date_inputs import DateEdit
from ..forms.form_dialog import FormDialog
from ..forms.minutes_input import MinutesInput
from ..forms.radio_choice import RadioChoice
from ..qt import QtWidgets


def language_combo(empty: str) -> SearchableCombo:
    combo = SearchableCombo()
    # Sized by a short name, not by the longest of CLDR's languages: the forms stay narrow.
    combo.setSizeAdjustPolicy(QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(14)
    names = dict(languages())
    common = [(c, names[c]) for c in ("de", *COMMON_LANGUAGES) if c in names]
    combo.set_items([("", empty), *common, *[(c, n) for c, n in languages() if c not in dict(common)]])
    return combo


class ShortContactDialog(FormDialog):
    def __init__(
        self, session, contact: ShortContact | None = None, parent: QtWidgets.QWidget | None = None, service: str = ""
    ):
        super().__init__(session, _("Short contact without a client file"), parent)
        self.original = contact
        c = contact or ShortContact(
            counsellor_id=session.user.id, service=service or "mbe", day=date.today(), minutes=10
        )
        form = QtWidgets.QFormLayout(self.body)
        hint = QtWidgets.QLabel(
            _(
                "No name: a short contact is counted on its own line, never as a client. If the person comes back, "
                "turn it into a client file."
            )
        )
        hint.setWordWrap(True)
        form.addRow(hint)
        self.day = DateEdit(c.day)
        self.minutes = MinutesInput(c.minutes, quick=(5, 10, 15, 30))
        self.service = CatalogueCombo(SERVICES)
        self.service.set_code(c.service)
        self.form = RadioChoice(SHORT_CONTACT_FORMS, c.form)
        self.topics = TopicChips()
        self.topics.set_selected(c.topics)
        self.language = language_combo(_("(not recorded)"))
        self.language.set_code(c.language)
        self.gender = CatalogueCombo(GENDERS)
        self.gender.set_code(c.gender)
        self.age_group = CodeCombo()
        self.age_group.set_items(
            [(UNKNOWN, _(UNKNOWN_LABEL))] + [(code, _(label)) for code, _lo, _hi, label in AGE_GROUPS]
        )
        self.age_group.set_code(c.age_group)
        self.referral = CodeCombo()
        choices = partner_choices(session, c.referral_partner_id)
        self.referral.set_items([("", _("No referral"))] + [(p.id, p.name) for p in choices])
        self.referral.set_code(c.referral_partner_id or "")
        self.row(form, _("&Date:"), self.day, "day")
        self.row(form, _("D&uration:"), self.minutes, "minutes")
        self.row(form, _("Ser&vice:"), self.service, "service")
        self.row(form, _("&Form:"), self.form, "form")
        self.row(form, _("&Topics:"), self.topics, "topics")
        self.row(form, _("&Language:"), self.language, "language")
        self.row(form, _("&Gender (optional):"), self.gender, "gender")
        self.row(form, _("&Age group (optional):"), self.age_group, "age_group")
        self.row(form, _("&Referred to:"), self.referral, "referral_partner_id")
        self.resize(760, 560)
        self.topics.first_chip().setFocus()

    def contact(self) -> ShortContact:
        values = dict(
            day=self.day.value(),
            minutes=self.minutes.value(),
            service=self.service.code(),
            form=self.form.code(),
            topics=self.topics.selected(),
            language=self.language.code(),
            gender=self.gender.code() or "unspecified",
            age_group=self.age_group.code() or UNKNOWN,
            referral_partner_id=self.referral.code() or None,
        )
        if self.original is None:
            return ShortContact(counsellor_id=self.session.user.id, **values)
        return dataclasses.replace(self.original, **values)

    def save(self) -> str:
        return short_contacts.save_short_contact(self.session, self.contact()).id
