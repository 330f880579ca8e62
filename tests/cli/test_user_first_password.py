"""`user add --first-password`: the app asks the new user for their own password at the first sign-in."""

from __future__ import annotations

from beratung_desktop.services import accounts
from beratung_desktop.storage.keyslots import TEST_KDF
from tests.cli.test_admin_cli import PW, as_anna, run, store_dir  # noqa: F401


def test_user_add_with_a_first_password_marks_it_for_change(store_dir, monkeypatch, capsys):  # noqa: F811
    for name, extra in (("berta", ["--first-password"]), ("carla", [])):
        code, _, err = run(
            monkeypatch,
            capsys,
            *as_anna(store_dir, "user", "add", name, "--role", "counsellor", *extra),
            stdin=f"{PW}\n{name} first password\n",
        )
        assert code == 0, err
    berta = accounts.unlock(store_dir, "berta", "berta first password", kdf=TEST_KDF)
    carla = accounts.unlock(store_dir, "carla", "carla first password", kdf=TEST_KDF)
    try:
        assert accounts.password_change_required(berta) and not accounts.password_change_required(carla)
    finally:
        berta.close()
        carla.close()
