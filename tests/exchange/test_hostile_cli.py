"""What IT sees on the terminal: nothing from a file can drive it, and refusals exit non-zero."""

from __future__ import annotations

from pathlib import Path

from beratung_desktop.exchange.enrollment import Enrollment
from beratung_desktop.exchange.keys import new_signing_key
from beratung_desktop.services import organisation
from tests.cli.test_exchange_commands import run

from .conftest import World
from .hostile import signed

ESCAPES = "MBE \x1b[2J\x1b]0;owned\x07 Nord\r\u202eevil"


def _org(world: World) -> tuple[str, ...]:
    return ("--data-dir", str(world.org.store.folder), "--user", "ida", "--password-stdin")


def test_escape_sequences_in_an_office_name_are_shown_escaped(world: World, tmp_path: Path, monkeypatch, capsys):
    private, public = new_signing_key()
    own = organisation.identity(world.org)
    enrollment = Enrollment("laptop-2", ESCAPES, own.organisation_id, public, "2026-11-23T10:00:00+00:00")
    file = tmp_path / "hostile.bdenroll"
    file.write_bytes(enrollment.to_bytes(private))
    code, out, err = run(monkeypatch, capsys, *_org(world), "org", "accept-device", str(file))
    assert code == 0, err
    code, overview, err = run(monkeypatch, capsys, *_org(world), "org", "overview")
    for text in (out, overview):
        assert "\x1b" not in text and "\x07" not in text and "\r" not in text and "\u202e" not in text
        assert "\\x1b[2J" in text and "\\u202eevil" in text
    assert "\x1b" not in organisation.devices(world.org)[0].office + organisation.devices(world.org)[1].office


def test_package_id_with_a_slash_exits_1_with_the_reason(world: World, monkeypatch, capsys):
    path = signed(world, {}, package_id="../x/evil")
    code, out, err = run(monkeypatch, capsys, *_org(world), "org", "import", str(path))
    assert code == 1 and "not a valid id" in err and "space" not in err + out
    assert not (world.tmp / "receipts").exists()
