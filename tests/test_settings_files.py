"""Damaged or hostile settings files (user or machine) never crash the app and never give a setting a
value of the wrong type: what cannot be read is ignored and the default stays."""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from beratung_desktop.config import Settings, SettingsStore

DEFAULTS = Settings()
NAMES = [f.name for f in fields(Settings)]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)


def _check(loaded: Settings) -> None:
    for name in NAMES:
        value, default = getattr(loaded, name), getattr(DEFAULTS, name)
        assert type(value) is type(default), (name, value)


def _store(folder: Path) -> SettingsStore:
    return SettingsStore(folder / "machine.json", folder / "user.json")


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(raw=st.binary(max_size=300), machine=st.booleans())
def test_any_bytes_as_a_settings_file(tmp_path, raw, machine):
    store = _store(tmp_path)
    (store.machine_path if machine else store.user_path).write_bytes(raw)
    _check(store.load())


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(values=st.dictionaries(st.sampled_from(NAMES) | st.text(max_size=10), json_values, max_size=8))
def test_any_json_values_keep_every_setting_of_its_type(tmp_path, values):
    store = _store(tmp_path)
    store.user_path.write_text(json.dumps(values), "utf-8")
    store.machine_path.write_text(json.dumps(values), "utf-8")
    loaded = store.load()
    _check(loaded)
    store.save(loaded)  # what was loaded can be written back and read again
    _check(store.load())
