"""Installs the real MSI in a throw-away Wine prefix and uses it like IT staff and a counsellor would.

Runs only where Wine, xvfb-run and mingw-w64 are installed and a built MSI exists (installer/build.py
writes dist/beratung-desktop-<version>-x64.msi, or set BERATUNG_MSI); it takes several minutes, so CI
skips it unless BERATUNG_WINE_SMOKE=1 and an MSI are present. The older build for the upgrade step is
made from the same staging with a lower version (or BERATUNG_MSI_OLD).

Wine 8 lacks two Windows DLLs the app needs, bcryptprimitives.dll (Rust's random numbers, used by
cryptography) and icuuc.dll (Windows 10's ICU, imported by Qt6Core): the test builds small stand-ins
from the C files beside it into the prefix only. Real Windows has both.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
PASSWORD = "lange-sicheres-passwort-42"
PROGRAM = r"C:\Program Files\Beratung Desktop"
POLICY_KEY = r"HKLM\Software\Policies\BeratungDesktop"


def _msi() -> Path | None:
    if os.environ.get("BERATUNG_MSI"):
        return Path(os.environ["BERATUNG_MSI"])
    built = sorted((ROOT / "dist").glob("beratung-desktop-*-x64.msi"))
    return built[-1] if built else None


TOOLS = ("wine", "xvfb-run", "x86_64-w64-mingw32-gcc")
pytestmark = [
    pytest.mark.wine,
    pytest.mark.skipif(not all(shutil.which(t) for t in TOOLS), reason=f"needs {', '.join(TOOLS)}"),
    pytest.mark.skipif(_msi() is None, reason="no built MSI (run installer/build.py or set BERATUNG_MSI)"),
    pytest.mark.skipif(
        os.environ.get("CI") == "true" and os.environ.get("BERATUNG_WINE_SMOKE") != "1",
        reason="the Wine smoke test takes minutes; in CI set BERATUNG_WINE_SMOKE=1",
    ),
]


class Wine:
    def __init__(self, prefix: Path):
        self.prefix = prefix
        self.env = {**os.environ, "WINEPREFIX": str(prefix), "WINEDEBUG": "-all", "WINEDLLOVERRIDES": "mscoree,mshtml="}

    def run(
        self, *args: str, stdin: str = "", timeout: int = 600, display: bool = False
    ) -> subprocess.CompletedProcess:
        command = ["wine", *args]
        if display:
            command = ["xvfb-run", "-a", "-s", "-screen 0 1400x900x24", *command]
        # Output through pipes: Wine's Python cannot use a regular file as its standard output.
        return subprocess.run(command, input=stdin, capture_output=True, text=True, env=self.env, timeout=timeout)

    def admin(self, *args: str, stdin: str = PASSWORD + "\n") -> subprocess.CompletedProcess:
        return self.run(PROGRAM + r"\beratung-admin.exe", *args, stdin=stdin)

    def msiexec(self, *args: str) -> int:
        return self.run("msiexec", *args, "/qn").returncode

    def path(self, windows_path: str) -> Path:
        drive, rest = windows_path.split(":", 1)
        return self.prefix / f"drive_{drive.lower()}" / rest.strip("\\").replace("\\", "/")

    def policy(self) -> dict[str, str]:
        result = self.run("reg", "query", POLICY_KEY)
        values = {}
        for line in result.stdout.splitlines():
            parts = line.split(None, 2)
            if len(parts) >= 2 and parts[1].startswith("REG_"):
                values[parts[0]] = parts[2].strip() if len(parts) == 3 else ""
        return values


def _stand_in(source: str, target: Path) -> None:
    extra = ["-lbcrypt"] if "bcrypt" in source else []
    subprocess.run(
        ["x86_64-w64-mingw32-gcc", "-O2", "-s", "-shared", "-o", str(target), str(HERE / source), *extra], check=True
    )


@pytest.fixture(scope="module")
def wine(tmp_path_factory) -> Wine:
    wine = Wine(tmp_path_factory.mktemp("wineprefix"))
    wine.run("wineboot", "-i", timeout=300)
    system32 = wine.prefix / "drive_c" / "windows" / "system32"
    _stand_in("bcryptprimitives.c", system32 / "bcryptprimitives.dll")
    _stand_in("icuuc.c", system32 / "icuuc.dll")
    return wine


@pytest.fixture(scope="module")
def older_msi(build, tmp_path_factory) -> Path:
    if os.environ.get("BERATUNG_MSI_OLD"):
        return Path(os.environ["BERATUNG_MSI_OLD"])
    stage = build.BUILD / "stage"
    if not (stage / "Beratung.exe").is_file():
        pytest.skip("no staging to build the older version from (run installer/build.py first)")
    out = tmp_path_factory.mktemp("old") / "beratung-desktop-0.0.9-x64.msi"
    return build.build_msi(stage, "0.0.9", out, work=out.parent)


def test_install_use_upgrade_and_remove_under_wine(wine: Wine, older_msi: Path, build):
    msi = _msi()
    data = r"C:\Beratung\Daten"
    # 1. The older build, as IT installs it, with machine policy.
    assert wine.msiexec("/i", str(older_msi), f"DATADIR={data}", "LANGUAGE=de", "AUTOLOCK=7") == 0
    assert (wine.path(PROGRAM) / "beratung-admin.exe").is_file()
    assert {"data_dir": data, "language": "de", "auto_lock_minutes": "7"}.items() <= wine.policy().items()

    # 2. The command line: the store lands in the policy's data folder, messages in German.
    assert wine.admin("--version").stdout.strip().startswith("beratung-admin ")
    init = wine.admin("--user", "anna", "--password-stdin", "init", "--demo")
    assert init.returncode == 0, init.stderr
    assert data in init.stdout and "Wiederherstellungsschlüssel" in init.stdout
    demo = wine.admin("--user", "anna", "--password-stdin", "demo-data", "--clients", "50")
    assert demo.returncode == 0, demo.stderr
    found = wine.admin("--user", "anna", "--password-stdin", "search", "--json", "a")
    assert found.returncode == 0, found.stderr
    verify = wine.admin("--user", "anna", "--password-stdin", "verify")
    assert verify.returncode == 0, verify.stdout + verify.stderr

    # 3. The GUI: the installed app's main window on that store, screenshot for the docs.
    shot = wine.prefix / "drive_c" / "shot.png"
    shutil.copy(HERE / "wine_gui_shot.py", wine.prefix / "drive_c" / "shot.py")
    gui = wine.run(
        PROGRAM + r"\runtime\python.exe", "-I", "-X", "utf8", r"C:\shot.py", data, "anna", r"C:\shot.png",
        stdin=PASSWORD + "\n", display=True,
    )  # fmt: skip
    assert gui.returncode == 0, gui.stdout + gui.stderr
    assert "language de" in gui.stdout and "'data_dir'" in gui.stdout  # policy values shown as locked
    shutil.copy(shot, ROOT / "docs" / "screenshots" / "wine-installed-start.png")

    # 4. Upgrade without repeating the properties: program replaced, policy and data kept.
    before = sorted(p.name for p in wine.path(data).iterdir())
    assert wine.msiexec("/i", str(msi)) == 0
    assert wine.admin("--version").stdout.strip() == f"beratung-admin {build.project_version()}"
    assert {"data_dir": data, "language": "de", "auto_lock_minutes": "7"}.items() <= wine.policy().items()
    assert set(before) <= {p.name for p in wine.path(data).iterdir()}
    again = wine.admin("--user", "anna", "--password-stdin", "search", "--json", "a")
    assert again.stdout == found.stdout

    # 5. A downgrade is refused and changes nothing.
    assert wine.msiexec("/i", str(older_msi)) != 0
    assert wine.admin("--version").stdout.strip() == f"beratung-admin {build.project_version()}"

    # 6. Removal: the program goes, every data file stays.
    assert wine.msiexec("/x", str(msi)) == 0
    assert not (wine.path(PROGRAM) / "beratung-admin.exe").exists()
    assert set(before) <= {p.name for p in wine.path(data).iterdir()}
    assert (wine.path(data) / "beratung.db").stat().st_size > 0
