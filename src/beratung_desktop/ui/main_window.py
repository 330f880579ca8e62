"""The main window: navigation (Start, Clients, Appointments, Settings), menus with shortcuts, status
bar, and window geometry remembered in the JSON settings."""

from __future__ import annotations

import base64
import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..config import Settings, SettingsStore
from ..i18n import N_, _
from ..services.session import Session
from ..storage.keyslots import DEFAULT_KDF, KdfParams
from .appointments.appointments_view import AppointmentsView
from .clients.client_dialog import ClientDialog
from .clients.client_page import ClientPage
from .clients.list_view import ClientListView
from .icons import icon, plain_icon
from .privacy.privacy_menu import PrivacyMenu
from .privacy.retention_settings import RetentionSettings
from .qt import Qt, QtCore, QtGui, QtWidgets, Signal
from .reports_page import ReportsPage, may_report
from .retranslating import Retranslating
from .settings_page import SettingsPage
from .start_page import StartPage
from .users_panel import UsersPanel
from .window_size import fitting

# The exchange code (pyrage, signatures) loads when its page is first opened, not at sign-in.
if TYPE_CHECKING:
    from .exchange_view import ExchangeView

# (key, icon, label) of the pages in the navigation; "reports" only for team leads and administrators
PAGES = [
    ("start", "home", N_("Start")),
    ("clients", "clients", N_("Clients")),
    ("appointments", "calendar", N_("Appointments")),
    ("network", "network", N_("Network")),
    ("reports", "report", N_("Reports")),
    ("exchange", "export", N_("Export")),
    ("settings", "settings", N_("Settings")),
]

# Fits a 1366x768 laptop with the taskbar (1366x728 available); a bigger screen keeps this size too.
DEFAULT_SIZE = QtCore.QSize(1280, 688)


class MainWindow(Retranslating, QtWidgets.QMainWindow):
    lock_requested = Signal()
    sign_out_requested = Signal()
    restore_requested = Signal()
    language_requested = Signal(str)
    auto_lock_changed = Signal(int)

    def __init__(
        self,
        session: Session,
        settings_store: SettingsStore,
        settings: Settings,
        *,
        demo: bool = False,
        kdf: KdfParams = DEFAULT_KDF,
        parent: QtWidgets.QWidget | None = None,
    ):
        super().__init__(parent)
        self.session = session
        self.kdf = kdf
        self.settings_store = settings_store
        self.settings = settings
        self.demo = demo
        self.office_name = session.store.meta("office_name")
        self.setWindowIcon(plain_icon("app"))
        self._build_pages()
        self._build_actions()
        self._build_status()
        self.retranslate()
        self.restore_window_state()
        self.show_page("start", refresh=False)  # built a moment ago, with today's data

    # -- building ------------------------------------------------------------------------------------

    def _build_pages(self) -> None:
        self.navigation = QtWidgets.QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setIconSize(QtCore.QSize(22, 22))
        self.navigation.setFixedWidth(190)
        self.navigation.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        self.stack = QtWidgets.QStackedWidget()
        self.start_page = StartPage(self.session, settings_store=self.settings_store)
        self.start_page.open_client_requested.connect(self.open_client)
        # Pages other than Start are built on their first visit: sign-in shows the window sooner.
        self._factories: dict[str, Callable[[], QtWidgets.QWidget]] = {
            "clients": self._make_clients,
            "appointments": lambda: AppointmentsView(self.session),
            "network": self._make_network,
            "exchange": self._make_exchange,
            "settings": self._make_settings,
        }
        if may_report(self.session):
            self._factories["reports"] = lambda: ReportsPage(self.session)
        self.pages: dict[str, QtWidgets.QWidget] = {"start": self.start_page}
        self.page_keys = [key for key, *_rest in PAGES if key in self.pages or key in self._factories]
        self._slots: dict[str, QtWidgets.QWidget] = {}
        for key, icon_name, _label in PAGES:
            if key not in self.page_keys:
                continue
            self._slots[key] = self.pages.get(key) or QtWidgets.QWidget()
            self.stack.addWidget(self._slots[key])
            item = QtWidgets.QListWidgetItem(icon(icon_name), "")
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.navigation.addItem(item)
        self.navigation.currentRowChanged.connect(lambda row: self.show_page(self.page_keys[row]))
        central = QtWidgets.QWidget()
        layout = QtWidgets.QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        content = QtWidgets.QWidget()
        content_layout = QtWidgets.QVBoxLayout(content)
        content_layout.setContentsMargins(16, 12, 16, 12)
        content_layout.addWidget(self.stack)
        layout.addWidget(content, 1)
        self.setCentralWidget(central)

    def _make_clients(self) -> QtWidgets.QWidget:
        self._client_list = ClientListView(self.session)
        self._client_page = ClientPage(self.session)
        self._client_list.client_activated.connect(self.open_client)
        self._client_list.new_client_requested.connect(self.open_new_client_dialog)
        self._client_page.back_requested.connect(self.show_client_list)
        self._client_page.changed.connect(self._client_list.refresh)
        self._client_page.erased.connect(self._client_erased)
        self._client_page.documents_tab.max_mb = self.settings.document_max_mb
        self._client_page.documents_tab.retranslate()
        self._client_page.changed.connect(self.start_page.deadlines.refresh)
        clients = QtWidgets.QStackedWidget()
        clients.addWidget(self._client_list)
        clients.addWidget(self._client_page)
        return clients

    def _make_network(self) -> QtWidgets.QWidget:
        from .network.network_page import NetworkPage

        return NetworkPage(self.session)

    def _make_exchange(self) -> ExchangeView:
        from ..services import exchange
        from .exchange_view import ExchangeView

        return ExchangeView(
            self.session, self.settings, machine_allows_full=exchange.machine_allows_full(self.settings_store)
        )

    def _make_settings(self) -> QtWidgets.QWidget:
        page = SettingsPage(
            self.settings_store,
            self.settings,
            on_error=self.show_error,
            office_settings=self.session.user.leads_team,
        )
        page.language_requested.connect(self.language_requested)
        page.auto_lock_changed.connect(self.auto_lock_changed)
        self._users_panel = UsersPanel(self.session, kdf=self.kdf)
        page.add_section(self._users_panel)
        if self.session.user.role in ("team_lead", "admin"):
            page.add_section(RetentionSettings(self.session, self.settings_store))
        return page

    def page(self, key: str) -> QtWidgets.QWidget:
        """The page for a navigation key, built now if this is its first use."""
        if key not in self.pages:
            widget = self._factories[key]()
            slot = self._slots[key]
            self.stack.insertWidget(self.stack.indexOf(slot), widget)
            self.stack.removeWidget(slot)
            slot.deleteLater()
            self._slots[key] = self.pages[key] = widget
        return self.pages[key]

    @property
    def clients(self) -> QtWidgets.QStackedWidget:
        return self.page("clients")

    @property
    def client_list(self) -> ClientListView:
        self.page("clients")
        return self._client_list

    @property
    def client_page(self) -> ClientPage:
        self.page("clients")
        return self._client_page

    @property
    def settings_page(self) -> SettingsPage:
        return self.page("settings")

    @property
    def users_panel(self) -> UsersPanel:
        self.page("settings")
        return self._users_panel

    @property
    def appointments_view(self) -> AppointmentsView:
        return self.page("appointments")

    @property
    def exchange_view(self) -> ExchangeView:
        return self.page("exchange")

    def _action(self, icon_name: str, shortcut: str | QtGui.QKeySequence.StandardKey, slot) -> QtGui.QAction:
        action = QtGui.QAction(icon(icon_name) if icon_name else QtGui.QIcon(), "", self)
        action.setShortcut(QtGui.QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        self.search_action = self._action("search", "Ctrl+F", self.focus_search)
        self.new_client_action = self._action("new-client", "", self.open_new_client_dialog)
        # Ctrl+N is bound once, here, and means "new" on the page in front: an appointment on the
        # appointments page, a client everywhere else. Window-wide only, so a dialog's own Ctrl+N
        # (a new goal) is not ambiguous with it.
        self.new_action = self._action("", "Ctrl+N", self.new_on_page)
        self.new_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.addAction(self.new_action)
        self.lock_action = self._action("lock", "Ctrl+L", self.lock_requested.emit)
        self.sign_out_action = self._action("", "", self.sign_out_requested.emit)
        self.help_action = self._action("help", "F1", self.show_help)
        self.quit_action = self._action("", "Ctrl+Q", self.close)
        self.restore_action = self._action("", "", self.restore_requested.emit)
        self.restore_action.setVisible(self.session.user.leads_team)
        self.go_actions = [
            self._action("", f"Ctrl+{i + 1}", lambda _c=False, key=key: self.show_page(key))
            for i, key in enumerate(self.page_keys)
        ]
        self.file_menu = self.menuBar().addMenu("")
        self.file_menu.addActions([self.new_client_action, self.lock_action, self.sign_out_action])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.restore_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.go_menu = self.menuBar().addMenu("")
        self.go_menu.addActions([self.search_action, *self.go_actions])
        self.privacy_menu = PrivacyMenu(self.session, self.settings_store, self)
        self.privacy_menu.changed.connect(self._clients_erased_or_held)
        self.start_page.retention_review_requested.connect(self.privacy_menu.open_review)
        self.menuBar().addMenu(self.privacy_menu)
        self.help_menu = self.menuBar().addMenu("")
        self.help_menu.addAction(self.help_action)
        self.toolbar = self.addToolBar("")
        self.toolbar.setObjectName("main-toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.setIconSize(QtCore.QSize(20, 20))
        self.toolbar.addActions([self.search_action, self.new_client_action])
        spacer = QtWidgets.QWidget()
        spacer.setSizePolicy(QtWidgets.QSizePolicy.Policy.Expanding, QtWidgets.QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(spacer)
        self.toolbar.addActions([self.lock_action, self.help_action])

    def _build_status(self) -> None:
        self.user_label = QtWidgets.QLabel()
        self.statusBar().addPermanentWidget(self.user_label)

    # -- navigation ----------------------------------------------------------------------------------

    def show_page(self, key: str, refresh: bool = True) -> None:
        row = self.page_keys.index(key)
        if self.navigation.currentRow() != row:
            self.navigation.blockSignals(True)
            self.navigation.setCurrentRow(row)
            self.navigation.blockSignals(False)
        built_before = key in self.pages  # a page just built has loaded itself in its constructor
        page = self.page(key)
        self.stack.setCurrentWidget(page)
        if refresh and built_before and key != "clients" and hasattr(page, "refresh"):
            page.refresh()

    def current_page(self) -> str:
        return self.page_keys[self.navigation.currentRow()]

    def focus_search(self) -> None:
        self.show_client_list()
        self.client_list.focus_search()

    def show_client_list(self) -> None:
        self.show_page("clients")
        self.clients.setCurrentWidget(self.client_list)

    def open_client(self, client_id: str, *, audit_view: bool = True) -> None:
        self.show_page("clients")
        self.client_page.show_client(client_id, audit_view=audit_view)
        self.clients.setCurrentWidget(self.client_page)
        self.client_page.tabs.setFocus()

    def _clients_erased_or_held(self) -> None:
        if "clients" in self.pages:
            self.client_list.refresh()
        self.start_page.refresh()

    def _client_erased(self) -> None:
        """The erased client's page must not stay on screen: back to the list, which no longer has them."""
        self.client_list.refresh()
        self.show_client_list()
        self.start_page.refresh()

    # -- hooks for the forms branch ------------------------------------------------------------------

    def open_new_client_dialog(self) -> None:
        dialog = ClientDialog(self.session, parent=self)
        # "Open the existing client" in the duplicate warning closes the form and shows that client.
        dialog.open_existing_requested.connect(self.open_client)
        if dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted:
            self.client_list.refresh()
            if dialog.client is not None:  # just created: the "create" entry says who saw it
                self.open_client(dialog.client.id, audit_view=False)

    # -- messages ------------------------------------------------------------------------------------

    def new_on_page(self) -> None:
        if self.current_page() == "appointments":
            self.appointments_view.new_appointment()
        else:
            self.open_new_client_dialog()

    def show_error(self, text: str) -> None:
        QtWidgets.QMessageBox.warning(self, _("Beratung Desktop"), text)

    def page_title(self, key: str) -> str:
        return _({k: label for k, _icon, label in PAGES}[key]).replace("&", "")

    def help_rows(self) -> list[tuple[str, str]]:
        """Every shortcut of the window and its pages, with what it does (F1 shows them)."""
        return [
            ("Ctrl+F", _("Find a client")),
            ("Ctrl+N", _("New client; on the appointments page a new appointment, in the goals a new goal")),
            ("Ctrl+S", _("Save the open form")),
            ("Ctrl+L", _("Lock now")),
            ("Ctrl+Q", _("Quit")),
            (f"Ctrl+1 … Ctrl+{len(self.page_keys)}", ", ".join(self.page_title(key) for key in self.page_keys)),
            ("F1", _("This help")),
            ("Ctrl+R", _("Client page: record a consultation")),
            ("Ctrl+E", _("Client page: edit the client")),
            ("Alt+Left", _("Client page: back to the client list")),
            ("Ctrl+D", _("Appointments: mark the selected one done")),
            ("Del", _("Appointments: cancel the selected one")),
            ("Ctrl+T", _("Appointments: today")),
            ("PgUp / PgDown", _("Appointments: previous / next day or week")),
            ("Ctrl+↑ ↓ ← →", _("Appointments: move the selected one by 15 minutes or a day")),
            ("Ctrl+P", _("Print preview: print")),
            ("Ctrl+0, Ctrl++ / Ctrl+-", _("Print preview: fit width, zoom in / out")),
        ]

    def help_box(self) -> QtWidgets.QDialog:
        """The shortcuts in a scrolling list: with every page's keys it is taller than a laptop screen."""
        rows = self.help_rows()
        table = "".join(f"<tr><td style='padding-right:16px'><b>{k}</b></td><td>{t}</td></tr>" for k, t in rows)
        box = QtWidgets.QDialog(self)
        box.setWindowTitle(_("Keyboard shortcuts"))
        text = QtWidgets.QTextBrowser(box)
        text.setHtml(f"<table>{table}</table>")
        text.setAccessibleName(_("Keyboard shortcuts"))
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close, box)
        buttons.rejected.connect(box.reject)
        layout = QtWidgets.QVBoxLayout(box)
        layout.addWidget(text, 1)
        layout.addWidget(buttons)
        box.resize(fitting(QtCore.QSize(640, 620), self))
        return box

    def show_help(self) -> None:
        self.help_box().exec()

    # -- window state --------------------------------------------------------------------------------

    def restore_window_state(self) -> None:
        geometry, state = self.settings.window_geometry, self.settings.window_state
        if not geometry or not self.restoreGeometry(QtCore.QByteArray(base64.b64decode(geometry))):
            self.resize(fitting(DEFAULT_SIZE, self))
        if state:
            self.restoreState(QtCore.QByteArray(base64.b64decode(state)))

    def remember_window_state(self) -> None:
        self.settings.window_geometry = base64.b64encode(bytes(self.saveGeometry().data())).decode("ascii")
        self.settings.window_state = base64.b64encode(bytes(self.saveState().data())).decode("ascii")
        # Window placement is not worth an error message on quit.
        with contextlib.suppress(Exception):
            self.settings_store.save(self.settings)

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:
        self.remember_window_state()
        super().closeEvent(event)

    # -- language ------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        title = _("Beratung Desktop")
        office = self.office_name
        self.setWindowTitle(f"{title} – {office}" if office else title)
        if self.demo:
            self.setWindowTitle(self.windowTitle() + " – " + _("DEMO"))
        labels = {key: label for key, _icon, label in PAGES}
        for row, key in enumerate(self.page_keys):
            self.navigation.item(row).setText(_(labels[key]))
            self.go_actions[row].setText(_(labels[key]))
        self.navigation.setAccessibleName(_("Navigation"))
        self.search_action.setText(_("Find client"))
        self.new_client_action.setText(_("New client"))
        self.lock_action.setText(_("Lock"))
        self.sign_out_action.setText(_("Sign &out"))
        self.help_action.setText(_("Help"))
        self.quit_action.setText(_("Quit"))
        self.restore_action.setText(_("Restore a &backup…"))
        for action in (self.search_action, self.new_client_action, self.lock_action, self.help_action):
            keys = action.shortcut().toString(QtGui.QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{action.text()} ({keys})")
        self.file_menu.setTitle(_("&File"))
        self.go_menu.setTitle(_("&Go"))
        self.help_menu.setTitle(_("&Help"))
        self.toolbar.setWindowTitle(_("Toolbar"))
        self.user_label.setText(_("Signed in as {name}").format(name=self.session.user.label))
