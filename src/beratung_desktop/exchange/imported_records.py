"""Imported record dicts (statistics or full scope) as the facts the summary figures need.

Statistics-scope records are coarsened: the birth year without a date, the arrival month as its first
day, a consultation's day. Ids get the device as prefix, so that records of different offices never
meet.
"""

from __future__ import annotations

from datetime import date
from typing import Any, overload

from ..domain.activities import Activity
from ..domain.statistics import CaseFacts, ClientFacts, ConsultationFacts
from .pseudonymise import coarse_date

Row = dict[str, Any]


@overload
def scoped_id(device_id: str, record_id: str) -> str: ...
@overload
def scoped_id(device_id: str, record_id: None) -> None: ...
def scoped_id(device_id: str, record_id: str | None) -> str | None:
    return f"{device_id[:8]}:{record_id}" if record_id else None


@overload
def _day(value: str) -> date: ...
@overload
def _day(value: None) -> None: ...
def _day(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def client(device_id: str, row: Row) -> ClientFacts:
    if "arrival_month" in row:  # statistics scope
        birth_date, arrival = None, coarse_date(row["arrival_month"])
        household = row.get("household_counselled") or 0
    else:
        birth_date, arrival = _day(row.get("birth_date")), _day(row.get("arrival_date"))
        household = sum(1 for m in row.get("household") or [] if m.get("counselled"))
    birth_year = row.get("birth_year") if birth_date is None else birth_date.year
    return ClientFacts(
        scoped_id(device_id, row["id"]),
        birth_date,
        birth_year,
        row["gender"],
        row.get("country_of_origin", ""),
        arrival,
        household,
    )


def case(device_id: str, row: Row) -> CaseFacts:
    return CaseFacts(
        scoped_id(device_id, row["id"]),
        scoped_id(device_id, row["client_id"]),
        row["service"],
        scoped_id(device_id, row["counsellor_id"]),
        _day(row["opened"]),
        _day(row.get("closed")),
        row.get("close_reason"),
        bool(row.get("case_management")),
    )


def consultation(device_id: str, row: Row) -> ConsultationFacts:
    return ConsultationFacts(
        scoped_id(device_id, row["case_id"]),
        scoped_id(device_id, row["client_id"]),
        scoped_id(device_id, row["counsellor_id"]),
        _day(row.get("day") or row["start"]),
        row["minutes"],
        row["form"],
        tuple(row.get("topics") or ()),
        bool(row.get("interpreter_used")),
    )


def activity(device_id: str, row: Row) -> Activity:
    return Activity(
        id=scoped_id(device_id, row["id"]),
        counsellor_id=scoped_id(device_id, row["counsellor_id"]),
        kind=row["kind"],
        service=row["service"],
        day=_day(row["day"]),
        minutes=row["minutes"],
        participants=row.get("participants", 0),
        partner_id=scoped_id(device_id, row.get("partner_id")),
    )
