"""The short contacts tab of the network page: the recent ones, new, correct, turn into a client file."""

from __future__ import annotations

from ...domain.catalogues import SERVICE_SHORT, SHORT_CONTACT_FORMS, TOPICS
from ...domain.short_contacts import ShortContact
from ...i18n import N_, _
from ...i18n.formatting import format_date, language_name
from ...services import short_contacts
from ..clients.client_dialog import ClientDialog
from ..clients.client_page import RecordTable
from ..forms.flow_layout import FlowLayout
from ..qt import Qt, QtWidgets, Signal
from ..retranslating import Retranslating
from ..style import set_role
from .short_contact_dialog import ShortContactDialog


class ConvertToClientDialog(ClientDialog):
    """The client form prefilled from a short contact; saving marks the contact as converted."""

    def __init__(self, session, contact: ShortContact, parent: QtWidgets.QWidget | None = None):
        self.contact = contact
        super().__init__(session, None, parent)
        prefilled = short_contacts.client_from_short_contact(contact)
        self.gender.set_code(prefilled.gender)
        for i in range(self.languages.list.count()):
            item = self.languages.list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) in prefilled.languages:
                item.setCheckState(Qt.CheckState.Checked)

    def save(self) -> str:
        from ..forms.form_dialog import SaveHeld

        client = self.typed_client()
        client.referred_by_partner_id = self.contact.referral_partner_id
        if not self.duplicates_accepted and self.check_duplicates():
            self.duplicates.buttons()[0].setFocus()
            raise SaveHeld()
        self.client = short_contacts.convert_to_client(self.session, self.contact.id, client)
        return self.client.id


class ShortContactsView(Retranslating, QtWidgets.QWidget):
    client_created = Signal(str)

    def __init__(self, session, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.contacts: list[ShortContact] = []
        self.list = RecordTable(
            [N_("Date"), N_("Minutes"), N_("Service"), N_("Form"), N_("Topics"), N_("Language"), N_("Client file")]
        )
        self.list.doubleClicked.connect(lambda _i: self.edit_contact())
        self.new_button = QtWidgets.QPushButton()
        set_role(self.new_button, "primary")
        self.new_button.clicked.connect(self.new_contact)
        self.edit_button = QtWidgets.QPushButton()
        self.edit_button.clicked.connect(self.edit_contact)
        self.convert_button = QtWidgets.QPushButton()
        self.convert_button.clicked.connect(self.convert)
        # Wraps onto a second line where German or Russian labels do not fit one.
        buttons = FlowLayout()
        for b in (self.new_button, self.edit_button, self.convert_button):
            buttons.addWidget(b)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.list, 1)
        self.retranslate()
        self.refresh()

    def refresh(self) -> None:
        self.contacts = short_contacts.recent_short_contacts(self.session)
        self.list.fill(
            [
                [
                    format_date(c.day),
                    str(c.minutes),
                    SERVICE_SHORT.get(c.service, c.service),
                    _(SHORT_CONTACT_FORMS.label(c.form)),
                    ", ".join(_(TOPICS.label(t)) for t in c.topics),
                    language_name(c.language) if c.language else "",
                    _("created") if c.converted_client_id else "",
                ]
                for c in self.contacts
            ]
        )

    def selected(self) -> ShortContact | None:
        row = self.list.currentRow()
        if 0 <= row < len(self.contacts) and self.list.selectionModel().hasSelection():
            return self.contacts[row]
        return None

    def new_contact(self) -> None:
        if ShortContactDialog(self.session, parent=self).exec() == QtWidgets.QDialog.DialogCode.Accepted:
            self.refresh()

    def edit_contact(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        if ShortContactDialog(self.session, chosen, parent=self).exec() == QtWidgets.QDialog.DialogCode.Accepted:
            self.refresh()

    def convert(self) -> None:
        chosen = self.selected()
        if chosen is None:
            QtWidgets.QMessageBox.information(self, _("Choose a record"), _("Select the short contact first."))
            return
        if chosen.converted_client_id:
            QtWidgets.QMessageBox.information(
                self, _("Client file"), _("This short contact was turned into a client file already.")
            )
            return
        dialog = ConvertToClientDialog(self.session, chosen, parent=self)
        if dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted and dialog.client is not None:
            self.refresh()
            self.client_created.emit(dialog.client.id)

    def retranslate(self) -> None:
        self.new_button.setText(_("&New short contact…"))
        self.edit_button.setText(_("&Correct…"))
        self.convert_button.setText(_("Turn into a &client file…"))
        self.list.setAccessibleName(_("Short contacts"))
        if self.contacts:
            self.refresh()
