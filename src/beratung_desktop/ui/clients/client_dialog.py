"""New or changed client, warning while typing when a similar client already exists."""

from __future__ import annotations

import dataclasses

from ...domain.catalogues import GENDERS, RESIDENCE_STATUSES, SUPPORT_NEEDS
from ...domain.clients import Client
from ...i18n import N_, _
from ...i18n.formatting import countries, format_date
from ...services import casework
from ...services.partners import partner_choices
from ..forms.catalogue_combo import CatalogueCombo, CodeCombo, SearchableCombo
from ..forms.chips import ChipGroup
from ..forms.date_inputs import OptionalDateEdit
from ..forms.form_dialog import FormDialog, SaveHeld
from ..forms.message_bar import MessageBar
from ..qt import QtCore, QtWidgets, Signal
from .household_editor import HouseholdEditor
from .language_picker import LanguagePicker

DUPLICATE_CHECK_DELAY_MS = 350
NO_YEAR = 1899  # the spin box's "unknown" value


def country_combo(with_stateless: bool) -> SearchableCombo:
    combo = SearchableCombo()
    items = [("", _("(not known)"))]
    if with_stateless:
        items.append(("XX", _("Stateless")))
    combo.set_items(items + countries())
    return combo


class ClientDialog(FormDialog):
    open_existing_requested = Signal(str)

    def __init__(self, session, client: Client | None = None, parent: QtWidgets.QWidget | None = None):
        title = _("New client") if client is None else _("Client {name}").format(name=client.display_name)
        super().__init__(session, title, parent)
        self.original = client
        # The stored client once saved (the main window opens it); the existing one chosen instead.
        self.client: Client | None = None
        self.existing_client_id = ""
        self.similar: list[Client] = []
        self.duplicates_accepted = False
        self._build(client or Client())
        self._duplicate_timer = QtCore.QTimer(self)
        self._duplicate_timer.setSingleShot(True)
        self._duplicate_timer.setInterval(DUPLICATE_CHECK_DELAY_MS)
        self._duplicate_timer.timeout.connect(self.check_duplicates)
        for edit in (self.given, self.family, self.given_original, self.family_original):
            edit.textEdited.connect(self._schedule_duplicate_check)
        self.birth_date.changed.connect(self._schedule_duplicate_check)
        self.birth_year.valueChanged.connect(self._schedule_duplicate_check)
        self.resize(1000, 640)
        self.given.setFocus()

    # -- layout --------------------------------------------------------------------------------------

    def _build(self, c: Client) -> None:
        self.duplicates = MessageBar(self)
        self.layout().insertWidget(1, self.duplicates)
        columns = QtWidgets.QHBoxLayout(self.body)
        person = QtWidgets.QGroupBox(_("Person"), self.body)
        contact = QtWidgets.QGroupBox(_("Contact, household and notes"), self.body)
        columns.addWidget(person, 1)
        columns.addWidget(contact, 1)
        left = QtWidgets.QFormLayout(person)
        right = QtWidgets.QFormLayout(contact)

        self.given = QtWidgets.QLineEdit(c.given_name)
        self.family = QtWidgets.QLineEdit(c.family_name)
        self.given_original = QtWidgets.QLineEdit(c.given_name_original)
        self.family_original = QtWidgets.QLineEdit(c.family_name_original)
        for edit in (self.given_original, self.family_original):
            edit.setPlaceholderText(_("as written in the client's script"))
        self.birth_date = OptionalDateEdit(c.birth_date)
        self.birth_year = QtWidgets.QSpinBox()
        self.birth_year.setRange(NO_YEAR, QtCore.QDate.currentDate().year())
        self.birth_year.setSpecialValueText(_("not known"))
        self.birth_year.setValue(c.birth_year if c.birth_year and not c.birth_date else NO_YEAR)
        self.birth_date.changed.connect(self._sync_birth_year)
        self.gender = CatalogueCombo(GENDERS)
        self.gender.set_code(c.gender)
        self.country = country_combo(with_stateless=False)
        self.country.set_code(c.country_of_origin)
        self.nationality = country_combo(with_stateless=True)
        self.nationality.set_code(c.nationality)
        self.residence = CatalogueCombo(RESIDENCE_STATUSES)
        self.residence.set_code(c.residence_status)
        self.arrival = OptionalDateEdit(c.arrival_date)
        self.languages = LanguagePicker(c.languages)
        self.interpreter = QtWidgets.QCheckBox(_("&Interpreter needed"))
        self.interpreter.setChecked(c.interpreter_needed)
        self.interpreter.setAccessibleName(_("Interpreter needed"))

        self.row(left, _("&Given name:"), self.given, "given_name")
        self.row(left, _("&Family name:"), self.family, "family_name")
        self.row(left, _("Given name (original script):"), self.given_original, "given_name_original")
        self.row(left, _("Family name (original script):"), self.family_original, "family_name_original")
        self.row(left, _("&Date of birth:"), self.birth_date, "birth_date")
        self.row(left, _("Only the &year of birth:"), self.birth_year, "birth_year")
        self.row(left, _("G&ender:"), self.gender, "gender")
        self.row(left, _("&Country of origin:"), self.country, "country_of_origin")
        self.row(left, _("&Nationality:"), self.nationality, "nationality")
        self.row(left, _("&Residence status:"), self.residence, "residence_status")
        self.row(left, _("&Arrival in Germany:"), self.arrival, "arrival_date")
        self.row(left, _("&Languages:"), self.languages)
        left.addRow(self.interpreter)

        self.phone = QtWidgets.QLineEdit(c.phone)
        self.email = QtWidgets.QLineEdit(c.email)
        self.address = QtWidgets.QPlainTextEdit(c.address)
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(56)
        self.household = HouseholdEditor(c.household)
        self.notes = QtWidgets.QPlainTextEdit(c.notes)
        self.notes.setTabChangesFocus(True)
        self.row(right, _("&Phone:"), self.phone, "phone")
        self.row(right, _("E-&mail:"), self.email, "email")
        self.row(right, _("Address:"), self.address, "address")
        self.row(right, _("&Household:"), self.household)
        self.household.setAccessibleName(_("Household members"))
        self.row(right, _("N&otes:"), self.notes, "notes")
        self.support_needs = ChipGroup(SUPPORT_NEEDS, N_("Special support needs"))
        self.support_needs.set_selected(c.support_needs)
        self.referred_by = CodeCombo()
        referrers = partner_choices(self.session, c.referred_by_partner_id)
        self.referred_by.set_items([("", _("Not referred by a partner"))] + [(p.id, p.name) for p in referrers])
        self.referred_by.set_code(c.referred_by_partner_id or "")
        self.row(right, _("Special s&upport needs:"), self.support_needs, "support_needs")
        self.row(right, _("Referred by par&tner:"), self.referred_by, "referred_by_partner_id")
        self._sync_birth_year()

    def _sync_birth_year(self) -> None:
        known = self.birth_date.value() is not None
        self.birth_year.setEnabled(not known)

    # -- the record ----------------------------------------------------------------------------------

    def typed_client(self) -> Client:
        """The client as typed; an edited client keeps its identity and version."""
        birth_date = self.birth_date.value()
        year = self.birth_year.value()
        values = dict(
            given_name=self.given.text().strip(),
            family_name=self.family.text().strip(),
            given_name_original=self.given_original.text().strip(),
            family_name_original=self.family_original.text().strip(),
            birth_date=birth_date,
            birth_year=None if birth_date or year == NO_YEAR else year,
            gender=self.gender.code() or "unspecified",
            country_of_origin=self.country.code(),
            nationality=self.nationality.code(),
            languages=self.languages.selected(),
            interpreter_needed=self.interpreter.isChecked(),
            residence_status=self.residence.code() or "unknown",
            arrival_date=self.arrival.value(),
            household=self.household.members(),
            phone=self.phone.text().strip(),
            email=self.email.text().strip(),
            address=self.address.toPlainText().strip(),
            notes=self.notes.toPlainText().strip(),
            support_needs=self.support_needs.selected(),
            referred_by_partner_id=self.referred_by.code() or None,
        )
        if self.original is None:
            return Client(**values)
        return dataclasses.replace(self.original, **values)

    # -- duplicates ----------------------------------------------------------------------------------

    def _schedule_duplicate_check(self) -> None:
        if self.original is not None:
            return  # a change of an existing client is not a new person
        self.duplicates_accepted = False
        self._duplicate_timer.start()

    def check_duplicates(self) -> list[Client]:
        self._duplicate_timer.stop()
        self.similar = casework.find_similar(self.session, self.typed_client())
        if not self.similar or self.duplicates_accepted:
            self.duplicates.dismiss()
            return self.similar
        listed = "; ".join(self._describe(c) for c in self.similar)
        text = _("A similar client already exists: {clients}").format(clients=listed)
        # One button per similar client (at most three); the first carries the mnemonic.
        actions = [
            (
                _("&Open {name}").format(name=c.display_name)
                if i == 0
                else _("Open {name}").format(name=c.display_name),
                lambda _c=False, client_id=c.id: self._open_existing(client_id),
            )
            for i, c in enumerate(self.similar[:3])
        ]
        actions.append((_("Create any&way"), self._accept_duplicates))
        self.duplicates.show_message(text, "warning", actions)
        return self.similar

    def _describe(self, c: Client) -> str:
        born = format_date(c.birth_date) if c.birth_date else (str(c.birth_year or "") or "?")
        return f"{c.display_name} ({born}, {c.client_number})"

    def _open_existing(self, client_id: str) -> None:
        self.existing_client_id = client_id
        self.open_existing_requested.emit(client_id)
        self.discard()

    def _accept_duplicates(self) -> None:
        self.duplicates_accepted = True
        self.duplicates.dismiss()

    # -- saving --------------------------------------------------------------------------------------

    def save(self) -> str:
        client = self.typed_client()
        if self.original is None and not self.duplicates_accepted and self.check_duplicates():
            # The warning is on screen; the counsellor decides between the existing and a new record.
            self.duplicates.buttons()[0].setFocus()
            raise SaveHeld()
        self.client = casework.save_client(self.session, client)
        return self.client.id
