"""Writes docs/examples/import-example.xlsx: a client sheet and a consultation sheet (docs/import-format.md).

Names come from the demo name lists in resources/names (invented combinations, never real clients);
the same seed gives the same file. Run: uv run python scripts/make_import_example.py
"""

from __future__ import annotations

import csv
import os
import random
import tempfile
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parent.parent
NAMES = ROOT / "resources" / "names"
TARGET = ROOT / "docs" / "examples" / "import-example.xlsx"

# country code -> how an office list writes the country (German, English and variants)
COUNTRIES = {"SY": "Syrien", "AF": "Afghanistan", "UA": "Ukraine", "TR": "Türkei", "IQ": "Irak", "ER": "Eritrea"}
STATUSES = ["Aufenthaltsgestattung", "Duldung", "anerkannt", "§ 24 AufenthG", "Niederlassungserlaubnis", ""]
LANGUAGES = {"SY": "ar", "AF": "fa, ps", "UA": "uk, ru", "TR": "tr, ku", "IQ": "ar, ku", "ER": "ti"}
TOPICS = ["Wohnen", "Aufenthaltsrecht", "Sprachkurs", "Arbeit", "Gesundheit", "Leistungen", "Familie", "Behörden"]
CLIENT_HEADERS = [
    "Klientennummer",
    "Vorname",
    "Nachname",
    "Vorname Originalschrift",
    "Nachname Originalschrift",
    "Geburtsdatum",
    "Geschlecht",
    "Herkunftsland",
    "Staatsangehörigkeit",
    "Sprachen",
    "Dolmetscher benötigt",
    "Aufenthaltsstatus",
    "Einreisedatum",
    "Telefon",
    "Haushalt",
]
CONSULTATION_HEADERS = ["Klientennummer", "Dienst", "Datum", "Uhrzeit", "Minuten", "Form", "Themen", "Dolmetscher"]


def _names(country: str) -> dict[tuple[str, str], list[tuple[str, str]]]:
    found: dict[tuple[str, str], list[tuple[str, str]]] = {}
    with open(NAMES / f"{country}.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            found.setdefault((row["kind"], row["gender"]), []).append((row["latin"], row["original"]))
    return found


def build(seed: int = 13) -> Workbook:
    rng = random.Random(seed)
    book = Workbook()
    clients = book.active
    clients.title = "Klienten"
    clients.append(CLIENT_HEADERS)
    consultations = book.create_sheet("Beratungen")
    consultations.append(CONSULTATION_HEADERS)
    for n in range(1, 13):
        country = rng.choice(sorted(COUNTRIES))
        names = _names(country)
        gender = rng.choice(["male", "female"])
        given, given_o = rng.choice(names[("given", gender)])
        family, family_o = rng.choice(names[("family", "")])
        young = n % 4 == 0  # every fourth client is young enough for the JMD
        born = date(2008 if young else rng.randint(1965, 2000), rng.randint(1, 12), rng.randint(1, 28))
        arrival = date(rng.randint(2015, 2024), rng.randint(1, 12), 1)
        child, _o = rng.choice(names[("given", rng.choice(["male", "female"]))])
        number = f"2025-{n:05d}"
        clients.append(
            [
                number,
                given,
                family,
                given_o if given_o != given else "",
                family_o if family_o != family else "",
                born,
                "w" if gender == "female" else "m",
                COUNTRIES[country],
                COUNTRIES[country],
                LANGUAGES[country],
                rng.choice(["ja", "nein"]),
                rng.choice(STATUSES),
                arrival,
                f"0151 {rng.randint(1000000, 9999999)}",
                f"{child} {family} (Kind, {rng.randint(2012, 2022)})" if n % 3 == 0 else "",
            ]
        )
        service = "JMD" if young else rng.choice(["MBE", "MBE", "FSA"])
        day = date(2025, rng.randint(1, 10), rng.randint(1, 28))
        for _visit in range(rng.randint(1, 4)):
            consultations.append(
                [
                    number,
                    service,
                    day,
                    f"{rng.randint(8, 16)}:{rng.choice(['00', '15', '30', '45'])}",
                    rng.choice([30, 45, 60, 90]),
                    rng.choice(["persönlich", "persönlich", "Telefon", "Video"]),
                    ", ".join(rng.sample(TOPICS, rng.randint(1, 3))),
                    rng.choice(["ja", "nein"]),
                ]
            )
            day = min(day + timedelta(days=rng.randint(7, 40)), date(2025, 12, 31))
    for sheet in (clients, consultations):
        for column in sheet.columns:
            sheet.column_dimensions[column[0].column_letter].width = 22
            for cell in column[1:]:
                if isinstance(cell.value, date):
                    cell.number_format = "DD.MM.YYYY"
    return book


def main() -> None:
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=TARGET.parent, suffix=".part")
    os.close(fd)
    try:
        build().save(temporary)
        os.replace(temporary, TARGET)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    print(f"written {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
