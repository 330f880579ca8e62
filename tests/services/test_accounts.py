"""Users leave and come back, passwords have a floor, guessing waits: issue 18.6, 18.9, 18.10."""

from __future__ import annotations

import io
import shutil

import pytest

from beratung_desktop.cli import main
from beratung_desktop.domain.users import validate_password
from beratung_desktop.domain.validation import ValidationError
from beratung_desktop.services import accounts, maintenance, sign_in
from beratung_desktop.storage.errors import DamagedStore, StoreBusy, WrongPassword, WrongRecoveryKey
from beratung_desktop.storage.keyslots import KEY_FILE, KEY_FILE_COPY, TEST_KDF
from beratung_desktop.storage.sign_in_throttle import SignInThrottle, TooManyAttempts
from tests.conftest import PASSWORD
from tests.factories import add_client

BERTA = "berta's password"


def test_removed_user_with_an_old_key_file_no_longer_opens_the_store(new_store, data_dir, tmp_path):
    session, old_recovery = new_store
    accounts.add_user(session, "berta", "counsellor", BERTA, kdf=TEST_KDF)
    add_client(session, given_name="Kept", family_name="Safe")
    old_backup = maintenance.backup(session, tmp_path / "B")
    kept = tmp_path / "berta-kept"
    kept.mkdir()
    for name in (KEY_FILE, KEY_FILE_COPY):
        shutil.copy(data_dir / name, kept / name)
    removed = accounts.remove_user(session, "berta")
    assert removed.user.name == "berta" and removed.needs_new_password == []
    assert removed.recovery_key != old_recovery
    session.close()
    with pytest.raises(WrongPassword):
        accounts.unlock(data_dir, "berta", BERTA, kdf=TEST_KDF)
    # Berta puts her old key files back: her slot opens only the old database key.
    for name in (KEY_FILE, KEY_FILE_COPY):
        shutil.copy(kept / name, data_dir / name)
    with pytest.raises((DamagedStore, WrongPassword)):
        accounts.unlock(data_dir, "berta", BERTA, kdf=TEST_KDF)
    with pytest.raises(WrongRecoveryKey):
        accounts.recover(data_dir, old_recovery, "anna", "a new secret 12", kdf=TEST_KDF)
    # The new recovery key opens the store and writes fresh key files.
    anna = accounts.recover(data_dir, removed.recovery_key, "anna", "a new secret 12", kdf=TEST_KDF)
    assert anna.store.clients.count() == 1
    assert maintenance.verify(anna).ok
    anna.close()
    # The old recovery key still opens the backup made before the re-keying; the current password not.
    from beratung_desktop.storage.store import BackupNotForPassword

    with pytest.raises(BackupNotForPassword):
        maintenance.restore_folder(data_dir, old_backup, user_name="anna", password="a new secret 12")
    done = maintenance.restore_folder(data_dir, old_backup, recovery_key=old_recovery)
    assert done.session is None


def test_rekey_keeps_every_password_working(new_store, data_dir):
    session, _ = new_store
    accounts.add_user(session, "berta", "counsellor", BERTA, kdf=TEST_KDF)
    add_client(session, given_name="Kept", family_name="Safe")
    db_before = (data_dir / "beratung.db").read_bytes()[:8192]
    done = accounts.rekey(session)
    assert done.needs_new_password == []
    assert maintenance.verify(session).ok
    session.close()
    assert (data_dir / "beratung.db").read_bytes()[:8192] != db_before
    for user, password in (("anna", PASSWORD), ("berta", BERTA)):
        again = accounts.unlock(data_dir, user, password, kdf=TEST_KDF)
        assert again.store.clients.count() == 1
        again.close()


def test_rekey_is_refused_while_another_program_has_the_store_open(new_store, data_dir):
    session, _ = new_store
    accounts.add_user(session, "berta", "counsellor", BERTA, kdf=TEST_KDF)
    other = accounts.unlock(data_dir, "berta", BERTA, kdf=TEST_KDF)
    try:
        with pytest.raises(StoreBusy):
            accounts.remove_user(session, "berta")
        with pytest.raises(StoreBusy):
            accounts.rekey(session)
    finally:
        other.close()
    assert [u.name for u in accounts.list_users(session) if u.active] == ["anna", "berta"]


def test_a_slot_with_a_swapped_public_key_gets_no_new_key(new_store, data_dir):
    """Someone writes their own public key into another user's slot before a re-keying."""
    import json

    session, _ = new_store
    accounts.add_user(session, "berta", "counsellor", BERTA, kdf=TEST_KDF)
    accounts.add_user(session, "mallory", "counsellor", "mallory's password", kdf=TEST_KDF)
    keys = json.loads((data_dir / KEY_FILE).read_text())
    keys["slots"]["berta"] = keys["slots"]["mallory"]
    for name in (KEY_FILE, KEY_FILE_COPY):
        (data_dir / name).write_text(json.dumps(keys))
    done = accounts.rekey(session)
    assert done.needs_new_password == ["berta"]


def test_a_removed_user_can_be_added_again_and_passwd_on_them_fails(new_store, data_dir, monkeypatch, capsys):
    session, _ = new_store
    accounts.add_user(session, "berta", "counsellor", BERTA, kdf=TEST_KDF)
    accounts.remove_user(session, "berta")
    with pytest.raises(accounts.UnknownUser):
        accounts.change_password(session, "another password 1", user_name="berta", kdf=TEST_KDF)
    session.close()
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSWORD}\nanother password 1\n"))
    code = main(
        ["--data-dir", str(data_dir), "--user", "anna", "--password-stdin", "passwd", "--for-user", "berta"],
        kdf=TEST_KDF,
    )
    assert code == 1 and "no user named berta" in capsys.readouterr().err
    session = accounts.unlock(data_dir, "anna", PASSWORD, kdf=TEST_KDF)
    accounts.add_user(session, "berta", "team_lead", "berta is back 1", kdf=TEST_KDF)
    session.close()
    berta = accounts.unlock(data_dir, "berta", "berta is back 1", kdf=TEST_KDF)
    assert berta.user.role == "team_lead" and berta.user.active
    berta.close()


@pytest.mark.parametrize(
    "password", ["12345678", " " * 10, "1234567890", "aaaaaaaaaaaa", "passwort123", "qwertzuiop", "anna12345678"]
)
def test_trivial_passwords_are_refused(password):
    assert validate_password(password, "anna12345678")


@pytest.mark.parametrize("password", ["correct horse battery", "Mein Büro am Markt 7", "demo-passwort"])
def test_sentences_are_accepted(password):
    assert validate_password(password) == []


def test_add_user_refuses_a_trivial_password(session):
    with pytest.raises(ValidationError):
        accounts.add_user(session, "berta", "counsellor", "1234567890", kdf=TEST_KDF)


def test_wrong_passwords_make_every_process_wait(new_store, data_dir, monkeypatch, capsys):
    session, _ = new_store
    session.close()
    clock = [1000.0]
    monkeypatch.setattr("beratung_desktop.storage.sign_in_throttle.time.time", lambda: clock[0])
    for _ in range(3):
        with pytest.raises(WrongPassword):
            accounts.unlock(data_dir, "anna", "not the password", kdf=TEST_KDF)
    # Even the right password waits now, through the CLI as through the services.
    with pytest.raises(TooManyAttempts):
        accounts.unlock(data_dir, "anna", PASSWORD, kdf=TEST_KDF)
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSWORD}\n"))
    code = main(["--data-dir", str(data_dir), "--user", "anna", "--password-stdin", "verify"], kdf=TEST_KDF)
    assert code == 1 and "Wait 1 seconds" in capsys.readouterr().err
    clock[0] += 1.5
    with pytest.raises(WrongPassword):
        accounts.unlock(data_dir, "anna", "not the password", kdf=TEST_KDF)
    clock[0] += 1.5
    with pytest.raises(TooManyAttempts) as waiting:
        accounts.unlock(data_dir, "anna", PASSWORD, kdf=TEST_KDF)
    assert waiting.value.params["seconds"] == 1  # 2 s after the 4th wrong one, 1.5 s passed
    clock[0] += 1
    accounts.unlock(data_dir, "anna", PASSWORD, kdf=TEST_KDF).close()
    assert SignInThrottle(data_dir)._read() == {}
    # Unknown login names wait the same way, so names are not revealed.
    for _ in range(3):
        with pytest.raises(WrongPassword):
            accounts.unlock(data_dir, "nobody", PASSWORD, kdf=TEST_KDF)
    with pytest.raises(TooManyAttempts):
        accounts.unlock(data_dir, "nobody", PASSWORD, kdf=TEST_KDF)


def test_resuming_a_locked_session_is_throttled_too(session, monkeypatch):
    monkeypatch.setattr("beratung_desktop.storage.sign_in_throttle.time.time", lambda: 5000.0)
    for _ in range(3):
        with pytest.raises(WrongPassword):
            sign_in.verify_password(session, "not it at all")
    with pytest.raises(TooManyAttempts):
        sign_in.verify_password(session, PASSWORD)
