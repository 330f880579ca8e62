"""Figures of a team lead's monthly or yearly summary, computed from records (pure, no storage).

Definitions (documented for funders in docs/statistics.md):
- clients counselled: distinct clients with at least one consultation in the period (within the
  selected services and counsellors); a client with several cases or consultations counts once.
- new clients: counselled clients whose first contact in the selected services (the earlier of their
  first case's opening day and their first consultation) lies in the period; a client is new once.
- household members: members of the counselled clients' households marked as counselled with them.
- age and arrival: at the client's first contact in the period (their first consultation in it).
- group counselling (form "group"): a session is the group consultations of one counsellor starting
  at the same moment; its minutes count once, however many clients took part.
- averages and shares are rounded half up (decimal.ROUND_HALF_UP), as German reports do.
- a consultation's service is the service of its case.
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from .activities import Activity
from .age_groups import AGE_GROUPS, UNKNOWN, age_group
from .cases import Case
from .clients import Client, age_on
from .consultations import Consultation
from .network_figures import NetworkFigures, network_dict

TOP_COUNTRIES = 10
OTHER = "other"
ARRIVAL_RECENT_YEARS = 3
GROUP = "group"


def round_half_up(value: float | int, places: int) -> float:
    """Commercial rounding (kaufmännisch): 2.25 -> 2.3, 0.00005 -> 0.0001, unlike round()'s half to even.
    The value is taken through its shortest decimal text, so 2.675 rounds as written, to 2.68."""
    step = Decimal(1).scaleb(-places)
    return float(Decimal(repr(value)).quantize(step, rounding=ROUND_HALF_UP))


def ratio(numerator: int, denominator: int, places: int) -> float:
    """numerator / denominator rounded half up, computed exactly (no binary fraction on the way)."""
    if not denominator:
        return 0.0
    step = Decimal(1).scaleb(-places)
    return float((Decimal(numerator) / Decimal(denominator)).quantize(step, rounding=ROUND_HALF_UP))


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
    individual_consultations: int = 0
    individual_minutes: int = 0
    group_sessions: int = 0
    group_participants: int = 0  # distinct clients in group sessions
    group_participations: int = 0  # group consultations, one per client and session
    group_minutes: int = 0  # once per session
    clients_by_service: dict[str, int] = field(default_factory=dict)
    topics: dict[str, int] = field(default_factory=dict)
    countries: dict[str, int] = field(default_factory=dict)  # top 10, "other", "unknown"
    country_counts: dict[str, int] = field(default_factory=dict)  # every country and "unknown"
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
    # Referrals, interpreters, group offers, short contacts, target groups, support needs: computed
    # apart (domain/network_figures.py) from records of their own, then attached here.
    network: NetworkFigures = field(default_factory=NetworkFigures)


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
    time: str = ""  # "HH:MM" of the start; tells group sessions of one day apart (empty: unknown)

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
            c.start.strftime("%H:%M"),
        )


@dataclass
class Records:
    """What the computation needs; the loader may pass more, the filters apply here."""

    clients: Mapping[str, ClientFacts]  # at least the clients of the consultations
    cases: Mapping[str, CaseFacts]  # every case of those clients, and every case open in the period
    consultations: list[ConsultationFacts]  # at least those of the period
    activities: list[Activity]  # at least those of the period
    _first_case: dict[frozenset[str], dict[str, date]] = field(default_factory=dict, repr=False, compare=False)

    def first_consultation(self, services: frozenset[str]) -> dict[str, date]:
        """Per client, the day of their earliest loaded consultation in the services (all when empty)."""
        key = frozenset({"\x00consultations", *services})
        if key not in self._first_case:
            first: dict[str, date] = {}
            for c in self.consultations:
                case = self.cases.get(c.case_id)
                wanted = case is not None and (not services or case.service in services)
                if wanted and (c.client_id not in first or c.day < first[c.client_id]):
                    first[c.client_id] = c.day
            self._first_case[key] = first
        return self._first_case[key]

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
    """The n largest known countries, the rest summed as 'other', then 'unknown' on its own.

    Unknown never takes one of the n places. Ties are broken by the ISO code in alphabetical order, so
    at a tie for the n-th place the country with the alphabetically first code is listed."""
    ranked = sorted(((k, v) for k, v in counter.items() if k not in (UNKNOWN, OTHER)), key=lambda i: (-i[1], i[0]))
    top = dict(ranked[:n])
    rest = sum(v for _k, v in ranked[n:]) + counter.get(OTHER, 0)
    if rest:
        top[OTHER] = rest
    if counter.get(UNKNOWN):
        top[UNKNOWN] = counter[UNKNOWN]
    return top


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def arrival_group(client: ClientFacts, first_contact: date) -> str:
    """'up_to_3_years' when the arrival lies at most three years before the first contact in the period."""
    if client.arrival_date is None:
        return UNKNOWN
    limit = years_before(first_contact, ARRIVAL_RECENT_YEARS)
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
    first_contact: dict[str, date] = {}
    for c in consultations:
        if c.client_id not in first_contact or c.day < first_contact[c.client_id]:
            first_contact[c.client_id] = c.day
    _client_figures(figures, period, first_contact, records, selection)
    by_service: dict[str, set[str]] = {}
    for c in consultations:
        by_service.setdefault(cases[c.case_id].service, set()).add(c.client_id)
    figures.clients_by_service = _sorted(Counter({k: len(v) for k, v in by_service.items()}))

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
    figures.case_management_share = ratio(len(managed), len(counselled), 4)

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
    individual = [c for c in consultations if c.form != GROUP]
    sessions: dict[tuple[str, date, str], int] = {}
    participants: set[str] = set()
    for c in consultations:
        if c.form == GROUP:
            key = (c.counsellor_id, c.day, c.time)
            sessions[key] = max(sessions.get(key, 0), c.minutes)  # a session lasts as long as its longest entry
            participants.add(c.client_id)
    figures.individual_consultations = len(individual)
    figures.individual_minutes = sum(c.minutes for c in individual)
    figures.group_sessions = len(sessions)
    figures.group_participants = len(participants)
    figures.group_participations = len(consultations) - len(individual)
    figures.group_minutes = sum(sessions.values())
    # Minutes of counselling work: a group session's minutes once, not once per participant.
    figures.minutes_total = figures.individual_minutes + figures.group_minutes
    figures.minutes_average = ratio(figures.minutes_total, len(individual) + len(sessions), 1)
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
    figures: Figures, period: Period, first_contact: dict[str, date], records: Records, selection: Selection
) -> None:
    counselled = first_contact.keys()
    clients = [records.clients[i] for i in sorted(counselled) if i in records.clients]
    first = records.first_case_opened(selection.services)
    earliest = records.first_consultation(selection.services)
    figures.clients_counselled = len(counselled)
    # New once: the first contact (first case opened, or an earlier consultation) lies in this period.
    figures.clients_new = sum(
        1 for i in counselled if period.contains(min(first.get(i, first_contact[i]), earliest.get(i, first_contact[i])))
    )
    figures.clients_continuing = figures.clients_counselled - figures.clients_new
    figures.household_members = sum(c.household_counselled for c in clients)
    countries = Counter(c.country_of_origin or UNKNOWN for c in clients)
    figures.country_counts = dict(countries)
    figures.countries = top_with_other(countries)
    age_order = [code for code, *_rest in AGE_GROUPS] + [UNKNOWN]
    # Age at the client's first contact in the period; age_on reads only birth_date and birth_year,
    # which ClientFacts carries under the same names.
    figures.age_groups = _sorted(
        Counter(age_group(age_on(c, first_contact[c.id])) for c in clients),  # type: ignore[arg-type]
        age_order,
    )
    figures.genders = _sorted(Counter(c.gender for c in clients), ["female", "male", "diverse", "unspecified"])
    figures.arrival = _sorted(
        Counter(arrival_group(c, first_contact[c.id]) for c in clients), ["up_to_3_years", "longer", UNKNOWN]
    )


@dataclass
class PeriodCounts:
    """What the storage counts for a period in SQL (one row per group, never one per record); the rules
    of the figures (orders, top ten, rounding, derived totals) are applied by figures_of. Keys of the
    counters are codes as stored."""

    consultations_by_form: Counter = field(default_factory=Counter)
    minutes_by_form: Counter = field(default_factory=Counter)
    consultations_by_service: Counter = field(default_factory=Counter)
    clients_by_service: Counter = field(default_factory=Counter)  # distinct clients per service
    interpreter_consultations: int = 0
    group_sessions: int = 0
    group_minutes: int = 0  # longest entry of each session, once per session
    group_participants: int = 0
    topics: Counter = field(default_factory=Counter)  # consultations per topic
    clients_counselled: int = 0
    clients_new: int = 0
    case_management_clients: int = 0
    # Of the counselled clients whose record is present (age and arrival at their first contact in it):
    household_members: int = 0
    countries: Counter = field(default_factory=Counter)  # "" counted as UNKNOWN
    age_groups: Counter = field(default_factory=Counter)
    genders: Counter = field(default_factory=Counter)
    arrival: Counter = field(default_factory=Counter)
    cases_opened_by_service: Counter = field(default_factory=Counter)
    close_reasons: Counter = field(default_factory=Counter)  # a missing reason counted as "other"
    cases_active: int = 0
    activities_by_kind: Counter = field(default_factory=Counter)
    activity_minutes: int = 0
    activity_participants: int = 0


def figures_of(
    period: Period,
    counts: PeriodCounts,
    form_order: Iterable[str] | None = None,
    topic_order: Iterable[str] | None = None,
) -> Figures:
    """The figures from a period's counts, by the same rules as compute()."""
    f = Figures(period=period)
    by_form = counts.consultations_by_form
    f.consultations = sum(by_form.values())
    f.consultations_by_form = _sorted(by_form, form_order)
    f.consultations_by_service = _sorted(counts.consultations_by_service)
    f.individual_consultations = sum(n for form, n in by_form.items() if form != GROUP)
    f.individual_minutes = sum(m for form, m in counts.minutes_by_form.items() if form != GROUP)
    f.group_sessions = counts.group_sessions
    f.group_participants = counts.group_participants
    f.group_participations = by_form.get(GROUP, 0)
    f.group_minutes = counts.group_minutes
    f.minutes_total = f.individual_minutes + f.group_minutes
    f.minutes_average = ratio(f.minutes_total, f.individual_consultations + f.group_sessions, 1)
    f.topics = _sorted(counts.topics, topic_order)
    f.interpreter_consultations = counts.interpreter_consultations
    f.clients_counselled = counts.clients_counselled
    f.clients_new = counts.clients_new
    f.clients_continuing = counts.clients_counselled - counts.clients_new
    f.household_members = counts.household_members
    f.country_counts = dict(counts.countries)
    f.countries = top_with_other(counts.countries)
    f.age_groups = _sorted(counts.age_groups, [code for code, *_rest in AGE_GROUPS] + [UNKNOWN])
    f.genders = _sorted(counts.genders, ["female", "male", "diverse", "unspecified"])
    f.arrival = _sorted(counts.arrival, ["up_to_3_years", "longer", UNKNOWN])
    f.clients_by_service = _sorted(counts.clients_by_service)
    f.cases_opened = sum(counts.cases_opened_by_service.values())
    f.cases_opened_by_service = _sorted(counts.cases_opened_by_service)
    f.cases_closed = sum(counts.close_reasons.values())
    f.close_reasons = _sorted(counts.close_reasons)
    f.cases_active = counts.cases_active
    f.case_management_clients = counts.case_management_clients
    f.case_management_share = ratio(counts.case_management_clients, counts.clients_counselled, 4)
    f.activities = sum(counts.activities_by_kind.values())
    f.activities_by_kind = _sorted(counts.activities_by_kind)
    f.activity_minutes = counts.activity_minutes
    f.activity_participants = counts.activity_participants
    return f


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
            "by_service": figures.clients_by_service,
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
            "individual": {"count": figures.individual_consultations, "minutes": figures.individual_minutes},
            "group": {
                "sessions": figures.group_sessions,
                "participants": figures.group_participants,
                "participations": figures.group_participations,
                "minutes": figures.group_minutes,
            },
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
        "network": network_dict(figures.network),
    }


def comparison_dict(comparison: Comparison) -> dict:
    return {"current": as_dict(comparison.current), "previous": as_dict(comparison.previous)}
