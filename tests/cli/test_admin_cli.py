"""beratung-admin in-process: exit codes, JSON output, messages, and files left untouched on refusal."""

from __future__ import annotations

import io
import json

import pytest

from beratung_desktop.cli import main
from beratung_desktop.storage.keyslots import KEY_FILE, KEY_FILE_COPY, TEST_KDF
from tests.storage.raw_access import tamper_audit_entry

PW = "office password 1"


def run(monkeypatch, capsys, *argv, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(argv), kdf=TEST_KDF)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def store_dir(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "data"
    code, out, _ = run(
        monkeypatch,
        capsys,
        "--data-dir",
        str(folder),
        "--user",
        "anna",
        "--password-stdin",
        "init",
        "--json",
        stdin=f"{PW}\n",
    )
    assert code == 0
    assert len(json.loads(out)["recovery_key"].replace("-", "")) == 32
    return folder


def as_anna(folder, *argv):
    return ("--data-dir", str(folder), "--user", "anna", "--password-stdin", *argv)


def test_init_refuses_an_existing_store(store_dir, monkeypatch, capsys):
    before = (store_dir / "beratung.db").read_bytes()
    code, _, err = run(monkeypatch, capsys, *as_anna(store_dir, "init"), stdin=f"{PW}\n")
    assert code == 1 and "already exists" in err and "Traceback" not in err
    assert (store_dir / "beratung.db").read_bytes() == before


def test_user_add_list_and_search_json(store_dir, monkeypatch, capsys):
    code, _, err = run(
        monkeypatch,
        capsys,
        *as_anna(store_dir, "user", "add", "berta", "--role", "counsellor"),
        stdin=f"{PW}\nberta password\n",
    )
    assert code == 0, err
    code, out, _ = run(monkeypatch, capsys, *as_anna(store_dir, "user", "list", "--json"), stdin=f"{PW}\n")
    assert [(u["name"], u["role"]) for u in json.loads(out)] == [("anna", "admin"), ("berta", "counsellor")]
    # Berta logs in with her own password and finds nothing yet.
    code, out, _ = run(
        monkeypatch,
        capsys,
        "--data-dir",
        str(store_dir),
        "--user",
        "berta",
        "--password-stdin",
        "search",
        "Ahmad",
        "--json",
        stdin="berta password\n",
    )
    assert code == 0 and json.loads(out) == []


def test_search_json_has_the_documented_fields(store_dir, monkeypatch, capsys):
    from beratung_desktop.services import accounts
    from tests.factories import add_client

    session = accounts.unlock(store_dir, "anna", PW, kdf=TEST_KDF)
    add_client(session, given_name="Ahmad", family_name="Karimi")
    session.close()
    code, out, _ = run(monkeypatch, capsys, *as_anna(store_dir, "search", "ahmed", "--json"), stdin=f"{PW}\n")
    found = json.loads(out)
    assert code == 0 and len(found) == 1
    assert {"id", "given_name", "family_name", "birth_date"} <= set(found[0])
    assert found[0]["birth_date"] == "1990-05-17"


def test_wrong_password_missing_store_and_usage_errors(store_dir, tmp_path, monkeypatch, capsys):
    code, _, err = run(monkeypatch, capsys, *as_anna(store_dir, "verify"), stdin="nope\n")
    assert code == 1 and "Wrong user name or password" in err and err[-1] == "\n" and err.count("\n") == 1
    code, _, err = run(monkeypatch, capsys, *as_anna(tmp_path / "nowhere", "verify"), stdin=f"{PW}\n")
    assert code == 1 and "No data store found" in err
    assert not (tmp_path / "nowhere").exists()
    code, _, err = run(monkeypatch, capsys, "frobnicate")
    assert code == 2
    code, _, err = run(monkeypatch, capsys, *as_anna(store_dir, "verify"), stdin="")
    assert code == 1 and "Standard input ended" in err


def test_messages_follow_lang(store_dir, monkeypatch, capsys):
    code, _, err = run(monkeypatch, capsys, "--lang", "de", *as_anna(store_dir, "verify"), stdin="nope\n")
    assert code == 1 and "Falscher Benutzername oder falsches Passwort" in err


def test_passwd_changes_the_password_and_a_lost_key_file_is_explained(store_dir, monkeypatch, capsys):
    code, _, err = run(monkeypatch, capsys, *as_anna(store_dir, "passwd"), stdin=f"{PW}\nsecond password\n")
    assert code == 0, err
    code, _, _ = run(monkeypatch, capsys, *as_anna(store_dir, "verify"), stdin=f"{PW}\n")
    assert code == 1
    code, _, _ = run(monkeypatch, capsys, *as_anna(store_dir, "verify"), stdin="second password\n")
    assert code == 0
    (store_dir / KEY_FILE).unlink()
    (store_dir / KEY_FILE_COPY).unlink()
    code, _, err = run(monkeypatch, capsys, *as_anna(store_dir, "verify"), stdin="second password\n")
    assert code == 1 and "Use the recovery key" in err


def test_recover_with_recovery_key_stdin(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "d"
    _, out, _ = run(
        monkeypatch,
        capsys,
        "--data-dir",
        str(folder),
        "--user",
        "anna",
        "--password-stdin",
        "init",
        "--json",
        stdin=f"{PW}\n",
    )
    recovery_key = json.loads(out)["recovery_key"]
    (folder / KEY_FILE).unlink()
    (folder / KEY_FILE_COPY).unlink()
    code, _, err = run(
        monkeypatch,
        capsys,
        "--data-dir",
        str(folder),
        "--user",
        "anna",
        "recover",
        "--recovery-key-stdin",
        stdin=f"{recovery_key}\nnew password 2\n",
    )
    assert code == 0, err
    code, out, _ = run(
        monkeypatch,
        capsys,
        "--data-dir",
        str(folder),
        "--user",
        "anna",
        "--password-stdin",
        "verify",
        stdin="new password 2\n",
    )
    assert code == 0 and "Audit chain: ok" in out
    code, _, err = run(
        monkeypatch,
        capsys,
        "--data-dir",
        str(folder),
        "--user",
        "anna",
        "recover",
        "--recovery-key-stdin",
        stdin="AAAA-BBBB\nnew password 3\n",
    )
    assert code == 1 and "recovery key" in err


def test_backup_restore_and_verify_via_cli(store_dir, tmp_path, monkeypatch, capsys):
    code, _, _ = run(monkeypatch, capsys, *as_anna(store_dir, "backup", "--to", str(tmp_path / "bk")), stdin=f"{PW}\n")
    assert code == 0
    backup_file = next((tmp_path / "bk").iterdir())
    code, _, err = run(monkeypatch, capsys, *as_anna(store_dir, "restore", str(backup_file)), stdin=f"{PW}\n")
    assert code == 0, err
    code, _, err = run(
        monkeypatch, capsys, *as_anna(store_dir, "restore", str(tmp_path / "missing.db")), stdin=f"{PW}\n"
    )
    assert code == 1 and "does not exist" in err
    code, _out, _ = run(monkeypatch, capsys, *as_anna(store_dir, "verify"), stdin=f"{PW}\n")
    assert code == 0


def test_verify_exit_code_on_a_broken_audit_chain(store_dir, monkeypatch, capsys):
    from beratung_desktop.services import accounts

    session = accounts.unlock(store_dir, "anna", PW, kdf=TEST_KDF)
    tamper_audit_entry(session.store, 1, "view")
    session.close()
    code, out, err = run(monkeypatch, capsys, *as_anna(store_dir, "verify"), stdin=f"{PW}\n")
    assert code == 1 and "broken at entries 1" in out and "Verification failed" in err


def test_user_remove_deletes_the_slot_and_keeps_the_records(store_dir, monkeypatch, capsys):
    run(
        monkeypatch,
        capsys,
        *as_anna(store_dir, "user", "add", "berta", "--role", "counsellor"),
        stdin=f"{PW}\nberta password\n",
    )
    code, _, err = run(monkeypatch, capsys, *as_anna(store_dir, "user", "remove", "berta"), stdin=f"{PW}\n")
    assert code == 0, err
    code, _, err = run(
        monkeypatch,
        capsys,
        "--data-dir",
        str(store_dir),
        "--user",
        "berta",
        "--password-stdin",
        "verify",
        stdin="berta password\n",
    )
    assert code == 1 and "Wrong user name or password" in err
    code, out, _ = run(monkeypatch, capsys, *as_anna(store_dir, "user", "list", "--json"), stdin=f"{PW}\n")
    assert {u["name"]: u["active"] for u in json.loads(out)} == {"anna": True, "berta": False}
    code, _, err = run(monkeypatch, capsys, *as_anna(store_dir, "user", "remove", "anna"), stdin=f"{PW}\n")
    assert code == 1 and "own account" in err
