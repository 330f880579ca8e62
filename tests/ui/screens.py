"""Every top-level window and dialog of the app, built on a small demo store, for the screen-fit test.

`SCREENS` maps a name to a builder. A builder receives the `ScreenWorld` and yields the top-level widget
once per state worth checking (a page, a tab, a wizard step); the test shows the widget before the first
state and checks it after each. A new window or dialog belongs here the day it is written (see
docs/design.md, "Desktop"): the fit test then opens it in every interface language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from beratung_desktop.config import Settings, SettingsStore
from beratung_desktop.domain.cases import Case
from beratung_desktop.domain.clients import Client
from beratung_desktop.services import accounts, auto_backup, casework, demo
from beratung_desktop.services.client_list import ListQuery, list_client_ids
from beratung_desktop.services.session import Session
from beratung_desktop.storage.keyslots import TEST_KDF
from beratung_desktop.ui.qt import QtWidgets

Screens = Iterator[QtWidgets.QWidget]


@dataclass
class ScreenWorld:
    session: Session  # a team lead in a demo office: sees every page
    folder: Path
    tmp: Path
    settings_store: SettingsStore
    client: Client  # the client with the longest file
    case: Case
    pdf: bytes
    backups: Path
    org: Session | None = None

    def new_settings(self) -> Settings:
        return Settings()


def build_world(tmp: Path) -> ScreenWorld:
    folder = tmp / "demo"
    demo.ensure_demo_store(folder, clients=40, kdf=TEST_KDF)
    probe = accounts.unlock(folder, demo.DEMO_USER, demo.DEMO_PASSWORD)
    lead = next(u.name for u in probe.store.users.all() if u.role == "team_lead")
    probe.close()
    session = accounts.unlock(folder, lead, demo.DEMO_PASSWORD)
    busiest = list_client_ids(session, ListQuery(sort="last_contact", descending=True, case_state="open"))[0]
    file = casework.client_file(session, busiest)
    case = next((c for c in file.cases if c.case_management), file.cases[0])
    from beratung_desktop.domain.statistics import Period
    from beratung_desktop.services import printing

    today = date.today()
    pdf = printing.monthly_summary_pdf(session, Period.month(today.year, today.month), language="de", today=today)
    backups = tmp / "Backups"
    auto_backup.write_checked_backup(session, backups, datetime.combine(today, time(17)))
    store = SettingsStore(tmp / "machine.json", tmp / "user.json")
    from tests.exchange.conftest import make_org

    org, _key = make_org(tmp / "org")
    return ScreenWorld(session, folder, tmp, store, file.client, case, pdf, backups, org)


def close_world(world: ScreenWorld) -> None:
    world.session.close()
    if world.org is not None:
        world.org.close()


SCREENS: dict[str, Callable[[ScreenWorld], Screens]] = {}


def screen(name: str):
    def register(builder: Callable[[ScreenWorld], Screens]) -> Callable[[ScreenWorld], Screens]:
        SCREENS[name] = builder
        return builder

    return register


# -- the main window and its pages -------------------------------------------------------------------


def _main_window(world: ScreenWorld):
    from beratung_desktop.ui.main_window import MainWindow

    return MainWindow(world.session, world.settings_store, world.new_settings(), demo=True)


@screen("main-window")
def main_window_pages(world: ScreenWorld) -> Screens:
    window = _main_window(world)
    yield window
    for key in window.page_keys:
        window.show_page(key)
        yield window
        if key == "appointments":
            window.appointments_view.set_mode("day")
            yield window
            window.appointments_view.set_mode("week")


@screen("client-page")
def client_page_tabs(world: ScreenWorld) -> Screens:
    window = _main_window(world)
    window.open_client(world.client.id)
    yield window
    for index in range(1, window.client_page.tabs.count()):
        window.client_page.tabs.setCurrentIndex(index)
        yield window


@screen("help")
def help_box(world: ScreenWorld) -> Screens:
    yield _main_window(world).help_box()


@screen("organisation")
def organisation_view(world: ScreenWorld) -> Screens:
    from beratung_desktop.ui.organisation_view import OrganisationView

    assert world.org is not None
    yield OrganisationView(world.org)


# -- sign-in, set-up, lock, crash ---------------------------------------------------------------------


@screen("setup-wizard")
def setup_wizard(world: ScreenWorld) -> Screens:
    from beratung_desktop.ui.setup_wizard import SetupWizard

    wizard = SetupWizard(world.tmp / "wizard-never-created", office="Migrationsberatung Musterstadt", kdf=TEST_KDF)
    yield wizard
    wizard.next()
    wizard.user_page.display.setText("Berta Beispiel")
    wizard.user_page.login.setText("berta")
    yield wizard
    wizard.next()
    wizard.password_page.password.setText("Gruene Wiese am Fluss")
    wizard.password_page.repeat.setText("Gruene Wiese am Fluss")
    yield wizard
    # The last page shows the key once the store exists; a stand-in session keeps the test from creating one.
    wizard.session = object()  # type: ignore[assignment]
    wizard.next()
    wizard.recovery_page.key_ready("ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-2345-6789")
    yield wizard
    wizard.session = None


@screen("unlock")
def unlock_screen(world: ScreenWorld) -> Screens:
    from beratung_desktop.ui.unlock_screen import UnlockScreen

    unlock = UnlockScreen(
        ["berta", "demo"], lambda user, password: None, hint="Demo office", office="Beratungsstelle Demo"
    )
    yield unlock
    unlock._show_error("x" * 20)
    yield unlock


@screen("recovery")
def recovery_dialog(world: ScreenWorld) -> Screens:
    from beratung_desktop.ui.recovery_dialog import RecoveryDialog

    yield RecoveryDialog(["berta", "demo"], "berta", lambda key, user, password: None)


@screen("lock-window")
def lock_window(world: ScreenWorld) -> Screens:
    from beratung_desktop.ui.auto_lock import LockWindow

    yield LockWindow(world.session)


@screen("crash")
def crash_box(world: ScreenWorld) -> Screens:
    from beratung_desktop.ui.crash_dialog import show_crash_report

    yield show_crash_report("2026-11-29-1234", world.tmp / "log" / "beratung-desktop.log")


@screen("restore")
def restore_dialog(world: ScreenWorld) -> Screens:
    from beratung_desktop.ui.restore_dialog import RestoreDialog

    yield RestoreDialog(auto_backup.list_backups(world.session, world.backups), world.backups)


# -- record forms -------------------------------------------------------------------------------------


@screen("client-new")
def client_new(world: ScreenWorld) -> Screens:
    from beratung_desktop.ui.clients.client_dialog import ClientDialog

    yield ClientDialog(world.session)


@screen("client-edit")
def client_edit(world: ScreenWorld) -> Screens:
    from beratung_desktop.ui.clients.client_dialog import ClientDialog

    yield ClientDialog(world.session, world.client)


@screen("consultation")
def consultation(world: ScreenWorld) -> Screens:
    from beratung_desktop.ui.consultations.consultation_dialog import ConsultationDialog

    yield ConsultationDialog(world.session, world.client, world.case)


@screen("case")
def case_dialog(world: ScreenWorld) -> Screens:
    from beratung_desktop.ui.cases.case_dialog import CaseDialog

    yield CaseDialog(world.session, world.client)


@screen("close-case")
def close_case(world: ScreenWorld) -> Screens:
    from beratung_desktop.ui.cases.case_dialog import CloseCaseDialog

    yield CloseCaseDialog(world.session, world.case)


@screen("goals")
def goals(world: ScreenWorld) -> Screens:
    from beratung_desktop.ui.cases.goals_editor import GoalsDialog

    yield GoalsDialog(world.session, world.case)


@screen("consent")
def consent(world: ScreenWorld) -> Screens:
    from beratung_desktop.ui.consents.consent_dialog import ConsentDialog

    yield ConsentDialog(world.session, world.client)


@screen("activity")
def activity(world: ScreenWorld) -> Screens:
    from beratung_desktop.ui.activities.activity_dialog import ActivityDialog

    yield ActivityDialog(world.session)


@screen("appointment")
def appointment(world: ScreenWorld) -> Screens:
    from beratung_desktop.ui.appointments.appointment_dialog import AppointmentDialog

    tomorrow = date.today() + timedelta(days=1)
    yield AppointmentDialog(world.session, start=datetime.combine(tomorrow, time(10, 30)), client=world.client)


@screen("unsaved-changes")
def unsaved_changes(world: ScreenWorld) -> Screens:
    from beratung_desktop.ui.activities.activity_dialog import ActivityDialog

    form = ActivityDialog(world.session)
    form.show()
    form.title.setText("Runder Tisch")
    form.reject()
    assert form.discard_prompt is not None
    yield form.discard_prompt


# -- documents and lists ------------------------------------------------------------------------------


@screen("print-preview")
def print_preview(world: ScreenWorld) -> Screens:
    from beratung_desktop.ui.print_preview import PrintPreviewDialog

    yield PrintPreviewDialog(world.pdf, "Monatsübersicht", "uebersicht.pdf")


@screen("import")
def import_dialog(world: ScreenWorld) -> Screens:
    from beratung_desktop.ui.import_dialog import ImportDialog

    yield ImportDialog(world.session)


# -- users and passwords (settings page) --------------------------------------------------------------


def _users_panel(world: ScreenWorld):
    from beratung_desktop.ui.users_panel import UsersPanel

    panel = UsersPanel(world.session, kdf=TEST_KDF)
    other = next(c for c in panel.colleagues if c.user.id != world.session.user.id and c.user.role != "admin")
    panel.select(other.user.name)
    return panel


@screen("colleague")
def colleague_dialog(world: ScreenWorld) -> Screens:
    yield _users_panel(world).add_colleague()


@screen("reset-password")
def reset_password(world: ScreenWorld) -> Screens:
    dialog = _users_panel(world).reset_selected()
    assert dialog is not None
    yield dialog


@screen("remove-colleague")
def remove_colleague(world: ScreenWorld) -> Screens:
    box = _users_panel(world).remove_selected()
    assert box is not None
    yield box


@screen("password-change")
def password_change(world: ScreenWorld) -> Screens:
    from beratung_desktop.ui.password_change_dialog import PasswordChangeDialog

    yield PasswordChangeDialog(world.session, forced=True, kdf=TEST_KDF)


@screen("recovery-key")
def recovery_key(world: ScreenWorld) -> Screens:
    from beratung_desktop.ui.recovery_key_sheet import RecoveryKeyDialog

    key = "ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-2345-6789"
    yield RecoveryKeyDialog(key, "Beratungsstelle Demo", world.folder, "A colleague was removed.")


# -- privacy (client page) ----------------------------------------------------------------------------


@screen("erase-client")
def erase_client(world: ScreenWorld) -> Screens:
    from beratung_desktop.ui.privacy.erase_dialog import EraseDialog

    yield EraseDialog(world.session, world.client)


# -- network page (partners, interpreters, groups, short contacts) and referrals -----------------------


@screen("partner")
def partner(world: ScreenWorld) -> Screens:
    from beratung_desktop.services import partners
    from beratung_desktop.ui.network.partner_dialog import MergePartnerDialog, PartnerDialog

    known = partners.list_partners(world.session)
    yield PartnerDialog(world.session, known[0] if known else None)
    if known:
        yield MergePartnerDialog(world.session, known[0])


@screen("interpreter")
def interpreter(world: ScreenWorld) -> Screens:
    from beratung_desktop.ui.network.interpreter_dialog import InterpreterDialog

    yield InterpreterDialog(world.session)


@screen("short-contact")
def short_contact(world: ScreenWorld) -> Screens:
    from beratung_desktop.ui.network.short_contact_dialog import ShortContactDialog

    yield ShortContactDialog(world.session)


@screen("referral")
def referral(world: ScreenWorld) -> Screens:
    from beratung_desktop.ui.clients.referral_dialog import ReferralDialog

    yield ReferralDialog(world.session, world.client)


@screen("group")
def group(world: ScreenWorld) -> Screens:
    from beratung_desktop.ui.network.group_dialogs import GroupDialog

    yield GroupDialog(world.session)
    from beratung_desktop.services import groups
    from beratung_desktop.ui.network.group_dialogs import AddMemberDialog, GroupSessionDialog

    known = groups.list_groups(world.session)
    if known:
        file = groups.group_file(world.session, known[0].id)
        yield GroupSessionDialog(world.session, file)
        yield AddMemberDialog(world.session, known[0])


@screen("audit-viewer")
def audit_viewer(world: ScreenWorld) -> Screens:
    from beratung_desktop.ui.privacy.audit_viewer import AuditViewer

    yield AuditViewer(world.session)


# -- documents and deadlines -------------------------------------------------------------------------


def _a_document(world: ScreenWorld):
    from beratung_desktop.services import documents
    from beratung_desktop.services.demo_documents import synthetic_image, synthetic_pdf

    found = documents.documents_of(world.session, world.client.id)
    if len(found) >= 2:
        return found
    for name, content in (
        ("Bescheid.pdf", synthetic_pdf(["Bescheid", "Widerspruch binnen eines Monats"])),
        ("Aufenthaltstitel.jpg", synthetic_image(["Aufenthaltstitel"], "JPEG")),
    ):
        documents.add_document(
            world.session, world.client.id, name, content, documents.DocumentDetails(kind="decision"), limit=10**7
        )
    return documents.documents_of(world.session, world.client.id)


@screen("add-document")
def add_document(world: ScreenWorld) -> Screens:
    from beratung_desktop.ui.documents.add_document_dialog import AddDocumentDialog

    yield AddDocumentDialog(world.session, world.client, world.tmp / "Bescheid-Ausländerbehörde.pdf", 20 * 2**20)


@screen("deadline-dialogs")
def deadline_dialogs(world: ScreenWorld) -> Screens:
    from beratung_desktop.services import deadlines
    from beratung_desktop.ui.documents.deadline_dialogs import DeadlineDialog, DropDeadlineDialog, MoveDeadlineDialog

    yield DeadlineDialog(world.session, world.client)
    deadline = deadlines.set_deadline(world.session, world.client.id, "appeal", date.today(), "Widerspruch prüfen")
    yield MoveDeadlineDialog(world.session, deadline)
    yield DropDeadlineDialog(world.session, deadline)


@screen("document-viewer")
def document_viewer(world: ScreenWorld) -> Screens:
    from beratung_desktop.services import documents
    from beratung_desktop.ui.documents.document_viewer import DocumentViewer

    for document in _a_document(world)[:2]:
        record, content = documents.open_document(world.session, document.id)
        yield DocumentViewer(world.session, record, content)


@screen("deadline-reminder")
def deadline_reminder(world: ScreenWorld) -> Screens:
    from beratung_desktop.services import deadlines
    from beratung_desktop.ui.documents.reminder_dialog import ReminderDialog

    today = date.today()
    deadlines.set_deadline(world.session, world.client.id, "permit_expiry", today - timedelta(days=3), "Verlängerung")
    yield ReminderDialog(deadlines.reminders(world.session, today), today, lambda _client_id: None)
