"""The start page's privacy part: the team lead's retention review reminder and consents ending soon.

Read in a worker (the review list looks at every client); shown when there is something to say."""

from __future__ import annotations

from ...config import SettingsStore
from ...domain.catalogues import CONSENT_PURPOSES
from ...domain.consents import EXPIRY_NOTICE_DAYS
from ...i18n import _, ngettext
from ...i18n.formatting import format_date
from ...services import privacy
from ...services.privacy import StartNotices
from ...services.session import Session
from ..qt import Qt, QtWidgets, Signal
from ..retranslating import Retranslating
from ..style import set_role
from ..worker import Job, start_job
from .consent_chips import SHORT_PURPOSES


class PrivacyNotices(Retranslating, QtWidgets.QWidget):
    open_client_requested = Signal(str)
    review_requested = Signal()

    def __init__(self, session: Session, settings_store: SettingsStore, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.settings_store = settings_store
        self.notices: StartNotices | None = None
        self._job: Job | None = None
        self.review_line = QtWidgets.QLabel(self)
        self.review_line.setWordWrap(True)
        set_role(self.review_line, "notice")
        self.review_button = QtWidgets.QPushButton(self)
        self.review_button.clicked.connect(self.review_requested)
        self.expiring = QtWidgets.QGroupBox(self)
        self.list = QtWidgets.QListWidget(self.expiring)
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(lambda _item: self._open_client())
        self.open_button = QtWidgets.QPushButton(self.expiring)
        self.open_button.clicked.connect(self._open_client)
        inner = QtWidgets.QHBoxLayout(self.expiring)
        inner.addWidget(self.list, 1)
        inner.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignTop)
        review = QtWidgets.QHBoxLayout()
        review.setContentsMargins(0, 0, 0, 0)
        review.addWidget(self.review_line, 1)
        review.addWidget(self.review_button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(review)
        layout.addWidget(self.expiring)
        for widget in (self.review_line, self.review_button, self.expiring):
            widget.hide()
        self.retranslate()

    @property
    def busy(self) -> bool:
        return self._job is not None

    def refresh(self) -> None:
        if self._job is not None:
            return
        self._job = start_job(
            lambda: privacy.start_notices(self.session, self.settings_store), self._read, self._failed
        )

    def _read(self, notices: StartNotices) -> None:
        self._job = None
        self.notices = notices
        self._render()

    def _failed(self, _exc: BaseException) -> None:
        self._job = None  # a reminder that could not be read is not worth an error box on the start page

    def _render(self) -> None:
        n = self.notices
        due = n.due_for_review if n else 0
        self.review_line.setText(
            ngettext(
                "{count} client is due for the retention review: their retention ended or they withdrew consent.",
                "{count} clients are due for the retention review: their retention ended or they withdrew consent.",
                due,
            ).format(count=due)
        )
        for widget in (self.review_line, self.review_button):
            widget.setVisible(due > 0)
        self.list.clear()
        for e in n.expiring if n else []:
            purpose = e.consent.purpose
            label = _(SHORT_PURPOSES.get(purpose, CONSENT_PURPOSES.label(purpose)))
            if purpose == "sharing":
                label = _("Sharing with {recipient}").format(recipient=e.consent.recipient)
            item = QtWidgets.QListWidgetItem(
                _("{client}: {purpose} ends on {date}").format(
                    client=e.client_name, purpose=label, date=format_date(e.consent.expires)
                ),
                self.list,
            )
            item.setData(Qt.ItemDataRole.UserRole, e.consent.client_id)
        self.expiring.setVisible(bool(n and n.expiring))
        rows = min(self.list.count(), 4)
        self.list.setFixedHeight(self.list.sizeHintForRow(0) * rows + 2 * self.list.frameWidth() + 2 if rows else 0)
        if self.list.count():
            self.list.setCurrentRow(0)

    def _open_client(self) -> None:
        item = self.list.currentItem()
        client_id = item.data(Qt.ItemDataRole.UserRole) if item else None
        if isinstance(client_id, str) and client_id:
            self.open_client_requested.emit(client_id)

    def retranslate(self) -> None:
        self.review_button.setText(_("Open the retention review…"))
        title = _("Consents ending in the next {days} days").format(days=EXPIRY_NOTICE_DAYS)
        self.expiring.setTitle(title)
        self.list.setAccessibleName(title)
        self.open_button.setText(_("Open the client"))
        self._render()
