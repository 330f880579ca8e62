"""Rows of an office's existing consultation list (CSV/XLSX), checked and turned into plain values.

One row per consultation. Headers may be German or English (see docs/import-format.md); case,
spacing and punctuation in headers do not matter. Nothing here reads files or touches the store.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import lru_cache

from .catalogues import FORMS, RESIDENCE_STATUSES, SERVICE_SHORT, SERVICES, TOPICS
from .validation import N_

# field -> accepted headers (normalised: lower case, letters and digits only)
COLUMNS: dict[str, tuple[str, ...]] = {
    "client_number": ("klientennummer", "klientnr", "klientennr", "nummer", "clientnumber", "clientno", "number"),
    "given_name": ("vorname", "givenname", "firstname"),
    "family_name": ("nachname", "familienname", "familyname", "lastname", "surname"),
    "birth_date": ("geburtsdatum", "geburtsjahr", "birthdate", "dateofbirth", "birthyear"),
    "gender": ("geschlecht", "gender"),
    "country": ("herkunftsland", "land", "country", "countryoforigin"),
    "service": ("dienst", "fachdienst", "service"),
    "date": ("datum", "beratungsdatum", "date", "consultationdate"),
    "time": ("uhrzeit", "beginn", "time", "start"),
    "minutes": ("minuten", "dauer", "dauerminuten", "minutes", "duration", "durationminutes"),
    "form": ("form", "beratungsform"),
    "topics": ("themen", "thema", "topics", "topic"),
    "interpreter": ("dolmetscher", "dolmetschung", "interpreter"),
    "counsellor": ("berater", "beraterin", "beraterin", "counsellor", "counselor"),
    "arrival_date": ("einreise", "einreisedatum", "arrival", "arrivaldate"),
    "languages": ("sprachen", "sprache", "languages", "language"),
}
# The names are needed only for clients that are neither in the store nor on the client sheet.
REQUIRED = ("client_number", "service", "date", "minutes", "topics")

# The client sheet: one row per client (field -> accepted headers, normalised like COLUMNS).
CLIENT_COLUMNS: dict[str, tuple[str, ...]] = {
    "client_number": COLUMNS["client_number"],
    "given_name": COLUMNS["given_name"],
    "family_name": COLUMNS["family_name"],
    "given_name_original": (
        "vornameoriginal",
        "vornameoriginalschrift",
        "givennameoriginal",
        "givennameoriginalscript",
    ),
    "family_name_original": (
        "nachnameoriginal",
        "nachnameoriginalschrift",
        "familiennameoriginal",
        "familynameoriginal",
        "familynameoriginalscript",
    ),
    "birth_date": COLUMNS["birth_date"],
    "gender": COLUMNS["gender"],
    "country": COLUMNS["country"],
    "nationality": ("staatsangehorigkeit", "staatsangehoerigkeit", "nationalitat", "nationality", "citizenship"),
    "languages": COLUMNS["languages"],
    "interpreter_needed": (
        "dolmetscherbenotigt",
        "dolmetschernotig",
        "interpreterneeded",
        "dolmetscher",
        "interpreter",
    ),
    "residence_status": ("aufenthaltsstatus", "aufenthalt", "residencestatus"),
    "arrival_date": COLUMNS["arrival_date"],
    "phone": ("telefon", "telefonnummer", "phone", "phonenumber"),
    "email": ("email", "mail", "emailadresse"),
    "address": ("adresse", "anschrift", "address"),
    "household": ("haushalt", "haushaltsmitglieder", "household", "householdmembers"),
}
CLIENT_REQUIRED = ("client_number",)
# What tells the client sheet from the consultation sheet: consultation columns it does not have.
CONSULTATION_ONLY = ("service", "date", "minutes", "topics")

GERMAN_RESIDENCE = {
    "aufenthaltsgestattung": "asylum_pending",
    "asylverfahren": "asylum_pending",
    "duldung": "tolerated",
    "anerkannt": "refugee",
    "fluchtling": "refugee",
    "asylberechtigt": "refugee",
    "subsidiarerschutz": "subsidiary",
    "subsidiar": "subsidiary",
    "24aufenthg": "temporary_protection",
    "vorubergehenderschutz": "temporary_protection",
    "aufenthaltserlaubnis": "residence_permit",
    "niederlassungserlaubnis": "settlement_permit",
    "euburger": "eu_citizen",
    "freizugigkeit": "eu_citizen",
    "deutsch": "german",
    "unbekannt": "unknown",
    "": "unknown",
}

GERMAN_FORMS = {
    "personlich": "in_person",
    "vorort": "in_person",
    "telefon": "phone",
    "telefonisch": "phone",
    "video": "video",
    "aufsuchend": "outreach",
    "gruppe": "group",
}
GERMAN_TOPICS = {
    "aufenthaltsrecht": "residence_law",
    "aufenthalt": "residence_law",
    "sprachkurs": "language_course",
    "integrationskurs": "language_course",
    "arbeit": "work_recognition",
    "anerkennung": "work_recognition",
    "wohnen": "housing",
    "wohnung": "housing",
    "gesundheit": "health",
    "schule": "school_childcare",
    "kita": "school_childcare",
    "leistungen": "benefits",
    "existenzsicherung": "benefits",
    "familie": "family",
    "schulden": "debts",
    "behorden": "authorities",
    "formulare": "authorities",
    "psychosozial": "psychosocial",
    "sonstiges": "other",
}
GENDERS = {
    "w": "female",
    "weiblich": "female",
    "f": "female",
    "female": "female",
    "m": "male",
    "mannlich": "male",
    "male": "male",
    "d": "diverse",
    "divers": "diverse",
    "diverse": "diverse",
    "x": "unspecified",
    "": "unspecified",
    "ka": "unspecified",
    "keineangabe": "unspecified",
    "unspecified": "unspecified",
}
YES = {"ja", "j", "yes", "y", "1", "x", "true", "wahr"}
NO = {"nein", "n", "no", "0", "", "false", "falsch"}


@lru_cache(maxsize=8192)
def key(text: str) -> str:
    """Lower case ASCII letters and digits only: 'Geburts-Datum ' -> 'geburtsdatum', 'Männlich' -> 'mannlich'."""
    plain = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", plain.lower())


@dataclass
class RowError:
    line: int
    column: str
    message: str  # English msgid with {params}
    params: dict = field(default_factory=dict)
    sheet: str = ""  # the worksheet of an XLSX with several sheets; empty: the consultation list


@dataclass
class ImportRow:
    line: int
    client_number: str
    given_name: str
    family_name: str
    birth_date: date | None
    birth_year: int | None
    gender: str
    country: str
    service: str
    start: datetime
    minutes: int
    form: str
    topics: list[str]
    interpreter: bool
    counsellor: str  # user name, empty: the importing user
    arrival_date: date | None
    languages: list[str]


def map_headers(
    headers: list[str], columns: Mapping[str, tuple[str, ...]] = COLUMNS, required: tuple[str, ...] = REQUIRED
) -> tuple[dict[str, int], list[str]]:
    """Field -> column index, and the required fields no header matched."""
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        k = key(header)
        for name, aliases in columns.items():
            if k in aliases and name not in found:
                found[name] = index
    return found, [name for name in required if name not in found]


def is_client_sheet(headers: list[str]) -> bool:
    """A sheet with a client number and names but none of the consultation columns."""
    found, _missing = map_headers(headers)
    return "client_number" in found and not any(name in found for name in CONSULTATION_ONLY)


@dataclass
class ClientRow:
    line: int
    client_number: str
    given_name: str
    family_name: str
    given_name_original: str
    family_name_original: str
    birth_date: date | None
    birth_year: int | None
    gender: str
    country: str
    nationality: str
    languages: list[str]
    interpreter_needed: bool
    residence_status: str
    arrival_date: date | None
    phone: str
    email: str
    address: str
    household: list[tuple[str, str, str, int | None]]  # given, family, relation, birth year


_MEMBER = re.compile(r"^\s*(?P<name>[^()]+?)\s*(?:\((?P<details>[^)]*)\))?\s*$")


def _household(text: str) -> list[tuple[str, str, str, int | None]] | None:
    """ "Lina Haddad (Tochter, 2015); Omar (Sohn)" -> members; None when a part cannot be read."""
    members = []
    for part in (p for p in text.split(";") if p.strip()):
        m = _MEMBER.match(part)
        if not m:
            return None
        given, _sep, family = m.group("name").strip().partition(" ")
        relation, year = "", None
        for detail in (d.strip() for d in (m.group("details") or "").split(",") if d.strip()):
            if detail.isdigit() and len(detail) == 4:
                year = int(detail)
            else:
                relation = detail
        members.append((given, family.strip(), relation, year))
    return members


def _birth(row: _Row) -> tuple[date | None, int | None]:
    text = row.get("birth_date")
    if not text:
        return None, None
    if text.isdigit() and len(text) == 4:
        return None, int(text)
    day = parse_date(text)
    if day is None:
        row.error("birth_date", N_("{value} is not a date; use YYYY-MM-DD or DD.MM.YYYY."), value=text)
    return day, None


def _country(row: _Row, name: str, country_code: Callable[[str], str | None]) -> str:
    text = row.get(name)
    if not text:
        return ""
    code = country_code(text)
    if not code:
        row.error(name, N_("Unknown country {value}; use a two-letter code such as SY."), value=text)
    return code or ""


def parse_client_row(
    line: int, values: dict[str, str], country_code: Callable[[str], str | None]
) -> ClientRow | list[RowError]:
    row = _Row(line, values)
    if not row.get("client_number"):
        row.error("client_number", N_("The column {column} is empty."), column="client_number")
    birth_date, birth_year = _birth(row)
    gender = GENDERS.get(key(row.get("gender")))
    if gender is None:
        row.error("gender", N_("Unknown gender {value}; use w, m, d or leave it empty."), value=row.get("gender"))
    country = _country(row, "country", country_code)
    nationality = _country(row, "nationality", country_code)
    status = _code(row.get("residence_status"), RESIDENCE_STATUSES, GERMAN_RESIDENCE)
    if status is None:
        row.error(
            "residence_status",
            N_("Unknown residence status {value}; see the import format for the accepted words."),
            value=row.get("residence_status"),
        )
    interpreter = key(row.get("interpreter_needed"))
    if interpreter not in YES | NO:
        row.error(
            "interpreter_needed", N_("Use ja or nein (yes or no), not {value}."), value=row.get("interpreter_needed")
        )
    arrival = parse_date(row.get("arrival_date")) if row.get("arrival_date") else None
    if row.get("arrival_date") and arrival is None:
        row.error(
            "arrival_date", N_("{value} is not a date; use YYYY-MM-DD or DD.MM.YYYY."), value=row.get("arrival_date")
        )
    household = _household(row.get("household"))
    if household is None:
        row.error(
            "household",
            N_("Household {value} cannot be read; write members as Name Surname (relation, year); ..."),
            value=row.get("household"),
        )
    if row.errors:
        return row.errors
    return ClientRow(
        line=line,
        client_number=row.get("client_number"),
        given_name=row.get("given_name"),
        family_name=row.get("family_name"),
        given_name_original=row.get("given_name_original"),
        family_name_original=row.get("family_name_original"),
        birth_date=birth_date,
        birth_year=birth_year,
        gender=gender or "unspecified",
        country=country,
        nationality=nationality,
        languages=[p.strip().lower() for p in re.split(r"[,;|/]", row.get("languages")) if p.strip()],
        interpreter_needed=interpreter in YES,
        residence_status=status or "unknown",
        arrival_date=arrival,
        phone=row.get("phone"),
        email=row.get("email"),
        address=row.get("address"),
        household=household or [],
    )


# Only unambiguous forms: ISO and the German day.month.four-digit-year. "03/01/2024" is 3 January in
# Germany and 1 March in US-English Excel, so slashes are refused rather than guessed.
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S")
MAX_MINUTES = 720
_WHOLE_MINUTES = re.compile(r"^\d{1,6}([.,]0+)?$")


_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_GERMAN_DAY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def parse_date(text: str) -> date | None:
    text = text.strip()
    for pattern, order in ((_ISO_DAY, (0, 1, 2)), (_GERMAN_DAY, (2, 1, 0))):
        m = pattern.match(text)
        if m:  # the common forms without strptime, which is slow for a list of 100,000 rows
            parts = [int(g) for g in m.groups()]
            try:
                return date(parts[order[0]], parts[order[1]], parts[order[2]])
            except ValueError:
                return None
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _time(text: str) -> time | None:
    text = text.strip().replace(".", ":")
    for fmt in ("%H:%M", "%H:%M:%S"):
        try:
            return datetime.strptime(text, fmt).time()
        except ValueError:
            continue
    return None


@lru_cache(maxsize=16)
def _lookup(catalogue) -> dict[str, str]:
    table: dict[str, str] = {}
    for entry in catalogue:
        table.setdefault(key(entry.code), entry.code)
        table.setdefault(key(entry.label), entry.code)
    return table


def _code(text: str, catalogue, extra: Mapping[str, str]) -> str | None:
    k = key(text)
    return _lookup(catalogue).get(k) or extra.get(k)


_SHORT_SERVICES = {key(v): c for c, v in SERVICE_SHORT.items()}


def _service(text: str) -> str | None:
    return _SHORT_SERVICES.get(key(text)) or _code(text, SERVICES, {})


class _Row:
    def __init__(self, line: int, values: dict[str, str]):
        self.line = line
        self.values = values
        self.errors: list[RowError] = []

    def get(self, name: str) -> str:
        return self.values.get(name, "").strip()

    def error(self, column: str, message: str, /, **params: object) -> None:
        self.errors.append(RowError(self.line, column, message, params))


def parse_row(
    line: int, values: dict[str, str], today: date, country_code: Callable[[str], str | None]
) -> ImportRow | list[RowError]:
    row = _Row(line, values)
    for name in REQUIRED:
        if not row.get(name):
            row.error(name, N_("The column {column} is empty."), column=name)
    birth_date = birth_year = None
    if row.get("birth_date"):
        text = row.get("birth_date")
        if text.isdigit() and len(text) == 4:
            birth_year = int(text)
        else:
            birth_date = parse_date(text)
            if birth_date is None:
                row.error("birth_date", N_("{value} is not a date; use YYYY-MM-DD or DD.MM.YYYY."), value=text)
    gender = GENDERS.get(key(row.get("gender")))
    if gender is None:
        row.error("gender", N_("Unknown gender {value}; use w, m, d or leave it empty."), value=row.get("gender"))
    country = ""
    if row.get("country"):
        country = country_code(row.get("country")) or ""
        if not country:
            row.error(
                "country", N_("Unknown country {value}; use a two-letter code such as SY."), value=row.get("country")
            )
    service = _service(row.get("service")) if row.get("service") else None
    if row.get("service") and service is None:
        row.error(
            "service",
            N_("Unknown service {value}; use one of {known}."),
            value=row.get("service"),
            known=", ".join(SERVICE_SHORT.values()),
        )
    day = parse_date(row.get("date")) if row.get("date") else None
    if row.get("date") and day is None:
        row.error("date", N_("{value} is not a date; use YYYY-MM-DD or DD.MM.YYYY."), value=row.get("date"))
    at = time(9, 0)
    if row.get("time"):
        parsed = _time(row.get("time"))
        if parsed is None:
            row.error("time", N_("{value} is not a time; use HH:MM."), value=row.get("time"))
        else:
            at = parsed
    minutes = 0
    if row.get("minutes"):
        # Whole minutes only: "inf", "1e400", "NaN" or "45.5" are refused, never converted.
        text = row.get("minutes")
        if not _WHOLE_MINUTES.match(text):
            row.error("minutes", N_("{value} is not a number of minutes."), value=text)
        else:
            minutes = int(re.split(r"[.,]", text)[0])
            if not 1 <= minutes <= MAX_MINUTES:
                row.error(
                    "minutes",
                    N_("A consultation lasts 1 to {limit} minutes, not {value}."),
                    limit=MAX_MINUTES,
                    value=text,
                )
    form = _code(row.get("form"), FORMS, GERMAN_FORMS) if row.get("form") else "in_person"
    if form is None:
        row.error("form", N_("Unknown form {value}."), value=row.get("form"))
    topics: list[str] = []
    for part in re.split(r"[,;|/]", row.get("topics")):
        if not part.strip():
            continue
        code = _code(part, TOPICS, GERMAN_TOPICS)
        if code is None:
            row.error("topics", N_("Unknown topic {value}."), value=part.strip())
        elif code not in topics:
            topics.append(code)
    interpreter = key(row.get("interpreter"))
    if interpreter not in YES | NO:
        row.error("interpreter", N_("Use ja or nein (yes or no), not {value}."), value=row.get("interpreter"))
    arrival = parse_date(row.get("arrival_date")) if row.get("arrival_date") else None
    if row.get("arrival_date") and arrival is None:
        row.error(
            "arrival_date", N_("{value} is not a date; use YYYY-MM-DD or DD.MM.YYYY."), value=row.get("arrival_date")
        )
    if day and day > today:
        row.error("date", N_("The consultation date lies in the future."))
    if row.errors:
        return row.errors
    return ImportRow(
        line=line,
        client_number=row.get("client_number"),
        given_name=row.get("given_name"),
        family_name=row.get("family_name"),
        birth_date=birth_date,
        birth_year=birth_year,
        gender=gender or "",
        country=country,
        service=service or "",
        start=datetime.combine(day or today, at),
        minutes=minutes,
        form=form or "in_person",
        topics=topics,
        interpreter=interpreter in YES,
        counsellor=row.get("counsellor").lower(),
        arrival_date=arrival,
        languages=[p.strip().lower() for p in re.split(r"[,;|/]", row.get("languages")) if p.strip()],
    )


def check_consistency(rows: list[ImportRow]) -> list[RowError]:
    """The same client number must always name the same person within one file."""
    first: dict[str, ImportRow] = {}
    errors: list[RowError] = []
    for row in rows:
        if not (row.family_name or row.given_name):
            continue  # names come from the client sheet or the store
        seen = first.setdefault(row.client_number, row)
        if seen is not row and (key(seen.family_name), key(seen.given_name), seen.birth_date, seen.birth_year) != (
            key(row.family_name),
            key(row.given_name),
            row.birth_date,
            row.birth_year,
        ):
            errors.append(
                RowError(
                    row.line,
                    "client_number",
                    N_("Client number {number} names a different person than in line {other}."),
                    {"number": row.client_number, "other": seen.line},
                )
            )
    return errors
