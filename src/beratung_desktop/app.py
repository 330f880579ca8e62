"""The desktop application: the composition root of the GUI (`beratung-desktop`)."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import gc
import sys
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from . import __version__, crash_log
from .config import SettingsStore, demo_data_dir
from .errors import AppError, error_text
from .i18n import _
from .i18n.translation import pseudo_stretch_from_environment
from .services import sign_in
from .storage.keyslots import DEFAULT_KDF, KdfParams
from .ui.fonts import script_font_families
from .ui.icons import plain_icon
from .ui.language import LanguageSwitch
from .ui.qt import QtCore, QtGui, QtWidgets
from .ui.style import STYLE_ARGUMENTS, apply_style
from .ui.unlock_screen import UnlockScreen
from .ui.worker import AFTER_FIRST_PAINT_MS, Job, start_job

if TYPE_CHECKING:
    from .services.session import Session
    from .ui.auto_lock import AutoLock
    from .ui.figures_warm_up import FiguresWarmUp
    from .ui.main_window import MainWindow
    from .ui.password_change_dialog import PasswordChangeDialog
    from .ui.setup_wizard import SetupWizard


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="beratung-desktop", description="Beratung Desktop")
    parser.add_argument("--demo", action="store_true", help="open a demo office filled with invented clients")
    parser.add_argument("--data-dir", type=Path, help="data folder (default: from the settings)")
    parser.add_argument("--lang", help="language code, e.g. de, en, ar")
    return parser.parse_args(argv)


# Reports and exports render in worker threads in pure Python (reportlab) and hold the interpreter lock
# meanwhile; the window thread (a search per keystroke, painting) gets it back only after asking the
# holder to let go and waiting the switch interval. 1 ms instead of Python's 5 ms bounds each such wait;
# a thread that runs alone is not interrupted more often (the request comes only from a waiting thread).
SWITCH_INTERVAL_S = 0.001


class DesktopApp:
    """Builds the GUI step by step; each step is one `_init_*` method."""

    def __init__(self, argv: list[str], *, kdf: KdfParams = DEFAULT_KDF, settings_store: SettingsStore | None = None):
        self.args = parse_args(argv)
        self.kdf = kdf
        self.session: Session | None = None
        self.main_window: MainWindow | None = None
        self.auto_lock: AutoLock | None = None
        self.warm_up: FiguresWarmUp | None = None
        self.wizard: SetupWizard | None = None
        self.unlock_screen: UnlockScreen | None = None
        self.progress: QtWidgets.QProgressDialog | None = None
        self._job: Job | None = None
        self.notice: QtWidgets.QMessageBox | None = None
        self.password_change: PasswordChangeDialog | None = None
        self._init_qt()
        self._init_settings(settings_store or SettingsStore.default())
        self._init_language()
        self._init_style()
        self._init_data_folder()
        self._init_first_window()
        self._init_later()

    # -- steps ---------------------------------------------------------------------------------------

    def _init_qt(self) -> None:
        existing = QtWidgets.QApplication.instance()
        if existing is None:
            QtGui.QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
                QtCore.Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
            )
        self.started_in_style = existing is None
        self.qt = existing or QtWidgets.QApplication(sys.argv[:1] + STYLE_ARGUMENTS)
        sys.setswitchinterval(SWITCH_INTERVAL_S)
        self.qt.setApplicationName("Beratung Desktop")
        self.qt.setOrganizationName("BeratungDesktop")
        self.qt.setWindowIcon(plain_icon("app"))
        self.qt.aboutToQuit.connect(self.close_session)

    def _init_settings(self, store: SettingsStore) -> None:
        if self.args.demo:
            # Trying the demo must not change the real settings (window layout, language, folders).
            store = dataclasses.replace(store, user_path=demo_data_dir().with_name("demo-settings.json"))
        self.settings_store = store
        self.settings = store.load()

    def _init_language(self) -> None:
        pseudo_stretch_from_environment()
        self.language = LanguageSwitch(self.qt)
        self.language.switch(self.args.lang or self.settings.language or None)

    def _init_style(self) -> None:
        apply_style(self.qt, started_in_style=self.started_in_style, script_fonts=False)

    def _init_data_folder(self) -> None:
        if self.args.data_dir:
            self.folder = self.args.data_dir
        elif self.args.demo:
            self.folder = demo_data_dir()
        else:
            self.folder = self.settings.resolved_data_dir()

    def _init_first_window(self) -> None:
        if self.args.demo and not sign_in.store_ready(self.folder):
            self._build_demo_store()
        elif sign_in.store_ready(self.folder):
            self._show_unlock()
        else:
            self._show_wizard()

    def _init_later(self) -> None:
        # The first windows show no client names: the fonts for their scripts are read after the first
        # paint, or by the main window if that comes sooner.
        QtCore.QTimer.singleShot(AFTER_FIRST_PAINT_MS, script_font_families)

    # -- first windows -------------------------------------------------------------------------------

    def _build_demo_store(self) -> None:
        from .services import demo

        self.progress = QtWidgets.QProgressDialog(_("Creating the demo office with invented clients…"), "", 0, 0)
        self.progress.setCancelButton(None)
        self.progress.setWindowTitle(_("Beratung Desktop"))
        self.progress.setMinimumDuration(0)
        self.progress.show()
        folder, kdf = self.folder, self.kdf
        self._job = start_job(lambda: demo.ensure_demo_store(folder, kdf=kdf), self._demo_ready, self._demo_failed)

    def _demo_ready(self, _result: object) -> None:
        self._job = None
        if self.progress:
            self.progress.close()
        self._show_unlock()

    def _demo_failed(self, exc: BaseException) -> None:
        self._job = None
        if self.progress:
            self.progress.close()
        QtWidgets.QMessageBox.critical(None, _("Beratung Desktop"), error_text(exc))
        self.qt.quit()

    def demo_hint(self) -> str:
        if not self.args.demo:
            return ""
        from .services import demo

        return _("Demo office with invented people. User: {user} · Password: {password}").format(
            user=demo.DEMO_USER, password=demo.DEMO_PASSWORD
        )

    def _show_unlock(self) -> None:
        folder, kdf = self.folder, self.kdf
        users = sign_in.user_names(folder)

        # The store, its key slots and the main window load after the window is shown (start-up time).
        def unlock(user: str, password: str) -> Session:
            from .services import accounts

            return accounts.unlock(folder, user, password, kdf=kdf)

        def recover(key: str, user: str, password: str) -> Session:
            from .services import accounts

            return accounts.recover(folder, key, user, password, kdf=kdf)

        screen = UnlockScreen(users, unlock, hint=self.demo_hint(), office=self.settings.office_name, recover=recover)
        if self.args.demo:
            from .services import demo

            index = screen.user.findText(demo.DEMO_USER)
            screen.user.setCurrentIndex(max(0, index))
        screen.setWindowTitle(_("Beratung Desktop"))
        screen.succeeded.connect(self._signed_in)
        screen.resize(760, 560)
        screen.show()
        screen.focus_password()
        self.unlock_screen = screen

    def _show_wizard(self) -> None:
        from .ui.setup_wizard import SetupWizard

        self.wizard = SetupWizard(self.folder, office=self.settings.office_name, kdf=self.kdf)
        self.wizard.accepted.connect(lambda: self._signed_in(self.wizard.session))
        self.wizard.show()

    def _signed_in(self, session: Session | None) -> None:
        if session is None:
            return
        from .services import accounts

        if accounts.password_change_required(session):
            self._ask_for_own_password(session)
            return
        self._open_main_window(session)

    def _ask_for_own_password(self, session: Session) -> None:
        """A first password (or a reset) chosen by the team lead: the colleague replaces it before the main
        window opens; "Sign out" closes the store again and leaves the unlock screen."""
        from .ui.password_change_dialog import PasswordChangeDialog

        dialog = PasswordChangeDialog(session, forced=True, kdf=self.kdf, parent=self.unlock_screen)
        dialog.setWindowModality(QtCore.Qt.WindowModality.ApplicationModal)
        dialog.accepted.connect(lambda: self._open_main_window(session))
        dialog.rejected.connect(lambda: self._declined_own_password(session))
        self.password_change = dialog
        dialog.open()

    def _declined_own_password(self, session: Session) -> None:
        session.close()
        if self.unlock_screen is None:
            self._show_unlock()
        else:
            self.unlock_screen.focus_password()

    def _open_main_window(self, session: Session) -> None:
        from .ui.auto_lock import AutoLock
        from .ui.main_window import MainWindow

        script_font_families()
        self.password_change = None
        self.session = session
        self._remember_office_name(session)
        if self.unlock_screen is not None:
            self.unlock_screen.close()
            self.unlock_screen.deleteLater()
            self.unlock_screen = None
        # Building the pages reads the start page's lists; a busy cursor says so on large offices.
        QtGui.QGuiApplication.setOverrideCursor(QtCore.Qt.CursorShape.WaitCursor)
        try:
            self.main_window = MainWindow(
                session, self.settings_store, self.settings, demo=self.args.demo, kdf=self.kdf
            )
        finally:
            QtGui.QGuiApplication.restoreOverrideCursor()
        self.main_window.language_requested.connect(self.switch_language)
        self.auto_lock = AutoLock(self.qt, session, self.settings.auto_lock_minutes)
        self.main_window.lock_requested.connect(self.auto_lock.lock)
        self.main_window.restore_requested.connect(self.restore_backup)
        self.main_window.sign_out_requested.connect(self.sign_out)
        self.main_window.auto_lock_changed.connect(self.auto_lock.set_minutes)
        self.main_window.show()
        self._warm_up_figures(session)
        self._enroll_with_machine_key(session)
        # The reminder's read and the full collection wait until the window is painted (the window is
        # the timer's context: signed out before then, nothing runs).
        QtCore.QTimer.singleShot(AFTER_FIRST_PAINT_MS, self.main_window, lambda: self._after_first_paint(session))

    def _after_first_paint(self, session: Session) -> None:
        self._remind_of_deadlines(session)
        # What exists now (modules, Qt wrappers, catalogues) lives as long as the app: moving it out of
        # the collector's reach keeps full collections short, which trimmed keystroke spikes by a third.
        gc.collect()
        gc.freeze()

    def _warm_up_figures(self, session: Session) -> None:
        """A team lead's summaries of closed periods are counted in the background (ui/figures_warm_up.py);
        locking stops the counting, unlocking resumes it."""
        from .ui.figures_warm_up import FiguresWarmUp

        if self.auto_lock is None:
            return
        self.warm_up = FiguresWarmUp(session)
        self.warm_up.failed.connect(lambda exc: crash_log.report_crash(exc, "figures warm-up"))
        self.auto_lock.locked.connect(self.warm_up.stop)
        self.auto_lock.unlocked.connect(self.warm_up.start)
        self.warm_up.start()

    def _stop_warm_up(self) -> None:
        if self.warm_up is not None:
            self.warm_up.stop_and_wait()
            self.warm_up = None

    def _remind_of_deadlines(self, session: Session) -> None:
        """Deadlines due today and overdue: at sign-in, and at the first unlock of each later day."""
        from .ui.documents.reminder_dialog import DeadlineReminder

        if self.main_window is None or self.auto_lock is None:
            return
        self.reminder = DeadlineReminder(self.main_window, session, self.main_window.open_client)
        self.auto_lock.unlocked.connect(self.reminder.after_unlock)
        self.reminder.remind()

    def _enroll_with_machine_key(self, session: Session) -> None:
        """IT's organisation key (MSI property ORGKEY) enrols the laptop at the first admin sign-in."""
        key_file = self.settings.organisation_key_file
        if not key_file or self.args.demo or self.main_window is None:
            return
        from .services import exchange

        folder = Path(self.settings.export_dir) if self.settings.export_dir else self.folder
        try:
            done = exchange.enroll_with_machine_key(session, Path(key_file), folder)
        except (AppError, OSError) as exc:
            self._notify(_("Not enrolled with the organisation"), error_text(exc))
            return
        if done is not None:
            enrollment, path = done
            self._notify(
                _("Enrolled with the organisation"),
                _(
                    "This laptop is now enrolled for exports to the organisation. Give IT the enrollment file "
                    "{path} and compare this fingerprint with theirs: {fingerprint}"
                ).format(path=path, fingerprint=enrollment.fingerprint),
            )

    def _notify(self, title: str, text: str) -> None:
        # open(), not exec(): a message must not hold up the start (or a test) in a nested event loop.
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Information, title, text, parent=self.main_window)
        box.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        box.open()
        self.notice = box

    def _remember_office_name(self, session: Session) -> None:
        """The unlock screen names the office before anything is decrypted, so the name is kept in the
        user's settings too (it is the office's, not a client's)."""
        name = session.store.meta("office_name") or ""
        if name and not self.settings.office_name and "office_name" not in self.settings_store.locked():
            self.settings.office_name = name
            # Only a nicety for the next start: a settings file that cannot be written changes nothing now.
            with contextlib.suppress(OSError):
                self.settings_store.save(self.settings)

    # -- running -------------------------------------------------------------------------------------

    def switch_language(self, code: str) -> None:
        self.language.switch(code or None)

    def sign_out(self) -> None:
        """Closes the store (with the daily backup when due) and shows the unlock screen, so a colleague
        can sign in on the same laptop."""
        if self.session is None:
            return
        self._end_session(backup=True)
        self._show_unlock()

    def restore_backup(self) -> None:
        """Team lead or admin: choose a backup, then the app closes the store, restores and signs in again."""
        if self.session is None or self.main_window is None:
            return
        from .services import auto_backup, maintenance
        from .ui.restore_dialog import RestoreDialog

        folder = auto_backup.backup_folder(self.settings, self.folder)
        dialog = RestoreDialog(auto_backup.list_backups(self.session, folder), folder, self.main_window)
        if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted or (choice := dialog.choice()) is None:
            return
        user = self.session.user.name
        self._end_session(backup=False)
        QtGui.QGuiApplication.setOverrideCursor(QtCore.Qt.CursorShape.WaitCursor)
        try:
            done = maintenance.restore_folder(
                self.folder, choice.path, user_name=user, password=choice.password, recovery_key=choice.recovery_key
            )
        except Exception as exc:  # shown to the user; the store was left as it was
            QtGui.QGuiApplication.restoreOverrideCursor()
            QtWidgets.QMessageBox.warning(None, _("Restore a backup"), error_text(exc))
        else:
            QtGui.QGuiApplication.restoreOverrideCursor()
            if done.session is not None:
                done.session.close()
            kept = _("The previous state is kept in {path}.").format(path=done.kept_aside) if done.kept_aside else ""
            QtWidgets.QMessageBox.information(
                None,
                _("Restore a backup"),
                (_("Restored the store from {path}.").format(path=choice.path) + " " + kept),
            )
        self._show_unlock()

    def _end_session(self, *, backup: bool) -> None:
        if self.auto_lock is not None:
            self.auto_lock.stop()
            self.auto_lock = None
        if self.main_window is not None:
            self.main_window.remember_window_state()
            self.main_window.hide()
            self.main_window.deleteLater()
            self.main_window = None
        self._stop_warm_up()
        if self.session is not None:
            if backup:
                from .services import auto_backup

                auto_backup.run_if_due(self.session, auto_backup.backup_folder(self.settings, self.folder))
            self.session.close()
            self.session = None

    def close_session(self) -> None:
        if self.auto_lock is not None:
            self.auto_lock.stop()
        self._stop_warm_up()
        if self.session is not None:
            from .services import auto_backup

            # The daily automatic backup; a missing stick or a full drive is skipped, the next close retries.
            auto_backup.run_if_due(self.session, auto_backup.backup_folder(self.settings, self.folder))
            self.session.close()
            self.session = None

    def run(self) -> int:
        return self.qt.exec()

    def report_crash(self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        """sys.excepthook of the window: an error nothing caught is logged and shown calmly."""
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        start_log()  # idempotent: a crash in the first moments still reaches the log file
        report = crash_log.report_crash(exc.with_traceback(tb), "window")
        # The report is in the log already; a dialog that cannot be built must not start a loop here.
        with contextlib.suppress(Exception):
            from .ui.crash_dialog import show_crash_report

            self.crash_box = show_crash_report(report, crash_log.log_path(), QtWidgets.QApplication.activeWindow())


def start_log() -> None:
    crash_log.setup("beratung-desktop", __version__)


def main(argv: list[str] | None = None) -> int:
    app = DesktopApp(sys.argv[1:] if argv is None else argv)
    sys.excepthook = app.report_crash
    # Opening the log file (its handler's imports included) waits until the first window is painted;
    # a crash before then sets it up itself (report_crash).
    QtCore.QTimer.singleShot(AFTER_FIRST_PAINT_MS, start_log)
    return app.run()


if __name__ == "__main__":
    sys.exit(main())
