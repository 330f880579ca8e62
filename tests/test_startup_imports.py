"""Start-up loads no report, spreadsheet, maintenance or exchange code: they load on first use."""

from __future__ import annotations

import json
import os
import subprocess
import sys

HEAVY = ("reportlab", "openpyxl", "sqlite_utils", "click", "dateutil", "pyrage", "beratung_desktop.exchange")


def loaded_after(code: str) -> list[str]:
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    modules = json.loads(result.stdout.strip().splitlines()[-1])
    return [m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY)]


def test_the_desktop_app_starts_without_heavy_modules():
    assert loaded_after("import beratung_desktop.app") == []


def test_the_command_line_starts_without_heavy_modules():
    assert loaded_after("import beratung_desktop.cli") == []


def test_version_answers_without_loading_anything_of_the_app():
    code = "import beratung_desktop.cli as cli\nassert cli.main(['--version']) == 0"
    loaded = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert loaded[0].startswith("beratung-admin ")
    modules = json.loads(loaded[-1])
    assert not [m for m in modules if m.startswith(("beratung_desktop.storage", "beratung_desktop.services", "babel"))]


def test_a_report_still_loads_its_libraries_when_used():
    assert "reportlab" in loaded_after("from beratung_desktop.reports import monthly_summary")


def test_the_unlock_window_loads_neither_the_store_nor_the_main_window():
    """Until a password is typed the app needs the user list only: the store, the key-slot cryptography,
    the main window's pages and Babel's catalogue parser load afterwards (benchmarks/scale_benchmark.py
    measures the unlock window against a bare PySide6 window)."""
    late = (
        "cryptography",
        "argon2",
        "babel.messages",
        "beratung_desktop.storage.store",
        "beratung_desktop.ui.main_window",
    )
    probe = "import beratung_desktop.app\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    modules = json.loads(result.stdout.strip().splitlines()[-1])
    assert [m for m in modules if any(m == name or m.startswith(name + ".") for name in late)] == []


UNLOCK_PROBE = """
import json, sys
from beratung_desktop.app import DesktopApp
from beratung_desktop.ui.fonts import script_font_families
from beratung_desktop.ui.qt import QtCore, QtGui
app = DesktopApp(["--data-dir", sys.argv[1], "--lang", "en"])
assert app.unlock_screen is not None and app.unlock_screen.isVisible()
shown = {"modules": sorted(sys.modules), "fonts_read": script_font_families.cache_info().currsize}
deadline = QtCore.QDeadlineTimer(5000)
while not script_font_families.cache_info().currsize and not deadline.hasExpired():
    app.qt.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 50)
later = {"families": QtGui.QFontDatabase.families()}
print(json.dumps({"shown": shown, "later": later}))
"""

# What the unlock window does without: the database library and the session (they load when a password
# is tried), the PDF, printing and SVG modules of Qt, the log file's handler (opened after the first
# paint by main()), and the key-slot cryptography.
NOT_FOR_THE_UNLOCK_WINDOW = (
    "sqlcipher3",
    "hashlib",
    "logging.handlers",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtPrintSupport",
    "PySide6.QtSvg",
    "beratung_desktop.storage.connection",
    "beratung_desktop.services.session",
    "beratung_desktop.domain",
    *HEAVY,
)


def test_the_unlock_window_shows_before_the_database_pdf_svg_and_script_fonts_load(new_store, data_dir):
    """The unlock window of a real store, in a fresh process: what it does not need is not loaded when it
    is on screen, and the fonts for client names (Ethiopic, Pashto) are read only after its first paint
    (benchmarks/scale_benchmark.py measures the start-up against a bare PySide6 window)."""
    result = subprocess.run(
        [sys.executable, "-c", UNLOCK_PROBE, str(data_dir)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
    )
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    modules = probe["shown"]["modules"]
    assert "beratung_desktop.ui.unlock_screen" in modules  # the probe did see the window's own code
    loaded = [m for m in modules if any(m == name or m.startswith(name + ".") for name in NOT_FOR_THE_UNLOCK_WINDOW)]
    assert loaded == []
    assert probe["shown"]["fonts_read"] == 0
    assert {"Noto Sans Ethiopic", "Noto Naskh Arabic"} <= set(probe["later"]["families"])
