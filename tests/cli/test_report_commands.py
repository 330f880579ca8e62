"""report, stats and import through beratung-admin."""

from __future__ import annotations

import io
import json

from pypdf import PdfReader

from tests.cli.test_admin_cli import PW, as_anna, run, store_dir  # noqa: F401 (fixture)

ROWS = (
    "Klientennummer;Vorname;Nachname;Geschlecht;Dienst;Datum;Minuten;Themen\n"
    "K-1;Testa;Beispiel;w;MBE;31.03.2024;45;Wohnen, Gesundheit\n"
    "K-2;Olek;Muster;m;JMD;01.03.2024;30;Schule\n"
)


def _import(store_dir, tmp_path, monkeypatch, capsys, *extra):  # noqa: F811
    path = tmp_path / "liste.csv"
    path.write_text(ROWS, encoding="utf-8")
    return run(monkeypatch, capsys, *as_anna(store_dir, "import", str(path), *extra), stdin=f"{PW}\n")


def test_import_dry_run_then_real(store_dir, tmp_path, monkeypatch, capsys):  # noqa: F811
    code, out, _ = _import(store_dir, tmp_path, monkeypatch, capsys, "--dry-run")
    assert code == 0 and "dry run" in out
    code, out, _ = _import(store_dir, tmp_path, monkeypatch, capsys, "--json")
    assert code == 0 and json.loads(out)["new_consultations"] == 2
    code, out, _ = _import(store_dir, tmp_path, monkeypatch, capsys, "--json")
    assert json.loads(out)["new_consultations"] == 0 and json.loads(out)["already_present"] == 2


def test_import_reports_bad_lines(store_dir, tmp_path, monkeypatch, capsys):  # noqa: F811
    path = tmp_path / "bad.csv"
    path.write_text(ROWS + "K-3;A;B;w;MBE;32.03.2024;45;Wohnen\n", encoding="utf-8")
    code, out, _ = run(monkeypatch, capsys, *as_anna(store_dir, "import", str(path)), stdin=f"{PW}\n")
    assert code == 1 and "line 4: Datum:" in out and "nothing was imported" in out


def test_example_file_imports_from_the_cli(store_dir, monkeypatch, capsys):  # noqa: F811
    from pathlib import Path

    example = Path(__file__).resolve().parents[2] / "docs" / "examples" / "import-example.xlsx"
    code, out, _ = run(monkeypatch, capsys, *as_anna(store_dir, "import", str(example), "--json"), stdin=f"{PW}\n")
    report = json.loads(out)
    assert code == 0 and report["written"] and report["new_clients"] == 12 and report["encoding"] == "XLSX"


def test_stats_json_and_reports(store_dir, tmp_path, monkeypatch, capsys):  # noqa: F811
    _import(store_dir, tmp_path, monkeypatch, capsys)
    code, out, _ = run(
        monkeypatch, capsys, *as_anna(store_dir, "stats", "--month", "2024-03", "--json"), stdin=f"{PW}\n"
    )
    figures = json.loads(out)
    assert code == 0 and figures["current"]["clients"]["counselled"] == 2
    assert figures["current"]["topics"] == {"school_childcare": 1, "housing": 1, "health": 1}
    assert figures["previous"]["period"]["key"] == "2024-02"

    for name in ("m.pdf", "m.csv", "m.xlsx"):
        out_file = tmp_path / name
        code, _, err = run(
            monkeypatch,
            capsys,
            *as_anna(store_dir, "report", "monthly", "--month", "2024-03", "--service", "mbe", "--out", str(out_file)),
            stdin=f"{PW}\n",
        )
        assert code == 0, err
        assert out_file.stat().st_size > 0
    assert len(PdfReader(io.BytesIO((tmp_path / "m.pdf").read_bytes())).pages) >= 1
    assert "clients.counselled;1;0;1" in (tmp_path / "m.csv").read_text("utf-8-sig")
    code, _, _ = run(
        monkeypatch,
        capsys,
        *as_anna(store_dir, "report", "yearly", "--year", "2024", "--out", str(tmp_path / "y.pdf")),
        stdin=f"{PW}\n",
    )
    assert code == 0
    assert not list(tmp_path.glob(".*.part"))  # atomic writes leave no temporary files


def test_report_refusals(store_dir, tmp_path, monkeypatch, capsys):  # noqa: F811
    code, _, err = run(
        monkeypatch,
        capsys,
        *as_anna(store_dir, "report", "monthly", "--month", "2024-13", "--out", str(tmp_path / "x.pdf")),
        stdin=f"{PW}\n",
    )
    assert code == 1 and "YYYY-MM" in err
    code, _, err = run(
        monkeypatch,
        capsys,
        *as_anna(store_dir, "report", "monthly", "--month", "2024-03", "--out", str(tmp_path / "x.docx")),
        stdin=f"{PW}\n",
    )
    assert code == 1 and ".pdf" in err
    code, _, err = run(
        monkeypatch,
        capsys,
        *as_anna(store_dir, "stats", "--month", "2024-03", "--counsellor", "nobody"),
        stdin=f"{PW}\n",
    )
    assert code == 1 and "nobody" in err and "Traceback" not in err
