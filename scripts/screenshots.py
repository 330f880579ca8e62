"""Renders each main screen from a demo store into docs/screenshots/*.png (offscreen, no display needed).

    uv run python scripts/screenshots.py [--lang de] [--clients 1500] [--out docs/screenshots] [--only network]

German goes to docs/screenshots, another language to docs/screenshots/<lang> (`--lang ar`). The
offscreen screen is the office laptop's (1366x768, tests/laptop-screen.json), so windows open at the
size they would there; QT_SCALE_FACTOR=1.25 shows the same laptop at 125 % (1093x614 logical).

The demo store is built in a temporary folder with cheap key derivation (it is thrown away afterwards).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={ROOT / 'tests' / 'laptop-screen.json'}")

from beratung_desktop.config import Settings, SettingsStore  # noqa: E402
from beratung_desktop.services import accounts, demo, scheduling, sign_in  # noqa: E402
from beratung_desktop.services.client_list import ListQuery, list_client_ids  # noqa: E402
from beratung_desktop.storage.keyslots import TEST_KDF  # noqa: E402
from beratung_desktop.ui.auto_lock import AutoLock  # noqa: E402
from beratung_desktop.ui.clients.client_dialog import ClientDialog  # noqa: E402
from beratung_desktop.ui.language import LanguageSwitch  # noqa: E402
from beratung_desktop.ui.main_window import MainWindow  # noqa: E402
from beratung_desktop.ui.qt import QtCore, QtWidgets  # noqa: E402
from beratung_desktop.ui.setup_wizard import SetupWizard  # noqa: E402
from beratung_desktop.ui.style import apply_style  # noqa: E402
from beratung_desktop.ui.unlock_screen import UnlockScreen  # noqa: E402

SIZE = QtCore.QSize(1366, 728)  # a 1366x768 screen above the taskbar


class Shooter:
    def __init__(self, app: QtWidgets.QApplication, out: Path):
        self.app = app
        self.out = out
        out.mkdir(parents=True, exist_ok=True)

    def settle(self, ms: int = 50) -> None:
        loop = QtCore.QEventLoop()
        QtCore.QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def wait_for(self, condition, timeout_ms: int = 120000) -> None:
        waited = 0
        while not condition():
            self.settle(50)
            waited += 50
            if waited > timeout_ms:
                raise TimeoutError("screen did not get ready")

    def shot(self, widget: QtWidgets.QWidget, name: str) -> None:
        self.settle()
        path = self.out / f"{name}.png"
        widget.grab().save(str(path))
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def wizard_pages(shooter: Shooter, folder: Path) -> None:
    wizard = SetupWizard(folder, office="Migrationsberatung Musterstadt", kdf=TEST_KDF)
    wizard.resize(720, 540)
    wizard.show()
    shooter.shot(wizard, "01-wizard-office")
    wizard.next()
    wizard.user_page.display.setText("Berta Beispiel")
    wizard.user_page.login.setText("berta")
    shooter.shot(wizard, "02-wizard-user")
    wizard.next()
    wizard.password_page.password.setText("Gruene Wiese am Fluss")
    wizard.password_page.repeat.setText("Gruene Wiese am Fluss")
    shooter.shot(wizard, "03-wizard-password")
    wizard.next()
    shooter.wait_for(lambda: wizard.session is not None)
    shooter.shot(wizard, "04-wizard-recovery-key")
    wizard.session.close()
    wizard.session = None
    wizard.hide()


def typical_counsellor(folder: Path) -> str:
    """A counsellor with a usual day (about six appointments today), so start page and calendar show one."""
    session = accounts.unlock(folder, demo.DEMO_USER, demo.DEMO_PASSWORD)
    try:
        today = date.today()
        counts = {u.name: len(scheduling.day_appointments(session, today, u.id)) for u in accounts.list_users(session)}
    finally:
        session.close()
    busy = {name: n for name, n in counts.items() if n} or counts
    return min(busy, key=lambda name: abs(busy[name] - 6))


def main_screens(shooter: Shooter, folder: Path, settings_path: Path) -> None:
    user, password = demo.DEMO_USER, demo.DEMO_PASSWORD
    screen = UnlockScreen(
        sign_in.user_names(folder),
        lambda u, p: accounts.unlock(folder, u, p),
        hint=f"Demo office with invented people. User: {user} · Password: {password}",
        office=demo.DEMO_OFFICE,
    )
    screen.resize(SIZE)
    screen.show()
    screen.password.setText("not the password")
    screen.submit()
    shooter.wait_for(lambda: not screen.waiting)
    shooter.shot(screen, "05-unlock-wrong-password")
    screen.hide()

    session = accounts.unlock(folder, typical_counsellor(folder), password)
    store = SettingsStore(settings_path.with_name("machine.json"), settings_path)
    window = MainWindow(session, store, Settings(), demo=True)
    window.resize(SIZE)
    window.show()
    shooter.shot(window, "06-start")
    window.show_client_list()
    shooter.shot(window, "07-client-list")
    window.client_list.search_now("ahm")
    shooter.shot(window, "08-client-search")
    window.client_list.search_now("")
    busiest = list_client_ids(session, ListQuery(sort="last_contact", descending=True, case_state="open"))
    window.open_client(busiest[0])
    shooter.shot(window, "09-client-page")
    form = ClientDialog(session, parent=window)
    form.show()
    shooter.shot(form, "25-new-client-form")
    form.discard()
    window.client_page.tabs.setCurrentWidget(window.client_page.consultations)
    shooter.shot(window, "10-client-consultations")
    window.client_page.tabs.setCurrentWidget(window.client_page.audit)
    shooter.shot(window, "11-client-audit-trail")
    window.show_page("settings")
    shooter.shot(window, "12-settings")
    window.show_page("appointments")
    shooter.shot(window, "13-appointments")
    window.show_page("exchange")
    shooter.shot(window, "15-export")
    window.open_client(busiest[0])
    window.client_page.cases.selectRow(0)
    window.client_page.print_agreement()
    shooter.wait_for(lambda: window.client_page.preview.dialog is not None)
    preview = window.client_page.preview.dialog
    shooter.settle(300)
    shooter.shot(preview, "17-print-preview-agreement")
    preview.close()
    lock = AutoLock(shooter.app, session, minutes=0)
    lock.lock()
    lock.lock_window.resize(SIZE)
    shooter.shot(lock.lock_window, "14-locked")
    lock.stop()
    window.close()
    session.close()
    team_lead_screens(shooter, folder, store, password)


def network_screens(shooter: Shooter, folder: Path, settings_path: Path, password: str) -> None:
    """The network page: a partner with its work, the weekly group with attendance, a short contact."""
    from beratung_desktop.ui.network.group_dialogs import GroupSessionDialog
    from beratung_desktop.ui.network.short_contact_dialog import ShortContactDialog

    session = accounts.unlock(folder, typical_counsellor(folder), password)
    store = SettingsStore(settings_path.with_name("machine.json"), settings_path)
    window = MainWindow(session, store, Settings(), demo=True)
    window.resize(SIZE)
    window.show()
    window.show_page("network")
    page = window.page("network")
    partners_view = page.partners_view
    busiest = max(partners_view.partners, key=lambda p: len(session.store.referrals.for_partner(p.id)))
    partners_view.refresh(select=busiest.id)
    shooter.shot(window, "19-network-partners")
    page.tabs.setCurrentWidget(page.groups_view)
    page.groups_view.refresh()
    shooter.shot(window, "20-network-group")
    file = page.groups_view.file
    if file is not None and file.sessions:
        dialog = GroupSessionDialog(session, file, file.sessions[0], parent=window)
        dialog.show()
        shooter.shot(dialog, "21-group-attendance")
        dialog.discard()
    page.tabs.setCurrentWidget(page.short_contacts_view)
    dialog = ShortContactDialog(session, parent=window)
    dialog.topics.chip("residence_law").setChecked(True)
    dialog.form.set_code("phone")
    dialog.language.set_code("uk")
    dialog.show()
    shooter.shot(dialog, "22-short-contact")
    dialog.discard()
    window.close()
    session.close()


def document_screens(shooter: Shooter, folder: Path, settings_path: Path, password: str) -> None:
    """The documents tab of a client with letters and deadlines, and the start page listing deadlines."""
    from beratung_desktop.services import deadlines as deadline_service

    probe = accounts.unlock(folder, demo.DEMO_USER, password)
    try:
        users = {u.id: u.name for u in probe.store.users.all()}
        owners: dict[str, int] = {}
        for user_id, name in users.items():
            probe.user = probe.store.users.require(user_id)
            owners[name] = len(deadline_service.upcoming(probe))
    finally:
        probe.close()
    counsellor = max(owners, key=lambda name: owners[name])
    session = accounts.unlock(folder, counsellor, password)
    store = SettingsStore(settings_path.with_name("machine.json"), settings_path)
    window = MainWindow(session, store, Settings(), demo=True)
    window.resize(SIZE)
    window.show()
    shooter.shot(window, "23-start-deadlines")
    due = deadline_service.upcoming(session)
    client_id = max(
        {d.deadline.client_id for d in due}, key=lambda c: len(session.store.documents.for_client(c)), default=None
    )
    if client_id is not None:
        window.open_client(client_id)
        window.client_page.tabs.setCurrentWidget(window.client_page.documents_tab)
        shooter.shot(window, "24-client-documents")
    window.close()
    session.close()


def team_lead_screens(shooter: Shooter, folder: Path, store: SettingsStore, password: str) -> None:
    probe = accounts.unlock(folder, demo.DEMO_USER, password)
    lead = next(u.name for u in probe.store.users.all() if u.role == "team_lead")
    probe.close()
    session = accounts.unlock(folder, lead, password)
    window = MainWindow(session, store, Settings(), demo=True)
    window.resize(SIZE)
    window.show()
    window.show_page("reports")
    shooter.shot(window, "16-reports")
    reports = window.page("reports")
    reports.show_summary()
    shooter.wait_for(lambda: reports.preview.dialog is not None)
    preview = reports.preview.dialog
    shooter.settle(300)
    shooter.shot(preview, "18-print-preview-summary")
    preview.close()
    window.close()
    session.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="de")
    parser.add_argument("--clients", type=int, default=demo.DEMO_CLIENTS)
    parser.add_argument("--out", type=Path, help="default: docs/screenshots, or docs/screenshots/<lang>")
    parser.add_argument(
        "--only", choices=["network", "documents"], help="only these screens (the others stay as they are)"
    )
    args = parser.parse_args()
    app = QtWidgets.QApplication(sys.argv[:1])
    apply_style(app)
    LanguageSwitch(app).switch(args.lang)
    out = args.out or ROOT / "docs" / "screenshots" / ("" if args.lang == "de" else args.lang)
    shooter = Shooter(app, out)
    with tempfile.TemporaryDirectory(prefix="beratung-screens-") as tmp:
        os.environ["BERATUNG_USER_SETTINGS"] = str(Path(tmp) / "user.json")
        if not args.only:
            wizard_pages(shooter, Path(tmp) / "wizard")
        print(f"building the demo store ({args.clients} clients)…")
        demo.ensure_demo_store(Path(tmp) / "demo", clients=args.clients, kdf=TEST_KDF)
        if not args.only:
            main_screens(shooter, Path(tmp) / "demo", Path(tmp) / "user.json")
        if args.only in (None, "network"):
            network_screens(shooter, Path(tmp) / "demo", Path(tmp) / "user.json", demo.DEMO_PASSWORD)
        if args.only in (None, "documents"):
            document_screens(shooter, Path(tmp) / "demo", Path(tmp) / "user.json", demo.DEMO_PASSWORD)
    return 0


if __name__ == "__main__":
    sys.exit(main())
