"""Damaged, missing, foreign or weakened key files: never a traceback, never a weaker unlock."""

from __future__ import annotations

import base64
import json
import time
from pathlib import Path

import pytest

from beratung_desktop.services import accounts, maintenance
from beratung_desktop.storage.errors import DamagedStore, KeyFileMissing, StoreError, WrongPassword
from beratung_desktop.storage.keyslots import KEY_FILE, KEY_FILE_COPY, TEST_KDF, KdfParams, KeyFile
from tests.conftest import PASSWORD
from tests.factories import add_client


def _flip_base64(text: str) -> str:
    raw = bytearray(base64.b64decode(text))
    raw[len(raw) // 2] ^= 0x01
    return base64.b64encode(bytes(raw)).decode()


def _other_last_char(text: str) -> str:
    # A fixed replacement would leave the id unchanged whenever it already ends in that character.
    return text[:-1] + ("1" if text.endswith("0") else "0")


def _edit(path: Path, change) -> None:
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def _other_store_slot(tmp_path: Path) -> dict:
    if not (tmp_path / "other" / KEY_FILE).exists():
        accounts.create_store(tmp_path / "other", "anna", PASSWORD, kdf=TEST_KDF)[0].close()
    return json.loads((tmp_path / "other" / KEY_FILE).read_text())["slots"]["anna"]


DAMAGES = {
    "missing": lambda p, tmp: p.unlink(),
    "truncated": lambda p, tmp: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]),
    "empty": lambda p, tmp: p.write_bytes(b""),
    "flipped wrapped": lambda p, tmp: _edit(
        p, lambda d: d["slots"]["anna"].update(wrapped=_flip_base64(d["slots"]["anna"]["wrapped"]))
    ),
    "flipped salt": lambda p, tmp: _edit(
        p, lambda d: d["slots"]["anna"].update(salt=_flip_base64(d["slots"]["anna"]["salt"]))
    ),
    "flipped nonce": lambda p, tmp: _edit(
        p, lambda d: d["slots"]["anna"].update(nonce=_flip_base64(d["slots"]["anna"]["nonce"]))
    ),
    "flipped public key": lambda p, tmp: _edit(
        p, lambda d: d["slots"]["anna"].update(public=_flip_base64(d["slots"]["anna"]["public"]))
    ),
    "flipped store id": lambda p, tmp: _edit(p, lambda d: d.update(store_id=_other_last_char(d["store_id"]))),
    "slot of another store": lambda p, tmp: _edit(p, lambda d: d["slots"].update(anna=_other_store_slot(tmp))),
    "kdf lowered": lambda p, tmp: _edit(p, lambda d: d["slots"]["anna"]["kdf"].update(memory_kib=8, time_cost=1)),
    "kdf time_cost 10^9": lambda p, tmp: _edit(p, lambda d: d["slots"]["anna"]["kdf"].update(time_cost=10**9)),
    "kdf not numbers": lambda p, tmp: _edit(p, lambda d: d["slots"]["anna"].update(kdf={"time_cost": "x"})),
    "binary garbage": lambda p, tmp: p.write_bytes(bytes(range(256)) * 4),
}


@pytest.fixture
def store_with_strong_slot(tmp_path, data_dir):
    """A store whose slot uses parameters above the test floor, so 'lowered' really lowers them."""
    session, recovery = accounts.create_store(data_dir, "anna", PASSWORD, kdf=KdfParams(2, 64, 1))
    add_client(session, given_name="Kept", family_name="Safe")
    session.close()
    return recovery


@pytest.mark.parametrize("damage", sorted(DAMAGES))
@pytest.mark.parametrize("which", [KEY_FILE, KEY_FILE_COPY])
def test_one_damaged_copy_falls_back_to_the_other_and_is_repaired(
    store_with_strong_slot, tmp_path, data_dir, damage, which
):
    DAMAGES[damage](data_dir / which, tmp_path)
    session = accounts.unlock(data_dir, "anna", PASSWORD, kdf=KdfParams(2, 64, 1))
    assert session.store.clients.count() == 1
    session.close()
    # Signing in repaired the damaged copy: the other copy alone now opens the store too.
    other = KEY_FILE_COPY if which == KEY_FILE else KEY_FILE
    (data_dir / other).unlink()
    accounts.unlock(data_dir, "anna", PASSWORD, kdf=KdfParams(2, 64, 1)).close()


@pytest.mark.parametrize("damage", sorted(set(DAMAGES) - {"missing"}))
def test_both_copies_damaged_is_a_clear_refusal_and_the_recovery_key_still_opens(
    store_with_strong_slot, tmp_path, data_dir, damage
):
    for name in (KEY_FILE, KEY_FILE_COPY):
        DAMAGES[damage](data_dir / name, tmp_path)
    started = time.monotonic()
    with pytest.raises(StoreError) as refused:
        accounts.unlock(data_dir, "anna", PASSWORD, kdf=KdfParams(2, 64, 1))
    assert time.monotonic() - started < 30  # no hang on absurd Argon2 parameters
    assert isinstance(refused.value, (WrongPassword, KeyFileMissing, DamagedStore))
    recovered = accounts.recover(data_dir, store_with_strong_slot, "anna", "a new secret 12", kdf=TEST_KDF)
    assert recovered.store.clients.count() == 1
    recovered.close()


def test_weak_parameters_are_upgraded_at_sign_in(tmp_path, data_dir):
    accounts.create_store(data_dir, "anna", PASSWORD, kdf=TEST_KDF)[0].close()
    policy = KdfParams(time_cost=2, memory_kib=256, parallelism=1)
    accounts.unlock(data_dir, "anna", PASSWORD, kdf=policy).close()
    for name in (KEY_FILE, KEY_FILE_COPY):
        assert KeyFile.load(data_dir).slots["anna"].kdf == policy
        assert json.loads((data_dir / name).read_text())["slots"]["anna"]["kdf"]["memory_kib"] == 256


def test_format_1_slot_still_opens_and_is_rewritten_in_format_2(tmp_path, data_dir):
    import os

    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    session, recovery = accounts.create_store(data_dir, "anna", PASSWORD, kdf=TEST_KDF)
    store_id = session.store.store_id
    session.close()
    from beratung_desktop.storage.keyslots import database_key_from_recovery

    key = database_key_from_recovery(recovery)
    salt, nonce = os.urandom(16), os.urandom(12)
    wrapped = AESGCM(TEST_KDF.derive(PASSWORD, salt)).encrypt(nonce, key, f"beratung-desktop/{store_id}/anna".encode())
    legacy = {
        "format": 1,
        "store_id": store_id,
        "slots": {
            "anna": {
                "kdf": {"time_cost": 1, "memory_kib": 8, "parallelism": 1},
                "salt": base64.b64encode(salt).decode(),
                "nonce": base64.b64encode(nonce).decode(),
                "wrapped": base64.b64encode(wrapped).decode(),
            }
        },
    }
    for name in (KEY_FILE, KEY_FILE_COPY):
        (data_dir / name).write_text(json.dumps(legacy))
    accounts.unlock(data_dir, "anna", PASSWORD, kdf=TEST_KDF).close()
    upgraded = json.loads((data_dir / KEY_FILE).read_text())
    assert upgraded["format"] == 2 and upgraded["slots"]["anna"]["version"] == 2
    accounts.unlock(data_dir, "anna", PASSWORD, kdf=TEST_KDF).close()


def test_key_files_data_and_backups_are_private(new_store, data_dir, tmp_path):
    session, _ = new_store
    backup_file = maintenance.backup(session, tmp_path / "B")
    for path in (data_dir / "beratung.db", data_dir / KEY_FILE, data_dir / KEY_FILE_COPY, backup_file):
        assert path.stat().st_mode & 0o777 == 0o600, path
    assert data_dir.stat().st_mode & 0o777 == 0o700
    # An older store with open modes is tightened when it is opened.
    session.close()
    (data_dir / "beratung.db").chmod(0o644)
    data_dir.chmod(0o755)
    accounts.unlock(data_dir, "anna", PASSWORD, kdf=TEST_KDF).close()
    assert (data_dir / "beratung.db").stat().st_mode & 0o777 == 0o600
    assert data_dir.stat().st_mode & 0o777 == 0o700
