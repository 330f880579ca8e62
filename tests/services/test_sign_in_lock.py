"""Resuming an auto-locked session: the password must open this store, not just some key slot."""

from __future__ import annotations

import json

import pytest

from beratung_desktop.services import sign_in
from beratung_desktop.storage.errors import WrongPassword
from beratung_desktop.storage.keyslots import KEY_FILE, KEY_FILE_COPY, TEST_KDF, KeyFile
from tests.conftest import PASSWORD


def test_right_password_resumes(session):
    sign_in.verify_password(session, PASSWORD)


def test_wrong_password_is_refused(session):
    with pytest.raises(WrongPassword):
        sign_in.verify_password(session, "not it")


def test_forged_key_file_does_not_unlock_the_open_session(session, data_dir):
    """Someone at the unlocked computer replaces keys.json with a slot wrapping a key of their own."""
    store_id = json.loads((data_dir / KEY_FILE).read_text())["store_id"]
    forged = KeyFile(data_dir, store_id)
    forged.set_password("anna", "attacker's password", b"\x01" * 32, TEST_KDF)
    forged.save()
    assert (data_dir / KEY_FILE_COPY).exists()
    with pytest.raises(WrongPassword):
        sign_in.verify_password(session, "attacker's password")
