"""Figures of a team lead's monthly or yearly summary, computed from records (pure, no storage).

Definitions (documented for funders in docs/statistics.md):
- clients counselled: distinct clients with at least one consultation in the period (within the
  selected services and counsellors); a client with several cases or consultations counts once.
- new clients: counselled clients whose first case in the selected services was opened in the
  period; all others are continuing.
- household members: members of the counselled clients' households marked as counselled with them.
- age: at the last day of the period (with only a birth year known: the age reached in that year).
- arrival: "up to 3 years" when the arrival date lies at most three years before the period's end.
- a consultation's service is the service of its case.
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from .activities import Activity
from .age_groups import AGE_GROUPS, UNKNOWN, age_group
from .cases import Case
from .clients import Client, age_on
from .consultations import Consultation

TOP_COUNTRIES = 10
OTHER = "other"
ARRIVAL_RECENT_YEARS = 3


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def parse_month(cls, text: str) -> Period:
        """'2024-03' -> March 2024; raises ValueError on anything else."""
        year, _sep, month = text.strip().partition("-")
        if not (len(year) == 4 and year.isdigit() and month.isdigit() and 1 <= int(month) <= 12):
            raise ValueError(text)
        return cls.month(int(year), int(month))

    @property
    def is_month(self) -> bool:
        return self.start.day == 1 and self.end == Period.month(self.start.year, self.start.month).end

    @property
    def is_year(self) -> bool:
        return self.start == date(self.start.year, 1, 1) and self.end == date(self.start.year, 12, 31)

    def previous(self) -> Period:
        """The month or year before; other periods: the same number of days just before."""
        if self.is_year:
            return Period.year(self.start.year - 1)
        if self.is_month:
            year, month = (self.start.year, self.start.month - 1) if self.start.month > 1 else (self.start.year - 1, 12)
            return Period.month(year, month)
        length = self.end - self.start
        end = date.fromordinal(self.start.toordinal() - 1)
        return Period(end - length, end)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def key(self) -> str:
        if self.is_year:
            return f"{self.start.year}"
        if self.is_month:
            return f"{self.start.year}-{self.start.month:02d}"
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


@dataclass(frozen=True)
class Selection:
    """Which services and counsellors the figures cover; empty means all."""

    services: frozenset[str] = frozenset()
    counsellors: frozenset[str] = frozenset()

    def service_ok(self, service: str) -> bool:
        return not self.services or service in self.services

    def counsellor_ok(self, counsellor_id: str) -> bool:
        return not self.counsellors or counsellor_id in self.counsellors


EVERYTHING = Selection()


@dataclass
class Figures:
    period: Period
    clients_counselled: int = 0
    clients_new: int = 0
    clients_continuing: int = 0
    household_members: int = 0
    cases_opened: int = 0
    cases_closed: int = 0
    cases_active: int = 0
    close_reasons: dict[str, int] = field(default_factory=dict)
    cases_opened_by_service: dict[str, int] = field(default_factory=dict)
    consultations: int = 0
    consultations_by_form: dict[str, int] = field(default_factory=dict)
    consultations_by_service: dict[str, int] = field(default_factory=dict)
    minutes_total: int = 0
    minutes_average: float = 0.0
    topics: dict[str, int] = field(default_factory=dict)
    countries: dict[str, int] = field(default_factory=dict)  # top 10 and "other"
    country_counts: dict[str, int] = field(default_factory=dict)  # every country
    age_groups: dict[str, int] = field(default_factory=dict)
    genders: dict[str, int] = field(default_factory=dict)
    interpreter_consultations: int = 0
    arrival: dict[str, int] = field(default_factory=dict)
    case_management_clients: int = 0
    case_management_share: float = 0.0
    activities: int = 0
    activities_by_kind: dict[str, int] = field(default_factory=dict)
    activity_minutes: int = 0
    activity_participants: int = 0


@dataclass(frozen=True, slots=True)
class ClientFacts:
    """What the figures need of a client (the loader reads only these columns)."""

    id: str
    birth_date: date | None
    birth_year: int | None
    gender: str
    country_of_origin: str
    arrival_date: date | None
    household_counselled: int  # household members counselled with the client

    @classmethod
    def of(cls, c: Client) -> ClientFacts:
        return cls(
            c.id,
            c.birth_date,
            c.birth_year,
            c.gender,
            c.country_of_origin,
            c.arrival_date,
            sum(1 for m in c.household if m.counselled),
        )


@dataclass(frozen=True, slots=True)
class CaseFacts:
    id: str
    client_id: str
    service: str
    counsellor_id: str
    opened: date
    closed: date | None
    close_reason: str | None
    case_management: bool

    @classmethod
    def of(cls, c: Case) -> CaseFacts:
        return cls(c.id, c.client_id, c.service, c.counsellor_id, c.opened, c.closed, c.close_reason, c.case_management)

    def open_during(self, start: date, end: date) -> bool:
        return self.opened <= end and (self.closed is None or self.closed >= start)


@dataclass(frozen=True, slots=True)
class ConsultationFacts:
    case_id: str
    client_id: str
    counsellor_id: str
    day: date  # the consultation belongs to the period of its start date
    minutes: int
    form: str
    topics: tuple[str, ...]
    interpreter_used: bool

    @classmethod
    def of(cls, c: Consultation) -> ConsultationFacts:
        return cls(
            c.case_id,
            c.client_id,
            c.counsellor_id,
            c.start.date(),
            c.minutes,
            c.form,
            tuple(c.topics),
            c.interpreter_used,
        )


@dataclass
class Records:
    """What the computation needs; the loader may pass more, the filters apply here."""

    clients: Mapping[str, ClientFacts]  # at least the clients of the consultations
    cases: Mapping[str, CaseFacts]  # every case of those clients, and every case open in the period
    consultations: list[ConsultationFacts]  # at least those of the period
    activities: list[Activity]  # at least those of the period
    _first_case: dict[frozenset[str], dict[str, date]] = field(default_factory=dict, repr=False, compare=False)

    def first_case_opened(self, services: frozenset[str]) -> dict[str, date]:
        """Per client, the day their first case in the services (all when empty) was opened."""
        if services not in self._first_case:
            self._first_case[services] = first_case_opened(self.cases.values(), Selection(services))
        return self._first_case[services]

    @classmethod
    def of(
        cls,
        clients: Iterable[Client],
        cases: Iterable[Case],
        consultations: Iterable[Consultation],
        activities: Iterable[Activity],
    ) -> Records:
        """From full records (tests, small data sets)."""
        return cls(
            {c.id: ClientFacts.of(c) for c in clients},
            {c.id: CaseFacts.of(c) for c in cases},
            [ConsultationFacts.of(c) for c in consultations],
            list(activities),
        )


def _sorted(counter: Counter, order: Iterable[str] | None = None) -> dict[str, int]:
    if order is not None:
        known = list(order)
        rest = sorted(k for k in counter if k not in known)
        return {k: counter[k] for k in [*known, *rest] if counter[k]}
    return dict(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


def same_top(counts: Mapping[str, int], top: Iterable[str]) -> dict[str, int]:
    """Counts of the given codes and the rest as 'other' (to compare a period with another's top 10)."""
    chosen = [k for k in top if k != OTHER]
    result = {k: counts.get(k, 0) for k in chosen}
    rest = sum(v for k, v in counts.items() if k not in result)
    if rest or OTHER in top:
        result[OTHER] = rest
    return result


def top_with_other(counter: Counter, n: int = TOP_COUNTRIES) -> dict[str, int]:
    """The n largest entries (ties by code) and the rest summed as 'other'."""
    ranked = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
    top = dict(ranked[:n])
    rest = sum(v for _k, v in ranked[n:])
    if rest:
        top[OTHER] = top.get(OTHER, 0) + rest
    return top


def arrival_group(client: ClientFacts, period: Period) -> str:
    if client.arrival_date is None:
        return UNKNOWN
    end = period.end
    try:
        limit = end.replace(year=end.year - ARRIVAL_RECENT_YEARS)
    except ValueError:  # 29 February
        limit = end.replace(year=end.year - ARRIVAL_RECENT_YEARS, day=28)
    return "up_to_3_years" if client.arrival_date >= limit else "longer"


def compute(
    period: Period,
    records: Records,
    selection: Selection = EVERYTHING,
    form_order: Iterable[str] | None = None,
    topic_order: Iterable[str] | None = None,
) -> Figures:
    figures = Figures(period=period)
    cases = records.cases
    start, end = period.start, period.end
    services, counsellors = selection.services, selection.counsellors
    # Plain comparisons in the loops below: a large office has tens of thousands of rows a month.
    consultations = [c for c in records.consultations if start <= c.day <= end and c.case_id in cases]
    if services or counsellors:
        consultations = [
            c
            for c in consultations
            if (not counsellors or c.counsellor_id in counsellors)
            and (not services or cases[c.case_id].service in services)
        ]
    _consultation_figures(figures, consultations, cases, form_order, topic_order)
    counselled = {c.client_id for c in consultations}
    _client_figures(figures, period, counselled, records, selection)

    selected_cases = [
        c
        for c in cases.values()
        if (not services or c.service in services) and (not counsellors or c.counsellor_id in counsellors)
    ]
    opened = [c for c in selected_cases if start <= c.opened <= end]
    closed = [c for c in selected_cases if c.closed is not None and start <= c.closed <= end]
    active = [c for c in selected_cases if c.opened <= end and (c.closed is None or c.closed >= start)]
    figures.cases_opened = len(opened)
    figures.cases_opened_by_service = _sorted(Counter(c.service for c in opened))
    figures.cases_closed = len(closed)
    figures.close_reasons = _sorted(Counter(c.close_reason or "other" for c in closed))
    figures.cases_active = len(active)
    managed = {c.client_id for c in active if c.case_management} & counselled
    figures.case_management_clients = len(managed)
    figures.case_management_share = round(len(managed) / len(counselled), 4) if counselled else 0.0

    activities = [
        a
        for a in records.activities
        if period.contains(a.day) and selection.service_ok(a.service) and selection.counsellor_ok(a.counsellor_id)
    ]
    figures.activities = len(activities)
    figures.activities_by_kind = _sorted(Counter(a.kind for a in activities))
    figures.activity_minutes = sum(a.minutes for a in activities)
    figures.activity_participants = sum(a.participants for a in activities)
    return figures


def _consultation_figures(
    figures: Figures,
    consultations: list[ConsultationFacts],
    cases: Mapping[str, CaseFacts],
    form_order: Iterable[str] | None,
    topic_order: Iterable[str] | None,
) -> None:
    figures.consultations = len(consultations)
    figures.consultations_by_form = _sorted(Counter(c.form for c in consultations), form_order)
    figures.consultations_by_service = _sorted(Counter(cases[c.case_id].service for c in consultations))
    figures.minutes_total = sum(c.minutes for c in consultations)
    figures.minutes_average = round(figures.minutes_total / len(consultations), 1) if consultations else 0.0
    # A consultation with several topics counts once for each of them (a topic listed twice, once).
    figures.topics = _sorted(Counter(t for c in consultations for t in set(c.topics)), topic_order)
    figures.interpreter_consultations = sum(1 for c in consultations if c.interpreter_used)


def first_case_opened(cases: Iterable[CaseFacts], selection: Selection) -> dict[str, date]:
    """Per client, the day the first case in the selected services was opened."""
    first: dict[str, date] = {}
    for case in cases:
        if selection.service_ok(case.service):
            known = first.get(case.client_id)
            if known is None or case.opened < known:
                first[case.client_id] = case.opened
    return first


def _client_figures(
    figures: Figures, period: Period, counselled: set[str], records: Records, selection: Selection
) -> None:
    clients = [records.clients[i] for i in sorted(counselled) if i in records.clients]
    first = records.first_case_opened(selection.services)
    figures.clients_counselled = len(counselled)
    figures.clients_new = sum(1 for i in counselled if i in first and period.start <= first[i])
    figures.clients_continuing = figures.clients_counselled - figures.clients_new
    figures.household_members = sum(c.household_counselled for c in clients)
    countries = Counter(c.country_of_origin or UNKNOWN for c in clients)
    figures.country_counts = dict(countries)
    figures.countries = top_with_other(countries)
    age_order = [code for code, *_rest in AGE_GROUPS] + [UNKNOWN]
    # age_on reads only birth_date and birth_year, which ClientFacts carries under the same names.
    figures.age_groups = _sorted(Counter(age_group(age_on(c, period.end)) for c in clients), age_order)  # type: ignore[arg-type]
    figures.genders = _sorted(Counter(c.gender for c in clients), ["female", "male", "diverse", "unspecified"])
    figures.arrival = _sorted(Counter(arrival_group(c, period) for c in clients), ["up_to_3_years", "longer", UNKNOWN])


@dataclass
class Comparison:
    current: Figures
    previous: Figures


def as_dict(figures: Figures) -> dict:
    """Stable JSON keys (documented in docs/statistics.md)."""
    return {
        "period": {
            "start": figures.period.start.isoformat(),
            "end": figures.period.end.isoformat(),
            "key": figures.period.key,
        },
        "clients": {
            "counselled": figures.clients_counselled,
            "new": figures.clients_new,
            "continuing": figures.clients_continuing,
            "household_members": figures.household_members,
        },
        "cases": {
            "opened": figures.cases_opened,
            "closed": figures.cases_closed,
            "active": figures.cases_active,
            "opened_by_service": figures.cases_opened_by_service,
            "close_reasons": figures.close_reasons,
        },
        "consultations": {
            "count": figures.consultations,
            "by_form": figures.consultations_by_form,
            "by_service": figures.consultations_by_service,
            "minutes_total": figures.minutes_total,
            "minutes_average": figures.minutes_average,
            "with_interpreter": figures.interpreter_consultations,
        },
        "topics": figures.topics,
        "countries": figures.countries,
        "age_groups": figures.age_groups,
        "genders": figures.genders,
        "arrival": figures.arrival,
        "case_management": {"clients": figures.case_management_clients, "share": figures.case_management_share},
        "activities": {
            "count": figures.activities,
            "by_kind": figures.activities_by_kind,
            "minutes": figures.activity_minutes,
            "participants": figures.activity_participants,
        },
    }


def comparison_dict(comparison: Comparison) -> dict:
    return {"current": as_dict(comparison.current), "previous": as_dict(comparison.previous)}
