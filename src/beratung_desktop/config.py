"""Settings: machine-wide values fixed by IT (read-only here) over per-user values, as plain JSON.

Machine settings come from `settings.json` in the site config folder (the MSI writes it) or from the
file named by BERATUNG_MACHINE_SETTINGS. A key present there is locked for the user.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from platformdirs import site_config_dir, user_config_dir, user_data_dir

from .storage.atomic_file import write_atomic

APP = "BeratungDesktop"
VENDOR = "BeratungDesktop"


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
    # Months a client's data is kept after their last case closed; IT can fix it in the machine settings.
    retention_months: int = 36
    # Main window geometry and dock/toolbar state as base64 of Qt's saveGeometry()/saveState().
    window_geometry: str = ""
    window_state: str = ""

    def resolved_data_dir(self) -> Path:
        return Path(self.data_dir) if self.data_dir else default_data_dir()


def machine_settings_path() -> Path:
    override = os.environ.get("BERATUNG_MACHINE_SETTINGS")
    return Path(override) if override else Path(site_config_dir(APP, VENDOR)) / "settings.json"


def user_settings_path() -> Path:
    override = os.environ.get("BERATUNG_USER_SETTINGS")
    return Path(override) if override else Path(user_config_dir(APP, VENDOR, roaming=True)) / "settings.json"


def _read(path: Path) -> dict:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    known = {f.name for f in fields(Settings)}
    return {k: v for k, v in data.items() if k in known} if isinstance(data, dict) else {}


@dataclass
class SettingsStore:
    machine_path: Path
    user_path: Path

    @classmethod
    def default(cls) -> SettingsStore:
        return cls(machine_settings_path(), user_settings_path())

    def locked(self) -> set[str]:
        return set(_read(self.machine_path))

    def load(self) -> Settings:
        values = {**_read(self.user_path), **_read(self.machine_path)}
        settings = Settings()
        for f in fields(Settings):
            if f.name in values and isinstance(values[f.name], type(getattr(settings, f.name))):
                setattr(settings, f.name, values[f.name])
        return settings

    def save(self, settings: Settings) -> None:
        """Stores the user's values; values IT fixed machine-wide are not written over."""
        locked = self.locked()
        data = {k: v for k, v in asdict(settings).items() if k not in locked}
        self.user_path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(self.user_path, json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8"))
