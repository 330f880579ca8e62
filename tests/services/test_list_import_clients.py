"""The client sheet: clients with their residence status, contact, household and languages."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from beratung_desktop.services import list_import

TODAY = date(2026, 1, 1)
EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "import-example.xlsx"


def _book(tmp_path: Path, clients: list[list], consultations: list[list] | None = None) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Klienten"
    for row in clients:
        sheet.append(row)
    if consultations:
        other = book.create_sheet("Beratungen")
        for row in consultations:
            other.append(row)
    path = tmp_path / "liste.xlsx"
    book.save(path)
    return path


CLIENT_HEADER = [
    "Klientennummer",
    "Vorname",
    "Nachname",
    "Nachname Originalschrift",
    "Geburtsdatum",
    "Herkunftsland",
    "Staatsangehörigkeit",
    "Aufenthaltsstatus",
    "Dolmetscher benötigt",
    "Sprachen",
    "Telefon",
    "Haushalt",
]


def test_example_file_imports_on_a_fresh_store(session):
    report = list_import.import_list(session, EXAMPLE, today=TODAY)
    assert report.ok and report.written, report.errors
    assert (report.new_clients, report.client_rows) == (12, 12)
    assert report.new_consultations == session.store.consultations.count() > 12
    again = list_import.import_list(session, EXAMPLE, today=TODAY)
    assert (again.new_clients, again.new_consultations, again.clients_present) == (0, 0, 12)


@pytest.mark.parametrize(
    ("written", "code"),
    [("Türkei", "TR"), ("Turkey", "TR"), ("Türkiye", "TR"), ("Syrien", "SY"), ("Syria", "SY"), ("sy", "SY")],
)
def test_country_names_in_german_english_and_variants(session, tmp_path, written, code):
    path = _book(
        tmp_path, [CLIENT_HEADER, ["K-1", "Ayşe", "Yılmaz", "", "1990-01-01", written, written, "", "", "", "", ""]]
    )
    report = list_import.import_list(session, path, today=TODAY)
    assert report.written, report.errors
    client = session.store.clients.by_number("K-1")
    assert (client.country_of_origin, client.nationality) == (code, code)


def test_client_sheet_fields_and_consultations_without_names(session, tmp_path):
    clients = [
        CLIENT_HEADER,
        [
            "K-1",
            "Olena",
            "Kovalenko",
            "Коваленко",
            "12.04.1985",
            "Ukraine",
            "UA",
            "§ 24 AufenthG",
            "ja",
            "uk, ru",
            "0151 1234567",
            "Daria Kovalenko (Tochter, 2014); Ivan (Sohn)",
        ],
    ]
    consultations = [
        ["Klientennummer", "Dienst", "Datum", "Minuten", "Themen"],
        ["K-1", "MBE", "05.03.2025", 45, "Wohnen"],
    ]
    report = list_import.import_list(session, _book(tmp_path, clients, consultations), today=TODAY)
    assert report.written, report.errors
    c = session.store.clients.by_number("K-1")
    assert (c.residence_status, c.interpreter_needed, c.languages, c.phone) == (
        "temporary_protection",
        True,
        ["uk", "ru"],
        "0151 1234567",
    )
    assert [(m.given_name, m.family_name, m.relation, m.birth_year) for m in c.household] == [
        ("Daria", "Kovalenko", "Tochter", 2014),
        ("Ivan", "", "Sohn", None),
    ]
    assert [x.id for x in session.store.clients.search("Kovalenko")] == [c.id]
    assert session.store.consultations.count() == 1


def test_bad_client_rows_are_reported_with_their_sheet_and_nothing_is_stored(session, tmp_path):
    clients = [
        CLIENT_HEADER,
        ["K-1", "A", "B", "", "1990-01-01", "Atlantis", "", "vielleicht", "", "", "", ""],  # line 2
        ["K-1", "C", "D", "", "1990-01-01", "", "", "", "", "", "", ""],  # line 3: twice
        ["K-2", "", "", "", "03/01/2024", "", "", "", "", "", "", ""],  # line 4: no names, ambiguous date
    ]
    consultations = [
        ["Klientennummer", "Dienst", "Datum", "Minuten", "Themen"],
        ["K-9", "MBE", "05.03.2025", 45, "Wohnen"],
    ]
    report = list_import.import_list(session, _book(tmp_path, clients, consultations), today=TODAY)
    assert not report.written
    found = {(e.sheet, e.line, e.column) for e in report.errors}
    assert found == {
        ("Klienten", 2, "country"),
        ("Klienten", 2, "residence_status"),
        ("Klienten", 3, "client_number"),
        ("Klienten", 4, "birth_date"),
        ("", 2, "given_name"),  # K-9 is neither on the client sheet nor stored, and has no names
        ("", 2, "family_name"),
    }
    assert session.store.clients.count() == 0
