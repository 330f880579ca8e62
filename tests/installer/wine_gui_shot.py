"""Run by the Wine smoke test with the installed (Windows) Python: opens the installed app's main window
on the store the test created and saves a screenshot. Arguments: data folder, user, output PNG; the
password comes on standard input. Exit code 0 and the PNG mean the GUI stack works."""

import sys
from pathlib import Path

from beratung_desktop.config import SettingsStore
from beratung_desktop.i18n import set_language
from beratung_desktop.services import accounts
from beratung_desktop.ui.main_window import MainWindow
from beratung_desktop.ui.qt import QtCore, QtWidgets
from beratung_desktop.ui.style import apply_style


def main() -> int:
    folder, user, out = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    app = QtWidgets.QApplication(sys.argv[:1])
    apply_style(app)
    store = SettingsStore.default()
    settings = store.load()
    set_language(settings.language or None)
    session = accounts.unlock(folder, user, sys.stdin.readline().strip())
    window = MainWindow(session, store, settings)
    window.resize(1366, 768)
    window.show()
    loop = QtCore.QEventLoop()
    QtCore.QTimer.singleShot(1500, loop.quit)
    loop.exec()
    ok = window.grab().save(str(out))
    print(f"language {settings.language}, locked {sorted(store.locked())}, screenshot {ok}")
    window.close()
    session.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
