"""One client's file: personal data, household, cases, consultations, goals, consents, appointments,
and who opened or changed the record (audit trail)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

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
from ...i18n import N_, _
from ...i18n.formatting import country_name, format_date, format_datetime, language_name
from ...services import accounts, casework
from ...services.casework import ClientFile
from ...services.session import Session
from ..dialog_hooks import not_available, optional_class
from ..icons import icon
from ..qt import Qt, QtCore, QtGui, QtWidgets, Signal
from ..style import set_role

AUDIT_ACTIONS = {"view": N_("opened"), "create": N_("created"), "update": N_("changed"),
                 "delete": N_("deleted"), "print": N_("printed"), "export": N_("exported")}
RECORD_TYPES = {"client": N_("client"), "case": N_("case"), "consultation": N_("consultation"),
                "goal": N_("agreement goal"), "consent": N_("consent"), "appointment": N_("appointment")}


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

    def fill(self, rows: list[list[str]]) -> None:
        self.setHorizontalHeaderLabels([_(h) for h in self._headers])
        self.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                self.setItem(r, c, QtWidgets.QTableWidgetItem(value))
        self.resizeColumnsToContents()


class ClientPage(QtWidgets.QWidget):
    back_requested = Signal()
    changed = Signal()

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
        self.back_button = QtWidgets.QPushButton()
        self.back_button.setShortcut(QtGui.QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Left))
        self.back_button.clicked.connect(self.back_requested)
        self.consult_button = QtWidgets.QPushButton(icon("consultation"), "")
        set_role(self.consult_button, "primary")
        self.consult_button.setShortcut(QtGui.QKeySequence("Ctrl+R"))
        self.consult_button.clicked.connect(self.open_consultation_dialog)
        self.edit_button = QtWidgets.QPushButton(icon("edit"), "")
        self.edit_button.setShortcut(QtGui.QKeySequence("Ctrl+E"))
        self.edit_button.clicked.connect(self.open_edit_client_dialog)

        self.personal = QtWidgets.QLabel()
        self.personal.setTextFormat(Qt.TextFormat.RichText)
        self.personal.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeading)
        self.personal.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.personal.setContentsMargins(12, 12, 12, 12)
        self.household = RecordTable([N_("Name"), N_("Relation"), N_("Year of birth"), N_("Counselled")])
        self.cases = RecordTable([N_("Service"), N_("Counsellor"), N_("Opened"), N_("Closed"),
                                  N_("Close reason"), N_("Case management")])
        self.consultations = RecordTable([N_("Date"), N_("Minutes"), N_("Form"), N_("Topics"),
                                          N_("Interpreter"), N_("Counsellor"), N_("Notes")])
        self.goals = RecordTable([N_("Goal"), N_("Steps"), N_("Who"), N_("Due"), N_("Status"),
                                  N_("Reviewed")])
        self.consents = RecordTable([N_("Purpose"), N_("Recipient"), N_("Given"), N_("Withdrawn"),
                                     N_("Expires")])
        self.appointments = RecordTable([N_("Start"), N_("End"), N_("Place"), N_("Status"), N_("Counsellor")])
        self.audit = RecordTable([N_("When"), N_("Who"), N_("What"), N_("Record"), N_("Fields")])
        self.tabs = QtWidgets.QTabWidget()
        scroll = QtWidgets.QScrollArea()
        scroll.setObjectName("personal")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.personal)
        self._tab_pages: list[tuple[QtWidgets.QWidget, str]] = [
            (scroll, N_("Personal data")), (self.household, N_("Household")), (self.cases, N_("Cases")),
            (self.consultations, N_("Consultations")), (self.goals, N_("Agreement goals")),
            (self.consents, N_("Consents")), (self.appointments, N_("Appointments")),
            (self.audit, N_("Audit trail"))]
        for page, _label in self._tab_pages:
            self.tabs.addTab(page, "")

        header = QtWidgets.QHBoxLayout()
        names = QtWidgets.QVBoxLayout()
        names.addWidget(self.title)
        names.addWidget(self.subtitle)
        header.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        header.addLayout(names, 1)
        header.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.consult_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.tabs, 1)

    # -- content -------------------------------------------------------------------------------------

    def show_client(self, client_id: str) -> None:
        """Reads the client's file (the view is audited) and shows it."""
        self.file = casework.client_file(self.session, client_id)
        self._users = {u.id: u.label for u in accounts.list_users(self.session)}
        self._render()

    def reload(self) -> None:
        if self.file:
            self.show_client(self.file.client.id)

    def client_id(self) -> str | None:
        return self.file.client.id if self.file else None

    def _render(self) -> None:
        f = self.file
        if f is None:
            return
        c = f.client
        self.title.setText(c.display_name + (f"  ·  {c.given_name_original} {c.family_name_original}".rstrip()
                                             if c.family_name_original or c.given_name_original else ""))
        born = format_date(c.birth_date) if c.birth_date else str(c.birth_year or _("unknown"))
        self.subtitle.setText(_("No. {number} · born {born} · {country}").format(
            number=c.client_number, born=born,
            country=country_name(c.country_of_origin) or _("country unknown")))
        self.personal.setText(self._personal_html())
        user = self._users.get
        self.household.fill([[f"{m.given_name} {m.family_name}".strip(), m.relation, str(m.birth_year or ""),
                              _yes(m.counselled)] for m in c.household])
        self.cases.fill([[_(SERVICES.label(k.service)), user(k.counsellor_id, ""), format_date(k.opened),
                          format_date(k.closed),
                          _(CLOSE_REASONS.label(k.close_reason)) if k.close_reason else "",
                          _yes(k.case_management)] for k in f.cases])
        self.consultations.fill([[format_datetime(s.start), str(s.minutes), _(FORMS.label(s.form)),
                                  ", ".join(_(TOPICS.label(t)) for t in s.topics), _yes(s.interpreter_used),
                                  user(s.counsellor_id, ""), s.notes.replace("\n", " ")[:120]]
                                 for s in f.consultations])
        self.goals.fill([[g.goal, "; ".join(g.steps), _(GOAL_RESPONSIBLE.label(g.responsible)),
                          format_date(g.due), _(GOAL_STATUSES.label(g.status)), format_date(g.reviewed)]
                         for g in f.goals])
        self.consents.fill([[_(CONSENT_PURPOSES.label(k.purpose)), k.recipient, format_date(k.given),
                             format_date(k.withdrawn), format_date(k.expires)] for k in f.consents])
        self.appointments.fill([[format_datetime(a.start), format_datetime(a.end), a.place,
                                 _(APPOINTMENT_STATUSES.label(a.status)), user(a.counsellor_id, "")]
                                for a in f.appointments])
        # Audit times are stored in UTC; people read them in local time.
        self.audit.fill([[format_datetime(e.at.astimezone().replace(tzinfo=None)), e.user,
                          _(AUDIT_ACTIONS.get(e.action, e.action)),
                          _(RECORD_TYPES.get(e.record_type, e.record_type)), e.detail]
                         for e in f.audit])

    def _personal_html(self) -> str:
        assert self.file is not None
        c = self.file.client
        rows: list[tuple[str, str]] = [
            (_("Given name"), c.given_name), (_("Family name"), c.family_name),
            (_("Given name (original script)"), c.given_name_original),
            (_("Family name (original script)"), c.family_name_original),
            (_("Date of birth"), format_date(c.birth_date) if c.birth_date else str(c.birth_year or "")),
            (_("Gender"), _(GENDERS.label(c.gender))),
            (_("Country of origin"), country_name(c.country_of_origin)),
            (_("Nationality"), country_name(c.nationality)),
            (_("Languages"), ", ".join(language_name(code) for code in c.languages)),
            (_("Interpreter needed"), _yes(c.interpreter_needed)),
            (_("Residence status"), _(RESIDENCE_STATUSES.label(c.residence_status))),
            (_("Arrival in Germany"), format_date(c.arrival_date)),
            (_("Phone number"), c.phone), (_("E-mail"), c.email), (_("Address"), c.address), (_("Notes"), c.notes),
            (_("Open services"), ", ".join(SERVICE_SHORT.get(k.service, k.service)
                                           for k in self.file.cases if k.is_open)),
        ]
        cells = "".join(f"<tr><td style='color:#5b6b73; padding:3px 18px 3px 0'>{_html(label)}</td>"
                        f"<td style='padding:3px 0'>{_html(value) or '–'}</td></tr>" for label, value in rows)
        return f"<table>{cells}</table>"

    # -- actions (dialogs of the forms branch) -------------------------------------------------------

    def _run_dialog(self, module: str, name: str, build: Callable[[type], QtWidgets.QDialog]) -> None:
        dialog_class = optional_class(module, name)
        if dialog_class is None or self.file is None:
            not_available(self)
            return
        dialog = build(dialog_class)
        if dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted:
            self.reload()
            self.changed.emit()

    def open_consultation_dialog(self) -> None:
        self._run_dialog("consultations.consultation_dialog", "ConsultationDialog",
                         lambda cls: cls(self.session, self.file.client, parent=self))

    def open_edit_client_dialog(self) -> None:
        self._run_dialog("clients.client_dialog", "ClientDialog",
                         lambda cls: cls(self.session, self.file.client, parent=self))

    # -- language ------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.back_button.setText(_("Back to the list"))
        self.back_button.setToolTip(_("Alt+Left"))
        self.consult_button.setText(_("Record consultation"))
        self.consult_button.setToolTip(_("Ctrl+R"))
        self.edit_button.setText(_("Edit"))
        self.edit_button.setToolTip(_("Ctrl+E"))
        for i, (page, label) in enumerate(self._tab_pages):
            self.tabs.setTabText(i, _(label))
            page.setAccessibleName(_(label))
        self.personal.setAccessibleName(_("Personal data"))
        self._render()

    def changeEvent(self, event: QtCore.QEvent) -> None:
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _html(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>"))
