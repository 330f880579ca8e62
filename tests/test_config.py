"""Settings precedence: machine policy (registry, then machine file) > user settings > defaults."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from beratung_desktop import cli, config
from beratung_desktop.config import Settings, SettingsStore


def _store(tmp_path: Path, policy: dict | None = None) -> SettingsStore:
    return SettingsStore(tmp_path / "machine.json", tmp_path / "user.json", lambda: dict(policy or {}))


def test_policy_beats_machine_file_beats_user_beats_defaults(tmp_path):
    store = _store(tmp_path, {"auto_lock_minutes": 7, "language": "de"})
    store.machine_path.write_text(json.dumps({"auto_lock_minutes": 3, "export_dir": "E:\\"}), "utf-8")
    store.user_path.write_text(json.dumps({"auto_lock_minutes": 1, "export_dir": "F:\\", "backup_dir": "G:\\"}))
    settings = store.load()
    assert settings.auto_lock_minutes == 7  # registry policy
    assert settings.language == "de"
    assert settings.export_dir == "E:\\"  # machine file over the user's choice
    assert settings.backup_dir == "G:\\"  # the user's own value
    assert settings.retention_months == Settings().retention_months  # default
    assert store.locked() == {"auto_lock_minutes", "language", "export_dir"}


def test_saving_never_writes_locked_values_into_the_user_file(tmp_path):
    store = _store(tmp_path, {"data_dir": "C:\\Beratung"})
    settings = store.load()
    settings.data_dir = "D:\\elsewhere"
    settings.backup_dir = "E:\\"
    store.save(settings)
    saved = json.loads(store.user_path.read_text("utf-8"))
    assert "data_dir" not in saved and saved["backup_dir"] == "E:\\"
    assert store.load().data_dir == "C:\\Beratung"


def test_registry_strings_become_typed_values_and_bad_ones_are_ignored(tmp_path):
    # The MSI writes every property as a string; an empty one was not given.
    policy = config._known({"auto_lock_minutes": "10", "retention_months": "x", "allow_full_export": "1"})
    assert policy == {"auto_lock_minutes": 10, "allow_full_export": True}
    store = _store(tmp_path, policy)
    assert store.load().retention_months == 36 and store.load().auto_lock_minutes == 10


def test_damaged_or_foreign_files_give_defaults(tmp_path):
    store = _store(tmp_path)
    store.machine_path.write_bytes(b"\xff\xfe not json")
    store.user_path.write_text(json.dumps(["a list"]))
    assert store.load() == Settings()
    store.user_path.write_text(json.dumps({"auto_lock_minutes": True, "unknown": 1, "language": 5}))
    assert store.load() == Settings()


def test_a_user_cannot_redirect_the_machine_settings(monkeypatch, tmp_path):
    fake = tmp_path / "mine.json"
    fake.write_text(json.dumps({"allow_full_export": True}))
    monkeypatch.setenv("BERATUNG_MACHINE_SETTINGS", str(fake))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path))
    assert config.machine_settings_path() != fake
    assert not str(config.machine_settings_path()).startswith(str(tmp_path))
    default = SettingsStore.default()
    assert default.policy is config.read_registry_policy
    assert default.machine_path == config.machine_settings_path()


@pytest.mark.skipif(sys.platform == "win32", reason="elsewhere there is no registry")
def test_registry_policy_is_read_only_on_windows():
    assert config.read_registry_policy() == {}


def test_the_cli_takes_its_settings_from_the_injected_store(capsys, settings_store):
    settings_store.machine_path.write_text(json.dumps({"language": "de"}), "utf-8")
    assert cli.main(["--help"], settings_store=settings_store) == 0
    assert "Verwaltung von Beratung-Desktop-Datenspeichern." in capsys.readouterr().out
