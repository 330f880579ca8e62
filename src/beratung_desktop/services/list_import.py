"""Import of an office's existing consultation list (CSV or XLSX), all or nothing, idempotent.

Every row is checked first; with a single bad row nothing is written. Records get ids derived from
the row content (uuid5), so importing the same file again finds them and adds nothing. Clients are
matched by client number.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import io
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ..domain.cases import Case, target_group_issues, validate_case
from ..domain.clients import Client, HouseholdMember, validate_client
from ..domain.consultations import Consultation, validate_consultation
from ..domain.list_import import (
    CLIENT_COLUMNS,
    CLIENT_REQUIRED,
    ClientRow,
    ImportRow,
    RowError,
    check_consistency,
    is_client_sheet,
    key,
    map_headers,
    parse_client_row,
    parse_row,
)
from ..domain.target_groups import deviations
from ..errors import N_, AppError
from ..i18n.formatting import countries
from .session import Session

NAMESPACE = uuid.UUID("6b0c2d1e-5f7a-4c1b-9a43-0e9f3d6c2a10")
# More rows than this are refused as a whole (never cut): split the list. A year of a large office is
# about 60,000 consultations.
MAX_ROWS = 500_000


class UnreadableList(AppError):
    message = N_("{path} cannot be read as a CSV or XLSX list: {reason}")


class MixedEncoding(AppError):
    message = N_(
        "Line {line} of {path} is not UTF-8 although the rest of the file is, so names would be garbled. "
        "Save the file again as UTF-8 (or as Windows-1252) and import it again."
    )


class NulInList(AppError):
    message = N_("Line {line} of {path} contains a NUL byte; this is not a text list. Save it again as CSV or XLSX.")


class TooManyRows(AppError):
    message = N_(
        "{path} has {rows} rows; at most {limit} can be imported at once. Split the list and import each part."
    )


@dataclass
class ImportReport:
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    new_clients: int = 0
    new_cases: int = 0
    new_consultations: int = 0
    already_present: int = 0
    moved_openings: int = 0  # cases whose opening day an earlier consultation of the list moved back
    written: bool = False
    encoding: str = ""  # how the file was read: "UTF-8", "UTF-8 with BOM", "UTF-16", "Windows-1252", "XLSX"
    headers: dict[str, str] = field(default_factory=dict)  # field -> the file's header text
    client_rows: int = 0  # rows of the client sheet
    clients_present: int = 0  # clients of the client sheet already stored (left unchanged)

    @property
    def ok(self) -> bool:
        return not self.errors


# -- reading -----------------------------------------------------------------------------------------


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S") if value.time() != datetime.min.time() else value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode(data: bytes, path: str = "") -> tuple[str, str]:
    """The text of a CSV file and the name of its encoding.

    UTF-8 with byte order mark, UTF-16 with byte order mark, UTF-8, and Windows-1252 (what German Excel
    writes) only when the file is not UTF-8 at all. A file that is UTF-8 except for some bytes is
    refused: decoding all of it as Windows-1252 would garble every name with an umlaut."""
    if data.startswith(codecs.BOM_UTF8):
        encoding, label, body = "utf-8", "UTF-8 with BOM", data[3:]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, label, body = "utf-16", "UTF-16", data
    else:
        encoding, label, body = "utf-8", "UTF-8", data
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding == "utf-16" or label == "UTF-8 with BOM":
            raise UnreadableList(path=path, reason=f"not valid {label}") from exc
        if any(ord(ch) > 127 for ch in body.decode("utf-8", errors="ignore")):
            raise MixedEncoding(path=path, line=_line_of(body, exc.start)) from exc
        try:
            text, label = body.decode("cp1252"), "Windows-1252"
        except UnicodeDecodeError as exc2:
            raise UnreadableList(path=path, reason="unknown text encoding") from exc2
    if "\x00" in text:
        raise NulInList(path=path, line=text.count("\n", 0, text.index("\x00")) + 1)
    return text, label


def _read_csv(data: bytes, path: str) -> tuple[list[list[str]], str]:
    text, label = decode(data, path)
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=";,\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)), label


def _read_xlsx(data: bytes) -> dict[str, list[list[str]]]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        return {
            sheet.title: [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
            for sheet in book.worksheets
        }
    finally:
        book.close()


@dataclass
class ListFile:
    """The tables of a list: one per worksheet (XLSX) or one (CSV), and how the file was read."""

    tables: dict[str, list[list[str]]]
    encoding: str


def read_list(path: Path) -> ListFile:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableList(path=str(path), reason=exc.strerror or str(exc)) from exc
    try:
        if data[:2] == b"PK" or path.suffix.lower() in (".xlsx", ".xlsm"):
            return ListFile(_read_xlsx(data), "XLSX")
        table, label = _read_csv(data, str(path))
        return ListFile({"": table}, label)
    except AppError:
        raise
    except Exception as exc:  # a damaged file of any kind: say so, import nothing
        raise UnreadableList(path=str(path), reason=str(exc) or type(exc).__name__) from exc


def read_table(path: Path) -> list[list[str]]:
    """Rows of the file's first table as text cells; the first row holds the headers."""
    return next(iter(read_list(path).tables.values()), [])


# -- checking ----------------------------------------------------------------------------------------


# Common names CLDR does not list in German or English (or lists differently).
COUNTRY_ALIASES = {
    "turkei": "TR",
    "turkiye": "TR",
    "turkey": "TR",
    "syrien": "SY",
    "syria": "SY",
    "russland": "RU",
    "russia": "RU",
    "iran": "IR",
    "persien": "IR",
    "kosovo": "XK",
    "palastina": "PS",
    "palestine": "PS",
    "usa": "US",
    "england": "GB",
    "grossbritannien": "GB",
    "moldawien": "MD",
    "weissrussland": "BY",
    "elfenbeinkuste": "CI",
    "kongo": "CD",
    "staatenlos": "XX",
    "stateless": "XX",
}


def _country_lookup():
    by_name: dict[str, str] = dict(COUNTRY_ALIASES)
    for language in ("de", "en"):
        for code, name in countries(language):
            by_name[key(name)] = code
    codes = {code for code in by_name.values()}

    by_name.update({k: v for k, v in COUNTRY_ALIASES.items() if k not in by_name})

    def lookup(text: str) -> str | None:
        upper = text.strip().upper()
        if len(upper) == 2 and (upper in codes or upper == "XX"):
            return upper
        return by_name.get(key(text))

    return lookup


def parse_table(table: list[list[str]], today: date) -> tuple[list[ImportRow], list[RowError]]:
    if not table or not any(table[0]):
        return [], [RowError(1, "", N_("The file is empty or has no header row."))]
    columns, missing = map_headers(table[0])
    if missing:
        return [], [
            RowError(1, name, N_("No column for {column}; see the import format."), {"column": name})
            for name in missing
        ]
    lookup = _country_lookup()
    rows: list[ImportRow] = []
    errors: list[RowError] = []
    for line, cells in enumerate(table[1:], start=2):
        if not any(c.strip() for c in cells):
            continue  # blank lines are common at the end of spreadsheets
        values = {name: cells[i] if i < len(cells) else "" for name, i in columns.items()}
        parsed = parse_row(line, values, today, lookup)
        if isinstance(parsed, list):
            errors.extend(parsed)
        else:
            rows.append(parsed)
    errors.extend(check_consistency(rows))
    return rows, errors


def parse_client_table(table: list[list[str]]) -> tuple[list[ClientRow], list[RowError]]:
    columns, _missing = map_headers(table[0], CLIENT_COLUMNS, CLIENT_REQUIRED)
    lookup = _country_lookup()
    rows: list[ClientRow] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    for line, cells in enumerate(table[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        values = {name: cells[i] if i < len(cells) else "" for name, i in columns.items()}
        parsed = parse_client_row(line, values, lookup)
        number = values.get("client_number", "").strip()
        if number and number in seen:
            errors.append(
                RowError(
                    line,
                    "client_number",
                    N_("Client number {number} is listed twice (also in line {other})."),
                    {"number": number, "other": seen[number]},
                )
            )
        seen.setdefault(number, line)
        if isinstance(parsed, list):
            errors.extend(parsed)
        elif seen[number] == line:
            rows.append(parsed)
    return rows, errors


def _client_of(row: ClientRow) -> Client:
    return Client(
        id=_id("client", row.client_number),
        client_number=row.client_number,
        given_name=row.given_name,
        family_name=row.family_name,
        given_name_original=row.given_name_original,
        family_name_original=row.family_name_original,
        birth_date=row.birth_date,
        birth_year=row.birth_year,
        gender=row.gender,
        country_of_origin=row.country,
        nationality=row.nationality,
        languages=row.languages,
        interpreter_needed=row.interpreter_needed,
        residence_status=row.residence_status,
        arrival_date=row.arrival_date,
        household=[
            HouseholdMember(given_name=g, family_name=f, relation=r, birth_year=y) for g, f, r, y in row.household
        ],
        phone=row.phone,
        email=row.email,
        address=row.address,
    )


# -- building records --------------------------------------------------------------------------------


def _id(*parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, "\x1f".join(str(p) for p in parts)))


@dataclass
class _Plan:
    clients: list[Client] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    moved: list[Case] = field(default_factory=list)  # stored open cases whose opening day moves back
    consultations: list[Consultation] = field(default_factory=list)
    present: int = 0


def _client(row: ImportRow) -> Client:
    return Client(
        id=_id("client", row.client_number),
        client_number=row.client_number,
        given_name=row.given_name,
        family_name=row.family_name,
        birth_date=row.birth_date,
        birth_year=row.birth_year,
        gender=row.gender,
        country_of_origin=row.country,
        languages=row.languages,
        arrival_date=row.arrival_date,
    )


def _covering(cases: list[Case], service: str, day: date) -> Case | None:
    """A stored case of the service open on the day (a closed one only within its dates)."""
    for case in cases:
        if case.service == service and case.opened <= day and (case.closed is None or day <= case.closed):
            return case
    return None


def _open_case(cases: list[Case], service: str) -> Case | None:
    return next((c for c in cases if c.service == service and c.is_open), None)


class _Planner:
    """Turns checked rows into records; reads the store, writes nothing."""

    def __init__(self, session: Session, today: date, sheet: dict[str, Client] | None = None):
        self.session, self.store, self.today = session, session.store, today
        self.sheet = sheet or {}  # client number -> client of the client sheet
        self.plan = _Plan()
        self.errors: list[RowError] = []
        self.clients: dict[str, Client | None] = {}
        self.stored_cases: dict[str, list[Case]] = {}
        self.new_cases: dict[tuple[str, str], Case] = {}
        self.moved: dict[str, Case] = {}
        self.users: dict[str, str | None] = {}
        self.occurrences: Counter = Counter()

    def counsellor(self, row: ImportRow) -> str | None:
        if not row.counsellor:
            return self.session.user.id
        if row.counsellor not in self.users:
            user = self.store.users.by_name(row.counsellor)
            self.users[row.counsellor] = user.id if user else None
        if self.users[row.counsellor] is None:
            self.errors.append(
                RowError(row.line, "counsellor", N_("There is no user named {name}."), {"name": row.counsellor})
            )
        return self.users[row.counsellor]

    def client(self, row: ImportRow) -> Client | None:
        if row.client_number not in self.clients:
            client = self.store.clients.by_number(row.client_number) or self.sheet.get(row.client_number)
            if client is None:
                client = _client(row)
                issues = validate_client(client, self.today)
                if issues:
                    self.errors.extend(RowError(row.line, i.field, i.message, i.params) for i in issues)
                    self.clients[row.client_number] = None
                    return None
                self.plan.clients.append(client)
                self.stored_cases[client.id] = []
            elif client.client_number in self.sheet and not self.store.clients.exists(client.id):
                self.stored_cases[client.id] = []
            else:
                self.stored_cases[client.id] = self.store.cases.for_client(client.id)
            self.clients[row.client_number] = client
        return self.clients[row.client_number]

    def case(self, row: ImportRow, client: Client, counsellor_id: str, first_day: date) -> Case | None:
        """The case a consultation of the row belongs to: a stored case open on its day, else the
        client's open case in the service (its opening day moves back to the consultation's day), else
        a new case opened on the client's first new consultation day in the service in this list."""
        day = row.start.date()
        stored = self.stored_cases[client.id]
        case = _covering(stored, row.service, day) or _open_case(stored, row.service)
        if case is not None:
            if day < case.opened:
                moved = self.moved.setdefault(case.id, dataclasses.replace(case))
                moved.opened = min(moved.opened, day)
            return case
        pair = (row.client_number, row.service)
        if pair not in self.new_cases:
            new = Case(
                id=_id("case", row.client_number, row.service, first_day.isoformat()),
                client_id=client.id,
                service=row.service,
                counsellor_id=counsellor_id,
                opened=first_day,
            )
            # A list has no column for the reason a case opens outside its service's target group: the
            # JMD's age limits refuse the row (as they always did), other deviations are recorded and
            # counted like those of a case opened in the form.
            issues = validate_case(new, client, self.today)
            if new.service == "jmd":
                issues += target_group_issues(new, client)
            new.outside_target_group = deviations(new.service, client, new.opened)
            if issues:
                self.errors.extend(RowError(row.line, "service", i.message, i.params) for i in issues)
                return None
            self.new_cases[pair] = new
            self.plan.cases.append(new)
        return self.new_cases[pair]

    def consultation(self, row: ImportRow, client: Client, counsellor_id: str) -> Consultation | None:
        content = (
            row.client_number,
            row.service,
            row.start.isoformat(),
            row.minutes,
            row.form,
            ",".join(sorted(row.topics)),
            row.counsellor,
        )
        self.occurrences[content] += 1  # identical rows are separate consultations, told apart by their order
        consultation = Consultation(
            id=_id("consultation", *content, self.occurrences[content]),
            case_id="",
            client_id=client.id,
            counsellor_id=counsellor_id,
            start=row.start,
            minutes=row.minutes,
            form=row.form,
            topics=row.topics,
            interpreter_used=row.interpreter,
        )
        issues = validate_consultation(consultation, datetime.combine(self.today, datetime.max.time()))
        if issues:
            self.errors.extend(RowError(row.line, i.field, i.message, i.params) for i in issues)
            return None
        return consultation

    def run(self, rows: list[ImportRow]) -> tuple[_Plan, list[RowError]]:
        checked: list[tuple[ImportRow, Client, str, Consultation]] = []
        for row in rows:
            counsellor_id = self.counsellor(row)
            client = self.client(row)
            if counsellor_id is None or client is None:
                continue
            consultation = self.consultation(row, client, counsellor_id)
            if consultation is not None:
                checked.append((row, client, counsellor_id, consultation))
        stored = self.store.consultations.existing([c.id for *_rest, c in checked])
        pending = [item for item in checked if item[3].id not in stored]
        self.plan.present = len(checked) - len(pending)  # imported before: they neither open nor move a case
        first_day: dict[tuple[str, str], date] = {}
        for row, *_rest in pending:
            pair = (row.client_number, row.service)
            first_day[pair] = min(first_day.get(pair, row.start.date()), row.start.date())
        for row, client, counsellor_id, consultation in pending:
            case = self.case(row, client, counsellor_id, first_day[(row.client_number, row.service)])
            if case is not None:
                consultation.case_id = case.id
                self.plan.consultations.append(consultation)
        self.plan.moved = list(self.moved.values())
        return self.plan, self.errors


def _sheets(listed: ListFile) -> tuple[list[list[str]], list[list[str]]]:
    """(client sheet, consultation sheet) of the file; either may be empty."""
    clients: list[list[str]] = []
    consultations: list[list[str]] = []
    for table in listed.tables.values():
        if not table or not any(table[0]):
            continue
        if is_client_sheet(table[0]):
            clients = clients or table
        elif not consultations:
            consultations = table
    return clients, consultations


def import_list(session: Session, path: Path, *, dry_run: bool = False, today: date | None = None) -> ImportReport:
    """Checks every row of the list; writes everything in one transaction only when all rows are good.

    Every row goes through every check in one run (format, then the app's own rules such as the JMD
    age range), so the report lists all problems at once. An XLSX may hold a client sheet and a
    consultation sheet; a CSV holds one of them. Line numbers of the client sheet are reported with
    the sheet's name."""
    session.require_role("team_lead", "admin")
    today = today or date.today()
    listed = read_list(path)
    client_table, table = _sheets(listed)
    for t in (client_table, table):
        if len(t) - 1 > MAX_ROWS:
            raise TooManyRows(path=str(path), rows=len(t) - 1, limit=MAX_ROWS)
    report = ImportReport(encoding=listed.encoding)
    sheet_clients: dict[str, Client] = {}
    if client_table:
        client_rows, client_errors = parse_client_table(client_table)
        sheet_name = next(name for name, t in listed.tables.items() if t is client_table)
        for e in client_errors:
            e.sheet = sheet_name
        report.errors.extend(client_errors)
        for row in client_rows:
            client = _client_of(row)
            issues = validate_client(client, today)
            report.errors.extend(RowError(row.line, i.field, i.message, i.params, sheet_name) for i in issues)
            if not issues:
                sheet_clients[row.client_number] = client
        report.client_rows = len(client_rows) + len({e.line for e in client_errors})
    rows: list[ImportRow] = []
    if table or not client_table:
        rows, errors = parse_table(table, today)
        report.errors.extend(errors)
        report.rows = len(rows) + len({e.line for e in errors if e.line > 1})
        if table:
            columns, _missing = map_headers(table[0])
            report.headers = {name: table[0][i] for name, i in columns.items()}
    planner = _Planner(session, today, sheet_clients)
    plan, plan_errors = planner.run(rows)
    report.errors.extend(plan_errors)
    present = set(self_existing(session, [c.id for c in sheet_clients.values()]))
    for client in sheet_clients.values():
        if client.id not in present and client not in plan.clients:
            plan.clients.append(client)
    report.clients_present = len(present)
    report.errors.sort(key=lambda e: (e.sheet, e.line, e.column))
    report.new_clients, report.new_cases = len(plan.clients), len(plan.cases)
    report.new_consultations, report.already_present = len(plan.consultations), plan.present
    report.moved_openings = len(plan.moved)
    if report.errors or dry_run:
        return report
    _write(session, plan)
    report.written = True
    return report


def self_existing(session: Session, ids: list[str]) -> set[str]:
    """Ids of clients already stored (a client sheet imported before adds them no second time)."""
    return session.store.clients.existing(ids)


def _write(session: Session, plan: _Plan) -> None:
    store = session.store
    with store.transaction():
        store.clients.add_many(plan.clients)
        store.cases.add_many(plan.cases)
        for case in plan.moved:
            store.cases.update(case)
            session.audit("update", "case", case.id, "opened;moved back by a list import")
        store.consultations.add_many(plan.consultations)
        session.audit(
            "import",
            "list",
            "",
            f"clients={len(plan.clients)};cases={len(plan.cases)};consultations={len(plan.consultations)}",
        )
