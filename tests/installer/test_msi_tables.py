"""The MSI's tables as Windows Installer will read them, built by the same code as the real MSI.

The payload here is a tiny staging (two launcher files, an icon, one runtime file): the tables under test
(Property, Registry, Shortcut, Upgrade, Component, sequences) do not depend on it, and the full staging
(about 270 MB of wheels) is too slow for every run. `installer/build.py` builds the real one.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("wixl", "msiinfo", "msibuild")),
    reason="wixl/msitools not installed (Debian: apt-get install wixl msitools); .ci/run installs them",
)

UPGRADE_CODE = "{6A1C3B0E-5C0D-4E8B-9F3A-2C7E1D4B8A55}"
POLICY = {
    "DATADIR": "data_dir",
    "EXPORTDIR": "export_dir",
    "BACKUPDIR": "backup_dir",
    "LANGUAGE": "language",
    "ORGKEY": "organisation_key_file",
    "RETENTION": "retention_months",
    "AUTOLOCK": "auto_lock_minutes",
}


def table(msi: Path, name: str) -> list[list[str]]:
    text = subprocess.run(["msiinfo", "export", str(msi), name], check=True, capture_output=True, text=True).stdout
    return [line.split("\t") for line in text.splitlines()[3:] if line]


@pytest.fixture(scope="module")
def msi(build, tmp_path_factory) -> Path:
    stage = tmp_path_factory.mktemp("stage")
    (stage / "Beratung.exe").write_bytes(b"MZ launcher")
    (stage / "beratung-admin.exe").write_bytes(b"MZ console launcher")
    (stage / "runtime").mkdir()
    (stage / "runtime" / "python.exe").write_bytes(b"MZ python")
    from PIL import Image

    Image.new("RGBA", (32, 32), (30, 90, 120, 255)).save(stage / "Beratung.ico")
    out = tmp_path_factory.mktemp("dist") / "beratung-desktop-1.2.3-x64.msi"
    return build.build_msi(stage, "1.2.3", out, help_url="https://it.example.org/beratung")


def test_properties_per_machine_arp_and_secure_public_properties(msi):
    props = dict((row[0], row[1]) for row in table(msi, "Property"))
    assert props["ALLUSERS"] == "1"
    assert props["ProductVersion"] == "1.2.3"
    assert props["UpgradeCode"] == UPGRADE_CODE
    assert props["Manufacturer"] == "Beratung Desktop Project"
    assert props["ARPHELPLINK"] == "https://it.example.org/beratung"
    assert props["ARPPRODUCTICON"] == "Beratung.ico"
    secure = props["SecureCustomProperties"].split(";")
    assert set(POLICY) <= set(secure)
    assert {"WIX_UPGRADE_DETECTED", "WIX_DOWNGRADE_DETECTED"} <= set(secure)


def test_each_public_property_becomes_a_machine_policy_value(msi):
    rows = [r for r in table(msi, "Registry") if r[2] == r"Software\Policies\BeratungDesktop"]
    written = {row[3]: row[4] for row in rows}
    assert written == {name: f"[{prop}]" for prop, name in POLICY.items()}
    assert {row[1] for row in rows} == {"2"}  # HKLM


def test_an_upgrade_without_the_properties_keeps_the_policy(msi):
    locators = {row[0]: row for row in table(msi, "RegLocator")}
    searches = dict((row[0], row[1]) for row in table(msi, "AppSearch"))
    actions = {row[0]: row for row in table(msi, "CustomAction")}
    sequence = {row[0]: row for row in table(msi, "InstallExecuteSequence")}
    for prop, name in POLICY.items():
        locator = locators[searches[f"SAVED_{prop}"]]
        assert locator[2:4] == [r"Software\Policies\BeratungDesktop", name]
        assert actions[f"Keep{prop}"][2:4] == [prop, f"[SAVED_{prop}]"]
        condition, number = sequence[f"Keep{prop}"][1:3]
        assert condition == f"NOT {prop} AND SAVED_{prop}"
        assert int(sequence["AppSearch"][2]) < int(number) < int(sequence["CostFinalize"][2])


def test_start_menu_shortcut_runs_the_windowed_launcher(msi):
    (shortcut,) = table(msi, "Shortcut")
    assert shortcut[1] == "ProgramMenuFolder"
    assert shortcut[2].endswith("Beratung Desktop")
    assert shortcut[4] == "[INSTALLDIR]Beratung.exe"
    assert shortcut[9] == "Beratung.ico" or "Beratung.ico" in shortcut


def test_major_upgrade_replaces_older_and_refuses_newer(msi):
    rows = table(msi, "Upgrade")
    older = next(r for r in rows if r[6] == "WIX_UPGRADE_DETECTED")
    newer = next(r for r in rows if r[6] == "WIX_DOWNGRADE_DETECTED")
    assert older[0] == newer[0] == UPGRADE_CODE
    assert older[2] == "1.2.3" and newer[1] == "1.2.3"
    conditions = {row[0]: row[1] for row in table(msi, "LaunchCondition")}
    assert "newer version" in conditions["NOT WIX_DOWNGRADE_DETECTED"]
    assert any(row[0] == "RemoveExistingProducts" for row in table(msi, "InstallExecuteSequence"))


def test_components_are_64_bit_under_program_files_and_never_in_data_folders(msi):
    components = table(msi, "Component")
    directories = {row[0]: row for row in table(msi, "Directory")}
    assert directories["INSTALLDIR"][1:] == ["ProgramFiles64Folder", "Beratung Desktop"]
    files = [c for c in components if c[5].startswith("f")]
    assert len(files) == 4
    for component in components:
        assert int(component[3]) & 256, component  # msidbComponentAttributes64bit
        directory = component[2]
        while directory not in ("INSTALLDIR", "ProgramMenuFolder"):
            directory = directories[directory][1]
    # Stable GUIDs: a file keeps its component from version to version.
    assert len({c[1] for c in components}) == len(components)


def test_file_component_guids_are_stable_between_builds(build, msi, tmp_path):
    stage = msi.parent.parent
    again = build.FileTree(next(p for p in stage.iterdir() if (p / "Beratung.exe").exists()))
    again.fragment()
    guids = {row[1] for row in table(msi, "Component")}
    fragment = "\n".join(again.lines)
    assert sum(guid.strip("{}") in fragment for guid in guids) == 4
