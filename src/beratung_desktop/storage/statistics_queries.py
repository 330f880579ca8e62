"""The records a summary needs for a span of days, read with a few aggregated queries."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from ..domain.statistics import Records
from .store import Store

_IN_SPAN = "start >= ? AND start < date(?, '+1 day') AND deleted = 0"


def _placeholders(values: Collection[str]) -> str:
    return ", ".join("?" for _ in values)


def first_consultations(store: Store, start: date, end: date, services: Collection[str] = ()
                        ) -> dict[str, date]:
    """Day of the first consultation ever (in the services, if given) of clients seen in the span."""
    service_filter = f" AND ca.service IN ({_placeholders(services)})" if services else ""
    rows = store.db.query(
        "SELECT co.client_id, min(co.start) FROM consultations co JOIN cases ca ON ca.id = co.case_id "
        f"WHERE co.deleted = 0{service_filter} AND co.client_id IN "
        f"(SELECT client_id FROM consultations WHERE {_IN_SPAN}) GROUP BY co.client_id",
        (*services, start.isoformat(), end.isoformat()))
    return {client_id: date.fromisoformat(first[:10]) for client_id, first in rows}


def load_records(store: Store, start: date, end: date, services: Collection[str] = ()) -> Records:
    """Consultations and activities of the days start..end with their cases and clients, and every case
    open on one of those days (for openings, closings and case management)."""
    span = (start.isoformat(), end.isoformat())
    consultations = store.consultations.between(start, end)
    cases = store.cases.where(
        f"id IN (SELECT case_id FROM consultations WHERE {_IN_SPAN}) "
        "OR (opened <= ? AND (closed IS NULL OR closed >= ?))", (*span, end.isoformat(), start.isoformat()))
    clients = store.clients.where(f"id IN (SELECT client_id FROM consultations WHERE {_IN_SPAN})", span)
    return Records(clients={c.id: c for c in clients}, cases={c.id: c for c in cases},
                   consultations=consultations, activities=store.activities.between(start, end),
                   first_consultation=first_consultations(store, start, end, services))
