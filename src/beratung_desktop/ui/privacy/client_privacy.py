"""The client page's privacy part: consent chips, the data-protection menu (access export, erasure)
and the menus for printing to a partner, which list the recipients the client's consents name."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from ...domain.consents import Consent
from ...domain.privacy import sharing_allowed
from ...errors import AppError, error_text
from ...i18n import _
from ...services import privacy
from ...services.casework import ClientFile
from ...services.session import Session
from ..print_preview import PrintPreviewDialog
from ..qt import Qt, QtCore, QtGui, QtWidgets, Signal
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
        self.forms: set[str] = set()
        self.attach_form_button = QtWidgets.QPushButton(page)
        self.attach_form_button.clicked.connect(lambda _checked=False: self.attach_form())
        self.show_form_button = QtWidgets.QPushButton(page)
        self.show_form_button.clicked.connect(lambda _checked=False: self.show_form())
        self.form_view: QtWidgets.QDialog | None = None

    def show_file(self, file: ClientFile) -> None:
        self.file = file
        self.forms = privacy.signed_forms(self.session, file.client.id)
        self.chips.show_consents(file.consents)

    def retranslate(self) -> None:
        self.button.setText(_("Data protection"))
        self.button.setAccessibleName(_("Data protection"))
        self.export_action.setText(_("Access export (Art. 15)…"))
        self.erase_action.setText(_("Erase client…"))
        self.attach_form_button.setText(_("Attach signed form…"))
        self.show_form_button.setText(_("Show signed form"))
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

    # -- the signed consent form -------------------------------------------------------------------

    def selected_consent(self) -> Consent | None:
        """The consent selected in the Consents tab, or the only one; None (with a hint) otherwise."""
        if self.file is None:
            return None
        table = self.page.consents
        row = table.currentRow()
        if 0 <= row < len(self.file.consents) and table.selectionModel().hasSelection():
            return self.file.consents[row]
        if len(self.file.consents) == 1:
            return self.file.consents[0]
        QtWidgets.QMessageBox.information(
            self.page, _("Choose a record"), _("Select the consent in the Consents tab first.")
        )
        return None

    def attach_form(self, path: Path | None = None) -> bool:
        consent = self.selected_consent()
        if consent is None:
            return False
        if path is None:
            chosen, _filter = QtWidgets.QFileDialog.getOpenFileName(
                self.page, _("Scan of the signed consent form"), "", _("PDF or image (*.pdf *.jpg *.jpeg *.png)")
            )
            if not chosen:
                return False
            path = Path(chosen)
        try:
            privacy.attach_signed_form(self.session, consent.id, path)
        except AppError as exc:
            QtWidgets.QMessageBox.warning(self.page, _("Signed form"), error_text(exc))
            return False
        self.page.reload()
        return True

    def show_form(self) -> QtWidgets.QDialog | None:
        consent = self.selected_consent()
        if consent is None:
            return None
        try:
            content, media_type = privacy.open_signed_form(self.session, consent.id)
        except AppError as exc:
            QtWidgets.QMessageBox.warning(self.page, _("Signed form"), error_text(exc))
            return None
        title = _("Signed form")
        if media_type == "application/pdf":
            self.form_view = PrintPreviewDialog(content, title, f"consent-{consent.purpose}.pdf", parent=self.page)
        else:
            self.form_view = SignedFormView(self.session, consent.id, content, title, self.page)
        self.form_view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.form_view.open()
        return self.form_view

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


class SignedFormView(QtWidgets.QDialog):
    """A scanned image shown from memory, scaled to the window; saving out writes an unencrypted copy."""

    def __init__(self, session: Session, consent_id: str, content: bytes, title: str, parent: QtWidgets.QWidget):
        super().__init__(parent)
        self.session = session
        self.consent_id = consent_id
        self.setWindowTitle(title)
        self.image = QtGui.QImage.fromData(content)
        self.picture = QtWidgets.QLabel(self)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setMinimumSize(200, 200)
        self.save_button = QtWidgets.QPushButton(_("Save a copy…"), self)
        self.save_button.clicked.connect(lambda _checked=False: self.save_copy())
        close = QtWidgets.QPushButton(_("Close"), self)
        close.clicked.connect(self.accept)
        buttons = QtWidgets.QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.picture, 1)
        layout.addLayout(buttons)
        self.resize(700, 680)

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self.image.isNull():
            self.picture.setPixmap(
                QtGui.QPixmap.fromImage(self.image).scaled(
                    self.picture.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
                )
            )

    def save_copy(self, folder: Path | None = None) -> Path | None:
        if folder is None:
            answer = QtWidgets.QFileDialog.getExistingDirectory(
                self, _("Folder for an unencrypted copy of the signed form"), str(Path.home())
            )
            if not answer:
                return None
            folder = Path(answer)
        try:
            return privacy.save_signed_form(self.session, self.consent_id, folder)
        except AppError as exc:
            QtWidgets.QMessageBox.warning(self, self.windowTitle(), error_text(exc))
            return None
