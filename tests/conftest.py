"""Every test gets its own temporary data folder and settings; nothing touches the real user folders."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from beratung_desktop.config import SettingsStore
from beratung_desktop.i18n import set_language
from beratung_desktop.services import accounts
from beratung_desktop.services.session import Session
from beratung_desktop.storage.keyslots import TEST_KDF, KdfParams

PASSWORD = "correct horse battery"

# Widgets are tried on the office laptop's screen (1366x768 at 100 %), not the offscreen default 800x800.
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={Path(__file__).with_name('laptop-screen.json')}"


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("BERATUNG_USER_SETTINGS", str(tmp_path / "user-settings.json"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("BERATUNG_LOG_DIR", str(tmp_path / "log"))
    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def settings_store(tmp_path: Path) -> SettingsStore:
    """Machine and user settings in the test's folder (production reads the fixed machine location)."""
    return SettingsStore(tmp_path / "machine-settings.json", tmp_path / "user-settings.json")


@pytest.fixture
def kdf() -> KdfParams:
    return TEST_KDF


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def new_store(data_dir: Path) -> Iterator[tuple[Session, str]]:
    """A fresh store with admin 'anna'; yields the session and the recovery key."""
    session, recovery_key = accounts.create_store(
        data_dir, "anna", PASSWORD, display_name="Anna A.", office_name="Beratungsstelle Test", kdf=TEST_KDF
    )
    yield session, recovery_key
    session.close()


@pytest.fixture
def session(new_store: tuple[Session, str]) -> Session:
    return new_store[0]


@pytest.fixture
def demo_session(data_dir: Path) -> Iterator[Session]:
    """A demo store (demo data may go only there) with admin 'anna'."""
    session, _ = accounts.create_store(data_dir, "anna", PASSWORD, office_name="Demo", kdf=TEST_KDF, demo=True)
    yield session
    session.close()
