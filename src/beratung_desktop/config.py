"""Settings: machine policy fixed by IT (read-only here) over per-user values over defaults.

Machine policy has two sources, both at fixed machine locations that a user cannot redirect:
- on Windows, the values the MSI writes under HKLM\\Software\\Policies\\BeratungDesktop (one string
  value per setting, named like the field below; an empty value means "not set");
- the JSON file `settings.json` in the machine's configuration folder (on Windows
  C:\\ProgramData\\BeratungDesktop\\BeratungDesktop, on Linux /etc/xdg/BeratungDesktop), for keys the
  MSI has no property for.
The registry wins over the file. A key set by either is locked for the user. Tests and tools that need
other files pass their paths to `SettingsStore` (the composition roots take a store as a parameter).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from platformdirs import site_config_dir, user_config_dir, user_data_dir

from .storage.atomic_file import write_atomic

APP = "BeratungDesktop"
VENDOR = "BeratungDesktop"
POLICY_KEY = r"Software\Policies\BeratungDesktop"


def default_data_dir() -> Path:
    return Path(user_data_dir(APP, VENDOR, roaming=False))


def demo_data_dir() -> Path:
    return Path(user_data_dir(APP, VENDOR, roaming=False)) / "demo"


@dataclass
class Settings:
    data_dir: str = ""
    backup_dir: str = ""
    export_dir: str = ""
    language: str = ""  # empty: follow the system
    auto_lock_minutes: int = 5
    office_name: str = ""
    office_logo_file: str = ""  # PNG or JPEG printed in the header of documents
    organisation_key_file: str = ""
    allow_full_export: bool = False
    export_reminder_days: int = 14
    # Months a client's data is kept after their last case closed; IT can fix it by policy (RETENTION).
    retention_months: int = 36
    # Largest document (scan, letter) that can be added to a client, in MB; IT can fix it by policy.
    document_max_mb: int = 20
    # Main window geometry and dock/toolbar state as base64 of Qt's saveGeometry()/saveState().
    window_geometry: str = ""
    window_state: str = ""

    def resolved_data_dir(self) -> Path:
        return Path(self.data_dir) if self.data_dir else default_data_dir()


def machine_settings_path() -> Path:
    """The machine settings file; never taken from the environment (XDG_CONFIG_DIRS is ignored too)."""
    if sys.platform.startswith("linux"):
        return Path("/etc/xdg") / APP / "settings.json"
    return Path(site_config_dir(APP, VENDOR)) / "settings.json"


def user_settings_path() -> Path:
    override = os.environ.get("BERATUNG_USER_SETTINGS")
    return Path(override) if override else Path(user_config_dir(APP, VENDOR, roaming=True)) / "settings.json"


_FIELD_TYPES = {f.name: type(f.default) for f in fields(Settings)}


def _coerce(name: str, value: object) -> object | None:
    """The value as the field's type, or None when it does not fit (a wrong value is ignored, not fatal)."""
    kind = _FIELD_TYPES.get(name)
    if kind is None:
        return None
    if kind is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, int | str) and str(value).strip().lower() in ("0", "1", "true", "false"):
            return str(value).strip().lower() in ("1", "true")
        return None
    if kind is int:
        if isinstance(value, bool):
            return None
        if isinstance(value, int):
            return value
        if isinstance(value, str) and value.strip().isdigit():
            return int(value.strip())
        return None
    return value if isinstance(value, str) else None


def _known(data: object) -> dict:
    if not isinstance(data, dict):
        return {}
    values = {k: _coerce(k, v) for k, v in data.items()}
    return {k: v for k, v in values.items() if v is not None}


def _read(path: Path) -> dict:
    try:
        return _known(json.loads(path.read_text("utf-8")))
    except (OSError, ValueError):
        return {}


def read_registry_policy(key: str = POLICY_KEY) -> dict:
    """The machine policy values the MSI wrote under HKLM (Windows only; elsewhere nothing)."""
    if sys.platform != "win32":
        return {}
    import winreg  # only on Windows

    values: dict[str, object] = {}
    try:
        handle = winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, key, 0, winreg.KEY_READ | winreg.KEY_WOW64_64KEY)
    except OSError:
        return {}
    with handle:
        index = 0
        while True:
            try:
                name, value, _kind = winreg.EnumValue(handle, index)
            except OSError:
                break
            index += 1
            # An empty value is a property the installer was not given: not set.
            if value not in ("", None):
                values[name] = value.strip() if isinstance(value, str) else value
    return _known(values)


def _no_policy() -> dict:
    return {}


@dataclass
class SettingsStore:
    machine_path: Path
    user_path: Path
    policy: Callable[[], dict] = field(default=_no_policy)

    @classmethod
    def default(cls) -> SettingsStore:
        """The production store: the fixed machine locations, the user's own file."""
        return cls(machine_settings_path(), user_settings_path(), read_registry_policy)

    def machine(self) -> dict:
        return {**_read(self.machine_path), **self.policy()}

    def locked(self) -> set[str]:
        return set(self.machine())

    def load(self) -> Settings:
        values = {**_read(self.user_path), **self.machine()}
        settings = Settings()
        for name, value in values.items():
            setattr(settings, name, value)
        return settings

    def save(self, settings: Settings) -> None:
        """Stores the user's values; values IT fixed machine-wide are not written over."""
        locked = self.locked()
        data = {k: v for k, v in asdict(settings).items() if k not in locked}
        self.user_path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(self.user_path, json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8"))
