"""The facts a summary needs for a span of days, read column by column (no full records).

A month of a large office has tens of thousands of consultations; building full records for each
would take seconds, these projections take a fraction of that. The consultations of the span are
read once; the clients and cases tables, small beside the consultations, are read whole.
"""

from __future__ import annotations

import json
from collections.abc import Collection
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


def consultation_facts(store: Store, start: date, end: date) -> list[ConsultationFacts]:
    # Rows are fetched in rowid (storage) order, not date order: each page is then decrypted once even
    # when the span's consultations are spread over the whole table.
    rows = store.db.query(
        "SELECT case_id, client_id, counsellor_id, substr(start, 1, 10), minutes, form, topics, "
        "interpreter_used, substr(start, 12, 5) FROM consultations WHERE deleted = 0 AND rowid IN "
        "(SELECT rowid FROM consultations WHERE start >= ? AND start < date(?, '+1 day'))",
        (start.isoformat(), end.isoformat()),
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


def case_facts(store: Store) -> list[CaseFacts]:
    """Every case: a full scan of the (small) cases table is cheaper than picking the ones needed."""
    rows = store.db.query(
        "SELECT id, client_id, service, counsellor_id, opened, closed, close_reason, "
        "case_management FROM cases WHERE deleted = 0"
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


def client_facts(store: Store, client_ids: Collection[str]) -> list[ClientFacts]:
    """Facts of the given clients. The clients table is read whole: a sequential scan is cheaper than
    thousands of lookups by id, and only the wanted rows are decoded."""
    wanted = set(client_ids)
    rows = store.db.query(
        "SELECT id, birth_date, birth_year, gender, country_of_origin, arrival_date, household "
        "FROM clients WHERE deleted = 0"
    )
    return [
        ClientFacts(
            client_id, _day(birth_date), birth_year, gender, country, _day(arrival), _household_counselled(household)
        )
        for client_id, birth_date, birth_year, gender, country, arrival, household in rows
        if client_id in wanted
    ]


def load_records(store: Store, start: date, end: date) -> Records:
    """Consultations and activities of the days start..end, their clients, and all cases."""
    consultations = consultation_facts(store, start, end)
    clients = client_facts(store, {c.client_id for c in consultations})
    return Records(
        clients={c.id: c for c in clients},
        cases={c.id: c for c in case_facts(store)},
        consultations=consultations,
        activities=store.activities.between(start, end),
    )
