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
