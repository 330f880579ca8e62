"""The exchange commands end to end, as IT would type them."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from beratung_desktop import cli
from beratung_desktop.storage.keyslots import TEST_KDF
from tests.conftest import PASSWORD


def run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, *argv: str, stdin: str = PASSWORD + "\n"
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = cli.main(list(argv), kdf=TEST_KDF)
    out, err = capsys.readouterr()
    return code, out, err


def test_set_up_export_import_and_receipt(tmp_path: Path, monkeypatch, capsys):
    org, office, stick = tmp_path / "org", tmp_path / "office", tmp_path / "stick"
    key, enrollment = tmp_path / "org.key", tmp_path / "laptop.bdenroll"
    stick.mkdir()
    org_args = ("--data-dir", str(org), "--user", "ida", "--password-stdin")
    office_args = ("--data-dir", str(office), "--user", "anna", "--password-stdin")

    code, out, _err = run(
        monkeypatch, capsys, *org_args, "org", "init", "--name", "Träger e.V.", "--public-key-out", str(key)
    )
    assert code == 0 and "Fingerprint" in out and key.is_file()
    assert run(monkeypatch, capsys, *office_args, "init", "--office", "Office A")[0] == 0
    code, out, _err = run(
        monkeypatch,
        capsys,
        *office_args,
        "device",
        "enroll",
        "--org-key",
        str(key),
        "--office",
        "Office A",
        "--out",
        str(enrollment),
    )
    assert code == 0 and enrollment.is_file()
    laptop_fingerprint = out.rsplit(":", 1)[1].strip()
    code, out, _err = run(monkeypatch, capsys, *org_args, "org", "accept-device", str(enrollment))
    assert code == 0 and laptop_fingerprint in out

    code, out, err = run(monkeypatch, capsys, *office_args, "export", "--to", str(stick))
    assert code == 0, err
    code, out, err = run(monkeypatch, capsys, *org_args, "org", "import", str(stick))
    assert code == 0 and "imported" in out, err
    code, out, err = run(monkeypatch, capsys, *org_args, "org", "import", str(stick))
    assert code == 0 and "nothing was inserted" in out

    code, out, err = run(monkeypatch, capsys, *office_args, "import-receipt", str(stick / "receipts"))
    assert code == 0 and "delivered on" in out, err
    code, out, _err = run(monkeypatch, capsys, *office_args, "export-status", "--json")
    status = json.loads(out)
    assert status["last_delivered"] and status["undelivered"] == 0

    code, out, _err = run(monkeypatch, capsys, *org_args, "org", "overview", "--json")
    view = json.loads(out)
    assert [d["office"] for d in view["devices"]] == ["Office A"] and view["devices"][0]["packages"] == 1

    summary = tmp_path / "summary.json"
    code, out, err = run(
        monkeypatch, capsys, *org_args, "org", "report", "monthly", "--month", "2024-03", "--out", str(summary)
    )
    assert code == 0, err
    assert json.loads(summary.read_text("utf-8"))["current"]["consultations"]["count"] == 0
    code, out, err = run(
        monkeypatch,
        capsys,
        *org_args,
        "org",
        "report",
        "monthly",
        "--month",
        "03/2024",
        "--out",
        str(tmp_path / "x.pdf"),
    )
    assert code == 1 and "YYYY-MM" in err

    code, out, err = run(monkeypatch, capsys, *office_args, "export", "--to", str(stick), "--scope", "full")
    assert code == 1 and "does not allow" in err


def test_refused_package_gives_exit_code_1_and_one_line(tmp_path: Path, monkeypatch, capsys):
    org = tmp_path / "org"
    run(
        monkeypatch,
        capsys,
        "--data-dir",
        str(org),
        "--user",
        "ida",
        "--password-stdin",
        "org",
        "init",
        "--name",
        "T",
        "--public-key-out",
        str(tmp_path / "k"),
    )
    bad = tmp_path / "bad.bdx"
    bad.write_bytes(b"BDXPKG\r\n\x00")
    code, _out, err = run(
        monkeypatch, capsys, "--data-dir", str(org), "--user", "ida", "--password-stdin", "org", "import", str(bad)
    )
    assert code == 1 and "incomplete" in err and "Traceback" not in err


def test_org_commands_refuse_an_office_store(tmp_path: Path, monkeypatch, capsys):
    office = tmp_path / "office"
    args = ("--data-dir", str(office), "--user", "anna", "--password-stdin")
    run(monkeypatch, capsys, *args, "init")
    code, _out, err = run(monkeypatch, capsys, *args, "org", "overview")
    assert code == 1 and "office store" in err
