"""The monthly summary of the reports over all offices whose packages the organisation imported.

The figures are computed by the same code as an office's own summary (domain.statistics), from the
newest imported version of every record. Statistics-scope records are coarsened (birth year only,
arrival month), so ages and the arrival group can differ slightly from the office's own figures.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ..domain.catalogues import FORMS, TOPICS
from ..domain.statistics import EVERYTHING, Comparison, Period, Records, Selection, compute
from ..exchange import imported_records
from . import organisation
from .session import Session


def _live(session: Session, record_type: str, offices: frozenset[str]) -> Iterable[tuple[str, dict]]:
    for device_id, office, row in organisation.current_records(session, record_type):
        if not row["deleted"] and (not offices or office in offices):
            yield device_id, row


def load_records(session: Session, chosen: Selection = EVERYTHING, offices: Iterable[str] = ()) -> Records:
    """Every imported client, case, consultation and activity (the computation filters the period)."""
    wanted = frozenset(offices)
    clients = {c.id: c for c in (imported_records.client(d, r) for d, r in _live(session, "clients", wanted))}
    cases = {c.id: c for c in (imported_records.case(d, r) for d, r in _live(session, "cases", wanted))}
    consultations = [imported_records.consultation(d, r) for d, r in _live(session, "consultations", wanted)]
    activities = [imported_records.activity(d, r) for d, r in _live(session, "activities", wanted)]
    first: dict[str, date] = {}
    for c in consultations:
        case = cases.get(c.case_id)
        if case is not None and chosen.service_ok(case.service):
            day = c.start.date()
            if c.client_id not in first or day < first[c.client_id]:
                first[c.client_id] = day
    return Records(clients=clients, cases=cases, consultations=consultations, activities=activities,
                   first_consultation=first)


def summary(session: Session, period: Period, chosen: Selection = EVERYTHING,
            offices: Iterable[str] = ()) -> Comparison:
    """Figures of the period and the one before over all (or the named) offices."""
    session.require_role("team_lead", "admin")
    records = load_records(session, chosen, offices)
    previous = period.previous()
    kwargs = {"form_order": FORMS.codes(), "topic_order": TOPICS.codes()}
    return Comparison(current=compute(period, records, chosen, **kwargs),
                      previous=compute(previous, records, chosen, **kwargs))
