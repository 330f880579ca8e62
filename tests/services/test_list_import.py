"""Importing an office's list: every bad row reported with its line, all or nothing, idempotent."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from beratung_desktop.services import list_import
from beratung_desktop.services.session import Session

TODAY = date(2024, 6, 30)
GERMAN = (
    "Klientennummer;Vorname;Nachname;Geburtsdatum;Geschlecht;Herkunftsland;Dienst;Datum;Minuten;"
    "Form;Themen;Dolmetscher\n"
)
GOOD_ROWS = [
    "K-001;Testa;Beispiel;17.05.1990;w;Syrien;MBE;05.03.2024;45;persönlich;Wohnen, Gesundheit;ja",
    "K-001;Testa;Beispiel;17.05.1990;w;Syrien;MBE;12.03.2024;30;Telefon;Wohnen;nein",
    "K-002;Olek;Muster;2008;m;UA;JMD;31.03.2024;60;Video;Schule;",
    "K-002;Olek;Muster;2008;m;UA;JMD;31.03.2024;60;Video;Schule;",  # the same again: two consultations
]


def _write(tmp_path: Path, rows: list[str], header: str = GERMAN, encoding: str = "utf-8") -> Path:
    path = tmp_path / "liste.csv"
    path.write_text(header + "\n".join(rows) + "\n", encoding=encoding)
    return path


def _counts(session: Session) -> tuple[int, int, int]:
    s = session.store
    return s.clients.count(), s.cases.count(), s.consultations.count()


def test_import_then_again_adds_nothing(session, tmp_path):
    path = _write(tmp_path, GOOD_ROWS)
    report = list_import.import_list(session, path, today=TODAY)
    assert report.ok and report.written
    assert (report.new_clients, report.new_cases, report.new_consultations) == (2, 2, 4)
    assert _counts(session) == (2, 2, 4)
    client = session.store.clients.by_number("K-001")
    assert client.country_of_origin == "SY" and client.gender == "female"
    again = list_import.import_list(session, path, today=TODAY)
    assert again.ok and again.new_consultations == 0 and again.already_present == 4
    assert _counts(session) == (2, 2, 4)


def test_bad_rows_are_reported_and_nothing_is_imported(session, tmp_path):
    rows = [
        *GOOD_ROWS,
        "K-003;A;B;31.02.1990;w;SY;MBE;01.03.2024;45;persönlich;Wohnen;ja",  # line 6: no such day
        "K-004;A;B;;w;Atlantis;XYZ;01.03.2024;viel;Brief;Zauberei;vielleicht",  # line 7: many
        "K-005;A;B;;w;SY;MBE;01.07.2024;45;;Wohnen;",  # line 8: future
        "K-001;Other;Person;17.05.1990;w;SY;MBE;01.04.2024;45;;Wohnen;",
    ]  # line 9: different person
    report = list_import.import_list(session, _write(tmp_path, rows), today=TODAY)
    assert not report.ok and not report.written
    by_line = {}
    for e in report.errors:
        by_line.setdefault(e.line, set()).add(e.column)
    assert by_line[6] == {"birth_date"}
    assert by_line[7] == {"country", "service", "minutes", "form", "topics", "interpreter"}
    assert by_line[8] == {"date"}
    assert by_line[9] == {"client_number"}
    assert _counts(session) == (0, 0, 0)


def test_dry_run_writes_nothing(session, tmp_path):
    report = list_import.import_list(session, _write(tmp_path, GOOD_ROWS), dry_run=True, today=TODAY)
    assert report.ok and not report.written and report.new_consultations == 4
    assert _counts(session) == (0, 0, 0)


def test_english_headers_comma_and_cp1252(session, tmp_path):
    header = "Client number,Given name,Family name,Date of birth,Gender,Country,Service,Date,Minutes,Form,Topics\n"
    rows = ['C-9,Jörg,Müller,1980-01-02,male,Germany,FSA,2024-03-01,20,phone,"Housing; Debts"']
    report = list_import.import_list(session, _write(tmp_path, rows, header, "cp1252"), today=TODAY)
    assert report.ok, report.errors
    client = session.store.clients.by_number("C-9")
    assert (client.family_name, client.country_of_origin) == ("Müller", "DE")
    consultation = session.store.consultations.for_client(client.id)[0]
    assert consultation.topics == ["housing", "debts"] and consultation.form == "phone"


def test_missing_columns_and_empty_file(session, tmp_path):
    report = list_import.import_list(session, _write(tmp_path, ["1;2"], "Vorname;Nachname\n"), today=TODAY)
    assert {e.column for e in report.errors} == {"client_number", "service", "date", "minutes", "topics"}
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert not list_import.import_list(session, empty, today=TODAY).ok


def test_xlsx(session, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Klientennummer", "Vorname", "Nachname", "Dienst", "Datum", "Minuten", "Themen"])
    sheet.append(["X-1", "Testa", "Beispiel", "MBE", date(2024, 3, 31), 45, "Wohnen"])
    sheet.append([None, None, None, None, None, None, None])
    path = tmp_path / "liste.xlsx"
    book.save(path)
    report = list_import.import_list(session, path, today=TODAY)
    assert report.ok and report.new_consultations == 1
    assert list_import.import_list(session, path, today=TODAY).new_consultations == 0


def test_damaged_xlsx_is_refused(session, tmp_path):
    path = tmp_path / "kaputt.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(list_import.UnreadableList):
        list_import.import_list(session, path, today=TODAY)


def test_a_row_with_an_empty_required_column_is_reported_not_a_crash(session, tmp_path):
    # The message's own {column} parameter once collided with error()'s first argument (TypeError).
    rows = [*GOOD_ROWS[:1], "K-003;Nadia;;1990;w;SY;MBE;05.03.2024;45;persönlich;Wohnen;ja"]
    report = list_import.import_list(session, _write(tmp_path, rows), today=TODAY)
    # The family name may come from a client sheet, so a new client without one is reported by the
    # client check ("Enter a family name.") in the same run as every other problem.
    assert [(e.line, e.column) for e in report.errors] == [(3, "family_name")]
    assert _counts(session) == (0, 0, 0)
