"""A summary's figures counted in SQL: one statement per period, grouped over the period's rows only.

The period's consultations are one range of the covering index `consultations_facts` (ordered by
start), each joined to its case's service through `cases_service`; the clients counselled in it are
looked up by id, and their earlier contacts through the per-client indexes. Everything else is a
GROUP BY over those rows, so the cost grows with the period's data, not with the years in the store,
and Python receives one row per group instead of one object per record.

The definitions are those of domain/statistics.py (compute() is the reference the tests compare
with); domain.statistics.figures_of turns the counts into figures. A new figure is one more part of
PARTS (a SELECT over `c`, the period's consultations, or `p`, its counselled clients) and one more
line in _collect.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..domain.age_groups import AGE_GROUPS, UNKNOWN
from ..domain.statistics import ARRIVAL_RECENT_YEARS, GROUP, Period, PeriodCounts, Selection

if TYPE_CHECKING:
    from .store import Store

# Age in whole years at the first contact in the period (domain.clients.age_on): from the birth date,
# or with only a birth year the age reached in the year.
_AGE = """CASE
    WHEN l.birth_date IS NOT NULL THEN CAST(substr(f.first, 1, 4) AS INTEGER)
        - CAST(substr(l.birth_date, 1, 4) AS INTEGER) - (substr(f.first, 6, 5) < substr(l.birth_date, 6, 5))
    WHEN l.birth_year THEN CAST(substr(f.first, 1, 4) AS INTEGER) - l.birth_year END"""


def _age_group() -> str:
    """domain.age_groups.age_group as a CASE over the age column `age`."""
    limbs = [
        f"WHEN age >= {low}" + (f" AND age <= {high}" if high is not None else "") + f" THEN '{code}'"
        for code, low, high, _label in AGE_GROUPS
    ]
    return f"CASE {' '.join(limbs)} ELSE '{UNKNOWN}' END"


# The day three years before the first contact (domain.statistics.years_before: 29 February -> 28).
_ARRIVAL_LIMIT = (
    f"printf('%04d', CAST(substr(f.first, 1, 4) AS INTEGER) - {ARRIVAL_RECENT_YEARS}) "
    "|| CASE WHEN substr(f.first, 6, 5) = '02-29' THEN '-02-28' ELSE substr(f.first, 5, 6) END"
)
_ARRIVAL = f"""CASE WHEN l.arrival_date IS NULL THEN '{UNKNOWN}'
    WHEN substr(l.arrival_date, 1, 10) >= {_ARRIVAL_LIMIT} THEN 'up_to_3_years' ELSE 'longer' END"""

# Household members counselled with the client (a member without the flag counts, as in the domain).
_HOUSEHOLD = """CASE WHEN l.household IN ('', '[]') THEN 0 ELSE (
    SELECT count(*) FROM json_each(l.household) AS m
    WHERE json_type(m.value, '$.counselled') IS NULL OR json_extract(m.value, '$.counselled') NOT IN (0, '')) END"""

_IN_SERVICES = "{alias}.service IN (SELECT value FROM json_each(:services))"
_IN_COUNSELLORS = "{alias}.counsellor_id IN (SELECT value FROM json_each(:counsellors))"


@dataclass(frozen=True)
class Source:
    """Where the records come from: each table as a FROM item with `{a}` for its alias and the index the
    query reads it by. The office's own tables, or the organisation's facts of imported records
    (storage/organisation_facts.py), which have the same columns and a `device` column."""

    consultations_by_start: str
    consultations_by_client: str
    cases_by_id: str
    cases_by_client: str
    cases_by_opened: str
    cases_by_closed: str
    clients_by_id: str
    activities_by_day: str
    household: str = _HOUSEHOLD  # the client's household members counselled with them, over `l`
    scope: str = ""  # a condition over `{a}` limiting the records (the organisation: chosen offices)


OFFICE = Source(
    consultations_by_start="consultations AS {a} INDEXED BY consultations_facts",
    consultations_by_client="consultations AS {a} INDEXED BY consultations_live_client",
    cases_by_id="cases AS {a} INDEXED BY cases_service",
    cases_by_client="cases AS {a} INDEXED BY cases_facts_client",
    cases_by_opened="cases AS {a} INDEXED BY cases_opened",
    cases_by_closed="cases AS {a} INDEXED BY cases_facts_closed",
    clients_by_id="clients AS {a} INDEXED BY clients_facts",
    activities_by_day="activities AS {a} INDEXED BY activities_day",
)


# A consultation's start is its day (imported records carry no time: group sessions are told apart by
# counsellor and day, as in the Python figures of imported records).
ORGANISATION = Source(  # storage/organisation_facts.py
    consultations_by_start="org_fact_consultations AS {a} INDEXED BY org_fact_consultations_start",
    consultations_by_client="org_fact_consultations AS {a} INDEXED BY org_fact_consultations_client",
    cases_by_id="org_fact_cases AS {a}",
    cases_by_client="org_fact_cases AS {a} INDEXED BY org_fact_cases_client",
    cases_by_opened="org_fact_cases AS {a} INDEXED BY org_fact_cases_opened",
    cases_by_closed="org_fact_cases AS {a} INDEXED BY org_fact_cases_closed",
    clients_by_id="org_fact_clients AS {a}",
    activities_by_day="org_fact_activities AS {a} INDEXED BY org_fact_activities_day",
    household="coalesce(l.household, 0)",
    scope="{a}.device IN (SELECT value FROM json_each(:lines))",
)


@dataclass(frozen=True)
class _Filters:
    """SQL conditions of a selection (empty when everything is selected) and the source's scope."""

    services: bool
    counsellors: bool
    source: Source

    def on(self, alias: str, *, services: bool = True, counsellors: bool = True, scope: bool = False) -> str:
        parts = []
        if services and self.services:
            parts.append(_IN_SERVICES.format(alias=alias))
        if counsellors and self.counsellors:
            parts.append(_IN_COUNSELLORS.format(alias=alias))
        if scope and self.source.scope:
            parts.append(self.source.scope.format(a=alias))
        return "".join(f" AND {p}" for p in parts)

    def table(self, name: str, alias: str) -> str:
        return str(getattr(self.source, name)).format(a=alias)


def _consultations(flt: _Filters) -> str:
    """`c`: the period's consultations of live cases in the selection, with their case's service."""
    return f"""
    c AS MATERIALIZED (
        SELECT c.client_id, c.counsellor_id, substr(c.start, 1, 10) AS day,
            substr(c.start, 12, 5) AS at, c.minutes, c.form, c.topics, c.interpreter_used, k.service
        FROM {flt.table("consultations_by_start", "c")}
        JOIN {flt.table("cases_by_id", "k")} ON k.id = c.case_id AND k.deleted = 0
        WHERE c.deleted = 0 AND c.start >= :start AND c.start < date(:end, '+1 day')
            {flt.on("c", services=False, scope=True)}{flt.on("k", counsellors=False)})"""


# Fewer passes over the period's rows: `g` counts them per service, form, interpreter and topic list
# (a few hundred groups), `cs` per client and service (first day, any group consultation).
_GROUPS = f"""
    g AS MATERIALIZED (
        SELECT service, form, interpreter_used, topics, count(*) AS n, sum(minutes) AS minutes
        FROM c GROUP BY service, form, interpreter_used, topics),
    cs AS MATERIALIZED (
        SELECT client_id, service, min(day) AS first, max(form = '{GROUP}') AS grp
        FROM c GROUP BY client_id, service)"""


def _people(flt: _Filters) -> str:
    """`p`: each counselled client once, with their first contact in the period and what the figures ask
    of them. New: no case in the selected services opened, and no consultation in them, before the period.
    Case management: a case with it, open in the period, in the selection."""
    return f"""
    p AS MATERIALIZED (
        SELECT f.client_id, l.id IS NOT NULL AS known, l.country_of_origin AS country, l.gender,
            {_AGE} AS age,
            {_ARRIVAL} AS arrival,
            {flt.source.household} AS household,
            CASE WHEN EXISTS (
                SELECT 1 FROM {flt.table("cases_by_client", "k")}
                WHERE k.deleted = 0 AND k.client_id = f.client_id AND k.opened < :start{flt.on("k", counsellors=False)}
            ) THEN 0 WHEN EXISTS (
                SELECT 1 FROM {flt.table("consultations_by_client", "e")}
                JOIN {flt.table("cases_by_id", "k")} ON k.id = e.case_id AND k.deleted = 0
                WHERE e.deleted = 0 AND e.client_id = f.client_id AND e.start < :start{flt.on("k", counsellors=False)}
            ) THEN 0 ELSE 1 END AS new,
            EXISTS (
                SELECT 1 FROM {flt.table("cases_by_client", "k")}
                WHERE k.deleted = 0 AND k.client_id = f.client_id AND k.case_management AND k.opened <= :end
                    AND (k.closed IS NULL OR k.closed >= :start){flt.on("k")}
            ) AS managed
        FROM (SELECT client_id, min(first) AS first FROM cs GROUP BY client_id) AS f
        LEFT JOIN {flt.table("clients_by_id", "l")} ON l.id = f.client_id AND l.deleted = 0)"""


def _parts(flt: _Filters) -> list[str]:
    """Each part: SELECT figure, key, n, m (m: a second number where the figure has one)."""
    return [
        "SELECT 'form', form, sum(n), sum(minutes) FROM g GROUP BY form",
        "SELECT 'service', service, sum(n), 0 FROM g GROUP BY service",
        "SELECT 'service_clients', service, count(*), 0 FROM cs GROUP BY service",
        "SELECT 'interpreter', '', sum(n), 0 FROM g WHERE interpreter_used",
        # A group session: the group consultations of one counsellor starting at the same moment; its
        # minutes are those of its longest entry, once.
        "SELECT 'sessions', '', count(*), sum(longest) FROM ("
        f"SELECT max(minutes) AS longest FROM c WHERE form = '{GROUP}' GROUP BY counsellor_id, day, at)",
        "SELECT 'group_participants', '', count(DISTINCT client_id), 0 FROM cs WHERE grp",
        # A topic listed twice in one consultation counts once.
        "SELECT 'topic', topic, sum(n), 0 FROM (SELECT DISTINCT l.topics, l.n, t.value AS topic FROM "
        "(SELECT topics, sum(n) AS n FROM g GROUP BY topics) AS l, json_each(l.topics) AS t) GROUP BY topic",
        "SELECT 'clients', '', count(*), sum(new) FROM p",
        "SELECT 'managed', '', count(*), 0 FROM p WHERE managed",
        "SELECT 'household', '', sum(household), 0 FROM p WHERE known",
        f"SELECT 'country', coalesce(nullif(country, ''), '{UNKNOWN}'), count(*), 0 FROM p WHERE known "
        f"GROUP BY coalesce(nullif(country, ''), '{UNKNOWN}')",
        "SELECT 'gender', gender, count(*), 0 FROM p WHERE known GROUP BY gender",
        f"SELECT 'age', {_age_group()}, count(*), 0 FROM p WHERE known GROUP BY 2",
        "SELECT 'arrival', arrival, count(*), 0 FROM p WHERE known GROUP BY arrival",
        # Cases of the selection opened, closed and open in the period, from ranges of their indexes.
        f"SELECT 'opened', service, count(*), 0 FROM {flt.table('cases_by_opened', 'k')} "
        f"WHERE k.deleted = 0 AND k.opened >= :start AND k.opened <= :end{flt.on('k', scope=True)} GROUP BY service",
        "SELECT 'closed', coalesce(nullif(close_reason, ''), 'other'), count(*), 0 "
        f"FROM {flt.table('cases_by_closed', 'k')} "
        f"WHERE k.deleted = 0 AND k.closed >= :start AND k.closed <= :end{flt.on('k', scope=True)} GROUP BY 2",
        f"SELECT 'active', '', count(*), 0 FROM {flt.table('cases_by_closed', 'k')} "
        f"WHERE k.deleted = 0 AND k.closed IS NULL AND k.opened <= :end{flt.on('k', scope=True)}",
        f"SELECT 'active', '', count(*), 0 FROM {flt.table('cases_by_closed', 'k')} "
        f"WHERE k.deleted = 0 AND k.closed >= :start AND k.opened <= :end{flt.on('k', scope=True)}",
        f"SELECT 'activity', kind, count(*), sum(minutes) FROM {flt.table('activities_by_day', 'k')} "
        f"WHERE k.deleted = 0 AND k.day >= :start AND k.day <= :end{flt.on('k', scope=True)} GROUP BY kind",
        f"SELECT 'participants', '', sum(participants), 0 FROM {flt.table('activities_by_day', 'k')} "
        f"WHERE k.deleted = 0 AND k.day >= :start AND k.day <= :end{flt.on('k', scope=True)}",
    ]


def summary_sql(selection: Selection, source: Source = OFFICE) -> str:
    flt = _Filters(bool(selection.services), bool(selection.counsellors), source)
    return f"WITH {_consultations(flt)},{_GROUPS},\n{_people(flt)}\n" + "\nUNION ALL ".join(_parts(flt))


def _collect(rows: list[tuple]) -> PeriodCounts:
    counts = PeriodCounts()
    counters: dict[str, Counter] = {
        "form": counts.consultations_by_form,
        "service": counts.consultations_by_service,
        "topic": counts.topics,
        "country": counts.countries,
        "gender": counts.genders,
        "age": counts.age_groups,
        "arrival": counts.arrival,
        "opened": counts.cases_opened_by_service,
        "closed": counts.close_reasons,
        "activity": counts.activities_by_kind,
    }
    for figure, key, n, m in rows:
        n, m = n or 0, m or 0
        if figure in counters:
            counters[figure][key] += n
        if figure == "form":
            counts.minutes_by_form[key] += m
        elif figure == "service_clients":
            counts.clients_by_service[key] += n
        elif figure == "interpreter":
            counts.interpreter_consultations = n
        elif figure == "sessions":
            counts.group_sessions, counts.group_minutes = n, m
        elif figure == "group_participants":
            counts.group_participants = n
        elif figure == "clients":
            counts.clients_counselled, counts.clients_new = n, m
        elif figure == "managed":
            counts.case_management_clients = n
        elif figure == "household":
            counts.household_members = n
        elif figure == "active":
            counts.cases_active += n
        elif figure == "activity":
            counts.activity_minutes += m
        elif figure == "participants":
            counts.activity_participants = n
    return counts


def period_counts(
    store: Store, period: Period, selection: Selection, source: Source = OFFICE, scope: Mapping[str, str] | None = None
) -> PeriodCounts:
    """The counts of one period in the selection (see the module text); `scope` holds the parameters of
    the source's scope condition, None when every record of the source counts (no condition per row)."""
    if scope is None:
        source = replace(source, scope="")
    rows = store.db.query(
        summary_sql(selection, source),
        {
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "services": json.dumps(sorted(selection.services)),
            "counsellors": json.dumps(sorted(selection.counsellors)),
            **(scope or {}),
        },
    )
    return _collect(rows)


def raw_consultation_rows(store: Store, period: Period) -> list[tuple]:
    """The period's consultation rows as stored, read from the same index without joining or counting:
    the floor the scale benchmark compares the summary with."""
    return store.db.query(
        "SELECT case_id, client_id, counsellor_id, start, minutes, form, topics, interpreter_used "
        "FROM consultations INDEXED BY consultations_facts "
        "WHERE deleted = 0 AND start >= ? AND start < date(?, '+1 day')",
        (period.start.isoformat(), period.end.isoformat()),
    )
