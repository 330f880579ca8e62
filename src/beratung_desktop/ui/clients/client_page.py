"""One client's file: personal data, household, cases, consultations, goals, consents, appointments,
and who opened or changed the record (audit trail)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime

from ...domain.cases import Case
from ...domain.catalogues import (
    APPOINTMENT_STATUSES,
    CLOSE_REASONS,
    CONSENT_PURPOSES,
    FORMS,
    GENDERS,
    GOAL_RESPONSIBLE,
    GOAL_STATUSES,
    RESIDENCE_STATUSES,
    SERVICE_SHORT,
    SERVICES,
    TOPICS,
)
from ...i18n import N_, _, is_rtl
from ...i18n.formatting import country_name, format_date, format_datetime, language_name, left_to_right
from ...services import accounts, audit, casework, printing
from ...services.casework import ClientFile
from ...services.session import Session
from ..appointments.appointment_dialog import AppointmentDialog
from ..cases.case_dialog import CaseDialog, CloseCaseDialog
from ..cases.goals_editor import GoalsDialog
from ..consents.consent_dialog import ConsentDialog
from ..consultations.consultation_dialog import ConsultationDialog
from ..document_preview import DocumentPreview
from ..documents.documents_tab import DocumentsTab
from ..forms.flow_layout import FlowLayout
from ..forms.readable_header import keep_captions_readable, widen_to_captions
from ..icons import icon
from ..privacy.client_privacy import ClientPrivacy
from ..qt import Qt, QtCore, QtGui, QtWidgets, Signal
from ..retranslating import Retranslating
from ..style import set_role
from .client_dialog import ClientDialog
from .network_tab import ClientNetworkTab


def _date(day: date | None) -> str:
    return left_to_right(format_date(day))


def _moment(moment: datetime | None) -> str:
    return left_to_right(format_datetime(moment))


def _yes(value: bool) -> str:
    return _("yes") if value else _("no")


class RecordTable(QtWidgets.QTableWidget):
    """A small read-only table for one client's records (tens of rows, filled at once)."""

    def __init__(self, headers: Sequence[str], parent: QtWidgets.QWidget | None = None):
        super().__init__(0, len(headers), parent)
        self._headers = list(headers)
        self.verticalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)
        self.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        keep_captions_readable(self)

    def changeEvent(self, event: QtCore.QEvent) -> None:
        # The captions follow a language switch even where the owner does not fill the table again.
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.setHorizontalHeaderLabels([_(h) for h in self._headers])
        super().changeEvent(event)

    def fill(self, rows: list[list[str]]) -> None:
        self.setHorizontalHeaderLabels([_(h) for h in self._headers])
        self.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                self.setItem(r, c, QtWidgets.QTableWidgetItem(value))
        self.resizeColumnsToContents()
        widen_to_captions(self.horizontalHeader())


class ClientPage(Retranslating, QtWidgets.QWidget):
    back_requested = Signal()
    changed = Signal()
    erased = Signal()

    def __init__(self, session: Session, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.file: ClientFile | None = None
        self._users: dict[str, str] = {}
        self._build()
        self.retranslate()

    # -- layout --------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QtWidgets.QLabel()
        set_role(self.title, "title")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle = QtWidgets.QLabel()
        set_role(self.subtitle, "subtitle")
        # Long names and Russian or Ukrainian labels wrap instead of pushing the buttons off the screen.
        self.title.setWordWrap(True)
        self.subtitle.setWordWrap(True)
        self.back_button = QtWidgets.QPushButton()
        self.back_button.clicked.connect(self.back_requested)
        self.consult_button = QtWidgets.QPushButton(icon("consultation"), "")
        set_role(self.consult_button, "primary")
        self.consult_button.clicked.connect(self.open_consultation_dialog)
        self.edit_button = QtWidgets.QPushButton(icon("edit"), "")
        self.edit_button.clicked.connect(self.open_edit_client_dialog)
        self.privacy = ClientPrivacy(self, self.session)
        self.privacy.erased.connect(self._erased)
        # QShortcut, not QPushButton.setShortcut: setText() on a language switch would clear the latter.
        for keys, slot in (
            (QtGui.QKeySequence("Ctrl+R"), self.open_consultation_dialog),
            (QtGui.QKeySequence("Ctrl+E"), self.open_edit_client_dialog),
            (QtGui.QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Left), self.back_requested.emit),
        ):
            QtGui.QShortcut(keys, self, activated=slot)

        self.personal = QtWidgets.QLabel()
        self.personal.setTextFormat(Qt.TextFormat.RichText)
        self.personal.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeading)
        self.personal.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.personal.setContentsMargins(12, 12, 12, 12)
        self.household = RecordTable([N_("Name"), N_("Relation"), N_("Year of birth"), N_("Counselled")])
        self.cases = RecordTable(
            [N_("Service"), N_("Counsellor"), N_("Opened"), N_("Closed"), N_("Close reason"), N_("Case management")]
        )
        self.consultations = RecordTable(
            [N_("Date"), N_("Minutes"), N_("Form"), N_("Topics"), N_("Interpreter"), N_("Counsellor"), N_("Notes")]
        )
        self.goals = RecordTable([N_("Goal"), N_("Steps"), N_("Who"), N_("Due"), N_("Status"), N_("Reviewed")])
        self.consents = RecordTable(
            [N_("Purpose"), N_("Recipient"), N_("Given"), N_("Withdrawn"), N_("Expires"), N_("Signed form")]
        )
        self.appointments = RecordTable([N_("Start"), N_("End"), N_("Place"), N_("Status"), N_("Counsellor")])
        self.audit = RecordTable([N_("When"), N_("Who"), N_("What"), N_("Record"), N_("Fields")])
        self.network = ClientNetworkTab(self.session)
        self.network.changed.connect(self.changed)
        self.documents_tab = DocumentsTab(self.session, self)
        self.documents_tab.changed.connect(self.changed)
        self.tabs = QtWidgets.QTabWidget()
        scroll = QtWidgets.QScrollArea()
        scroll.setObjectName("personal")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.personal)
        self._tab_pages: list[tuple[QtWidgets.QWidget, str]] = [
            (scroll, N_("Personal data")),
            (self.household, N_("Household")),
            (self.cases, N_("Cases")),
            (self.consultations, N_("Consultations")),
            (self.goals, N_("Agreement goals")),
            (self.consents, N_("Consents")),
            (self.appointments, N_("Appointments")),
            (self.network, N_("Referrals and groups")),
            (self.documents_tab, N_("Documents")),
            (self.audit, N_("Audit trail")),
        ]
        self.open_case_button = self._button(self.open_case_dialog)
        self.close_case_button = self._button(self.open_close_case_dialog)
        self.goals_button = self._button(self.open_goals_dialog)
        self.goals_button_2 = self._button(self.open_goals_dialog)
        self.consent_button = self._button(self.open_consent_dialog)
        self.appointment_button = self._button(self.open_appointment_dialog)
        self.preview = DocumentPreview(self)
        self.print_record_button = self._button(self.print_consultation_record)
        self.print_agreement_button = self._button(self.print_agreement)
        self.print_summary_button = self._button(self.print_case_summary)
        self.print_record_for_button = QtWidgets.QPushButton()
        self.record_for_menu = QtWidgets.QMenu(self.print_record_for_button)
        self.print_record_for_button.setMenu(self.record_for_menu)
        self.record_for_menu.aboutToShow.connect(
            lambda: self.privacy.fill_partner_menu(self.record_for_menu, self.print_consultation_record)
        )
        self.print_summary_for_button = QtWidgets.QPushButton()
        self.summary_for_menu = QtWidgets.QMenu(self.print_summary_for_button)
        self.print_summary_for_button.setMenu(self.summary_for_menu)
        self.summary_for_menu.aboutToShow.connect(
            lambda: self.privacy.fill_partner_menu(self.summary_for_menu, self.print_case_summary)
        )
        self.print_consent_button = QtWidgets.QPushButton()
        self.consent_menu = QtWidgets.QMenu(self.print_consent_button)
        self.print_consent_button.setMenu(self.consent_menu)
        self.consent_menu.aboutToShow.connect(self._fill_consent_menu)
        actions = {
            self.cases: [
                self.open_case_button,
                self.close_case_button,
                self.goals_button,
                self.print_agreement_button,
                self.print_summary_button,
                self.print_summary_for_button,
            ],
            self.consultations: [self.print_record_button, self.print_record_for_button],
            self.goals: [self.goals_button_2],
            self.consents: [
                self.consent_button,
                self.print_consent_button,
                self.privacy.attach_form_button,
                self.privacy.show_form_button,
            ],
            self.appointments: [self.appointment_button],
        }
        for page, _label in self._tab_pages:
            self.tabs.addTab(_with_actions(page, actions.get(page, [])), "")

        header = QtWidgets.QHBoxLayout()
        names = QtWidgets.QVBoxLayout()
        names.addWidget(self.title)
        names.addWidget(self.subtitle)
        header.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        header.addLayout(names, 1)
        header.addWidget(self.privacy.button, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.consult_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.privacy.chips)
        layout.addWidget(self.tabs, 1)

    # -- content -------------------------------------------------------------------------------------

    def show_client(self, client_id: str, *, audit_view: bool = True) -> None:
        """Reads the client's file (the view is audited unless the user just changed it) and shows it."""
        self.file = casework.client_file(self.session, client_id, audit_view=audit_view)
        self._users = {u.id: u.label for u in accounts.list_users(self.session)}
        self.documents_tab.show_client(self.file.client)
        self._render()

    def reload(self) -> None:
        if self.file:
            self.show_client(self.file.client.id, audit_view=False)

    def _erased(self) -> None:
        self.file = None  # nothing of the erased client stays in the page
        self.documents_tab.clear()
        self.erased.emit()

    def client_id(self) -> str | None:
        return self.file.client.id if self.file else None

    def _render(self) -> None:
        f = self.file
        if f is None:
            return
        c = f.client
        self.title.setText(
            c.display_name
            + (
                f"  ·  {c.given_name_original} {c.family_name_original}".rstrip()
                if c.family_name_original or c.given_name_original
                else ""
            )
        )
        born = _date(c.birth_date) if c.birth_date else str(c.birth_year or _("unknown"))
        self.subtitle.setText(
            _("No. {number} · born {born} · {country}").format(
                number=left_to_right(c.client_number),
                born=born,
                country=country_name(c.country_of_origin) or _("country unknown"),
            )
        )
        self.personal.setText(self._personal_html())
        self.network.show_client(c)
        self.privacy.show_file(f)
        user = self._users.get
        self.household.fill(
            [
                [f"{m.given_name} {m.family_name}".strip(), m.relation, str(m.birth_year or ""), _yes(m.counselled)]
                for m in c.household
            ]
        )
        self.cases.fill(
            [
                [
                    _(SERVICES.label(k.service)),
                    user(k.counsellor_id, ""),
                    _date(k.opened),
                    _date(k.closed),
                    _(CLOSE_REASONS.label(k.close_reason)) if k.close_reason else "",
                    _yes(k.case_management),
                ]
                for k in f.cases
            ]
        )
        self.consultations.fill(
            [
                [
                    _moment(s.start),
                    str(s.minutes),
                    _(FORMS.label(s.form)),
                    ", ".join(_(TOPICS.label(t)) for t in s.topics),
                    _yes(s.interpreter_used),
                    user(s.counsellor_id, ""),
                    s.notes.replace("\n", " ")[:120],
                ]
                for s in f.consultations
            ]
        )
        self.goals.fill(
            [
                [
                    g.goal,
                    "; ".join(g.steps),
                    _(GOAL_RESPONSIBLE.label(g.responsible)),
                    _date(g.due),
                    _(GOAL_STATUSES.label(g.status)),
                    _date(g.reviewed),
                ]
                for g in f.goals
            ]
        )
        self.consents.fill(
            [
                [
                    _(CONSENT_PURPOSES.label(k.purpose)),
                    k.recipient,
                    _date(k.given),
                    _date(k.withdrawn),
                    _date(k.expires),
                    _yes(k.id in self.privacy.forms),
                ]
                for k in f.consents
            ]
        )
        self.appointments.fill(
            [
                [
                    _moment(a.start),
                    _moment(a.end),
                    a.place,
                    _(APPOINTMENT_STATUSES.label(a.status)),
                    user(a.counsellor_id, ""),
                ]
                for a in f.appointments
            ]
        )
        # Audit times are stored in UTC; people read them in local time.
        self.audit.fill(
            [
                [
                    _moment(e.at.astimezone().replace(tzinfo=None)),
                    e.user,
                    audit.action_text(e.action),
                    audit.record_text(e.record_type),
                    audit.detail(e),
                ]
                for e in f.audit
            ]
        )

    def _personal_html(self) -> str:
        assert self.file is not None
        c = self.file.client
        rows: list[tuple[str, str]] = [
            (_("Given name"), c.given_name),
            (_("Family name"), c.family_name),
            (_("Given name (original script)"), c.given_name_original),
            (_("Family name (original script)"), c.family_name_original),
            (_("Date of birth"), _date(c.birth_date) if c.birth_date else str(c.birth_year or "")),
            (_("Gender"), _(GENDERS.label(c.gender))),
            (_("Country of origin"), country_name(c.country_of_origin)),
            (_("Nationality"), country_name(c.nationality)),
            (_("Languages"), ", ".join(language_name(code) for code in c.languages)),
            (_("Interpreter needed"), _yes(c.interpreter_needed)),
            (_("Residence status"), _(RESIDENCE_STATUSES.label(c.residence_status))),
            (_("Arrival in Germany"), _date(c.arrival_date)),
            (_("Phone number"), left_to_right(c.phone)),
            (_("E-mail"), c.email),
            (_("Address"), c.address),
            (_("Notes"), c.notes),
            (
                _("Open services"),
                ", ".join(SERVICE_SHORT.get(k.service, k.service) for k in self.file.cases if k.is_open),
            ),
        ]
        # Values in another script (Arabic names) keep the column's alignment instead of their own.
        align = "right" if is_rtl() else "left"
        cells = "".join(
            f"<tr><td style='color:#5b6b73; padding:3px 18px 3px 0'>{_html(label)}</td>"
            f"<td align='{align}' style='padding:3px 0'>{_html(value) or '–'}</td></tr>"
            for label, value in rows
        )
        return f"<table>{cells}</table>"

    # -- actions -------------------------------------------------------------------------------------

    def _button(self, slot: Callable[[], None]) -> QtWidgets.QPushButton:
        button = QtWidgets.QPushButton()
        button.clicked.connect(lambda _checked=False: slot())  # the slots' arguments are not `checked`
        return button

    def _run(self, build: Callable[[ClientFile], QtWidgets.QDialog | None], always: bool = False) -> None:
        """Runs a form for this client; the page (and the list) reload when it was saved (or `always`,
        for editors that save as they go)."""
        if self.file is None:
            return
        dialog = build(self.file)
        if dialog is None:
            return
        if dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted or always:
            self.reload()
            self.changed.emit()

    def _selected_case(self, open_only: bool = False) -> Case | None:
        """The case selected in the Cases tab, else the only (open) case; None asks the user to choose."""
        assert self.file is not None
        cases = [k for k in self.file.cases if k.is_open or not open_only]
        row = self.cases.currentRow()
        if 0 <= row < len(self.file.cases) and self.cases.selectionModel().hasSelection():
            chosen = self.file.cases[row]
            if chosen in cases:
                return chosen
        if len(cases) == 1:
            return cases[0]
        QtWidgets.QMessageBox.information(
            self,
            _("Choose a case"),
            _("Select the case in the Cases tab first.") if cases else _("This client has no open case."),
        )
        self.tabs.setCurrentIndex(2)
        return None

    def open_consultation_dialog(self) -> None:
        self._run(lambda f: ConsultationDialog(self.session, f.client, parent=self))

    def open_edit_client_dialog(self) -> None:
        self._run(lambda f: ClientDialog(self.session, f.client, parent=self))

    def open_case_dialog(self) -> None:
        self._run(lambda f: CaseDialog(self.session, f.client, parent=self))

    def open_close_case_dialog(self) -> None:
        self._run(
            lambda f: (case := self._selected_case(open_only=True)) and CloseCaseDialog(self.session, case, parent=self)
        )

    def open_goals_dialog(self) -> None:
        self._run(
            lambda f: (case := self._selected_case()) and GoalsDialog(self.session, case, parent=self), always=True
        )

    def open_consent_dialog(self) -> None:
        self._run(lambda f: ConsentDialog(self.session, f.client, parent=self))

    def open_appointment_dialog(self) -> None:
        self._run(lambda f: AppointmentDialog(self.session, client=f.client, parent=self))

    # -- printing ------------------------------------------------------------------------------------

    def _selected_row(self, table: RecordTable, count: int, tab: int, hint: str) -> int | None:
        row = table.currentRow()
        if 0 <= row < count and table.selectionModel().hasSelection():
            return row
        if count == 1:
            return 0
        QtWidgets.QMessageBox.information(self, _("Choose a record"), hint)
        self.tabs.setCurrentIndex(tab)
        return None

    def print_consultation_record(self, recipient: str = "") -> None:
        """For the client, or for a partner (`recipient`): refused unless the client's consent to pass
        their data on to that partner is in effect."""
        if self.file is None:
            return
        row = self._selected_row(
            self.consultations,
            len(self.file.consultations),
            3,
            _("Select the consultation in the Consultations tab first."),
        )
        if row is None:
            return
        consultation_id = self.file.consultations[row].id
        number = self.file.client.client_number
        self.preview.show(
            lambda: printing.consultation_record_pdf(self.session, consultation_id, recipient=recipient),
            _("Consultation record"),
            f"consultation-record-{number}.pdf",
        )

    def print_agreement(self) -> None:
        case = self._selected_case() if self.file else None
        if case is None:
            return
        self.preview.show(
            lambda: printing.agreement_pdf(self.session, case.id),
            _("Agreement"),
            f"agreement-{self.file.client.client_number}.pdf",
        )

    def print_case_summary(self, recipient: str = "") -> None:
        case = self._selected_case() if self.file else None
        if case is None:
            return
        self.preview.show(
            lambda: printing.case_summary_pdf(self.session, case.id, recipient=recipient),
            _("Case summary"),
            f"case-summary-{self.file.client.client_number}.pdf",
        )

    def _fill_consent_menu(self) -> None:
        self.consent_menu.clear()
        if self.file is None:
            return
        row = self.consents.currentRow()
        if 0 <= row < len(self.file.consents) and self.consents.selectionModel().hasSelection():
            consent = self.file.consents[row]
            self.consent_menu.addAction(
                _("Form of the selected consent"), lambda: self.print_consent_form(consent.purpose, consent.id)
            )
            self.consent_menu.addSeparator()
        for entry in CONSENT_PURPOSES:
            self.consent_menu.addAction(
                _("Blank form: {purpose}").format(purpose=_(entry.label)),
                lambda code=entry.code: self.print_consent_form(code),
            )

    def print_consent_form(self, purpose: str, consent_id: str | None = None) -> None:
        if self.file is None:
            return
        client_id = self.file.client.id
        self.preview.show(
            lambda: printing.consent_form_pdf(self.session, client_id, purpose, consent_id=consent_id),
            _("Consent form"),
            f"consent-{purpose}-{self.file.client.client_number}.pdf",
        )

    # -- language ------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.back_button.setText(_("Back to the list"))
        self.back_button.setToolTip(_("Alt+Left"))
        self.consult_button.setText(_("Record consultation"))
        self.consult_button.setToolTip(_("Ctrl+R"))
        self.edit_button.setText(_("Edit"))
        self.edit_button.setToolTip(_("Ctrl+E"))
        self.open_case_button.setText(_("Open case…"))
        self.close_case_button.setText(_("Close case…"))
        self.goals_button.setText(_("Agreement goals…"))
        self.goals_button_2.setText(_("Edit goals…"))
        self.consent_button.setText(_("Add consent…"))
        self.appointment_button.setText(_("New appointment…"))
        self.print_record_button.setText(_("Print record…"))
        self.print_agreement_button.setText(_("Print agreement…"))
        self.print_summary_button.setText(_("Print case summary…"))
        self.print_consent_button.setText(_("Print consent form"))
        self.print_record_for_button.setText(_("Print record for a partner"))
        self.print_summary_for_button.setText(_("Print case summary for a partner"))
        self.privacy.retranslate()
        for i, (page, label) in enumerate(self._tab_pages):
            self.tabs.setTabText(i, _(label))
            page.setAccessibleName(_(label))
        self.personal.setAccessibleName(_("Personal data"))
        self._render()


def _with_actions(page: QtWidgets.QWidget, buttons: list[QtWidgets.QPushButton]) -> QtWidgets.QWidget:
    if not buttons:
        return page
    box = QtWidgets.QWidget()
    layout = QtWidgets.QVBoxLayout(box)
    layout.setContentsMargins(6, 6, 6, 0)
    bar = FlowLayout()
    for button in buttons:
        bar.addWidget(button)
    layout.addLayout(bar)
    layout.addWidget(page, 1)
    return box


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")
