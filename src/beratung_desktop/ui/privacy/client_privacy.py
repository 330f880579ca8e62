"""The client page's privacy part: consent chips, the data-protection menu (access export, erasure)
and the menus for printing to a partner, which list the recipients the client's consents name."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from ...domain.privacy import sharing_allowed
from ...i18n import _
from ...services import privacy
from ...services.casework import ClientFile
from ...services.session import Session
from ..qt import QtCore, QtWidgets, Signal
from .access_export import AccessExportRun, choose_folder
from .consent_chips import ConsentChips
from .erase_dialog import EraseDialog


class ClientPrivacy(QtCore.QObject):
    """Widgets the client page places; `erased` fires after the client was erased."""

    erased = Signal()

    def __init__(self, page: QtWidgets.QWidget, session: Session):
        super().__init__(page)
        self.page = page
        self.session = session
        self.file: ClientFile | None = None
        self.chips = ConsentChips(page)
        self.button = QtWidgets.QPushButton(page)
        self.menu = QtWidgets.QMenu(self.button)
        self.button.setMenu(self.menu)
        self.export_action = self.menu.addAction("", self.export_access)
        self.menu.addSeparator()
        self.erase_action = self.menu.addAction("", self.erase)
        self.erase_action.setVisible(session.user.role in privacy.PRIVACY_ROLES)
        self.export_run = AccessExportRun(page, session)
        self.erase_dialog: EraseDialog | None = None

    def show_file(self, file: ClientFile) -> None:
        self.file = file
        self.chips.show_consents(file.consents)

    def retranslate(self) -> None:
        self.button.setText(_("Data protection"))
        self.button.setAccessibleName(_("Data protection"))
        self.export_action.setText(_("Access export (Art. 15)…"))
        self.erase_action.setText(_("Erase client…"))
        if self.file is not None:
            self.chips.show_consents(self.file.consents)

    # -- actions -------------------------------------------------------------------------------------

    def export_access(self, folder=None) -> None:
        if self.file is None or self.export_run.busy:
            return
        folder = folder or choose_folder(self.page)
        if folder is not None:
            self.export_run.start(self.file.client.id, folder)

    def erase(self) -> EraseDialog | None:
        """Opens the erasure dialog (window-modal); `erased` fires when the client is gone."""
        if self.file is None:
            return None
        self.erase_dialog = EraseDialog(self.session, self.file.client, self.page)
        self.erase_dialog.accepted.connect(self.erased)
        self.erase_dialog.open()
        return self.erase_dialog

    # -- printing for a partner ----------------------------------------------------------------------

    def fill_partner_menu(self, menu: QtWidgets.QMenu, print_for: Callable[[str], None]) -> None:
        """One entry per recipient a sharing consent names; those without consent in effect say so and
        are refused with the service's message when chosen."""
        menu.clear()
        if self.file is None:
            return
        recipients = privacy.sharing_recipients(self.session, self.file.client.id)
        if not recipients:
            empty = menu.addAction(_("No consent to share data with a partner is recorded"))
            empty.setEnabled(False)
            return
        today = date.today()
        for name in recipients:
            allowed = sharing_allowed(self.file.consents, name, today)
            text = name if allowed else _("{partner} (no consent in effect)").format(partner=name)
            menu.addAction(text, lambda name=name: print_for(name))
