"""The log: written by the GUI and the CLI, holds error types and ids, never a person's name."""

from __future__ import annotations

import io
import logging
import sys

import pytest

from beratung_desktop import cli, crash_log
from beratung_desktop.cli import store_commands
from beratung_desktop.services import accounts
from beratung_desktop.storage.keyslots import TEST_KDF
from tests.conftest import PASSWORD


@pytest.fixture(autouse=True)
def fresh_log():
    """Every test writes to its own log folder (BERATUNG_LOG_DIR); the handler follows it."""
    yield
    logger = logging.getLogger(crash_log.ROOT_LOGGER)
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()


def _cli(monkeypatch, data_dir, *args: str, stdin: str = PASSWORD + "\n") -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return cli.main(["--data-dir", str(data_dir), "--user", "anna", "--password-stdin", *args], kdf=TEST_KDF)


def _demo_names(data_dir) -> set[str]:
    session = accounts.unlock(data_dir, "anna", PASSWORD, kdf=TEST_KDF)
    try:
        clients = session.store.clients.all()
    finally:
        session.close()
    return {n for c in clients for n in (c.given_name, c.family_name, c.family_name_original) if len(n) >= 4}


def test_an_unexpected_cli_error_names_the_log_which_holds_type_but_not_message(
    demo_session, data_dir, monkeypatch, capsys
):
    demo_session.close()

    def broken(ctx):
        raise RuntimeError("Nadia Haddad, Musterweg 1")

    monkeypatch.setattr(store_commands, "cmd_verify", broken)
    code = _cli(monkeypatch, data_dir, "verify")
    err = capsys.readouterr().err
    log = crash_log.log_path()
    assert code == 1 and err.count("\n") == 1 and str(log) in err
    text = log.read_text("utf-8")
    report = err.split("report ")[1].split(")")[0]
    assert f"report {report}: unexpected builtins.RuntimeError in command verify" in text
    assert "Nadia" not in text and "Musterweg" not in text


def test_a_scripted_session_with_demo_data_logs_no_demo_name(demo_session, data_dir, monkeypatch, capsys, tmp_path):
    demo_session.close()
    assert _cli(monkeypatch, data_dir, "demo-data", "--clients", "60", "--seed", "5", "--today", "2026-01-15") == 0
    names = _demo_names(data_dir)
    assert len(names) > 30
    someone = sorted(names)[0]
    assert _cli(monkeypatch, data_dir, "search", someone) == 0
    assert _cli(monkeypatch, data_dir, "verify") == 0
    assert _cli(monkeypatch, data_dir, "stats", "--month", "2025-12") in (0, 1)
    assert _cli(monkeypatch, data_dir, "search", someone, stdin="wrong password\n") == 1
    capsys.readouterr()
    text = crash_log.log_path().read_text("utf-8")
    assert "command search" in text and "refused: WrongPassword" in text
    assert [n for n in names if n in text] == []


def test_an_error_in_the_window_is_logged_and_shown_calmly(qtbot, qapp, tmp_path, monkeypatch):
    from beratung_desktop.app import DesktopApp

    crash_log.setup("beratung-desktop", "test")
    app = DesktopApp(["--data-dir", str(tmp_path / "new"), "--lang", "en"], kdf=TEST_KDF)
    try:
        raise KeyError("Nadia Haddad")
    except KeyError:
        app.report_crash(*sys.exc_info())
    box = app.crash_box
    assert box.isVisible()
    text = crash_log.log_path().read_text("utf-8")
    report = text.split("report ")[1].split(":")[0]
    assert report in box.informativeText() and str(crash_log.log_path()) in box.informativeText()
    assert "builtins.KeyError in window" in text and "Nadia" not in text
    box.close()
    if app.wizard is not None:
        app.wizard.close()
