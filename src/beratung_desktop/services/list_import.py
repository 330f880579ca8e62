"""Import of an office's existing consultation list (CSV or XLSX), all or nothing, idempotent.

Every row is checked first; with a single bad row nothing is written. Records get ids derived from
the row content (uuid5), so importing the same file again finds them and adds nothing. Clients are
matched by client number.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ..domain.cases import Case, validate_case
from ..domain.clients import Client, validate_client
from ..domain.consultations import Consultation, validate_consultation
from ..domain.list_import import ImportRow, RowError, check_consistency, key, map_headers, parse_row
from ..errors import N_, AppError
from ..i18n.formatting import countries
from .session import Session

NAMESPACE = uuid.UUID("6b0c2d1e-5f7a-4c1b-9a43-0e9f3d6c2a10")
ENCODINGS = ("utf-8-sig", "cp1252")
MAX_ROWS = 200_000


class UnreadableList(AppError):
    message = N_("{path} cannot be read as a CSV or XLSX list: {reason}")


@dataclass
class ImportReport:
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    new_clients: int = 0
    new_cases: int = 0
    new_consultations: int = 0
    already_present: int = 0
    written: bool = False

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


def _read_csv(data: bytes) -> list[list[str]]:
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # cp1252 decodes almost anything; this is for completeness
        raise ValueError("unknown text encoding")
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=";,\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    return [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def _read_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        return [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def read_table(path: Path) -> list[list[str]]:
    """Rows of the file as text cells; the first row holds the headers."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableList(path=str(path), reason=exc.strerror or str(exc)) from exc
    try:
        if data[:2] == b"PK" or path.suffix.lower() in (".xlsx", ".xlsm"):
            return _read_xlsx(data)
        return _read_csv(data)
    except Exception as exc:  # a damaged file of any kind: say so, import nothing
        raise UnreadableList(path=str(path), reason=str(exc) or type(exc).__name__) from exc


# -- checking ----------------------------------------------------------------------------------------


def _country_lookup():
    by_name: dict[str, str] = {}
    for language in ("de", "en"):
        for code, name in countries(language):
            by_name[key(name)] = code
    codes = {code for code in by_name.values()}

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
    for line, cells in enumerate(table[1 : MAX_ROWS + 1], start=2):
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


# -- building records --------------------------------------------------------------------------------


def _id(*parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, "\x1f".join(str(p) for p in parts)))


@dataclass
class _Plan:
    clients: list[Client] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
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


def _plan(session: Session, rows: list[ImportRow], today: date) -> tuple[_Plan, list[RowError]]:
    store = session.store
    plan = _Plan()
    errors: list[RowError] = []
    clients: dict[str, Client] = {}
    cases: dict[tuple[str, str], Case] = {}
    users: dict[str, str | None] = {}
    occurrences: Counter = Counter()
    first_day: dict[tuple[str, str], date] = {}
    for row in rows:
        pair = (row.client_number, row.service)
        first_day[pair] = min(first_day.get(pair, row.start.date()), row.start.date())
    for row in rows:
        counsellor_id = session.user.id
        if row.counsellor:
            if row.counsellor not in users:
                user = store.users.by_name(row.counsellor)
                users[row.counsellor] = user.id if user else None
            if users[row.counsellor] is None:
                errors.append(
                    RowError(row.line, "counsellor", N_("There is no user named {name}."), {"name": row.counsellor})
                )
                continue
            counsellor_id = users[row.counsellor]
        client = clients.get(row.client_number)
        if client is None:
            client = store.clients.by_number(row.client_number)
            if client is None:
                client = _client(row)
                issues = validate_client(client, today)
                if issues:
                    errors.extend(RowError(row.line, i.field, i.message, i.params) for i in issues)
                    continue
                plan.clients.append(client)
            clients[row.client_number] = client
        pair = (row.client_number, row.service)
        case = cases.get(pair)
        if case is None:
            case_id = _id("case", row.client_number, row.service)
            case = store.cases.get(case_id) or next(
                (c for c in store.cases.for_client(client.id) if c.service == row.service and c.is_open), None
            )
            if case is None:
                case = Case(
                    id=case_id,
                    client_id=client.id,
                    service=row.service,
                    counsellor_id=counsellor_id,
                    opened=first_day[pair],
                )
                issues = validate_case(case, client, today)
                if issues:
                    errors.extend(RowError(row.line, "service", i.message, i.params) for i in issues)
                    continue
                plan.cases.append(case)
            cases[pair] = case
        content = (
            row.client_number,
            row.service,
            row.start.isoformat(),
            row.minutes,
            row.form,
            ",".join(sorted(row.topics)),
            row.counsellor,
        )
        occurrences[content] += 1  # identical rows are separate consultations, told apart by their order
        consultation = Consultation(
            id=_id("consultation", *content, occurrences[content]),
            case_id=case.id,
            client_id=client.id,
            counsellor_id=counsellor_id,
            start=row.start,
            minutes=row.minutes,
            form=row.form,
            topics=row.topics,
            interpreter_used=row.interpreter,
        )
        issues = validate_consultation(consultation, datetime.combine(today, datetime.max.time()))
        if issues:
            errors.extend(RowError(row.line, i.field, i.message, i.params) for i in issues)
            continue
        if store.consultations.exists(consultation.id):
            plan.present += 1
        else:
            plan.consultations.append(consultation)
    return plan, errors


def import_list(session: Session, path: Path, *, dry_run: bool = False, today: date | None = None) -> ImportReport:
    """Checks every row of the list; writes everything in one transaction only when all rows are good."""
    session.require_role("team_lead", "admin")
    today = today or date.today()
    rows, errors = parse_table(read_table(path), today)
    report = ImportReport(rows=len(rows) + len({e.line for e in errors if e.line > 1}), errors=errors)
    if errors:
        report.errors.sort(key=lambda e: e.line)
        return report
    plan, errors = _plan(session, rows, today)
    report.errors = sorted(errors, key=lambda e: e.line)
    report.new_clients, report.new_cases = len(plan.clients), len(plan.cases)
    report.new_consultations, report.already_present = len(plan.consultations), plan.present
    if report.errors or dry_run:
        return report
    store = session.store
    with store.db.transaction():
        store.clients.add_many(plan.clients)
        store.cases.add_many(plan.cases)
        store.consultations.add_many(plan.consultations)
        session.audit(
            "import",
            "list",
            "",
            f"clients={len(plan.clients)};cases={len(plan.cases)};consultations={len(plan.consultations)}",
        )
    report.written = True
    return report
