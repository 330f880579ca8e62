"""beratung-admin demo-data, run in-process."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from beratung_desktop import cli
from beratung_desktop.services import accounts
from beratung_desktop.storage.keyslots import TEST_KDF
from tests.conftest import PASSWORD


def _run(monkeypatch: pytest.MonkeyPatch, data_dir: Path, *args: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    return cli.main(
        ["--data-dir", str(data_dir), "--user", "anna", "--password-stdin", "demo-data", *args], kdf=TEST_KDF
    )


def test_demo_data_command_fills_the_store(demo_session, data_dir: Path, monkeypatch, capsys) -> None:
    demo_session.close()
    code = _run(monkeypatch, data_dir, "--clients", "120", "--seed", "3", "--today", "2026-01-15")
    out = capsys.readouterr().out
    assert code == 0
    assert "clients: 120" in out and "consultations:" in out
    reopened = accounts.unlock(data_dir, "anna", PASSWORD, kdf=TEST_KDF)
    try:
        assert reopened.store.clients.count() == 120
        assert reopened.store.consultations.count() > 120
    finally:
        reopened.close()


def test_demo_data_refuses_bad_input(session, data_dir: Path, monkeypatch, capsys) -> None:
    session.close()
    assert _run(monkeypatch, data_dir, "--clients", "0") == 1
    assert _run(monkeypatch, data_dir, "--today", "18.03.2026") == 2
    reopened = accounts.unlock(data_dir, "anna", PASSWORD, kdf=TEST_KDF)
    try:
        assert reopened.store.clients.count() == 0
    finally:
        reopened.close()


def test_demo_data_is_refused_in_a_real_store(session, data_dir: Path, monkeypatch, capsys) -> None:
    session.close()
    assert _run(monkeypatch, data_dir, "--clients", "5") == 1
    err = capsys.readouterr().err
    assert "only into a demo store" in err and "Traceback" not in err
    reopened = accounts.unlock(data_dir, "anna", PASSWORD, kdf=TEST_KDF)
    try:
        assert reopened.store.clients.count() == 0 and len(reopened.store.users.all()) == 1
    finally:
        reopened.close()
