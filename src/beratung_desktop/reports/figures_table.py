"""The summary's figures as rows (section, item, this period, previous period), and as CSV or XLSX.

Column headers are German by default (the funders' language); `language="en"` gives English ones.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

from ..domain.age_groups import UNKNOWN, age_group_label
from ..domain.catalogues import ACTIVITY_TYPES, CLOSE_REASONS, FORMS, GENDERS, SERVICES, TOPICS
from ..domain.statistics import OTHER, Comparison, Figures, same_top
from ..i18n import N_
from ..i18n.formatting import country_name
from ..i18n.translation import translator_for
from .spreadsheet_text import csv_text, xlsx_row

Translate = Callable[[str], str]

HEADERS = {
    "de": ("Bereich", "Merkmal", "Code", "Wert", "Vorperiode", "Veränderung"),
    "en": ("Section", "Item", "Code", "Value", "Previous period", "Change"),
}

ARRIVAL_LABELS = {"up_to_3_years": N_("up to 3 years"), "longer": N_("more than 3 years"), UNKNOWN: N_("unknown")}


@dataclass(frozen=True)
class FigureRow:
    section: str  # stable key, e.g. "topics"
    section_label: str
    item: str  # stable key or code, e.g. "housing"
    item_label: str
    current: float
    previous: float

    @property
    def change(self) -> float:
        return round(self.current - self.previous, 4)


def _scalar(figures: Figures, name: str) -> float:
    return getattr(figures, name)


def _distribution_rows(
    section: str, section_label: str, current: dict, previous: dict, label: Callable[[str], str]
) -> list[FigureRow]:
    keys = list(current) + [k for k in previous if k not in current]
    return [FigureRow(section, section_label, k, label(k), current.get(k, 0), previous.get(k, 0)) for k in keys]


def figure_rows(comparison: Comparison, language: str = "de") -> list[FigureRow]:
    tr = translator_for(language).gettext
    cur, prev = comparison.current, comparison.previous

    def scalars(section: str, section_label: str, items: list[tuple[str, str, str]]) -> list[FigureRow]:
        return [
            FigureRow(section, tr(section_label), key, tr(label), _scalar(cur, attr), _scalar(prev, attr))
            for key, attr, label in items
        ]

    def catalogue(cat) -> Callable[[str], str]:
        return lambda code: tr(cat.label(code)) if code in cat else tr(N_("Other"))

    def country(code: str) -> str:
        if code == OTHER:
            return tr(N_("Other countries"))
        if code == UNKNOWN:
            return tr(N_("unknown"))
        return country_name(code, language)

    rows = scalars(
        "clients",
        N_("Clients"),
        [
            ("counselled", "clients_counselled", N_("Clients counselled")),
            ("new", "clients_new", N_("of them new")),
            ("continuing", "clients_continuing", N_("of them continuing")),
            ("household_members", "household_members", N_("Household members counselled with them")),
        ],
    )
    # Per service a client counts once in each service they were counselled in; the total row counts
    # every client once, so it is less than the sum when a client used several services.
    rows += _distribution_rows(
        "clients_by_service",
        tr(N_("Clients counselled by service")),
        cur.clients_by_service,
        prev.clients_by_service,
        catalogue(SERVICES),
    )
    rows.append(
        FigureRow(
            "clients_by_service",
            tr(N_("Clients counselled by service")),
            "total",
            tr(N_("All services (each client once, not the sum)")),
            cur.clients_counselled,
            prev.clients_counselled,
        )
    )
    rows += scalars(
        "cases",
        N_("Cases"),
        [
            ("opened", "cases_opened", N_("Cases opened")),
            ("closed", "cases_closed", N_("Cases closed")),
            ("active", "cases_active", N_("Cases open during the period")),
        ],
    )
    rows += _distribution_rows(
        "cases_opened_by_service",
        tr(N_("Cases opened by service")),
        cur.cases_opened_by_service,
        prev.cases_opened_by_service,
        catalogue(SERVICES),
    )
    rows += _distribution_rows(
        "close_reasons", tr(N_("Reasons for closing")), cur.close_reasons, prev.close_reasons, catalogue(CLOSE_REASONS)
    )
    rows += scalars(
        "consultations",
        N_("Consultations"),
        [
            ("count", "consultations", N_("Consultations")),
            ("minutes_total", "minutes_total", N_("Minutes in total")),
            ("minutes_average", "minutes_average", N_("Minutes per consultation (average)")),
            ("with_interpreter", "interpreter_consultations", N_("Consultations with an interpreter")),
        ],
    )
    rows += scalars(
        "individual",
        N_("Individual counselling"),
        [
            ("count", "individual_consultations", N_("Individual consultations")),
            ("minutes", "individual_minutes", N_("Minutes of individual counselling")),
        ],
    )
    rows += scalars(
        "group",
        N_("Group counselling"),
        [
            ("sessions", "group_sessions", N_("Group sessions")),
            ("participants", "group_participants", N_("Clients in group sessions")),
            ("participations", "group_participations", N_("Participations (one per client and session)")),
            ("minutes", "group_minutes", N_("Minutes of group counselling (once per session)")),
        ],
    )
    rows += _distribution_rows(
        "consultations_by_form",
        tr(N_("Consultations by form")),
        cur.consultations_by_form,
        prev.consultations_by_form,
        catalogue(FORMS),
    )
    rows += _distribution_rows(
        "consultations_by_service",
        tr(N_("Consultations by service")),
        cur.consultations_by_service,
        prev.consultations_by_service,
        catalogue(SERVICES),
    )
    rows += _distribution_rows(
        "topics", tr(N_("Topics (a consultation can have several)")), cur.topics, prev.topics, catalogue(TOPICS)
    )
    # The previous period is shown for this period's top 10, so each row compares like with like.
    rows += _distribution_rows(
        "countries",
        tr(N_("Country of origin")),
        cur.countries,
        same_top(prev.country_counts, cur.countries) if cur.countries else prev.countries,
        country,
    )
    rows += _distribution_rows(
        "age_groups",
        tr(N_("Age at the first contact in the period")),
        cur.age_groups,
        prev.age_groups,
        lambda code: tr(age_group_label(code)),
    )
    rows += _distribution_rows("genders", tr(N_("Gender")), cur.genders, prev.genders, catalogue(GENDERS))
    rows += _distribution_rows(
        "arrival",
        tr(N_("Time since arrival")),
        cur.arrival,
        prev.arrival,
        lambda code: tr(ARRIVAL_LABELS.get(code, code)),
    )
    rows += scalars(
        "case_management",
        N_("Case management"),
        [
            ("clients", "case_management_clients", N_("Clients in case management")),
            ("share", "case_management_share", N_("Share of clients counselled")),
        ],
    )
    rows += scalars(
        "activities",
        N_("Activities without clients"),
        [
            ("count", "activities", N_("Activities")),
            ("minutes", "activity_minutes", N_("Minutes")),
            ("participants", "activity_participants", N_("Participants")),
        ],
    )
    rows += _distribution_rows(
        "activities_by_kind",
        tr(N_("Activities by type")),
        cur.activities_by_kind,
        prev.activities_by_kind,
        catalogue(ACTIVITY_TYPES),
    )
    from .network_rows import network_rows  # imports FigureRow from here

    rows += network_rows(comparison, tr, language)
    return rows


def _headers(language: str) -> tuple[str, ...]:
    return HEADERS.get(language, HEADERS["en"])


def _number(value: float, language: str) -> str:
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return text.replace(".", ",") if language == "de" else text


def to_csv(comparison: Comparison, language: str = "de") -> bytes:
    """UTF-8 with byte order mark and semicolons, so German Excel opens it as it is."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(_headers(language))
    for r in figure_rows(comparison, language):
        writer.writerow(
            [
                csv_text(r.section_label),
                csv_text(r.item_label),
                csv_text(f"{r.section}.{r.item}"),
                _number(r.current, language),
                _number(r.previous, language),
                _number(r.change, language),
            ]
        )
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(comparison: Comparison, language: str = "de", title: str = "") -> bytes:
    # openpyxl loads here, not with the figures: the summary PDF needs the rows only (0.5 s of imports).
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    sheet = book.active
    sheet.title = "Kennzahlen" if language == "de" else "Figures"
    period = comparison.current.period
    xlsx_row(sheet, [title or period.key, f"{period.start.isoformat()} – {period.end.isoformat()}"])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([])
    xlsx_row(sheet, list(_headers(language)))
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="EEF2F6")
    for r in figure_rows(comparison, language):
        xlsx_row(sheet, [r.section_label, r.item_label, f"{r.section}.{r.item}", r.current, r.previous, r.change])
        if r.item == "share":
            for col in "DEF":
                sheet[f"{col}{sheet.max_row}"].number_format = "0.0%"
    for col, w in zip("ABCDEF", (34, 44, 34, 12, 14, 13), strict=True):
        sheet.column_dimensions[col].width = w
    for row in sheet.iter_rows(min_row=header_row + 1, min_col=4, max_col=6):
        for cell in row:
            cell.alignment = Alignment(horizontal="right")
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
