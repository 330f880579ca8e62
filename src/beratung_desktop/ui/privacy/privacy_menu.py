"""The main window's "Data protection" menu: the audit log for everyone, the retention review for team
leads. The dialogs are opened window-modal and kept, so tests and the start page can reach them."""

from __future__ import annotations

from ...config import SettingsStore
from ...i18n import _
from ...services import privacy
from ...services.session import Session
from ..qt import QtWidgets, Signal
from ..retranslating import Retranslating
from .audit_viewer import AuditViewer
from .retention_review import RetentionReview


class PrivacyMenu(Retranslating, QtWidgets.QMenu):
    """`changed` fires when the review erased clients or changed holds (lists and the start page reload)."""

    changed = Signal()

    def __init__(self, session: Session, settings_store: SettingsStore, parent: QtWidgets.QWidget):
        super().__init__(parent)
        self.session = session
        self.settings_store = settings_store
        self.window_ = parent
        self.audit_action = self.addAction("", self.open_audit_log)
        self.review_action = self.addAction("", self.open_review)
        self.review_action.setVisible(session.user.role in privacy.PRIVACY_ROLES)
        self.audit_viewer: AuditViewer | None = None
        self.review: RetentionReview | None = None
        self.retranslate()

    def open_audit_log(self) -> AuditViewer:
        self.audit_viewer = AuditViewer(self.session, self.window_)
        self.audit_viewer.open()
        return self.audit_viewer

    def open_review(self) -> RetentionReview | None:
        if self.session.user.role not in privacy.PRIVACY_ROLES:
            return None
        self.review = RetentionReview(self.session, self.settings_store, self.window_)
        self.review.changed.connect(self.changed)
        self.review.open()
        return self.review

    def retranslate(self) -> None:
        self.setTitle(_("&Data protection"))
        self.audit_action.setText(_("&Audit log…"))
        self.review_action.setText(_("&Retention review…"))
