"""The facts a summary needs for a span of days, read column by column (no full records).

Only the span's rows are read, each from a covering index ordered for it (migration 9): the span's
consultations, the clients counselled in it, their cases and the cases open in the span. The cost grows
with the period's data, not with the years of data in the store.
"""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache

from ..domain.statistics import CaseFacts, ClientFacts, ConsultationFacts, Records
from .store import Store


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


@lru_cache(maxsize=4096)
def _topics(text: str) -> tuple[str, ...]:
    return tuple(json.loads(text))


def _household_counselled(text: str) -> int:
    if text in ("", "[]"):
        return 0
    return sum(1 for member in json.loads(text) if member.get("counselled", True))


_SPAN = "deleted = 0 AND start >= ? AND start < date(?, '+1 day')"


def _span(start: date, end: date) -> tuple[str, str]:
    return start.isoformat(), end.isoformat()


def consultation_facts(store: Store, start: date, end: date) -> list[ConsultationFacts]:
    rows = store.db.query(
        "SELECT case_id, client_id, counsellor_id, substr(start, 1, 10), minutes, form, topics, "
        f"interpreter_used, substr(start, 12, 5) FROM consultations INDEXED BY consultations_facts WHERE {_SPAN}",
        _span(start, end),
    )
    return [
        ConsultationFacts(
            case_id,
            client_id,
            counsellor_id,
            date.fromisoformat(day),
            minutes,
            form,
            _topics(topics),
            bool(interpreter),
            at,
        )
        for case_id, client_id, counsellor_id, day, minutes, form, topics, interpreter, at in rows
    ]


_CASE_COLUMNS = "id, client_id, service, counsellor_id, opened, closed, close_reason, case_management"


def case_facts(store: Store, start: date, end: date, client_ids: list[str], case_ids: list[str]) -> list[CaseFacts]:
    """The cases open on a day of the span, every case of the given clients (for their first case) and
    the given cases (those of the span's consultations)."""
    rows = store.db.query(
        f"SELECT {_CASE_COLUMNS} FROM cases INDEXED BY cases_facts_closed "
        "WHERE deleted = 0 AND closed IS NULL AND opened <= ? "
        f"UNION SELECT {_CASE_COLUMNS} FROM cases INDEXED BY cases_facts_closed "
        "WHERE deleted = 0 AND closed >= ? AND opened <= ? "
        f"UNION SELECT {_CASE_COLUMNS} FROM cases INDEXED BY cases_facts_client "
        "WHERE deleted = 0 AND client_id IN (SELECT value FROM json_each(?)) "
        f"UNION SELECT {_CASE_COLUMNS} FROM cases WHERE deleted = 0 AND id IN (SELECT value FROM json_each(?))",
        (end.isoformat(), start.isoformat(), end.isoformat(), json.dumps(client_ids), json.dumps(case_ids)),
    )
    return [
        CaseFacts(
            case_id,
            client_id,
            service,
            counsellor_id,
            date.fromisoformat(opened),
            _day(closed),
            close_reason,
            bool(managed),
        )
        for case_id, client_id, service, counsellor_id, opened, closed, close_reason, managed in rows
    ]


def client_facts(store: Store, client_ids: list[str]) -> list[ClientFacts]:
    """Facts of the given clients, looked up by id in a covering index."""
    rows = store.db.query(
        "SELECT id, birth_date, birth_year, gender, country_of_origin, arrival_date, household "
        "FROM clients INDEXED BY clients_facts WHERE deleted = 0 AND id IN (SELECT value FROM json_each(?))",
        (json.dumps(client_ids),),
    )
    return [
        ClientFacts(
            client_id, _day(birth_date), birth_year, gender, country, _day(arrival), _household_counselled(household)
        )
        for client_id, birth_date, birth_year, gender, country, arrival, household in rows
    ]


def load_records(store: Store, start: date, end: date) -> Records:
    """Consultations and activities of the days start..end, their clients, their clients' cases and the
    cases open in the span."""
    consultations = consultation_facts(store, start, end)
    client_ids = sorted({c.client_id for c in consultations})
    case_ids = sorted({c.case_id for c in consultations})
    return Records(
        clients={c.id: c for c in client_facts(store, client_ids)},
        cases={c.id: c for c in case_facts(store, start, end, client_ids, case_ids)},
        consultations=consultations,
        activities=store.activities.between(start, end),
    )
